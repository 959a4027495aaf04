"""What every phase needs for one month: the state, the law, the behaviour and the calendar."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from inburgering.dates import month_numbers
from inburgering.law.parameters import ParameterSet
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.rng import uniform
from inburgering.sim.state import State


@dataclass
class Run:
    """One simulation run of one scenario.

    The state's ``agenda`` holds persons by the month of a future event a phase has fixed (a
    naturalisation decision), and its ``open`` sets what a phase keeps between months (the
    voorinburgering participants), so that neither needs a scan of everyone each month. Both
    live in the state, so a run can stop and continue from it.

    A person's random numbers are keyed by their row number, unless the population carries a
    column ``sleutel``: then by that key. A caseload forecast sets it from what each row says,
    so one person's forecast does not move when other rows are added to the file (a robustness
    test found it did: the rows' numbers shift).
    """

    state: State
    params: ParameterSet
    behaviour: Behaviour
    seed: int
    keys: np.ndarray | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.keys = self.state.pop.columns.get("sleutel")

    def ids(self, idx: np.ndarray) -> np.ndarray:
        """The random-stream keys of persons ``idx``: their row numbers, or the population's ``sleutel``."""
        return idx if self.keys is None else self.keys[idx]

    @property
    def open(self) -> dict[str, np.ndarray]:
        """Sets a phase keeps between months."""
        return self.state.open

    def schedule(self, event: str, idx: np.ndarray, dates: np.ndarray) -> None:
        """Note persons ``idx`` for ``event`` in the month of each of their ``dates``."""
        self.schedule_months(event, idx, month_numbers(dates))

    def schedule_months(self, event: str, idx: np.ndarray, months: np.ndarray) -> None:
        """Note persons ``idx`` for ``event`` in each of their month numbers."""
        self.state.agenda.add(event, idx, months)

    def due(self, event: str, month: np.datetime64) -> np.ndarray:
        """Persons noted for ``event`` in ``month`` (ascending), taken off the agenda."""
        return self.state.agenda.take(event, month_number(month))

    def draw(self, idx: np.ndarray, decision: str, month: np.datetime64) -> np.ndarray:
        """Uniform draws for persons ``idx`` (row numbers; keyed by :meth:`ids`) in ``month``."""
        return uniform(self.seed, self.ids(idx), decision, month_number(month))

    def trait(self, idx: np.ndarray, decision: str) -> np.ndarray:
        """A draw fixed per person (month 0): the same in every month and every scenario."""
        return uniform(self.seed, self.ids(idx), decision, 0)

    def v(self, path: str) -> float:
        """A behavioural parameter's value."""
        return self.behaviour.v(path)


def _month(month: Any) -> Any:
    return np.asarray(month).astype("datetime64[M]")[()]


def month_number(month: np.datetime64) -> int:
    """Months since 1970-01, the month counter of the random draws."""
    if isinstance(month, np.datetime64):
        return _month_number(month)  # the phases ask this some 20,000 times a run, for a few hundred months
    return int(_month(month).astype(np.int64))


@lru_cache(maxsize=4096)
def _month_number(month: np.datetime64) -> int:
    return int(_month(month).astype(np.int64))


def month_bounds(month: np.datetime64) -> tuple[np.datetime64, np.datetime64]:
    """First and last day of ``month``."""
    if isinstance(month, np.datetime64):
        return _month_bounds(month)
    return _bounds(month)


@lru_cache(maxsize=4096)
def _month_bounds(month: np.datetime64) -> tuple[np.datetime64, np.datetime64]:
    return _bounds(month)


def _bounds(month: Any) -> tuple[np.datetime64, np.datetime64]:
    first = _month(month).astype("datetime64[D]")
    last = (_month(month) + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    return first, last


def day_in_month(month: np.datetime64, u: np.ndarray) -> np.ndarray:
    """A day in ``month`` for each uniform draw ``u`` (events happen on a drawn day)."""
    first, last = month_bounds(month)
    length = int((last - first).astype(int)) + 1
    return first + np.minimum((u * length).astype(np.int64), length - 1).astype("timedelta64[D]")


class EventIndex:
    """Persons by the month of a known date, sorted once, so each month costs O(events).

    >>> idx = EventIndex(np.array(["2024-01-05", "2024-02-01", "NaT", "2024-01-31"], dtype="datetime64[D]"))
    >>> idx.at(np.datetime64("2024-01", "M")).tolist()
    [0, 3]
    """

    def __init__(self, dates: np.ndarray):
        self._sort(np.where(np.isnat(dates), np.iinfo(np.int64).max, month_numbers(dates)))

    @classmethod
    def of_months(cls, months: np.ndarray) -> EventIndex:
        """An index of month numbers known in advance (months since 1970-01)."""
        index = cls.__new__(cls)
        index._sort(np.asarray(months, np.int64))
        return index

    def _sort(self, months: np.ndarray) -> None:
        # months as int16 (any month of years 1970 +/- 2,700; beyond that only "never" and "long
        # ago", which no month asked matches): numpy sorts int16 by radix, ~5x faster (issue #20).
        # Kept narrow too (int16 months, int32 rows: 6 bytes an entry, not 16): a run holds eight
        # entries a person in these indices, about 80 bytes a person at their int64 width
        small = np.clip(months, -(2**15), 2**15 - 1).astype(np.int16)
        order = np.argsort(small, kind="stable")
        self.months = small[order]
        self.order = order.astype(np.int32) if len(order) < 2**31 else order

    def at(self, month: np.datetime64) -> np.ndarray:
        """Row numbers whose date falls in ``month`` (ascending)."""
        return self.at_number(month_number(month))

    def at_number(self, m: int) -> np.ndarray:
        """Row numbers whose month number is ``m`` (ascending)."""
        if not -(2**15) < m < 2**15 - 1:  # "never" and "long ago" are not months
            return np.zeros(0, np.int64)
        lo, hi = np.searchsorted(self.months, np.array([m, m + 1], np.int16))
        return np.sort(self.order[lo:hi]).astype(np.int64)


def stepped_rate(run: Run, since: np.ndarray, month: np.datetime64, window: str, early: str, late: str) -> np.ndarray:
    """A monthly rate that is ``early`` up to ``window`` months after the month of ``since``, ``late`` after.

    The three are behavioural parameter names (the housing and the intake rates step this way).
    """
    months = month_number(month) - month_numbers(since)
    return np.where(months <= run.v(window), run.v(early), run.v(late))


def in_month(dates: np.ndarray, month: np.datetime64) -> np.ndarray:
    """Boolean: the date falls in ``month`` (``NaT`` never does).

    Compares with the month's first and last day: a ``datetime64[M]`` conversion of the
    whole column every month cost most of a national run.
    """
    first, last = month_bounds(month)
    return (dates >= first) & (dates <= last)
