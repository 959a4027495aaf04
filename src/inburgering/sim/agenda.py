"""Persons noted for a future event, by month: scheduled in bulk, taken out month by month.

Why not a dictionary keyed by (event, month): a job search draws geometric waits, so one
month's scheduling spreads over a hundred or more months, and a Python loop over them cost
about 7% of a national run (issue #20). Here a scheduling call appends one chunk (persons sorted
by month); taking out a month is a binary search per chunk, and the chunks are merged into one
when they grow many, dropping the months already taken. Months are taken in increasing order
per event (the engine's loop runs forward): a month taken once is empty afterwards, and a
person noted for a month already taken is never returned, as before.

>>> agenda = Agenda()
>>> agenda.add("baan", np.array([4, 2, 7]), np.array([600, 601, 600]))
>>> agenda.take("baan", 600).tolist(), agenda.take("baan", 600).tolist(), agenda.take("baan", 601).tolist()
([4, 7], [], [2])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from inburgering.sim.sets import union

MAX_CHUNKS = 12  # merged into one beyond this: a take costs a binary search per chunk


@dataclass
class _Pending:
    """One event's noted persons: chunks of (months ascending, persons), the last month taken."""

    chunks: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    taken: int = np.iinfo(np.int64).min


@dataclass
class Agenda:
    """Persons by (event, month number) of a future event a phase has fixed."""

    events: dict[str, _Pending] = field(default_factory=dict)

    def add(self, event: str, idx: np.ndarray, months: np.ndarray) -> None:
        """Note persons ``idx`` for ``event`` in each of their month numbers."""
        if len(idx) == 0:
            return
        order = np.argsort(months, kind="stable")
        pending = self.events.setdefault(event, _Pending())
        pending.chunks.append((np.asarray(months, np.int64)[order], np.asarray(idx, np.int64)[order]))
        if len(pending.chunks) > MAX_CHUNKS:
            self._merge(pending)

    def take(self, event: str, month: int) -> np.ndarray:
        """Persons noted for ``event`` in ``month`` (ascending, each once); later takes of it are empty."""
        pending = self.events.setdefault(event, _Pending())  # the month taken is kept, even with nothing noted
        if month < pending.taken:
            raise ValueError(f"agenda: month {month} of {event!r} taken after month {pending.taken}; months go forward")
        if month == pending.taken:
            return np.zeros(0, np.int64)
        parts = []
        for months, idx in pending.chunks:
            lo, hi = np.searchsorted(months, (month, month + 1))
            if hi > lo:
                parts.append(idx[lo:hi])
        pending.taken = month
        return union(*parts) if parts else np.zeros(0, np.int64)

    def pending(self, event: str) -> int:
        """How many notes for ``event`` are still ahead (after the last month taken)."""
        p = self.events.get(event)
        return 0 if p is None else sum(int((m > p.taken).sum()) for m, _ in p.chunks)

    @staticmethod
    def _merge(pending: _Pending) -> None:
        months = np.concatenate([m for m, _ in pending.chunks])
        idx = np.concatenate([i for _, i in pending.chunks])
        ahead = months > pending.taken
        months, idx = months[ahead], idx[ahead]
        order = np.argsort(months, kind="stable")
        pending.chunks = [(months[order], idx[order])]
