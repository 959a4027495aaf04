"""Family migrants: a quick group finds work soon after arrival, the rest at the slower rate.

CBS found 30% of the non-EU family migrants in work after a year and 47% ten years on; one
rate could not give both (it gave 8% after a year). The quick group is a trait per person
(``werk.gezin_snel_aandeel``), so its size moves family migrants' early work and nothing of
the status holders' (common random numbers).
"""

from __future__ import annotations

import numpy as np
import pytest

from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.population import ASIEL, GEZIN, NAREIZIGER, OVERIG, PopulationConfig, generate_population

B = load_behaviour()


def _run(share: float) -> SimResult:
    b = B.with_values({"werk.gezin_snel_aandeel": share})
    pop = generate_population(b, PopulationConfig(laatste_instroomjaar=2023, schaal=0.03, seed=5))
    return simulate_population(pop, resolve("wi2021"), b, SimConfig(eind="2025-06", seed=5))


@pytest.fixture(scope="module")
def runs() -> tuple[SimResult, SimResult]:
    return _run(0.0), _run(0.5)


def _worked_within_a_year(result: SimResult) -> np.ndarray:
    """Per person: a first job within 12 months of the permit."""
    first = result.state.dates["datumEersteBaan"]
    permit = result.state.pop["datumVerblijfsrecht"]
    return ~np.isnat(first) & (first <= permit + np.timedelta64(365, "D"))


def test_a_larger_quick_group_puts_more_family_migrants_in_work_in_their_first_year(runs) -> None:
    none, half = runs
    pop = none.state.pop
    family = np.isin(pop["groep"], (GEZIN, OVERIG)) & (pop["rol"] == 0)
    assert family.sum() > 300
    early_none = _worked_within_a_year(none)[family].mean()
    early_half = _worked_within_a_year(half)[family].mean()
    # half of them at a mean wait of about four months: far more in work within the year
    assert early_half > early_none + 0.2


def test_the_quick_group_leaves_the_status_holders_jobs_as_they_were(runs) -> None:
    none, half = runs
    asylum = np.isin(none.state.pop["groep"], (ASIEL, NAREIZIGER))
    assert asylum.sum() > 300
    first_none = none.state.dates["datumEersteBaan"][asylum]
    first_half = half.state.dates["datumEersteBaan"][asylum]
    assert np.array_equal(first_none.view("i8"), first_half.view("i8"))  # NaT (no job) compares equal
