"""Exam results on the peildatum: the highest level passed per component, and when.

Exams after the peildatum do not count. The person's exam list is a flat table (one row per
attempt, with the person's row number), so the summary is a scatter-max, not a loop.
"""

from __future__ import annotations

import numpy as np

from inburgering.people.person import NIVEAUS
from inburgering.rules.base import Context

N_COMPONENTS = 5  # lezen, luisteren, schrijven, spreken, knm
KNM = 4
LANGUAGE = slice(0, 4)


def level_code(level: str) -> int:
    """``A1`` → 1 ... ``B2`` → 4 (0 means nothing passed)."""
    return NIVEAUS.index(level) + 1


def best_levels(ctx: Context) -> np.ndarray:
    """(persons, 5) int8: highest level passed per component on or before the peildatum."""

    def compute() -> np.ndarray:
        ex = ctx.persons.examens
        out = np.zeros((len(ctx), N_COMPONENTS), dtype=np.int8)
        counts = ex["geslaagd"] & (ex["datum"] <= ctx.peildatum)
        np.maximum.at(out, (ex["persoon"][counts], ex["onderdeel"][counts]), ex["niveau"][counts])
        return out

    result: np.ndarray = ctx.memo("best_levels", compute)
    return result


def passed_on(ctx: Context, level: int) -> np.ndarray:
    """(persons, 5) datetime64: first date each component was passed at ``level`` or higher.

    KNM counts at any level; ``NaT`` where not passed by the peildatum.
    """

    def compute() -> np.ndarray:
        ex = ctx.persons.examens
        out = np.full((len(ctx), N_COMPONENTS), np.datetime64("9999-12-31", "D"))
        ok = ex["geslaagd"] & (ex["datum"] <= ctx.peildatum)
        ok &= (ex["niveau"] >= level) | (ex["onderdeel"] == KNM)
        np.minimum.at(out, (ex["persoon"][ok], ex["onderdeel"][ok]), ex["datum"][ok])
        return np.where(out == np.datetime64("9999-12-31", "D"), np.datetime64("NaT", "D"), out)

    result: np.ndarray = ctx.memo(f"passed_on_{level}", compute)
    return result


def all_passed_on(ctx: Context, level: int) -> np.ndarray:
    """Date by which all four language components (at ``level``+) and KNM were passed."""
    dates = passed_on(ctx, level)
    latest = dates.max(axis=1)  # NaT propagates: any component missing gives NaT
    return np.where(np.isnat(dates).any(axis=1), np.datetime64("NaT", "D"), latest)
