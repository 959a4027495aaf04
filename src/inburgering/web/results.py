"""What the pages show: the person's answers, the built scenario, a finished comparison.

The person calculator renders the same ``results_json`` the CLI and the API give; the scenario
builder goes through the same loader and validation as a scenario file; the comparison page
uses the report's own tables and charts.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from typing import Any

import pandas as pd
import yaml

from inburgering.compare import charts
from inburgering.compare.report import headlines, key_table, scrollable
from inburgering.compare.report_scenarios import scenario_section
from inburgering.compare.request import CompareRequest
from inburgering.compare.run import Comparison
from inburgering.explain_text import LABELS, show_step
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import ScenarioError, load_scenario_data, resolve
from inburgering.web.forms import person_from_form

_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{0,60}$")


def person(form: dict[str, str], chosen: list[str], lang: str) -> tuple[list[dict[str, Any]], list[str]]:
    """One table: every answer under each scenario (the baseline first), its reason and articles; or the problems.

    A counsellor compares scenarios row by row, so the answers stand side by side and a row
    whose answer differs from the baseline's is marked; the reason and articles are the
    baseline's (the trace of another scenario is one click away in the API).
    """
    from inburgering.rules.person import PersonInputError, parse_persons
    from inburgering.rules.trace import PeildatumError, results_json

    errors: list[str] = []
    scenarios = []
    for spec in baseline_first(chosen):
        try:
            scenarios.append(resolve(spec))
        except ScenarioError as exc:
            errors += exc.errors
    day = form.get("peildatum") or _dt.date.today().isoformat()
    try:
        _dt.date.fromisoformat(day)
    except ValueError:
        errors.append(
            ("peildatum: geen geldige datum: " if lang == "nl" else "reference date: not a valid date: ") + day[:20]
        )
    try:
        persons = parse_persons([person_from_form(form)])
    except PersonInputError as exc:
        errors += [_field_message(e.veld, e.toegestaan, lang) for e in exc.errors]
        return [], errors
    if errors:
        return [], errors
    try:
        doc = results_json(persons, day, scenarios, lang)
    except PeildatumError as exc:
        return [], [str(exc)]
    index = 0 if lang == "en" else 1
    per = {entry["scenario"]: entry for entry in doc["resultaten"]}
    order = [s.id for s in scenarios]
    rows = []
    for i, step in enumerate(per[order[0]]["spoor"]):
        steps = [per[spec]["spoor"][i] for spec in order]
        values = [show_step(st, lang) for st in steps]
        rows.append(
            {
                "rule": step["regel"],
                "label": LABELS[step["regel"]][index],
                "values": values,
                "differs": any(v != values[0] for v in values[1:]),
                "why": step["toelichting"],
                "articles": [{"label": a["bron"], "url": a["url"]} for a in step["artikelen"] if a.get("url")],
            }
        )
    return [{"scenarios": order, "rows": rows}], []


def baseline_first(chosen: list[str]) -> list[str]:
    """The scenarios as the table shows them: the law as it is first when it is among them."""
    return sorted(chosen, key=lambda spec: spec != "wi2021")


_DUTCH = (
    (r"^an existing date written YYYY-MM-DD$", "een bestaande datum als JJJJ-MM-DD"),
    (r"^a non-empty string$", "een tekst die niet leeg is"),
    (r"^a value: this field is required$", "een waarde: dit veld is verplicht"),
    (r"^true or false$", "ja of nee"),
    (r"^a number from 0 to (\S+)$", r"een getal van 0 tot en met \1"),
    (r"^a whole number of months from 0 to (\d+)$", r"een geheel aantal maanden van 0 tot en met \1"),
    (r"^a date on or after (\w+) \((.*)\)$", r"een datum op of na \1 (\2)"),
    (
        r"^an ISO 3166-1 alpha-2 code in capitals, e\.g\. (.*)$",
        r"een landcode van twee hoofdletters (ISO 3166-1), bijvoorbeeld \1",
    ),
    (r"^(.* \| .*)$", r"één van \1"),
)


def _field_message(field: str, allowed: str, lang: str) -> str:
    """A parser problem in the page's language (the parser speaks English: the API's contract)."""
    if lang == "nl":
        for pattern, dutch in _DUTCH:
            if re.match(pattern, allowed):
                return f"{field}: toegestaan is {re.sub(pattern, dutch, allowed)}"
        return f"{field}: toegestaan is {allowed}"
    return f"{field}: allowed: {allowed}"


def scenario(form: dict[str, str], lang: str) -> tuple[str, str, list[str]]:
    """The built scenario as YAML, its hash when valid, and every problem."""
    params = load_parameters()
    errors: list[str] = []
    sid = form.get("id", "").strip()
    if not _ID.match(sid):
        errors.append(
            "naam: kleine letters, cijfers en streepjes"
            if lang == "nl"
            else "name: lower-case letters, digits and hyphens"
        )
    try:
        start = _dt.date.fromisoformat(form.get("ingang", ""))
    except ValueError:
        errors.append("ingangsdatum: JJJJ-MM-DD" if lang == "nl" else "effective date: YYYY-MM-DD")
        start = _dt.date(2027, 1, 1)
    reason = form.get("toelichting", "").strip()
    changes = []
    for key, raw in form.items():
        if not key.startswith("p.") or raw == "":
            continue
        path = key[2:]
        if path not in params:
            errors.append(f"{path}: onbekende parameter" if lang == "nl" else f"{path}: unknown parameter")
            continue
        value = _value(params[path].type, raw)
        if value is None:
            errors.append(f"{path}: {raw!r} " + ("is geen getal" if lang == "nl" else "is not a number"))
            continue
        changes.append({"parameter": path, "values": {"ingangsdatum": value}})
    title = form.get("titel", "").strip() or sid
    doc = {
        "id": sid or "scenario",
        "title": {"nl": title, "en": title},
        "base": form.get("basis", "wi2021"),
        "description": reason,
        "sources": [{"bron": "aanname", "toelichting": reason}] if reason else [],
        "dates": {"ingangsdatum": start},
        "changes": changes,
    }
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    if not changes:
        errors.append("kies ten minste één wijziging" if lang == "nl" else "choose at least one change")
    if not reason:
        errors.append("bron of onderbouwing is verplicht" if lang == "nl" else "a source or reasoning is required")
    layer_hash = ""
    if not errors:
        try:
            layer = load_scenario_data(yaml.safe_load(text), "scenario")
            layer_hash = resolve(layer.id, {layer.id: layer}).hash
        except ScenarioError as exc:
            errors += exc.errors
    return text, layer_hash, errors


def _value(kind: str, raw: str) -> Any:
    if kind == "bool":
        return raw == "ja"
    if kind == "enum":
        return raw
    try:
        number = float(raw)
    except ValueError:
        return None
    return int(number) if kind == "int" and number.is_integer() else number


def comparison(jobs: Any, key: str, tables: dict[str, pd.DataFrame], lang: str) -> dict[str, Any]:
    """Headlines, the key table, the charts (as plotly JSON with captions and tables) and downloads."""
    entry = jobs.store.get(key)
    raw = dict(entry["request"]) if entry else {}
    raw["scenarios"] = tuple(raw.get("scenarios", ()))
    result = Comparison(CompareRequest(**raw), key, tables, True, 0.0)
    chosen = [charts.progress(tables["voortgang"], "asiel", lang), charts.employment(tables["voortgang"], lang)]
    chosen += [
        *(
            [charts.costs(tables["kostenOpvangApart"], result.request.baseline, lang)]
            if "kostenOpvangApart" in tables
            else []
        ),
        charts.naturalisation(tables["kernindicatoren"], lang),
    ]
    regions = itertools.count(1)  # every table scrolls by itself on a phone, each region its own name
    return {
        "headlines": headlines(result, lang),
        "key_table": scrollable(key_table(result, lang), lang, regions),
        "charts": [
            {"id": c.id, "caption": c.caption, "json": c.spec(), "table": scrollable(c.table(), lang, regions)}
            for c in chosen
        ],
        "downloads": sorted(tables),
        # each layer of each scenario with its own changes, values and sources (as in the report)
        "scenarios": scrollable(_scenarios(result, lang), lang, regions),
    }


def _scenarios(result: Comparison, lang: str) -> str:
    """The scenario section, or nothing when a stored run names a scenario this server does not know."""
    try:
        return scenario_section(result.request.scenarios, lang, result.request.extra)
    except ScenarioError:
        return ""
