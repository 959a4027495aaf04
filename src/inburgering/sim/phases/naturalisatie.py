"""Naturalisation: asked of the rulebook when the integration requirement may have been met.

The rulebook gives the earliest date and what is still missing under the rules in force on
that date (including a later regime, such as the coalition's six years with two temporary
permits and B1). When the rulebook gives a date (everything but time is met), the person requests
naturalisation after a drawn number of months from that date, and the IND grants most
requests a fixed number of months later, if the person still lives in the Netherlands. A
request is judged by the rules in force on its day: the rulebook is asked again with the day
the person means to ask, and gives the earliest day from then on which the rules of that day
are met (the coalition's six years and B1 then hold back whoever had not yet asked).
"""

from __future__ import annotations

import numpy as np

from inburgering.codes import Leerroute
from inburgering.dates import MonthIndex
from inburgering.rules.logic import FALSE, TRUE
from inburgering.sim.bridge import ask
from inburgering.sim.phases.vertrek import leaving_from
from inburgering.sim.run import Run, month_bounds
from inburgering.sim.state import ONTHEVEN, VERTROKKEN, State

Z_ROUTE = int(Leerroute.Z)  # a plain int: faster in numpy than the IntEnum member (issue #20)


def permit_years(run: Run) -> tuple[np.ndarray, np.ndarray]:
    """Validity in years of each person's first asylum and regular permit (law, and assumption)."""
    pop = run.state.pop
    asylum = run.params["asiel.vergunning_duur"].values_at(pop["datumVerblijfsrecht"]).astype(np.int64)
    regular = np.full(len(pop), round(run.v("naturalisatie.regulier_vergunning_jaren")), np.int64)
    return asylum, regular


def _evidence_day(st: State, idx: np.ndarray) -> np.ndarray:
    """The first day persons ``idx`` can show they cannot reach the language level (``NaT``: no such decision).

    The earliest of the afschaling (or the A2 step's evaluation where A2 was chosen), the Z-route
    (the PIP's route, or the change to it) and DUO's release; a release under the Wi2013 came before the run (no day: no floor).
    """
    d = st.dates
    z_day = np.where(st.route_bij_pip[idx] == Z_ROUTE, d["datumPip"][idx], d["datumRoutewijziging"][idx])
    days = [
        # lowered by the college, or finished at A2 by choice at VWN's A2 step (its evaluation's day)
        np.where(
            st.doel_a2[idx], np.fmin(d["datumAfschaling"][idx], d["datumA2Evaluatie"][idx]), np.datetime64("NaT", "D")
        ),
        np.where(st.leerroute[idx] == Z_ROUTE, z_day, np.datetime64("NaT", "D")),
        np.where(st.traject[idx] == ONTHEVEN, d["datumOntheffing"][idx], np.datetime64("NaT", "D")),
    ]
    return np.asarray(np.fmin(np.fmin(days[0], days[1]), days[2]))


def assess(
    run: Run, month: np.datetime64, idx: np.ndarray, years: tuple[np.ndarray, np.ndarray], leave_month: np.ndarray
) -> None:
    """Ask when persons ``idx`` may naturalise; schedule the request and the decision."""
    st = run.state
    idx = idx[np.isnat(st.dates["naturalisatieVroegst"][idx])]
    if len(idx) == 0:
        return
    _, last = month_bounds(month)
    # asked on this month's last day: the rulebook counts the listed permits (the second one's
    # future start included) whatever the peildatum, so no later peildatum is needed
    # those who demonstrably cannot reach the language level (lowered to A2, the Z-route, or released
    # by DUO, under either Act) show it to the IND with a drawn chance (Besluit naturalisatietoets art. 4); the rulebook
    # applies the hardship clause where the rules have one, and decides what else counts
    unable = st.doel_a2[idx] | (st.leerroute[idx] == Z_ROUTE) | (st.traject[idx] == ONTHEVEN)
    unable |= st.pop["onthevenWi2013"][idx]  # released under the Wi2013 (sim.stock_wi2013)
    unable &= run.draw(idx, "naturalisatie.hardheid", np.datetime64("1970-01", "M")) < run.v(
        "naturalisatie.hardheidsclausule_kans"
    )
    shown = {"aantoonbaarNietInStaatTaaleis": np.where(unable, TRUE, FALSE).astype(np.int8)}
    out = ask(st, idx, last, run.params, "naturalisatieVroegst", permit_years=years, given=shown)
    # a date means every condition that is not a matter of time is met (age and residence follow)
    ok = ~np.isnat(out["naturalisatieVroegst"])
    # the inability is shown with the decision that establishes it, so not before that day: the
    # afschaling, the Z-route (in the PIP or by a change), DUO's release (a review found earliest days
    # years before that evidence, which made the baseline's "may naturalise within 5 years" too high)
    evidence = _evidence_day(st, idx)
    floor = np.where(unable, evidence, np.datetime64("NaT", "D"))
    out["naturalisatieVroegst"] = np.where(ok, np.fmax(out["naturalisatieVroegst"], floor), out["naturalisatieVroegst"])
    who, when = idx[ok], out["naturalisatieVroegst"][ok]
    # the rulebook's parameters start with the Act in 2022: a Wi2013 stock's earlier day is kept
    before = st.pop["naturalisatieVroegstVoorraad"][who]
    when = np.where(np.isnat(before), when, np.fmin(when, before))
    # only someone still living here on that day may naturalise (RWN art. 8.1): a day on or after the
    # drawn departure is not theirs (a review found the share "may naturalise within 6 years" counting
    # those who had left, which inflated the reform's difference)
    here = when < leaving_from(leave_month, who)
    who, when = who[here], when[here]
    made = st.pop["naturalisatieVerzoekVoorraad"][who]  # a Wi2013 stock's request pending on entry
    st.set_date("naturalisatieVroegst", who, when)
    if len(who) == 0:
        return
    u = run.draw(who, "naturalisatie.aanvraag", np.datetime64("1970-01", "M"))
    wait = np.floor(np.log1p(-u) / np.log1p(-run.v("naturalisatie.aanvraag_maandkans"))).astype(np.int64)
    intended = MonthIndex(np.maximum(when, last)).plus(wait)  # never before the assessment
    # a request made before the run (the Wi2013 stock) stands as made: the rulebook's parameters
    # start with the Act in 2022, and the rules of 2021 asked no more than those of 2022
    request = made.copy()
    # any other request is judged by the rules in force on its day: if a stricter rule came into
    # force meanwhile, the person asks once that one is met too, or never (the rulebook decides)
    new = np.isnat(made)
    given = {
        "aantoonbaarNietInStaatTaaleis": shown["aantoonbaarNietInStaatTaaleis"][ok][here][new],
        "datumNaturalisatieverzoek": intended[new],
    }
    if new.any():
        request[new] = ask(st, who[new], last, run.params, "naturalisatieVroegst", permit_years=years, given=given)[
            "naturalisatieVroegst"
        ]
    asks = ~np.isnat(request)
    who, request = who[asks], request[asks]
    decision = MonthIndex(request).plus(round(run.v("naturalisatie.beslisduur_maanden")))
    # only someone who still lives here requests, and is naturalised (RWN art. 8.1: residence in the
    # Kingdom); the month a person will leave is drawn in advance, so nothing is dated from it on
    leaves = leaving_from(leave_month, who)
    requests = request < leaves
    st.set_date("datumNaturalisatieAanvraag", who[requests], request[requests])
    granted = run.draw(who, "naturalisatie.besluit", np.datetime64("1970-01", "M")) < run.v("naturalisatie.toekenning")
    granted &= requests & (decision < leaves)
    st.set_date("datumNaturalisatie", who[granted], decision[granted])
    run.schedule("naturalisatie", who[granted], decision[granted])


def grant(run: Run, month: np.datetime64) -> None:
    """Decisions falling due this month make residents Dutch nationals."""
    st = run.state
    due = run.due("naturalisatie", month)
    due = due[st.verblijf[due] != VERTROKKEN]
    st.genaturaliseerd[due] = True
