"""The report's section "which change does what": each change's share of a scenario's effect.

One table per scenario, a row per change (unit), a column per outcome: the change's Shapley
share with its 90% interval when the scenario has few enough changes for it, else the change
alone against the baseline and the scenario without it. The last row is the whole scenario,
which equals the key table's difference. Without ``--per-change`` the section says how to
get it instead of showing nothing.
"""

from __future__ import annotations

import html

import pandas as pd

from inburgering.compare.run import Comparison
from inburgering.compare.text import euros, label, pct
from inburgering.i18n import N_, gettext_for
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import Scenario, ScenarioError, resolve

OUTCOMES = (  # (indicator, group): what a Kamerbrief asks of each proposal
    ("aandeel.voldaanInTermijn", "asiel"),
    ("aandeelBetaaldWerk36m", "asiel"),
    ("aandeelNaturalisatieMogelijkBinnen6j", "asiel"),
    ("kosten.alle", "alle"),
    ("kosten.gemeente", "alle"),
)
WORDS = {
    "absent": N_(
        "Not computed for this run. Run the comparison with --per-change (HTTP API: 'perWijziging': true; Python: per_change=True) to see each change alone, the scenario without each change and, for up to four changes, each change's Shapley share."
    ),
    "methods": N_(
        "Changes need not add up: work from the first month does little without a BSN. So each change is shown in one of two ways. With up to four changes: its Shapley share, its effect averaged over every order in which the changes could be introduced; the shares add up to the whole effect. With more: the change alone on the baseline (as if it came first), then (after the slash) the whole scenario minus the scenario without the change (as if it came last); the row of the parts' medians added up shows how far they are from the whole, which is what the changes do together. Every figure is a paired difference over the same draws as the key table (median, 90% interval)."
    ),
    "none": N_(
        "no change of its own that the simulation can show: on every simulated parameter it equals the baseline."
    ),
    "change": N_("change"),
    "layer": N_("proposed in"),
    "together": N_("acts only together with other changes"),
    "whole": N_("All changes together"),
    "sum": N_("The parts' medians added up (alone / added last)"),
}


def _value(indicator: str, x: float, lang: str) -> str:
    return euros(x, lang, True) if indicator.startswith("kosten.") else pct(x, lang, points=True)


def _cell(rows: pd.DataFrame, indicator: str, lang: str) -> str:
    if rows.empty:
        return ""
    r = rows.iloc[0]
    return f"{_value(indicator, r['median'], lang)} ({_value(indicator, r['laag'], lang)} – {_value(indicator, r['hoog'], lang)})"


def _unit_label(unit: str, lang: str) -> str:
    params = load_parameters()
    names = []
    for path in unit.split(" + "):
        text = params[path].description.get(lang, path) if path in params else path
        names.append(text.split(":")[0].rstrip("."))
    return " + ".join(names)


def _sources(scenario: Scenario, lang: str) -> dict[str, tuple[list[str], str]]:
    """Per parameter: every layer that sets it, in order, and why it may act only with others.

    Every layer, not only the last: a review found the work and BSN change credited to VWN alone
    though the Migration Pact sets part of it, and voorinburgering to VWN though the coalition
    proposes it too. The reason is the last layer's (its change is the one in effect).
    """
    out: dict[str, tuple[list[str], str]] = {}
    for layer in scenario.layers:
        for change in layer.changes:
            layers = out.get(change.parameter, ([], ""))[0]
            out[change.parameter] = (
                [*layers, layer.id] if layer.id not in layers else layers,
                change.why_together(lang),
            )
    return out


def _origin(unit: str, sources: dict[str, tuple[list[str], str]], lang: str) -> tuple[str, str]:
    """The layer(s) a unit comes from, and the stated reason its parameters act only with others absent here."""
    layers = dict.fromkeys(layer for p in unit.split(" + ") if p in sources for layer in sources[p][0])
    reasons = dict.fromkeys(sources[p][1] for p in unit.split(" + ") if p in sources and sources[p][1])
    return ", ".join(layers), " ".join(reasons)


def _sums(mine: pd.DataFrame, units: list[str], lang: str) -> list[str]:
    """The parts' medians added up, alone and added last: how far the parts are from the whole.

    Why: without Shapley shares the parts need not add up (changes interact), and a reader who adds
    them should see by how much they miss the whole (a review of the comparison).
    """
    cells = []
    for indicator, group in OUTCOMES:
        pick = mine[(mine["unit"].isin(units)) & (mine["indicator"] == indicator) & (mine["group"] == group)]
        alone = pick.loc[pick["method"] == "alleen", "median"].sum()
        last = pick.loc[pick["method"] == "zonder", "median"].sum()
        cells.append(f"{_value(indicator, alone, lang)} / {_value(indicator, last, lang)}")
    return cells


def changes_section(c: Comparison, lang: str) -> str:
    """The section's HTML (without its heading)."""
    _ = gettext_for(lang)
    table = c.tables.get("bijdragen")
    if table is None or table.empty:
        return f"<p>{html.escape(_(WORDS['absent']))}</p>"
    out = [f"<p>{html.escape(_(WORDS['methods']))}</p>"]
    head = [_(WORDS["change"]), _(WORDS["layer"]), *(label(i, lang) for i, _group in OUTCOMES)]
    for scenario in c.request.scenarios[1:]:
        mine = table[table["scenario"] == scenario]
        try:
            sources = _sources(resolve(scenario, c.request.extra or None), lang)
        except ScenarioError:  # a stored run whose own scenario can no longer be read
            sources = {}
        if mine.empty:
            out.append(f"<p>{html.escape(scenario)}: {html.escape(_(WORDS['none']))}</p>")
            continue
        shapley = (mine["method"] == "shapley").any()
        lines = []
        for unit in [u for u in dict.fromkeys(mine["unit"]) if u]:
            layer, why = _origin(str(unit), sources, lang)
            name = _unit_label(str(unit), lang)
            if why:  # a change that acts only with others: the reason, in case its partners are absent here
                name += f" ({_(WORDS['together'])}: {why})"
            cells = [name, layer]
            for indicator, group in OUTCOMES:
                pick = mine[(mine["unit"] == unit) & (mine["indicator"] == indicator) & (mine["group"] == group)]
                if shapley:
                    cells.append(_cell(pick[pick["method"] == "shapley"], indicator, lang))
                else:
                    alone = _cell(pick[pick["method"] == "alleen"], indicator, lang)
                    without = _cell(pick[pick["method"] == "zonder"], indicator, lang)
                    cells.append(f"{alone} / {without}")
            lines.append(cells)
        if not shapley:
            units = [str(u) for u in dict.fromkeys(mine["unit"]) if u]
            lines.append([_(WORDS["sum"]), "", *_sums(mine, units, lang)])
        whole = [_(WORDS["whole"]), ""]
        for indicator, group in OUTCOMES:
            pick = mine[(mine["method"] == "totaal") & (mine["indicator"] == indicator) & (mine["group"] == group)]
            whole.append(_cell(pick, indicator, lang))
        lines.append(whole)
        header = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in row) + "</tr>" for row in lines)
        out.append(
            f"<table><caption>{html.escape(scenario)}</caption><thead><tr>{header}</tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )
    return "\n".join(out)
