"""What a comparison is asked to do, checked all at once, and the key it is stored under.

The key covers everything that changes the numbers: each scenario's resolved parameter hash,
the seed, the number of draws, whether the changes are attributed, the population (scale, last cohort, horizon), the code (its
version and a hash of its sources, :mod:`inburgering.fingerprint`) and a hash of the behavioural values in use (including the calibrated ones). The report's
language is not in it: one stored run serves both languages.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from inburgering.fingerprint import code_fingerprint
from inburgering.i18n import N_, Said
from inburgering.law.scenario import Scenario, ScenarioError, ScenarioLayer, load_scenario_text, resolve
from inburgering.sim.behaviour import Behaviour, load_behaviour
from inburgering.sim.population import scale_problem

DEFAULT_SCENARIOS = ("wi2021", "coalitie-2026", "coalitie-2026+vwn-2026")
LANGUAGES = ("en", "nl")
TABLES_VERSION = 3  # raise when the stored tables change shape, so old runs are not served as new


class RequestError(ValueError):
    """A comparison request with problems; ``problems`` lists every one."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CompareRequest:
    """One comparison: scenarios (the first is the baseline), draws and the population."""

    scenarios: tuple[str, ...] = DEFAULT_SCENARIOS
    draws: int = 15
    seed: int = 1
    scale: float = 0.15
    last_inflow_year: int = 2030
    horizon: str = "2040-12"
    per_change: bool = False  # also run each scenario's changes in part (attribution)
    extra: Mapping[str, ScenarioLayer] = field(default_factory=dict, compare=False, hash=False)

    def validate(self) -> list[Scenario]:
        """The resolved scenarios; raises :class:`RequestError` listing every problem."""
        problems: list[str] = []
        resolved: list[Scenario] = []
        if not self.scenarios:
            problems.append(Said(N_("scenarios: none given; allowed: one or more scenario ids or stacks (a+b)")))
        if len(set(self.scenarios)) != len(self.scenarios):
            problems.append(Said(N_("scenarios: {value!r} names a scenario twice"), value=",".join(self.scenarios)))
        for spec in self.scenarios:
            try:
                resolved.append(resolve(spec, dict(self.extra) or None))
            except ScenarioError as exc:
                problems += [Said(N_("scenarios: {spec!r}: {problem}"), spec=spec, problem=e) for e in exc.errors]
        if not isinstance(self.draws, int) or not 1 <= self.draws <= 10_000:
            problems.append(
                Said(
                    N_("draws: value {value!r} is not allowed; allowed: a whole number from 1 to 10000"),
                    value=self.draws,
                )
            )
        if not isinstance(self.per_change, bool):
            problems.append(
                Said(N_("per_change: value {value!r} is not allowed; allowed: true or false"), value=self.per_change)
            )
        if not isinstance(self.seed, int) or self.seed < 0:
            problems.append(
                Said(N_("seed: value {value!r} is not allowed; allowed: a whole number of 0 or more"), value=self.seed)
            )
        if problem := scale_problem(self.scale, 10):
            problems.append(Said(N_("scale: {problem}"), problem=problem))
        if not 2022 <= self.last_inflow_year <= 2040:
            problems.append(
                Said(
                    N_("last_inflow_year: value {value!r} is not allowed; allowed: 2022 to 2040"),
                    value=self.last_inflow_year,
                )
            )
        try:
            end = _dt.date.fromisoformat(self.horizon + "-01")
            if end.year < self.last_inflow_year or end.year > 2060:
                problems.append(
                    Said(
                        N_("horizon: value {value!r} is not allowed; allowed: a month from {year} to 2060"),
                        value=self.horizon,
                        year=self.last_inflow_year,
                    )
                )
        except ValueError:
            problems.append(
                Said(
                    N_("horizon: value {value!r} is not allowed; allowed: a month written YYYY-MM"), value=self.horizon
                )
            )
        if problems:
            raise RequestError(problems)
        return resolved

    @property
    def baseline(self) -> str:
        """The scenario differences are taken against (the first one)."""
        return self.scenarios[0]

    def describe(self) -> dict[str, object]:
        """The request as plain JSON-able data (for the catalogue and the report).

        A user's scenarios go along as their YAML (``ownScenarios``), so that a stored run can
        show them and be run again by a server that never saw the file.
        """
        out = asdict(self)
        out.pop("extra")
        out["scenarios"] = list(self.scenarios)
        if self.extra:
            out["ownScenarios"] = {sid: layer.as_text() for sid, layer in self.extra.items()}
        return out

    @classmethod
    def from_description(cls, described: Mapping[str, Any]) -> CompareRequest:
        """The request :meth:`describe` gave, user scenarios included; raises ScenarioError for a damaged one."""
        raw = dict(described)
        own = raw.pop("ownScenarios", None) or {}
        raw["scenarios"] = tuple(raw.get("scenarios", ()))
        extra = {sid: load_scenario_text(text, f"stored scenario {sid}") for sid, text in own.items()}
        return cls(**raw, extra=extra)

    def _units(self) -> dict[str, list[list[str]]]:
        """Each scenario's units (parameter paths) for the key: a changed grouping changes the variants."""
        from inburgering.compare.attribution import change_units

        extra = dict(self.extra) or None
        return {s: [list(u.parameters) for u in change_units(s, self.baseline, extra)] for s in self.scenarios[1:]}

    def key(self, behaviour: Behaviour | None = None) -> str:
        """The run-store key: a hash of everything that changes the numbers."""
        scenarios = self.validate()
        content = {
            "scenarios": [[s.id, s.hash] for s in scenarios],
            "seed": self.seed,
            "draws": self.draws,
            "population": [self.scale, self.last_inflow_year, self.horizon],
            # absent when off, so old keys stay valid; the units, since a variant's bit string means them
            **({"perChange": self._units()} if self.per_change else {}),
            "code": code_fingerprint(),
            "tables": TABLES_VERSION,
            "behaviour": behaviour_hash(behaviour or load_behaviour()),
            # a user's scenario whole (titles, sources, reasoning), not only its values: the run stores
            # and shows its text, so two people's scenarios that share an id and values stay apart
            **(
                {"own": {sid: _digest(layer.as_text()) for sid, layer in sorted(self.extra.items())}}
                if self.extra
                else {}
            ),
        }
        blob = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(blob).hexdigest()[:20]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def behaviour_hash(behaviour: Behaviour) -> str:
    """Hash of every behavioural value and prior (a changed YAML or calibration gives a new key)."""
    content = {p: [a.value, list(a.prior)] for p, a in sorted(behaviour.items())}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


MAX_SERVER_WORK = 100.0
"""Draws x scale x scenarios one request may ask of a shared server (200 x 0.15 x 3 = 90; the main
job is 6.75). The command line has no such cap: a laptop's owner decides, and Dask spreads it."""
MAX_WAITING = 10  # comparisons a server keeps waiting; one more is a 429 with Retry-After


class QueueFull(Exception):
    """The server's queue of comparisons is full; ``retry_after`` seconds is a fair wait."""

    def __init__(self, waiting: int, retry_after: int):
        super().__init__(f"{waiting} comparisons are waiting")
        self.waiting, self.retry_after = waiting, retry_after


SECONDS_PER_UNIT_ON_2_CORES = 128.6 / 6.75
"""Wall seconds per draw x scenario x scale on a 2-core machine: the main job (15 x 3 x 0.15 =
6.75) took 128.6 s on 2 cores (docs/performance.md, "The main job", 2026-12-05). The time grows
with the work, the population's size included, and shrinks with the cores Dask can use."""


def estimate_seconds(draws: int, scenarios: int, scale: float, cores: int) -> float:
    """About how long a comparison takes on ``cores`` cores (tasks run one per core)."""
    return draws * scenarios * scale * SECONDS_PER_UNIT_ON_2_CORES * 2 / max(1, cores)


def server_work_problem(request: CompareRequest) -> str | None:
    """Why a server will not take ``request`` on (too much work for one request), or ``None``."""
    work = request.draws * request.scale * len(request.scenarios)
    if work > MAX_SERVER_WORK:
        return (
            f"draws x scale x scenarios is {work:g}; a server takes at most {MAX_SERVER_WORK:g} per request "
            "(fewer draws or a smaller scale; the command line 'inburgering compare' has no cap)"
        )
    return None
