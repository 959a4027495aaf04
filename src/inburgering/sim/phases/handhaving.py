"""Enforcement: extensions at the end of a term, DUO fines with their new terms, college fines.

DUO extends a term "each time" (telkens, art. 12.1) that the person is not to blame or has made
considerable efforts, so every running or extended term that ends gets the same decision. A
term that is not extended is exceeded. Where the law in force allows a DUO fine, the fine
comes with a new term (art. 24.2, 25.2) and, while the obligation is still not met, another
fine when that term ends and then one every period (art. 24.3-4). The college fines a person
who does not cooperate with the intake (art. 22) or the PIP (art. 23); the PIP fine rises for a
repeat within 12 months up to a maximum, with a cap per term (Besluit 7.1).

Every amount is a law parameter; how often a violation happens is behavioural. Each fine is
logged with its date and amount (``State.boetes_log``) so that costs land in the right month.
"""

from __future__ import annotations

import numpy as np

from inburgering.rules import eisen, voldaan
from inburgering.rules import handhaving as fines
from inburgering.rules.logic import TRUE
from inburgering.rules.verlenging import efforts_extension_months
from inburgering.sim.bridge import ask, statushouders
from inburgering.sim.phases.leren import zroute_participation_done
from inburgering.sim.run import Run, day_in_month, month_bounds
from inburgering.sim.state import OVERSCHREDEN, TERMIJN, VERLENGD


def term_end(run: Run, month: np.datetime64, learning: np.ndarray) -> None:
    """Terms (first or extended) ending this month are extended again or exceeded.

    ``learning`` is the month's learner set: everyone in a term lives in a municipality and
    so is in it; those who finished earlier this month are filtered out by their state.
    """
    st = run.state
    _, last = month_bounds(month)
    now = st.traject[learning]
    running = learning[(now == TERMIJN) | (now == VERLENGD)]
    due = running[st.dates["eindeTermijn"][running] <= last]
    if len(due):
        # the request comes before the term ends (Besluit 4.4 lid 1, 4.5): the model has it made on the
        # first day of the month the term ends in, so what counts is what was done by then, the same
        # for everyone whose term ends this month (one evaluation; never after a term has ended)
        asked_on, _ = month_bounds(month)
        efforts = ask(st, due, asked_on, run.params, "verlengingInspanningenMogelijk")["verlengingInspanningenMogelijk"]
        asks = (efforts == TRUE) & (
            run.draw(due, "verlenging.aanvraag", month) < run.v("leren.verlenging_aanvraag_kans")
        )
        no_fault = ~asks & (
            run.draw(due, "verlenging.geenverwijt", month) < run.v("leren.verlenging_geen_verwijt_kans")
        )
        months = np.where(
            asks,
            efforts_extension_months(run.params, last),
            round(run.v("leren.verlenging_geen_verwijt_maanden")),
        )
        granted = asks | no_fault
        extended = due[granted]
        st.verlenging[extended] += months[granted].astype(np.int16)
        st.traject[extended] = VERLENGD
        st.set_date("eindeTermijn", extended, ask(st, extended, last, run.params, "eindeTermijn")["eindeTermijn"])
        exceeded = due[~granted]
        st.traject[exceeded] = OVERSCHREDEN
        duo_fine(run, exceeded, last)
    # a new term set with a fine that has run out without the obligation met: fined again
    fined_before = learning[(now == OVERSCHREDEN) & ~np.isnat(st.dates["eindeNieuweTermijn"][learning])]
    lapsed = fined_before[st.dates["eindeNieuweTermijn"][fined_before] <= last]
    duo_fine(run, lapsed[st.traject[lapsed] == OVERSCHREDEN], last)


def duo_fine(run: Run, idx: np.ndarray, last: np.datetime64) -> None:
    """DUO fines for an exceeded term where the law in force allows them, each with a new term.

    The rulebook (:mod:`inburgering.rules.handhaving`) says which parts the fine is for, the
    amounts and the new term; the share of the route fine's maximum is an assumption.
    """
    st = run.state
    if len(idx) == 0:
        return
    idx, amount = _fined(run, idx, last)
    # on the month's last day, but never on the term's own last day (an audit found fines dated on
    # it when a term ended on a month's last day): then the day after, the next month's first
    ended = np.fmax(st.dates["eindeTermijn"][idx], st.dates["eindeNieuweTermijn"][idx])
    day = np.where(ended >= last, last + np.timedelta64(1, "D"), last)
    st.boete[idx] += amount
    st.boetes_log.append(("duo", idx, day, amount))
    st.set_date("datumBoete", idx, day)
    earlier = st.duo_boetes[idx]
    st.duo_boetes[idx] = np.minimum(earlier.astype(np.int16) + 1, 127)
    due = np.empty(len(idx), "datetime64[D]")
    for on in np.unique(day):  # one or two days
        these = day == on
        due[these] = fines.next_fine_due(run.params, on, run.v("handhaving.nieuwe_termijn_maanden"), earlier[these])
    st.set_date("eindeNieuweTermijn", idx, due)


def _fined(run: Run, idx: np.ndarray, last: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Of ``idx``, whom DUO fines on ``last`` for an exceeded term, and the amounts (the rulebook decides)."""
    st, pop = run.state, run.state.pop
    route = st.leerroute[idx]
    modules_missing = ~(st.dates["datumPvtAfgerond"][idx] <= last) | (
        ~(st.dates["datumMapAfgerond"][idx] <= last) & eisen.map_required(run.params, last, route)
    )
    participation = zroute_participation_done(run, idx, last)
    route_missing = ~voldaan.route_met(
        run.params, last, route, st.doel_a2[idx], st.niveau[idx], st.uren[idx], participation
    )
    statushouder = statushouders(pop, idx)
    fined, amount = fines.duo_fine(
        run.params, last, statushouder, modules_missing, route_missing, run.v("kosten.boete_leerroute_aandeel")
    )
    return idx[fined], amount[fined]


def fined_before(run: Run, idx: np.ndarray, ended: np.ndarray, peil: np.datetime64) -> None:
    """A caseload's terms that ran out before the file's date: DUO's fines then, and the new terms they set.

    ``idx`` (sorted) with each term's last day ``ended``. The file says nothing of fines; the law
    fines an exceeded term (art. 25.1, where the rules in force at the term's end do: not status
    holders after Keren) and the fine sets a new term (25.2), again at its end (24.4). Fines before
    the file's date are not booked (they are past); the new term running on that date is set, so
    the forecast fines again when it lapses. A municipal review found such rows never fined and
    without a new term.
    """
    st = run.state
    day = ended + np.timedelta64(1, "D")  # the day after the term's last day
    todo = idx
    for _round in range(20):  # each round moves on by a new term (months): a few reach the file's date
        if len(todo) == 0:
            break
        on_day = day[np.searchsorted(idx, todo)]
        again = []
        for on in np.unique(on_day):
            who, _amount = _fined(run, todo[on_day == on], on)
            earlier = st.duo_boetes[who]
            st.duo_boetes[who] = np.minimum(earlier.astype(np.int16) + 1, 127)
            due = fines.next_fine_due(run.params, on, run.v("handhaving.nieuwe_termijn_maanden"), earlier)
            st.set_date("eindeNieuweTermijn", who, due)
            again.append(who[due < peil])  # that new term ran out before the file's date too
        todo = np.sort(np.concatenate(again)) if again else todo[:0]
        day[np.searchsorted(idx, todo)] = st.dates["eindeNieuweTermijn"][todo] + np.timedelta64(1, "D")


def intake_fines(run: Run, month: np.datetime64, started: np.ndarray) -> None:
    """Of those whose intake starts this month, some came only after a fine for not appearing (art. 22)."""
    st = run.state
    _, last = month_bounds(month)
    fined = started[run.draw(started, "boete.intake", month) < run.v("handhaving.intake_boete_kans")]
    if len(fined) == 0:
        return
    amount = np.full(len(fined), fines.intake_fine(run.params, last))
    _college(run, fined, st.dates["datumIntake"][fined], amount)


def pip_fines(run: Run, month: np.datetime64, learning: np.ndarray) -> None:
    """College fines for not complying with the PIP (art. 23, Besluit 7.1) during the term or an extension.

    A repeat within 12 months of the previous PIP fine doubles it up to the maximum (the reading
    of Besluit 7.1 lid 3 in docs/decisions/0002-enforcement.md); the total over the term is capped.
    """
    st = run.state
    first, last = month_bounds(month)
    now = st.traject[learning]
    idx = learning[(now == TERMIJN) | (now == VERLENGD)]
    idx = idx[run.draw(idx, "boete.pip", month) < run.v("handhaving.pip_boete_maandkans")]
    # not in the PIP's own month: art. 23 fines not complying with a PIP in force (an audit found
    # fines dated days before the PIP, the day drawn over the whole month); after the draw, which
    # is each person's own, so the same persons are fined, and only the few drawn are looked up
    idx = idx[st.dates["datumPip"][idx] < first]
    if len(idx) == 0:
        return
    previous = st.dates["datumCollegeBoete"][idx]
    amount = fines.pip_fine(run.params, last, st.college_laatst[idx], previous, st.college_boete[idx])
    fined = amount > 0
    idx, amount = idx[fined], amount[fined]
    st.college_laatst[idx] = amount
    _college(run, idx, day_in_month(month, run.draw(idx, "boete.pip.dag", month)), amount)


def _college(run: Run, idx: np.ndarray, when: np.ndarray, amount: np.ndarray) -> None:
    st = run.state
    st.college_boete[idx] += amount
    st.boetes_log.append(("college", idx, when, amount))
    st.set_date("datumCollegeBoete", idx, when)
