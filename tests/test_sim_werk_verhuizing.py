"""A job found in COA survives the move to a municipality only for a share ``werk.coa_baan_behoud``.

COA houses status holders anywhere in the country; a calibration review found every COA job
kept after the move, which put the share in work 6 to 24 months after the permit above every
published cohort. The job spells must show it: with the share at 0 no job found in COA runs past
the month of the move, at 1 the old behaviour (every one kept), and in between about that share.
"""

from __future__ import annotations

import numpy as np
import pytest

from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.output_werk import job_spells
from inburgering.sim.population import PopulationConfig, generate_population


def _run(keep: float, seed: int = 5) -> SimResult:
    b = load_behaviour().with_values({"werk.coa_baan_behoud": keep})
    pop = generate_population(b, PopulationConfig(laatste_instroomjaar=2023, schaal=0.03, seed=seed))
    return simulate_population(pop, resolve("wi2021"), b, SimConfig(eind="2025-12", seed=seed))


def _held_at_move(result: SimResult) -> tuple[np.ndarray, np.ndarray]:
    """(COA jobs held on the first day of the move's month, whether each still ran at the month's end)."""
    spells = job_spells(result)
    person = spells["persoon"].to_numpy()
    begin = spells["begin"].to_numpy().astype("datetime64[D]")
    end = spells["einde"].to_numpy().astype("datetime64[D]")
    moved = result.state.dates["datumInschrijvingBrp"][person]
    month_start = moved.astype("datetime64[M]").astype("datetime64[D]")
    month_end = (moved.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    held = ~np.isnat(moved) & (begin < month_start) & (np.isnat(end) | (end >= month_start))
    kept = np.isnat(end[held]) | (end[held] > month_end[held])
    return held, kept


@pytest.mark.parametrize("keep", [0.0, 1.0])
def test_the_extremes(keep: float) -> None:
    held, kept = _held_at_move(_run(keep))
    assert held.sum() > 50  # status holders do hold COA jobs when they move
    if keep == 0.0:
        assert not kept.any()
    else:  # only the drawn job loss of the month itself ends one (at most a few)
        assert kept.mean() > 0.95


def test_a_share_in_between_is_kept_and_the_loser_looks_again() -> None:
    result = _run(0.5)
    held, kept = _held_at_move(result)
    assert 0.4 < kept.mean() < 0.6
    # whoever lost the job at the move looks for work in the municipality: some find a job there later
    spells = job_spells(result)
    person = spells["persoon"].to_numpy()
    lost = np.unique(person[held][~kept])
    moved = result.state.dates["datumInschrijvingBrp"][person].astype("datetime64[ns]")
    after_move = ~spells["inCoa"].to_numpy() & (spells["begin"].to_numpy() >= moved)
    assert np.isin(lost, person[after_move]).any()


def test_the_same_seed_gives_the_same_spells() -> None:
    a, b = job_spells(_run(0.5, seed=9)), job_spells(_run(0.5, seed=9))
    assert a.equals(b)
