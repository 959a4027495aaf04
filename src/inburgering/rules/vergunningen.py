"""What the listed residence permits show: begun on a permanent one, all lapsed, the last one's end.

Read by who is obliged (art. 3.1: a residence begun under Vw 2000 art. 8 a or c), by
naturalisation (a residence that may have ended) and by the counsellor's timeline; one place
for the permit table's arithmetic.
"""

from __future__ import annotations

import numpy as np

from inburgering.codes import Vergunning
from inburgering.rules.base import Context
from inburgering.rules.logic import TRUE


def permanent_from_the_start(ctx: Context) -> np.ndarray:
    """Boolean: the listed permits that begin by the start of the lawful residence are all of indefinite duration.

    Art. 3.1 obliges whoever obtains lawful residence under Vw 2000 art. 8 a or c (a fixed-term
    regular or asylum permit), not under 8 b or d (indefinite). A list whose permits from the
    residence's first day are all indefinite shows the residence began on one; a list without a
    permit from that day (a later permanent permit only) shows nothing about the start. A legal
    review found the permit's kind never read.
    """
    n = len(ctx)
    listed = ctx.col("heeftVergunningenlijst") == TRUE
    if not listed.any():  # without a list the table is not even built (the simulation's usual case)
        return np.zeros(n, bool)
    vg = ctx.table("verblijfsvergunningen")
    if len(vg["persoon"]) == 0:
        return np.zeros(n, bool)
    who = vg["persoon"]
    at_start = vg["begin"] <= ctx.col("datumVerblijfsrecht")[who]
    fixed = np.isin(vg["soort"], (int(Vergunning.ASIEL_BEPAALD), int(Vergunning.REGULIER_BEPAALD)))
    starts = np.bincount(who, weights=at_start, minlength=n) > 0
    fixed_start = np.bincount(who, weights=at_start & fixed, minlength=n) > 0
    return np.asarray(listed & starts & ~fixed_start)


def permits_lapsed(ctx: Context) -> np.ndarray:
    """Boolean: a permit list is given and every permit on it ended before the peildatum.

    A review found a family migrant whose only permit ended 18 months earlier still obliged, with
    a loan: without a later permit or a pending renewal (not an input) the residence may have
    ended, so the answer is unknown, not yes.
    """
    vg = ctx.table("verblijfsvergunningen")
    n = len(ctx)
    if len(vg["persoon"]) == 0:
        return np.zeros(n, bool)
    end = vg["einde"]
    still = np.isnat(end) | (end >= ctx.peildatum)  # an open end: a permanent permit
    listed = np.bincount(vg["persoon"], minlength=n) > 0
    running = np.bincount(vg["persoon"], weights=still, minlength=n) > 0
    return np.asarray((ctx.col("heeftVergunningenlijst") == TRUE) & listed & ~running)


def last_permit_end(ctx: Context) -> np.ndarray:
    """The last day of the last listed permit (``NaT``: none listed, or one without an end)."""
    vg = ctx.table("verblijfsvergunningen")
    out = np.full(len(ctx), np.datetime64("NaT", "D"))
    if len(vg["persoon"]) == 0:
        return out
    end = vg["einde"].view(np.int64)
    latest = np.full(len(ctx), np.iinfo(np.int64).min)
    np.maximum.at(latest, vg["persoon"], np.where(np.isnat(vg["einde"]), np.iinfo(np.int64).max, end))
    known = (latest != np.iinfo(np.int64).min) & (latest != np.iinfo(np.int64).max)
    out[known] = latest[known].view("datetime64[D]")
    return out
