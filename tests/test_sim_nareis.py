"""Nareizigers in COA: the mechanism that puts status holders where COA counts them.

Every nareiziger is received in COA; one whose sponsor still waits there (also a sponsor of
before 2022, who is not simulated) waits with the sponsor, one whose sponsor has a home moves
in at ``asiel.nareis_intrek_maandkans``.
"""

from __future__ import annotations

import numpy as np
import pytest

from inburgering.calibration.measures_opvang import coa_count
from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.output_leren import coa_stay
from inburgering.sim.phases.opvang import joins_home
from inburgering.sim.population import NAREIZIGER, PopulationConfig, generate_population
from inburgering.sim.simulate import Simulation

B = load_behaviour()
MONTH = np.timedelta64(1, "M")


def _run(behaviour=B, scale: float = 0.03, last: int = 2023, end: str = "2024-12", seed: int = 5) -> SimResult:
    pop = generate_population(behaviour, PopulationConfig(laatste_instroomjaar=last, schaal=scale, seed=seed))
    return simulate_population(pop, resolve("wi2021"), behaviour, SimConfig(eind=end, seed=seed))


def _months(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[M]").astype(np.int64)


@pytest.fixture(scope="module")
def result() -> SimResult:
    return _run()


def test_every_nareiziger_is_received_in_coa_and_housed_after_the_permit(result: SimResult) -> None:
    pop, d = result.state.pop, result.state.dates
    nareis = np.flatnonzero((pop["groep"] == NAREIZIGER) & (pop["instroom"] <= np.datetime64("2024-12-31")))
    entry, leave = coa_stay(result)
    assert len(nareis) > 100
    assert (entry[nareis] == pop["instroom"][nareis]).all()
    housed = nareis[~np.isnat(d["datumInschrijvingBrp"][nareis])]
    # never housed in the month of the permit: received first, then moved
    assert (_months(d["datumInschrijvingBrp"][housed]) > _months(pop["datumVerblijfsrecht"][housed])).all()
    assert (leave[housed] == d["datumInschrijvingBrp"][housed]).all()


def test_a_nareizigers_family_moves_in_together(result: SimResult) -> None:
    pop, d = result.state.pop, result.state.dates
    to_home = np.flatnonzero(joins_home(result.state))
    kids = to_home[pop["ouder"][to_home] >= 0]
    assert len(kids) > 10
    parent = pop["ouder"][kids]
    assert np.isin(parent, to_home).all()
    both = ~np.isnat(d["datumInschrijvingBrp"][kids]) & ~np.isnat(d["datumInschrijvingBrp"][parent])
    assert both.sum() > 5
    assert (d["datumInschrijvingBrp"][kids][both] == d["datumInschrijvingBrp"][parent][both]).all()


@pytest.mark.parametrize("rate", [0.15, 0.6])
def test_moving_in_with_a_housed_sponsor_takes_the_rate_s_mean_wait(rate: float) -> None:
    res = _run(B.with_values({"asiel.nareis_intrek_maandkans": rate}), scale=0.05, last=2022, end="2026-12")
    pop, d = res.state.pop, res.state.dates
    to_home = np.flatnonzero(joins_home(res.state))
    families = to_home[pop["ouder"][to_home] < 0]
    moved = families[~np.isnat(d["datumInschrijvingBrp"][families])]
    assert len(moved) > 200 and len(moved) > 0.95 * len(families)  # nearly all moved in by the end
    wait = _months(d["datumInschrijvingBrp"][moved]) - _months(pop["instroom"][moved])
    # geometric from the month after arrival: mean 1 / rate (emigration shortens a few waits)
    se = np.sqrt(1 - rate) / rate / np.sqrt(len(moved))
    assert wait.mean() == pytest.approx(1 / rate, abs=4 * se + 0.05)


def test_a_sponsor_of_before_2022_still_waits_with_the_housing_hazards_chance(result: SimResult) -> None:
    pop = result.state.pop
    outside = np.flatnonzero((pop["groep"] == NAREIZIGER) & (pop["ouder"] < 0) & ~np.isnat(pop["sponsorVergunning"]))
    outside = outside[pop["instroom"][outside] <= np.datetime64("2024-12-31")]
    assert len(outside) > 100
    waited = ~np.isin(outside, np.flatnonzero(joins_home(result.state)))
    k = _months(pop["instroom"][outside]) - _months(pop["sponsorVergunning"][outside]) - 1
    window = B.v("asiel.huisvesting_vroeg_maanden")
    early, late = np.minimum(k, window), np.maximum(k - window, 0)
    chance = (1 - B.v("asiel.huisvesting_maandkans_vroeg")) ** early * (1 - B.v("asiel.huisvesting_maandkans")) ** late
    se = np.sqrt((chance * (1 - chance)).sum()) / len(outside)
    assert 0 < waited.mean() < 1
    assert waited.mean() == pytest.approx(chance.mean(), abs=4 * se)


def test_faster_housing_means_fewer_nareizigers_wait_with_their_sponsor() -> None:
    slow = _run(B.with_values({"asiel.huisvesting_maandkans": 0.05}), end="2023-12")
    fast = _run(B.with_values({"asiel.huisvesting_maandkans": 0.3}), end="2023-12")

    def waited(res: SimResult) -> float:
        pop = res.state.pop
        arrived = np.flatnonzero((pop["groep"] == NAREIZIGER) & (pop["instroom"] <= np.datetime64("2023-12-31")))
        return float(1 - np.isin(arrived, np.flatnonzero(joins_home(res.state))).mean())

    assert waited(slow) > waited(fast) + 0.05


def test_the_2025_cohort_has_its_own_share_of_nareizigers() -> None:
    b = B.with_values({"instroom.aandeel_nareizigers_2025": 0.55, "instroom.aandeel_nareizigers": 0.25})
    pop = generate_population(b, PopulationConfig(laatste_instroomjaar=2025, schaal=0.1, seed=2))
    newcomers = (pop["rol"] == 0) & np.isin(pop["groep"], (0, NAREIZIGER))
    for year, share in ((2024, 0.25), (2025, 0.55)):
        cohort = newcomers & (pop["cohort"] == year)
        assert (pop["groep"][cohort] == NAREIZIGER).mean() == pytest.approx(share, abs=0.03)


def test_coa_counts_by_group_and_sponsor_nest(result: SimResult) -> None:
    sim = Simulation(None, result)  # type: ignore[arg-type]  # the measures read the raw result
    # two days while the cohort still arrives (inflow to 2023): by mid-2024 the nareizigers of this
    # small run have mostly moved on (the refitted pace of joining a housed sponsor)
    for date in ("2023-06-01", "2024-01-01"):
        status = coa_count(sim, {"date": date, "status": "vergunning"}, 1.0)
        nareis = coa_count(sim, {"date": date, "status": "vergunning", "groups": ["nareiziger"]}, 1.0)
        housed = coa_count(
            sim, {"date": date, "status": "vergunning", "groups": ["nareiziger"], "sponsor_housed": True}, 1.0
        )
        assert 0 < housed < nareis < status


def test_a_nareiziger_joining_a_housed_sponsor_may_start_the_intake_in_coa() -> None:
    """With no intakes in the AZC at all, only the nareizigers of a housed sponsor start one while in COA."""
    res = _run(B.with_values({"gemeente.intake_maandkans_coa": 0.0}), end="2023-12")
    pop, d = res.state.pop, res.state.dates
    intake = d["datumIntake"]
    before_move = ~np.isnat(intake) & (np.isnat(d["datumInschrijvingBrp"]) | (intake < d["datumInschrijvingBrp"]))
    started_in_coa = np.flatnonzero(before_move & ~np.isnat(pop["datumVerblijfsrecht"]))
    assert len(started_in_coa) > 10
    assert np.isin(started_in_coa, np.flatnonzero(joins_home(res.state))).all()


def test_a_family_of_an_outside_sponsor_gets_the_arrival_month_s_housing_chance_too() -> None:
    """The month after arrival carries two months' chances, as for a family of a sponsor in the population."""
    res = _run(scale=0.3, last=2023, end="2023-12", seed=7)
    pop, d = res.state.pop, res.state.dates
    waiting = np.flatnonzero(
        (pop["groep"] == NAREIZIGER)
        & (pop["ouder"] < 0)
        & ~np.isnat(pop["sponsorVergunning"])
        & (pop["instroom"] <= np.datetime64("2023-10-31"))
    )
    waiting = waiting[~np.isin(waiting, np.flatnonzero(joins_home(res.state)))]
    gone = d["datumVertrek"][waiting]
    arrival = _months(pop["instroom"][waiting])
    waiting = waiting[np.isnat(gone) | (_months(gone) > arrival + 1)]  # still here the month after arrival
    arrival = _months(pop["instroom"][waiting])
    moved_next = _months(d["datumInschrijvingBrp"][waiting]) == arrival + 1
    window = B.v("asiel.huisvesting_vroeg_maanden")
    since = arrival - _months(pop["sponsorVergunning"][waiting])

    def h(k: np.ndarray) -> np.ndarray:
        return np.where(k <= window, B.v("asiel.huisvesting_maandkans_vroeg"), B.v("asiel.huisvesting_maandkans"))

    chance = 1 - (1 - h(since)) * (1 - h(since + 1))
    se = np.sqrt((chance * (1 - chance)).sum()) / len(waiting)
    assert len(waiting) > 150
    assert moved_next.mean() == pytest.approx(chance.mean(), abs=4 * se)
    assert moved_next.mean() > h(since + 1).mean() + 2 * se  # more than one month's chance


def test_no_nareiziger_joins_a_sponsor_who_has_left(result: SimResult) -> None:
    # family reunification needs the sponsor here (Vw 2000 art. 29.2): a sponsor stays until the last of
    # their nareizigers has arrived (a review found 2% joining a sponsor who had emigrated)
    pop, d = result.state.pop, result.state.dates
    joined = np.flatnonzero(
        (pop["sponsor"] >= 0) & (pop["groep"] == NAREIZIGER) & (pop["instroom"] <= np.datetime64("2024-12-31"))
    )
    assert len(joined) > 50
    left = d["datumVertrek"][pop["sponsor"][joined]]
    gone = ~np.isnat(left)
    assert gone.any(), "some sponsors leave, after their family came"
    assert (_months(left[gone]) > _months(pop["datumVerblijfsrecht"][joined][gone])).all()
