"""Parameters, citations and scenarios: the law as data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from inburgering.law.citations import INDEXED_BWB, CitationError, article_index, parse_citation
from inburgering.law.parameters import ParameterError, load_parameters, load_parameters_from
from inburgering.law.scenario import ScenarioError, load_scenario_file, resolve, shipped_layers, warnings_for

SHIPPED = ["wi2021", "migratiepact-2026", "coalitie-2026", "vwn-2026"]


def test_shipped_index_is_the_shared_one(shared_dir: Path) -> None:
    shared = shared_dir / "domain" / "wi2021-article-index.tsv"
    if not shared.exists():
        pytest.skip("shared/ not beside the checkout")
    ours = Path(__file__).resolve().parents[1] / "src/inburgering/law/data/wi2021-article-index.tsv"
    assert ours.read_bytes() == shared.read_bytes()


def _all_citations():
    params = load_parameters()
    for path in params:
        for dated in params[path].values:
            yield path, dated.citations
    for sid, layer in shipped_layers().items():
        yield sid, layer.sources
        for change in layer.changes:
            yield f"{sid}:{change.parameter}", change.source


def test_every_wi2021_and_besluit_citation_exists_in_the_index() -> None:
    index = article_index()
    seen = 0
    for where, citations in _all_citations():
        assert citations, f"{where} has no citation"
        for cit in citations:
            if cit.bwb in INDEXED_BWB:
                assert (cit.bwb, cit.artikel) in index, f"{where}: {cit.label}"
                assert cit.url == index[(cit.bwb, cit.artikel)]
                seen += 1
    assert seen > 50


def test_every_parameter_has_a_law_citation_or_says_why_not() -> None:
    params = load_parameters()
    for path in params:
        kinds = {c.kind for v in params[path].values for c in v.citations}
        assert kinds & {"wet", "celex", "document"}, path
        for cit in (c for v in params[path].values for c in v.citations):
            if cit.kind in ("regeling-niet-gelezen", "praktijk", "aanname"):
                assert cit.toelichting, path


def test_citation_of_missing_article_is_refused() -> None:
    with pytest.raises(CitationError, match="not in the article index"):
        parse_citation({"bwb": "BWBR0044770", "artikel": "11.9"}, "test")
    with pytest.raises(CitationError, match="not in the article index"):
        parse_citation({"bwb": "BWBR0045555", "artikel": "5.3 lid 1"}, "test")


def test_practice_citation_needs_an_explanation() -> None:
    with pytest.raises(CitationError, match="toelichting"):
        parse_citation({"bron": "aanname"}, "test")


def test_key_values_of_the_law() -> None:
    p = load_parameters()
    on = dt.date(2026, 1, 1)
    assert p.value("termijn.duur", on) == 36
    assert p.value("pip.deadline_weken", on) == 10
    assert p.value("afschaling.min_lesuren_nt2", on) == 600
    assert p.value("leerroute.wijzigingstermijn", on) == 18
    assert p.value("leerroute.zroute_cursusuren", on) == 800
    assert p.value("leerroute.pvt_min_uren", on) == 12
    assert p.value("lening.maximum", on) == 10000
    assert p.value("plicht.aow_leeftijd", dt.date(2027, 12, 31)) == 67 * 12
    assert p.value("plicht.aow_leeftijd", dt.date(2028, 1, 1)) == 67 * 12 + 3


def test_value_before_first_date_is_an_error() -> None:
    with pytest.raises(ParameterError, match="no value on 2019"):
        load_parameters()["termijn.duur"].at("2019-06-01")


def test_parameter_file_errors_are_all_reported() -> None:
    files = {
        "t": {
            "a": {
                "description": {"en": "x", "nl": "x"},
                "unit": "parsecs",
                "type": "int",
                "citations": [{"bwb": "BWBR0044770", "artikel": "11.1"}],
                "values": {dt.date(2022, 1, 1): 3},
            },
            "b": {
                "description": {"en": "x", "nl": "x"},
                "unit": "months",
                "type": "int",
                "citations": [{"bwb": "BWBR0044770", "artikel": "11.1"}],
                "values": {dt.date(2022, 1, 1): "drie"},
            },
            "c": {
                "description": {"en": "x"},
                "unit": "months",
                "type": "int",
                "citations": [],
                "values": {"gisteren": 3},
            },
        }
    }
    with pytest.raises(ParameterError) as info:
        load_parameters_from(files)
    text = str(info.value)
    assert "t.a: unit 'parsecs'" in text
    assert "t.b from 2022-01-01: expected a value of type int" in text
    assert "t.c: description needs 'en' and 'nl'" in text
    assert "t.c: value key 'gisteren' is not a date" in text


@pytest.mark.parametrize("sid", SHIPPED)
def test_shipped_scenarios_resolve_and_hash_stably(sid: str) -> None:
    scenario = resolve(sid)
    assert scenario.hash == resolve(sid).hash
    assert len(scenario.hash) == 16


def test_hashes_differ_between_scenarios() -> None:
    hashes = {resolve(s).hash for s in [*SHIPPED, "coalitie-2026+vwn-2026"]}
    assert len(hashes) == 5


def test_stack_applies_layers_in_order() -> None:
    stack = resolve("coalitie-2026+vwn-2026")
    assert [layer.id for layer in stack.layers] == ["wi2021", "migratiepact-2026", "coalitie-2026", "vwn-2026"]
    on = dt.date(2027, 6, 1)
    assert stack.parameters.value("asiel.werk_wachttijd_kansrijk", on) == 1  # vwn on top of the pact's 3
    assert stack.parameters.value("asiel.werk_kansarm_uitgesloten", on) is True  # the pact's bar stays
    assert stack.parameters.value("naturalisatie.verblijfsjaren", on) == 6  # the coalition's 6 years
    assert stack.parameters.value("naturalisatie.inburgeringsvereiste", on) == "inburgering"  # vwn's level


def test_override_keeps_base_values_before_its_date() -> None:
    pact = resolve("migratiepact-2026").parameters["asiel.werk_wachttijd_kansrijk"]
    assert [(str(v.vanaf), v.value) for v in pact.values] == [("2022-01-01", 6), ("2026-06-12", 3)]
    assert pact.values[1].citations[0].kind == "document"


def _write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def test_user_scenario_all_errors_at_once(tmp_path: Path) -> None:
    doc = {
        "id": "mijn",
        "title": {"en": "mine", "nl": "mijn"},
        "base": "wi2021",
        "sources": [{"bron": "aanname", "toelichting": "test"}],
        "changes": [
            {"parameter": "termijn.duurr", "values": {dt.date(2027, 1, 1): 48}},
            {"parameter": "termijn.duur", "values": {dt.date(2027, 1, 1): "48"}},
            {"parameter": "termijn.duur", "unit": "years", "values": {dt.date(2027, 1, 1): 4}},
            {"parameter": "termijn.duur", "values": {dt.date(2028, 1, 1): 48, dt.date(2027, 1, 1): 40}},
            {"parameter": "termijn.duur", "values": {"ingang": 48}},
        ],
    }
    with pytest.raises(ScenarioError) as info:
        load_scenario_file(_write(tmp_path, doc))
    errs = info.value.errors
    assert len(errs) == 5, errs
    text = "\n".join(errs)
    assert "unknown parameter" in text
    assert "expected a value of type int" in text
    assert "unit 'years' does not match" in text
    assert "dates out of order" in text
    assert "neither a date nor a known date name" in text


def test_unknown_base(tmp_path: Path) -> None:
    doc = {
        "id": "x",
        "title": {"en": "x", "nl": "x"},
        "base": "wi2031",
        "sources": [{"bron": "aanname", "toelichting": "t"}],
        "changes": [],
    }
    with pytest.raises(ScenarioError, match="base 'wi2031' does not exist"):
        load_scenario_file(_write(tmp_path, doc))


def test_unknown_scenario_in_stack() -> None:
    with pytest.raises(ScenarioError, match="unknown scenario 'vwn-2027'"):
        resolve("coalitie-2026+vwn-2027")


def test_a_scenario_that_changes_nothing_warns_and_hashes_like_its_base(tmp_path: Path) -> None:
    doc = {
        "id": "niets",
        "title": {"en": "nothing", "nl": "niets"},
        "base": "wi2021",
        "sources": [{"bron": "aanname", "toelichting": "t"}],
        "changes": [{"parameter": "termijn.duur", "values": {dt.date(2027, 1, 1): 36}}],
    }
    layer = load_scenario_file(_write(tmp_path, doc))
    scenario = resolve("niets", {"niets": layer})
    assert scenario.hash == resolve("wi2021").hash
    assert warnings_for(scenario) == ["niets: changes nothing in force on or before 2040-12-31"]


def test_a_change_beyond_the_horizon_warns(tmp_path: Path) -> None:
    doc = {
        "id": "laat",
        "title": {"en": "late", "nl": "laat"},
        "sources": [{"bron": "aanname", "toelichting": "t"}],
        "changes": [{"parameter": "termijn.duur", "values": {dt.date(2045, 1, 1): 48}}],
    }
    scenario = resolve("laat", {"laat": load_scenario_file(_write(tmp_path, doc))})
    assert warnings_for(scenario, "2040-12-31")
    assert not warnings_for(scenario, "2050-12-31")


def test_shipped_scenarios_do_not_warn() -> None:
    for sid in SHIPPED[1:]:
        assert warnings_for(resolve(sid)) == []


def test_a_user_layer_moves_an_effective_date(tmp_path: Path) -> None:
    doc = {
        "id": "later",
        "title": {"en": "later", "nl": "later"},
        "base": "vwn-2026",
        "dates": {"vwn-2026.ingangsdatum": dt.date(2029, 1, 1)},
        "sources": [{"bron": "aanname", "toelichting": "t"}],
        "changes": [],
    }
    scenario = resolve("later", {"later": load_scenario_file(_write(tmp_path, doc))})
    flag = scenario.parameters["afschaling.urenvereiste"]
    assert [(str(v.vanaf), v.value) for v in flag.values] == [("2022-01-01", True), ("2029-01-01", False)]


def test_a_scenario_describes_itself_in_both_languages_or_in_english() -> None:
    from inburgering.law.scenario import parse_layer, shipped_layers

    for layer in shipped_layers().values():
        assert layer.describe("nl") and layer.describe("nl") != layer.describe("en")
    base = {"id": "x", "title": {"en": "X", "nl": "X"}, "sources": [{"document": "vwn-brief-2026-02-02"}]}
    plain, errors = parse_layer({**base, "description": "Only  English\n text."}, "t")
    assert plain is not None and not errors and plain.describe("nl") == "Only English text."
    both, errors = parse_layer({**base, "description": {"en": "E", "nl": "N"}}, "t")
    assert both is not None and not errors and (both.describe("en"), both.describe("nl")) == ("E", "N")
    _, errors = parse_layer({**base, "description": {"nl": "N", "fr": "F"}}, "t")
    assert any("'description'" in e for e in errors)


def test_why_a_change_acts_together_is_given_in_both_languages_or_in_english() -> None:
    from inburgering.compare.report_changes import _sources
    from inburgering.law.scenario import parse_layer, resolve, shipped_layers

    for layer in shipped_layers().values():
        for change in layer.changes:
            if change.because:
                assert change.because_nl and change.why_together("nl") != change.why_together("en"), change.parameter
    stacked = resolve("coalitie-2026+vwn-2026")
    dutch, english = _sources(stacked, "nl"), _sources(stacked, "en")
    reasons = {path for path, (_, why) in english.items() if why}
    assert reasons and all(dutch[p][1] and dutch[p][1] != english[p][1] for p in reasons)

    base = {"id": "x", "title": {"en": "X", "nl": "X"}, "sources": [{"document": "vwn-brief-2026-02-02"}]}

    def change(omdat: object) -> dict:
        together = {"parameters": ["asiel.brp_wachttijd"], "omdat": omdat}
        return {
            **base,
            "changes": [
                {"parameter": "asiel.werk_wachttijd", "values": {"2027-01-01": 1}, "werkt_samen_met": together}
            ],
        }

    plain, errors = parse_layer(change("Only  English."), "t")
    assert plain is not None and not errors and plain.changes[0].why_together("nl") == "Only English."
    both, errors = parse_layer(change({"en": "E", "nl": "N"}), "t")
    assert both is not None and not errors
    assert (both.changes[0].why_together("en"), both.changes[0].why_together("nl")) == ("E", "N")
    _, errors = parse_layer(change({"nl": "N"}), "t")
    assert any("'omdat'" in e for e in errors)


def test_a_change_is_credited_to_every_layer_that_proposes_it() -> None:
    # a review found the work-from-3-months change credited to VWN alone, though the Pact sets it first
    from inburgering.compare.report_changes import _origin, _sources
    from inburgering.law.scenario import resolve

    sources = _sources(resolve("coalitie-2026+vwn-2026"), "en")
    assert sources["asiel.voorinburgering_vanaf"][0] == ["coalitie-2026", "vwn-2026"]
    layer, _ = _origin("asiel.werk_wachttijd_kansrijk + asiel.brp_wachttijd", sources, "en")
    assert layer.split(", ")[:2] == ["migratiepact-2026", "vwn-2026"]


def test_a_stack_says_which_layer_wins_where_two_set_one_parameter() -> None:
    """A legal tester found B1 (coalition) and 'inburgering' (VWN) listed from one day, neither marked."""
    from inburgering.law.scenario_report import describe

    text = describe(resolve("coalitie-2026+vwn-2026"))
    block = text[text.index("coalitie-2026: ") :]
    block = block[block.index("naturalisatie.inburgeringsvereiste") :]
    note = block.splitlines()[3]
    assert "also set by vwn-2026" in note and "inburgering from 2027-01-01" in note
    assert "also set by" not in describe(resolve("coalitie-2026"))
