"""Evaluate the rulebook and turn outcomes into the calculator's JSON, with traces.

``evaluate`` is what the simulation, the API and the calculator call: it returns every
outcome for every person, vectorised. ``results_json`` renders one result object per person
and scenario, with the ``spoor`` (trace): for each rule its inputs, the parameters it used
with value and citation on the peildatum, the articles, and the reason in words.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import inburgering.rules.registry  # noqa: F401  (every rule registered before OUTPUTS is checked)
from inburgering.dates import to_iso
from inburgering.i18n import N_, gettext_for
from inburgering.law.parameters import law_start
from inburgering.law.scenario import Scenario
from inburgering.rules.base import RULES, Context, Outcome
from inburgering.rules.logic import to_json as tri_json
from inburgering.rules.person import PART_FIELDS, Persons

OUTPUTS = (
    "inburgeringsplichtig",
    "vrijgesteld",
    "ontheven",
    "moetInburgeren",
    "deadlinePip",
    "startTermijn",
    "eindeTermijn",
    "laatsteDagRoutewijziging",
    "verlengingAanvraagVanaf",
    "verlengingInspanningenMogelijk",
    "afschalingMogelijk",
    "a2TussenstapKeuze",
    "afschalingBijPip",
    "rechtOpMaatschappelijkeBegeleiding",
    "startMaatschappelijkeBegeleiding",
    "magWerkenVanaf",
    "magWerkenTot",
    "rechtmatigVerblijfTot",
    "bsnVanaf",
    "voorinburgeringVanaf",
    "naturalisatieVroegst",
    "naturalisatieOntbreekt",
    "leningMogelijk",
    "plichtVoldaanOp",
    "plichtOntbreekt",
    "amvBegeleidingTot",
)
assert set(OUTPUTS) == set(RULES), sorted(set(OUTPUTS) ^ set(RULES))


def evaluate(persons: Persons, peildatum: Any, scenario: Scenario) -> dict[str, Outcome]:
    """Every rule for every person on ``peildatum`` under ``scenario``.

    Raises :class:`PeildatumError` for a date before the Act took effect (1 January 2022):
    the rulebook encodes the Wet inburgering 2021 only.
    """
    day = np.datetime64(peildatum, "D")
    check_peildatum(day, scenario)
    ctx = Context(persons, day, scenario.parameters)
    return {name: ctx.get(name) for name in OUTPUTS}


class PeildatumError(ValueError):
    """A peildatum the rulebook cannot answer for; :meth:`allowed` says what is, in a language."""

    TEMPLATE = N_(
        "a date on or after {start}, when the Wet inburgering 2021 took effect (earlier cases fall under the Wet "
        "inburgering 2013)"
    )

    def __init__(self, day: np.datetime64, start: np.datetime64):
        self.day, self.start = str(day), str(start)
        super().__init__(f"peildatum: value '{day}' is not allowed; allowed: {self.allowed('en')}")

    def allowed(self, lang: str) -> str:
        """What is allowed, in ``lang``."""
        return gettext_for(lang)(self.TEMPLATE).format(start=self.start)


def check_peildatum(day: np.datetime64, scenario: Scenario) -> None:
    """Refuse a peildatum before the Wet inburgering 2021 applies."""
    start = law_start(scenario.parameters)
    if day < start:
        raise PeildatumError(day, start)


_EMPTY = {"onbekend": "onbekend", "nvt": "nietVanToepassing", "geen": "geen"}
"""What a null ``uitkomst`` means, by the reason's ``leeg``: unknown, not applicable, or none."""


def value_json(outcome: Outcome, i: int) -> Any:
    """The JSON value of ``outcome`` for person ``i``."""
    v = outcome.value[i]
    if outcome.kind == "date":
        return to_iso(v)
    if outcome.kind == "tri":
        return tri_json(int(v))
    if outcome.kind == "flags":
        return None if v < 0 else [lab for bit, lab in enumerate(outcome.labels) if v & (1 << bit)]
    raise ValueError(f"unknown outcome kind {outcome.kind!r}")


def step_value(outcome: Outcome, i: int) -> dict[str, Any]:
    """The answer for person ``i`` as a trace gives it: the value, and what a null means (``uitkomstSoort``)."""
    value = value_json(outcome, i)
    kind = "waarde" if value is not None else _EMPTY[outcome.why(i).leeg]
    return {"uitkomst": value, "uitkomstSoort": kind}


def _input_json(persons: Persons, name: str, i: int) -> Any:
    if name == "examens":
        return int((persons.examens["persoon"] == i).sum())
    if name == "verblijfsvergunningen":
        return int((persons.vergunningen["persoon"] == i).sum())
    col = persons.columns[name]
    v = col[i]
    if name in PART_FIELDS:  # a bitmask of parts: their names (it read as yes/no; a review)
        allowed = PART_FIELDS[name][0]
        return [part for bit, part in enumerate(allowed) if int(v) >> bit & 1]
    if col.dtype.kind == "M":
        return to_iso(v)
    if name in ("verblijfsdoel", "leerroute"):
        from inburgering.rules.person import LEERROUTES, VERBLIJFSDOELEN

        options = VERBLIJFSDOELEN if name == "verblijfsdoel" else LEERROUTES
        return None if v < 0 else options[int(v)]
    if col.dtype == np.int8:
        return tri_json(int(v))
    if col.dtype.kind == "f":
        return None if np.isnan(v) else float(v)
    return v.item() if hasattr(v, "item") else v


def trace_json(
    outcome: Outcome, persons: Persons, i: int, scenario: Scenario, peildatum: Any, lang: str
) -> dict[str, Any]:
    """One rule's trace for person ``i``."""
    reason = outcome.why(i)
    params = []
    for path in dict.fromkeys((*outcome.parameters, *sorted(reason.placeholders()))):
        dated = scenario.parameters[path].at(peildatum)
        param = scenario.parameters[path]
        value = dated.value.isoformat() if hasattr(dated.value, "isoformat") else dated.value
        params.append(
            {
                "pad": path,
                "waarde": value,
                "eenheid": param.unit,
                "geldigVanaf": to_iso(dated.vanaf),
                "bronnen": [c.to_json() for c in dated.citations],
            }
        )
    return {
        "regel": outcome.name,
        **step_value(outcome, i),
        "toelichting": reason.text(lang, scenario.parameters, peildatum),
        "invoer": {name: _input_json(persons, name, i) for name in outcome.inputs},
        "parameters": params,
        "artikelen": [c.to_json() for c in outcome.articles],
    }


def results_json(persons: Persons, peildatum: Any, scenarios: list[Scenario], lang: str = "en") -> dict[str, Any]:
    """The calculator's JSON contract: ``{"peildatum", "resultaten": [...]}``."""
    day = np.datetime64(peildatum, "D")
    results = []
    for scenario in scenarios:
        outcomes = evaluate(persons, day, scenario)
        for i, pid in enumerate(persons.ids):
            entry: dict[str, Any] = {"scenario": scenario.id, "persoon": pid}
            for name in OUTPUTS:
                entry[name] = value_json(outcomes[name], i)
            entry["spoor"] = [trace_json(outcomes[name], persons, i, scenario, day, lang) for name in OUTPUTS]
            results.append(entry)
    return {"peildatum": to_iso(day), "resultaten": results}


__all__ = ["OUTPUTS", "evaluate", "results_json"]
