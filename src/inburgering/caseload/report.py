"""The caseload forecast report: one self-contained HTML file, in English or Dutch.

The same kind of report as the national comparison (plotly.js inlined, every chart with a
caption and its data table, the model's fit to published figures), for one municipality:
headline per scenario, the outcome table, completions and term overruns per quarter, costs
against SPUK income per year, and what the file did not say (imputed, counted). It holds
no person-level data: only the suppressed aggregate tables.
"""

from __future__ import annotations

import datetime as _dt
import html

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from inburgering.caseload.forecast import Forecast
from inburgering.compare import charts
from inburgering.compare.headline import MIN_DRAWS
from inburgering.compare.report import REPORT_CSS, scenario_section, scrollable_main
from inburgering.compare.report_fit import fit_section
from inburgering.compare.text import euro_amount, number
from inburgering.i18n import N_, format_day, gettext_for
from inburgering.templating import render
from inburgering.version import __version__

_T = {
    "title": N_("Caseload forecast"),
    "headline": N_("Headline"),
    "method": N_("How this was computed"),
    "summary": N_("Outcomes at the horizon and over three years"),
    "quarters": N_("Completions and term overruns per quarter"),
    "costs": N_("Costs against SPUK income per year"),
    "scenarios": N_("The scenarios: what each changes in the law, with sources"),
    "imputed": N_("What the file did not say"),
    "privacy": N_("Privacy"),
    "fit": N_("The model's fit to published figures"),
    "afgerond": N_("completions"),
    "termijnOverschreden": N_("term overruns"),
}
_INDICATORS = {
    "personen": N_("persons in the obligation on the file's date"),
    "voldaanInTermijn": N_("finish within the term"),
    "voldaanMetVerlenging": N_("finish within an extended term"),
    "voldaanNaTermijn": N_("finish after the term"),
    "ontheven": N_("released (ontheffing)"),
    "vertrokken": N_("leave the Netherlands"),
    "nogBezig": N_("still in the obligation at the horizon"),
    "overschrijdingBinnen3Jaar": N_("term overruns in three years"),
    "afgerondBinnen3Jaar": N_("completions in three years"),
}


def t(key: str, lang: str) -> str:
    """A heading or label in ``lang``."""
    words = _T.get(key) or _INDICATORS.get(key)
    return gettext_for(lang)(words) if words else key


IMPUTED_HOW = {  # how a value the file did not give was filled in (caseload.start's counters)
    "rulebook": N_("decided by the rulebook"),
    "donor": N_("taken from a similar synthetic person of the national model"),
    "startTermijn": N_("from the start of the term"),
    "unused": N_("given without a PIP or start of the term, so not used"),
}


def imputed_lines(counts: dict[str, int], lang: str) -> list[tuple[str, str]]:
    """What the file did not say, per item, with its count of persons: 1 to 9 shown as "<10" (docs/privacy.md).

    A review found the counts of 1 to 9 persons printed above the report's promise to suppress them.
    """
    _ = gettext_for(lang)
    lines = []
    for key, n in sorted(counts.items()):
        if not n:
            continue
        name, _sep, how = key.partition(" (")
        how = how.rstrip(")")
        shown = f"{name} ({_(IMPUTED_HOW[how])})" if how in IMPUTED_HOW else key
        lines.append((shown, "<10" if n < 10 else number(n, lang)))
    return lines


def euros(x: float, lang: str, signed: bool = False) -> str:
    """Euros to the nearest thousand (a municipality's budget is read in thousands, not millions)."""
    return euro_amount(round(x, -3), lang, signed)


def _cell(row: pd.Series, lang: str, money: bool = False) -> str:
    _ = gettext_for(lang)
    # a row is marked ``onderdrukt`` where only its difference is blanked too (another scenario's count in the
    # cell is under 10); its own number still shows (a review found "<10" printed over a count of 50)
    if pd.isna(row["median"]):
        return "<10" if not money else (_("suppressed"))
    fmt = (lambda x: euros(x, lang)) if money else (lambda x: number(x, lang))
    if row["laag"] == row["hoog"]:
        return fmt(row["median"])  # the same in every draw: no interval to show
    return f"{fmt(row['median'])} ({fmt(row['laag'])} – {fmt(row['hoog'])})"


def _diff(row: pd.Series, lang: str, money: bool = False) -> str:
    if pd.isna(row["verschilMedian"]):
        return ""
    fmt = (lambda x: euros(x, lang, signed=True)) if money else (lambda x: number(x, lang, signed=True))
    return f"{fmt(row['verschilMedian'])} ({fmt(row['verschilLaag'])} – {fmt(row['verschilHoog'])})"


def summary_table(summary: pd.DataFrame, scenarios: tuple[str, ...], lang: str) -> str:
    """Indicators as rows, scenarios as columns: the median with its interval, and the difference."""
    _ = gettext_for(lang)
    diff_word = _("vs baseline")
    head = "".join(f"<th scope='col'>{html.escape(s)}</th>" for s in scenarios)
    head += "".join(f"<th scope='col'>{html.escape(s)} {diff_word}</th>" for s in scenarios[1:])
    body = []
    for indicator in _INDICATORS:
        part = summary[summary["indicator"] == indicator].set_index("scenario")
        if part.empty:
            continue
        cells = [_cell(part.loc[s], lang) for s in scenarios] + [_diff(part.loc[s], lang) for s in scenarios[1:]]
        body.append(
            f"<tr><th scope='row'>{html.escape(t(indicator, lang))}</th>"
            + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
            + "</tr>"
        )
    first = _("Outcome")
    return f"<table><thead><tr><th scope='col'>{first}</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def quarter_chart(quarters: pd.DataFrame, indicator: str, lang: str) -> charts.Chart:
    """One line per scenario over the quarters, with its 90% band (a suppressed quarter a gap in both)."""
    _ = gettext_for(lang)
    pick = quarters[quarters["indicator"] == indicator]
    fig = go.Figure()
    for scenario, part in pick.groupby("scenario", sort=False):
        part = part.reset_index(drop=True)
        charts.band(fig, part["kwartaal"], part, str(scenario))
    name = t(indicator, lang)
    caption = _(
        "Number of {name} per quarter under each scenario; line median, band 90% interval; a quarter with fewer than 10 persons is a gap."
    ).format(name=name)
    fig.update_layout(yaxis_title=name, title=name[:1].upper() + name[1:] + (_(" per quarter")))
    data = pick[["scenario", "kwartaal", "median", "laag", "hoog", "verschilMedian"]]
    return charts.Chart(fig, caption, data)


def cost_chart(costs: pd.DataFrame, lang: str) -> charts.Chart:
    """The municipal gap (provisions minus SPUK income) per year and scenario."""
    _ = gettext_for(lang)
    pick = costs[costs["post"] == "tekort"]  # a suppressed year a gap
    fig = go.Figure()
    for scenario, part in pick.groupby("scenario", sort=False):
        part = part.reset_index(drop=True)
        charts.band(fig, part["jaar"], part, str(scenario))
    title = _("The municipality's gap per year")
    fig.update_layout(yaxis_title="€", title=title, xaxis={"dtick": 1, "tickformat": "d"})  # whole years, not 2,027.5
    caption = (
        _(
            "The cost of this caseload's provisions (routes, guidance, PVT, MAP, exams) minus SPUK income, per year (positive: the municipality pays the difference); line median, band 90% interval. Execution costs are paid from the gemeentefonds, not the SPUK (art. 40.1), and are in the table apart. The first year counts from the month after the file's date. The SPUK line counts only the persons in the file: not those who finished earlier but still count (Besluit 10.3), new arrivals, the share for completed trajectories or the settlement afterwards (art. 41), so the gap here is not the municipality's whole SPUK balance."
        )
        + " "
        + _(
            "Moves to another Dutch municipality are not modelled: whoever would move stays here in the forecast, "
            "with their SPUK (counted by residence at the year's end, Besluit 10.4) and their costs."
        )
        + " "
        + _(
            "The SPUK amounts are assumptions: the Regeling inburgering that sets them was not read. A status "
            "holder brings the SPUK's average price per trajectory and the amount for guidance, PVT and MAP, spread "
            "over the year of housing and the two after; a family or other migrant about 600 euro once (one "
            "municipality's estimate). Below zero the SPUK pays more than these provisions cost: unspent SPUK is "
            "reclaimed (art. 42; Besluit 10.5 lets a part be reserved for the next year). Above zero the "
            "municipality pays the rest; it may carry it to the next year's accounts (Besluit 10.6)."
        )
    )
    return charts.Chart(fig, caption, costs[["scenario", "jaar", "post", "median", "laag", "hoog", "onderdrukt"]])


def headlines(summary: pd.DataFrame, three: pd.DataFrame, f: Forecast, lang: str) -> list[str]:
    """One plain sentence per scenario: who finishes within the term, overruns, and the three-year balance."""
    _ = gettext_for(lang)
    out = []
    if f.request.draws < MIN_DRAWS:  # a review: one draw printed bare numbers beside "median (90% interval)"
        out.append(
            _(
                "With {draws} draw(s) the intervals below are the spread of so few runs: read the numbers as examples, not as a forecast with its uncertainty (use {least} draws or more)."
            ).format(draws=f.request.draws, least=MIN_DRAWS)
        )
    for scenario in f.request.scenarios:
        s = summary[summary["scenario"] == scenario].set_index("indicator")
        c = three[three["scenario"] == scenario].set_index("post")
        inside, over = s.loc["voldaanInTermijn"], s.loc["overschrijdingBinnen3Jaar"]
        money = not bool(c["onderdrukt"].any())
        text = _(
            "{scenario}: of {persons} persons, {inside} are expected to finish within the term; {over} term overruns in three years"
        ).format(
            scenario=scenario,
            persons=_cell(s.loc["personen"], lang),
            inside=_cell(inside, lang),
            over=_cell(over, lang),
        )
        if money:
            text += _(
                "; over three years its provisions cost the municipality {costs} against {income} SPUK income, and its execution {execution} (paid from the gemeentefonds). Part of these persons' SPUK came in before the file's date, so the two do not make a balance."
            ).format(
                costs=_cell(c.loc["voorzieningen"], lang, True),
                income=_cell(c.loc["spukInkomsten"], lang, True),
                execution=_cell(c.loc["uitvoering"], lang, True),
            )
        else:
            text += "."
        if scenario != f.request.scenarios[0] and _same_as_baseline(summary, three, scenario):
            text += _(
                " This equals the baseline in every draw: the scenario changes nothing for this caseload within the horizon."
            )
        out.append(text)
    return out


def _same_as_baseline(summary: pd.DataFrame, three: pd.DataFrame, scenario: str) -> bool:
    rows = pd.concat([summary[summary["scenario"] == scenario], three[three["scenario"] == scenario]])
    shown = rows[rows["verschilMedian"].notna()]
    return bool(((shown["verschilLaag"] == 0) & (shown["verschilHoog"] == 0)).all())


def build(f: Forecast, tables: dict[str, pd.DataFrame], lang: str, rows_read: int) -> str:
    """The whole report as one HTML string."""
    _ = gettext_for(lang)
    r = f.request
    meta = _(
        "peildatum {day}; {rows} rows; {draws} draws, seed {seed}; horizon {horizon}; inburgering {version}; {today}"
    ).format(
        day=format_day(r.peildatum, lang),
        rows=number(rows_read, lang),
        draws=r.draws,
        seed=r.seed,
        horizon=r.horizon,
        version=__version__,
        today=format_day(_dt.date.today(), lang),
    )
    q, c = tables["kwartalen"], tables["kostenPerJaar"]
    page = render(
        "caseload_report.html",
        lang,
        h={key: t(key, lang) for key in SECTIONS},
        title=t("title", lang),
        css=REPORT_CSS,
        plotly=get_plotlyjs(),
        meta=meta,
        headlines=headlines(tables["samenvatting"], tables["kosten3Jaar"], f, lang),
        summary=summary_table(tables["samenvatting"], r.scenarios, lang),
        quarters=[charts.figure(quarter_chart(q, name, lang), lang) for name in ("afgerond", "termijnOverschreden")],
        costs=charts.figure(cost_chart(c, lang), lang),
        scenarios=scenario_section(r.scenarios, lang),
        imputed=imputed_lines(f.imputed, lang),
        fit=fit_section(lang),
    )
    return scrollable_main(page, lang)  # every table scrolls in its own region: no sideways page on a phone


SECTIONS = ("title", "headline", "method", "summary", "quarters", "costs", "scenarios", "imputed", "privacy", "fit")
