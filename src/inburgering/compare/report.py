"""The comparison report: one self-contained HTML file, in English or Dutch.

plotly.js comes from the installed plotly package and is inlined once, so the file opens
offline and needs no CDN. Sections: headline findings, the key-indicator table with 90%
intervals, which change does what (with ``--per-change``), flows (Sankey), progress curves, work by sex, costs and the municipal gap,
naturalisation, the scenario definitions with their citations, the model's fit to published
figures, and the assumptions that drive the differences most. The file is written under a
temporary name and renamed, so a reader never sees half a report.
"""

from __future__ import annotations

import datetime as _dt
import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from plotly.offline import get_plotlyjs

from inburgering.compare import charts
from inburgering.compare.conditioning import effective_draws
from inburgering.compare.headline import scenario_headline
from inburgering.compare.report_changes import changes_section
from inburgering.compare.report_costs import finance_tables, route_table
from inburgering.compare.report_fit import fit_section, fit_warning
from inburgering.compare.report_limits import limits
from inburgering.compare.report_scenarios import included_proposals, scenario_section
from inburgering.compare.run import Comparison
from inburgering.compare.text import euro_amount, euros, heading, label, number, pct
from inburgering.i18n import N_, format_day, gettext_for
from inburgering.sim.behaviour import load_behaviour
from inburgering.templating import render
from inburgering.version import __version__

KEY_ROWS = [
    ("maandenVergunningTotLeerroute", "asiel"),
    ("maandenVergunningTotLeerroute", "gezin"),
    ("aandeelPipNaDeadline", "asiel"),
    ("aandeel.voldaanInTermijn", "asiel"),
    ("aandeel.voldaanInTermijn", "gezin"),
    ("aandeel.voldaanMetVerlenging", "asiel"),
    ("aandeel.ontheven", "asiel"),
    ("aandeel.termijnOverschreden", "asiel"),
    ("aandeelB1Behaald", "asiel"),
    ("aandeelA2Behaald", "asiel"),
    ("aandeelAfgeschaald", "asiel"),
    ("aandeelRoutewissel", "asiel"),
    ("aandeelBetaaldWerk12m", "asiel"),
    ("aandeelBetaaldWerk36m", "asiel"),
    ("aandeelBetaaldWerk60m", "asiel"),
    ("aandeelNaturalisatieMogelijkBinnen6j", "asiel"),
    ("aandeelNaturalisatieMogelijkBinnen10j", "asiel"),
    ("aantalMetBegeleiding", "alle"),
    ("aantalMetBegeleiding.nieuwkomer", "alle"),
    ("aantalMetBegeleiding.kind", "alle"),
    ("aantalMetBegeleiding.aowLeeftijd", "alle"),
    ("aantalMetBegeleiding.voorraad2022", "alle"),
    ("aantalGenaturaliseerd", "asiel"),
    ("aandeelGenaturaliseerd.wi2013Voorraad", "asiel"),
]
REPORT_CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1b1b;line-height:1.45}
h1{font-size:1.8em}h2{border-bottom:2px solid #154273;padding-bottom:.2em;color:#154273}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}caption{text-align:left}
.wide{max-width:100%;overflow-x:auto}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left}
th{background:#eef2f7}figure{margin:1.5em 0}figcaption{font-size:.9em;color:#333}.headline li{margin:.5em 0}
.note{background:#fff6d5;padding:.6em;border-left:4px solid #e0b000}"""


def _fmt(indicator: str, x: float, lang: str, diff: bool = False) -> str:
    if indicator.startswith("aandeel"):
        return pct(x, lang, points=diff)
    if indicator.startswith("maanden"):
        return number(x, lang, signed=diff, decimals=1)
    return number(x, lang, signed=diff)


def _row(kern: pd.DataFrame, indicator: str, group: str, scenario: str) -> pd.Series | None:
    pick = kern[
        (kern["indicator"] == indicator)
        & (kern["group"] == group)
        & (kern["route"] == "alle")
        & (kern["sex"] == "alle")
        & (kern["scenario"] == scenario)
    ]
    return None if pick.empty else pick.iloc[0]


@dataclass(frozen=True)
class KeyCell:
    """One scenario's key indicator, formatted: the level and the difference, each with its interval."""

    median: str
    low: str
    high: str
    diff: str
    diff_low: str
    diff_high: str


def key_rows(c: Comparison, lang: str) -> list[tuple[str, str, list[KeyCell | None]]]:
    """The key-indicator rows shared by the report and the terminal: label, group, one cell per scenario."""
    kern = c.tables["kernindicatoren"]
    out = []
    for indicator, group in KEY_ROWS:
        cells: list[KeyCell | None] = []
        for s in c.request.scenarios:
            r = _row(kern, indicator, group, s)
            cells.append(
                None
                if r is None
                else KeyCell(
                    *(_fmt(indicator, r[k], lang) for k in ("median", "laag", "hoog")),
                    *(_fmt(indicator, r[k], lang, True) for k in ("verschilMedian", "verschilLaag", "verschilHoog")),
                )
            )
        out.append((label(indicator, lang), label(group, lang), cells))
    return out


LEVELS_AND_DIFFERENCES = N_(
    "Each value is the median over the draws with its 90% interval; each difference is the median of the differences taken draw by draw (same assumptions, same persons, same random numbers) with its 90% interval, so it need not equal the difference of the two medians shown."
)


def key_table(c: Comparison, lang: str) -> str:
    """The key indicators: value and difference with the baseline, each with its 90% interval."""
    head = [heading("indicator", lang), heading("group", lang)]
    for s in c.request.scenarios:
        head.append(f"{html.escape(s)}: {heading('value', lang)}")
        if s != c.request.baseline:
            head.append(f"{html.escape(s)}: {heading('difference', lang)}")
    lines = ["<table><thead><tr>" + "".join(f"<th scope='col'>{h}</th>" for h in head) + "</tr></thead><tbody>"]
    for name, group, row in key_rows(c, lang):
        cells = [name, group]
        for s, cell in zip(c.request.scenarios, row, strict=True):
            if cell is None:
                cells.append("")
                continue
            cells.append(f"{cell.median} ({cell.low}–{cell.high})")
            if s != c.request.baseline:
                cells.append(f"{cell.diff} ({cell.diff_low} – {cell.diff_high})")
        lines.append("<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in cells) + "</tr>")
    return "\n".join(lines) + "</tbody></table>"


def cost_table(c: Comparison, lang: str) -> str:
    """Totals over the horizon by payer and item, and per obliged person, each with its difference."""
    _ = gettext_for(lang)
    items = c.tables["kostenPerPost"]
    per_person = c.tables["kostenPerPersoon"]
    head = [_("payer"), _("item")]
    for s in c.request.scenarios:
        head.append(html.escape(s))
    rows = []

    def with_difference(part: pd.DataFrame) -> list[str]:
        cells = []
        for s in c.request.scenarios:
            r = part[part["scenario"] == s]
            if r.empty:
                cells.append("")
                continue
            r0 = r.iloc[0]
            text = euros(r0["median"], lang)
            if s != c.request.baseline:
                text += f" ({euros(r0['verschilMedian'], lang, True)})"
            cells.append(text)
        return cells

    for (payer, item), part in items.groupby(["payer", "item"], sort=True):
        rows.append([label(str(payer), lang), label(f"kosten.{item}", lang), *with_difference(part)])
    # each payer's total as its own median: a review added the items' medians up and found a different total
    for payer, part in c.tables["kostenTotaal"].groupby("payer", sort=True):
        who = _("all payers") if payer == "alle" else label(str(payer), lang)
        rows.append([who, _("total (its own median)"), *with_difference(part)])
    for payer, part in per_person.groupby("payer", sort=True):
        cells = [label(str(payer), lang), _("per person obliged (COA reception left out)")]
        for s in c.request.scenarios:
            r = part[part["scenario"] == s]
            cells.append("" if r.empty else euro_amount(r.iloc[0]["median"], lang))
        rows.append(cells)
    years = c.tables["kostenPerJaar"]["year"] if "kostenPerJaar" in c.tables else None
    first = int(years.min()) if years is not None and len(years) else 2022
    caption = (
        _(
            "Costs to the end of the horizon by payer and item (median; in brackets the difference with the baseline). "
            "Not counted: the wage and benefit effects of more work, the UWV's handling of work permits, and building "
            "reception or housing capacity. Each cell is a median over the draws, the totals too: the items' medians "
            "do not add up to the total's median."
        )
        + " "
        + _(
            "The totals run from {first} (the reception of those already in COA when the run begins) to {horizon}. "
            "Euros are nominal, each at the price of its source (the SPUK's dated prices to 2025, most unit prices of "
            "2019-2025, nothing indexed after): there is no common price year, so read levels as orders of magnitude "
            "and differences, where the same prices stand on both sides, as the comparison."
        ).format(first=first, horizon=c.request.horizon)
    )
    body = "".join("<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in row) + "</tr>" for row in rows)
    header = "".join(f"<th scope='col'>{h}</th>" for h in head)
    return f"<table><caption>{caption}</caption><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def headlines(c: Comparison, lang: str) -> list[str]:
    """One plain sentence per scenario other than the baseline."""
    kern, totals = c.tables["kernindicatoren"], c.tables["kostenTotaal"]
    out = []
    for s in c.request.scenarios[1:]:
        if s in c.unchanged:
            out.append(f"{s}: {heading('unchanged', lang)}.")
            continue
        cost = totals[(totals["scenario"] == s) & (totals["payer"] == "alle")]
        out.append(
            scenario_headline(
                kern,
                None if cost.empty else cost.iloc[0],
                s,
                c.request.baseline,
                lang,
                _draws(c),
                includes=included_proposals(s, c.request.baseline, dict(c.request.extra) or None),
            )
        )
    return out


def _p_value(p: float, lang: str) -> str:
    """A p-value as people read it: "<0.001" rather than a rounded "0.001" or "0.000"."""
    _ = gettext_for(lang)
    return (_("<0.001")) if p < 0.001 else number(p, lang, decimals=3)


def _unit(path: str) -> str:
    """What a behavioural parameter measures (its unit text), for a reader who does not know the key."""
    behaviour = load_behaviour()
    return behaviour[path].unit if path in behaviour else ""


def sensitivity_section(c: Comparison, lang: str) -> str:
    """The drawn assumptions most correlated with each scenario's headline difference."""
    _ = gettext_for(lang)
    table = c.tables["gevoeligheid"]
    if table.empty:
        return (
            "<p>"
            + (
                _(
                    "No sensitivity ranking: it needs at least 5 draws in which a scenario's difference in the share completing within the term varies, and an assumption that the runs read."
                )
            )
            + "</p>"
        )
    text = _(
        "Spearman rank correlation over the draws between each assumption's drawn value and the scenario's difference in the share of status holders completing within the term. Only assumptions that the scenario's or the baseline's run reads are tested, and no cost price. 'Beyond chance' means the permutation p-value, adjusted for the number of assumptions tested (the strongest chance correlation in each shuffle, Westfall-Young), is at most 5%; the rest of the order is mostly noise: more draws (--draws) sharpen it. The ranking is for this one indicator, whatever the headline names."
    )
    yes, no = _("yes"), _("no")
    shown = pd.DataFrame(
        {
            "Scenario": table["scenario"],
            (_("Assumption")): table["parameter"],
            (_("Unit")): [_unit(p) for p in table["parameter"]],
            "rho": [number(x, lang, signed=True, decimals=2) for x in table["rho"]],
            "p": [_p_value(x, lang) for x in table["p"]],
            (_("Beyond chance")): [yes if b else no for b in table["bovenRuis"]],
            (_("Tested")): table["getoetst"].astype(int),
        }
    )
    return f"<p>{html.escape(text)}</p>" + shown.to_html(index=False, escape=True, border=0)


def conditioning_text(c: Comparison, lang: str) -> str:
    """One sentence on how the draws are weighted by their fit, with the effective number of draws."""
    _ = gettext_for(lang)
    weights = c.tables.get("trekkingsgewichten")
    n = c.request.draws
    if weights is None or weights.empty:
        return _(
            "The draws are weighted alike: the fit to the published figures is measured on the law in force (wi2021), which this comparison does not include."
        )
    ess = number(effective_draws(weights), lang, decimals=1)
    tau = number(float(weights["temperatuur"].iloc[0]), lang, decimals=1)
    text = _(
        "Each draw is weighted by how well its run of the law in force meets the published figures the model is fitted to: weight exp(-½ Σ r² / T), r the miss in tolerances, T = {tau} (widened from 1 until the effective number of draws is at least five, or a quarter of the draws where that is more); every median and interval is weighted. Effective number of draws: {ess} of {n}."
    ).format(tau=tau, ess=ess, n=n)
    if effective_draws(weights) < MIN_EFFECTIVE:
        text += _(
            " That is few: each 90% interval rests on about that many draws, so it is rough and the headline may change with more draws (--draws)."
        )
    return text


MIN_EFFECTIVE = 15.0
"""Below this many effective draws a 90% interval is about the range of the draws: rough, and the
headline may change with more draws (a review saw it change from 5 to 15 draws)."""


def _draws(c: Comparison) -> int:
    """The draws the summaries rest on: the effective number after weighting by the fit, else all."""
    weights = c.tables.get("trekkingsgewichten")
    if weights is None or weights.empty:
        return c.request.draws
    # the tempering reaches its target of effective draws exactly, up to rounding: 4.999999999999999
    # must count as 5, or the default run's headline names nothing (found in `make run`)
    return int(effective_draws(weights) + 1e-9)


def build(c: Comparison, lang: str) -> str:
    """The whole report as one HTML string (``templates/report.html``)."""
    _ = gettext_for(lang)
    r = c.request
    t = c.tables
    meta = _(
        "{draws} draws, seed {seed}, scale {scale}, cohorts 2022–{last}, horizon {horizon}; inburgering {version}; "
        "run {key}; {day}"
    ).format(
        draws=r.draws,
        seed=r.seed,
        scale=number(r.scale, lang, decimals=2),
        last=r.last_inflow_year,
        horizon=r.horizon,
        version=__version__,
        key=c.key,
        day=format_day(_dt.date.today(), lang),
    )
    figure = charts.figure
    html_text = render(
        "report.html",
        lang,
        h={key: heading(key, lang) for key in SECTIONS},
        title=heading("title", lang),
        css=REPORT_CSS,
        plotly=get_plotlyjs(),
        meta=meta,
        notes=c.notes,
        headlines=headlines(c, lang),
        conditioning=conditioning_text(c, lang),
        limits=limits(lang),
        levels=_(LEVELS_AND_DIFFERENCES),
        key_table=key_table(c, lang),
        fit_warning=fit_warning(lang),
        changes=changes_section(c, lang),
        flows=[figure(charts.sankey(t["stromen"], s, lang), lang) for s in r.scenarios],
        progress=[figure(charts.progress(t["voortgang"], group, lang), lang) for group in ("asiel", "gezin")],
        work=figure(charts.employment(t["voortgang"], lang), lang),
        costs=figure(charts.costs(t["kostenOpvangApart"], r.baseline, lang), lang),
        cost_table=cost_table(c, lang),
        gap=figure(charts.gap(t["gemeenteTekort"], lang), lang),
        finance=finance_tables(c, lang),
        routes=route_table(c, lang),
        naturalisation=figure(charts.naturalisation(t["kernindicatoren"], lang), lang),
        scenarios=scenario_section(c.request.scenarios, lang, c.request.extra),
        fit=fit_section(lang),
        sensitivity=sensitivity_section(c, lang),
    )
    return scrollable_main(html_text, lang)


def scrollable_main(page: str, lang: str) -> str:
    """:func:`scrollable` on the page's main part only (the inlined plotly.js is not to be touched)."""
    head, opening, main = page.partition("<main>")
    return head + opening + scrollable(main, lang)


SECTIONS = (
    "title",
    "headline",
    "method",
    "kern",
    "changes",
    "flows",
    "progress",
    "work",
    "costs",
    "gap",
    "naturalisation",
    "scenarios",
    "fit",
    "sensitivity",
)


def scrollable(body: str, lang: str, count: Iterator[int] | None = None) -> str:
    """Every table in a region that scrolls by itself, so a wide table never makes a phone's page scroll sideways.

    The region takes keyboard focus (``tabindex``) and has a name, as WCAG 2.1.1 asks of a
    scrollable area. ``count`` numbers the regions; pass one counter for every part of a page, so
    that no two regions share a name.
    """
    _ = gettext_for(lang)
    word = _("Table")
    count = count if count is not None else itertools.count(1)
    opened = re.sub(
        "<table",
        lambda _: f'<div class="wide" tabindex="0" role="region" aria-label="{word} {next(count)}"><table',
        body,
    )
    return opened.replace("</table>", "</table></div>")


def write(c: Comparison, path: Path, lang: str) -> Path:
    """Write the report to ``path`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(build(c, lang), encoding="utf-8")
    tmp.replace(path)
    return path
