"""What the person page shows: the answers side by side, what is coming, or the problems with links.

The page renders the same ``results_json`` the CLI and the API give, and the same timeline as
``inburgering explain`` (:mod:`inburgering.rules.timeline`). Problems come back as the NL Design
System's error summary wants them: each with the visible label of its field and the field's id,
so the summary can link to it and the field can say it is invalid.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inburgering.explain_text import question, show_step
from inburgering.i18n import format_day, gettext_for, is_iso_day, say
from inburgering.law.scenario import Scenario, ScenarioError, ScenarioLayer, resolve
from inburgering.rules.base import show_parameter
from inburgering.web import person_form


@dataclass(frozen=True)
class Problem:
    """One line of the error summary: the message, and the id of the field it links to (if any)."""

    text: str
    id: str = ""


def answer(
    form: dict[str, str], chosen: list[str], lang: str, extra: Mapping[str, ScenarioLayer] | None = None
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The table (a column per scenario, the baseline first) and the timelines; or every problem.

    A counsellor compares scenarios row by row, so the answers stand side by side and a row whose
    answer differs from the baseline's is marked; the reason and articles are the baseline's.
    """
    _ = gettext_for(lang)
    from inburgering.rules.person import PersonInputError, parse_persons
    from inburgering.rules.trace import PeildatumError, results_json

    problems: list[Problem] = []
    scenarios: list[Scenario] = []
    for spec in baseline_first(chosen):
        try:
            scenarios.append(resolve(spec, extra))
        except ScenarioError as exc:
            problems += [Problem(say(e, lang), "scenarios") for e in exc.errors]
    day = form.get("peildatum") or _dt.date.today().isoformat()
    if not is_iso_day(day):
        what = _("Reference date: not an existing date")
        problems.append(Problem(what, "peildatum"))
    posted = person_form.from_form(form)
    names = person_form.labels(lang)
    problems += [Problem(f"{names[fid]}: {_(message)}", fid) for fid, message in posted.missing]
    try:
        persons = parse_persons([posted.person])
    except PersonInputError as exc:
        for e in exc.errors:
            fid = person_form.field_id(e.veld, posted)
            problems.append(Problem(f"{names.get(fid) or names.get(e.veld, e.veld)}: {_allowed(e, lang, names)}", fid))
        return None, problems
    if problems:
        return None, problems
    try:
        doc = results_json(persons, day, scenarios, lang)
    except PeildatumError as exc:
        shown = {"start": format_day(exc.start, lang)}
        return None, [
            Problem(
                _("Reference date: allowed: {allowed}").format(allowed=_(exc.TEMPLATE).format(**shown)), "peildatum"
            )
        ]
    from inburgering.rules.timeline import HORIZON_YEARS

    coming = _coming(persons, day, scenarios, lang)
    return {
        "scenarios": [s.id for s in scenarios],
        "rows": _rows(doc, lang),
        "coming": coming,
        "years": HORIZON_YEARS,
    }, []


def baseline_first(chosen: list[str]) -> list[str]:
    """The scenarios as the table shows them: the law as it is first when it is among them."""
    return sorted(chosen, key=lambda spec: spec != "wi2021")


def shown(step: dict[str, Any], lang: str) -> str:
    """An answer in words, a date as people write it ("1 januari 2027")."""
    value = step.get("uitkomst")
    return format_day(value, lang) if is_iso_day(value) else show_step(step, lang)


def _rows(doc: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    per = {entry["scenario"]: entry for entry in doc["resultaten"]}
    order = list(per)
    rows = []
    for i, step in enumerate(per[order[0]]["spoor"]):
        values = [shown(per[spec]["spoor"][i], lang) for spec in order]
        rows.append(
            {
                "rule": step["regel"],
                "label": question(step["regel"], lang),
                "values": values,
                "differs": any(v != values[0] for v in values[1:]),
                "why": step["toelichting"],
                "articles": [{"label": a["bron"], "url": a["url"]} for a in step["artikelen"] if a.get("url")],
            }
        )
    return rows


def _coming(persons: Any, day: str, scenarios: list[Scenario], lang: str) -> list[dict[str, Any]]:
    """Per scenario, the person's dates ahead and the law's dated changes for them, ready to show."""
    from inburgering.rules.timeline import coming

    out = []
    for scenario in scenarios:
        events = []
        for event in coming(persons, day, scenario)[0]:
            events.append(
                {
                    "iso": event.day,
                    "day": format_day(event.day, lang),
                    "kind": event.kind,
                    "rule": event.rule,
                    "label": question(event.rule, lang),
                    "was": shown(event.before, lang) if event.before else "",
                    "now": shown(event.after, lang),
                    "changes": [
                        {
                            "description": _first_sentence(c.description.get(lang) or c.description.get("en", c.path)),
                            "old": show_parameter(c.old, lang),
                            "new": show_parameter(c.new, lang),
                            "sources": [{"label": s["bron"], "url": s.get("url") or ""} for s in c.sources],
                        }
                        for c in event.changes
                    ],
                    "articles": [{"label": a["bron"], "url": a["url"]} for a in event.articles if a.get("url")],
                }
            )
        out.append({"scenario": scenario.id, "events": events})
    return out


def _first_sentence(text: str) -> str:
    """A parameter's description up to its first full stop, for a line of the timeline."""
    head = re.split(r"(?<=[a-z0-9)])\.\s", text.strip(), maxsplit=1)[0]
    return head.rstrip(".")


def _allowed(error: Any, lang: str, names: dict[str, str]) -> str:
    """What the parser allows, in the page's words: a field named by its label, a date as people write it."""
    _ = gettext_for(lang)
    params = dict(error.params)
    if "field" in params:
        params["field"] = f"‘{names.get(params['field'], params['field'])}’"
    if is_iso_day(params.get("date")):
        params["date"] = format_day(params["date"], lang)
    return _("allowed: {allowed}").format(allowed=_(error.template).format(**params))
