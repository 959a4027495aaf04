"""The report's charts (plotly), each with a text alternative and its data table.

Every chart is a :class:`Chart`; :func:`figure` renders it as an HTML ``<figure>``: the plotly ``<div>`` (plotly.js itself is
inlined once by the report, so the page works offline), a caption that says in words what
the chart shows, and a collapsible table with exactly the numbers drawn.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from inburgering.compare.text import heading, label

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

    def table(self) -> str:
        """The data as an HTML table."""
        return self.data.to_html(index=False, escape=True, border=0, classes="data", float_format=lambda x: f"{x:,.4g}")


def figure(chart: Chart, lang: str) -> str:
    """A chart as an accessible HTML figure with its data table (plotly.js must be on the page)."""
    fig, caption = chart.fig, chart.caption
    fig.update_layout(margin={"l": 50, "r": 20, "t": 40, "b": 40}, height=380, template="plotly_white")
    div = fig.to_html(full_html=False, include_plotlyjs=False, config=_CONFIG, div_id=chart.id, default_width="100%")
    table = chart.table()
    return (
        f'<figure role="figure" aria-label="{html.escape(caption)}">{div}'
        f"<figcaption>{html.escape(caption)}</figcaption>"
        f"<details><summary>{heading('data', lang)}</summary>{table}</details></figure>"
    )


def sankey(flows: pd.DataFrame, scenario: str, lang: str) -> Chart:
    """Persons from group through route to the outcome after five years, for one scenario."""
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
    if lang == "nl":
        caption = f"{scenario}: inburgeringsplichtigen per groep, via de leerroute naar de situatie 60 maanden na de kennisgeving (mediaan over de trekkingen)."
    else:
        caption = f"{scenario}: persons obliged, by group, through the learning route to their situation 60 months after the notice (median over the draws)."
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


def band(fig: go.Figure, x: pd.Series, part: pd.DataFrame, name: str) -> None:
    """A median line with its 90% band (``median``, ``laag``, ``hoog`` of ``part``) over ``x``."""
    fig.add_trace(go.Scatter(x=x, y=part["median"], mode="lines", name=name))
    fig.add_trace(
        go.Scatter(
            x=pd.concat([x, x[::-1]]),
            y=pd.concat([part["hoog"], part["laag"][::-1]]),
            fill="toself",
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
    pick = curves[(curves["curve"] == "aandeelVoldaan") & (curves["group"] == group)]
    fig = go.Figure()
    for scenario, part in pick.groupby("scenario", sort=False):
        band(fig, part["k"], part.reset_index(drop=True), str(scenario))
    axis = "months since the notice" if lang == "en" else "maanden sinds de kennisgeving"
    title = f"{'Voldaan' if lang == 'nl' else 'Met the obligation'}: {label(group, lang)}"
    fig.update_layout(xaxis_title=axis, yaxis_tickformat=".0%", title=title)
    if lang == "nl":
        caption = f"Aandeel {label(group, lang)} dat aan de plicht heeft voldaan, naar maanden sinds de kennisgeving; lijn mediaan, vlak 90%-interval."
    else:
        caption = f"Share of {label(group, lang)} who have met the obligation, by months since the notice; line median, band 90% interval."
    return Chart(fig, caption, pick[["scenario", "k", "median", "laag", "hoog"]])


def employment(curves: pd.DataFrame, lang: str) -> Chart:
    """Share in paid work by months since the permit, by sex and scenario."""
    pick = curves[curves["curve"] == "aandeelBetaaldWerk"]
    fig = go.Figure()
    for (scenario, sex), part in pick.groupby(["scenario", "sex"], sort=False):
        band(fig, part["k"], part.reset_index(drop=True), f"{scenario}, {label(str(sex), lang)}")
    axis = "months since the permit" if lang == "en" else "maanden sinds de vergunning"
    title = "Paid work by sex" if lang == "en" else "Betaald werk naar geslacht"
    fig.update_layout(xaxis_title=axis, yaxis_tickformat=".0%", title=title)
    if lang == "nl":
        caption = "Aandeel met betaald werk naar maanden sinds de vergunning, voor mannen en vrouwen per scenario; lijn mediaan, vlak 90%-interval."
    else:
        caption = "Share in paid work by months since the permit, for men and women under each scenario; line median, band 90% interval."
    return Chart(fig, caption, pick[["scenario", "sex", "k", "median", "laag", "hoog"]])


def costs(totals: pd.DataFrame, baseline: str, lang: str) -> Chart:
    """The difference in total costs with the baseline, by payer and scenario, with 90% intervals.

    Differences, not levels: COA reception is billions beside the route's millions, so bars of
    levels hide what a scenario changes; the levels are in the cost table beside the chart.
    """
    pick = totals[(totals["payer"] != "alle") & (totals["scenario"] != baseline)]
    fig = go.Figure()
    for payer, part in pick.groupby("payer", sort=True):
        diff = part.assign(median=part["verschilMedian"], laag=part["verschilLaag"], hoog=part["verschilHoog"])
        fig.add_trace(bar(diff, label(str(payer), lang), 1e6))
    if lang == "nl":
        title = f"Verschil in kosten met {baseline}, per betaler"
        caption = f"Verschil in de totale kosten tot het einde van de horizon met {baseline}, per betaler en scenario, in miljoenen euro (positief: duurder); de SPUK en het gemeentefonds zijn een kost van het Rijk en inkomsten van gemeenten; foutbalk 90%-interval van het gepaarde verschil."
    else:
        title = f"Difference in costs with {baseline}, by payer"
        caption = f"Difference in total costs to the end of the horizon with {baseline}, by payer and scenario, in millions of euros (positive: dearer); the SPUK and the gemeentefonds are a cost to the state and income to municipalities; error bar 90% interval of the paired difference."
    fig.update_layout(barmode="group", yaxis_title="€ mln" if lang == "nl" else "€ million", title=title)
    columns = ["scenario", "payer", "verschilMedian", "verschilLaag", "verschilHoog"]
    return Chart(fig, caption, pick[columns])


def gap(gap_table: pd.DataFrame, lang: str) -> Chart:
    """The municipal gap (costs minus SPUK income) per year, by scenario."""
    fig = go.Figure()
    for scenario, part in gap_table.groupby("scenario", sort=False):
        part = part.reset_index(drop=True)
        band(
            fig,
            part["year"],
            part.assign(median=part["median"] / 1e6, laag=part["laag"] / 1e6, hoog=part["hoog"] / 1e6),
            str(scenario),
        )
    title = "Eigen middelen van gemeenten per jaar" if lang == "nl" else "Municipalities' own funds per year"
    # whole years only: plotly's automatic ticks put "2,027.5" on a year axis
    fig.update_layout(
        yaxis_title="€ mln" if lang == "nl" else "€ million", title=title, xaxis={"dtick": 2, "tickformat": "d"}
    )
    if lang == "nl":
        caption = "Kosten van gemeenten voor inburgering min hun inkomsten uit de SPUK en het gemeentefonds, per jaar (positief: gemeenten betalen uit eigen middelen bij); lijn mediaan, vlak 90%-interval."
    else:
        caption = "Municipal integration costs minus their income from the SPUK and the gemeentefonds, per year (positive: municipalities pay from their own funds); line median, band 90% interval."
    return Chart(fig, caption, gap_table)


def naturalisation(kern: pd.DataFrame, lang: str) -> Chart:
    """Share of status holders who may naturalise within 6 and 10 years of the permit."""
    names = ["aandeelNaturalisatieMogelijkBinnen6j", "aandeelNaturalisatieMogelijkBinnen10j"]
    pick = kern[
        kern["indicator"].isin(names) & (kern["group"] == "asiel") & (kern["route"] == "alle") & (kern["sex"] == "alle")
    ]
    fig = go.Figure()
    for name in names:
        part = pick[pick["indicator"] == name]
        fig.add_trace(bar(part, label(name, lang)))
    title = "Naturalisation within 6 and 10 years" if lang == "en" else "Naturalisatie binnen 6 en 10 jaar"
    fig.update_layout(barmode="group", yaxis_tickformat=".0%", title=title)
    if lang == "nl":
        caption = "Aandeel statushouders dat binnen 6 en binnen 10 jaar na de vergunning mag naturaliseren, per scenario; foutbalk 90%-interval."
    else:
        caption = "Share of status holders who may naturalise within 6 and within 10 years of the permit, by scenario; error bar 90% interval."
    return Chart(fig, caption, pick[["scenario", "indicator", "median", "laag", "hoog"]])
