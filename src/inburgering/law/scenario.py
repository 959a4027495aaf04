"""Scenarios: dated overrides of the law's parameters, stacked, validated and hashed.

This is the one place that resolves a scenario. A scenario file names a ``base`` and lists
``changes``: for a parameter path, values keyed by the date from which they hold. A change
keeps the base's values before its first date and replaces everything from that date on,
so "from 2027-01-01 the wait is 1 month" means exactly that.

Effective dates are data too: a scenario declares named ``dates`` (``ingangsdatum:
2027-01-01``) and its changes may key values by that name. A later layer moves an earlier
layer's date by setting ``dates: {vwn-2026.ingangsdatum: 2028-01-01}``.

Stacks: ``coalitie-2026+vwn-2026`` is the chain of the first (its bases first) followed by
the layers of the second that are not already in it. Validation collects every error of
every layer and raises once; nothing is half-applied.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from inburgering import safe_yaml
from inburgering.i18n import N_, Said
from inburgering.law.citations import Citation, CitationError, parse_citation
from inburgering.law.parameters import DatedValue, ParameterSet, load_parameters

BASELINE = "wi2021"
_TOP_KEYS = {"id", "title", "base", "description", "sources", "dates", "changes"}
_CHANGE_KEYS = {"parameter", "values", "source", "unit", "werkt_samen_met", "niet_in_simulatie", "in_combinatie"}


class ScenarioError(ValueError):
    """A scenario that cannot be used. ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("invalid scenario:\n  " + "\n  ".join(errors))


@dataclass(frozen=True)
class Change:
    """One parameter override: raw value keys (dates or date names) and its source."""

    parameter: str
    values: tuple[tuple[Any, Any], ...]
    source: tuple[Citation, ...]
    unit: str | None = None
    together: tuple[str, ...] = ()  # parameters it acts (only, or also) together with (``werkt_samen_met``) ...
    because: str | None = None  # ... and why (``omdat``)
    not_simulated: str | None = None  # why the simulation cannot show it (``niet_in_simulatie``)
    in_combination: str | None = None  # why it moves nothing stacked on another scenario (``in_combinatie``)
    because_nl: str | None = None  # ``omdat`` in Dutch, for a report in Dutch (``omdat: {en: ..., nl: ...}``)

    def why_together(self, lang: str) -> str:
        """Why the change acts together with others, in ``lang`` (the English where no Dutch is given)."""
        return (self.because_nl if lang == "nl" and self.because_nl else self.because) or ""


@dataclass(frozen=True)
class ScenarioLayer:
    """One scenario file as written (not yet resolved against its bases)."""

    id: str
    title: Mapping[str, str]
    base: str | None
    description: str
    sources: tuple[Citation, ...]
    dates: Mapping[str, _dt.date]
    changes: tuple[Change, ...]
    descriptions: Mapping[str, str] = field(default_factory=dict)  # per language, when the file gives them
    # a user's scenario as written (YAML) or as parsed, so that a stored comparison can carry it again
    text: str = field(default="", compare=False, repr=False)
    source: Any = field(default=None, compare=False, repr=False)

    def as_text(self) -> str:
        """The scenario as YAML text: as the user wrote it, or written out from the parsed document.

        Written out only when asked (a comparison stores it): the pure-Python YAML writer takes
        a second per megabyte, which a calculation that never stores the scenario need not pay.
        """
        if self.text:
            return self.text
        return yaml.safe_dump(self.source, sort_keys=False, allow_unicode=True) if self.source is not None else ""

    def describe(self, lang: str) -> str:
        """The description in ``lang`` where the file gives one, else the English one."""
        return self.descriptions.get(lang) or self.description


@dataclass(frozen=True)
class Scenario:
    """A resolved scenario: the layers applied and the resulting parameter set."""

    id: str
    layers: tuple[ScenarioLayer, ...]
    parameters: ParameterSet
    dates: Mapping[str, _dt.date]

    @property
    def hash(self) -> str:
        """Stable hash of the resolved values (not of titles or citations)."""
        return parameter_hash(self.parameters)

    def own_values(self, layer: ScenarioLayer, change: Change) -> list[tuple[Any, _dt.date | None]]:
        """``change``'s own (value, from) pairs as ``layer`` sets them, date names resolved in this stack.

        Not the stack's final values: a later layer may set the same parameter again, and each
        layer's table must show what that layer proposes, under its own source.
        """
        out = []
        for key, value in change.values:
            when = key if isinstance(key, _dt.date) else self.dates.get(key if "." in str(key) else f"{layer.id}.{key}")
            out.append((value, when))
        return out

    def set_again_by(self, layer_id: str, parameter: str) -> tuple[str, ...]:
        """The layers after ``layer_id`` in this stack that set ``parameter`` again (the last one's value applies)."""
        ids = [lay.id for lay in self.layers]
        later = self.layers[ids.index(layer_id) + 1 :]
        return tuple(lay.id for lay in later if any(c.parameter == parameter for c in lay.changes))

    def changed_paths(self) -> list[str]:
        """Parameter paths that some layer overrides."""
        return sorted({c.parameter for layer in self.layers for c in layer.changes})


def parameter_hash(params: ParameterSet) -> str:
    """SHA-256 over the canonical JSON of every parameter's dated values.

    A value equal to the one before it changes nothing and is left out, so a scenario that
    overrides a value with the same value hashes like its base.
    """
    content = {}
    for path in sorted(params):
        steps: list[list[Any]] = []
        for v in params[path].values:
            if not steps or steps[-1][1] != _jsonable(v.value):
                steps.append([str(v.vanaf), _jsonable(v.value)])
        content[path] = steps
    blob = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, _dt.date) else value


def parse_layer(raw: Any, origin: str) -> tuple[ScenarioLayer | None, list[str]]:
    """Parse one scenario document, returning the layer or the list of its errors."""
    errors: list[str] = []
    if not isinstance(raw, dict):
        return None, [Said(N_("{origin}: a scenario must be a mapping with id, title, changes"), origin=origin)]
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        errors.append(
            Said(
                N_("{origin}: unknown keys {keys}; allowed: {allowed}"),
                origin=origin,
                keys=sorted(map(str, unknown)),  # keys of any type (a date among them): a 500 before
                allowed=sorted(_TOP_KEYS),
            )
        )
    sid = raw.get("id")
    if not isinstance(sid, str) or not sid or "+" in sid:
        errors.append(
            Said(N_("{origin}: 'id' must be a non-empty string without '+', got {sid!r}"), origin=origin, sid=sid)
        )
        sid = origin
    title = raw.get("title")
    if not (isinstance(title, dict) and {"en", "nl"} <= set(title)):
        errors.append(Said(N_("{sid}: 'title' needs 'en' and 'nl'"), sid=sid))
        title = {"en": sid, "nl": sid}
    dates = raw.get("dates") or {}
    if not isinstance(dates, dict) or not all(isinstance(v, _dt.date) for v in dates.values()):
        errors.append(
            Said(N_("{sid}: 'dates' must map names to dates (YYYY-MM-DD), got {dates!r}"), sid=sid, dates=dates)
        )
        dates = {}
    sources = _citations(raw.get("sources") or [], f"{sid}.sources", errors)
    changes = []
    raw_changes = raw.get("changes") or []
    if not isinstance(raw_changes, list):
        errors.append(Said(N_("{sid}: 'changes' must be a list"), sid=sid))
        raw_changes = []
    for i, ch in enumerate(raw_changes):
        where = f"{sid}.changes[{i}]"
        if not isinstance(ch, dict) or "parameter" not in ch or "values" not in ch:
            errors.append(Said(N_("{where}: needs 'parameter' and 'values'"), where=where))
            continue
        if set(ch) - _CHANGE_KEYS:
            errors.append(
                Said(N_("{where}: unknown keys {keys}"), where=where, keys=sorted(map(str, set(ch) - _CHANGE_KEYS)))
            )
        if not isinstance(ch["values"], dict) or not ch["values"]:
            errors.append(Said(N_("{where}: 'values' must map dates (or date names) to values"), where=where))
            continue
        src = _citations(_as_list(ch.get("source")), where, errors)
        if not src and not sources:
            errors.append(Said(N_("{where}: needs a 'source' (or scenario-level 'sources')"), where=where))
        unit = ch.get("unit")
        together, (because, because_nl) = _together(ch.get("werkt_samen_met"), where, errors)
        note = ch.get("niet_in_simulatie")
        if note is not None and not (isinstance(note, str) and note.strip()):
            errors.append(
                Said(N_("{where}: 'niet_in_simulatie' must say why the simulation cannot show the change"), where=where)
            )
        note = " ".join(note.split()) if isinstance(note, str) else None
        stacked = ch.get("in_combinatie")
        if stacked is not None and not (isinstance(stacked, str) and stacked.strip()):
            errors.append(
                Said(N_("{where}: 'in_combinatie' must say why the change moves nothing in a combination"), where=where)
            )
        stacked = " ".join(stacked.split()) if isinstance(stacked, str) else None
        values = tuple(ch["values"].items())
        changes.append(
            Change(str(ch["parameter"]), values, src or sources, unit, together, because, note, stacked, because_nl)
        )
    base = raw.get("base")
    described = raw.get("description", "")
    if isinstance(described, dict):
        if not (
            set(described) <= {"en", "nl"} and "en" in described and all(isinstance(v, str) for v in described.values())
        ):
            errors.append(
                Said(N_("{sid}: 'description' must be text, or a mapping with 'en' (and 'nl') to text"), sid=sid)
            )
        texts = {k: " ".join(str(v).split()) for k, v in described.items() if k in ("en", "nl")}
    else:
        texts = {"en": " ".join(str(described).split())}
    layer = ScenarioLayer(
        sid,
        dict(title),
        str(base) if base else None,
        texts.get("en", ""),
        sources,
        dict(dates),
        tuple(changes),
        texts,
    )
    return layer, errors


def _together(raw: Any, where: str, errors: list[str]) -> tuple[tuple[str, ...], tuple[str | None, str | None]]:
    """``werkt_samen_met: {parameters: [...], omdat: "..."}``: a change that acts (only or more) with others.

    ``omdat`` is text, or ``{en: ..., nl: ...}`` so that a report in Dutch gives the reason in Dutch.
    """
    if raw is None:
        return (), (None, None)
    params = raw.get("parameters") if isinstance(raw, dict) else None
    because = raw.get("omdat") if isinstance(raw, dict) else None
    if isinstance(because, dict) and set(because) <= {"en", "nl"} and all(isinstance(v, str) for v in because.values()):
        english, dutch = because.get("en"), because.get("nl")
    else:
        english, dutch = because, None
    if not (isinstance(params, list) and params and all(isinstance(p, str) for p in params)):
        params = None
    if params is None or not (isinstance(english, str) and english.strip()):
        errors.append(
            Said(
                N_(
                    "{where}: 'werkt_samen_met' needs 'parameters' (a list of paths) and 'omdat' (why: text, "
                    "or a mapping with 'en' and 'nl' to text)"
                ),
                where=where,
            )
        )
        return (), (None, None)
    return tuple(params), (" ".join(english.split()), " ".join(dutch.split()) if dutch else None)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _citations(raw: list[Any], where: str, errors: list[str]) -> tuple[Citation, ...]:
    out = []
    for item in raw:
        try:
            out.append(parse_citation(item, where))
        except CitationError as exc:
            errors.append(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc))
    return tuple(out)


@cache
def shipped_layers() -> dict[str, ScenarioLayer]:
    """The scenarios shipped in ``law/scenarios/`` (validated on load)."""
    folder = resources.files("inburgering.law") / "scenarios"
    layers: dict[str, ScenarioLayer] = {}
    errors: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            with entry.open(encoding="utf-8") as handle:
                layer, errs = parse_layer(yaml.safe_load(handle), entry.name)
            errors += errs
            if layer is not None:
                layers[layer.id] = layer
    if errors:
        raise ScenarioError(errors)
    return layers


MAX_OWN_BYTES = 100_000
"""The largest scenario a page or an API request takes from a user: a scenario is a few kilobytes,
and a comparison stores it with its run (the command line reads files up to ``safe_yaml.MAX_BYTES``)."""


def load_scenario_file(path: str | Path) -> ScenarioLayer:
    """Read a user's scenario file; raise :class:`ScenarioError` with every problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError([Said(N_("{path}: cannot read scenario: {exc}"), path=path, exc=exc)]) from None
    return load_scenario_text(text, str(path))


def load_scenario_text(text: str, origin: str = "scenario") -> ScenarioLayer:
    """A user's scenario from YAML (or JSON, which is YAML) text; raise :class:`ScenarioError` with every problem."""
    try:
        raw = safe_yaml.load(text)
    except (yaml.YAMLError, safe_yaml.UnsafeYamlError) as exc:
        raise ScenarioError([Said(N_("{origin}: cannot read scenario: {exc}"), origin=origin, exc=exc)]) from None
    return replace(load_scenario_data(raw, origin), text=text)


def load_scenario_data(raw: Any, origin: str = "scenario") -> ScenarioLayer:
    """A user's scenario from parsed data (dates as ``datetime.date``); raise :class:`ScenarioError` with every problem."""
    path = origin
    layer, errors = parse_layer(raw, str(path))
    if layer is None:
        raise ScenarioError(errors)
    if layer.id in shipped_layers():
        errors.append(Said(N_("{path}: id {id!r} is taken by a shipped scenario"), path=path, id=layer.id))
    # a user scenario must resolve against the shipped ones; report parse and resolve errors together
    chain = _chain(layer, {**shipped_layers(), layer.id: layer}, errors)
    try:
        resolve_layers(chain, layer.id)
    except ScenarioError as exc:
        errors += exc.errors
    if errors:
        raise ScenarioError(errors)
    return replace(layer, source=raw)


def _chain(layer: ScenarioLayer, known: Mapping[str, ScenarioLayer], errors: list[str]) -> list[ScenarioLayer]:
    chain = [layer]
    seen = {layer.id}
    current = layer
    while current.base:
        base = known.get(current.base)
        if base is None:
            errors.append(
                Said(
                    N_("{id}: base {base!r} does not exist; known: {known}"),
                    id=current.id,
                    base=current.base,
                    known=", ".join(sorted(known)),
                )
            )
            break
        if base.id in seen:
            errors.append(Said(N_("{id}: base chain loops at {base!r}"), id=current.id, base=base.id))
            break
        seen.add(base.id)
        chain.insert(0, base)
        current = base
    return chain


def resolve(spec: str, extra: Mapping[str, ScenarioLayer] | None = None) -> Scenario:
    """Resolve ``spec`` (``id`` or ``id+id+...``) against shipped and ``extra`` layers.

    The spec is normalised first (parts stripped, a repeated part once), so that spellings of
    one stack share one cached scenario; the cache keeps the most recent few (each holds a
    parameter set), so no stream of variants can grow it without bound.
    """
    spec = normalise_spec(spec)
    return _resolve_cached(spec) if not extra else _resolve_uncached(spec, extra)


def normalise_spec(spec: str) -> str:
    """``" a + b+a "`` -> ``"a+b"``: parts stripped, empty parts dropped, each part once in its first place."""
    return "+".join(dict.fromkeys(p.strip() for p in spec.split("+") if p.strip()))


@lru_cache(maxsize=64)
def _resolve_cached(spec: str) -> Scenario:
    return _resolve_uncached(spec, {})


def _resolve_uncached(spec: str, extra: Mapping[str, ScenarioLayer]) -> Scenario:
    known = {**shipped_layers(), **extra}
    errors: list[str] = []
    layers: list[ScenarioLayer] = []
    for part in spec.split("+"):
        part = part.strip()
        if part not in known:
            close = difflib.get_close_matches(part, list(known), n=1, cutoff=0.6)
            if close:
                message = N_("unknown scenario {part!r}; did you mean {close!r}? known: {known}")
                errors.append(Said(message, part=part, close=close[0], known=", ".join(sorted(known))))
            else:
                errors.append(
                    Said(N_("unknown scenario {part!r}; known: {known}"), part=part, known=", ".join(sorted(known)))
                )
            continue
        for layer in _chain(known[part], known, errors):
            if layer.id not in {lay.id for lay in layers}:
                layers.append(layer)
    if errors:
        raise ScenarioError(errors)
    return resolve_layers(layers, spec)


def resolve_layers(layers: list[ScenarioLayer], spec: str) -> Scenario:
    """Apply ``layers`` in order to the shipped parameters; all errors at once."""
    errors: list[str] = []
    dates: dict[str, _dt.date] = {}
    for layer in layers:
        for name, moved in layer.dates.items():
            qualified = name if "." in name else f"{layer.id}.{name}"
            if "." in name and name not in dates:
                errors.append(
                    Said(
                        N_("{id}: moves unknown date {name!r}; known: {known}"),
                        id=layer.id,
                        name=name,
                        known=sorted(dates),
                    )
                )
            dates[qualified] = moved
    params = load_parameters()
    for layer in layers:
        for i, change in enumerate(layer.changes):
            where = f"{layer.id}.changes[{i}] ({change.parameter})"
            if change.parameter not in params:
                errors.append(Said(N_("{where}: unknown parameter; 'inburgering parameters' lists them"), where=where))
                continue
            param = params[change.parameter]
            if not param.modelled:
                errors.append(
                    Said(
                        N_(
                            "{where}: not modelled, so changing it would change no result ({reason}); 'inburgering parameters' marks the parameters a scenario can change"
                        ),
                        where=where,
                        reason=param.not_modelled,
                    )
                )
                continue
            if change.unit is not None and change.unit != param.unit:
                errors.append(
                    Said(
                        N_("{where}: unit {unit!r} does not match the parameter's {expected!r}"),
                        where=where,
                        unit=change.unit,
                        expected=param.unit,
                    )
                )
            new_values = []
            for key, value in change.values:
                when = _when(key, layer.id, dates)
                if when is None:
                    errors.append(
                        Said(N_("{where}: {key!r} is neither a date nor a known date name"), where=where, key=key)
                    )
                    continue
                problem = param.check_value(value)
                if problem:
                    errors.append(Said(N_("{where} from {when}: {problem}"), where=where, when=when, problem=problem))
                new_values.append(DatedValue(np.datetime64(when, "D"), value, change.source))
            order = [v.vanaf for v in new_values]
            if order != sorted(order) or len(set(order)) != len(order):
                errors.append(
                    Said(N_("{where}: dates out of order: {dates}"), where=where, dates=[str(d) for d in order])
                )
                continue
            if new_values and not errors:
                first = new_values[0].vanaf
                kept = tuple(v for v in param.values if v.vanaf < first)
                params = params.replaced(change.parameter, kept + tuple(new_values))
    if errors:
        raise ScenarioError(errors)
    return Scenario(spec, tuple(layers), params, dates)


def _when(key: Any, layer_id: str, dates: Mapping[str, _dt.date]) -> _dt.date | None:
    if isinstance(key, _dt.date):
        return key
    if isinstance(key, str):
        return dates.get(key if "." in key else f"{layer_id}.{key}")
    return None


def warnings_for(scenario: Scenario, horizon_end: Any = "2040-12-31") -> list[str]:
    """Warnings for a scenario that changes nothing, or nothing before ``horizon_end``."""
    if scenario.id == BASELINE or not scenario.changed_paths():
        return [] if scenario.id == BASELINE else [f"{scenario.id}: changes no parameter"]
    base = load_parameters()
    end = np.datetime64(horizon_end, "D")
    effective = []
    for path in scenario.changed_paths():
        mine, theirs = scenario.parameters[path], base[path]
        points = sorted({v.vanaf for v in mine.values + theirs.values if v.vanaf <= end})
        if any(mine.at(p).value != theirs.at(p).value for p in points):
            effective.append(path)
    if not effective:
        return [f"{scenario.id}: changes nothing in force on or before {end}"]
    return []


def simulation_notes(scenario: Scenario) -> list[str]:
    """Changes of ``scenario`` that the simulation cannot act on (the person calculator does), with why.

    A simulation audit found a comparison of a scenario that lowered such a lever reported as
    "changes nothing", which read as if the measure had no effect. The law's parameter says why
    (``simulatie: nee``); a change a shipped scenario already declares (``niet_in_simulatie``)
    says it in the scenario's own table.
    """
    declared = {c.parameter for layer in scenario.layers for c in layer.changes if c.not_simulated}
    out = []
    for path in scenario.changed_paths():
        reason = scenario.parameters[path].not_simulated
        if reason and path not in declared:
            out.append(f"{scenario.id}: {path} acts in the person calculator only, not in the simulation: {reason}")
    return out
