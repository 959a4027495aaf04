"""Asylum reception: arrival, the asylum procedure ending in a permit, and housing.

Asylum applicants arrive at their application and wait in COA (``coaProcedure``); at the
permit they become status holders awaiting a home (``coaVergunning``) and leave COA with a
monthly hazard that is higher in the first months after the permit (the agreed term to house
a linked status holder) than later: one constant rate cannot give both the mean wait of about
40 weeks and the share housed within 3 months (CBS SWI 2022). Nareizigers join
their sponsor's home, or wait with the sponsor in COA (also a sponsor of before 2022, who is
not simulated: :func:`_outside_sponsor_waits`); family and other migrants arrive housed, so
they register in the BRP of their municipality at the permit.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import month_numbers
from inburgering.sim.population import COA_GROUPS, NAREIZIGER, Population
from inburgering.sim.run import EventIndex, Run, day_in_month, in_month, month_bounds, month_number, stepped_rate
from inburgering.sim.state import COA_PROCEDURE, COA_VERGUNNING, GEMEENTE, NIET_AANWEZIG, VERTROKKEN, State

NAAR_WONING = "nareis.naarWoning"  # state.open: per person, arrived when the sponsor had a home (a mask)


def arrive(run: Run, month: np.datetime64, entries: EventIndex) -> tuple[np.ndarray, np.ndarray]:
    """Persons entering this month: (those with a permit, new asylum applicants).

    Those with a permit are family and other migrants and nareizigers, whose permit starts now,
    the stock of status holders in COA on 1 January 2022 (:mod:`inburgering.sim.companions`) and
    the Wi2013 stock, housed before (:mod:`inburgering.sim.stock_wi2013`).

    Every nareiziger enters COA (they report at the IND's desk and COA receives them): one whose
    sponsor still waits there waits with the sponsor; one whose sponsor already has a home
    (``NAAR_WONING``) moves in later (:func:`housing`). Family and other migrants arrive housed.
    """
    st, pop = run.state, run.state.pop
    new = entries.at(month)
    new = new[st.verblijf[new] == NIET_AANWEZIG]
    asylum = np.isin(pop["groep"][new], COA_GROUPS)
    # the stock of 2022 enters with a permit from before its entry: a status holder waiting for a home,
    # or one of the Wi2013 stock, who left COA for a home before (sim.stock_wi2013)
    stock = asylum & (pop["datumVerblijfsrecht"][new] < pop["instroom"][new])
    st.verblijf[new[stock]] = COA_VERGUNNING
    st.set_date("datumBsn", new[stock], pop["datumVerblijfsrecht"][new[stock]])  # a permit registers at once
    housed = new[stock & (pop["vertrekUitCoa"][new] < pop["instroom"][new])]
    st.verblijf[housed] = GEMEENTE
    st.set_date("datumInschrijvingBrp", housed, pop["vertrekUitCoa"][housed])
    asylum &= ~stock
    st.verblijf[new[asylum]] = COA_PROCEDURE
    others = new[~asylum & ~stock]
    nareis = pop["groep"][others] == NAREIZIGER
    sponsor = pop["sponsor"][others]
    waits = (sponsor >= 0) & (st.verblijf[np.maximum(sponsor, 0)] < GEMEENTE)
    waits |= _outside_sponsor_waits(run, month, others)
    joins_home(st)[others[nareis & ~waits]] = True
    st.verblijf[others[nareis]] = COA_VERGUNNING
    housed = others[~nareis]
    st.verblijf[housed] = GEMEENTE
    st.set_date("datumInschrijvingBrp", housed, pop["datumVerblijfsrecht"][housed])
    return np.concatenate([others, new[stock]]), new[asylum]


def joins_home(st: State) -> np.ndarray:
    """Per person: a nareiziger who arrived when the sponsor already had a home.

    Kept in the state, so a continued run and the measures see it; a mask, so the monthly
    lookups cost no search.
    """
    if NAAR_WONING not in st.open:
        st.open[NAAR_WONING] = np.zeros(len(st.pop), bool)
    return st.open[NAAR_WONING]


def _outside_sponsor_waits(run: Run, month: np.datetime64, idx: np.ndarray) -> np.ndarray:
    """Boolean per person of ``idx``: a sponsor outside the population (permit before 2022) still waits in COA.

    That sponsor is not simulated; the chance that they still wait is the chance of no home in
    every month since their permit's month under this run's housing hazards (the early rate for
    ``asiel.huisvesting_vroeg_maanden`` months, then the later one). A family draws once (a
    nareiziger's child with its parent).
    """
    pop = run.state.pop
    since = pop["sponsorVergunning"][idx]
    known = ~np.isnat(since)
    months = np.where(known, month_number(month) - month_numbers(since) - 1, 0)
    window = run.v("asiel.huisvesting_vroeg_maanden")
    early, late = np.minimum(months, window), np.maximum(months - window, 0)
    still = (1 - run.v("asiel.huisvesting_maandkans_vroeg")) ** early * (
        1 - run.v("asiel.huisvesting_maandkans")
    ) ** late
    return known & (run.draw(_family(pop, idx), "nareis.sponsorwacht", month) < still)


def permit(run: Run, month: np.datetime64, permits: EventIndex) -> np.ndarray:
    """Asylum applicants whose permit is granted this month move to awaiting housing."""
    st = run.state
    granted = permits.at(month)
    granted = granted[st.verblijf[granted] == COA_PROCEDURE]
    st.verblijf[granted] = COA_VERGUNNING
    return granted


def leave_after_rejection(run: Run, month: np.datetime64, departures: EventIndex) -> None:
    """Rejected applicants leave COA (and the simulation) in their drawn month after the rejection.

    Appeals, a Dublin transfer or return all end this way in the model: the rejected never
    become obliged, so only their time in COA matters (its stock and its cost).
    """
    st, pop = run.state, run.state.pop
    leaving = departures.at(month)
    leaving = leaving[st.verblijf[leaving] == COA_PROCEDURE]
    st.verblijf[leaving] = VERTROKKEN
    st.set_date("datumVertrek", leaving, pop["vertrekUitCoa"][leaving])


def housing(run: Run, month: np.datetime64) -> np.ndarray:
    """Status holders in COA get a home with the monthly hazard (not in their permit's month); returns who moved.

    The hazard is ``asiel.huisvesting_maandkans_vroeg`` in the first ``asiel.huisvesting_vroeg_maanden``
    months after the permit's month and ``asiel.huisvesting_maandkans`` after that. A waiting
    nareiziger moves in once the sponsor is housed, a child once its parent is (:func:`host`).
    """
    st, pop = run.state, run.state.pop
    waiting = np.flatnonzero(st.verblijf == COA_VERGUNNING)
    waiting = waiting[~in_month(pop["datumVerblijfsrecht"][waiting], month)]
    to_home = joins_home(st)[waiting]
    moved_in = _move_in(run, month, waiting[to_home])
    waiting = waiting[~to_home]
    sponsor = host(st, waiting)
    follows = sponsor >= 0
    own = waiting[~follows]
    hazard = _housing_hazard(run, pop, own, month)
    housed = own[run.draw(own, "huisvesting", month) < hazard]
    st.verblijf[housed] = GEMEENTE
    day = np.maximum(
        day_in_month(month, run.draw(housed, "huisvesting.dag", month)), pop["datumVerblijfsrecht"][housed]
    )
    st.set_date("datumInschrijvingBrp", housed, day)
    followers, hosts = waiting[follows], sponsor[follows]
    moves = st.verblijf[hosts] == GEMEENTE
    joined = followers[moves]
    st.verblijf[joined] = GEMEENTE
    # the host's day, unless the host moved in an earlier month (a child following a parent housed before)
    first, _ = month_bounds(month)
    joined_day = np.maximum(st.dates["datumInschrijvingBrp"][hosts[moves]], pop["datumVerblijfsrecht"][joined])
    joined_day = np.maximum(joined_day, first)
    st.set_date("datumInschrijvingBrp", joined, joined_day)
    return np.concatenate([moved_in, housed, joined])


def _move_in(run: Run, month: np.datetime64, idx: np.ndarray) -> np.ndarray:
    """Nareizigers whose sponsor had a home when they arrived move in with ``asiel.nareis_intrek_maandkans``.

    A family (the nareiziger and their children) draws once and moves on one day.
    """
    st, pop = run.state, run.state.pop
    family = _family(pop, idx)
    moves = run.draw(family, "nareis.intrek", month) < run.v("asiel.nareis_intrek_maandkans")
    moved = idx[moves]
    st.verblijf[moved] = GEMEENTE
    day = day_in_month(month, run.draw(family[moves], "nareis.intrek.dag", month))
    st.set_date("datumInschrijvingBrp", moved, np.maximum(day, pop["datumVerblijfsrecht"][moved]))
    return moved


def _family(pop: Population, idx: np.ndarray) -> np.ndarray:
    """The person a nareiziger's family draws by: the parent for a child, else the person."""
    parent = pop["ouder"][idx]
    return np.where(parent >= 0, parent, idx)


def _housing_hazard(run: Run, pop: Population, idx: np.ndarray, month: np.datetime64) -> np.ndarray:
    """The housing hazard in ``month`` for status holders ``idx`` waiting on their own (or for an outside sponsor).

    A family waiting for a sponsor of before 2022 arrived in a month without a draw (nobody is
    housed in their permit's month), while that sponsor could have been housed then; so the
    month after arrival carries both months' chances, as it does for a sponsor in the population.
    """
    rate = ("asiel.huisvesting_vroeg_maanden", "asiel.huisvesting_maandkans_vroeg", "asiel.huisvesting_maandkans")
    clock = _housing_clock(pop, idx)
    hazard = stepped_rate(run, clock, month, *rate)
    previous = _month_before(month)
    catch_up = ~np.isnat(pop["sponsorVergunning"][idx]) & in_month(pop["datumVerblijfsrecht"][idx], previous)
    missed = stepped_rate(run, clock[catch_up], previous, *rate)
    hazard[catch_up] = 1 - (1 - missed) * (1 - hazard[catch_up])
    return hazard


def _month_before(month: np.datetime64) -> np.datetime64:
    return np.datetime64(month_number(month) - 1, "M")


def _housing_clock(pop: Population, idx: np.ndarray) -> np.ndarray:
    """The permit the housing hazard counts from: the person's own, or an outside sponsor's (one home)."""
    sponsor = pop["sponsorVergunning"][idx]
    return np.where(np.isnat(sponsor), pop["datumVerblijfsrecht"][idx], sponsor)


def host(st: State, idx: np.ndarray) -> np.ndarray:
    """Whom each of ``idx`` moves in with: the sponsor while still here, else the parent while still here, else -1.

    A nareiziger's child follows the same sponsor as its parent; if that sponsor has left the
    country, it follows the parent, who then waits for a home of their own.
    """
    pop = st.pop
    sponsor, parent = pop["sponsor"][idx], pop["ouder"][idx]
    sponsor_here = (sponsor >= 0) & (st.verblijf[np.maximum(sponsor, 0)] != VERTROKKEN)
    parent_here = (parent >= 0) & (st.verblijf[np.maximum(parent, 0)] != VERTROKKEN)
    return np.where(sponsor_here, sponsor, np.where(parent_here & (parent != sponsor), parent, -1))
