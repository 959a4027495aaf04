"""The shape every rule has: a pure vectorised function from a context to an :class:`Outcome`.

Why reason codes: a trace for one person is needed in the calculator, but a million traces
of dicts would cost more than the rules themselves. So a rule returns, next to its values,
an ``int8`` reason code per person and the table of reason texts; ``trace.py`` turns the
code of one person into words only when asked. Rules never draw random numbers and never
loop over persons.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import numpy as np

from inburgering.dates import MonthIndex, as_date
from inburgering.i18n import format_number, gettext_for
from inburgering.law.citations import Citation, parse_citation
from inburgering.law.parameters import ParameterSet, TracedParameters
from inburgering.rules.person import Persons

_PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)\}")


@dataclass(frozen=True)
class Reason:
    """Why a result came out as it did, in both languages.

    A number that comes from the law is written as a placeholder with the parameter's path,
    ``{termijn.duur}``, and filled in from the parameter set on the peildatum when the text is
    shown: a scenario with a 24-month term must not be told "36 months". ``leeg`` says what a
    null value means with this reason, so that "not applicable" is never shown as "unknown".
    """

    en: str
    nl: str
    leeg: str = "onbekend"  # how a null value reads with this reason: onbekend | nvt (not applicable) | geen

    def placeholders(self) -> set[str]:
        """Parameter paths this text takes its numbers from."""
        return set(_PLACEHOLDER.findall(self.en)) | set(_PLACEHOLDER.findall(self.nl))

    def text(self, lang: str, params: ParameterSet, peildatum: Any) -> str:
        """The text in ``lang`` (``en`` or ``nl``), numbers filled in from ``params`` on ``peildatum``."""
        raw = {"nl": self.nl, "en": self.en}[lang]  # a rule's reasons are written with it, in both languages
        return _PLACEHOLDER.sub(lambda m: show_parameter(params.value(m.group(1), peildatum), lang), raw)


def show_parameter(value: Any, lang: str) -> str:
    """A parameter value as it reads in a sentence (``1.000`` in Dutch, ``1,000`` in English)."""
    _ = gettext_for(lang)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float) and float(value).is_integer():
        return format_number(value, lang)
    return str(value)


SMALL = 1024  # below this many persons a reason is chosen by masked writes (see Reasons.select)


@dataclass(frozen=True)
class Reasons:
    """A rule's reasons by name, in one table; the only place that turns a name into a code.

    Why names: a reason chosen by position in an ``np.select`` breaks silently when a reason
    is added, and a rule that tests another rule's reason *number* breaks with it. Rules
    choose reasons by name (:meth:`select`) and test another rule's reason by name
    (:meth:`Outcome.has`); the ``int8`` code per person stays, for speed.
    """

    names: tuple[str, ...]
    texts: tuple[Reason, ...]

    @classmethod
    def of(cls, **named: Reason) -> Reasons:
        """The table in the order given."""
        return cls(tuple(named), tuple(named.values()))

    def code(self, name: str) -> int:
        """The code of reason ``name``; a name the table does not have is a programming error."""
        try:
            return self.names.index(name)
        except ValueError:
            raise KeyError(f"no reason {name!r}; this rule has {', '.join(self.names)}") from None

    def select(self, cases: list[tuple[Any, str]], default: str) -> np.ndarray:
        """Per person the first reason whose condition holds, else ``default`` (``int8`` codes)."""
        conditions = [np.asarray(cond, dtype=bool) for cond, _ in cases]
        codes = [self.code(name) for _, name in cases]
        shape = np.broadcast_shapes(*(c.shape for c in conditions)) if conditions else ()
        out = np.full(shape, self.code(default), np.int8)
        # The last case first, so that an earlier case overwrites it (np.select's order). A
        # masked write branches per person and np.select copies every choice; blending with
        # a 0/-1 byte mask is branch-free and ~15x faster, and this runs ~20 times per evaluation.
        # For the few hundred persons the simulation asks about at a time, the masked write's
        # fewer calls win (about half the time; issue #20).
        if out.size < SMALL:  # copyto broadcasts ``where`` itself
            for cond, code in zip(reversed(conditions), reversed(codes), strict=True):
                np.copyto(out, np.int8(code), where=cond)
            return out
        for cond, code in zip(reversed(conditions), reversed(codes), strict=True):
            mask = np.negative(cond.view(np.int8))
            out &= ~mask
            out |= mask & np.int8(code)
        return out

    def fill(self, n: int, name: str) -> np.ndarray:
        """The same reason for ``n`` persons."""
        return np.full(n, self.code(name), np.int8)


@dataclass(frozen=True)
class Outcome:
    """One output for every person.

    ``kind`` is ``date`` (``datetime64[D]``, ``NaT`` = null), ``tri`` (see ``logic.py``) or
    ``flags`` (an ``int8`` bitmask over ``labels``, ``-1`` = null). ``parameters``, ``inputs``
    and ``uses`` (the other rules it asked) are recorded by the :class:`Context` while the rule
    runs, so a trace lists exactly what the rule read.
    """

    name: str
    kind: str
    value: np.ndarray
    reason: np.ndarray
    reasons: Reasons
    articles: tuple[Citation, ...]
    labels: tuple[str, ...] = ()  # for kind "flags": bit i set means labels[i] applies
    parameters: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()

    def has(self, name: str) -> np.ndarray:
        """Boolean per person: the reason is ``name``."""
        return np.asarray(self.reason == self.reasons.code(name))

    def why(self, i: int) -> Reason:
        """The reason for person ``i``."""
        return self.reasons.texts[int(self.reason[i])]


def cite(*articles: str) -> tuple[Citation, ...]:
    """Citations from short forms: ``"W 11.2"`` (the Act), ``"B 5.3"`` (the Besluit)."""
    return tuple(_cite(short) for short in articles)


@cache
def _cite(short: str) -> Citation:
    """One citation, parsed once: rules cite on every evaluation, and a citation never changes."""
    law, number = short.split(" ", 1)
    bwb = {"W": "BWBR0044770", "B": "BWBR0045555"}[law]
    return parse_citation({"bwb": bwb, "artikel": number}, f"rule citation {short}")


RuleFunc = Callable[["Context"], Outcome]
RULES: dict[str, RuleFunc] = {}


def rule(name: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule under its output name (the JSON key of the calculator)."""

    def register(func: RuleFunc) -> RuleFunc:
        RULES[name] = func
        return func

    return register


@dataclass
class _Reads:
    """What one rule (or one shared intermediate) read: parameters, inputs, other rules."""

    parameters: dict[str, None] = field(default_factory=dict)  # dicts keep the order of first use
    inputs: dict[str, None] = field(default_factory=dict)
    uses: dict[str, None] = field(default_factory=dict)

    def merge(self, other: _Reads) -> None:
        self.parameters.update(other.parameters)
        self.inputs.update(other.inputs)
        self.uses.update(other.uses)


_NO_READS = _Reads()


def _record_parameter(context: weakref.ref[Context], path: str) -> None:
    ctx = context()
    if ctx is not None:
        ctx.record_parameter(path)


class Context:
    """Persons, a peildatum and a parameter set; computes each outcome once, on demand.

    Like OpenFisca's tracer, the context records what each rule reads as it runs (parameters
    through ``p``/``params``, inputs through ``col``/``months``/``table``, other rules through
    ``get``). A shared intermediate computed once (``memo``) hands its reads to every rule that
    uses it, so the trace does not depend on which rule happened to compute it first.
    """

    def __init__(self, persons: Persons, peildatum: np.datetime64, params: ParameterSet, traced: bool = True):
        self.persons = persons
        self.peildatum = peildatum
        self.law = params
        self._cache: dict[str, Outcome] = {}
        self._values: dict[str, tuple[Any, _Reads]] = {}
        self._frames: list[_Reads] = []
        self._p: dict[str, Any] = {}
        self.params: ParameterSet = params
        if traced:
            # the traced view reaches back through a weak reference: a bound method would make a cycle
            # (context -> view -> context) that only the cyclic collector frees, so every evaluation's
            # arrays would stay in memory until it ran (issue #20: 1,000,000 persons ran ~30% slower
            # on fresh memory, and the simulation makes some 2,000 contexts a run)
            me = weakref.ref(self)
            self.params = TracedParameters(params, lambda path: _record_parameter(me, path))
        # untraced (the simulation asks for values only): no frames, no callback per parameter read
        # and the outcomes as the rules made them, ~10% of a small evaluation (issue #20); a flag,
        # not bound methods put on the instance, which would make the cycle above
        self._traced = traced

    def __len__(self) -> int:
        return len(self.persons)

    def _frame(self) -> _Reads | None:
        return self._frames[-1] if self._frames else None

    def record_parameter(self, path: str) -> None:
        """Note that the running rule read parameter ``path``."""
        frame = self._frame()
        if frame is not None:
            frame.parameters[path] = None

    def record_input(self, name: str) -> None:
        """Note that the running rule read input ``name``."""
        frame = self._frame()
        if frame is not None:
            frame.inputs[name] = None

    def get(self, name: str) -> Outcome:
        """The outcome of rule ``name``, computed on first use."""
        if not self._traced:
            return self._untraced_get(name)
        frame = self._frame()
        if frame is not None:
            frame.uses[name] = None
        if name not in self._cache:
            if name not in RULES:
                raise KeyError(f"no rule {name!r}; import inburgering.rules.registry to register the rulebook")
            self._frames.append(_Reads())
            try:
                outcome = RULES[name](self)
            finally:
                reads = self._frames.pop()
            self._cache[name] = replace(
                outcome,
                parameters=tuple(reads.parameters),
                inputs=tuple(reads.inputs),
                uses=tuple(u for u in reads.uses if u != name),
            )
        return self._cache[name]

    def _untraced_get(self, name: str) -> Outcome:
        """:meth:`get` without the trace: the outcome's ``parameters``, ``inputs`` and ``uses`` stay empty."""
        found = self._cache.get(name)
        if found is None:
            if name not in RULES:
                raise KeyError(f"no rule {name!r}; import inburgering.rules.registry to register the rulebook")
            found = self._cache[name] = RULES[name](self)
        return found

    def _untraced_memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """:meth:`memo` without the trace."""
        if key not in self._values:
            self._values[key] = (compute(), _NO_READS)
        return self._values[key][0]

    def p(self, path: str) -> Any:
        """A parameter's value on the peildatum (looked up once per context; every read is still recorded)."""
        self.record_parameter(path)
        if path not in self._p:
            self._p[path] = self.law.value(path, self.peildatum)
        return self._p[path]

    def in_force_since(self, path: str) -> np.datetime64:
        """The first day of the unbroken run of the value parameter ``path`` has on the peildatum.

        Why: a right that a reform adds (a bool switched on from a date) cannot start before
        that date, even when the event it hangs on (a BRP registration) came earlier.
        """
        param = self.params[path]
        current = param.at(self.peildatum)
        since = current.vanaf
        for dated in reversed([v for v in param.values if v.vanaf < current.vanaf]):
            if dated.value != current.value:
                break
            since = dated.vanaf
        return as_date(since)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Shared intermediate arrays (exam summaries, ages) computed once per context."""
        if not self._traced:
            return self._untraced_memo(key, compute)
        if key not in self._values:
            self._frames.append(_Reads())
            try:
                value = compute()
            finally:
                reads = self._frames.pop()
            self._values[key] = (value, reads)
        value, reads = self._values[key]
        frame = self._frame()
        if frame is not None:
            frame.merge(reads)
        return value

    def months(self, name: str) -> MonthIndex:
        """The column ``name`` decomposed for month steps, built once per context."""
        result: MonthIndex = self.memo(f"months:{name}", lambda: MonthIndex(self.col(name)))
        return result

    def col(self, name: str) -> np.ndarray:
        """A person column by input name."""
        self.record_input(name)
        return self.persons[name]

    def table(self, name: str) -> Mapping[str, np.ndarray]:
        """A person's list input as a flat table: ``examens`` or ``verblijfsvergunningen``."""
        self.record_input(name)
        return self.persons.examens if name == "examens" else self.persons.vergunningen
