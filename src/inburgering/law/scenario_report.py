"""Describe a scenario for people: every change, old and new value, from when, and why."""

from __future__ import annotations

from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import Scenario, ScenarioLayer, warnings_for


def layers_after(scenario: Scenario, layer: ScenarioLayer) -> list[ScenarioLayer]:
    """The layers stacked on top of ``layer`` in ``scenario`` (later ones win where they set the same parameter)."""
    index = next(i for i, other in enumerate(scenario.layers) if other is layer)
    return list(scenario.layers[index + 1 :])


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
            # in a stack, a later layer that sets the same parameter wins where both hold: say so, with the
            # values in force (a legal tester found B1 and 'inburgering' listed from one day, neither marked)
            later = [
                other.id
                for other in layers_after(scenario, layer)
                if any(c.parameter == change.parameter for c in other.changes)
            ]
            if later:
                stack = ", ".join(f"{v.value} from {v.vanaf}" for v in scenario.parameters[change.parameter].values)
                lines.append(f"      also set by {', '.join(later)}, which applies where both do; in force: {stack}")
            for cit in change.source or layer.sources:
                extra = f" - {cit.toelichting}" if cit.toelichting else ""
                lines.append(f"      source: {cit.label}{extra}" + (f" <{cit.url}>" if cit.url else ""))
    for warning in warnings_for(scenario):
        lines.append(f"warning: {warning}")
    return "\n".join(lines)
