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
from inburgering.sim.run import EventIndex
from inburgering.sim.sets import union
from inburgering.sim.state import COA_VERGUNNING, GEMEENTE, OVERSCHREDEN, TERMIJN, TRAJECT_NAMES, VERBLIJF_NAMES, State

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


def state_codes(state: State) -> np.ndarray:
    """Per person one ``int8`` for (verblijf, traject, in paid work): the index into a cell's joint count."""
    code = state.verblijf * np.int8(N_TRAJECT * 2)
    code += state.traject
    code += state.traject
    code += state.werkt
    return code


N_VERBLIJF, N_TRAJECT = len(VERBLIJF_NAMES), len(TRAJECT_NAMES)
N_CODES = N_VERBLIJF * N_TRAJECT * 2  # 120: fits an int8


def living_here(verblijf: np.ndarray) -> np.ndarray:
    """Boolean per person: counted in the work shares' denominator (in a municipality, or still in COA with a permit).

    CBS's shares of status holders in work count everyone with a permit registered in the BRP,
    and status holders waiting in COA for a home are registered there; until December 2026 the
    model counted only those already housed (a calibration review). In the model those in COA after
    DUO's notice work about as often as the housed (CBS SWI 2023: 21%), so the shares moved by at
    most two points (at 24 months 0.308 -> 0.326 in the fit run).
    """
    return (verblijf == GEMEENTE) | (verblijf == COA_VERGUNNING)


class Observer:
    """The monthly stocks and work by months since the permit, kept by what changed this month.

    Why incremental: most persons' (verblijf, traject, work) stay the same from one month to
    the next, and a person's months since the permit advance with the calendar. The joint count
    per cell is kept up to date from the persons whose code changed; work since the permit is
    kept as runs of months (a person present, of working age, in or out of work, from a month
    on), written as +1/-1 at the run's first and last k in a difference table that is summed
    over k at the end (:meth:`close`). One pass over the codes a month finds who changed; the
    windows of working age are fixed per person, so who enters or leaves one in a month comes
    from an index. Counts are identical to counting everyone every month (tested).
    """

    def __init__(self, pop: Population, cells: Cells, ages: tuple[np.ndarray, np.ndarray, np.ndarray]):
        self.cells = cells
        self.work = WorkSincePermit.of(pop, cells, ages)
        self.joint = np.zeros(cells.n * N_CODES, np.int64)
        self.code = np.full(len(pop), -1, np.int8)  # -1: not yet observed in this run
        self.key = (cells.key * N_CODES).astype(np.int32)  # narrow: read every month for who changed
        # a run of months counted as present (and in paid work) began in this month; -1: none open
        self.open = {name: np.full(len(pop), -1, np.int32) for name in ("aanwezig", "betaald")}
        size = cells.n * (PROGRESS_K + 1)
        self.diff = {name: np.zeros(size, np.int64) for name in ("aanwezig", "betaald")}
        self.edges = EventIndex.of_months(np.concatenate([self.work.first, self.work.end]))
        self.first_month = True

    def add(self, state: State, m: int, learning: np.ndarray) -> None:
        """Count month number ``m``'s end (``learning``: the month's learner set)."""
        code = state_codes(state)
        if self.first_month:
            changed = np.arange(len(code))
            self.first_month = False
        else:
            changed = np.flatnonzero(code != self.code)
        was = self.code[changed]
        known = was >= 0
        self.joint -= np.bincount(self.key[changed[known]] + was[known], minlength=len(self.joint))
        self.joint += np.bincount(self.key[changed] + code[changed], minlength=len(self.joint))
        self.code[changed] = code[changed]
        n = len(code)
        edge = self.edges.at_number(m)
        who = union(changed, edge[edge < n], edge[edge >= n] - n)
        self._runs(state, who, m)
        self.work.add_volunteers(state, m, learning)

    def _runs(self, state: State, who: np.ndarray, m: int) -> None:
        """Open and close the runs of persons ``who`` whose status may have changed in month ``m``."""
        w = self.work
        present = living_here(state.verblijf[who]) & (w.first[who] <= m) & (m < w.end[who])
        for name, now in (("aanwezig", present), ("betaald", present & state.werkt[who])):
            began = self.open[name][who]
            closing = (began >= 0) & ~now
            self._close(name, who[closing], began[closing], m)
            self.open[name][who[closing]] = -1
            opening = (began < 0) & now
            self.open[name][who[opening]] = m

    def _close(self, name: str, who: np.ndarray, began: np.ndarray, m: int) -> None:
        """Count months ``began`` ... ``m`` - 1 for persons ``who``: +1 at the first k, -1 after the last."""
        if len(who) == 0:
            return
        w, k1 = self.work, PROGRESS_K + 1
        row = self.cells.key[who] * k1
        lo, hi = began - w.permit[who], m - w.permit[who]
        if lo.min() < 0 or hi.max() > PROGRESS_K:  # present persons are past their permit, within the window
            raise AssertionError("a run of months since the permit falls outside 0 ... PROGRESS_K")
        self.diff[name] += np.bincount(row + lo, minlength=len(self.diff[name]))
        self.diff[name] -= np.bincount(row + hi, minlength=len(self.diff[name]))

    def close(self, m: int) -> dict[str, np.ndarray]:
        """Close every open run after month number ``m`` and return the counts by months since the permit."""
        for name in ("aanwezig", "betaald"):
            who = np.flatnonzero(self.open[name] >= 0)
            self._close(name, who, self.open[name][who], m + 1)
            self.open[name][who] = -1
            runs = self.diff[name].reshape(self.cells.n, PROGRESS_K + 1).cumsum(axis=1)[:, :PROGRESS_K]
            self.work.counts[name] += runs
            self.diff[name][:] = 0
        return self.work.counts

    def stocks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The month's stocks per cell: verblijf, traject, in paid work (the joint count's marginals)."""
        joint = self.joint.reshape(self.cells.n, N_VERBLIJF, N_TRAJECT, 2)
        return joint.sum(axis=(2, 3)), joint.sum(axis=(1, 3)), joint[..., 1].sum(axis=(1, 2))


@dataclass(frozen=True)
class WorkSincePermit:
    """Presence, paid work and volunteer work counted at each person's months since the permit.

    Each month a person living here (:func:`living_here`) adds one to (cell, k), k = months since the month of
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
    first: np.ndarray  # the first month counted: majority, not before the permit's month (int32)
    end: np.ndarray  # the first month not counted: the AOW month or PROGRESS_K months after the permit (int32)
    base: np.ndarray  # cell * PROGRESS_K - permit month: plus the month number, the (cell, k) key (int32)

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
            # from majority, and never before the permit's month: a caseload file can have someone
            # housed before a permit dated ahead (or imputed from a later date); k < 0 is no month since it
            np.maximum(ages[0], permit).astype(np.int32),
            np.clip(np.minimum(ages[1], permit + PROGRESS_K), -(2**31), 2**31 - 1).astype(np.int32),
            (cells.key * PROGRESS_K - permit).astype(np.int32),  # |permit| <= 2**30: fits
        )

    def add_volunteers(self, state: State, m: int, learning: np.ndarray) -> None:
        """Count the month's Z-route status holders at their months since the permit (``learning``: the learners)."""
        n, size = self.cells.n, self.cells.n * PROGRESS_K
        now = state.traject[learning]
        z = learning[(state.leerroute[learning] == Leerroute.Z) & (now >= TERMIJN) & (now <= OVERSCHREDEN)]
        z = z[(state.pop["groep"][z] <= NAREIZIGER) & (state.verblijf[z] == GEMEENTE)]
        z = z[(m - self.permit[z] < PROGRESS_K) & (m >= self.permit[z])]
        self.counts["vrijwillig"] += np.bincount(self.base[z] + m, minlength=size).reshape(n, PROGRESS_K)
