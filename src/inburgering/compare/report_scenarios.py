"""The report's section on the scenarios: each layer with its own changes, values and sources.

Kept apart from :mod:`inburgering.compare.report` so that each stays small; the web page's
scenario view can use it too.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from inburgering.i18n import gettext_for
from inburgering.law.citations import Citation
from inburgering.law.parameters import ParameterSet, load_parameters
from inburgering.law.scenario import Change, Scenario, ScenarioLayer, resolve


def scenario_section(scenarios: tuple[str, ...], lang: str, extra: Mapping[str, ScenarioLayer] | None = None) -> str:
    """Each scenario's layers, each with its own changes to the law, values and sources under it.

    A stacked scenario (``coalitie-2026+vwn-2026``) shows every layer apart, in the order they
    apply, so a reader sees which proposal changes what and on which source; a value is the
    layer's own (a later layer may set the same parameter again).
    """
    _ = gettext_for(lang)
    base = load_parameters()
    parts = []
    for spec in scenarios:
        scenario = resolve(spec, dict(extra) if extra else None)
        parts.append(f"<h3>{html.escape(spec)}</h3>")
        for layer in scenario.layers:
            title = html.escape(layer.title[lang])
            if not layer.changes:
                parts.append(f"<p>{title}</p>")
                continue
            parts.append(f"<h4>{title}</h4><p>{html.escape(layer.describe(lang))}</p>")
            rows = [_change_row(base, scenario, layer, change, lang) for change in layer.changes]
            cols = (
                "parameter",
                _("law now"),
                layer.id,
                _("source"),
            )
            parts.append(
                "<table><thead><tr>"
                + "".join(f"<th scope='col'>{html.escape(x)}</th>" for x in cols)
                + "</tr></thead>"
                + "".join(rows)
                + "</table>"
            )
    return "\n".join(parts)


def _links(citations: tuple[Citation, ...], lang: str) -> str:
    return "; ".join(
        f'<a href="{html.escape(ct.url)}">{html.escape(ct.text(lang))}</a>' if ct.url else html.escape(ct.text(lang))
        for ct in citations
    )


def _change_row(base: ParameterSet, scenario: Scenario, layer: ScenarioLayer, change: Change, lang: str) -> str:
    """One change of one layer: the parameter, the law's values, the layer's own values, its sources."""
    _ = gettext_for(lang)
    param = base[change.parameter]
    since = _("from")
    own = [f"{value} ({since} {when})" for value, when in scenario.own_values(layer, change)]
    law = ", ".join(f"{v.value} ({since} {v.vanaf})" for v in param.values)
    return (
        "<tr>"
        f"<td><code>{html.escape(change.parameter)}</code><br>{html.escape(param.description[lang].strip())}</td>"
        f"<td>{html.escape(law)}<br><small>{_links(param.values[-1].citations, lang)}</small></td>"
        f"<td>{html.escape(', '.join(own))}{_notes(scenario, layer, change, lang)}</td>"
        f"<td>{_links(change.source or layer.sources, lang)}</td></tr>"
    )


def _notes(scenario: Scenario, layer: ScenarioLayer, change: Change, lang: str) -> str:
    """What a reader of the stack needs beside a value: a later layer that sets it again, or what it acts with.

    A review found the coalition's B1 requirement and VWN's 'inburgering' side by side in the stack
    with no word on which applies, and the pact's "work after 3 months" listed with no word that it
    needs an earlier BSN to act.
    """
    _ = gettext_for(lang)
    notes = []
    later = scenario.set_again_by(layer.id, change.parameter)
    if later:
        notes.append(_("Set again by {layers}, whose value applies from its date.").format(layers=", ".join(later)))
    if change.together:
        why = change.why_together(lang)
        together = ", ".join(change.together)
        notes.append(_("Acts together with {parameters}.").format(parameters=together) + (f" {why}" if why else ""))
    return "".join(f"<br><small>{html.escape(n)}</small>" for n in notes)


def included_proposals(spec: str, baseline: str, extra: dict | None = None) -> tuple[str, ...]:
    """The proposals a scenario is built on that its name does not say (the coalition on the Migration Pact).

    Empty where a scenario can no longer be read (a stored run of a user's scenario).
    """
    from inburgering.law.scenario import ScenarioError, resolve

    try:
        layers = [layer.id for layer in resolve(spec, extra).layers]
        base = {layer.id for layer in resolve(baseline, extra).layers}
    except ScenarioError:
        return ()
    named = set(spec.split("+"))
    return tuple(layer for layer in layers if layer not in named and layer not in base)
