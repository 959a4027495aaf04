"""Costs per month by payer and item, and the municipality's SPUK income, from a finished run.

Costs follow from each person's dated intervals and events, so they are computed once after
the run rather than in every month: an interval cost adds its monthly amount from the start
month to the end month (a difference array per cell, then a cumulative sum), a one-off cost
lands in its month. Amounts are law parameters (SPUK prices) or behavioural parameters
(``sim/behaviour/kosten.yaml``), never numbers in this file.

Payers: ``gemeente`` (the municipality: leerroute, MB, MAP, PVT, exams and execution for
status holders), ``rijk`` (the state: COA reception), ``persoon`` (family and other migrants
pay their own route and exams, usually with a DUO loan). SPUK income follows the counting
rule of Besluit 10.2: a status holder counts in the year of housing and the two years after,
a family or other migrant once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.dates import DAYS_PER_MONTH, MonthIndex
from inburgering.law.parameters import load_parameters
from inburgering.rules.plicht import aow_datum
from inburgering.sim.costs_levers import lever_costs
from inburgering.sim.costs_prices import (
    ROUTE_ITEMS,
    in_force_on,
    onderwijs_top_up,
    route_booking,
    route_factor,
    spuk_amount,
    spuk_at_actual_cost,
    spuk_price,
)
from inburgering.sim.engine import SimResult
from inburgering.sim.ledger import Ledger
from inburgering.sim.population import COA_GROUPS, NAREIZIGER
from inburgering.sim.spells import amv_guidance_spells, exam_sittings, fines, mb_spells, permit_renewals


def cost_rows(result: SimResult) -> pd.DataFrame:
    """Monthly euros per cell for every payer and item (indicators ``kosten.<payer>.<item>``).

    In sections, each a function of its own: a section's full-length temporaries are freed when
    it returns, so the table's peak memory is one section's, not all of them together (about 260
    bytes a person before; issue #20's memory target at ten times the population).
    """
    pop, params = result.state.pop, result.parameters
    ledger = Ledger(result)
    _reception(result, ledger)
    # one AOW day per person, for the trajectory's end, the execution's and the SPUK's count
    pension = aow_datum(params, pop["geboortedatum"])
    end = _trajectory(result, ledger, pension)
    _fines_booked(result, ledger)
    _execution(result, ledger, end, pension)
    _guidance(result, ledger)
    # renewals of fixed-term asylum permits: an IND decision each time (more often with shorter permits)
    renewed, renewed_on = permit_renewals(result)
    ledger.events(
        "rijk.vergunningVerlenging", renewed, renewed_on, result.behaviour.v("kosten.ind_verlenging_per_besluit")
    )
    del renewed, renewed_on
    # what the proposals offer (voorinburgering, buddies, participation, childcare, ...): sim/costs_levers.py
    lever_costs(result, ledger, end)
    _spuk(result, ledger, end, pension)
    return _frame(result, ledger)


def _reception(result: SimResult, ledger: Ledger) -> None:
    """The state: reception in COA from the application (or permit) to housing or departure."""
    pop, d = result.state.pop, result.state.dates
    coa_start = np.where(np.isnat(pop["datumAsielaanvraag"]), pop["datumVerblijfsrecht"], pop["datumAsielaanvraag"])
    coa_end = np.fmin(d["datumInschrijvingBrp"], d["datumVertrek"])
    # every nareiziger is received in COA too (decision 0012), from arrival (the permit) to the move
    received = np.flatnonzero(np.isin(pop["groep"], (*COA_GROUPS, NAREIZIGER)))
    ledger.interval("rijk.opvang", received, coa_start, coa_end, result.behaviour.v("kosten.coa_per_maand"))


def _trajectory_end(result: SimResult, pension: np.ndarray) -> np.ndarray:
    """Each trajectory's end: completion, release, departure, and at the AOW age where the obligation ends.

    Art. 3.1 ends the obligation at the AOW age (the engine asks then): no route, exam, buddy or
    participation costs after it (a review found them running to the horizon).
    """
    d = result.state.dates
    end = np.fmin(np.fmin(d["datumVoldaan"], d["datumOntheffing"]), d["datumVertrek"])
    has_pip = ~np.isnat(d["datumPip"])
    end[has_pip] = np.fmin(end[has_pip], pension[has_pip])
    return end


def _route_price(result: SimResult) -> np.ndarray:
    """The route each status holder's municipality buys, at its actual price.

    The price differs per route (Cebeon: B1 lowest, onderwijs highest); the SPUK pays one average
    price. The route bought is the one in the PIP; a later route change (rare) is not repriced.
    The prices follow the SPUK's price *under the law as it is* (its indexation), not a scenario's:
    what the state pays does not change what providers charge, so a scenario that raises the SPUK
    moves the income only (a review found "more funding" costing more). Providers' prices are
    changed through the route factors (``kosten.leerroute_factor_*``).
    """
    return spuk_price(load_parameters(), result.state.dates["datumPip"]) * route_factor(
        result.behaviour.v, result.state.route_bij_pip
    )


def _capped(result: SimResult, end: np.ndarray) -> np.ndarray:
    """The route's end for its cost: the trajectory's end, at most the term (or the priced months) after the PIP.

    The term is ``termijn.duur`` in force at the PIP (36 months under the Act); a review found 36
    written here, so a scenario's longer term added lessons but no route cost. A shorter term
    does not shorten what a route costs: the price is per trajectory and buys the months it was
    priced for (``kosten.route_prijs_maanden``), and the learners go on in an extension or after
    the term. A simulation audit found a 24-month term "saving" 138 million euros of routes that
    were still met, at two thirds of their price.
    """
    pip = result.state.dates["datumPip"]
    term = np.maximum(
        in_force_on(result.parameters, "termijn.duur", pip), result.behaviour.v("kosten.route_prijs_maanden")
    )
    return np.fmin(end, pip + np.round(term * 30).astype("timedelta64[D]"))


def _exams(result: SimResult, ledger: Ledger, status: np.ndarray, family: np.ndarray) -> None:
    """Each exam sitting's fee in the month it is sat (the exam log), by who pays it.

    Status holders sit their first attempts per component free (Besluit 3.7 lid 2: the state
    pays), the municipality the rest (its SPUK); family and other migrants pay their own. The fee
    and the free attempts are those in force at the PIP, per person: a reform dated later acts
    on later trajectories (a review found both read at the Act's start, so a dated lever moved
    nothing). A simulation audit found every fee spread from the PIP to the trajectory's end, so
    a reform of 2027 that changed the sittings moved exam costs into 2024-2026.
    """
    who, _, month, rank = exam_sittings(result)
    if len(who) == 0:
        return
    params, pip = result.parameters, result.state.dates["datumPip"]
    when = month.astype("datetime64[M]").astype("datetime64[D]")
    fee = in_force_on(params, "examens.examengeld_per_onderdeel", pip)[who]
    free = in_force_on(params, "examens.gratis_pogingen_asiel", pip).astype(np.int64)[who]
    is_status, is_family = np.isin(who, status), np.isin(who, family)
    gratis = is_status & (rank < free)
    ledger.events("rijk.examens", who[gratis], when[gratis], fee[gratis])
    paid = is_status & ~gratis
    ledger.events("gemeente.examens", who[paid], when[paid], fee[paid])
    ledger.events("persoon.examens", who[is_family], when[is_family], fee[is_family])


def _trajectory(result: SimResult, ledger: Ledger, pension: np.ndarray) -> np.ndarray:
    """From the PIP to its end, at most the term's months of route cost; exams, MAP and PVT. Returns the trajectory's end."""
    st, pop = result.state, result.state.pop
    b, d = result.behaviour.v, st.dates
    end = _trajectory_end(result, pension)
    asylum = pop["groep"] <= NAREIZIGER
    pip = d["datumPip"]
    has_pip = ~np.isnat(pip)
    capped = _capped(result, end)
    met = ~np.isnat(d["datumVoldaan"]) & (d["datumVoldaan"] <= capped)
    priced = b("kosten.route_prijs_maanden")
    status = np.flatnonzero(has_pip & asylum)
    family = np.flatnonzero(has_pip & ~asylum)
    routes = [(f"gemeente.{item}", status[st.route_bij_pip[status] == route]) for route, item in ROUTE_ITEMS.items()]
    for price, booked in (
        (_route_price(result), routes),
        (b("kosten.leerroute_gezin"), [("persoon.leerroute", family)]),
    ):
        rate, rest = route_booking(pip, capped, met, price, priced)
        for item, mine in booked:
            ledger.interval(item, mine, pip, capped, rate[mine])
            due = mine[rest[mine] > 0]
            ledger.once(item, due, capped, rest[due])  # the rest of a met route's price, in the month it is met
    del capped, met, rate, rest
    _exams(result, ledger, status, family)
    for item, column, price_path in (
        ("gemeente.map", "datumMapAfgerond", "kosten.map_per_persoon"),
        ("gemeente.pvt", "datumPvtAfgerond", "kosten.pvt_per_persoon"),
    ):
        done = d[column]
        ledger.once(item, np.flatnonzero(~np.isnat(done)), done, b(price_path))
    return end


def _fines_booked(result: SimResult, ledger: Ledger) -> None:
    """Fines, paid by the person in the month they are imposed: DUO's to the state, the college's to the municipality."""
    for kind, payee in (("duo", "rijk"), ("college", "gemeente")):
        who, when, amount = fines(result, kind)
        ledger.events(f"persoon.{kind}Boetes", who, when, amount)
        ledger.events(f"{payee}.{kind}BoeteInkomsten", who, when, -amount)


def _execution(result: SimResult, ledger: Ledger, end: np.ndarray, pension: np.ndarray) -> None:
    """Execution: from DUO's notice to the end of the trajectory, at the latest the AOW age.

    The obligation ends there (art. 3.1; the engine asks the rulebook then, ``end_at_aow``). A
    status holder's municipality works on their case from the move (BRP registration) or an
    intake held in COA before it, not from DUO's notice in COA: the monthly price is derived
    over persons in a municipal trajectory (``kosten.uitvoering_per_maand``), and a cost review
    found months of COA waiting charged (about 10,000 persons in any month).
    """
    d, pop = result.state.dates, result.state.pop
    started = np.fmin(d["datumInschrijvingBrp"], d["datumIntake"])
    notice = np.where(pop["groep"] <= NAREIZIGER, np.maximum(d["datumKennisgeving"], started), d["datumKennisgeving"])
    notified = np.flatnonzero(~np.isnat(notice))
    stop = end.copy()
    stop[notified] = np.fmin(stop[notified], pension[notified])
    ledger.interval("gemeente.uitvoering", notified, notice, stop, result.behaviour.v("kosten.uitvoering_per_maand"))


def _guidance(result: SimResult, ledger: Ledger) -> None:
    """MB from BRP registration for its usual duration; guardian guidance of unaccompanied minors."""
    b = result.behaviour.v
    mb, mb_start, mb_end = mb_spells(result)
    # the price per person stands for MB's usual months, so a longer MB costs more months of it (a review
    # found the price spread over the scenario's duration: a longer MB cost less)
    ledger.interval(
        "gemeente.begeleiding", mb, mb_start, mb_end, b("kosten.mb_per_persoon") / b("kosten.mb_prijs_maanden")
    )
    del mb, mb_start, mb_end
    # from arrival to its last day (the rulebook's, asked at 18)
    amv, arrival, until = amv_guidance_spells(result)
    ledger.interval("rijk.amvBegeleiding", amv, arrival, until, b("kosten.amv_begeleiding_per_maand"))


def _spuk(result: SimResult, ledger: Ledger, end: np.ndarray, pension: np.ndarray) -> None:
    """SPUK income (a negative cost for the municipality), paid a twelfth a month (Besluit 10.8).

    A housed status holder counts in the year of housing and the years after (Besluit 10.2: t,
    t-1, t-2), a family or other migrant in the year of the notice.
    """
    st, pop, params = result.state, result.state.pop, result.parameters
    b, d = result.behaviour.v, st.dates
    n = len(pop)
    asylum = pop["groep"] <= NAREIZIGER
    housed = d["datumInschrijvingBrp"]
    notice = d["datumKennisgeving"]
    actual = spuk_at_actual_cost(params, housed)
    priced = spuk_amount(params, housed)
    paid, top_up, top_up_day = onderwijs_top_up(result, end)
    if actual.any():  # VWN's SPUK at actual cost (not worked out where no year of the run has it)
        # VWN asks it because the SPUK falls short of the costs (letter p. 8-9: "ontoereikend"): it pays
        # what a person's provisions cost where that is more than the SPUK pays now, and never less (a
        # review found the lever cutting the SPUK, as the model's provisions cost less than its average)
        short = _actual_provisions(result, _route_price(result), _capped(result, end)) - priced
        short[paid] -= top_up
        priced = np.where(actual, priced + np.maximum(short, 0.0), priced)
        del short
    # a status holder counts in the year of housing (Besluit 10.2), a minor exempt then (art. 4.1.c) from
    # the year the exemption ends; a municipal review found adults counted from DUO's notice, a year
    # late where the notice came in January after a December housing
    age = in_force_on(params, "vrijstelling.kwalificatieplicht_tot_leeftijd", housed).astype(np.int64)
    obliged_from = np.maximum(housed, MonthIndex(pop["geboortedatum"]).reaching(12 * age))
    for group, since, years_path, amount in (
        (asylum, obliged_from, "financiering.spuk_jaren_asiel", priced),
        (~asylum, notice, "financiering.spuk_jaren_gezin", np.full(n, b("kosten.spuk_gezin"))),
    ):
        # the years counted in force on the day counting begins (a review found them read at the Act's start)
        begins = since
        years = in_force_on(params, years_path, begins).astype(np.int64)
        # counted while obliged (Besluit 10.2 counts inburgeringsplichtigen): not when housed after
        # the AOW day, where the obligation ended (art. 3.1; a review found the SPUK paid for them)
        counted = np.flatnonzero(group & ~np.isnat(since) & ~np.isnat(notice) & (since < pension))
        # a minor housed now and obliged at 18 counts from then, not from the housing year (a municipal
        # review found the SPUK booked years before the obligation, and more of it the further ahead)
        year_start = since.astype("datetime64[Y]")
        # DUO counts by the place of residence at the end of the year (Besluit 10.4): whoever left the
        # country during a year counts neither in it nor after (a review found SPUK paid for the gone)
        last_year = np.fmin(year_start + years.astype("timedelta64[Y]"), d["datumVertrek"].astype("datetime64[Y]"))
        ledger.interval(
            "gemeente.spukInkomsten",
            counted,
            year_start.astype("datetime64[D]"),
            last_year.astype("datetime64[D]"),
            -amount[counted] / (12 * years[counted]),
            from_entry=False,  # the SPUK's twelfths run from January of the year counted
        )
        del amount, counted, year_start, last_year
    del priced
    # the onderwijsroute's top-up, counted in its year and paid a twelfth a month over that year like the
    # rest of the SPUK (Besluit 10.8); a SPUK at actual cost adds only what it leaves short
    pip_year = top_up_day.astype("datetime64[Y]")
    ledger.spans(
        "gemeente.spukInkomsten",
        paid,
        pip_year.astype("datetime64[D]"),
        (pip_year + np.timedelta64(1, "Y")).astype("datetime64[D]"),
        -top_up / 12,
        from_entry=False,
    )


def _actual_provisions(result: SimResult, price: np.ndarray, route_end: np.ndarray) -> np.ndarray:
    """Each status holder's provisions at their actual cost (route, MB, PVT, MAP), as this model books them.

    What VWN asks when it asks the SPUK "in lijn met feitelijke kosten": the income follows each
    person's own provisions, on the same basis as the costs (a review found the SPUK paying a
    route's whole price where the municipality pays it for the months it runs): the route at its
    own price (``costs_prices.route_factor``), whole where it was met, else a 36th a month from
    the PIP to its end (``costs_prices.route_booking``), MB where received, the PVT and the MAP where done.
    ``route_end`` is capped at the term or the priced months, whichever is longer (:func:`_capped`).
    """
    b, d = result.behaviour.v, result.state.dates
    pip = d["datumPip"]
    share = (route_end - pip).astype(np.int64) / (b("kosten.route_prijs_maanden") * 30)
    # as ``route_booking``: a route met costs at least its whole price, and a month beyond the priced ones more
    met = ~np.isnat(d["datumVoldaan"]) & (d["datumVoldaan"] <= route_end)
    share = np.where(met, np.maximum(share, 1.0), np.maximum(share, 0.0))
    route = np.where(np.isnat(pip), 0.0, price * share)
    # MB as _guidance books it: its months at the price of a month of the usual length
    mb = np.zeros(len(pip))
    who, start, stop = mb_spells(result)
    mb[who] = (
        (stop[who] - start[who]).astype(np.int64)
        / DAYS_PER_MONTH
        * (b("kosten.mb_per_persoon") / b("kosten.mb_prijs_maanden"))
    )
    pvt = np.where(np.isnat(d["datumPvtAfgerond"]), 0.0, b("kosten.pvt_per_persoon"))
    map_ = np.where(np.isnat(d["datumMapAfgerond"]), 0.0, b("kosten.map_per_persoon"))
    return np.asarray(route + mb + pvt + map_)


def _frame(result: SimResult, ledger: Ledger) -> pd.DataFrame:
    return ledger.frame("kosten.")
