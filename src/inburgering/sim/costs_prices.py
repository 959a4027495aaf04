"""Prices of routes, what the SPUK pays per person and its onderwijsroute top-up: amounts the cost table books.

Why a module of its own: the route's price, its booking over the months it runs and the SPUK's
amount per status holder are read both by the municipality's costs and by its SPUK income (and
VWN's SPUK at actual cost compares the two); kept apart from the ledger work in
:mod:`inburgering.sim.costs`. Amounts are law parameters or behavioural parameters
(``sim/behaviour/kosten.yaml``), never numbers here.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from inburgering.codes import Leerroute
from inburgering.law.parameters import ParameterSet, law_start
from inburgering.sim.engine import SimResult
from inburgering.sim.population import NAREIZIGER


def route_booking(
    pip: np.ndarray, capped: np.ndarray, met: np.ndarray, price: np.ndarray | float, priced_months: float = 36
) -> tuple[np.ndarray, np.ndarray]:
    """(price per month while the route runs, the rest due when it is met) of each route's cost.

    The price is a price per trajectory (Divosa: the SPUK's 10,000 euro is an average per
    trajectory; the onderwijsroute at 17,000 a trajectory), so a route met within 36 months
    (``met``, the obligation met on or before ``capped``) costs all of it. A review found every
    route spread over 36 months, so a route met in 15 months cost 15/36 of its price and the
    onderwijsroute, the dearest, came out the cheapest.

    It is booked as it happens: a ``priced_months``-th of the price a month from the PIP's month
    while the route runs (up to ``capped``), and the rest of the price in the month it is met. A
    route cut short (departure, release, the AOW age) or still running costs only its months.
    Spreading a met route's whole price back over its months from the PIP (as before) booked
    costs in years before a reform that made the route end sooner (a simulation audit found
    some 20 million euros of a 2027 reform in 2025-2026).

    ``priced_months`` (``kosten.route_prijs_maanden``: the Act's 36-month term) is what the price
    pays for; a scenario's longer term (``capped`` runs to it) adds a ``priced_months``-th of the
    price for each month beyond, met or not, so more months of lessons cost more.

    >>> pip = np.array(["2024-01-10", "2024-01-10"], "datetime64[D]")
    >>> end = np.array(["2025-04-20", "2025-04-20"], "datetime64[D]")
    >>> rate, rest = route_booking(pip, end, np.array([True, False]), 3600.0)
    >>> rate.tolist(), rest.tolist()  # 15 months of 100, then 2,100 in April 2025 where it was met
    ([100.0, 100.0], [2100.0, 0.0])
    """
    months = (capped.astype("datetime64[M]") - pip.astype("datetime64[M]")).astype(np.int64)
    per_month = np.broadcast_to(np.asarray(price, np.float64) / priced_months, pip.shape)
    rest = np.where(met, np.maximum(np.asarray(price, np.float64) - per_month * np.maximum(months, 0), 0.0), 0.0)
    return per_month, rest


ROUTE_ITEMS = {Leerroute.B1: "leerrouteB1", Leerroute.ONDERWIJS: "leerrouteOnderwijs", Leerroute.Z: "leerrouteZ"}


def route_factor(b: Callable[[str], float], route: np.ndarray) -> np.ndarray:
    """The route's actual price as a share of the SPUK's average price (1 where no route is known)."""
    factors = np.array(
        [b("kosten.leerroute_factor_b1"), b("kosten.leerroute_factor_onderwijs"), b("kosten.leerroute_factor_z"), 1.0]
    )
    return factors[np.where(route >= 0, route, 3).astype(np.int64)]


def in_force_on(params: ParameterSet, path: str, days: np.ndarray) -> np.ndarray:
    """Each person's value of ``path`` in force on their day (the Act's first day where the day is unknown).

    The one way the cost table reads a dated law parameter per person: a reform dated later acts on
    what happens after its date (a review found parameters read on the Act's first day only).
    """
    return np.asarray(params[path].values_at(np.where(np.isnat(days), law_start(params), days)), np.float64)


def spuk_at_actual_cost(params: ParameterSet, housed: np.ndarray) -> np.ndarray:
    """Whether the SPUK pays each person's provisions at actual cost (VWN's proposal), by the year of housing."""
    return (in_force_on(params, "financiering.spuk_feitelijke_kosten", housed) > 0) & ~np.isnat(housed)


def onderwijs_price(params: ParameterSet, when: np.ndarray) -> np.ndarray:
    """The SPUK's price of an onderwijsroute in force on ``when`` (0 where no day is known)."""
    return np.where(np.isnat(when), 0.0, params["financiering.spuk_prijs_onderwijsroute"].values_at(when))


def spuk_price(params: ParameterSet, when: np.ndarray) -> np.ndarray:
    """The SPUK's average price per trajectory in force on ``when`` (the route only)."""
    return np.where(np.isnat(when), 0.0, params["financiering.spuk_prijs_traject_asiel"].values_at(when))


def spuk_amount(params: ParameterSet, when: np.ndarray) -> np.ndarray:
    """What the SPUK pays for a status holder: the route's average price and the MB, PVT and MAP beside it.

    A cost review found the model's SPUK paying the route only, while it pays for the MB, the PVT
    and the MAP too (DUO), about 13,000 euro a status holder in 2022.
    """
    extra = in_force_on(params, "financiering.spuk_prijs_voorzieningen_asiel", when)
    return spuk_price(params, when) + np.where(np.isnat(when), 0.0, extra)


def onderwijs_top_up(result: SimResult, end: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(who, amount, day counted) of the SPUK's onderwijsroute top-up (Besluit 10.2: ABO = AAO(t) x [a]).

    AAO counts the housed status holders with the onderwijsroute in their PIP for whom no top-up was
    paid before: once each, in the year the route is set (the PIP, or a change of route to it) or,
    for a route set before the top-up existed (the onderwijsroute's own price above the average,
    from 2026), in its first year while the route still runs and the person lives here. The amount
    is the onderwijsroute's price above the average in force then. A legal review found a route set
    in 2025 and running in 2026 counted nowhere, and a change of route to it never counted.
    """
    st, params = result.state, result.parameters
    d = st.dates
    asylum = st.pop["groep"] <= NAREIZIGER
    changed = d["datumRoutewijziging"]
    in_pip = st.route_bij_pip == Leerroute.ONDERWIJS
    to_it = ~in_pip & (st.leerroute == Leerroute.ONDERWIJS) & ~np.isnat(changed)
    set_on = np.where(in_pip, d["datumPip"], np.where(to_it, changed, np.datetime64("NaT", "D")))
    day = np.maximum(set_on, _top_up_start(params))
    # still in the onderwijsroute on that day: not left it for another route, not finished; and living here
    # at the end of its year, as DUO counts the rest of the SPUK (Besluit 10.4; a simulation audit found
    # the top-up paid for a year in which the person left, which the rest of the SPUK is not)
    left_route = in_pip & ~np.isnat(changed) & (changed <= day) & (st.leerroute != Leerroute.ONDERWIJS)
    left_country = d["datumVertrek"].astype("datetime64[Y]") <= day.astype("datetime64[Y]")
    running = ~(end <= day) & ~left_country & ~left_route
    who = np.flatnonzero(asylum & ~np.isnat(set_on) & running)
    amount = np.maximum(onderwijs_price(params, day[who]) - spuk_price(params, day[who]), 0.0)
    keep = amount > 0
    return who[keep], amount[keep], day[who[keep]]


def _top_up_start(params: ParameterSet) -> np.datetime64:
    """The first day the onderwijsroute's SPUK price is above the average (the top-up's start), else far ahead."""
    days = sorted(
        {
            *params["financiering.spuk_prijs_onderwijsroute"].breakpoints().tolist(),
            *params["financiering.spuk_prijs_traject_asiel"].breakpoints().tolist(),
        }
    )
    for day in days:
        on = np.array([day], "datetime64[D]")
        if onderwijs_price(params, on)[0] > spuk_price(params, on)[0]:
            return on[0]
    return np.datetime64("9999-12-31", "D")
