"""What the pages show: the built scenario and a finished comparison (the person's answers: person_page).

The scenario builder goes through the same loader and validation as a scenario file; the comparison page
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
from inburgering.i18n import gettext_for, say
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import ScenarioError, load_scenario_data, resolve

_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{0,60}$")


def scenario(form: dict[str, str], lang: str) -> tuple[str, str, list[str]]:
    """The built scenario as YAML, its hash when valid, and every problem."""
    _ = gettext_for(lang)
    params = load_parameters()
    errors: list[str] = []
    sid = form.get("id", "").strip()
    if not _ID.match(sid):
        errors.append(_("name: lower-case letters, digits and hyphens"))
    try:
        start = _dt.date.fromisoformat(form.get("ingang", ""))
    except ValueError:
        errors.append(_("effective date: YYYY-MM-DD"))
        start = _dt.date(2027, 1, 1)
    reason = form.get("toelichting", "").strip()
    changes = []
    for key, raw in form.items():
        if not key.startswith("p.") or raw == "":
            continue
        path = key[2:]
        if path not in params:
            errors.append(f"{path}: " + _("unknown parameter"))
            continue
        value = _value(params[path].type, raw)
        if value is None:
            errors.append(f"{path}: {raw!r} " + (_("is not a number")))
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
        errors.append(_("choose at least one change"))
    if not reason:
        errors.append(_("a source or reasoning is required"))
    layer_hash = ""
    if not errors:
        try:
            layer = load_scenario_data(yaml.safe_load(text), "scenario")
            layer_hash = resolve(layer.id, {layer.id: layer}).hash
        except ScenarioError as exc:
            errors += [say(e, lang) for e in exc.errors]
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
    try:
        request = CompareRequest.from_description(entry["request"] if entry else {})
    except ScenarioError:  # a stored user scenario this version cannot read: the tables still show
        request = (
            CompareRequest.from_description({**entry["request"], "ownScenarios": {}}) if entry else CompareRequest()
        )
    result = Comparison(request, key, tables, True, 0.0)
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
            {"id": c.id, "caption": c.caption, "json": c.spec(), "table": scrollable(c.table(lang), lang, regions)}
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
