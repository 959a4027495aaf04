"""Resources of the law: ``scenarios``, ``scenario-validaties``, ``parameters`` and ``berekeningen``.

``berekeningen`` gives exactly what ``inburgering explain --format json`` gives (the same
function renders both). Persons go in the request body, never in the path or query string.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any

import numpy as np
from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from inburgering.api.problems import Problem, problems_in_input, request_language
from inburgering.api.schemas import MAX_PERSONS, MAX_RESULTS
from inburgering.i18n import format_number, gettext_for, is_iso_day, say
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import (
    MAX_OWN_BYTES,
    Scenario,
    ScenarioError,
    ScenarioLayer,
    load_scenario_data,
    load_scenario_text,
    resolve,
    shipped_layers,
    warnings_for,
)

router = APIRouter()
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPEC = re.compile(r"^[a-z0-9\-]+(\+[a-z0-9\-]+)*$")


def _json_date(key: Any) -> Any:
    """A key that looks like an ISO date and is one becomes a date; "0000-01-01" stays text (then refused by name)."""
    if isinstance(key, str) and _DATE.match(key):
        try:
            return _dt.date.fromisoformat(key)
        except ValueError:  # the fuzzer's "year 0": a 500 before (the API schema test)
            return key
    return key


def _json_dates(value: Any) -> Any:
    """ISO date strings in a JSON scenario become dates, as YAML would read them."""
    if isinstance(value, dict):
        return {_json_date(k): _json_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_dates(v) for v in value]
    if isinstance(value, str) and _DATE.match(value):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


MAX_OWN_SCENARIOS = 3


def own_scenarios(raw: Any, fouten: list[dict[str, Any]], lang: str) -> dict[str, ScenarioLayer]:
    """The body's ``eigenScenarios`` (scenario documents as ``POST /v1/scenario-validaties`` takes them) by id.

    Their ids can then be named in ``scenarios``, alone or in a stack, as ``--scenario-file`` allows
    on the command line; nothing is kept after the request.
    """
    _ = gettext_for(lang)
    if raw is None:
        return {}
    if not (isinstance(raw, list) and 1 <= len(raw) <= MAX_OWN_SCENARIOS):
        message = _("a list of 1 to {most} scenarios").format(most=MAX_OWN_SCENARIOS)
        fouten.append({"veld": "eigenScenarios", "melding": message})
        return {}
    layers: dict[str, ScenarioLayer] = {}
    for i, doc in enumerate(raw):
        if len(json.dumps(doc, ensure_ascii=False).encode()) > MAX_OWN_BYTES:
            message = _("a scenario of at most {most} bytes").format(most=format_number(MAX_OWN_BYTES, lang))
            fouten.append({"veld": f"eigenScenarios[{i}]", "melding": message})
            continue
        try:
            layer = load_scenario_data(_json_dates(doc), f"eigenScenarios[{i}]")
        except ScenarioError as exc:
            fouten += [{"veld": f"eigenScenarios[{i}]", "melding": say(e, lang)} for e in exc.errors]
            continue
        if layer.id in layers:
            fouten.append({"veld": f"eigenScenarios[{i}].id", "waarde": layer.id, "melding": _("an id not used yet")})
        layers[layer.id] = layer
    return layers


def scenario_or_404(spec: str, lang: str) -> Scenario:
    """A shipped scenario or stack, or a 404 problem."""
    _ = gettext_for(lang)
    missing = _("Scenario {spec} does not exist; see /v1/scenarios.").format(spec=repr(spec))
    if not _SPEC.match(spec):
        raise Problem(404, missing)
    try:
        return resolve(spec)
    except ScenarioError:
        raise Problem(404, missing) from None


def _scenario_json(s: Scenario, detail: bool) -> dict[str, Any]:
    layer = s.layers[-1]
    out: dict[str, Any] = {
        "id": s.id,
        "titel": dict(layer.title),
        "basis": layer.base,
        "hash": s.hash,
        "gewijzigdeParameters": s.changed_paths(),
    }
    if detail:
        out["omschrijving"] = layer.describe("nl")
        out["data"] = {k: v.isoformat() for k, v in s.dates.items()}
        out["bronnen"] = [c.to_json() for lay in s.layers for c in lay.sources]
        out["wijzigingen"] = [
            {
                "parameter": c.parameter,
                "waarden": [
                    {"vanaf": str(v.vanaf), "waarde": _plain(v.value)} for v in s.parameters[c.parameter].values
                ],
                "bronnen": [x.to_json() for x in (c.source or lay.sources)],
            }
            for lay in s.layers
            for c in lay.changes
        ]
        out["waarschuwingen"] = warnings_for(s)
    return out


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


@router.get("/scenarios", summary="List the shipped scenarios", tags=["scenarios"], operation_id="listScenarios")
def list_scenarios() -> dict[str, Any]:
    """Every shipped scenario with its title, base and hash."""
    return {"scenarios": [_scenario_json(resolve(sid), False) for sid in shipped_layers()]}


@router.get("/scenarios/{scenarioId}", summary="One scenario or stack", tags=["scenarios"], operation_id="getScenario")
def get_scenario(scenarioId: str, request: Request) -> dict[str, Any]:
    """A scenario (or a stack such as ``coalitie-2026+vwn-2026``) with every change and its sources."""
    return _scenario_json(scenario_or_404(scenarioId, request_language(request)), True)


@router.post(
    "/scenario-validaties",
    summary="Validate a user scenario (YAML or JSON)",
    tags=["scenarios"],
    operation_id="validateScenario",
)
async def validate_scenario(request: Request) -> dict[str, Any]:
    """Check a scenario document; every problem is listed at once (400), or the resolved hash is returned."""
    lang = request_language(request)
    _ = gettext_for(lang)
    body = await _body(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(400, _("The body is not UTF-8 text.")) from None
    raw: Any = None
    if kind == "application/json":
        try:
            raw = _json_dates(json.loads(text))
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
            raise Problem(400, _("The body is not valid JSON.")) from None
    elif kind not in ("application/yaml", "application/x-yaml", "text/yaml"):
        raise Problem(415, _("Send the scenario as application/yaml or application/json."))
    try:
        # off the event loop: a large YAML document takes the pure-Python parser seconds
        if raw is not None:
            layer = load_scenario_data(raw, "scenario")
        else:
            layer = await run_in_threadpool(load_scenario_text, text, "scenario")
        scenario = resolve(layer.id, {layer.id: layer})
    except ScenarioError as exc:
        detail = _("The scenario has {count} problem(s).").format(count=len(exc.errors))
        raise Problem(400, detail, [{"melding": say(e, lang)} for e in exc.errors]) from None
    return {"geldig": True, **_scenario_json(scenario, True)}


@router.get("/parameters", summary="The law's parameters on a date", tags=["parameters"], operation_id="listParameters")
def list_parameters(
    peildatum: str | None = Query(
        None, description="Date (YYYY-MM-DD); default today.", pattern=r"^\d{4}-\d{2}-\d{2}$", examples=["2027-06-01"]
    ),
    scenario: str = Query("wi2021", description="Scenario id or stack."),
    *,
    request: Request,
) -> dict[str, Any]:
    """Each parameter's value on the date under the scenario, its full dated history and its citations."""
    lang = request_language(request)
    _ = gettext_for(lang)
    if peildatum is not None and not is_iso_day(peildatum):
        raise Problem(
            400,
            _("peildatum is not an existing date."),
            [{"veld": "peildatum", "waarde": peildatum[:20], "melding": _("a date YYYY-MM-DD")}],
        )
    try:
        s = scenario_or_404(scenario, lang)
    except Problem:
        detail = _("Scenario {spec} does not exist.").format(spec=repr(scenario[:60]))
        raise Problem(400, detail, [{"veld": "scenario", "melding": _("see /v1/scenarios")}]) from None
    day = np.datetime64(peildatum or _dt.date.today(), "D")
    base = load_parameters()
    out = []
    for path in sorted(s.parameters):
        p = s.parameters[path]
        current = p.at(day) if p.values[0].vanaf <= day else None
        out.append(
            {
                "pad": path,
                "omschrijving": dict(base[path].description),
                "eenheid": p.unit,
                "waarde": None if current is None else _plain(current.value),
                "bronnen": [] if current is None else [c.to_json() for c in current.citations],
                "waarden": [{"vanaf": str(v.vanaf), "waarde": _plain(v.value)} for v in p.values],
                "gemodelleerd": p.modelled,
                **({} if p.modelled else {"nietGemodelleerd": p.not_modelled}),
            }
        )
    return {"peildatum": str(day), "scenario": s.id, "parameters": out}


async def _body(request: Request) -> bytes:
    """The body; its size is bounded while it streams in (:class:`inburgering.api.limits.BodyLimit`)."""
    return await request.body()


async def read_json(request: Request) -> Any:
    """The body as JSON, or a 400/415 problem."""
    _ = gettext_for(request_language(request))
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind != "application/json":
        raise Problem(415, _("Send the body as application/json."))
    try:
        return json.loads(await _body(request))
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        raise Problem(400, _("The body is not valid JSON.")) from None


INLINE_ANSWERS = 4
"""Answers (persons x scenarios) computed on the event loop: one answer takes about 4 ms, the
same as the hand-over to a worker thread, whose GIL contention under 200 requests/s raised the
99th percentile from 47 to 72-98 ms (benchmarks/bench_api.py). A larger request, up to
:data:`MAX_RESULTS`, goes to a thread so it cannot hold up other clients."""


@router.post(
    "/berekeningen", summary="What applies to one or more persons", tags=["berekeningen"], operation_id="calculate"
)
async def calculate(request: Request) -> dict[str, Any]:
    """The rulebook for each person under each scenario on the peildatum, with the trace of every answer."""
    from inburgering.rules.person import PersonInputError, parse_persons
    from inburgering.rules.trace import PeildatumError, results_json

    lang = request_language(request)
    _ = gettext_for(lang)
    raw = await read_json(request)
    fouten: list[dict[str, Any]] = []
    if not isinstance(raw, dict):
        raise Problem(400, _("The body must be an object with 'personen'."))
    keys = ("peildatum", "scenarios", "taal", "personen", "eigenScenarios")
    unknown = _("unknown field; allowed: {keys}").format(keys=", ".join(keys))
    fouten += [{"veld": key, "melding": unknown} for key in raw if key not in keys]
    extra = own_scenarios(raw.get("eigenScenarios"), fouten, lang)
    day = raw.get("peildatum") or _dt.date.today().isoformat()
    if not is_iso_day(day):
        fouten.append({"veld": "peildatum", "waarde": str(day)[:40], "melding": _("a date YYYY-MM-DD")})
    taal = raw.get("taal", "nl")
    if taal not in ("nl", "en"):
        fouten.append({"veld": "taal", "waarde": str(taal)[:10], "melding": _("nl or en")})
    specs = raw.get("scenarios", ["wi2021"])
    scenarios: list[Scenario] = []
    if not (isinstance(specs, list) and specs and len(specs) <= 10 and all(isinstance(x, str) for x in specs)):
        fouten.append({"veld": "scenarios", "melding": _("a list of 1 to 10 scenario ids")})
    else:
        for spec in specs:
            try:
                scenarios.append(resolve(spec, extra))
            except ScenarioError as exc:
                fouten += [{"veld": "scenarios", "waarde": spec[:60], "melding": say(e, lang)} for e in exc.errors]
    personen = raw.get("personen")
    if not isinstance(personen, list) or not 1 <= len(personen) <= MAX_PERSONS:
        fouten.append({"veld": "personen", "melding": _("a list of 1 to {most} persons").format(most=MAX_PERSONS)})
        personen = None
    elif len(personen) * max(len(scenarios), 1) > MAX_RESULTS:
        fouten.append(
            {
                "veld": "personen",
                "melding": _(
                    "at most {most} answers per request (persons x scenarios); spread the persons over more "
                    "requests, or use 'inburgering caseload' for a file"
                ).format(most=MAX_RESULTS),
            }
        )
        personen = None
    persons = None
    if personen is not None:
        try:
            persons = parse_persons(personen)
        except PersonInputError as exc:
            fouten += [e.to_json(lang) for e in exc.errors]
    if fouten or persons is None:
        raise Problem(400, problems_in_input(len(fouten), lang), fouten)
    try:
        if len(raw["personen"]) * len(scenarios) <= INLINE_ANSWERS:  # a few ms: handing it to a thread costs more
            return results_json(persons, day, scenarios, taal)
        # off the event loop, so that a large calculation does not hold up other clients
        return await run_in_threadpool(results_json, persons, day, scenarios, taal)
    except PeildatumError as exc:
        message = _("peildatum: value {value} is not allowed; allowed: {allowed}").format(
            value=repr(exc.day), allowed=exc.allowed(lang)
        )
        raise Problem(400, message, [{"veld": "peildatum", "melding": message}]) from None
