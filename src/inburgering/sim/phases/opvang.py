"""Asylum reception: arrival, the asylum procedure ending in a permit, and housing.

Asylum applicants arrive at their application and wait in COA (``coaProcedure``); at the
permit they become status holders awaiting a home (``coaVergunning``) and leave COA with a
constant monthly hazard, calibrated to the mean wait of about 40 weeks. Nareizigers join
their sponsor's home and family and other migrants arrive housed, so they register in the
BRP of their municipality at the permit.
"""

from __future__ import annotations

import numpy as np

from inburgering.sim.population import COA_GROUPS
from inburgering.sim.run import EventIndex, Run, day_in_month, in_month
from inburgering.sim.state import COA_PROCEDURE, COA_VERGUNNING, GEMEENTE, NIET_AANWEZIG, VERTROKKEN


def arrive(run: Run, month: np.datetime64, entries: EventIndex) -> tuple[np.ndarray, np.ndarray]:
    """Persons entering this month: (those whose permit starts now, new asylum applicants).

    A nareiziger joins the sponsor's home, or waits with the sponsor in COA until the sponsor
    is housed; family and other migrants arrive housed.
    """
    st, pop = run.state, run.state.pop
    new = entries.at(month)
    new = new[st.verblijf[new] == NIET_AANWEZIG]
    asylum = np.isin(pop["groep"][new], COA_GROUPS)
    st.verblijf[new[asylum]] = COA_PROCEDURE
    others = new[~asylum]
    sponsor = pop["sponsor"][others]
    waits = (sponsor >= 0) & (st.verblijf[np.maximum(sponsor, 0)] < GEMEENTE)
    st.verblijf[others[waits]] = COA_VERGUNNING
    housed = others[~waits]
    st.verblijf[housed] = GEMEENTE
    st.set_date("datumInschrijvingBrp", housed, pop["datumVerblijfsrecht"][housed])
    return others, new[asylum]


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


def housing(run: Run, month: np.datetime64) -> None:
    """Status holders in COA get a home with the monthly hazard (not in their permit's month).

    A waiting nareiziger moves in with the sponsor once the sponsor is housed.
    """
    st, pop = run.state, run.state.pop
    waiting = np.flatnonzero(st.verblijf == COA_VERGUNNING)
    waiting = waiting[~in_month(pop["datumVerblijfsrecht"][waiting], month)]
    sponsor = pop["sponsor"][waiting]
    follows = (sponsor >= 0) & (st.verblijf[np.maximum(sponsor, 0)] != VERTROKKEN)
    own = waiting[~follows]
    housed = own[run.draw(own, "huisvesting", month) < run.v("asiel.huisvesting_maandkans")]
    st.verblijf[housed] = GEMEENTE
    day = np.maximum(
        day_in_month(month, run.draw(housed, "huisvesting.dag", month)), pop["datumVerblijfsrecht"][housed]
    )
    st.set_date("datumInschrijvingBrp", housed, day)
    followers = waiting[follows]
    joined = followers[st.verblijf[pop["sponsor"][followers]] == GEMEENTE]
    st.verblijf[joined] = GEMEENTE
    joined_day = np.maximum(
        st.dates["datumInschrijvingBrp"][pop["sponsor"][joined]], pop["datumVerblijfsrecht"][joined]
    )
    st.set_date("datumInschrijvingBrp", joined, joined_day)
