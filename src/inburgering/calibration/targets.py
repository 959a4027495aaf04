"""Calibration targets: loading and validating ``targets.yaml``.

A target says what was measured (value, population, date), how the model measures the same
(a named measure with parameters, see :mod:`inburgering.calibration.measures`), how close is
close enough (tolerance), where the figure comes from (source, status) and whether it is
used to fit parameters or only to check them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from inburgering import safe_yaml

STATUSES = ("C", "S", "L", "D")
# derived: follows from fit targets and inputs; context: another regime, population or an undefined
# measure, set beside the model to show the distance, not a like-for-like check; both shown, not counted
USES = ("fit", "check", "derived", "input", "context")
"""fit: used to estimate parameters; check: independent, never fitted nor an input; input: a figure the
population or behaviour is built from (a cohort size, a route share, a rate), shown to prove the model
reproduces it but not counted as validation."""
_REQUIRED = ("id", "description", "value", "measure", "params", "tolerance", "source", "status", "use")


@dataclass(frozen=True)
class Target:
    """One published figure and how the model reproduces it."""

    id: str
    description: str
    value: float
    measure: str
    params: dict[str, Any]
    tolerance: float
    source: str
    status: str
    use: str
    gap: str = ""  # why the model may miss this figure (shown when it does)
    description_nl: str = ""  # the same in Dutch, for a report in Dutch (``description_nl`` in the file)
    gap_nl: str = ""

    def text(self, field: str, lang: str) -> str:
        """``description`` or ``gap`` in ``lang``; the English where a file gives no Dutch (a user's targets)."""
        english: str = getattr(self, field)
        return (getattr(self, f"{field}_nl") or english) if lang == "nl" else english


class TargetError(ValueError):
    """A targets file with problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def load_targets(path: Path | None = None) -> list[Target]:
    """The shipped targets, or those in ``path``; every problem is reported at once."""
    from inburgering.calibration.measures import MEASURES

    if path is None:
        text = resources.files("inburgering.calibration").joinpath("targets.yaml").read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    else:  # a user's file: read with bounded work, and every failure a TargetError (exit 2)
        try:
            raw = safe_yaml.load(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError, safe_yaml.UnsafeYamlError) as exc:
            raise TargetError([f"{path}: cannot be read ({exc})"]) from None
    if not isinstance(raw, list):
        raise TargetError(["targets: the file must hold a list of targets"])
    problems: list[str] = []
    out: list[Target] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, start=1):
        where = f"target {n}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        where = f"target {item.get('id', n)}"
        missing = [key for key in _REQUIRED if key not in item]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        if item["id"] in seen:
            problems.append(f"{where}: id used twice")
        seen.add(item["id"])
        if item["measure"] not in MEASURES:
            problems.append(f"{where}: measure {item['measure']!r} unknown; allowed: {', '.join(sorted(MEASURES))}")
        if item["status"] not in STATUSES:
            problems.append(f"{where}: status {item['status']!r}; allowed: {', '.join(STATUSES)}")
        if item["use"] not in USES:
            problems.append(f"{where}: use {item['use']!r}; allowed: {', '.join(USES)}")
        for key in ("value", "tolerance"):
            if not isinstance(item[key], int | float) or isinstance(item[key], bool):
                problems.append(f"{where}: {key} {item[key]!r} must be a number")
        if isinstance(item["tolerance"], int | float) and item["tolerance"] <= 0:
            problems.append(f"{where}: tolerance {item['tolerance']!r} must be positive")
        params = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in dict(item["params"]).items()}
        out.append(
            Target(
                str(item["id"]),
                str(item["description"]),
                float(item["value"]) if isinstance(item["value"], int | float) else 0.0,
                str(item["measure"]),
                params,
                float(item["tolerance"]) if isinstance(item["tolerance"], int | float) else 1.0,
                str(item["source"]),
                str(item["status"]),
                str(item["use"]),
                str(item.get("gap", "")),
                str(item.get("description_nl", "")),
                str(item.get("gap_nl", "")),
            )
        )
    if problems:
        raise TargetError(problems)
    return out
