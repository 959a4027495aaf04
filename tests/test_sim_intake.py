"""The brede intake's pace: municipalities that hold it late, and intakes in the AZC growing in.

Both are behaviour (decision 0014): a share of households belongs to a municipality that starts
the intake at a fraction of the national rates, and the rate of intakes held in the AZC rises
from a fraction at the Act's entry into force to the full rate.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.dates import DAYS_PER_MONTH
from inburgering.law.parameters import law_start
from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.phases.gemeente import _coa_rate, intake_months, municipality_key, municipality_pace
from inburgering.sim.population import GEZIN, NAREIZIGER, PopulationConfig, generate_population
from inburgering.sim.run import Run
from inburgering.sim.state import State

B = load_behaviour()
SCENARIO = resolve("wi2021")
POP = generate_population(B, PopulationConfig(laatste_instroomjaar=2023, schaal=0.02, seed=3))


def _run(behaviour=B) -> Run:
    return Run(State.start(POP), SCENARIO.parameters, behaviour, 3)


def test_a_household_shares_its_municipality() -> None:
    run = _run(B.with_values({"gemeente.intake_traag_aandeel": 0.5, "gemeente.intake_traag_factor": 0.2}))
    everyone = np.arange(len(POP))
    pace = municipality_pace(run, everyone)
    kids = everyone[POP["ouder"] >= 0]
    assert len(kids) > 100
    assert (pace[kids] == pace[POP["ouder"][kids]]).all()
    joining = everyone[(POP["groep"] == NAREIZIGER) & (POP["ouder"] < 0) & (POP["sponsor"] >= 0)]
    assert len(joining) > 20
    assert (pace[joining] == pace[POP["sponsor"][joining]]).all()
    assert set(np.unique(pace)) == {0.2, 1.0}


@pytest.mark.parametrize("share", [0.0, 0.3, 1.0])
def test_the_share_of_households_in_a_slow_municipality(share: float) -> None:
    run = _run(B.with_values({"gemeente.intake_traag_aandeel": share, "gemeente.intake_traag_factor": 0.25}))
    heads = np.flatnonzero((POP["ouder"] < 0) & (POP["sponsor"] < 0))
    slow = municipality_pace(run, heads) < 1.0
    assert abs(slow.mean() - share) < 0.02
    keys = municipality_key(POP["ouder"], POP["sponsor"], heads)
    assert (keys == heads).all()


@settings(max_examples=40, deadline=None)
@given(months=st.integers(-6, 60), start=st.floats(0.0, 1.0), ramp=st.integers(12, 36))
def test_intakes_in_the_azc_grow_in_from_the_acts_start(months: int, start: float, ramp: int) -> None:
    b = B.with_values({"gemeente.intake_coa_factor_start": start, "gemeente.intake_coa_aanloop_maanden": ramp})
    run = _run(b)
    first = law_start(SCENARIO.parameters).astype("datetime64[M]")
    full = b.v("gemeente.intake_maandkans_coa")
    rate = _coa_rate(run, first + np.timedelta64(months, "M"))
    later = _coa_rate(run, first + np.timedelta64(months + 1, "M"))
    assert start * full - 1e-12 <= rate <= later + 1e-12 <= full + 2e-12
    if months <= 0:
        assert rate == pytest.approx(start * full)
    if months >= ramp:
        assert rate == pytest.approx(full)


def _family_intakes(result: SimResult) -> float:
    pop, d = result.state.pop, result.state.dates
    fam = (pop["groep"] == GEZIN) & (pop["cohort"] == 2022) & ~np.isnat(d["datumKennisgeving"])
    return float((d["datumIntake"][fam] <= np.datetime64("2023-12-31")).mean())


def test_slow_municipalities_leave_a_tail_without_an_intake() -> None:
    """The lever moves what it is for: more households in slow municipalities, fewer intakes a year on."""
    shares = []
    for share in (0.0, 0.4):
        b = B.with_values({"gemeente.intake_traag_aandeel": share, "gemeente.intake_traag_factor": 0.1})
        pop = generate_population(b, PopulationConfig(laatste_instroomjaar=2023, schaal=0.02, seed=3))
        shares.append(_family_intakes(simulate_population(pop, SCENARIO, b, SimConfig(eind="2023-12", seed=3))))
    assert shares[1] < shares[0] - 0.1


@settings(max_examples=30, deadline=None)
@given(low=st.floats(0.0, 2.0), extra=st.floats(0.0, 2.0), u=st.lists(st.floats(0.0, 0.999), min_size=1, max_size=20))
def test_the_intakes_duration_lies_between_its_bounds(low: float, extra: float, u: list[float]) -> None:
    b = B.with_values({"gemeente.pip_na_intake_min_maanden": low, "gemeente.pip_na_intake_maanden": low + extra})
    months = intake_months(b.v, np.array(u))
    assert (months >= low - 1e-12).all() and (months <= low + extra + 1e-12).all()
    assert np.all(np.diff(months[np.argsort(u)]) >= -1e-12)  # a later draw never gives a shorter intake


@pytest.mark.parametrize(("low", "high"), [(3.0, 2.0), (-0.5, 2.0)])
def test_bounds_that_could_put_a_pip_before_its_intake_are_refused(low: float, high: float) -> None:
    b = B.with_values({"gemeente.pip_na_intake_min_maanden": low, "gemeente.pip_na_intake_maanden": high})
    with pytest.raises(ValueError, match="pip_na_intake_min_maanden"):
        intake_months(b.v, np.array([0.5]))


def test_the_pip_follows_the_intake_within_its_spread() -> None:
    """Every PIP after an intake in the municipality comes between the shortest and longest intake, and spread."""
    result = simulate_population(POP, SCENARIO, B, SimConfig(eind="2024-12", seed=3))
    d = result.state.dates
    housed_first = d["datumInschrijvingBrp"] <= d["datumIntake"]  # the housing wait cannot hold the PIP back
    done = housed_first & ~np.isnat(d["datumPip"])
    assert done.sum() > 200
    days = (d["datumPip"][done] - d["datumIntake"][done]).astype(int)
    low = round(B.v("gemeente.pip_na_intake_min_maanden") * DAYS_PER_MONTH)
    high = round(B.v("gemeente.pip_na_intake_maanden") * DAYS_PER_MONTH)
    assert days.min() >= low - 1 and days.max() <= high + 1
    assert days.std() > 5  # not one fixed lag
