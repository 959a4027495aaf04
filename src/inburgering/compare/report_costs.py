"""The report's tables of the letter's cost points: the municipality's two channels and the price per route.

The VWN letter (p. 8-9, on Cebeon's cost study) makes three points an analyst will check a
scenario against: municipalities pay 31-46 million a year from their own funds on top of the
gemeentefonds for the execution; the SPUK does not cover the provisions; and the learning
routes' actual costs differ (the B1-route lowest, the onderwijsroute highest) while the SPUK pays
one average price. The tables put the model's figures beside those points, for every scenario.
"""

from __future__ import annotations

import html

import pandas as pd

from inburgering.compare.run import Comparison
from inburgering.compare.text import euro_amount, euros, label
from inburgering.i18n import N_, gettext_for

POSTS = (  # (post, its name)
    ("uitvoering", N_("Execution costs")),
    ("gemeentefonds", N_("Gemeentefonds for execution")),
    ("eigenMiddelenUitvoering", N_("Own funds for execution")),
    ("voorzieningen", N_("Provisions (routes, MB, MAP, PVT, exams, offers)")),
    ("spuk", N_("SPUK")),
    ("spukTerugbetaling", N_("Unspent SPUK paid back")),
    ("tekortVoorzieningen", N_("Provisions not covered by the SPUK")),
    ("eigenMiddelen", N_("Own funds in all")),
)
CAPTIONS = {
    "finance": N_(
        "Municipalities per year, {scenario} (medians; the intervals are in the table gemeenteFinanciering). The VWN letter (Cebeon): municipalities pay about 31-46 million a year from own funds for the execution on top of the gemeentefonds; the model's execution price is derived from that same figure, so the row is a consistency check, not a test. The model keeps the fund at one sum a year, while the state added funds when the housing target rose (Septembercirculaire 2022, as municipal budgets report), so the own funds of years with a larger caseload are an upper bound."
    ),
    "routes": N_(
        "The municipality's learning-route cost per status holder with that route, over the horizon (median and 90% interval). The letter (Cebeon): the B1-route costs least and the onderwijsroute most, while the SPUK pays one average price. The model's prices per trajectory are assumptions in that order; the cost per person also follows how long people stay in their route (the price is paid over the months in it), so a route whose learners are released or leave early costs less per person."
    ),
}


def _cell(row: pd.Series, fmt: object, lang: str) -> str:
    f = fmt  # euros or euro_amount
    return f"{f(row['median'], lang)} ({f(row['laag'], lang)} – {f(row['hoog'], lang)})"  # type: ignore[operator]


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    header = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in row) + "</tr>" for row in rows)
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
    )


def finance_tables(c: Comparison, lang: str) -> str:
    """Per scenario and year: execution against the gemeentefonds, provisions against the SPUK (medians)."""
    _ = gettext_for(lang)
    finance = c.tables.get("gemeenteFinanciering")
    if finance is None or finance.empty:
        return ""
    out = []
    for scenario in c.request.scenarios:
        mine = finance[finance["scenario"] == scenario]
        if mine.empty:
            continue
        medians = mine.pivot_table(index="year", columns="post", values="median", aggfunc="first")
        rows = [
            [str(int(year)), *(euros(medians.at[year, post], lang) if post in medians else "" for post, _name in POSTS)]
            for year in medians.index
        ]
        head = [_("year"), *(_(name) for _post, name in POSTS)]
        caption = (
            _(CAPTIONS["finance"]).format(scenario=scenario)
            + _check(medians, c.request.last_inflow_year, lang)
            + _provisions_check(medians, c.request.last_inflow_year, lang)
        )
        out.append(_table(caption, head, rows))
    return "\n".join(out)


LETTER_OWN_FUNDS = (31e6, 46e6)  # the VWN letter (Cebeon): own funds for execution a year


def _check(medians: pd.DataFrame, last_inflow: int, lang: str) -> str:
    """How the model's own funds for execution compare with the letter's 31-46 million, said in numbers.

    Why: the caption calls the row a consistency check; a reader must see whether it holds. Only
    the years with the whole fund (2023 to the last inflow year): after those it follows the execution
    (:func:`inburgering.compare.metrics.gemeentefonds`), so the own funds say nothing new there.
    """
    _ = gettext_for(lang)
    if "eigenMiddelenUitvoering" not in medians:
        return ""
    own = medians["eigenMiddelenUitvoering"]
    own = own[(own.index >= 2023) & (own.index <= last_inflow)].dropna()
    if own.empty:
        return ""
    lo, hi = float(own.min()), float(own.max())
    low, high = LETTER_OWN_FUNDS
    verdict = (
        _("within the letter's range")
        if lo >= low and hi <= high
        else _("above the letter's range")
        if lo > high
        else _("below the letter's range")
        if hi < low
        else _("partly outside the letter's range")
    )
    return _(
        " In this run the own funds for execution are {lo} to {hi} a year in 2023-{last}: {verdict}. After {last} no newcomers arrive in the model, and the fund follows the dwindling caseload it is for (the persons in their first four years after DUO's notice), the same in every scenario."
    ).format(lo=euros(lo, lang), hi=euros(hi, lang), last=last_inflow, verdict=verdict)


def _provisions_check(medians: pd.DataFrame, last_inflow: int, lang: str) -> str:
    """Where the model's provisions cost less than the SPUK pays, say so: the letter says the opposite.

    Why: a reader of the repayment row would take the surplus for a finding; it follows from the
    model's route prices (assumed factors on the SPUK's average price, booked for the months a
    route runs), while the letter reports the SPUK as too low (a review). The surplus goes back to
    the state (art. 42, :func:`inburgering.compare.finance.reclaim`), which the text says with the
    reclaim's two simplifications.
    """
    _ = gettext_for(lang)
    if "spukTerugbetaling" not in medians:
        return ""
    repaid = medians["spukTerugbetaling"]
    repaid = repaid[(repaid.index >= 2023) & (repaid.index <= last_inflow)].dropna()
    surplus = repaid[repaid > 0]
    if surplus.empty:
        return ""
    return _(
        " In {n} of {m} years of 2023-{last} the SPUK pays more than the provisions cost in the model, and the rest (up to {most} a year) goes back to the state (art. 42), while the VWN letter reports the SPUK as too low: the route prices are assumptions (factors on the SPUK's average price, paid for the months a route runs), so read this row as the model's, not as a finding. The model pays back one national surplus a year and reserves nothing for the next year (Besluit 10.5 allows a part): each municipality's own surplus goes back in fact (more than shown), less a reserve (less than shown)."
    ).format(n=len(surplus), m=last_inflow - 2022, last=last_inflow, most=euros(float(surplus.max()), lang))


def route_table(c: Comparison, lang: str) -> str:
    """The learning-route cost per status holder, by route and scenario."""
    _ = gettext_for(lang)
    routes = c.tables.get("kostenPerRoute")
    if routes is None or routes.empty:
        return ""
    rows = []
    for route in ("b1", "z", "onderwijs"):
        cells = [label(route, lang)]
        for scenario in c.request.scenarios:
            r = routes[(routes["scenario"] == scenario) & (routes["route"] == route)]
            cells.append("" if r.empty else _cell(r.iloc[0], euro_amount, lang))
        rows.append(cells)
    head = [_("route"), *c.request.scenarios]
    return _table(_(CAPTIONS["routes"]), head, rows)
