"""The shape every rule has: a pure vectorised function from a context to an :class:`Outcome`.

Why reason codes: a trace for one person is needed in the calculator, but a million traces
of dicts would cost more than the rules themselves. So a rule returns, next to its values,
an ``int8`` reason code per person and the table of reason texts; ``trace.py`` turns the
code of one person into words only when asked. Rules never draw random numbers and never
loop over persons.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from inburgering.dates import MonthIndex
from inburgering.law.citations import Citation, parse_citation
from inburgering.law.parameters import ParameterSet
from inburgering.people.person import Persons

_PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)\}")


@dataclass(frozen=True)
class Reason:
    """Why a result came out as it did, in both languages.

    A number that comes from the law is written as a placeholder with the parameter's path,
    ``{termijn.duur}``, and filled in from the parameter set on the peildatum when the text is
    shown: a scenario with a 24-month term must not be told "36 months".
    """

    en: str
    nl: str

    def placeholders(self) -> set[str]:
        """Parameter paths this text takes its numbers from."""
        return set(_PLACEHOLDER.findall(self.en)) | set(_PLACEHOLDER.findall(self.nl))

    def text(self, lang: str, params: ParameterSet, peildatum: Any) -> str:
        """The text in ``lang`` (``en`` or ``nl``), numbers filled in from ``params`` on ``peildatum``."""
        raw = self.nl if lang == "nl" else self.en
        return _PLACEHOLDER.sub(lambda m: _show(params.value(m.group(1), peildatum), lang), raw)


def _show(value: Any, lang: str) -> str:
    """A parameter value as it reads in a sentence (``1.000`` in Dutch, ``1,000`` in English)."""
    if isinstance(value, bool):
        return ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
    if isinstance(value, int | float) and float(value).is_integer():
        text = f"{int(value):,}"
        return text.replace(",", ".") if lang == "nl" else text
    return str(value)


@dataclass(frozen=True)
class Outcome:
    """One output for every person.

    ``kind`` is ``date`` (``datetime64[D]``, ``NaT`` = null), ``tri`` (see ``logic.py``) or
    ``flags`` (an ``int8`` bitmask over ``labels``, ``-1`` = null).
    """

    name: str
    kind: str
    value: np.ndarray
    reason: np.ndarray
    reasons: tuple[Reason, ...]
    articles: tuple[Citation, ...]
    parameters: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # for kind "flags": bit i set means labels[i] applies


def cite(*articles: str) -> tuple[Citation, ...]:
    """Citations from short forms: ``"W 11.2"`` (the Act), ``"B 5.3"`` (the Besluit)."""
    out = []
    for short in articles:
        law, number = short.split(" ", 1)
        bwb = {"W": "BWBR0044770", "B": "BWBR0045555"}[law]
        out.append(parse_citation({"bwb": bwb, "artikel": number}, f"rule citation {short}"))
    return tuple(out)


RuleFunc = Callable[["Context"], Outcome]
RULES: dict[str, RuleFunc] = {}


def rule(name: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule under its output name (the JSON key of the calculator)."""

    def register(func: RuleFunc) -> RuleFunc:
        RULES[name] = func
        return func

    return register


@dataclass
class Context:
    """Persons, a peildatum and a parameter set; computes each outcome once, on demand."""

    persons: Persons
    peildatum: np.datetime64
    params: ParameterSet
    _cache: dict[str, Outcome] = field(default_factory=dict)
    _values: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.persons)

    def get(self, name: str) -> Outcome:
        """The outcome of rule ``name``, computed on first use."""
        if name not in self._cache:
            if name not in RULES:
                import inburgering.rules.registry  # noqa: F401  (registers every rule on first use)
            self._cache[name] = RULES[name](self)
        return self._cache[name]

    def p(self, path: str) -> Any:
        """A parameter's value on the peildatum."""
        return self.params.value(path, self.peildatum)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Shared intermediate arrays (exam summaries, ages) computed once per context."""
        if key not in self._values:
            self._values[key] = compute()
        return self._values[key]

    def months(self, name: str) -> MonthIndex:
        """The column ``name`` decomposed for month steps, built once per context."""
        result: MonthIndex = self.memo(f"months:{name}", lambda: MonthIndex(self.persons[name]))
        return result

    def col(self, name: str) -> np.ndarray:
        """A person column by input name."""
        return self.persons[name]
