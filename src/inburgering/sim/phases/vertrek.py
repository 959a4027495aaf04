"""Leaving the Netherlands: a constant yearly hazard by group (asylum lower than family).

With a constant hazard the month of leaving is geometric, so it is drawn once per person
(from one counter-based draw, the same in every scenario) instead of a draw for everyone
present every month: the same distribution at a fraction of the cost. The clock starts at
the permit (for a caseload file, its date: ``clock_from``; for the stock of 2022, its entry);
asylum applicants in procedure are not in this population's risk set. A sponsor stays until
their nareizigers have come; a child leaves with the parent, in the parent's month.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import month_numbers
from inburgering.sim.population import ASIEL, NAREIZIGER, clock_from
from inburgering.sim.run import EventIndex, Run, day_in_month, month_number
from inburgering.sim.state import (
    COA_VERGUNNING,
    GEMEENTE,
    OVERSCHREDEN,
    TRAJECT_VERTROKKEN,
    UNSCHEDULED,
    VERTROKKEN,
)


def schedule(run: Run) -> np.ndarray:
    """Month number (months since 1970-01) in which each person would leave."""
    pop = run.state.pop
    pid = np.arange(len(pop))
    asylum = np.isin(pop["groep"], (ASIEL, NAREIZIGER))
    yearly = np.where(asylum, run.v("vertrek.emigratie_asiel_per_jaar"), run.v("vertrek.emigratie_gezin_per_jaar"))
    monthly = 1 - (1 - yearly) ** (1 / 12)
    u = run.draw(pid, "emigratie", np.datetime64("1970-01", "M"))
    with np.errstate(divide="ignore"):  # a yearly rate of 0: never, a month far beyond any horizon
        gap = np.floor(np.log1p(-u) / np.log1p(-monthly))
    after = np.where(np.isfinite(gap) & (gap < _NEVER), gap, _NEVER).astype(np.int64) + 1  # geometric, >= 1
    # from the permit, or for the stock of 2022 from its entry (the months before lie outside the run)
    permit, entry = pop["datumVerblijfsrecht"], pop["instroom"]
    start = month_numbers(np.where(permit < entry, entry, permit))
    month = clock_from(pop, start) + after
    # a status holder whose family is coming (nareizigers) stays at least until the last of them has
    # arrived: family reunification needs the sponsor here (Vw 2000 art. 29.2), and a review found 2% of
    # nareizigers joining a sponsor who had left the country before they came
    follower = np.flatnonzero((pop["sponsor"] >= 0) & (pop["groep"] == NAREIZIGER))
    np.maximum.at(month, pop["sponsor"][follower], month_numbers(permit[follower]) + 1)
    child = np.flatnonzero(pop["ouder"] >= 0)
    month[child] = month[pop["ouder"][child]]  # a child leaves with the parent
    return month


_NEVER = 12 * 1000  # months: later than any run ends


def leaving_from(leave_month: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """First day of the month in which persons ``idx`` will leave if still here.

    The engine lets them go before anything else that month, so a phase that plans ahead dates
    nothing on or after this day.
    """
    months = np.minimum(leave_month[idx], month_number(np.datetime64("2999-01", "M")))
    return months.astype("datetime64[M]").astype("datetime64[D]")


def emigrate(run: Run, month: np.datetime64, leavers: EventIndex) -> None:
    """Persons present in the Netherlands whose drawn month has come leave (``leavers``: the drawn months, indexed)."""
    st = run.state
    leaving = leavers.at(month)
    leaving = leaving[(st.verblijf[leaving] == COA_VERGUNNING) | (st.verblijf[leaving] == GEMEENTE)]
    st.verblijf[leaving] = VERTROKKEN
    # the job ends with the departure (the job spells close on its day): an audit found a sixth of the
    # monthly count of persons in paid work had left the country, and a gap between scenarios that grew
    st.werkt[leaving] = False
    st.baan_einde[leaving] = UNSCHEDULED  # the drawn end on the agenda no longer holds
    unfinished = leaving[st.traject[leaving] <= OVERSCHREDEN]  # finished outcomes are kept
    st.traject[unfinished] = TRAJECT_VERTROKKEN
    st.set_date("datumVertrek", leaving, day_in_month(month, run.draw(leaving, "emigratie.dag", month)))
