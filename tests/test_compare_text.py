"""Numbers as people read them: no signed zero, the sign before the euro sign, the locale's marks."""

from __future__ import annotations

import html
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburgering.compare.text import MINUS, euros, number, pct


def test_a_difference_that_rounds_to_zero_has_no_sign() -> None:
    assert pct(-0.0004, "en", points=True) == "0.0 pp"
    assert pct(-0.0004, "nl", points=True) == "0,0 procentpunt"
    assert euros(-2e5, "en", signed=True) == "€0m"
    assert number(-0.04, "en", signed=True, decimals=1) == "0.0"


def test_the_sign_comes_before_the_euro_sign() -> None:
    assert euros(-3.2e6, "en", signed=True) == f"{MINUS}€3m"
    assert euros(3.2e6, "nl", signed=True) == "+€3 mln"
    assert euros(-1_234_600_000, "nl") == f"{MINUS}€1.235 mln"


def test_dutch_numbers_use_a_decimal_comma_and_a_thousands_point() -> None:
    assert number(1_234_567, "nl") == "1.234.567"
    assert number(-12.34, "nl", signed=True, decimals=1) == f"{MINUS}12,3"
    assert pct(0.365, "nl") == "36,5%"
    assert pct(math.nan, "nl") == "n.b."


@given(st.floats(-1e10, 1e10, allow_nan=False), st.sampled_from(["en", "nl"]))
def test_no_text_shows_a_hyphen_for_minus_or_a_signed_zero(x: float, lang: str) -> None:
    for text in (pct(x / 1e10, lang, points=True), euros(x, lang, signed=True), number(x, lang, signed=True)):
        assert "-" not in text
        assert not re.search(f"[+{MINUS}]€?0([.,]0+)?( |m|$)", text), text


def test_every_sankey_node_has_a_label_in_both_languages() -> None:
    from inburgering.compare.charts import node_label
    from inburgering.compare.metrics import OUTCOMES
    from inburgering.sim.state import ROUTE_NAMES

    nodes = ["asiel", "gezin", *(f"route.{r}" for r in (*ROUTE_NAMES, "geenPip")), *(f"uitkomst.{o}" for o in OUTCOMES)]
    for lang in ("en", "nl"):
        shown = [node_label(n, lang) for n in nodes]
        assert all(s != n and s != n.partition(".")[2] for s, n in zip(shown, nodes, strict=True)), shown
        assert len(set(shown)) == len(shown)


def test_mb_is_counted_for_everyone_with_the_right_per_group() -> None:
    """VWN's extension of MB to the AOW-aged shows in the count of its group (before: only the obliged counted)."""
    from inburgering.compare.metrics import kern
    from inburgering.law.scenario import resolve
    from inburgering.sim.behaviour import load_behaviour
    from inburgering.sim.engine import SimConfig, simulate_population
    from inburgering.sim.population import PopulationConfig, generate_population

    b = load_behaviour()
    pop = generate_population(b, PopulationConfig(laatste_instroomjaar=2028, schaal=0.02, seed=3))
    counts = {}
    for sid in ("wi2021", "vwn-2026"):
        k = kern(simulate_population(pop, resolve(sid), b, SimConfig(eind="2030-12", seed=3)), 0.02)
        pick = k[(k["group"] == "alle") & k["indicator"].str.startswith("aantalMetBegeleiding")]
        counts[sid] = dict(zip(pick["indicator"], pick["value"], strict=True))
    assert counts["wi2021"]["aantalMetBegeleiding.aowLeeftijd"] == 0
    assert counts["vwn-2026"]["aantalMetBegeleiding.aowLeeftijd"] > 0
    for c in counts.values():
        parts = sum(v for name, v in c.items() if name != "aantalMetBegeleiding")
        assert parts == pytest.approx(c["aantalMetBegeleiding"])


def test_the_fit_table_in_the_report_shows_words_not_codes() -> None:
    from inburgering.calibration.targets import STATUSES, USES
    from inburgering.compare.report_fit import FIT_STATUSES, FIT_USES, fit_section

    assert set(FIT_STATUSES) == set(STATUSES) and set(FIT_USES) == set(USES)
    for lang in ("en", "nl"):
        html = fit_section(lang)
        assert "True" not in html and "False" not in html and "e+0" not in html
        assert "<td>C</td>" not in html and "<td>check</td>" not in html


def _words(page: str) -> str:
    """A page's text as a reader sees it: tags removed, entities read, whitespace one space."""
    return " ".join(html.unescape(re.sub("<[^>]+>", " ", page)).split())


def test_a_dutch_report_gives_every_published_figure_and_every_miss_in_dutch() -> None:
    """A review found the Dutch report's fit section and its warning beside the key table in English."""
    from inburgering.calibration.targets import load_targets
    from inburgering.compare.report_fit import fit_section, fit_warning

    targets = load_targets()
    assert all(t.description_nl for t in targets), [t.id for t in targets if not t.description_nl]
    assert all(t.gap_nl for t in targets if t.gap), [t.id for t in targets if t.gap and not t.gap_nl]

    dutch, english = _words(fit_section("nl") + fit_warning("nl")), _words(fit_section("en") + fit_warning("en"))
    for t in targets:
        assert " ".join(t.description_nl.split()) in dutch and " ".join(t.description.split()) in english
        assert " ".join(t.description.split()) not in dutch or t.description == t.description_nl
    missed = [t for t in targets if t.gap and " ".join(t.gap.split()) in english]
    assert missed, "the shipped fit misses some figures, and the English report gives their reasons"
    assert all(" ".join(t.gap_nl.split()) in dutch for t in missed)


def test_a_dutch_report_names_the_scenarios_sources_by_their_dutch_titles() -> None:
    """A review found English titles ("as quoted in the VWN letter") in the Dutch report's scenario table."""
    from inburgering.compare.report_scenarios import scenario_section
    from inburgering.law.citations import documents

    scenarios = ("wi2021", "coalitie-2026", "coalitie-2026+vwn-2026")
    dutch, english = _words(scenario_section(scenarios, "nl")), _words(scenario_section(scenarios, "en"))
    shown = [d for d in documents().values() if d["titel"] in english]
    assert len(shown) >= 3
    for doc in shown:
        assert doc.get("titel_nl", doc["titel"]) in dutch
        assert doc["titel"] not in dutch or "titel_nl" not in doc
    assert "as quoted" not in dutch
