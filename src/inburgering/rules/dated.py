"""Periods whose length is itself a dated parameter.

The question is "the first day on which X has lasted long enough under the rule in force
that day".

Why a helper: three rules share the shape. The AOW age (a person reaches it on the first day
d with d >= birth + AOW age in force on d), the asylum seeker's waiting time before work (a
shorter wait that starts later takes effect on its start date), and the naturalisation
residence period. With a piecewise-constant period the answer is the earliest of one
candidate per segment: ``max(base + period_i, segment start)``, valid when it falls before
the segment's end. That is a handful of vectorised steps, one per segment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from inburgering.dates import NAT, MonthIndex
from inburgering.law.parameters import ParameterSet


def segments(params: ParameterSet, paths: Sequence[str]) -> list[tuple[np.datetime64, np.datetime64, dict[str, Any]]]:
    """Merge the breakpoints of ``paths``: (start, end exclusive, values in force) per segment."""
    points = sorted({bp for path in paths for bp in params[path].breakpoints()})
    out = []
    for i, start in enumerate(points):
        end = points[i + 1] if i + 1 < len(points) else np.datetime64("9999-12-31", "D")
        out.append((start, end, {path: params[path].at(start).value for path in paths}))
    return out


def earliest_candidate(candidates: Sequence[tuple[Any, Any, Any]]) -> Any:
    """Earliest valid date over ``(candidate, segment_end, allowed)`` triples; ``NaT`` if none."""
    result = None
    for cand, end, allowed in candidates:
        cand = np.asarray(cand, dtype="datetime64[D]")
        ok = cand < end  # False for NaT
        if allowed is not True:
            ok &= np.asarray(allowed, dtype=bool)
        masked = np.where(ok, cand, NAT)
        result = masked if result is None else np.fmin(result, masked)
    return result


def first_day_reaching(
    base: Any,
    params: ParameterSet,
    path: str,
    months_per_unit: int = 1,
    index: MonthIndex | None = None,
    age: bool = False,
) -> Any:
    """First day d >= ``base`` with d >= base + value(d) * months_per_unit months.

    ``age``: ``base`` is a birth day and the period an age, reached the day after the years end
    (:meth:`MonthIndex.reaching`: born on 29 February, 1 March in a common year, decision 0007).

    >>> from inburgering.law.parameters import load_parameters
    >>> p = load_parameters()
    >>> b = np.array(["1960-12-15", "1961-01-15"], dtype="datetime64[D]")
    >>> [str(x) for x in first_day_reaching(b, p, "plicht.aow_leeftijd")]
    ['2027-12-15', '2028-04-15']
    """
    index = index or MonthIndex(base)
    triples = []
    for start, end, values in segments(params, [path]):
        months = values[path] * months_per_unit
        reached = index.reaching(months) if age else index.plus(months)
        triples.append((np.maximum(reached, start), end, True))
    return earliest_candidate(triples)
