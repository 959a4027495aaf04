"""Measures of reception and the asylum procedure: COA's stocks, the IND's pending cases, work in COA.

They read the run's raw state (the population, the stay in COA, the job spells) rather than the
person table, because COA and the IND count everyone there, children and the stock of 2022
included. Counts are scaled back to national numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.dates import MonthIndex
from inburgering.sim.companions import NIEUWKOMER, WI2013
from inburgering.sim.output import SEXES
from inburgering.sim.output_leren import coa_stay
from inburgering.sim.output_werk import working_on
from inburgering.sim.phases.opvang import joins_home
from inburgering.sim.population import GROUP_NAMES
from inburgering.sim.simulate import Simulation


def _share(flags: np.ndarray) -> float:
    return float(flags.mean()) if len(flags) else float("nan")


def _in_coa(sim: Simulation, on: np.datetime64, status: str) -> np.ndarray:
    """Boolean per person: living in COA on ``date`` (``status``: ``vergunning``, only those with a permit; ``alle``)."""
    entry, out = coa_stay(sim.result)
    here = (entry <= on) & (np.isnat(out) | (out > on))
    if status == "vergunning":
        here &= sim.result.state.pop["datumVerblijfsrecht"] <= on
    return np.asarray(here)


def coa_count(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Persons living in COA on ``date`` (``status`` as in ``_in_coa``); scaled.

    Counts every person of the population, children and the stock of 2022 included, as COA
    counts its residents. Optional: ``under_age`` (younger than), ``groups`` (group names) and
    ``sponsor_housed`` (only nareizigers whose sponsor already had a home when they arrived).
    """
    pop = sim.result.state.pop
    on = np.datetime64(p["date"], "D")
    here = _in_coa(sim, on, p.get("status", "alle"))
    if "under_age" in p:
        here &= MonthIndex(pop["geboortedatum"]).reaching(12 * int(p["under_age"])) > on
    if "groups" in p:
        here &= np.isin(pop["groep"], [GROUP_NAMES.index(g) for g in p["groups"]])
    if p.get("sponsor_housed"):
        here &= joins_home(sim.result.state)
    return float(here.sum()) / scale


def coa_share_waiting(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Of the status holders living in COA on ``date``, the share whose permit is more than ``weeks`` old."""
    on = np.datetime64(p["date"], "D")
    here = _in_coa(sim, on, "vergunning")
    permit = sim.result.state.pop["datumVerblijfsrecht"][here]
    return _share((on - permit).astype(np.int64) > 7 * int(p["weeks"]))


def coa_work_share(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Of the adults (18 up to 67) living in COA on ``date``, the share in paid work.

    ``status``: ``alle`` (every resident, asylum seekers and status holders) or ``procedure``
    (only those without a permit). Read from the job spells, so a job that began and ended
    before the date does not count.
    """
    on = np.datetime64(p["date"], "D")
    pop = sim.result.state.pop
    here = _in_coa(sim, on, "alle")
    if p.get("status", "alle") == "procedure":
        here &= ~_in_coa(sim, on, "vergunning")
    born = MonthIndex(pop["geboortedatum"])
    here &= (born.reaching(12 * 18) <= on) & (born.reaching(12 * 67) > on)
    working = np.zeros(len(here), bool)
    working[working_on(sim.banen, on)] = True
    return _share(working[here])


def asylum_pending(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Persons whose asylum application awaits its first decision on ``date`` (children included); scaled.

    The IND counts every applicant, children too, from the application to the decision (the
    permit, or the rejection); the model's applicants are those whose decision falls in the run's
    cohort years.
    """
    on = np.datetime64(p["date"], "D")
    pop = sim.result.state.pop
    decided = np.where(np.isnat(pop["datumVerblijfsrecht"]), pop["datumAfwijzing"], pop["datumVerblijfsrecht"])
    waiting = (pop["datumAsielaanvraag"] <= on) & (decided > on)
    # with ``months``: (from, to) the wait so far, as the IND reports its backlog ("6 to 15 months")
    if "months" in p:
        low, high = (int(m) for m in p["months"])
        applied = pop["datumAsielaanvraag"].astype("datetime64[M]")
        waited = (on.astype("datetime64[M]") - applied).astype(np.int64)
        waiting &= (waited >= low) & (waited < high)
    return float(waiting.sum()) / scale


def asylum_applications(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """First asylum applications (persons, children included) made in ``year``; scaled.

    Repeat applications are not in the model; nareizigers do not apply themselves. With
    ``nareizigers: true`` the nareizigers (children included) who arrived in ``year`` are added, as
    CBS's total of asylum seekers and nareizigers counts them.
    """
    pop = sim.result.state.pop
    applied = pop["datumAsielaanvraag"]
    year = applied.astype("datetime64[Y]").astype(np.int64) + 1970
    count = ((year == int(p["year"])) & ~np.isnat(applied)).sum()
    if p.get("nareizigers"):
        arrived = pop["instroom"].astype("datetime64[Y]").astype(np.int64) + 1970
        count += ((pop["groep"] == GROUP_NAMES.index("nareiziger")) & (arrived == int(p["year"]))).sum()
    return float(count) / scale


def asylum_permits(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """First asylum permits (own procedure and nareizigers' derived ones, children included) granted in ``year``; scaled.

    CBS counts temporary asylum permits by purpose of stay, derived permits of family members
    included, so the nareizigers count here.
    """
    pop = sim.result.state.pop
    permit = pop["datumVerblijfsrecht"]
    year = permit.astype("datetime64[Y]").astype(np.int64) + 1970
    asylum = np.isin(pop["groep"], [GROUP_NAMES.index("asiel"), GROUP_NAMES.index("nareiziger")])
    return float((asylum & (year == int(p["year"])) & ~np.isnat(permit) & (pop["rol"] != WI2013)).sum()) / scale


def housed_from_coa(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Status holders (children included) who moved from COA to a municipality in ``year``; scaled."""
    entry, _ = coa_stay(sim.result)
    moved = sim.result.state.dates["datumInschrijvingBrp"]
    year = moved.astype("datetime64[Y]").astype(np.int64) + 1970
    pop = sim.result.state.pop
    asylum = np.isin(pop["groep"], [GROUP_NAMES.index("asiel"), GROUP_NAMES.index("nareiziger")])
    return float((asylum & ~np.isnat(entry) & ~np.isnat(moved) & (year == int(p["year"]))).sum()) / scale


def coa_work_ever(sim: Simulation, p: dict[str, Any], scale: float) -> float:
    """Of the notified newcomers of ``groups``/``cohorts`` who lived in COA in 2022-2023, the share with a job then.

    CBS SWI 2023 (6.1) counts the asylum migrants with a COA reception agreement and splits their
    stay at DUO's notice: ``period: voor`` counts a job held in COA before the notice (from
    ``from``), ``period: na`` one held in COA after it, both up to leaving COA or ``by``. Who
    never lived in COA (a nareiziger joining a housed sponsor) is not counted; who was notified
    only after leaving COA is, with no time after the notice. ``sexes`` narrows the persons.
    """
    pop, st = sim.result.state.pop, sim.result.state
    lo, by = np.datetime64(p.get("from", "2022-01-01"), "D"), np.datetime64(p["by"], "D")
    entry, out = coa_stay(sim.result)
    out = np.where(np.isnat(out), by, np.minimum(out, by))
    notice = st.dates["datumKennisgeving"]
    who = (
        np.isin(pop["groep"], [GROUP_NAMES.index(g) for g in p["groups"]])
        & np.isin(pop["cohort"], p["cohorts"])
        & (pop["rol"] == NIEUWKOMER)
        & ~np.isnat(notice)
        & (entry < out)  # a stay in COA of at least a day (a nareiziger who joins a housed sponsor has none)
        & (entry <= by)
        & (out >= np.datetime64("2022-01-01", "D"))
    )
    if "sexes" in p:
        who &= np.isin(pop["geslacht"], [SEXES.index(x) for x in p["sexes"]])
    if p["period"] == "voor":
        start, end = np.maximum(entry, lo), np.minimum(notice, out)
    else:
        start, end = np.maximum(notice, entry), out
    spells = sim.banen
    person = spells["persoon"].to_numpy()
    begin = spells["begin"].to_numpy().astype("datetime64[D]")
    stop = spells["einde"].to_numpy().astype("datetime64[D]")
    held = (begin < end[person]) & (np.isnat(stop) | (stop > start[person])) & (start[person] < end[person])
    worked = np.zeros(len(pop), bool)
    worked[person[held]] = True
    return _share(worked[who])
