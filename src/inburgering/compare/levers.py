"""Which levers act: every shipped scenario change alone on its base, and every parameter's readers.

Why: a lever that moves nothing misleads the people who pull it. Two checks keep every lever
live, and ``docs/model/levers.md`` is written from them:

* :func:`parameters_read` runs the rulebook and a small simulation (with its costs and
  indicators) under every shipped scenario with a parameter set that reports each lookup, so
  a parameter that nothing reads is found (it must be declared ``gemodelleerd: nee``).
* :func:`lever_effects` runs each shipped change alone on its scenario's base and lists the
  rulebook outputs and simulation indicators it changes. A change that changes nothing alone
  must say which parameters it acts together with and why (``werkt_samen_met`` in the
  scenario file); the combination is run too, to show that the reason holds.

Common random numbers make every difference the change itself, so one small run suffices.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from inburgering.law.parameters import TracedParameters
from inburgering.law.scenario import (
    BASELINE,
    Change,
    Scenario,
    ScenarioLayer,
    resolve,
    resolve_layers,
    shipped_layers,
)
from inburgering.rules.person import Persons, parse_persons
from inburgering.rules.synthetic import random_persons
from inburgering.rules.trace import evaluate, value_json
from inburgering.sim.behaviour import Behaviour, load_behaviour
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.output import COLUMNS, indicators
from inburgering.sim.population import PopulationConfig, generate_population

PEILDATA = ("2027-06-01", "2029-06-01", "2032-06-01")


def _passed(level: str, day: str) -> list[dict[str, object]]:
    parts = ("lezen", "luisteren", "schrijven", "spreken")
    return [{"onderdeel": c, "niveau": level, "datum": day, "geslaagd": True} for c in parts] + [
        {"onderdeel": "knm", "niveau": "A2", "datum": day, "geslaagd": True}
    ]


# Persons the random probe seldom draws (all four language components passed, two temporary
# permits): without them a lever that acts only on such persons was listed as moving no rulebook
# output (a review found the naturalisation requirement and the A2 interim step so listed)
_BUILT: tuple[dict[str, object], ...] = tuple(
    {
        "id": f"t{i}",
        "geboortedatum": "1990-01-01",
        "nationaliteit": "SY",
        "verblijfsdoel": "asiel",
        "datumAsielaanvraag": "2022-01-10",
        "datumVerblijfsrecht": "2022-06-01",
        "datumKennisgeving": "2022-08-01",
        "datumInschrijvingBrp": "2022-09-01",
        "datumPip": "2022-11-01",
        "leerroute": route,
        "datumPvtAfgerond": "2023-06-01",
        "datumMapAfgerond": "2024-01-01",
        "verblijfsvergunningen": [
            {"soort": "asiel-bepaald", "begin": "2022-06-01", "einde": "2027-05-31"},
            {"soort": "asiel-bepaald", "begin": "2027-06-01", "einde": "2032-05-31"},
        ],
        "examens": _passed(level, "2024-05-01"),
    }
    for i, (route, level) in enumerate((("b1", "A2"), ("b1", "B1"), ("onderwijs", "A2"), ("b1", "A1")))
)
# a Z-route finisher without exams: VWN's "the obligation met is enough" reaches them only
_Z_FINISHER: dict[str, object] = {
    "id": "t-z",
    "geboortedatum": "1990-01-01",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumAsielaanvraag": "2022-01-10",
    "datumVerblijfsrecht": "2022-06-01",
    "datumPip": "2022-11-01",
    "leerroute": "z",
    "lesurenNt2": 800,
    "participatieurenZroute": 800,
    "datumEindgesprekZroute": "2025-05-01",
    "datumPvtAfgerond": "2023-06-01",
    "datumMapAfgerond": "2024-01-01",
}
_TARGETED = (*_BUILT, _Z_FINISHER)


def probe_persons(n: int, seed: int) -> tuple[Persons, Persons]:
    """``n`` random persons and the targeted ones (two sets: the rulebook is asked about each)."""
    return random_persons(n, seed=seed), parse_persons(list(_TARGETED))


@dataclass(frozen=True)
class LeverCost:
    """The cost items a lever moves (``kosten.<item>`` indicators), or why it has none of its own."""

    items: tuple[str, ...]
    reason: str = ""
    note: str = ""  # e.g. that the item is a transfer, and where its other side is counted


def lever_costs() -> dict[str, LeverCost]:
    """``compare/lever_costs.yaml``: what each shipped lever costs, by parameter."""
    text = (resources.files("inburgering.compare") / "lever_costs.yaml").read_text(encoding="utf-8")
    out = {}
    for path, raw in yaml.safe_load(text).items():
        items = tuple(raw.get("kosten", ()))
        reason = " ".join(str(raw.get("geen_kosten", "")).split())
        if bool(items) == bool(reason):
            raise ValueError(f"lever_costs.yaml: {path}: give either 'kosten' (cost items) or 'geen_kosten' (why none)")
        out[path] = LeverCost(items, reason, " ".join(str(raw.get("opmerking", "")).split()))
    return out


@dataclass(frozen=True)
class Probe:
    """How big a run to measure with: a small national population, persons for the rulebook."""

    scale: float = 0.02
    last_inflow_year: int = 2028
    horizon: str = "2034-12"
    persons: int = 3000
    seed: int = 3


def _population(probe: Probe, behaviour: Behaviour) -> object:
    config = PopulationConfig(laatste_instroomjaar=probe.last_inflow_year, schaal=probe.scale, seed=probe.seed)
    return generate_population(behaviour, config)


def parameters_read(probe: Probe = Probe()) -> set[str]:
    """Every law parameter that the rulebook, the simulation, its costs or its indicators look up."""
    behaviour = load_behaviour()
    pop = _population(probe, behaviour)
    persons = random_persons(probe.persons, seed=probe.seed)
    read: set[str] = set()
    for sid in shipped_layers():
        scenario = resolve_layers_for(sid)
        traced = dataclasses.replace(scenario, parameters=TracedParameters(scenario.parameters, read.add))
        indicators(simulate_population(pop, traced, behaviour, SimConfig(eind=probe.horizon, seed=probe.seed)))  # type: ignore[arg-type]
        for day in ("2023-06-01", *PEILDATA):
            for outcome in evaluate(persons, day, traced).values():
                read.update(outcome.parameters)
                read.update(p for text in outcome.reasons.texts for p in text.placeholders())
    return read


def resolve_layers_for(sid: str) -> Scenario:
    """A shipped scenario with its chain of bases."""
    layers = shipped_layers()
    chain = [layers[sid]]
    while chain[0].base:
        chain.insert(0, layers[chain[0].base])
    return resolve_layers(chain, sid)


@dataclass(frozen=True)
class Effect:
    """What one shipped change does alone on its scenario's base (and with its partners)."""

    scenario: str
    change: Change
    outputs: tuple[str, ...]  # rulebook outputs that change for some person on some peildatum
    indicators: tuple[str, ...]  # simulation indicators that change somewhere
    together_indicators: tuple[str, ...] = ()  # with its partners, against the partners alone
    together_outputs: tuple[str, ...] = ()

    @property
    def moves_alone(self) -> bool:
        """Whether the change alone reaches an outcome."""
        return bool(self.outputs or self.indicators)


def _variant(sid: str, changes: list[Change], name: str) -> Scenario:
    """The base chain of ``sid`` plus ``changes`` (with ``sid``'s named dates) as one more layer."""
    layers = shipped_layers()
    layer = layers[sid]
    chain: list[ScenarioLayer] = []
    base = layer.base
    while base:
        chain.insert(0, layers[base])
        base = layers[base].base
    extra = ScenarioLayer(
        name, {"en": name, "nl": name}, layer.base, "", layer.sources, dict(layer.dates), tuple(changes)
    )
    return resolve_layers([*chain, extra], name)


def _partners(change: Change) -> list[Change]:
    """The shipped changes a change names as its partners (from any shipped scenario)."""
    found = {c.parameter: c for layer in shipped_layers().values() for c in layer.changes}
    return [found[p] for p in change.together if p in found]


class _Measure:
    """Rulebook outputs and simulation indicators of a scenario variant, computed once each."""

    def __init__(self, probe: Probe):
        self.probe = probe
        self.behaviour = load_behaviour()
        self.pop = _population(probe, self.behaviour)
        self.persons = probe_persons(probe.persons, probe.seed)
        self._cache: dict[str, tuple[dict[str, list[object]], pd.DataFrame]] = {}

    def of(self, scenario: Scenario) -> tuple[dict[str, list[object]], pd.DataFrame]:
        if scenario.hash not in self._cache:
            outputs: dict[str, list[object]] = {}
            for day in PEILDATA:
                for persons in self.persons:
                    for name, outcome in evaluate(persons, day, scenario).items():
                        outputs.setdefault(name, []).extend(value_json(outcome, i) for i in range(len(persons)))
            config = SimConfig(eind=self.probe.horizon, seed=self.probe.seed)
            frame = indicators(simulate_population(self.pop, scenario, self.behaviour, config))  # type: ignore[arg-type]
            self._cache[scenario.hash] = (outputs, frame)
        return self._cache[scenario.hash]

    def diff(self, a: Scenario, b: Scenario) -> tuple[tuple[str, ...], tuple[str, ...]]:
        (out_a, ind_a), (out_b, ind_b) = self.of(a), self.of(b)
        outputs = tuple(sorted(name for name in out_a if out_a[name] != out_b[name]))
        return outputs, _changed_indicators(ind_a, ind_b)


def _changed_indicators(a: pd.DataFrame, b: pd.DataFrame) -> tuple[str, ...]:
    keys = [k for k in COLUMNS if k not in ("scenario", "value")]
    merged = a.drop(columns="scenario").merge(b.drop(columns="scenario"), on=keys, how="outer", suffixes=("_a", "_b"))
    va, vb = merged["value_a"].astype(float).fillna(0.0), merged["value_b"].astype(float).fillna(0.0)
    changed = ~np.isclose(va.to_numpy(), vb.to_numpy(), rtol=1e-9, atol=1e-9)
    return tuple(sorted(set(merged.loc[changed, "indicator"].astype(str))))


def lever_effects(probe: Probe = Probe()) -> list[Effect]:
    """Each change of each shipped scenario alone on the scenario's base; with its partners where it names them."""
    measure = _Measure(probe)
    effects = []
    for sid, layer in shipped_layers().items():
        base = _variant(sid, [], f"{sid}-basis")
        for change in layer.changes:
            alone = _variant(sid, [change], f"{sid}-{change.parameter}")
            outputs, changed = measure.diff(base, alone)
            effect = Effect(sid, change, outputs, changed)
            partners = _partners(change)
            if change.together:
                with_partners = _variant(sid, [*partners, change], f"{sid}-{change.parameter}-samen")
                partners_only = _variant(sid, partners, f"{sid}-{change.parameter}-partners")
                t_out, t_ind = measure.diff(partners_only, with_partners)
                effect = dataclasses.replace(effect, together_outputs=t_out, together_indicators=t_ind)
            effects.append(effect)
    return effects


COMBINATION = "coalitie-2026+vwn-2026"
"""The main job's reform (``library.DEFAULT_SCENARIOS``): two shipped scenarios stacked."""


@dataclass(frozen=True)
class StackedEffect:
    """What one change moves inside a stack: the whole stack against the stack without it."""

    layer: str
    change: Change
    outputs: tuple[str, ...]
    indicators: tuple[str, ...]
    overruled_by: str | None  # a later layer of the stack that sets the same parameter

    @property
    def moves(self) -> bool:
        """Whether leaving the change out of the stack changes an outcome."""
        return bool(self.outputs or self.indicators)


def combination_effects(probe: Probe = Probe(), stack: str = COMBINATION) -> list[StackedEffect]:
    """Each change of a stacked scenario left out in turn: what the rest of the stack lets it move.

    Why: a change that acts alone on its base can be overruled in a combination (a later layer
    sets the same parameter, or another change bars the group it acts on); a report on the
    combination should not credit it. Such a change says why (``in_combinatie``) unless a later
    layer sets its parameter, which is found here.
    """
    measure = _Measure(probe)
    whole = resolve(stack)
    layers = shipped_layers()
    # every layer of the stack with its bases, in the order they apply
    parts = [lay.id for lay in whole.layers if lay.id != BASELINE]
    effects = []
    for sid in parts:
        layer = layers[sid]
        for change in layer.changes:
            kept = tuple(c for c in layer.changes if c is not change)
            without = resolve(stack, {sid: dataclasses.replace(layer, changes=kept)})
            outputs, changed = measure.diff(without, whole)
            over = next(iter(whole.set_again_by(sid, change.parameter)), None)
            effects.append(StackedEffect(sid, change, outputs, changed, over))
    return effects


def _list(names: tuple[str, ...], limit: int = 6) -> str:
    if not names:
        return "none"
    shown = ", ".join(f"`{n}`" for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def render_levers(effects: list[Effect], stacked: list[StackedEffect], probe: Probe = Probe()) -> str:
    """docs/model/levers.md: what each shipped change moves alone, and what acts only together."""
    out = [
        "# Levers: what each shipped change moves",
        "",
        "Generated by `make docs` (`python -m inburgering.compare.levers`); a test runs the same measurement",
        "and fails when this page is out of date or a change moves nothing without a stated reason.",
        "",
        f"Each change of a shipped scenario is run alone on the scenario's base: the rulebook for {probe.persons}",
        f"random persons and {len(_TARGETED)} built to have passed exams (whom random persons seldom are) on",
        f"{', '.join(PEILDATA)}, and the simulation of a national population at scale",
        f"{probe.scale} with inflow to {probe.last_inflow_year}, to {probe.horizon}, seed {probe.seed}. Common random numbers",
        "make every difference the change's own. A change that moves nothing alone names the parameters it",
        "acts together with, and why; it is then run with them, against them alone.",
        "",
        "The cost column names the cost items each lever's offer or change of rights moves",
        "(`compare/lever_costs.yaml`, priced in `sim/behaviour/kosten.yaml`), or why it has none of its own.",
        "",
        "| scenario | parameter | rulebook outputs it changes | simulation indicators it changes | cost items | note |",
        "|---|---|---|---|---|---|",
    ]
    costs = lever_costs()
    for e in effects:
        note = ""
        if e.change.together:
            moved = _list(e.together_indicators or e.together_outputs, 3)
            partners = ", ".join(f"`{p}`" for p in e.change.together)
            only = "" if e.indicators else "only "  # a lever that moves something alone is not "only" together
            note = f"Works {only}together with {partners}, because: {e.change.because} Together it moves {moved}."
        elif e.change.not_simulated:
            note = f"Not in the simulation: {e.change.not_simulated}"
        cost = costs.get(e.change.parameter)
        priced = "not declared" if cost is None else (_list(cost.items) if cost.items else f"none: {cost.reason}")
        if cost is not None and cost.note:
            priced += f" ({cost.note})"
        row = (
            f"| `{e.scenario}` | `{e.change.parameter}` | {_list(e.outputs)} | {_list(e.indicators)} "
            f"| {priced} | {note} |"
        )
        out.append(row)
    out += [
        "",
        f"## In the main job's combination, `{COMBINATION}`",
        "",
        "Each change left out of the whole stack in turn (same runs): what it moves given all the others. A",
        "change that moves nothing here is overruled by a later layer that sets the same parameter, or says why",
        "(`in_combinatie` in the scenario file); a report on the combination does not credit it.",
        "",
        "| scenario | parameter | rulebook outputs it changes | simulation indicators it changes | note |",
        "|---|---|---|---|---|",
    ]
    for st in stacked:
        note = ""
        if not st.moves:
            if st.overruled_by:
                note = f"Overruled: `{st.overruled_by}` sets the same parameter later in the stack."
            else:
                note = f"Moves nothing here: {st.change.in_combination or 'no reason given'}"
        out.append(
            f"| `{st.layer}` | `{st.change.parameter}` | {_list(st.outputs)} | {_list(st.indicators)} | {note} |"
        )
    out += [
        "",
        "Parameters that nothing reads are declared `gemodelleerd: nee` with the reason (docs/model/parameters.md);",
        "a scenario that changes one is refused, and the web builder does not offer it.",
    ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/model/levers.md")
    target.write_text(render_levers(lever_effects(), combination_effects()), encoding="utf-8")
