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
from inburgering.compare.report import REPORT_CSS, fit_section, scenario_section, scrollable
from inburgering.compare.text import euro_amount, number
from inburgering.version import __version__

_T = {
    "title": ("Caseload forecast", "Prognose van de caseload"),
    "headline": ("Headline", "Kern"),
    "method": ("How this was computed", "Hoe dit is berekend"),
    "summary": ("Outcomes at the horizon and over three years", "Uitkomsten aan het eind en over drie jaar"),
    "quarters": ("Completions and term overruns per quarter", "Afrondingen en termijnoverschrijdingen per kwartaal"),
    "costs": ("Costs against SPUK income per year", "Kosten tegenover SPUK-inkomsten per jaar"),
    "scenarios": (
        "The scenarios: what each changes in the law, with sources",
        "De scenario's: wat elk verandert in de wet, met bronnen",
    ),
    "imputed": ("What the file did not say", "Wat het bestand niet vermeldde"),
    "privacy": ("Privacy", "Privacy"),
    "fit": ("The model's fit to published figures", "Aansluiting van het model op gepubliceerde cijfers"),
    "afgerond": ("completions", "afrondingen"),
    "termijnOverschreden": ("term overruns", "termijnoverschrijdingen"),
}
_INDICATORS = {
    "personen": ("persons in the obligation on the file's date", "personen met inburgeringsplicht op de peildatum"),
    "voldaanInTermijn": ("finish within the term", "ronden af binnen de termijn"),
    "voldaanMetVerlenging": ("finish within an extended term", "ronden af binnen een verlengde termijn"),
    "voldaanNaTermijn": ("finish after the term", "ronden af na de termijn"),
    "ontheven": ("released (ontheffing)", "ontheven"),
    "vertrokken": ("leave the Netherlands", "vertrekken uit Nederland"),
    "nogBezig": ("still in the obligation at the horizon", "nog bezig aan het eind"),
    "overschrijdingBinnen3Jaar": ("term overruns in three years", "termijnoverschrijdingen binnen drie jaar"),
    "afgerondBinnen3Jaar": ("completions in three years", "afrondingen binnen drie jaar"),
}


def t(key: str, lang: str) -> str:
    """A heading or label in ``lang``."""
    en, nl = _T.get(key, _INDICATORS.get(key, (key, key)))
    return en if lang == "en" else nl


def euros(x: float, lang: str, signed: bool = False) -> str:
    """Euros to the nearest thousand (a municipality's budget is read in thousands, not millions)."""
    return euro_amount(round(x, -3), lang, signed)


def _cell(row: pd.Series, lang: str, money: bool = False) -> str:
    if row.get("onderdrukt"):
        return "<10" if not money else ("suppressed" if lang == "en" else "onderdrukt")
    fmt = (lambda x: euros(x, lang)) if money else (lambda x: number(x, lang))
    if row["laag"] == row["hoog"]:
        return fmt(row["median"])  # the same in every draw: no interval to show
    return f"{fmt(row['median'])} ({fmt(row['laag'])} – {fmt(row['hoog'])})"


def _diff(row: pd.Series, lang: str, money: bool = False) -> str:
    if row.get("onderdrukt"):
        return ""
    fmt = (lambda x: euros(x, lang, signed=True)) if money else (lambda x: number(x, lang, signed=True))
    return f"{fmt(row['verschilMedian'])} ({fmt(row['verschilLaag'])} – {fmt(row['verschilHoog'])})"


def summary_table(summary: pd.DataFrame, scenarios: tuple[str, ...], lang: str) -> str:
    """Indicators as rows, scenarios as columns: the median with its interval, and the difference."""
    diff_word = "vs baseline" if lang == "en" else "t.o.v. basis"
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
    first = "Outcome" if lang == "en" else "Uitkomst"
    return f"<table><thead><tr><th scope='col'>{first}</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def quarter_chart(quarters: pd.DataFrame, indicator: str, lang: str) -> charts.Chart:
    """One line per scenario over the quarters, with its 90% band (suppressed quarters left out)."""
    pick = quarters[(quarters["indicator"] == indicator) & ~quarters["onderdrukt"]]
    fig = go.Figure()
    for scenario, part in pick.groupby("scenario", sort=False):
        part = part.reset_index(drop=True)
        charts.band(fig, part["kwartaal"], part, str(scenario))
    name = t(indicator, lang)
    if lang == "nl":
        caption = f"Aantal {name} per kwartaal per scenario; lijn mediaan, vlak 90%-interval; kwartalen met minder dan 10 personen weggelaten."
    else:
        caption = f"Number of {name} per quarter under each scenario; line median, band 90% interval; quarters under 10 persons left out."
    fig.update_layout(
        yaxis_title=name, title=name[:1].upper() + name[1:] + (" per kwartaal" if lang == "nl" else " per quarter")
    )
    data = pick[["scenario", "kwartaal", "median", "laag", "hoog", "verschilMedian"]]
    return charts.Chart(fig, caption, data)


def cost_chart(costs: pd.DataFrame, lang: str) -> charts.Chart:
    """The municipal gap (costs minus SPUK income) per year and scenario."""
    pick = costs[(costs["post"] == "tekort") & ~costs["onderdrukt"]]
    fig = go.Figure()
    for scenario, part in pick.groupby("scenario", sort=False):
        part = part.reset_index(drop=True)
        charts.band(fig, part["jaar"], part, str(scenario))
    title = "Tekort van de gemeente per jaar" if lang == "nl" else "The municipality's gap per year"
    fig.update_layout(yaxis_title="€", title=title, xaxis={"dtick": 1, "tickformat": "d"})  # whole years, not 2,027.5
    if lang == "nl":
        caption = "Kosten van de gemeente min SPUK-inkomsten voor deze caseload, per jaar (positief: de gemeente betaalt bij); lijn mediaan, vlak 90%-interval. Het eerste jaar telt vanaf de maand na de peildatum."
    else:
        caption = "The municipality's costs minus SPUK income for this caseload, per year (positive: the municipality pays the difference); line median, band 90% interval. The first year counts from the month after the file's date."
    return charts.Chart(fig, caption, costs[["scenario", "jaar", "post", "median", "laag", "hoog", "onderdrukt"]])


def headlines(summary: pd.DataFrame, three: pd.DataFrame, f: Forecast, lang: str) -> list[str]:
    """One plain sentence per scenario: who finishes within the term, overruns, and the three-year balance."""
    out = []
    for scenario in f.request.scenarios:
        s = summary[summary["scenario"] == scenario].set_index("indicator")
        c = three[three["scenario"] == scenario].set_index("post")
        inside, over = s.loc["voldaanInTermijn"], s.loc["overschrijdingBinnen3Jaar"]
        money = not bool(c["onderdrukt"].any())
        if lang == "nl":
            text = (
                f"{scenario}: van {_cell(s.loc['personen'], lang)} personen ronden er naar verwachting "
                f"{_cell(inside, lang)} af binnen de termijn; {_cell(over, lang)} termijnoverschrijdingen in drie jaar"
                + (
                    f"; in drie jaar kost de caseload de gemeente {_cell(c.loc['kosten'], lang, True)} tegen "
                    f"{_cell(c.loc['spukInkomsten'], lang, True)} SPUK-inkomsten."
                    if money
                    else "."
                )
            )
        else:
            text = (
                f"{scenario}: of {_cell(s.loc['personen'], lang)} persons, {_cell(inside, lang)} are expected to finish "
                f"within the term; {_cell(over, lang)} term overruns in three years"
                + (
                    f"; over three years the caseload costs the municipality {_cell(c.loc['kosten'], lang, True)} "
                    f"against {_cell(c.loc['spukInkomsten'], lang, True)} SPUK income."
                    if money
                    else "."
                )
            )
        if scenario != f.request.scenarios[0] and _same_as_baseline(summary, three, scenario):
            text += (
                " Dit is in elke trekking gelijk aan de basis: dit scenario verandert voor deze caseload niets binnen de horizon."
                if lang == "nl"
                else " This equals the baseline in every draw: the scenario changes nothing for this caseload within the horizon."
            )
        out.append(text)
    return out


def _same_as_baseline(summary: pd.DataFrame, three: pd.DataFrame, scenario: str) -> bool:
    rows = pd.concat([summary[summary["scenario"] == scenario], three[three["scenario"] == scenario]])
    shown = rows[~rows["onderdrukt"].astype(bool)]
    return bool(((shown["verschilLaag"] == 0) & (shown["verschilHoog"] == 0)).all())


def build(f: Forecast, tables: dict[str, pd.DataFrame], lang: str, rows_read: int) -> str:
    """The whole report as one HTML string."""
    r = f.request
    meta = (
        f"peildatum {r.peildatum.isoformat()}; {rows_read} rows; {r.draws} draws, seed {r.seed}; "
        f"horizon {r.horizon}; inburgering {__version__}; {_dt.date.today().isoformat()}"
    )
    if lang == "nl":
        method = (
            "Elke persoon begint in de situatie die het bestand op de peildatum geeft; dezelfde regels en hetzelfde model als de landelijke vergelijking rekenen verder, maand voor maand. "
            "Per trekking worden de onzekere gedragsaannames getrokken en wat het bestand niet zegt (zoals leertempo) aangevuld met een synthetische persoon in dezelfde situatie. "
            "Binnen een trekking delen alle scenario's dezelfde aannames en toevalsgetallen, zodat een verschil alleen het beleid is. Waarden: mediaan (5e–95e percentiel)."
        )
        privacy = "Dit rapport bevat geen gegevens per persoon. Aantallen onder de 10 personen zijn onderdrukt (<10). De tabel per persoon wordt alleen geschreven met --per-person, met pseudoniemen."
    else:
        method = (
            "Each person starts in the situation the file gives on its date; the same rules and model as the national comparison carry them forward, month by month. "
            "Each draw samples the uncertain behavioural assumptions and fills in what the file does not say (such as the pace of learning) from a synthetic person in the same situation. "
            "Within a draw all scenarios share the assumptions and random numbers, so a difference is the policy alone. Values: median (5th–95th percentile)."
        )
        privacy = "This report holds no person-level data. Counts under 10 persons are suppressed (<10). The person table is written only with --per-person, under pseudonyms."
    imputed = "".join(f"<li>{html.escape(k)}: {n}</li>" for k, n in sorted(f.imputed.items()) if n)
    q, c = tables["kwartalen"], tables["kostenPerJaar"]
    body = [
        f"<h1>{t('title', lang)}</h1><p><small>{html.escape(meta)}</small></p>",
        f"<h2>{t('headline', lang)}</h2><ul class='headline'>"
        + "".join(
            f"<li>{html.escape(h)}</li>" for h in headlines(tables["samenvatting"], tables["kosten3Jaar"], f, lang)
        )
        + "</ul>",
        f"<h2>{t('method', lang)}</h2><p>{html.escape(method)}</p>",
        f"<h2>{t('summary', lang)}</h2>" + summary_table(tables["samenvatting"], r.scenarios, lang),
        f"<h2>{t('quarters', lang)}</h2>"
        + charts.figure(quarter_chart(q, "afgerond", lang), lang)
        + charts.figure(quarter_chart(q, "termijnOverschreden", lang), lang),
        f"<h2>{t('costs', lang)}</h2>" + charts.figure(cost_chart(c, lang), lang),
        f"<h2>{t('scenarios', lang)}</h2>" + scenario_section(r.scenarios, lang),
        f"<h2>{t('imputed', lang)}</h2><ul>{imputed}</ul>",
        f"<h2>{t('privacy', lang)}</h2><p>{html.escape(privacy)}</p>",
        f"<h2>{t('fit', lang)}</h2>" + fit_section(lang),
    ]
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{t('title', lang)}</title><style>{REPORT_CSS}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head><body><main>'
        + scrollable("\n".join(body), lang)  # every table scrolls in its own region: no sideways page on a phone
        + "</main></body></html>"
    )
