"""What each route asks: the exam level per component, the components decided away, MAP, the Z-route's hours.

The pieces :mod:`inburgering.rules.voldaan` puts together into "met" (art. 6.1), and that the
term, the route and the simulation read on their own (which level the exams are at, whether
the MAP belongs to the route): one place, so that no one else says which levels or parts count.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.codes import Leerroute, niveau
from inburgering.dates import NAT
from inburgering.law.parameters import ParameterSet
from inburgering.rules.base import Context
from inburgering.rules.examens import KNM
from inburgering.rules.logic import TRUE, UNKNOWN

# plain ints: numpy compares an array with an IntEnum member about 5x slower than with an int (issue #20)
B1_ROUTE, ONDERWIJS, Z_ROUTE = (int(route) for route in Leerroute)


def exam_level(params: ParameterSet, date: Any, route: np.ndarray, afgeschaald: np.ndarray) -> np.ndarray:
    """Level code each person's language components are examined at (0: the Z-route has no exam).

    ``afgeschaald`` per person (n,) lowers all four components; per component (n, 4) only those
    (art. 17.3: "geheel of gedeeltelijk"), and the result is then per component too.

    >>> from inburgering.law.parameters import load_parameters
    >>> p = load_parameters()
    >>> exam_level(p, "2025-01-01", np.array([0, 0, 1, 2]), np.array([False, True, False, False])).tolist()
    [3, 2, 3, 0]
    >>> exam_level(p, "2025-01-01", np.array([0]), np.array([[False, False, False, True]])).tolist()
    [[3, 3, 3, 2]]
    """
    afgeschaald = np.asarray(afgeschaald)
    r = route[:, None] if afgeschaald.ndim == 2 else route
    b1 = np.where(
        afgeschaald,
        niveau(params.value("afschaling.niveau", date)),
        niveau(params.value("examens.niveau_b1route", date)),
    )
    onderwijs = niveau(params.value("examens.niveau_onderwijsroute", date))
    return np.where(r == B1_ROUTE, b1, np.where(r == ONDERWIJS, onderwijs, 0)).astype(np.int8)


_BITS = (1 << np.arange(5)).astype(np.int8)


def decided_parts(ctx: Context, name: str) -> np.ndarray:
    """(persons, 5) bool: the exam components a partial decision (``ontheffingOnderdelen``, ...) names (memoised)."""

    def compute() -> np.ndarray:
        mask = ctx.col(name)
        return np.asarray((mask[:, None] & _BITS) != 0)

    result: np.ndarray = ctx.memo(f"parts:{name}", compute)
    return result


def afgeschaald_parts(ctx: Context) -> np.ndarray:
    """(persons, 4) bool: language components examined at the afschaling level (whole or partial; memoised)."""

    def compute() -> np.ndarray:
        whole = (ctx.col("afgeschaald") == TRUE) | a2_set_in_pip(ctx)
        return np.asarray(whole[:, None] | decided_parts(ctx, "afgeschaaldeOnderdelen")[:, :4])

    result: np.ndarray = ctx.memo("afgeschaald_parts", compute)
    return result


def a2_set_in_pip(ctx: Context) -> np.ndarray:
    """Boolean: a PIP set by the peildatum put the B1-route's language level at A2 from the start.

    Only where a scenario takes the learnability test's A2 over in the PIP
    (``afschaling.lbt_a2_in_pip``, VWN, by the rules of the PIP's day) and the test indicated A2
    (input ``leerbaarheidstoetsA2``). The exams are then at A2 like after afschaling (art. 17.3):
    a legal review found the calculator asking B1 of someone the proposal had set at A2, while
    the simulation let them finish at A2. (``afschalingBijPip`` reports the same condition for a
    PIP still to come.)
    """
    return _a2_in_pip(ctx)[0]


def a2_in_pip_open(ctx: Context) -> np.ndarray:
    """Boolean: as :func:`a2_set_in_pip`, but the learnability test's result is not given.

    Whether the PIP set the level at A2 is then open (a legal review found an unknown result read
    as "the PIP kept B1", and the obligation told not met with every component passed at A2).
    """
    return _a2_in_pip(ctx)[1]


def _a2_in_pip(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """(set at A2, open): a B1-route PIP under ``afschaling.lbt_a2_in_pip`` with the test at A2 or not given."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        pip = ctx.col("datumPip")
        set_ = ~np.isnat(pip) & (pip <= ctx.peildatum)
        if not set_.any():
            none = np.zeros(len(ctx), bool)
            return none, none
        on = np.where(set_, pip, ctx.peildatum)
        switch = ctx.params["afschaling.lbt_a2_in_pip"].values_at(on) > 0
        applies = set_ & switch & (ctx.col("leerroute") == B1_ROUTE)
        test = ctx.col("leerbaarheidstoetsA2")
        return np.asarray(applies & (test == TRUE)), np.asarray(applies & (test == UNKNOWN))

    result: tuple[np.ndarray, np.ndarray] = ctx.memo("a2_in_pip", compute)
    return result


def map_required(params: ParameterSet, date: Any, route: np.ndarray) -> np.ndarray:
    """Whether the MAP is part of each person's obligation (not in the onderwijsroute, art. 8.3)."""
    if params.value("leerroute.map_vereist_onderwijsroute", date):
        return np.ones(len(route), bool)
    return np.asarray(route != ONDERWIJS)


def knm_required(params: ParameterSet, date: Any) -> bool:
    """Whether the exam part asks the KNM exam on ``date`` (art. 7.2; a scenario may drop it)."""
    return bool(params.value("examens.knm_vereist", date))


def exams_met(
    params: ParameterSet, date: Any, levels: np.ndarray, level: np.ndarray, released: np.ndarray | None = None
) -> np.ndarray:
    """Whether the exam part is met, from the highest level passed per component ``levels`` (n, 5).

    ``level`` is per person (n,) or per language component (n, 4); components in ``released``
    (n, 5; a partial ontheffing, art. 5.1) are not asked.
    """
    lvl = level if level.ndim == 2 else level[:, None]
    free = np.zeros(levels.shape, bool) if released is None else released
    language = ((levels[:, :4] >= lvl) | free[:, :4]).all(axis=1) & (lvl.max(axis=1) > 0)
    if knm_required(params, date):
        language &= (levels[:, KNM] > 0) | free[:, KNM]
    return np.asarray(language)


def zroute_hours_met(params: ParameterSet, date: Any, hours: np.ndarray) -> np.ndarray:
    """Whether the Z-route's course hours are done (Besluit 3.14 lid 2 a)."""
    return np.asarray(hours >= params.value("leerroute.zroute_cursusuren", date))


def exams_done_on(ctx: Context, level: np.ndarray, who: np.ndarray) -> np.ndarray:
    """Date by which persons ``who`` passed every exam part at their level (NaT if not by the peildatum).

    One pass over their rows of the exam table (sorted by person, component and date, so the
    first row of each run is the earliest pass); only the persons asked for are looked at.
    ``level`` is per language component (n, 4); released components (a partial ontheffing) do not count.
    """
    out = np.full(len(ctx), NAT)
    if len(who) == 0:
        return out
    ex = ctx.table("examens")
    wanted = np.zeros(len(ctx), bool)
    wanted[who] = True
    part = ex["onderdeel"]
    knm = bool(ctx.p("examens.knm_vereist"))
    ok = wanted[ex["persoon"]] & ex["geslaagd"] & (ex["datum"] <= ctx.peildatum)
    ok &= np.where(part == KNM, knm, ex["niveau"] >= level[ex["persoon"], np.minimum(part, 3)])
    rows = np.flatnonzero(ok)
    keys = ex["persoon"][rows] * 5 + part[rows]
    first = np.ones(len(rows), bool)
    first[1:] = keys[1:] != keys[:-1]
    local = np.searchsorted(who, ex["persoon"][rows[first]])
    grid = np.full((len(who), 5), np.iinfo(np.int64).min, np.int64)  # NaT
    grid[local, part[rows[first]]] = ex["datum"][rows[first]].view(np.int64)
    released = decided_parts(ctx, "ontheffingOnderdelen")[who]
    grid[released] = np.datetime64("1900-01-01", "D").view(np.int64)  # not asked: no date of its own
    needed = grid if knm else grid[:, :4]
    missing = (needed == np.iinfo(np.int64).min).any(axis=1)
    out[who] = np.where(missing, NAT, needed.max(axis=1).view("datetime64[D]"))
    return out
