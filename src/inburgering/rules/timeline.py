"""What is coming for one person: their own dates ahead, and the days a change in the law changes an answer.

Why the rulebook is asked, not read: a counsellor needs "from 1 January 2027 the A2 step applies
to you", and only the rules know whether a parameter that changes that day changes anything for
this person. So on each day ahead on which some parameter of the scenario takes a new value,
every rule is evaluated twice on that day: under the scenario, and under the law of the day
before (the values starting that day left out). The answers that differ are the law's doing (an
answer that moves with time alone moves on both sides), listed with the parameters that changed
and the source of their new value. The person's own dates (the PIP deadline, the end of the term,
the earliest naturalisation) are the date answers of the peildatum that lie ahead, each replaced
from the day a change in the law moves it. Two evaluations per change day take milliseconds.

Answers also change with time alone, on days of the person's own that the rulebook knows: the
16th and 18th birthday (the obligation and the exemption of art. 4.1.c), the AOW day (art. 3.1:
the obligation ends), a permit that starts later, the day after the last listed permit ends, and
the day after an EU citizen's three years for a loan (Besluit 6.3). On each such day the rules are asked on it
and on the day before, under the same law, and the answers that differ are listed (``tijd``). A
date of the obligation (the end of the term, a deadline) after the day the obligation ends with
time is left out: a review found a term's end listed after the AOW day had ended the obligation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from inburgering.law.scenario import Scenario
from inburgering.rules.base import Context, Outcome
from inburgering.rules.financiering import eu_loan_last_day, loan_lapse_day
from inburgering.rules.person import Persons
from inburgering.rules.plicht import age_dates
from inburgering.rules.trace import OUTPUTS, evaluate, step_value
from inburgering.rules.vergunningen import first_permanent_day, last_permit_end, next_gap_days

MAX_CHANGE_DAYS = 40
"""Days with a change in the law a timeline looks at (each costs a few evaluations): the shipped
scenarios have about a dozen in ten years; a scenario with more ends its timeline at the 41st,
with an ``einde`` event that says so."""
HORIZON_YEARS = 10
"""How far ahead the timeline looks: past the longest term (three years plus extensions) and the
five years of residence naturalisation asks, without listing price indexations decades away."""


@dataclass(frozen=True)
class Change:
    """A parameter whose value changes on a timeline day: its old and new value and the new value's source."""

    path: str
    description: dict[str, str]
    old: Any
    new: Any
    sources: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Event:
    """One line of the timeline.

    ``kind`` is ``"datum"`` for one of the person's own dates (``after`` holds it), ``"wet"``
    for an answer that a change in the law alters on ``day`` (``before`` and ``after`` are trace
    steps, ``{"uitkomst", "uitkomstSoort"}``, so they read as the result table reads), ``"tijd"``
    for an answer that changes with time alone on one of the person's days (a birthday, the AOW
    day, the permit's start), or ``"einde"`` when the timeline stops early at ``day`` (more than
    ``MAX_CHANGE_DAYS``).
    """

    day: str
    kind: str
    rule: str
    before: dict[str, Any] | None
    after: dict[str, Any]
    changes: tuple[Change, ...] = ()
    articles: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The event as the CLI's JSON gives it (Dutch keys, as the rest of the contract)."""
        return {
            "datum": self.day,
            "soort": self.kind,
            "regel": self.rule,
            "was": self.before,
            "wordt": self.after,
            "wijzigingen": [
                {"pad": c.path, "oud": _plain(c.old), "nieuw": _plain(c.new), "bronnen": list(c.sources)}
                for c in self.changes
            ],
            "artikelen": list(self.articles),
        }


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def change_days(scenario: Scenario, start: np.datetime64, end: np.datetime64) -> list[np.datetime64]:
    """The days after ``start`` up to ``end`` on which some parameter of ``scenario`` takes a new value."""
    days: set[np.datetime64] = {
        dated.vanaf
        for path in scenario.parameters
        for dated in scenario.parameters[path].values
        if start < dated.vanaf <= end
    }
    return sorted(days)


def coming(persons: Persons, peildatum: Any, scenario: Scenario, years: int = HORIZON_YEARS) -> list[list[Event]]:
    """The timeline of every person from ``peildatum`` on, in date order (one list per person)."""
    start = np.datetime64(peildatum, "D")
    end: np.datetime64 = start + np.timedelta64(366 * years, "D")
    law: list[list[Event]] = [[] for _ in persons.ids]
    today = evaluate(persons, start, scenario)
    own = _own_dates(today, start, end)
    _drop_settled(own, persons, today, start)
    days = change_days(scenario, start, end)
    if len(days) > MAX_CHANGE_DAYS:  # a scenario with a value for every day must not hold a page up for minutes
        end = days[MAX_CHANGE_DAYS] - np.timedelta64(1, "D")
        days = days[:MAX_CHANGE_DAYS]
        own = [{rule: e for rule, e in mine.items() if e.day <= str(end)} for mine in own]
        for events in law:
            events.append(Event(str(end), "einde", "", None, {"uitkomst": str(end), "uitkomstSoort": "waarde"}))
    for day in days:
        frozen = _frozen(scenario, day)
        before = evaluate(persons, day, frozen)
        now = evaluate(persons, day, scenario)
        # the old law's answers of the day before: where the new law only keeps an answer that time alone
        # would have changed that day, nothing changes for the person (see _law_events)
        previous = evaluate(persons, day - np.timedelta64(1, "D"), frozen)
        _law_events(law, persons, before, now, scenario, frozen, day, previous)
    for i, events in enumerate(law):
        for event in (e for e in events if e.kind == "wet"):  # a date the law moves: from then on, the new one
            if event.rule in own[i] and own[i][event.rule].day >= event.day:
                del own[i][event.rule]
            new = event.after["uitkomst"]
            if isinstance(new, str) and event.day <= new <= str(end):
                own[i][event.rule] = replace(event, day=new, kind="datum", before=None, changes=())
    time = _time_events(persons, start, end, scenario)
    for i, events in enumerate(time):
        ended = [e.day for e in events if e.rule == "moetInburgeren" and e.after["uitkomst"] is False]
        if ended:  # the obligation ends with time: its own dates after that day no longer come
            own[i] = {r: e for r, e in own[i].items() if r not in OBLIGATION_DATES or e.day < min(ended)}
    return [_ordered(law[i] + time[i] + list(own[i].values())) for i in range(len(law))]


TIME_DAYS = ("dag16", "dag18", "aowDatum")
"""The person's days on which answers change with time alone (:func:`inburgering.rules.plicht.age_dates`),
next to the permit's start."""
OBLIGATION_DATES = (
    "deadlinePip",
    "startTermijn",
    "eindeTermijn",
    "laatsteDagRoutewijziging",
    "verlengingAanvraagVanaf",
    "startMaatschappelijkeBegeleiding",
)
"""Date answers that belong to a running obligation (art. 3.1, 11, 12, 13, 14): none after it ends."""


def _time_events(persons: Persons, start: np.datetime64, end: np.datetime64, scenario: Scenario) -> list[list[Event]]:
    """Answers that change with time alone on each person's own days ahead (see the module's docstring).

    Each day is asked for everyone (two evaluations a day); only the persons whose day it is are
    looked at, so another person's birthday adds nothing to a timeline.
    """
    ctx = Context(persons, start, scenario.parameters, traced=False)
    ages = age_dates(ctx)
    day_after = np.timedelta64(1, "D")
    days = np.stack(
        [
            *(np.asarray(ages[k], "datetime64[D]") for k in TIME_DAYS),
            persons.columns["datumVerblijfsrecht"],
            last_permit_end(ctx) + day_after,  # the residence may have ended (art. 3.1; a review)
            *next_gap_days(ctx, start),  # a gap in the permits begins, and ends (Besluit 2.1; a review)
            eu_loan_last_day(ctx) + day_after,  # Besluit 6.3: the loan's three years are over
            # the loan is drawn during the term only (Besluit 6.3 lid 1: from the day after the PIP, unknown
            # after the term's end) and lapses years after it (art. 20.2.a); a legal review found these
            # days missing while the EU citizen's loan window was listed
            persons.columns["datumPip"] + day_after,
            ctx.get("eindeTermijn").value + day_after,
            loan_lapse_day(ctx),
            first_permanent_day(ctx),  # the loans chapter is for fixed-term permits (art. 19; a legal tester)
        ]
    )
    ahead = ~np.isnat(days) & (days > start) & (days <= end)
    out: list[list[Event]] = [[] for _ in persons.ids]
    for day in np.unique(days[ahead]):
        whose = np.flatnonzero((ahead & (days == day)).any(axis=0))
        before = evaluate(persons, day - np.timedelta64(1, "D"), scenario)
        now = evaluate(persons, day, scenario)
        for name in OUTPUTS:
            if now[name].kind == "date":
                continue  # a date answer is a date ahead already, not a change
            for i in whose:
                was, is_now = step_value(before[name], int(i)), step_value(now[name], int(i))
                if was["uitkomst"] != is_now["uitkomst"]:
                    out[i].append(Event(str(day), "tijd", name, was, is_now, (), _articles(now[name])))
    return out


def _drop_settled(
    own: list[dict[str, Event]], persons: Persons, today: dict[str, Outcome], start: np.datetime64
) -> None:
    """Leave out dates that no longer come: the obligation's once it is met, the PIP deadline once the PIP is set.

    The result table keeps them (what the term was); as something coming they mislead (W 20.2.b:
    whoever met the obligation is no longer obliged; a legal review found a met person's term end
    and extension window listed as coming, and a PIP deadline after the PIP).
    """
    met = ~np.isnat(today["plichtVoldaanOp"].value)
    pip = persons.columns["datumPip"]
    pip_set = ~np.isnat(pip) & (pip <= start)
    for i in np.flatnonzero(met | pip_set):
        drop = OBLIGATION_DATES if met[i] else ("deadlinePip",)
        own[i] = {rule: e for rule, e in own[i].items() if rule not in drop}


def _ordered(events: list[Event]) -> list[Event]:
    """By day, a change in the law before the dates it sets; a date that a change sets that very day once."""
    set_by_law = {(e.day, e.rule) for e in events if e.kind == "wet" and e.after["uitkomst"] == e.day}
    kept = [e for e in events if e.kind != "datum" or (e.day, e.rule) not in set_by_law]
    order = {"wet": 0, "tijd": 1, "datum": 2, "einde": 3}
    return sorted(kept, key=lambda e: (e.day, order[e.kind], OUTPUTS.index(e.rule) if e.rule in OUTPUTS else 0))


def _own_dates(now: dict[str, Outcome], lo: np.datetime64, hi: np.datetime64) -> list[dict[str, Event]]:
    """The date answers on the peildatum that fall in [lo, hi], by rule: the dates the result table shows.

    They are taken from the peildatum's answers, not re-asked later: on a later day the rulebook
    would assume that nothing the person does in between (an exam passed) has happened.
    """
    out: list[dict[str, Event]] = [{} for _ in range(len(next(iter(now.values())).value))]
    for name in OUTPUTS:
        outcome = now[name]
        if outcome.kind != "date":
            continue
        values = outcome.value.astype("datetime64[D]")
        inside = ~np.isnat(values) & (values >= lo) & (values <= hi)
        for i in np.flatnonzero(inside):
            out[i][name] = Event(
                str(values[i]), "datum", name, None, step_value(outcome, int(i)), (), _articles(outcome)
            )
    return out


def _frozen(scenario: Scenario, day: np.datetime64) -> Scenario:
    """``scenario`` with every value that starts on ``day`` left out: the law of the day before, on ``day``."""
    params = scenario.parameters
    for path in list(params):
        values = params[path].values
        kept = tuple(v for v in values if v.vanaf != day)
        if len(kept) != len(values) and kept:
            params = params.replaced(path, kept)
    return replace(scenario, parameters=params)


def _law_events(
    out: list[list[Event]],
    persons: Persons,
    before: dict[str, Outcome],
    now: dict[str, Outcome],
    scenario: Scenario,
    frozen: Scenario,
    day: np.datetime64,
    previous: dict[str, Outcome],
) -> None:
    """The answers on ``day`` that differ from what the law of the day before would give on it.

    Both sides are evaluated on ``day`` itself, so an answer that moves with time alone (a
    residence period completed that day) is not taken for the law's doing. Each change is named
    only where it moves that answer by itself (the rulebook asked with that one change alone);
    where none does alone, all the changes the rule reads are named: they act together.

    Left out: an answer that the old law changes with time that very day (its answer of the day
    before, ``previous``, differs) and the new law keeps as it was. A legal tester found "obliged: no -> yes" listed
    on the day the AOW age rose for someone who turned 67 that day: obliged all along, the
    person's obligation now ends three months later, which the AOW day's own line says.
    """
    changed = {
        path: (frozen.parameters[path].at(day), scenario.parameters[path].at(day))
        for path in scenario.parameters
        if frozen.parameters[path].at(day).value != scenario.parameters[path].at(day).value
    }
    alone: dict[str, dict[str, Outcome]] = {}
    for name in OUTPUTS:
        old, new = before[name], now[name]
        # a candidate: its value differs, or its reason does (a null may turn from "unknown" to "not applicable")
        same_value = (old.value == new.value) | (_null(old) & _null(new))
        for i in np.flatnonzero(~same_value | (old.reason != new.reason)):
            was, is_now = step_value(old, int(i)), step_value(new, int(i))
            kept = step_value(previous[name], int(i))
            if was == is_now or (kept != was and kept == is_now):
                continue
            read = [path for path in _reads(name, before, now) if path in changed] or list(changed)
            for path in read:
                if path not in alone:
                    one = replace(frozen, parameters=frozen.parameters.replaced(path, scenario.parameters[path].values))
                    alone[path] = evaluate(persons, day, one)
            causes = [path for path in read if step_value(alone[path][name], int(i)) != was] or read
            changes = tuple(
                Change(
                    path,
                    dict(scenario.parameters[path].description),
                    changed[path][0].value,
                    changed[path][1].value,
                    tuple(c.to_json() for c in changed[path][1].citations),
                )
                for path in causes
            )
            out[i].append(Event(str(day), "wet", name, was, is_now, changes, _articles(new)))


def _reads(name: str, *evaluations: dict[str, Outcome]) -> list[str]:
    """The parameters rule ``name`` read, itself or through the rules it asked (on either day)."""
    seen: set[str] = set()
    todo, paths = [name], list[str]()
    while todo:
        rule = todo.pop()
        if rule in seen:
            continue
        seen.add(rule)
        for outcomes in evaluations:
            paths += outcomes[rule].parameters
            todo += [u for u in outcomes[rule].uses if u in outcomes]
    return list(dict.fromkeys(paths))


def _null(outcome: Outcome) -> np.ndarray:
    """Where a date answer is empty (``NaT`` never equals itself; the other kinds' nulls do)."""
    if outcome.kind == "date":
        return np.isnat(outcome.value)
    return np.zeros(len(outcome.value), dtype=bool)


def _articles(outcome: Outcome) -> tuple[dict[str, Any], ...]:
    return tuple(c.to_json() for c in outcome.articles)


__all__ = ["HORIZON_YEARS", "MAX_CHANGE_DAYS", "Change", "Event", "change_days", "coming"]
