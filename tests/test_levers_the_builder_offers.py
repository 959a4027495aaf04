"""Levers the scenario builder offers act in the simulation, or the comparison says they cannot.

A simulation audit changed every lever the builder offers and found nine that moved nothing:
the exam levels (the engine examined everyone at B1 and A2 whatever the law said), the Z-route's
participation hours (only "some or none" counted), and levers only the person calculator can act
on (the term's interruptions, the extension's request window, the loan). The report then said a
scenario examining the B1-route at A2 "changes nothing".
"""

from __future__ import annotations

import numpy as np
import pytest

from inburgering.codes import Leerroute
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import resolve, simulation_notes
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.population import PopulationConfig, generate_population

from .layers import layer_of

B = load_behaviour()
POP = generate_population(B, PopulationConfig(laatste_instroomjaar=2025, schaal=0.02, seed=5))


def _layer(sid: str, parameter: str, value: object):  # type: ignore[no-untyped-def]
    return layer_of(sid, {parameter: value})


def _run(sid: str, parameter: str | None = None, value: object = None) -> SimResult:
    extra = {sid: _layer(sid, parameter, value)} if parameter else None
    return simulate_population(POP, resolve(sid, extra), B, SimConfig(eind="2030-12", seed=5))


@pytest.fixture(scope="module")
def base() -> SimResult:
    return _run("wi2021")


def _met(result: SimResult, route: int) -> int:
    st = result.state
    return int((~np.isnat(st.dates["datumVoldaan"][:]) & (st.route_bij_pip == route)).sum())


def _months_to_meet(result: SimResult, route: int) -> float:
    d = result.state.dates
    met = ~np.isnat(d["datumVoldaan"][:]) & (result.state.route_bij_pip == route)
    return float(np.median((d["datumVoldaan"][:][met] - d["datumPip"][:][met]).astype(np.int64))) / 30.4


def test_the_b1_route_examined_at_a2_is_met_sooner(base: SimResult) -> None:
    lower = _run("b1-op-a2", "examens.niveau_b1route", "A2")
    assert _met(lower, Leerroute.B1) >= _met(base, Leerroute.B1)
    assert _months_to_meet(lower, Leerroute.B1) < _months_to_meet(base, Leerroute.B1) - 3  # 28 -> 21 months
    st = lower.state
    b1 = (st.leerroute == Leerroute.B1) & (st.route_bij_pip == Leerroute.B1)
    sat = [levels[b1[who]] for _, who, part, levels, _ in st.examens_log if part < 4]
    assert max(int(levels.max(initial=0)) for levels in sat) == 2  # no one on the B1-route examined above A2


def test_more_participation_hours_in_the_z_route_take_longer(base: SimResult) -> None:
    more = _run("z-1600", "leerroute.zroute_participatieuren_asiel", 1600)
    assert _met(base, Leerroute.Z) > 20 and _met(more, Leerroute.Z) < _met(base, Leerroute.Z)


def test_a_lever_only_the_calculator_acts_on_is_noted_for_a_comparison() -> None:
    params = load_parameters()
    marked = [p for p in params if params[p].not_simulated]
    assert {"termijn.max_onderbreking", "lening.maximum"} <= set(marked)
    assert all(params[p].modelled for p in marked)  # the calculator reads each of them
    sid = "lange-onderbreking"
    notes = simulation_notes(resolve(sid, {sid: _layer(sid, "termijn.max_onderbreking", 24)}))
    assert len(notes) == 1 and "termijn.max_onderbreking" in notes[0] and "person calculator only" in notes[0]
    for shipped in ("coalitie-2026", "vwn-2026", "migratiepact-2026", "coalitie-2026+vwn-2026"):
        assert simulation_notes(resolve(shipped)) == []  # what they cannot show, their own tables say


def test_without_the_knm_exam_nobody_sits_or_pays_for_it(base: SimResult) -> None:
    """A simulation audit found the KNM exam sat and paid for under a scenario that dropped it."""
    from inburgering.sim.costs import cost_rows

    without = _run("zonder-knm", "examens.knm_vereist", False)

    def knm_sittings(result: SimResult) -> int:
        return sum(len(who) for _, who, part, _, _ in result.state.examens_log if part == 4)

    assert knm_sittings(base) > 50 and knm_sittings(without) == 0

    def exam_costs(result: SimResult) -> float:
        costs = cost_rows(result)
        return float(costs[costs["indicator"].str.endswith(".examens")]["value"].sum())

    assert exam_costs(without) < exam_costs(base)


def test_a_module_a_reform_asks_is_not_done_before_the_reform(base: SimResult) -> None:
    """A simulation audit found MAP completions (and their cost) dated before a 2027 rule that asked them."""
    import datetime as dt

    sid = "map-onderwijs-2027"
    layer = layer_of(sid, {"leerroute.map_vereist_onderwijsroute": True}, on=dt.date(2027, 1, 1))
    later = simulate_population(POP, resolve(sid, {sid: layer}), B, SimConfig(eind="2030-12", seed=5))
    done, before = later.state.dates["datumMapAfgerond"][:], base.state.dates["datumMapAfgerond"][:]
    reform = np.datetime64("2027-01-01")
    assert ((done >= reform) & (later.state.route_bij_pip == Leerroute.ONDERWIJS)).sum() > 0  # the lever acts
    early = ~np.isnat(done) & (done < reform)
    assert np.array_equal(early, ~np.isnat(before) & (before < reform))


def test_a_shorter_pip_deadline_shows_in_the_compared_indicators(base: SimResult) -> None:
    """A simulation audit found `pip.deadline_weken` moving no indicator of a comparison (and the report
    saying "changes nothing"): the model's PIPs follow the municipalities' pace, so it shows as PIPs past it."""
    from inburgering.compare.metrics import kern

    def late(result: SimResult) -> float:
        k = kern(result, 0.02)
        row = k[(k["indicator"] == "aandeelPipNaDeadline") & (k["group"] == "alle")]
        return float(row["value"].iloc[0])

    shorter = _run("pip-4-weken", "pip.deadline_weken", 4)
    assert 0 < late(base) < late(shorter) <= 1


def test_without_the_knm_exam_the_extension_for_efforts_does_not_ask_for_it() -> None:
    """Besluit 4.3 asks the exams the obligation asks: a review found a scenario without the KNM exam
    barring everyone's extension for efforts (nobody sits KNM there any more, so nobody passed it)."""
    import datetime as dt

    from inburgering.rules.person import parse_persons
    from inburgering.rules.trace import evaluate

    person = {
        "id": "p1",
        "geboortedatum": "1993-01-31",
        "nationaliteit": "AF",
        "verblijfsdoel": "asiel",
        "datumVerblijfsrecht": "2024-07-31",
        "datumInschrijvingBrp": "2024-10-31",
        "datumPip": "2024-12-31",
        "leerroute": "b1",
        "alleLessenGevolgd": True,
        "datumPvtAfgerond": "2025-06-30",
        "datumMapAfgerond": "2025-10-31",
        "examens": [
            {"onderdeel": "lezen", "niveau": "B1", "datum": "2027-03-01", "geslaagd": True},
            {"onderdeel": "luisteren", "niveau": "B1", "datum": "2027-03-01", "geslaagd": True},
        ],
    }
    sid = "zonder-knm-regels"
    layer = layer_of(sid, {"examens.knm_vereist": False}, on=dt.date(2022, 1, 1))
    answers = {
        name: evaluate(parse_persons([person]), np.datetime64("2027-07-01"), scenario)[
            "verlengingInspanningenMogelijk"
        ].value[0]
        for name, scenario in (("wet", resolve("wi2021")), ("zonder", resolve(sid, {sid: layer})))
    }
    from inburgering.rules.logic import FALSE, TRUE

    assert answers == {"wet": FALSE, "zonder": TRUE}
