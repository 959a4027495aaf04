"""Behavioural assumptions: what people and municipalities do, as distinct from what the law says.

Each parameter in ``*.yaml`` here has a value, a prior range (for the uncertainty analysis), a
unit, a source and a status: ``confirmed`` (read in the primary source), ``secondary`` (a
reputable report of it), ``letter-only`` (only in the VWN letter), ``derived`` (arithmetic
on sourced figures, shown in ``note``) or ``assumption`` (no evidence; the prior says how
unsure we are). The rulebook never reads these; the simulation never hard-codes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

STATUSES = ("confirmed", "secondary", "letter-only", "derived", "assumption")


class BehaviourError(ValueError):
    """An invalid behavioural parameter file; the message lists every problem."""


@dataclass(frozen=True)
class Assumption:
    """One behavioural parameter."""

    path: str
    value: float
    prior: tuple[float, float]
    unit: str
    source: str
    status: str
    note: str = ""


class Behaviour(Mapping[str, Assumption]):
    """Immutable set of behavioural parameters; ``with_values`` makes a changed copy."""

    def __init__(self, items: Mapping[str, Assumption]):
        self._items = dict(items)

    def __getitem__(self, path: str) -> Assumption:
        try:
            return self._items[path]
        except KeyError:
            raise BehaviourError(f"unknown behavioural parameter {path!r}") from None

    def __contains__(self, path: object) -> bool:
        return path in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def v(self, path: str) -> float:
        """The value of ``path``."""
        return self[path].value

    def traced(self, on_read: Callable[[str], None]) -> Behaviour:
        """A copy that calls ``on_read`` with every parameter a run looks up (to find the live ones)."""
        return _TracedBehaviour(self._items, on_read)

    def with_values(self, values: Mapping[str, float]) -> Behaviour:
        """A copy with some values replaced (calibration and uncertainty draws use this)."""
        items = dict(self._items)
        for path, value in values.items():
            old = self[path]
            items[path] = Assumption(path, float(value), old.prior, old.unit, old.source, old.status, old.note)
        return Behaviour(items)


def parse_behaviour(files: Mapping[str, Any]) -> Behaviour:
    """Build from parsed YAML (topic → mapping); every problem is reported at once."""
    errors: list[str] = []
    items: dict[str, Assumption] = {}
    for topic, content in files.items():
        for name, raw in (content or {}).items():
            path = f"{topic}.{name}"
            if not isinstance(raw, dict):
                errors.append(f"{path}: must be a mapping")
                continue
            missing = {"value", "prior", "unit", "source", "status"} - set(raw)
            if missing:
                errors.append(f"{path}: missing {', '.join(sorted(missing))}")
                continue
            value, prior = raw["value"], raw["prior"]
            if not isinstance(value, int | float) or isinstance(value, bool):
                errors.append(f"{path}: value must be a number, got {value!r}")
                continue
            if not (isinstance(prior, list) and len(prior) == 2 and prior[0] <= value <= prior[1]):
                errors.append(f"{path}: prior must be [low, high] around the value {value}, got {prior!r}")
                continue
            if raw["status"] not in STATUSES:
                errors.append(f"{path}: status {raw['status']!r} not one of {', '.join(STATUSES)}")
                continue
            if raw["status"] == "derived" and not raw.get("note"):
                errors.append(f"{path}: a derived value needs a 'note' with the arithmetic")
                continue
            items[path] = Assumption(
                path,
                float(value),
                (float(prior[0]), float(prior[1])),
                str(raw["unit"]),
                str(raw["source"]),
                str(raw["status"]),
                str(raw.get("note", "")),
            )
    if errors:
        raise BehaviourError("invalid behavioural parameters:\n  " + "\n  ".join(errors))
    return Behaviour(items)


CALIBRATED_FILE = "calibrated.yaml"


def shipped_path() -> Path:
    """Where the committed calibrated values live (beside the assumptions they calibrate).

    ``inburgering calibrate`` writes this file; the loader only reads it, so the simulation
    needs none of the calibration code (the layers: calibration sits above the simulation).
    """
    return Path(str(resources.files("inburgering.sim.behaviour").joinpath(CALIBRATED_FILE)))


def shipped_values() -> dict[str, float]:
    """The calibrated values shipped now, by path (what a refit of some keeps for the others; the fit page's list)."""
    doc = yaml.safe_load(shipped_path().read_text(encoding="utf-8")) or {}
    return {str(k): float(v) for k, v in (doc.get("values") or {}).items()}


def apply_calibrated(base: Behaviour, path: Path) -> Behaviour:
    """``base`` with the calibrated values in ``path`` (each must be a known parameter within its prior)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    values = {str(k): float(v) for k, v in dict(doc["values"]).items()}
    problems = []
    for name, value in values.items():
        if name not in base:
            problems.append(f"{name}: unknown behavioural parameter")
        elif not base[name].prior[0] <= value <= base[name].prior[1]:
            problems.append(f"{name}: value {value} outside its prior {base[name].prior}")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return base.with_values(values)


@cache
def load_behaviour(calibrated: bool = True) -> Behaviour:
    """The shipped behavioural parameters, with the committed calibrated values unless ``calibrated=False``."""
    base = _load_base()
    if not calibrated:
        return base
    path = shipped_path()
    return apply_calibrated(base, path) if path.is_file() else base


@cache
def _load_base() -> Behaviour:
    folder = resources.files("inburgering.sim.behaviour")
    files = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.name != CALIBRATED_FILE:
            with entry.open(encoding="utf-8") as handle:
                files[entry.name.removesuffix(".yaml")] = yaml.safe_load(handle)
    return parse_behaviour(files)


class _TracedBehaviour(Behaviour):
    """A behaviour that reports each lookup; what a run reads is what can move its results."""

    def __init__(self, items: Mapping[str, Assumption], on_read: Callable[[str], None]):
        super().__init__(items)
        self._on_read = on_read

    def v(self, path: str) -> float:
        self._on_read(path)
        return super().v(path)

    def __getitem__(self, path: str) -> Assumption:
        self._on_read(path)
        return super().__getitem__(path)
