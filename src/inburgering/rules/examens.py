"""Exam results on the peildatum: the highest level passed per component, and when.

Exams after the peildatum do not count. The person's exam list is a flat table (one row per
attempt, with the person's row number), so the summary is a scatter-max, not a loop.
"""

from __future__ import annotations

import numpy as np

from inburgering.codes import NIVEAUS, ONDERDELEN, Onderdeel, niveau
from inburgering.rules.base import Context

N_COMPONENTS = len(ONDERDELEN)  # lezen, luisteren, schrijven, spreken, knm
KNM = Onderdeel.KNM
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
        counts = ex["geslaagd"] & (ex["datum"] <= ctx.peildatum)
        for level in range(1, len(NIVEAUS) + 1):  # ascending, so the highest level is written last
            out[_keys(ctx, counts & (ex["niveau"] == level))] = level
        return out.reshape(len(ctx), N_COMPONENTS)

    result: np.ndarray = ctx.memo("best_levels", compute)
    return result


def passed_on(ctx: Context, level: int) -> np.ndarray:
    """(persons, 5) datetime64: first date each component was passed at ``level`` or higher.

    KNM counts at any level; ``NaT`` where not passed by the peildatum. The exam table is
    sorted by person, component and date, so the first row of each run is the earliest.
    """

    def compute() -> np.ndarray:
        ex = ctx.table("examens")
        ok = ex["geslaagd"] & (ex["datum"] <= ctx.peildatum)
        ok &= (ex["niveau"] >= level) | (ex["onderdeel"] == KNM)
        rows = np.flatnonzero(ok)
        keys = _keys(ctx, rows)
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        out = np.full(len(ctx) * N_COMPONENTS, np.datetime64("NaT", "D"))
        out[keys[first]] = ex["datum"][rows[first]]
        return out.reshape(len(ctx), N_COMPONENTS)

    result: np.ndarray = ctx.memo(f"passed_on_{level}", compute)
    return result


def all_passed_on(ctx: Context, level: int) -> np.ndarray:
    """Date by which all four language components (at ``level``+) and KNM were passed."""
    raw = passed_on(ctx, level).view(np.int64)  # NaT is the int64 minimum
    missing = raw.min(axis=1) == np.iinfo(np.int64).min
    return np.where(missing, np.datetime64("NaT", "D"), raw.max(axis=1).view("datetime64[D]"))
