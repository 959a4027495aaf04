"""Exam results on the peildatum: the highest level passed per component, and when.

Exams after the peildatum do not count. The person's exam list is a flat table (one row per
attempt, with the person's row number), so the summary is a scatter-max, not a loop.
"""

from __future__ import annotations

import numpy as np

from inburgering.codes import NIVEAUS, ONDERDELEN, Onderdeel, niveau
from inburgering.rules.base import Context

N_COMPONENTS = len(ONDERDELEN)  # lezen, luisteren, schrijven, spreken, knm
KNM = int(Onderdeel.KNM)  # a plain int: faster in numpy than the IntEnum member (issue #20)
LANGUAGE = slice(0, 4)


def level_code(level: str) -> int:
    """``A1`` → 1 ... ``B2`` → 4 (0 means nothing passed)."""
    return niveau(level)


def _keys(ctx: Context, rows: np.ndarray) -> np.ndarray:
    ex = ctx.table("examens")
    return ex["persoon"][rows] * N_COMPONENTS + ex["onderdeel"][rows]


def best_levels(ctx: Context) -> np.ndarray:
    """(persons, 5) int8: highest level passed per component on or before the peildatum."""

    def compute() -> np.ndarray:
        ex = ctx.table("examens")
        out = np.zeros(len(ctx) * N_COMPONENTS, dtype=np.int8)
        rows = np.flatnonzero(ex["geslaagd"] & (ex["datum"] <= ctx.peildatum))
        keys, levels = _keys(ctx, rows), ex["niveau"][rows]
        for level in range(1, len(NIVEAUS) + 1):  # ascending, so the highest level is written last
            out[keys[levels == level]] = level
        return out.reshape(len(ctx), N_COMPONENTS)

    result: np.ndarray = ctx.memo("best_levels", compute)
    return result


def all_passed_on(ctx: Context, level: int, language_only: bool = False) -> np.ndarray:
    """Date by which all four language components (at ``level`` or higher) and KNM were passed; else NaT.

    KNM counts at any level; with ``language_only`` it is not asked (the four language
    components alone, as for a Staatsexamen NT2 diploma). Only passes on or before the peildatum
    count. The exam table is
    sorted by person, component and date, so the first row of each (person, component) run is the
    earliest pass; a person has them all when five such runs exist, and the date is their latest.
    Worked on the passing rows only (no persons x components grid), since this runs for everyone.
    """

    def compute() -> np.ndarray:
        ex = ctx.table("examens")
        ok = ex["geslaagd"] & (ex["datum"] <= ctx.peildatum)
        if language_only:
            ok &= (ex["niveau"] >= level) & (ex["onderdeel"] != KNM)
        else:
            ok &= (ex["niveau"] >= level) | (ex["onderdeel"] == KNM)
        rows = np.flatnonzero(ok)
        keys = _keys(ctx, rows)
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        who = ex["persoon"][rows[first]]
        dates = ex["datum"][rows[first]].view(np.int64)
        out = np.full(len(ctx), np.iinfo(np.int64).min, np.int64)  # NaT
        if len(who):
            start = np.flatnonzero(np.r_[True, who[1:] != who[:-1]])
            complete = np.diff(np.r_[start, len(who)]) == N_COMPONENTS - int(language_only)
            latest = np.maximum.reduceat(dates, start)
            out[who[start[complete]]] = latest[complete]
        return out.view("datetime64[D]")

    result: np.ndarray = ctx.memo(f"all_passed_on_{level}_{language_only}", compute)
    return result
