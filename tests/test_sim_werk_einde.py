"""A rejection ends an applicant's access to work in the simulation as the rulebook says.

The engine asks the rulebook (``magWerkenTot``) with the rejection's facts: whether an appeal
suspends it (``beroepSchorsend``, drawn per family with ``asiel.afwijzing_opgeschort_aandeel``)
and, if so, when the suspension ends (the departure term before leaving COA).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.output_werk import job_spells
from inburgering.sim.population import AFGEWEZEN, PopulationConfig, generate_population

B = load_behaviour()
WEEKS = 4  # asiel.vertrektermijn in wi2021 (Vw 2000 art. 62 lid 1)


def _run(behaviour=B, scale: float = 0.03, seed: int = 3) -> SimResult:
    pop = generate_population(behaviour, PopulationConfig(laatste_instroomjaar=2024, schaal=scale, seed=seed))
    return simulate_population(pop, resolve("wi2021"), behaviour, SimConfig(eind="2026-12", seed=seed))


@pytest.fixture(scope="module")
def result() -> SimResult:
    return _run()


def test_the_access_ends_at_the_rejection_or_the_departure_term_before_leaving(result: SimResult) -> None:
    pop, d = result.state.pop, result.state.dates
    rejected = np.flatnonzero(pop["groep"] == AFGEWEZEN)
    asked = rejected[~np.isnat(d["magWerkenVanaf"][rejected])]  # asked once they applied (not the very last)
    assert len(asked) > 100
    suspended = pop["beroepSchorsend"][asked]
    assert 0 < suspended.mean() < 1
    tot, rejection, leave = d["magWerkenTot"][asked], pop["datumAfwijzing"][asked], pop["vertrekUitCoa"][asked]
    np.testing.assert_array_equal(tot[~suspended], rejection[~suspended])
    expected = np.maximum(leave[suspended] - np.timedelta64(7 * WEEKS, "D"), rejection[suspended])
    np.testing.assert_array_equal(tot[suspended], expected)
    # nobody else has an end: a permit holder's access does not end with the procedure
    others = np.setdiff1d(np.arange(len(pop)), rejected)
    assert np.isnat(d["magWerkenTot"][others]).all()


def test_no_job_of_a_rejected_applicant_runs_past_the_end_of_the_access(result: SimResult) -> None:
    spells = job_spells(result)
    tot = result.state.dates["magWerkenTot"][spells["persoon"].to_numpy()].astype("datetime64[ns]")
    ends = ~np.isnat(tot)
    assert ends.sum() > 0  # rejected applicants do find jobs while the procedure runs
    begin, end = spells["begin"].to_numpy()[ends], spells["einde"].to_numpy()[ends]
    assert (begin < tot[ends]).all()
    assert (~np.isnat(end) & (end <= tot[ends])).all()


@settings(max_examples=3, deadline=None)
@given(seed=st.integers(1, 1000))
def test_suspension_by_appeal_keeps_more_rejected_applicants_in_work(seed: int) -> None:
    """The share of suspended rejections acts (a parameter that moved nothing would be a bug)."""
    months = []
    for share in (0.1, 0.9):
        res = _run(B.with_values({"asiel.afwijzing_opgeschort_aandeel": share}), scale=0.02, seed=seed)
        spells = job_spells(res)
        rejected = res.state.pop["groep"][spells["persoon"].to_numpy()] == AFGEWEZEN
        end = spells["einde"].fillna(np.datetime64("2027-01-01")).to_numpy()[rejected]
        months.append(((end - spells["begin"].to_numpy()[rejected]) / np.timedelta64(30, "D")).sum())
    assert months[1] > months[0]


def test_nobody_who_left_is_still_counted_in_work(result: SimResult) -> None:
    # an audit found a sixth of the monthly count of persons in paid work living abroad: emigration left
    # the job running in the state, which the monthly count reads (the job spells did close it)
    from inburgering.sim.state import VERTROKKEN

    st = result.state
    left = st.verblijf == VERTROKKEN
    worked = np.isin(np.arange(len(left)), job_spells(result)["persoon"].to_numpy())
    assert (left & worked).sum() > 10  # some who worked have left
    assert not st.werkt[left].any()
