"""Every lever is live: each law parameter is read by something or declared not modelled, and each
change of a shipped scenario moves an outcome alone, or says what it acts together with and why.

The measurement runs the rulebook and a small simulation (common random numbers, so any
difference is the change's own) and also writes docs/model/levers.md, which must be current.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inburgering.compare.levers import (
    COMBINATION,
    Effect,
    StackedEffect,
    combination_effects,
    lever_costs,
    lever_effects,
    parameters_read,
    render_levers,
)
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import ScenarioError, load_scenario_text, resolve

LEVERS_MD = Path(__file__).resolve().parents[1] / "docs" / "model" / "levers.md"


@pytest.fixture(scope="module")
def effects() -> list[Effect]:
    return lever_effects()


@pytest.fixture(scope="module")
def stacked() -> list[StackedEffect]:
    return combination_effects()


def test_every_parameter_is_read_or_declared_not_modelled() -> None:
    read = parameters_read()
    params = load_parameters()
    unread = sorted(p for p in params if params[p].modelled and p not in read)
    assert not unread, f"read by nothing, so declare 'gemodelleerd: nee' with a reason, or model them: {unread}"
    declared_but_read = sorted(p for p in params if not params[p].modelled and p in read)
    assert not declared_but_read, f"declared not modelled but read: {declared_but_read}"


def test_a_scenario_may_not_change_a_parameter_nothing_reads() -> None:
    text = """
id: probeer
title: {en: try, nl: probeer}
base: wi2021
sources: [{bron: aanname, toelichting: test}]
changes:
  - parameter: leerroute.pvt_min_uren
    values: {2027-01-01: 6}
"""
    with pytest.raises(ScenarioError) as info:
        resolve("probeer", {"probeer": load_scenario_text(text)})
    assert "leerroute.pvt_min_uren" in str(info.value) and "not modelled" in str(info.value)


def test_the_builder_offers_only_live_levers() -> None:
    from inburgering.web.forms import scenario_context

    offered = {p["path"] for g in scenario_context("nl", {})["groups"] for p in g["params"]}
    params = load_parameters()
    assert offered and all(params[p].modelled for p in offered)
    assert "leerroute.pvt_min_uren" not in offered


def test_every_shipped_change_moves_an_outcome_or_says_why_not(effects: list[Effect]) -> None:
    for e in effects:
        where = f"{e.scenario}: {e.change.parameter}"
        if e.change.together:
            assert e.together_indicators or e.together_outputs, f"{where}: moves nothing even with its partners"
        else:
            assert e.moves_alone, f"{where}: moves nothing alone and names no partners (werkt_samen_met)"
        if not e.indicators:
            assert e.change.together or e.change.not_simulated, (
                f"{where}: moves no simulation indicator alone; say why (werkt_samen_met or niet_in_simulatie)"
            )


def test_known_levers_move_what_they_are_for(effects: list[Effect]) -> None:
    by = {(e.scenario, e.change.parameter): e for e in effects}
    amv = by[("coalitie-2026", "begeleiding.amv_begeleiding_tot_leeftijd")]
    assert {"aantal.metAmvBegeleiding", "kosten.rijk.amvBegeleiding"} <= set(amv.indicators)
    assert "amvBegeleidingTot" in amv.outputs
    permits = by[("migratiepact-2026", "asiel.vergunning_duur")]
    assert {"aantal.vergunningVerlengingen", "kosten.rijk.vergunningVerlenging"} <= set(permits.indicators)
    brp = by[("vwn-2026", "asiel.brp_wachttijd_kansrijk")]
    assert "bsnVanaf" in brp.outputs and "aandeelOoitGewerktInCoa" in brp.together_indicators
    edu = by[("vwn-2026", "begeleiding.ook_jongeren_18")]
    assert "aantal.metBegeleiding" in edu.indicators


def test_every_change_of_the_main_combination_moves_or_says_why_not(stacked: list[StackedEffect]) -> None:
    """Stacked, a change may be overruled; the report on the combination must not credit it silently."""
    assert len(stacked) > 10
    for e in stacked:
        if not e.moves:
            assert e.overruled_by or e.change.in_combination, (
                f"{e.layer}: {e.change.parameter} moves nothing in {COMBINATION}; say why (in_combinatie)"
            )
    by = {(e.layer, e.change.parameter): e for e in stacked}
    # the coalition's B1 for naturalisation: VWN sets the same parameter from the same day
    assert by[("coalitie-2026", "naturalisatie.inburgeringsvereiste")].overruled_by == "vwn-2026"
    assert by[("vwn-2026", "naturalisatie.inburgeringsvereiste")].moves


def test_the_levers_page_is_current(effects: list[Effect], stacked: list[StackedEffect]) -> None:
    assert LEVERS_MD.read_text(encoding="utf-8") == render_levers(effects, stacked), (
        "run 'make docs' and commit docs/model/levers.md"
    )


def test_every_shipped_lever_costs_what_it_offers_or_says_why_not(effects: list[Effect]) -> None:
    """A lever that changes behaviour or rights has a cost item that moves with it, or a stated reason."""
    costs = lever_costs()
    for e in effects:
        where = f"{e.scenario}: {e.change.parameter}"
        assert e.change.parameter in costs, f"{where}: not in compare/lever_costs.yaml"
        cost = costs[e.change.parameter]
        moved = set(e.indicators) | set(e.together_indicators)
        for item in cost.items:
            assert f"kosten.{item}" in moved, f"{where}: its cost item {item} does not move with it"
        if not cost.items:
            assert len(cost.reason) > 40, f"{where}: say why it has no cost item of its own"
    shipped = {e.change.parameter for e in effects}
    assert set(costs) <= shipped, f"lever_costs.yaml names levers no shipped scenario has: {set(costs) - shipped}"


def test_every_cost_item_has_a_label_for_people() -> None:
    """The report names cost items in words (compare/text.py), never by their code."""
    from inburgering.compare.text import COST_ITEMS
    from inburgering.law.scenario import resolve
    from inburgering.sim.behaviour import load_behaviour
    from inburgering.sim.costs import cost_rows
    from inburgering.sim.engine import SimConfig, simulate_population
    from inburgering.sim.population import PopulationConfig, generate_population

    behaviour = load_behaviour()
    pop = generate_population(behaviour, PopulationConfig(laatste_instroomjaar=2026, schaal=0.01, seed=2))
    items = set()
    for sid in ("wi2021", "vwn-2026"):
        result = simulate_population(pop, resolve(sid), behaviour, SimConfig(eind="2030-12", seed=2))
        items |= {name.split(".", 2)[2] for name in cost_rows(result)["indicator"].unique()}
    assert items - {"opvang"}, "a run without cost items"
    items.add("spukUitkering")  # added by the comparison (compare/metrics.py) as the state's side of the SPUK
    assert items <= set(COST_ITEMS), f"cost items without a label: {sorted(items - set(COST_ITEMS))}"
