"""Observers outside the engine's phases: the cells counts are kept by, and work by months since the permit.

The engine changes the state; these only count it at each month's end (STYLE: observers stand
outside the engine). What a person's count depends on that never changes during a run (their
cell, the month of their permit, their majority and AOW months) is worked out once here, so
the monthly count is a few passes over the persons in a municipality (issue #20: this
observation was about 9% of a national run when it was recomputed every month).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from inburgering.codes import Leerroute
from inburgering.dates import month_numbers
from inburgering.sim.population import GROUP_NAMES, NAREIZIGER, Population
from inburgering.sim.state import GEMEENTE, OVERSCHREDEN, TERMIJN, State

PROGRESS_K = 121  # months since the permit observed for work shares (0 ... 120)
GROUPS = len(GROUP_NAMES)


@dataclass(frozen=True)
class Cells:
    """The observation cells: cohort x group x sex (``GROUPS`` groups, two sexes).

    Every monthly stock is a count per cell, so indicators can be cut by any of these.
    """

    key: np.ndarray
    cohorts: np.ndarray
    n: int

    @classmethod
    def of(cls, pop: Population) -> Cells:
        """Cells of a population (cohorts as they occur in it)."""
        cohorts = np.unique(pop["cohort"]) if len(pop) else np.array([2022])
        c = np.searchsorted(cohorts, pop["cohort"]).astype(np.int64)
        key = (c * GROUPS + pop["groep"]) * 2 + pop["geslacht"]
        return cls(key.astype(np.int64), cohorts, len(cohorts) * GROUPS * 2)

    def labels(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(cohort, group, sex) of each cell index."""
        idx = np.arange(self.n)
        return self.cohorts[idx // (GROUPS * 2)], (idx // 2) % GROUPS, idx % 2


@dataclass(frozen=True)
class WorkSincePermit:
    """Presence, paid work and volunteer work counted at each person's months since the permit.

    Each month a person in a municipality adds one to (cell, k), k = months since the month of
    the permit (0 ... ``PROGRESS_K`` - 1), while of working age: from the month of majority to
    the month of the AOW age in force (``werk.working_age``), as in the published employment
    shares of status holders (children and the AOW-aged are not in them).

    Volunteer work is the participation part of the Z-route for status holders (800 hours in a
    Dutch-speaking setting, Besluit 3.14), while it runs; those are among the month's learners,
    so only that smaller set is looked at for it.
    """

    counts: dict[str, np.ndarray]  # aanwezig, betaald, vrijwillig: (cells, PROGRESS_K) int64
    cells: Cells
    permit: np.ndarray  # month number of the permit (int32; far in the past where none)
    first: np.ndarray  # the first month counted: majority (int64)
    end: np.ndarray  # the first month not counted: the AOW month or PROGRESS_K months after the permit
    base: np.ndarray  # cell * PROGRESS_K - permit month: plus the month number, the (cell, k) key

    @classmethod
    def of(cls, pop: Population, cells: Cells, ages: tuple[np.ndarray, np.ndarray, np.ndarray]) -> WorkSincePermit:
        """The static part for ``pop`` (``ages``: month numbers of majority and AOW age, as ``werk.working_age``)."""
        permit = month_numbers(pop["datumVerblijfsrecht"])
        permit = np.clip(permit, -(2**30), 2**30)  # NaT (the rejected) stays far away: never inside
        counts = {name: np.zeros((cells.n, PROGRESS_K), np.int64) for name in ("aanwezig", "betaald", "vrijwillig")}
        return cls(
            counts,
            cells,
            permit.astype(np.int32),
            ages[0],
            np.minimum(ages[1], permit + PROGRESS_K),
            cells.key * PROGRESS_K - permit,
        )

    def add(self, state: State, m: int, learning: np.ndarray) -> None:
        """Count month number ``m``'s end; ``learning`` is the month's learner set."""
        n, size = self.cells.n, self.cells.n * PROGRESS_K
        here = np.flatnonzero(state.verblijf == GEMEENTE)
        idx = here[(self.first[here] <= m) & (m < self.end[here])]  # present persons are past their permit
        both = np.bincount((self.base[idx] + m) * 2 + state.werkt[idx], minlength=2 * size).reshape(n, PROGRESS_K, 2)
        self.counts["aanwezig"] += both.sum(axis=2)
        self.counts["betaald"] += both[:, :, 1]
        now = state.traject[learning]
        z = learning[(state.leerroute[learning] == Leerroute.Z) & (now >= TERMIJN) & (now <= OVERSCHREDEN)]
        z = z[(state.pop["groep"][z] <= NAREIZIGER) & (state.verblijf[z] == GEMEENTE)]
        z = z[m - self.permit[z] < PROGRESS_K]
        self.counts["vrijwillig"] += np.bincount(self.base[z] + m, minlength=size).reshape(n, PROGRESS_K)
