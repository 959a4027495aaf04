"""The report's charts (plotly), each with a text alternative and its data table.

Every chart is a :class:`Chart`; :func:`figure` renders it as an HTML ``<figure>``: the plotly ``<div>`` (plotly.js itself is
inlined once by the report, so the page works offline), a caption that says in words what
the chart shows, and a collapsible table with exactly the numbers drawn.
"""

from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from inburgering.compare.text import heading, label
from inburgering.i18n import N_, format_number, format_significant, gettext_for

_CONFIG = {"displaylogo": False, "responsive": True}


@dataclass(frozen=True)
class Chart:
    """A chart, the sentence that says what it shows, and the numbers it draws."""

    fig: go.Figure
    caption: str
    data: pd.DataFrame

    @property
    def id(self) -> str:
        """A stable element id (so reports are reproducible)."""
        return "chart-" + hashlib.sha1(self.caption.encode()).hexdigest()[:10]

    def spec(self) -> str:
        """The figure as plotly JSON (``{"data", "layout"}``), safe inside a ``<script type="application/json">``."""
        self.fig.update_layout(margin={"l": 50, "r": 20, "t": 40, "b": 40}, height=380, template="plotly_white")
        return str(self.fig.to_json()).replace("</", "<\\/")

    def table(self, lang: str = "en") -> str:
        """The data as an HTML table, numbers as the page's language writes them.

        Amounts of a thousand or more as whole numbers with digit grouping (euros read as
        ``347.700``, never ``3.477e+05``), smaller ones with up to four significant digits.
        """

        def number(x: float) -> str:
            if not math.isfinite(x):
                return ""
            if abs(x) >= 1000 or x == 0:
                return format_number(x, lang)
            return format_significant(x, lang, 4)

        return self.data.to_html(index=False, escape=True, border=0, classes="data", float_format=number, na_rep="")


COLUMN_NAMES = {
    "median": N_("median"),
    "laag": N_("low (5%)"),
    "hoog": N_("high (95%)"),
    "verschilMedian": N_("difference, median"),
    "verschilLaag": N_("difference, low (5%)"),
    "verschilHoog": N_("difference, high (95%)"),
}


def drawn(frame: pd.DataFrame, factor: float, unit: str, lang: str) -> pd.DataFrame:
    """The value columns of ``frame`` in the unit the chart draws (shares as %, euros in millions), named so.

    Docs promise a table with exactly the numbers drawn; a review found euros beside a chart in
    millions and fractions beside a % axis, under code names.
    """
    _ = gettext_for(lang)
    out = frame.copy()
    names = {}
    for column, name in COLUMN_NAMES.items():
        if column in out.columns:
            out[column] = out[column] * factor
            names[column] = f"{_(name)} ({unit})"
    return out.rename(columns=names)


def figure(chart: Chart, lang: str) -> str:
    """A chart as an accessible HTML figure with its data table (plotly.js must be on the page)."""
    fig, caption = chart.fig, chart.caption
    fig.update_layout(margin={"l": 50, "r": 20, "t": 40, "b": 40}, height=380, template="plotly_white")
    div = fig.to_html(full_html=False, include_plotlyjs=False, config=_CONFIG, div_id=chart.id, default_width="100%")
    table = chart.table(lang)
    return (
        f'<figure role="figure" aria-label="{html.escape(caption)}">{div}'
        f"<figcaption>{html.escape(caption)}</figcaption>"
        f"<details><summary>{heading('data', lang)}</summary>{table}</details></figure>"
    )


def sankey(flows: pd.DataFrame, scenario: str, lang: str) -> Chart:
    """Persons from group through route to the outcome after five years, for one scenario."""
    _ = gettext_for(lang)
    mine = flows[flows["scenario"] == scenario]
    names = sorted(set(mine["source"]) | set(mine["target"]))
    index = {n: i for i, n in enumerate(names)}
    shown = [node_label(n, lang) for n in names]
    fig = go.Figure(
        go.Sankey(
            node={"label": shown, "pad": 12},
            link={
                "source": [index[s] for s in mine["source"]],
                "target": [index[t] for t in mine["target"]],
                "value": mine["value"].tolist(),
            },
        )
    )
    fig.update_layout(title=scenario)
    caption = (
        _(
            "{scenario}: persons obliged, by group, through the learning route to their situation 60 months after the notice (median over the draws)."
        ).format(scenario=scenario)
        + " "
        + _(
            "The flows from a route to a situation hold both groups together; each flow is its own weighted median, "
            "so the flows into and out of a route need not add up."
        )
    )
    data = mine[["source", "target", "value"]].round(0)
    data = data.assign(
        source=[node_label(n, lang) for n in data["source"]], target=[node_label(n, lang) for n in data["target"]]
    )
    return Chart(fig, caption, data)


def node_label(node: str, lang: str) -> str:
    """A Sankey node in words: a group, ``route.<route>`` or ``uitkomst.<outcome>`` (the outcome's share label)."""
    kind, _, name = node.partition(".")
    if kind == "uitkomst":
        return label(f"aandeel.{name}", lang)
    return label(name if kind == "route" else node, lang)


# Okabe and Ito's palette: told apart with every common colour-vision deficiency
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def band(fig: go.Figure, x: pd.Series, part: pd.DataFrame, name: str) -> None:
    """A median line with its 90% band (``median``, ``laag``, ``hoog`` of ``part``) over ``x``.

    Each line in a figure gets its own colour and dash pattern, so a line that lies on another
    (a scenario that changes nothing for this curve) still shows, and colours need not be told
    apart to read the chart.

    A point without a value (a count suppressed for privacy) is a gap in the line and the band,
    not a line drawn across it: a municipal review found suppressed quarters squeezed out of the
    axis, so that the line joined quarters a year apart.
    """
    n = sum(1 for trace in fig.data if getattr(trace, "fill", None) != "toself")
    colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
    x = x.reset_index(drop=True)
    part = part.reset_index(drop=True)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=part["median"],
            mode="lines+markers" if part["median"].isna().any() else "lines",
            name=name,
            line={"color": colour, "dash": dash},
            connectgaps=False,
        )
    )
    shown = (part[["median", "laag", "hoog"]].notna().all(axis=1)).to_numpy()
    runs = np.flatnonzero(np.diff(np.concatenate([[0], shown.astype(np.int8), [0]])))  # start, end, start, end...
    for start, end in zip(runs[::2], runs[1::2], strict=True):
        xs, seg = x.iloc[start:end], part.iloc[start:end]
        fig.add_trace(
            go.Scatter(
                x=pd.concat([xs, xs[::-1]]),
                y=pd.concat([seg["hoog"], seg["laag"][::-1]]),
                fill="toself",
                fillcolor=colour,
                opacity=0.15,
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
                name=name,
            )
        )


def bar(part: pd.DataFrame, name: str, unit: float = 1.0) -> go.Bar:
    """Medians per scenario as bars, the 90% interval as an error bar, in ``unit``s."""
    return go.Bar(
        x=part["scenario"],
        y=part["median"] / unit,
        name=name,
        error_y={
            "type": "data",
            "symmetric": False,
            "array": (part["hoog"] - part["median"]) / unit,
            "arrayminus": (part["median"] - part["laag"]) / unit,
        },
    )


def progress(curves: pd.DataFrame, group: str, lang: str) -> Chart:
    """Share finished by months since the notice, one line per scenario with its 90% band."""
    _ = gettext_for(lang)
    pick = curves[(curves["curve"] == "aandeelVoldaan") & (curves["group"] == group)]
    fig = go.Figure()
    for scenario, part in pick.groupby("scenario", sort=False):
        band(fig, part["k"], part.reset_index(drop=True), str(scenario))
    axis = _("months since the notice")
    title = _("Met the obligation: {group}").format(group=label(group, lang))
    fig.update_layout(xaxis_title=axis, xaxis_tickformat="d", yaxis_tickformat=".0%", title=title)
    caption = _(
        "Share of {label_group_lang} who have met the obligation, by months since the notice; line median, band 90% interval."
    ).format(label_group_lang=label(group, lang))
    return Chart(fig, caption, drawn(pick[["scenario", "k", "median", "laag", "hoog"]], 100, "%", lang))


def employment(curves: pd.DataFrame, lang: str) -> Chart:
    """Status holders' share in paid work by months since the permit, by sex and scenario (other groups: the table)."""
    _ = gettext_for(lang)
    pick = curves[(curves["curve"] == "aandeelBetaaldWerk") & (curves["group"] == "asiel")]
    fig = go.Figure()
    for (scenario, sex), part in pick.groupby(["scenario", "sex"], sort=False):
        band(fig, part["k"], part.reset_index(drop=True), f"{scenario}, {label(str(sex), lang)}")
    axis = _("months since the permit")
    title = _("Paid work of status holders by sex")
    fig.update_layout(xaxis_title=axis, xaxis_tickformat="d", yaxis_tickformat=".0%", title=title)
    caption = _(
        "Status holders' share in paid work by months since the permit (nareizigers included), for men and women "
        "under each scenario; line median, band 90% interval. Family and other migrants are in the progress table."
    )
    return Chart(fig, caption, drawn(pick[["scenario", "sex", "k", "median", "laag", "hoog"]], 100, "%", lang))


def costs(split: pd.DataFrame, baseline: str, lang: str) -> Chart:
    """The difference in total costs with the baseline: COA reception in its own panel, the rest beside it.

    Differences, not levels, and COA apart: reception is billions beside the routes' millions, so
    in one panel it hides what a scenario changes elsewhere. The levels and the split per payer
    and item are in the cost table beside the chart.
    """
    _ = gettext_for(lang)
    pick = split[split["scenario"] != baseline]
    parts = {"opvang": _("COA reception"), "overig": _("Everything else")}
    titles = list(parts.values())
    fig = make_subplots(rows=1, cols=2, subplot_titles=titles)
    for col, part_name in enumerate(parts, start=1):
        part = pick[pick["deel"] == part_name]
        diff = part.assign(median=part["verschilMedian"], laag=part["verschilLaag"], hoog=part["verschilHoog"])
        trace = bar(diff, titles[col - 1], 1e6)
        trace.showlegend = False
        fig.add_trace(trace, row=1, col=col)
    unit = _("€ million")
    fig.update_yaxes(title_text=unit, row=1, col=1)
    title = _("Difference in costs with {baseline}").format(baseline=baseline)
    caption = _(
        "Difference in total costs to the end of the horizon with {baseline}, by scenario, in millions of euros (positive: dearer): left COA reception, right everything else (all payers; the SPUK and the gemeentefonds, transfers, net out); error bar 90% interval of the paired difference."
    ).format(baseline=baseline)
    fig.update_layout(title=title)
    columns = ["scenario", "deel", "verschilMedian", "verschilLaag", "verschilHoog"]
    return Chart(fig, caption, drawn(pick[columns], 1e-6, unit, lang))


def gap(gap_table: pd.DataFrame, lang: str) -> Chart:
    """The municipal gap (costs minus SPUK income) per year, by scenario."""
    _ = gettext_for(lang)
    fig = go.Figure()
    for scenario, part in gap_table.groupby("scenario", sort=False):
        part = part.reset_index(drop=True)
        band(
            fig,
            part["year"],
            part.assign(median=part["median"] / 1e6, laag=part["laag"] / 1e6, hoog=part["hoog"] / 1e6),
            str(scenario),
        )
    title = _("Municipalities' own funds per year")
    # whole years only: plotly's automatic ticks put "2,027.5" on a year axis
    fig.update_layout(yaxis_title=_("€ million"), title=title, xaxis={"dtick": 2, "tickformat": "d"})
    caption = _(
        "Municipal integration costs minus their income from the SPUK and the gemeentefonds, per year (positive: municipalities pay from their own funds); line median, band 90% interval."
    )
    return Chart(fig, caption, drawn(gap_table, 1e-6, _("€ million"), lang))


def naturalisation(kern: pd.DataFrame, lang: str) -> Chart:
    """Share of status holders who may naturalise within 6 and 10 years of the permit."""
    _ = gettext_for(lang)
    names = ["aandeelNaturalisatieMogelijkBinnen6j", "aandeelNaturalisatieMogelijkBinnen10j"]
    pick = kern[
        kern["indicator"].isin(names) & (kern["group"] == "asiel") & (kern["route"] == "alle") & (kern["sex"] == "alle")
    ]
    fig = go.Figure()
    for name in names:
        part = pick[pick["indicator"] == name]
        fig.add_trace(bar(part, label(name, lang)))
    title = _("Naturalisation within 6 and 10 years")
    fig.update_layout(barmode="group", yaxis_tickformat=".0%", title=title)
    caption = _(
        "Share of status holders who may naturalise within 6 and within 10 years of the permit, by scenario; error bar 90% interval."
    )
    return Chart(fig, caption, drawn(pick[["scenario", "indicator", "median", "laag", "hoog"]], 100, "%", lang))
