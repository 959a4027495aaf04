"""The municipality's two funding channels, and the SPUK's reclaim of what was not spent.

Why a module: the comparison's municipal balance, the per-item costs and the caseload forecast
must split the municipality's euros the same way (Divosa: the gemeentefonds pays the execution,
the SPUK pays the provisions), and the SPUK is earmarked: what a municipality did not spend on
provisions in a year goes back to the state (Wi2021 art. 42.1; DUO sets the final amount and the
difference is paid or reclaimed in one go, Besluit 10.8). A review found the model's SPUK surplus
kept by municipalities, so a proposal that raised their provisions looked like a municipal cost
where the state in fact received less back.
"""

from __future__ import annotations

import pandas as pd

FINANCE = {  # the municipality's two channels (Divosa: the gemeentefonds for execution, the SPUK for provisions)
    # execution: the trajectory's own work, and the municipal tasks that are no provision for the person,
    # a BRP registration and the A2 evaluation (a decision, as afschaling is; a review found both counted
    # as provisions, which overstated the SPUK's gap)
    "uitvoering": ("uitvoering", "brpInschrijvingCoa", "a2Evaluatie"),
    "gemeentefonds": ("gemeentefondsInkomsten",),
    "spuk": ("spukInkomsten", "spukOnderwijsrouteInkomsten"),  # as received; what is paid back is REPAID
}
REPAID, RECLAIMED = "spukTerugbetaling", "spukTerugvordering"


def reclaim(costs: pd.DataFrame) -> pd.DataFrame:
    """Rows paying back each year's unspent SPUK: the municipality's cost, the state's income.

    ``costs`` has ``year``, ``payer``, ``item`` and ``value`` (euros; income negative), without
    the reclaim. Year by year the provisions (every municipal cost that is not execution, fines
    received netted) are set against the SPUK received (the yearly uitkering and the separate
    SPUK onderwijsroute of 2022-2025), with a shortfall of the year before carried into the next
    (Besluit 10.6: net costs above the uitkering are booked to the next year); where the SPUK is
    larger, the rest is reclaimed, booked in the year it is for (the Minister settles it the year
    after, Besluit 10.7). Simplifications, said in the report: one national surplus, where each
    municipality's own is reclaimed and overspenders do not offset underspenders (this understates
    the reclaim); and nothing reserved for the next year (Besluit 10.5 allows a part up to a
    maximum, whose formula the corpus lacks; this overstates it).
    """
    g = costs[costs["payer"] == "gemeente"]
    if g.empty:
        return pd.DataFrame(columns=["year", "payer", "item", "value"])
    total = g.groupby("year")["value"].sum()
    channel = {name: g[g["item"].isin(items)].groupby("year")["value"].sum() for name, items in FINANCE.items()}
    execution = channel["uitvoering"].reindex(total.index, fill_value=0.0)
    fund = channel["gemeentefonds"].reindex(total.index, fill_value=0.0)  # negative: income
    spuk = channel["spuk"].reindex(total.index, fill_value=0.0)  # negative: income
    provisions = total - execution - fund - spuk
    unspent = pd.Series(0.0, index=total.index)
    carried = 0.0  # a year's costs above the SPUK, booked to the next year (Besluit 10.6)
    for year in sorted(total.index):  # a handful of years: no hot path
        balance = -float(spuk[year]) - float(provisions[year]) - carried
        unspent[year] = max(balance, 0.0)
        carried = max(-balance, 0.0)
    unspent = unspent[unspent > 0]
    repaid = pd.DataFrame({"year": unspent.index.astype(int), "payer": "gemeente", "item": REPAID, "value": unspent})
    return pd.concat(
        [repaid, repaid.assign(payer="rijk", item=RECLAIMED, value=-unspent.to_numpy())], ignore_index=True
    )
