"""What the listed residence permits show: begun on a permanent one, all lapsed, the last one's end.

Read by who is obliged (art. 3.1: a residence begun under Vw 2000 art. 8 a or c), by
naturalisation (a residence that may have ended) and by the counsellor's timeline; one place
for the permit table's arithmetic.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.codes import Verblijfsdoel, Vergunning
from inburgering.dates import MonthIndex
from inburgering.rules.base import Context
from inburgering.rules.logic import TRUE

FIXED_TERM = (int(Vergunning.ASIEL_BEPAALD), int(Vergunning.REGULIER_BEPAALD))
"""The permit kinds of Vw 2000 art. 8 a and c (fixed-term); the others are of indefinite duration."""


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
    fixed = np.isin(vg["soort"], FIXED_TERM)
    starts = np.bincount(who, weights=at_start, minlength=n) > 0
    fixed_start = np.bincount(who, weights=at_start & fixed, minlength=n) > 0
    return np.asarray(listed & starts & ~fixed_start)


def only_permanent_on(ctx: Context) -> np.ndarray:
    """Boolean: on the peildatum a listed permit of indefinite duration is in force, and no fixed-term one after it.

    The loans chapter (art. 19) is for whoever resides on a fixed-term regular permit; from the day
    a permanent one takes over, the person is outside it (a legal tester found the loan going on).
    Without a list, or with no permit in force that day, nothing is shown.
    """
    n = len(ctx)
    listed = ctx.col("heeftVergunningenlijst") == TRUE
    if not listed.any():
        return np.zeros(n, bool)
    vg = ctx.table("verblijfsvergunningen")
    if len(vg["persoon"]) == 0:
        return np.zeros(n, bool)
    who, begin, end = vg["persoon"], vg["begin"], vg["einde"]
    running = (begin <= ctx.peildatum) & (np.isnat(end) | (end >= ctx.peildatum))
    fixed = np.isin(vg["soort"], FIXED_TERM)
    # a permanent permit replaces the fixed-term one it follows, whether or not that one's end is listed
    # (a review of the day's change found a fixed-term permit without an end keeping the loan)
    none = np.iinfo(np.int64).min
    latest = np.full(n, none)
    np.maximum.at(latest, who[running & ~fixed], begin[running & ~fixed].view(np.int64))
    replaced = begin.view(np.int64) < latest[who]
    permanent = np.bincount(who, weights=running & ~fixed, minlength=n) > 0
    fixed_in_force = np.bincount(who, weights=running & fixed & ~replaced, minlength=n) > 0
    return np.asarray(listed & permanent & ~fixed_in_force)


def first_permanent_day(ctx: Context) -> np.ndarray:
    """Per person, the first day a listed permit of indefinite duration begins (``NaT``: none); for the timeline."""
    n = len(ctx)
    out = np.full(n, np.iinfo(np.int64).max)
    vg = ctx.table("verblijfsvergunningen")
    if len(vg["persoon"]) and (ctx.col("heeftVergunningenlijst") == TRUE).any():
        permanent = ~np.isin(vg["soort"], FIXED_TERM)
        begin = vg["begin"].view(np.int64)
        ok = permanent & ~np.isnat(vg["begin"])
        np.minimum.at(out, vg["persoon"][ok], begin[ok])
    out = np.where(out == np.iinfo(np.int64).max, np.datetime64("NaT", "D").view(np.int64), out)
    return out.view("datetime64[D]")


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


_NO_RUNS = {
    "persoon": np.zeros(0, np.int64),
    "begin": np.zeros(0, np.int64),
    "einde": np.zeros(0, np.int64),
    "eerste": np.zeros(0, bool),
}


def _runs(ctx: Context) -> dict[str, np.ndarray]:
    """The listed permits as unbroken runs, per person in order (memoised).

    A run breaks where a permit begins later than the day after every earlier one has ended (an
    open end never ends). Returns per run: ``persoon``, ``begin``, ``einde`` (``NaT``: open),
    ``eerste`` (the person's first run).
    """

    def compute() -> dict[str, np.ndarray]:
        # without any list given the answer cannot depend on one: peeked, not recorded as read, so the
        # trace of a person without permits lists only what their answer rests on
        if not (ctx.persons["heeftVergunningenlijst"] == TRUE).any():
            return _NO_RUNS
        vg = ctx.table("verblijfsvergunningen")
        who, begin = vg["persoon"], vg["begin"].view(np.int64)
        if len(who) == 0:
            return _NO_RUNS
        order = np.lexsort((begin, who))
        who, begin = who[order], begin[order]
        end = vg["einde"][order]
        open_end = np.iinfo(np.int32).max
        ends = np.where(np.isnat(end), open_end, end.view(np.int64))
        # a running maximum of the ends within each person: the person's offset keeps the groups apart
        offset = who.astype(np.int64) << 33
        reach = np.maximum.accumulate(offset + ends) - offset
        first = np.r_[True, who[1:] != who[:-1]]
        before = np.r_[np.iinfo(np.int64).min, reach[:-1]]
        new = first | (begin > before + 1)
        starts = np.flatnonzero(new)
        stops = np.r_[starts[1:], len(who)] - 1
        run_end = reach[stops]
        return {
            "persoon": who[starts],
            "begin": begin[starts],
            "einde": np.where(run_end == open_end, np.iinfo(np.int64).min, run_end),
            "eerste": first[starts],
        }

    result: dict[str, np.ndarray] = ctx.memo("permit_runs", compute)
    return result


def between_permits(ctx: Context) -> np.ndarray:
    """Boolean: on the peildatum no listed permit runs, but one ran before and another begins after.

    A gap in the residence: the obligation lasts across a gap of at most a year for the reasons
    Besluit 2.1 lid 2 names (not registered here, a temporary stay), which the list does not say;
    a legal review found the person told "obliged" in the middle of a two-year gap.
    """
    runs = _runs(ctx)
    n = len(ctx)
    if len(runs["persoon"]) == 0:
        return np.zeros(n, bool)
    peil = ctx.peildatum.astype("datetime64[D]").view(np.int64)
    ended = (runs["einde"] != np.iinfo(np.int64).min) & (runs["einde"] < peil)
    before = np.bincount(runs["persoon"], weights=ended & (runs["begin"] <= peil), minlength=n) > 0
    covering = (runs["begin"] <= peil) & ~ended
    now = np.bincount(runs["persoon"], weights=covering, minlength=n) > 0
    after = np.bincount(runs["persoon"], weights=runs["begin"] > peil, minlength=n) > 0
    return np.asarray((ctx.col("heeftVergunningenlijst") == TRUE) & before & after & ~now)


def residence_since(ctx: Context, years: int) -> np.ndarray:
    """The first day of the unbroken residence naturalisation can count, where a gap broke an earlier one.

    Of the runs of listed permits still running on the peildatum or still to come, the first that
    lasts ``years`` (open-ended, or ending no earlier than the day those years are complete), else
    the last: its first day where it is not the person's first run (``NaT`` otherwise, and where
    no list is given: the residence then counts from ``datumVerblijfsrecht``). Naturalisation asks
    five years *immediately before* the request (RWN art. 8.1.c); reviews found the years counted
    straight through a gap of two years, and a day given inside a gap still to come.
    """
    runs = _runs(ctx)
    n = len(ctx)
    out = np.full(n, np.datetime64("NaT", "D"))
    if len(runs["persoon"]) == 0:
        return out
    peil = ctx.peildatum.astype("datetime64[D]").view(np.int64)
    open_end = runs["einde"] == np.iinfo(np.int64).min
    live = open_end | (runs["einde"] >= peil)
    complete = MonthIndex(runs["begin"].view("datetime64[D]")).reaching(12 * years).view(np.int64)
    # long enough: the years complete by the day after the run's last day (then a request can follow)
    long_enough = open_end | (complete <= runs["einde"] + 1)
    last = np.r_[runs["persoon"][1:] != runs["persoon"][:-1], True]
    # per person the first live run that is long enough, else the person's last run: runs are in order and
    # disjoint, so a live run comes no later than the last one (and where every run ended, whether the last
    # still runs is unknown, which the callers say)
    pick = np.flatnonzero((live & long_enough) | last)
    persons, first_of = np.unique(runs["persoon"][pick], return_index=True)
    chosen = pick[first_of]
    later = ~runs["eerste"][chosen]
    out[persons[later]] = runs["begin"][chosen[later]].view("datetime64[D]")
    listed = ctx.col("heeftVergunningenlijst") == TRUE
    return np.where(listed, out, np.datetime64("NaT", "D"))


def _gap_rows(runs: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every gap between runs: (person, its first day, the day the next run begins), days as integers."""
    later = np.flatnonzero(~runs["eerste"])
    return runs["persoon"][later], runs["einde"][later - 1] + 1, runs["begin"][later]


def gaps_after(ctx: Context, day: np.ndarray, until: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gaps in the listed permits begun after ``day``, by ``until`` and by the peildatum: (a short one, a long one).

    Short: at most ``termijn.max_onderbreking`` (Besluit 2.1 lid 2), from date to date (decision
    0007: a year from 29 February runs to 28 February). Read by the term (``day`` the PIP's date,
    ``until`` the term's last day): a gap after the term cannot reach back into it, and a gap still
    to come is not yet one the person had (a review found an ended term lengthened by a later gap).
    """
    runs = _runs(ctx)
    n = len(ctx)
    short, long_ = np.zeros(n, bool), np.zeros(n, bool)
    if len(runs["persoon"]) < 2:
        return short, long_
    listed = ctx.col("heeftVergunningenlijst") == TRUE
    who, starts, resumes = _gap_rows(runs)
    limit = MonthIndex(starts.view("datetime64[D]")).reaching(int(ctx.p("termijn.max_onderbreking"))).view(np.int64)
    peil = ctx.peildatum.astype("datetime64[D]").view(np.int64)
    after = ~(starts <= day.view(np.int64)[who]) & ~np.isnat(day[who]) & (starts <= peil)
    after &= starts <= np.where(np.isnat(until), np.iinfo(np.int64).min, until.view(np.int64))[who]
    kept = after & (resumes <= limit)
    short[who[kept]] = True
    long_[who[after & ~kept]] = True
    return short & listed, long_ & listed


def listed_before(ctx: Context, since: Any) -> np.ndarray:
    """Boolean: a listed permit began before ``since`` while ``datumVerblijfsrecht`` is on or after it.

    The date given as the start of lawful residence then reads as a later permit's (a renewal, or a
    permit after a temporary stay): which Act the obligation arose under depends on what the earlier
    permit was for, which the list does not say (a legal tester found "obliged under this Act" as
    a certainty for a Turkish national whose list began in 2021). An asylum permit dated back to its
    application (Vw 2000 art. 44.2) is the same permit, not an earlier one: a decision of 2022 on an
    application of 2021 obliges under this Act (art. 3.3). Without the application's date, an asylum
    permit listed before ``datumVerblijfsrecht`` is read the same way, the usual case (the review of
    the day's change found ordinary permits of 2021-2022 made unknown by a reason about temporary stays,
    which an asylum permit never is, Besluit 2.2 lid 3).
    """
    runs = _runs(ctx)
    n = len(ctx)
    if len(runs["persoon"]) == 0:
        return np.zeros(n, bool)
    first = np.full(n, np.datetime64("NaT", "D"))
    first[runs["persoon"][runs["eerste"]]] = runs["begin"][runs["eerste"]].view("datetime64[D]")
    day = np.asarray(since, dtype="datetime64[D]")
    vr = ctx.col("datumVerblijfsrecht")
    application = ctx.col("datumAsielaanvraag")
    backdated = (ctx.col("verblijfsdoel") == int(Verblijfsdoel.ASIEL)) & (
        np.isnat(application) | (first >= application)
    )
    listed = ctx.col("heeftVergunningenlijst") == TRUE
    return np.asarray(listed & (first < day) & (vr >= day) & ~backdated)


def resumed_after_long_gap(ctx: Context, since: Any) -> np.ndarray:
    """Boolean: a run of listed permits began on or after ``since``, by the peildatum, after a long gap.

    Long: more than ``termijn.max_onderbreking`` (Besluit 2.1 lid 2). An obligation that arose under
    the old Act ends with such a gap unless a renewal kept the residence lawful (lid 1), and the
    later permit then starts one under this Act (art. 3.1): a legal tester found someone back after
    a gap of 17 months told "the old Act still applies" for good.
    """
    runs = _runs(ctx)
    out = np.zeros(len(ctx), bool)
    if len(runs["persoon"]) < 2:
        return out
    who, starts, resumes = _gap_rows(runs)
    limit = MonthIndex(starts.view("datetime64[D]")).reaching(int(ctx.p("termijn.max_onderbreking"))).view(np.int64)
    peil = ctx.peildatum.astype("datetime64[D]").view(np.int64)
    first_day = np.asarray(since, dtype="datetime64[D]").view(np.int64)
    hit = (resumes > limit) & (resumes >= first_day) & (resumes <= peil)
    out[who[hit]] = True
    return np.asarray(out & (ctx.col("heeftVergunningenlijst") == TRUE))


def next_gap_days(ctx: Context, after: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Per person, the first day after ``after`` a gap in the listed permits begins, and a run after one (``NaT``: none).

    The days the obligation and the term's answers change with the permits alone: the
    counsellor's timeline asks them (a review found a gap's start and end missing from it).
    """
    runs = _runs(ctx)
    n = len(ctx)
    none = np.iinfo(np.int64).max
    begins, resumes = np.full(n, none), np.full(n, none)
    if len(runs["persoon"]) < 2:
        return begins.view("datetime64[D]").copy(), resumes.view("datetime64[D]").copy()
    day = np.asarray(after, "datetime64[D]").view(np.int64)
    who, gap_start, resume = _gap_rows(runs)
    np.minimum.at(begins, who[gap_start > day], gap_start[gap_start > day])
    np.minimum.at(resumes, who[resume > day], resume[resume > day])
    as_days = [np.where(x == none, np.datetime64("NaT", "D"), x.view("datetime64[D]")) for x in (begins, resumes)]
    return as_days[0], as_days[1]
