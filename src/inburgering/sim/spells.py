"""Who had what, and when, in a finished run: fines, MB and guidance spells, free exam attempts, permit renewals.

Why apart from the cost table: the counts (``output.count_rows``), the comparison's metrics and
the cost table all read these spells, and each must read the same ones; the costs put prices on
them, the counts only count them.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import DAYS_PER_MONTH, ONE_DAY, MonthIndex
from inburgering.rules.begeleiding import MEERDERJARIG
from inburgering.rules.plicht import aow_datum
from inburgering.sim.bridge import permit_starts
from inburgering.sim.companions import WI2013
from inburgering.sim.costs_prices import in_force_on
from inburgering.sim.engine import SimResult
from inburgering.sim.population import NAREIZIGER
from inburgering.sim.state import N_ONDERDELEN


def fines(result: SimResult, kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every fine of ``kind`` (``duo`` or ``college``) in the run: (person, date, euros)."""
    logged = [entry for entry in result.state.boetes_log if entry[0] == kind]
    if not logged:
        return np.zeros(0, np.int64), np.zeros(0, "datetime64[D]"), np.zeros(0)
    who = np.concatenate([entry[1] for entry in logged])
    when = np.concatenate([entry[2] for entry in logged])
    return who, when, np.concatenate([entry[3] for entry in logged])


def amv_guidance_spells(result: SimResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unaccompanied minors' guidance: (who, from arrival, to the day after its last day or departure).

    The last day is the rulebook's, asked at 18 (``amvBegeleidingTot``); before that, and for
    those who never turn 18 within the run, the day before the 18th birthday.
    """
    st, pop = result.state, result.state.pop
    who = np.flatnonzero(pop["amv"])
    arrival = np.where(np.isnat(pop["datumAsielaanvraag"]), pop["datumVerblijfsrecht"], pop["datumAsielaanvraag"])
    at_18 = MonthIndex(pop["geboortedatum"]).reaching(12 * MEERDERJARIG)
    set_at_18 = st.dates["amvBegeleidingTot"] + ONE_DAY
    until = np.fmin(np.where(np.isnat(set_at_18), at_18, set_at_18), st.dates["datumVertrek"])
    return who, arrival, until


def exam_sittings(result: SimResult) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every exam sitting as (person, component, month number, rank): rank 0 is the person's first of the component.

    The free attempts are per exam component (examens.gratis_pogingen_asiel): counting them
    against all attempts together made five failed speaking exams free when the other
    components had passed at once (a review found it). Each sitting's fee is booked in its own
    month (a simulation audit found the fees spread from the PIP to the trajectory's end).
    """
    log = result.state.examens_log
    if not log:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, empty
    who = np.concatenate([entry[1] for entry in log]).astype(np.int64)
    part = np.concatenate([np.full(len(entry[1]), entry[2], np.int64) for entry in log])
    month = np.concatenate([np.full(len(entry[1]), entry[0], np.int64) for entry in log])
    order = np.lexsort((month, part, who))
    pair = (who * N_ONDERDELEN + part)[order]
    first = np.r_[0, np.flatnonzero(np.diff(pair)) + 1]
    rank = np.empty(len(who), np.int64)
    rank[order] = np.arange(len(who)) - np.repeat(first, np.diff(np.r_[first, len(who)]))
    return who, part, month, rank


def mb_received(result: SimResult) -> np.ndarray:
    """Boolean per person: MB began (the right, and a BRP registration to start it from, art. 13.3)."""
    st = result.state
    return np.asarray(st.mb & ~np.isnat(st.dates["datumInschrijvingBrp"]) & ~np.isnat(st.dates["datumRechtMb"]))


def mb_spells(result: SimResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Maatschappelijke begeleiding: (who, from BRP registration but not before the right, to its end).

    W 13.3 starts MB at BRP registration; a minor exempt because of education has the right only
    from 18 under the law (or earlier where a scenario extends it), so MB does not start before.
    It lasts the months ``begeleiding.duur`` gives on its first day (no statutory length), until departure, or
    until the AOW age, where the obligation it belongs to ends (W 13.1 offers it to the
    inburgeringsplichtige; a review found it costed past the AOW day), or until the obligation is
    met (a former obligee, art. 21.1: the rulebook's right ends then), or until DUO's release
    where the rulebook, asked then, ends the right. MB that a scenario gives to whoever is of the
    AOW age at the start runs its course.
    """
    st = result.state
    d = st.dates
    who = np.flatnonzero(mb_received(result))
    start = np.maximum(d["datumInschrijvingBrp"], d["datumRechtMb"])
    months = in_force_on(result.parameters, "begeleiding.duur", start)
    days = np.round(months * DAYS_PER_MONTH).astype("timedelta64[D]")
    end = np.fmin(np.fmin(start + days, d["datumVertrek"]), d["datumVoldaan"])
    # released by DUO: the right ended then where the rulebook said so (asked at the release)
    end = np.where(st.mb_tot_ontheffing, np.fmin(end, d["datumOntheffing"]), end)
    pension = aow_datum(result.parameters, st.pop["geboortedatum"])
    # begun below the AOW age, it ends there; begun at it (VWN's MB for status holders of the AOW age when
    # they start in the municipality, begeleiding.ook_aow_leeftijd), it runs its course
    end = np.where(start < pension, np.fmin(end, pension), end)
    end = np.where(~np.isnat(start) & (end < start), start, end)  # never before it began (a review: robustness)
    return who, start, end


def permit_renewals(result: SimResult) -> tuple[np.ndarray, np.ndarray]:
    """Renewals of fixed-term asylum permits: (who, when), one per validity period while here.

    A permit takes effect from the asylum application (Vw 2000 art. 44.2) and lasts
    ``asiel.vergunning_duur`` years in force on the permit date (Vw 2000 art. 34); it is renewed
    at the end of each period while the person lives here and is not yet a Dutch national. A
    permanent permit after five years is not modelled (the pact and the asylum emergency bill end
    it), so every period that ends after the grant ends in a renewal, and one that ended before it is
    renewed at the grant. The Wi2013 stock got its permits before them: at the
    end of the first five years it asks for the permanent permit (Vw 2000 art. 33), one IND
    decision, and none after.
    """
    st, pop = result.state, result.state.pop
    holders = np.flatnonzero((pop["groep"] <= NAREIZIGER) & ~np.isnat(pop["datumVerblijfsrecht"]))
    years = result.parameters["asiel.vergunning_duur"].values_at(pop["datumVerblijfsrecht"][holders]).astype(np.int64)
    begin = MonthIndex(permit_starts(pop, holders, (np.zeros(len(pop)), np.zeros(len(pop))))[0])
    horizon = (result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")
    gone = np.fmin(st.dates["datumVertrek"][holders], st.dates["datumNaturalisatie"][holders])
    gone = np.where(
        st.genaturaliseerd[holders] | ~np.isnat(st.dates["datumVertrek"][holders]), gone, np.datetime64("NaT")
    )
    end = np.fmin(gone, horizon)
    most = np.where(pop["rol"][holders] == WI2013, 1, 19)  # renewals at most
    who, when = [], []
    granted = pop["datumVerblijfsrecht"][holders]
    # a permit whose first period ran out before it was granted (a procedure longer than the period, as
    # with the pact's 3 years) is renewed at the grant, once: a simulation audit found such renewals
    # booked before the grant, in years before the pact
    lapsed = (begin.plus(12 * years) < granted) & (granted < end)
    who.append(holders[lapsed])
    when.append(granted[lapsed])
    for k in range(1, 20):
        renewal = begin.plus(12 * years * k)
        if not (renewal < end).any():
            break
        here = (renewal < end) & (renewal >= granted) & (k <= most)
        who.append(holders[here])
        when.append(renewal[here])
    if not who:
        return np.zeros(0, np.int64), np.zeros(0, "datetime64[D]")
    return np.concatenate(who), np.concatenate(when)
