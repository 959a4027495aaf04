"""Finishing at A2 at VWN's interim step is priced: the support that replaces the course costs the municipality.

A simulation audit found the A2 step booked as a saving: whoever chose A2 stopped the course (lower
execution cost) and found work more often (``werk.a2_werk_factor``), while the support towards work,
(bij)scholing and participation the letter pairs with that choice cost nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inburgering.law.scenario import resolve
from inburgering.rules.plicht import aow_datum
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.costs import cost_rows
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.population import PopulationConfig, generate_population

B = load_behaviour()
ITEM = "kosten.rijk.a2Vervolg"


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple[SimResult, pd.DataFrame]]:
    pop = generate_population(B, PopulationConfig(laatste_instroomjaar=2028, schaal=0.03, seed=6))
    out = {}
    for name in ("wi2021", "vwn-2026"):
        result = simulate_population(pop, resolve(name), B, SimConfig(eind="2034-12", seed=6))
        out[name] = (result, cost_rows(result))
    return out


def test_only_the_scenario_with_the_step_pays_it(runs) -> None:  # type: ignore[no-untyped-def]
    assert ITEM not in set(runs["wi2021"][1]["indicator"]) or runs["wi2021"][1].query("indicator == @ITEM")[
        "value"
    ].sum() == pytest.approx(0.0)
    assert runs["vwn-2026"][1].query("indicator == @ITEM")["value"].sum() > 0


def test_it_runs_from_the_end_of_the_course_to_the_end_of_the_term(runs) -> None:  # type: ignore[no-untyped-def]
    # from the day the obligation is met at A2 (the course is over; no overlap with the participation support
    # of learners) to the term's end, the departure or the AOW age (a review of the day's change found it
    # run from the evaluation, past the AOW age)
    result, rows = runs["vwn-2026"]
    st, d = result.state, result.state.dates
    chose = np.flatnonzero(~np.isnat(d["datumA2Evaluatie"]) & st.doel_a2 & np.isnat(d["datumAfschaling"]))
    assert len(chose) > 10
    met = d["datumVoldaan"][chose]
    assert (~np.isnat(met)).mean() > 0.8  # most finish at A2 soon after choosing it
    begin = np.fmax(d["datumA2Evaluatie"][chose], met)
    aow = aow_datum(result.parameters, st.pop["geboortedatum"][chose])
    until = np.fmin(np.fmin(d["eindeTermijn"][chose], d["datumVertrek"][chose]), aow)
    ok = ~np.isnat(met) & (until > begin)
    months = pd.to_datetime(rows.query("indicator == @ITEM")["month"])
    assert months.min() >= pd.Timestamp(begin[ok].min().astype("datetime64[M]"))
    assert months.max() <= pd.Timestamp(until[ok].max().astype("datetime64[M]"))
    span = (until[ok].astype("datetime64[M]") - begin[ok].astype("datetime64[M]")).astype(int)
    price = B.v("kosten.a2_vervolg_per_maand")
    booked = rows.query("indicator == @ITEM")["value"].sum()
    assert booked == pytest.approx(price * span.sum(), rel=0.1, abs=price * len(chose))


def test_the_job_chance_rises_only_for_those_the_cost_counts() -> None:
    """The A2 factor on the job chance and the A2 support's cost read the same persons.

    Whoever chose A2 at the step and was lowered by the college later (afschaling) is neither in
    the indicator ``afgerondOpA2`` nor paid ``rijk.a2Vervolg``; the job chance must not give them
    the chooser's factor either (a read-through found ``werk._rate`` without that condition).
    """
    from inburgering.sim.phases.werk import _rate
    from inburgering.sim.run import Run
    from inburgering.sim.state import State, finished_at_a2_by_choice

    pop = generate_population(B, PopulationConfig(laatste_instroomjaar=2023, schaal=0.01, seed=2))
    b = B.with_values({"werk.a2_werk_factor": 2.0})
    run = Run(State.start(pop), resolve("vwn-2026").parameters, b, 2)
    st, d = run.state, run.state.dates
    who = np.arange(min(len(pop), 60))
    on = np.datetime64("2028-01-01")
    base = _rate(run, who, on)
    st.doel_a2[who] = True
    d["datumA2Evaluatie"][who] = np.datetime64("2027-06-01")
    lowered = who[::2]
    d["datumAfschaling"][lowered] = np.datetime64("2027-09-01")
    chose = finished_at_a2_by_choice(st, who)
    assert chose.sum() == len(who) - len(lowered)
    rate = _rate(run, who, on)
    assert np.allclose(rate[chose], 2.0 * base[chose])
    assert np.allclose(rate[~chose], base[~chose])
