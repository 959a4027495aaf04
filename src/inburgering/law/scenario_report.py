"""Describe a scenario for people: every change, old and new value, from when, and why."""

from __future__ import annotations

from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import Scenario, warnings_for


def describe(scenario: Scenario, lang: str = "en") -> str:
    """Text listing each layer's changes with the law's value and the layer's own dated values and sources."""
    base = load_parameters()
    lines = [f"{scenario.id}  (hash {scenario.hash})"]
    for layer in scenario.layers:
        if not layer.changes:
            continue
        lines.append("")
        lines.append(f"{layer.id}: {layer.title[lang]}")
        lines.append(f"  {layer.describe(lang)}")
        for name, when in layer.dates.items():
            moved = scenario.dates.get(f"{layer.id}.{name}", when)
            lines.append(f"  date {name}: {moved}")
        for change in layer.changes:
            param = base[change.parameter]
            old = ", ".join(f"{v.value} from {v.vanaf}" for v in param.values)
            lines.append(f"  {change.parameter} ({param.unit}): {param.description[lang].strip()}")
            lines.append(f"      wi2021: {old}")
            own = scenario.own_values(layer, change)  # this layer's values, not the stack's last
            lines.append(f"      {layer.id}: " + ", ".join(f"{value} from {when}" for value, when in own))
            for cit in change.source or layer.sources:
                extra = f" - {cit.toelichting}" if cit.toelichting else ""
                lines.append(f"      source: {cit.label}{extra}" + (f" <{cit.url}>" if cit.url else ""))
    for warning in warnings_for(scenario):
        lines.append(f"warning: {warning}")
    return "\n".join(lines)
