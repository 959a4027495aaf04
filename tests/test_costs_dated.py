"""A dated change of a law parameter that the cost table reads acts from its date, on the trajectories after it.

A review found the exam fee, the free exam attempts, MB's duration and the SPUK's counted years read
on the Act's first day: a reform dated 2027 moved nothing, and one dated 2022 rewrote the past.
Each test below changes one of them from 2027 (common random numbers: the persons and their paths
are the same on both sides) and checks that the costs before 2027 stay and those after move the
way the change points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inburgering.law.scenario import load_scenario_text, resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.costs import cost_rows
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.population import PopulationConfig, generate_population

FROM = pd.Timestamp("2027-01-01")


@pytest.fixture(scope="module")
def runs() -> dict[str, pd.DataFrame]:
    behaviour = load_behaviour()
    pop = generate_population(behaviour, PopulationConfig(laatste_instroomjaar=2029, schaal=0.03, seed=4))
    changes = {
        "fee": ("examens.examengeld_per_onderdeel", 150),
        "free": ("examens.gratis_pogingen_asiel", 0),
        "mb": ("begeleiding.duur", 24),
        "spuk": ("financiering.spuk_jaren_asiel", 1),
        "term": ("termijn.duur", 48),
        "price": ("financiering.spuk_prijs_traject_asiel", 20000),
    }
    layers = {
        name: load_scenario_text(
            f"""
id: {name}
title: {{en: {name}, nl: {name}}}
base: wi2021
sources: [{{bron: aanname, toelichting: test}}]
changes:
  - parameter: {path}
    values: {{2027-01-01: {value}}}
"""
        )
        for name, (path, value) in changes.items()
    }
    out = {}
    for name in ("wi2021", *changes):
        scenario = resolve(name, layers)
        result = simulate_population(pop, scenario, behaviour, SimConfig(eind="2033-12", seed=4))
        out[name] = cost_rows(result)
    return out


def _by_period(rows: pd.DataFrame, *items: str) -> tuple[float, float]:
    """Total of cost ``items`` (``payer.item``) before and from 2027."""
    mine = rows[rows["indicator"].isin([f"kosten.{i}" for i in items])]
    before = mine[pd.to_datetime(mine["month"]) < FROM]["value"].sum()
    return float(before), float(mine["value"].sum() - before)


def test_a_dearer_exam_from_2027_costs_more_from_then_only(runs: dict[str, pd.DataFrame]) -> None:
    items = ("gemeente.examens", "persoon.examens", "rijk.examens")
    base, fee = _by_period(runs["wi2021"], *items), _by_period(runs["fee"], *items)
    assert fee[0] == pytest.approx(base[0])
    assert fee[1] > base[1] * 1.2  # the fee from a little over 100 to 150 for trajectories from 2027


def test_no_free_attempts_from_2027_moves_the_cost_from_the_state(runs: dict[str, pd.DataFrame]) -> None:
    base, free = _by_period(runs["wi2021"], "rijk.examens"), _by_period(runs["free"], "rijk.examens")
    assert free[0] == pytest.approx(base[0])
    assert free[1] < base[1] * 0.8
    municipal = _by_period(runs["free"], "gemeente.examens")[1], _by_period(runs["wi2021"], "gemeente.examens")[1]
    assert municipal[0] > municipal[1]


def test_a_longer_mb_from_2027_costs_more(runs: dict[str, pd.DataFrame]) -> None:
    base, mb = _by_period(runs["wi2021"], "gemeente.begeleiding"), _by_period(runs["mb"], "gemeente.begeleiding")
    assert mb[0] == pytest.approx(base[0])
    assert mb[1] > base[1] * 1.2


def test_fewer_spuk_years_from_2027_pay_the_same_sooner(runs: dict[str, pd.DataFrame]) -> None:
    """The SPUK pays a status holder's amount over the years counted (Besluit 10.2): one year pays it all at once."""

    def income(rows: pd.DataFrame, first: str, last: str) -> float:
        mine = rows[rows["indicator"] == "kosten.gemeente.spukInkomsten"]
        month = pd.to_datetime(mine["month"])
        return float(mine[(month >= first) & (month <= last)]["value"].sum())

    base, spuk = runs["wi2021"], runs["spuk"]
    assert income(spuk, "2022-01-01", "2026-12-31") == pytest.approx(income(base, "2022-01-01", "2026-12-31"))
    # income is negative: more of it in the first years of the change, less later
    assert income(spuk, "2027-01-01", "2028-12-31") < income(base, "2027-01-01", "2028-12-31")
    assert income(spuk, "2031-01-01", "2033-12-31") > income(base, "2031-01-01", "2033-12-31")


def test_a_longer_term_from_2027_costs_more_route(runs: dict[str, pd.DataFrame]) -> None:
    """A review found the route's cost capped at 36 months: a longer term added lessons and cost less."""
    items = ("gemeente.leerrouteB1", "gemeente.leerrouteOnderwijs", "gemeente.leerrouteZ", "persoon.leerroute")
    base, term = _by_period(runs["wi2021"], *items), _by_period(runs["term"], *items)
    assert term[0] == pytest.approx(base[0])
    assert term[1] > base[1]


def test_a_dearer_spuk_raises_the_income_not_the_providers_prices(runs: dict[str, pd.DataFrame]) -> None:
    """A review found the route's cost rising with the SPUK's price: more funding cost more."""
    routes = ("gemeente.leerrouteB1", "gemeente.leerrouteOnderwijs", "gemeente.leerrouteZ")
    assert _by_period(runs["price"], *routes) == pytest.approx(_by_period(runs["wi2021"], *routes))
    income = _by_period(runs["price"], "gemeente.spukInkomsten"), _by_period(runs["wi2021"], "gemeente.spukInkomsten")
    assert income[0][0] == pytest.approx(income[1][0])
    assert income[0][1] < income[1][1]  # income is negative: more of it


def test_the_onderwijsroute_top_up_counts_routes_set_before_it_began() -> None:
    """Besluit 10.2 (ABO): a route set in 2025 and still running in 2026 counts in 2026; a review found it counted nowhere."""
    from inburgering.sim.costs_prices import onderwijs_top_up
    from inburgering.sim.simulate import simulate

    result = simulate("wi2021", scale=0.05, seed=1, last_inflow_year=2026, horizon="2028-12").result
    d = result.state.dates
    end = np.fmin(d["datumVoldaan"], d["datumVertrek"])
    who, amount, day = onderwijs_top_up(result, end)
    assert len(who) == len(np.unique(who)) and (amount > 0).all()  # once each
    start = np.datetime64("2026-01-01")
    assert (day >= start).all()
    earlier = d["datumPip"][who] < start
    assert earlier.sum() > 10 and (day[earlier] == start).all()
    assert not (d["datumVertrek"][who] <= day).any() and not (end[who] <= day).any()
