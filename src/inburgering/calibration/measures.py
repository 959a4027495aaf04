"""How the model computes each kind of published figure, from one finished run.

Every measure takes the run (its person table and raw result), the target's parameters and
the population scale (counts are scaled back to national numbers). Groups and cohorts
select persons; ``among: obliged`` restricts to those DUO notified.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from inburgering.calibration.measures_opvang import (
    asylum_applications,
    asylum_pending,
    asylum_permits,
    coa_count,
    coa_share_waiting,
    coa_work_ever,
    coa_work_share,
    housed_from_coa,
)
from inburgering.dates import DAYS_PER_MONTH, MonthIndex
from inburgering.rules.plicht import aow_datum
from inburgering.sim.companions import NIEUWKOMER
from inburgering.sim.output import SEXES
from inburgering.sim.population import GROUP_NAMES
from inburgering.sim.simulate import Simulation

Measure = Callable[[Simulation, dict[str, Any], float], float]


def _dates(per: pd.DataFrame, column: str) -> np.ndarray:
    return per[column].to_numpy().astype("datetime64[D]")


def _select(sim: Simulation, p: dict[str, Any]) -> pd.DataFrame:
    """The persons of ``groups`` and ``cohorts``; with ``among: obliged``, the newcomers DUO notified.

    CBS counts a cohort by the year the obligation arose, and the newcomers are built from those
    counts, which already hold the persons who came earlier as children and turned 16 that year.
    The model's own children are therefore left out of these figures (``rol``): counting them too
    would count that group twice.
    """
    per = sim.persons
    mask = per["group"].isin(p["groups"]).to_numpy() & per["cohort"].isin(p["cohorts"]).to_numpy()
    if p.get("among") == "obliged":
        mask &= per["datumKennisgeving"].notna().to_numpy()
        mask &= sim.result.state.pop["rol"] == NIEUWKOMER
    return per[mask]


def _share(flags: np.ndarray) -> float:
    return float(flags.mean()) if len(flags) else float("nan")


def count(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Persons selected, scaled to the national population."""
    return len(_select(sim, p)) / scale


def _duration(sim: Simulation, p: dict[str, Any], unit_days: float) -> float:
    per = _select(sim, p)
    start, end = _dates(per, p["start"]), _dates(per, p["end"])
    ok = ~np.isnat(start) & ~np.isnat(end)
    return float(((end[ok] - start[ok]).astype(np.int64) / unit_days).mean()) if ok.any() else float("nan")


def mean_weeks(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Mean time between two dates, in weeks, among those with both."""
    return _duration(sim, p, 7.0)


def mean_months(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Mean time between two dates, in months, among those with both."""
    return _duration(sim, p, DAYS_PER_MONTH)


def share_by_date(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Share of the selection with ``column`` on or before ``by``."""
    per = _select(sim, p)
    return _share(_dates(per, p["column"]) <= np.datetime64(p["by"], "D"))


def share_longer_than(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Among the selection with ``end`` on or before ``by``, the share that took more than ``months`` from ``start``.

    The form in which CBS reports waits for those who got somewhere within a year ("of those with
    an intake by the end of 2022, almost half waited more than 3 months"); with ``at_least`` the
    share that took ``months`` or more, where the source says so ("3 months or more").
    """
    per = _select(sim, p)
    start, end = _dates(per, p["start"]), _dates(per, p["end"])
    done = ~np.isnat(start) & (end <= np.datetime64(p["by"], "D"))
    bound = MonthIndex(start[done]).plus(int(p["months"]))
    return _share(bound <= end[done] if p.get("at_least") else bound < end[done])


def route_share(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Share of PIPs of the selection in ``route`` (the route the PIP set)."""
    per = _select(sim, p)
    route = per["leerrouteBijPip"]
    return _share((route[route.notna()] == p["route"]).to_numpy())


def _route(sim: Simulation, p: dict[str, Any]) -> pd.DataFrame:
    per = _select(sim, p)
    return per[(per["leerrouteBijPip"] == p["route"]).to_numpy()]


def still_busy(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Of those in ``route`` with a PIP by ``peildatum`` and still here, the share not finished or released by then.

    Who left the country is in no municipality's file any more, so out of the denominator too (a
    review: counting them as "not busy" lowered the share the fit aims at).
    """
    per = _route(sim, p)
    on = np.datetime64(p["peildatum"], "D")
    per = per[(_dates(per, "datumPip") <= on) & ~(_dates(per, "datumVertrek") <= on)]
    ended = np.zeros(len(per), bool)
    for column in ("datumVoldaan", "datumOntheffing"):
        ended |= _dates(per, column) <= on
    return _share(~ended)


def share_ever(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Of those in ``route`` (at the PIP), the share with ``column`` set by the horizon."""
    per = _route(sim, p)
    return _share(per[p["column"]].notna().to_numpy())


def share_within_months(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Share of the selection with ``column`` within ``months`` of the permit (observed that long)."""
    per = _select(sim, p)
    permit = _dates(per, "datumVerblijfsrecht")
    until = MonthIndex(permit).plus(int(p["months"]))
    horizon = (sim.result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")
    observed = until < horizon
    return _share((_dates(per, p["column"]) <= until)[observed])


def work_share(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Share of residents of working age in paid work ``months`` after the permit (pooled over the selected cells).

    ``sexes`` (``man``, ``vrouw``) narrows the cells.
    """
    result = sim.result
    cohort, group, sex = result.cells.labels()
    groups = [GROUP_NAMES.index(g) for g in p["groups"]]
    cells = np.isin(cohort, p["cohorts"]) & np.isin(group, groups)
    if "sexes" in p:
        cells &= np.isin(sex, [SEXES.index(x) for x in p["sexes"]])
    k = int(p["months"])
    present = result.since["aanwezig"][cells, k].sum()
    return float(result.since["betaald"][cells, k].sum() / present) if present else float("nan")


_LEVELS = ("", "A1", "A2", "B1", "B2")
_COMPONENTS = ("lezen", "luisteren", "schrijven", "spreken", "knm")


def first_pass(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Share of first attempts at ``level`` that pass, pooled over ``components``.

    A first attempt is a person's earliest sitting of a component at that level (from the
    run's exam log); the state exam's published rates are first-attempt rates. With
    ``attempts: all`` every sitting counts: the Wi2013 A2 rates are pass rates of all sittings
    (a calibration review found them compared with first attempts).
    """
    parts = [_COMPONENTS.index(c) for c in p["components"]]
    log = [entry for entry in sim.result.state.examens_log if entry[2] in parts]
    if not log:
        return float("nan")
    chosen = np.zeros(len(sim.persons), bool)
    chosen[_select(sim, p).index.to_numpy()] = True
    who = np.concatenate([entry[1] for entry in log])
    part = np.concatenate([np.full(len(entry[1]), entry[2], np.int64) for entry in log])
    level = np.concatenate([entry[3] for entry in log])
    ok = np.concatenate([entry[4] for entry in log])
    keep = (level == _LEVELS.index(p["level"])) & chosen[who]
    if p.get("attempts", "first") == "all":
        return _share(ok[keep])
    # the log is chronological (appended month by month), so np.unique's first index is the first attempt
    _, first = np.unique(who[keep] * len(_COMPONENTS) + part[keep], return_index=True)
    return _share(ok[keep][first])


def share_worked_by(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Share of the selection who had a paid job at some moment between ``since`` (a date column) and ``by``.

    "Had a job" read from the job spells: any spell that overlaps the period, so a job that
    began before ``since`` and still ran then counts, and so does one that ended before ``by``.
    ``started_in`` keeps only those whose ``since`` falls in that year.
    """
    per = _select(sim, p)
    start = _dates(per, p["since"])
    keep = ~np.isnat(start)
    if "started_in" in p:
        keep &= start.astype("datetime64[Y]").astype(np.int64) + 1970 == int(p["started_in"])
    ids = per.index.to_numpy()[keep]
    starts = np.full(len(sim.persons), np.datetime64("NaT", "D"))
    starts[ids] = start[keep]
    spells = sim.banen
    person = spells["persoon"].to_numpy()
    begin = spells["begin"].to_numpy().astype("datetime64[D]")
    end = spells["einde"].to_numpy().astype("datetime64[D]")
    since = starts[person]
    held = ~np.isnat(since) & (begin <= np.datetime64(p["by"], "D")) & (np.isnat(end) | (end > since))
    worked = np.zeros(len(sim.persons), bool)
    worked[person[held]] = True
    return _share(worked[ids])


def work_after_completion(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Share in a paid job ``months`` after meeting the obligation, of those who met it and were still here then.

    Counted only where that day lies inside the run and before the person left, naturalised or
    not, and before the AOW age in force (the rulebook's; working age in the model ends there).
    With ``met_by``, only those who met the obligation by that day (what a report of that time
    can have seen: early finishers, not the whole cohort).
    """
    per = _select(sim, p)
    met = _dates(per, "datumVoldaan")
    if "met_by" in p:
        met = np.where(met <= np.datetime64(p["met_by"], "D"), met, np.datetime64("NaT", "D"))
    st = sim.result.state
    ids = per.index.to_numpy()
    day = MonthIndex(met).plus(int(p["months"]))
    horizon = (sim.result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")
    gone = st.dates["datumVertrek"][ids]
    aow = aow_datum(sim.result.parameters, st.pop["geboortedatum"][ids])
    keep = ~np.isnat(met) & (day < horizon) & ~(gone <= day) & (day < aow)
    ids, day = ids[keep], day[keep]
    target = np.full(len(st.pop), np.datetime64("NaT", "D"))
    target[ids] = day
    spells = sim.banen
    person = spells["persoon"].to_numpy()
    begin = spells["begin"].to_numpy().astype("datetime64[D]")
    end = spells["einde"].to_numpy().astype("datetime64[D]")
    on = target[person]
    held = ~np.isnat(on) & (begin <= on) & (np.isnat(end) | (end > on))
    working = np.zeros(len(st.pop), bool)
    working[person[held]] = True
    return _share(working[ids])


MEASURES: dict[str, Measure] = {
    f.__name__: f
    for f in (
        count,
        mean_weeks,
        mean_months,
        share_by_date,
        route_share,
        still_busy,
        share_ever,
        share_within_months,
        work_share,
        first_pass,
        share_longer_than,
        coa_count,
        coa_share_waiting,
        asylum_pending,
        asylum_applications,
        asylum_permits,
        housed_from_coa,
        coa_work_share,
        coa_work_ever,
        share_worked_by,
        work_after_completion,
    )
}
