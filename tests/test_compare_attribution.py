"""Which change does what: units of a scenario, the variants run, and the contributions' arithmetic."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.compare.attribution import (
    SHAPLEY_MAX,
    Unit,
    bits,
    change_units,
    contributions,
    resolve_subset,
    variants,
)
from inburgering.compare.request import CompareRequest
from inburgering.compare.run import compare
from inburgering.compare.runner import SYNC, make_tasks
from inburgering.compare.store import RunStore
from inburgering.law.scenario import parse_layer, resolve
from inburgering.sim.behaviour import load_behaviour


def test_changes_that_act_only_together_are_one_unit_and_unsimulated_ones_none() -> None:
    vwn = change_units("vwn-2026", "wi2021")
    together = [u for u in vwn if "asiel.brp_wachttijd_kansrijk" in u.parameters]
    assert len(together) == 1
    assert set(together[0].parameters) == {"asiel.brp_wachttijd_kansrijk", "asiel.werk_wachttijd_kansrijk"}
    coalition = change_units("coalitie-2026", "wi2021")
    paths = [p for u in coalition for p in u.parameters]
    assert "naturalisatie.min_tijdelijke_vergunningen" not in paths  # niet_in_simulatie
    assert "asiel.vergunning_duur" in paths  # the base layer's change counts against wi2021 ...
    on_pact = [p for u in change_units("coalitie-2026", "migratiepact-2026") for p in u.parameters]
    assert "asiel.vergunning_duur" not in on_pact  # ... but not against the Migration Pact itself
    assert len(paths) == len(set(paths))
    assert all(u.label["en"] and u.label["nl"] for u in coalition)


def test_a_parameter_set_by_two_layers_is_one_unit_proposed_by_both() -> None:
    # a review found only the last layer named: the work unit credited to VWN alone, though the Migration
    # Pact's shorter wait is in it
    stack = change_units("coalitie-2026+vwn-2026", "wi2021")
    early = [u for u in stack if "asiel.voorinburgering_vanaf" in u.parameters]
    assert len(early) == 1 and early[0].layer == "coalitie-2026 + vwn-2026"
    work = [u for u in stack if "asiel.werk_wachttijd_kansrijk" in u.parameters]
    assert len(work) == 1 and work[0].layer == "migratiepact-2026 + vwn-2026"
    alone = [u for u in stack if u.parameters == ("beleid.kinderopvang",)]
    assert alone[0].layer == "vwn-2026"


@pytest.mark.parametrize(
    ("spec", "base"),
    [
        ("coalitie-2026", "wi2021"),
        ("coalitie-2026", "migratiepact-2026"),
        ("vwn-2026", "wi2021"),
        ("coalitie-2026", "vwn-2026"),  # the baseline is not an ancestor: the scenario lacks VWN's changes
        ("migratiepact-2026", "coalitie-2026"),  # the scenario is an ancestor of the baseline
    ],
)
def test_keeping_every_unit_is_the_scenario_and_keeping_none_is_the_baseline(spec: str, base: str) -> None:
    units = change_units(spec, base)
    assert units  # each pair differs on simulated parameters
    every = tuple(p for u in units for p in u.parameters)
    assert resolve_subset(spec, base, ()).hash == resolve(base).hash
    full, kept = resolve(spec).parameters, resolve_subset(spec, base, every).parameters
    differ = {p for p in full if full[p].values != kept[p].values}
    silent = {
        c.parameter for s in (spec, base) for layer in resolve(s).layers for c in layer.changes if c.not_simulated
    }
    assert differ <= silent  # only what the simulation cannot show keeps the baseline's value


def test_a_change_set_back_by_a_later_layer_is_no_change() -> None:
    # VWN's early offer and naturalisation requirement are overridden by the coalition's on top
    units = change_units("vwn-2026+coalitie-2026", "coalitie-2026")
    paths = {p for u in units for p in u.parameters}
    assert "asiel.voorinburgering_vanaf" not in paths and "naturalisatie.inburgeringsvereiste" not in paths
    assert "beleid.taalmaatjes" in paths


@settings(max_examples=30, deadline=None)
@given(k=st.integers(0, 9))
def test_the_variants_run(k: int) -> None:
    names = variants(k)
    assert len(names) == len(set(names))
    assert bits(set(), k) not in names and bits(set(range(k)), k) not in names
    if k <= SHAPLEY_MAX:
        assert len(names) == max(0, 2**k - 2)
    else:
        assert len(names) == 2 * k
    assert all(len(n) == k and set(n) <= {"0", "1"} for n in names)


def _frames(k: int, values: dict[str, np.ndarray]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Synthetic per-draw measures: the baseline and the scenario in ``kern``, the rest as variants."""
    draws = len(next(iter(values.values())))
    kern_rows, variant_rows = [], []
    for name, v in values.items():
        for d in range(draws):
            row = {"draw": d, "indicator": "aandeelBetaaldWerk36m", "group": "asiel", "value": float(v[d])}
            if name == bits(set(), k):
                kern_rows.append({"scenario": "base", "route": "alle", "sex": "alle", **row})
            elif name == bits(set(range(k)), k):
                kern_rows.append({"scenario": "s", "route": "alle", "sex": "alle", **row})
            else:
                variant_rows.append({"scenario": "s", "variant": name, **row})
    return pd.DataFrame(kern_rows), pd.DataFrame(variant_rows), pd.DataFrame()


def _units(k: int) -> dict[str, list[Unit]]:
    return {"s": [Unit((f"p{i}",), {"en": f"p{i}", "nl": f"p{i}"}, "s") for i in range(k)]}


@settings(max_examples=40, deadline=None)
@given(k=st.integers(1, SHAPLEY_MAX), data=st.data())
def test_shapley_shares_add_up_to_the_whole_effect(k: int, data: st.DataObject) -> None:
    draws = 3
    values = {
        bits(set(s), k): np.array(data.draw(st.lists(st.floats(-1, 1), min_size=draws, max_size=draws)))
        for n in range(k + 1)
        for s in itertools.combinations(range(k), n)
    }
    kern, variant, kosten = _frames(k, values)
    out = contributions(variant, kern, kosten, _units(k), "base")
    shapley = out[out["method"] == "shapley"].groupby("draw")["value"].sum()
    total = out[out["method"] == "totaal"].set_index("draw")["value"]
    assert np.allclose(shapley.sort_index(), total.sort_index())
    if k == 1:  # one change: every method is the whole effect
        for method in ("alleen", "zonder", "shapley"):
            assert np.allclose(out[out["method"] == method].set_index("draw")["value"].sort_index(), total.sort_index())


@settings(max_examples=30, deadline=None)
@given(effects=st.lists(st.floats(-1, 1), min_size=1, max_size=6))
def test_without_interaction_every_method_gives_each_change_its_own_effect(effects: list[float]) -> None:
    k = len(effects)
    subsets = [set(s) for n in range(k + 1) for s in itertools.combinations(range(k), n)]
    names = [bits(s, k) for s in subsets]
    needed = {bits(set(), k), bits(set(range(k)), k), *variants(k)}
    values = {n: np.array([sum(effects[i] for i in s)]) for n, s in zip(names, subsets, strict=True) if n in needed}
    kern, variant, kosten = _frames(k, values)
    out = contributions(variant, kern, kosten, _units(k), "base")
    for i, effect in enumerate(effects):
        mine = out[(out["unit"] == f"p{i}") & (out["method"] != "totaal")]
        assert set(mine["method"]) == ({"alleen", "zonder", "shapley"} if k <= SHAPLEY_MAX else {"alleen", "zonder"})
        assert np.allclose(mine["value"], effect)


CHILDCARE_AND_YEARS = {
    "id": "opvang-en-jaren",
    "title": {"en": "Childcare and a shorter wait", "nl": "Kinderopvang en korter wachten"},
    "base": "wi2021",
    "description": "Two changes to test the attribution.",
    "sources": [{"document": "vwn-brief-2026-02-02"}],
    "changes": [
        {"parameter": "beleid.kinderopvang", "values": {dt.date(2023, 1, 1): True}},
        {"parameter": "naturalisatie.verblijfsjaren", "values": {dt.date(2023, 1, 1): 3}},
    ],
}


@pytest.fixture(scope="module")
def attributed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    layer, errors = parse_layer(CHILDCARE_AND_YEARS, "test")
    assert layer is not None and not errors
    request = CompareRequest(
        scenarios=("wi2021", "opvang-en-jaren"),
        draws=2,
        scale=0.02,
        last_inflow_year=2023,
        horizon="2029-12",
        per_change=True,
        extra={"opvang-en-jaren": layer},
    )
    root = tmp_path_factory.mktemp("store")
    return compare(request, scheduler=SYNC, store_root=root), root


def test_a_comparison_per_change_runs_the_variants_and_gives_each_change_its_share(attributed) -> None:  # type: ignore[no-untyped-def]
    result, root = attributed
    tasks = make_tasks(result.request, load_behaviour())
    assert sum(bool(t.variant) for t in tasks) == 2 * 2  # two variants (each change alone) per draw
    table = result.tables["bijdragen"]
    assert set(table["method"]) == {"alleen", "zonder", "shapley", "totaal"}
    assert set(table["unit"]) == {"beleid.kinderopvang", "naturalisatie.verblijfsjaren", ""}
    cost = table[(table["indicator"] == "kosten.alle") & (table["method"] == "alleen")].set_index("unit")
    assert cost.loc["beleid.kinderopvang", "median"] > 0  # childcare is an offer, and it costs
    # the whole effect agrees with the cost table's paired difference (same draws, same weights)
    totals = result.tables["kostenTotaal"]
    total = table[(table["method"] == "totaal") & (table["indicator"] == "kosten.alle")]["median"].iloc[0]
    key = totals[(totals["scenario"] == "opvang-en-jaren") & (totals["payer"] == "alle")]["verschilMedian"].iloc[0]
    assert total > 0 and np.isclose(total, key, rtol=1e-6)
    per_draw = contributions(
        RunStore(root).parts(result.key)["variant"],
        RunStore(root).parts(result.key)["kern"],
        RunStore(root).parts(result.key)["kosten"],
        {"opvang-en-jaren": change_units("opvang-en-jaren", "wi2021", result.request.extra)},
        "wi2021",
    )
    shapley = per_draw[per_draw["method"] == "shapley"].groupby(["draw", "indicator"])["value"].sum(min_count=1)
    whole = per_draw[per_draw["method"] == "totaal"].set_index(["draw", "indicator"])["value"]
    assert np.allclose(shapley.sort_index(), whole.sort_index(), equal_nan=True)


def test_without_the_option_no_variant_is_run(tmp_path: Path) -> None:
    request = CompareRequest(scenarios=("wi2021", "coalitie-2026"), draws=1, scale=0.02)
    assert not any(t.variant for t in make_tasks(request, load_behaviour()))
    assert request.key() != CompareRequest(**{**request.describe(), "per_change": True}).key()  # type: ignore[arg-type]


def test_the_report_shows_each_change_or_says_how_to_get_it(attributed) -> None:  # type: ignore[no-untyped-def]
    from inburgering.compare.report import build
    from inburgering.compare.report_changes import WORDS
    from inburgering.law.parameters import load_parameters

    result, _ = attributed
    page = build(result, "nl")
    section = page.split("Welke wijziging doet wat")[1].split("<h2>")[0]
    assert "Alle wijzigingen samen" in section
    childcare = load_parameters()["beleid.kinderopvang"].description["nl"].split(":")[0].rstrip(".")
    assert childcare in html.unescape(section)
    assert section.count("<tr>") == 1 + 3  # the header, two changes and the whole
    # each change says which layer proposes it (a review: the Pact's changes read as the coalition's)
    assert "voorgesteld in" in section and section.count("<td>opvang-en-jaren</td>") == 2
    without = dataclasses.replace(result, tables={k: v for k, v in result.tables.items() if k != "bijdragen"})
    assert WORDS["absent"].split(".")[0] in build(without, "en")


def test_the_docs_count_the_changes_as_the_command_does() -> None:
    # a review found docs/compare.md saying 15 changes where the command runs 17
    import re
    from pathlib import Path

    from inburgering.compare.attribution import change_units

    text = (Path(__file__).resolve().parents[1] / "docs" / "compare.md").read_text(encoding="utf-8")
    one = re.search(r"`coalitie-2026` against `wi2021` that is (\d+) changes", text)
    both = re.search(r"for `coalitie-2026\+vwn-2026` (\d+)\.", text)
    assert one and both
    assert int(one.group(1)) == len(change_units("coalitie-2026", "wi2021"))
    assert int(both.group(1)) == len(change_units("coalitie-2026+vwn-2026", "wi2021"))


def test_without_shapley_shares_the_parts_added_up_are_shown_beside_the_whole() -> None:
    # a review: with more than four changes the parts need not add up, and the report did not say by how much
    from inburgering.compare.report_changes import OUTCOMES, _sums

    rows = []
    for unit, alone, last in (("a", 0.02, 0.05), ("b", 0.01, -0.01)):
        for method, value in (("alleen", alone), ("zonder", last)):
            for indicator, group in OUTCOMES:
                rows.append({"unit": unit, "method": method, "indicator": indicator, "group": group, "median": value})
    cells = _sums(pd.DataFrame(rows), ["a", "b"], "en")
    assert len(cells) == len(OUTCOMES)
    assert cells[0].replace("\u2212", "-").startswith("+3") and "/ +4" in cells[0].replace("\u2212", "-")
