"""The law as data: dated, cited parameters loaded from ``law/parameters/*.yaml``.

Each YAML file is one topic of the law; each parameter in it has a description in English
and Dutch, a unit, a type, its citations and its values keyed by the date from which they
hold (a value holds until the next one). A :class:`ParameterSet` is immutable: scenarios
make a new one (see ``scenario.py``) instead of changing it, so one loaded set can be shared
by the calculator, the simulation and the API without anyone seeing someone else's changes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from inburgering.i18n import N_, Said
from inburgering.law.citations import Citation, CitationError, parse_citation

TYPES = ("int", "float", "bool", "date", "enum", "list")
UNITS = (
    "months",
    "days",
    "weeks",
    "years",
    "hours",
    "euro",
    "count",
    "share",
    "level",
    "flag",
    "date",
    "code",
    "list",
)


class ParameterError(ValueError):
    """A parameter file or lookup that is wrong; the message says what and where."""


@dataclass(frozen=True)
class DatedValue:
    """One value of a parameter and the date from which it holds (inclusive)."""

    vanaf: np.datetime64
    value: Any
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Parameter:
    """A legal number with its history. ``values`` are sorted by ``vanaf``."""

    path: str
    description: Mapping[str, str]
    unit: str
    type: str
    values: tuple[DatedValue, ...]
    allowed: tuple[str, ...] = ()
    note: str | None = None
    not_modelled: str | None = None  # why nothing reads it (``gemodelleerd: nee`` with its ``reden``)
    # why the simulation cannot act on it, where only the person calculator does (``simulatie: nee``, ``reden_simulatie``)
    not_simulated: str | None = None

    @property
    def modelled(self) -> bool:
        """Whether a rule or a cost item reads this parameter, so that changing it can change a result."""
        return self.not_modelled is None

    def at(self, date: Any) -> DatedValue:
        """The value in force on ``date`` (a value holds from its date until the next)."""
        day = np.datetime64(date, "D")
        current = None
        for dated in self.values:
            if dated.vanaf <= day:
                current = dated
            else:
                break
        if current is None:
            raise ParameterError(
                f"parameter {self.path!r} has no value on {day}; its first value holds from {self.values[0].vanaf}"
            )
        return current

    def values_at(self, dates: np.ndarray) -> np.ndarray:
        """The value in force on each of ``dates`` (numbers only); ``NaT`` gives the first value.

        >>> p = load_parameters()["financiering.spuk_prijs_traject_asiel"]
        >>> p.values_at(np.array(["2024-06-01", "2025-06-01"], dtype="datetime64[D]")).tolist()
        [10000.0, 11600.0]
        """
        values = np.array([v.value for v in self.values], dtype=np.float64)
        at = np.searchsorted(self.breakpoints(), dates, side="right") - 1
        return values[np.clip(at, 0, len(values) - 1)]

    def breakpoints(self) -> np.ndarray:
        """The dates on which a new value starts, as ``datetime64[D]``."""
        return np.array([v.vanaf for v in self.values], dtype="datetime64[D]")

    def check_value(self, value: Any) -> str | None:
        """Why ``value`` does not fit this parameter's type, or ``None`` when it does."""
        return check_type(self.type, value, self.allowed)


def check_type(kind: str, value: Any, allowed: tuple[str, ...] = ()) -> str | None:
    """Return a message when ``value`` is not of ``kind``; used for files and scenarios alike."""
    if kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind == "date":
        ok = isinstance(value, _dt.date)
    elif kind == "enum":
        ok = isinstance(value, str) and value in allowed
        if not ok:
            return Said(N_("expected one of {allowed}, got {value!r}"), allowed=", ".join(allowed), value=value)
    elif kind == "list":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        return Said(N_("unknown type {kind!r}"), kind=kind)
    return None if ok else Said(N_("expected a value of type {kind}, got {value!r}"), kind=kind, value=value)


class ParameterSet(Mapping[str, Parameter]):
    """An immutable mapping of parameter path (``topic.name``) to :class:`Parameter`."""

    def __init__(self, parameters: Mapping[str, Parameter]):
        self._params = dict(parameters)

    def __getitem__(self, path: str) -> Parameter:
        try:
            return self._params[path]
        except KeyError:
            raise ParameterError(f"unknown parameter {path!r}") from None

    def __contains__(self, path: object) -> bool:
        return path in self._params

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    def value(self, path: str, date: Any) -> Any:
        """The plain value of ``path`` in force on ``date``."""
        return self[path].at(date).value

    def live(self) -> list[str]:
        """Paths of the parameters something reads (the levers a scenario may pull)."""
        return [path for path, param in self._params.items() if param.modelled]

    def replaced(self, path: str, values: tuple[DatedValue, ...]) -> ParameterSet:
        """A new set in which ``path`` has ``values`` (used by scenario resolution)."""
        params = dict(self._params)
        params[path] = replace(self[path], values=values)
        return ParameterSet(params)


@dataclass
class _Loader:
    errors: list[str] = field(default_factory=list)

    def declared_no(self, path: str, raw: Any, key: str, reason_key: str) -> str | None:
        """The reason of a ``key: nee`` mark (``gemodelleerd``, ``simulatie``), or None where there is none."""
        if key not in raw:
            return None
        reason = raw.get(reason_key)
        if raw[key] != "nee" or not (isinstance(reason, str) and reason.strip()):
            self.errors.append(f"{path}: '{key}' may only be 'nee', with a '{reason_key}' saying why")
        return " ".join(str(reason).split())

    def parameter(self, topic: str, name: str, raw: Any) -> Parameter | None:
        path = f"{topic}.{name}"
        if not isinstance(raw, dict):
            self.errors.append(f"{path}: must be a mapping")
            return None
        missing = {"description", "unit", "type", "citations", "values"} - set(raw)
        if missing:
            self.errors.append(f"{path}: missing {', '.join(sorted(missing))}")
            return None
        unit, kind = raw["unit"], raw["type"]
        if unit not in UNITS:
            self.errors.append(f"{path}: unit {unit!r} not one of {', '.join(UNITS)}")
        if kind not in TYPES:
            self.errors.append(f"{path}: type {kind!r} not one of {', '.join(TYPES)}")
        desc = raw["description"]
        if not (isinstance(desc, dict) and {"en", "nl"} <= set(desc)):
            self.errors.append(f"{path}: description needs 'en' and 'nl'")
        try:
            citations = tuple(parse_citation(c, path) for c in raw["citations"])
        except CitationError as exc:
            self.errors.append(str(exc))
            return None
        if not citations:
            self.errors.append(f"{path}: needs at least one citation")
        allowed = tuple(raw.get("allowed", ()))
        values = []
        for when, value in sorted(raw["values"].items(), key=lambda kv: str(kv[0])):
            if not isinstance(when, _dt.date):
                self.errors.append(f"{path}: value key {when!r} is not a date (YYYY-MM-DD)")
                continue
            problem = check_type(kind, value, allowed)
            if problem:
                self.errors.append(f"{path} from {when}: {problem}")
            values.append(DatedValue(np.datetime64(when, "D"), value, citations))
        if not values:
            self.errors.append(f"{path}: has no values")
            return None
        not_modelled = self.declared_no(path, raw, "gemodelleerd", "reden")
        not_simulated = self.declared_no(path, raw, "simulatie", "reden_simulatie")
        return Parameter(
            path, dict(desc), unit, kind, tuple(values), allowed, raw.get("note"), not_modelled, not_simulated
        )


def load_parameters_from(files: dict[str, Any]) -> ParameterSet:
    """Build a parameter set from parsed YAML documents (topic name → mapping).

    Every problem in every file is collected and reported at once.
    """
    loader = _Loader()
    params: dict[str, Parameter] = {}
    for topic, content in files.items():
        if not isinstance(content, dict):
            loader.errors.append(f"{topic}: file must be a mapping of parameters")
            continue
        for name, raw in content.items():
            param = loader.parameter(topic, name, raw)
            if param is not None:
                params[param.path] = param
    if loader.errors:
        raise ParameterError("invalid parameter files:\n  " + "\n  ".join(loader.errors))
    return ParameterSet(params)


def law_start(params: ParameterSet) -> np.datetime64:
    """The day the Wet inburgering 2021 applies from: the first value of ``plicht.ingangsdatum_wet``.

    Parameters have no values before it, so every lookup that needs "some date the law is in
    force" and every guard against earlier dates uses this.
    """
    return params["plicht.ingangsdatum_wet"].values[0].vanaf


@cache
def load_parameters() -> ParameterSet:
    """The law's parameters as shipped with the package (loaded once, immutable)."""
    folder = resources.files("inburgering.law") / "parameters"
    files: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            with entry.open(encoding="utf-8") as handle:
                files[entry.name.removesuffix(".yaml")] = yaml.safe_load(handle)
    return load_parameters_from(files)


class TracedParameters(ParameterSet):
    """A view of a parameter set that reports every parameter looked up, to ``on_read``.

    The rulebook's Context uses it to record what each rule reads (its trace), and a test uses it
    to find parameters that nothing reads. It shares the wrapped set's data and is as immutable.
    """

    def __init__(self, inner: ParameterSet, on_read: Callable[[str], None]):
        self._params = inner._params
        self._inner = inner
        self._on_read = on_read

    def __getitem__(self, path: str) -> Parameter:
        self._on_read(path)
        return self._inner[path]
