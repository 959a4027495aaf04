"""The forms of the pages: their fields, choices and the contexts the templates need.

The person form's fields are in :mod:`inburgering.web.person_form`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from inburgering.compare.request import DEFAULT_SCENARIOS, CompareRequest, RequestError, server_work_problem
from inburgering.i18n import N_, gettext_for, say
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import ScenarioLayer, shipped_layers
from inburgering.sim.population import MIN_SCALE, scale_problem
from inburgering.web import person_form


def person_context(lang: str, form: dict[str, str], chosen: list[str], own: list[str] | None = None) -> dict[str, Any]:
    """What the person template needs besides the results: the fieldsets, the scenarios, today.

    ``own`` names the user's own scenario loaded into the form (listed last, marked as theirs).
    """
    _ = gettext_for(lang)
    scenarios = [{"id": sid, "title": f"{sid}: {layer.title[lang]}"} for sid, layer in shipped_layers().items()]
    scenarios.append({"id": "coalitie-2026+vwn-2026", "title": "coalitie-2026+vwn-2026"})
    mine = _("own scenario")
    scenarios += [{"id": sid, "title": f"{sid} ({mine})"} for sid in own or []]
    return {
        "groups": person_form.groups(lang),
        "form": form,
        "scenarios": scenarios,
        "chosen": chosen,
        "today": _dt.date.today().isoformat(),
    }


GROUPS = (
    (N_("Routes and afschaling"), ("afschaling.", "leerroute.", "examens.", "termijn.", "pip.")),
    (N_("Asylum phase"), ("asiel.",)),
    (N_("Guidance"), ("begeleiding.", "beleid.")),
    (N_("Naturalisation"), ("naturalisatie.",)),
    (N_("Financing"), ("financiering.",)),
)


def scenario_context(lang: str, form: dict[str, str]) -> dict[str, Any]:
    """The builder's levers grouped by topic of the law, each with its current value and source."""
    params = load_parameters()
    today = _dt.date.today()
    groups = []
    _ = gettext_for(lang)
    for title, prefixes in GROUPS:
        levers = []
        for path in sorted(p for p in params.live() if p.startswith(prefixes)):  # only levers something reads
            p = params[path]
            if p.type not in ("bool", "int", "float", "enum"):
                continue
            current = p.at(today) if p.values[0].vanaf <= today else p.values[0]
            cite = current.citations[0] if current.citations else None
            options: tuple[tuple[str, str], ...] = ()
            if p.type == "bool":
                options = person_form.yes_no(lang)[1:]
            elif p.type == "enum":
                options = tuple((a, a) for a in p.allowed)
            levers.append(
                {
                    "path": path,
                    "description": p.description[lang].strip(),
                    "unit": "" if p.type in ("bool", "enum") else p.unit,
                    "current": _shown(current.value, lang),
                    "source": cite.label if cite else "",
                    "url": cite.url if cite and cite.url else "",
                    "options": options,
                    "calculator_only": p.not_simulated or "",  # a comparison cannot show it (law: simulatie: nee)
                }
            )
        if levers:
            groups.append({"title": _(title), "params": levers})
    return {"groups": groups, "form": form, "bases": list(shipped_layers())}


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        _ = gettext_for(lang)
        return _("yes") if value else _("no")
    return str(value)


def compare_context(form: dict[str, str], own: list[str] | None = None) -> dict[str, Any]:
    """The comparison form's choices (``own``: the user's loaded scenario), and what the run-time estimate needs."""
    import os

    from inburgering.compare.request import MAX_SERVER_WORK, SECONDS_PER_UNIT_ON_2_CORES

    options = [*shipped_layers(), "coalitie-2026+vwn-2026", *(own or [])]
    cores = os.cpu_count() or 1
    return {
        "form": form,
        "options": options,
        "defaults": list(DEFAULT_SCENARIOS),
        "seconds_per_unit": round(SECONDS_PER_UNIT_ON_2_CORES * 2 / cores, 3),
        "max_work": MAX_SERVER_WORK,
    }


def compare_request(
    form: dict[str, str], extra: Mapping[str, ScenarioLayer] | None = None, lang: str = "nl"
) -> tuple[CompareRequest | None, list[str]]:
    """A comparison request from the form (at most 200 draws and scale 1), or every problem."""
    _ = gettext_for(lang)
    errors = []
    specs = [form[k] for k in ("scenario0", "scenario1", "scenario2") if form.get(k)]
    try:
        draws = int(form.get("trekkingen", "15"))
        if not 1 <= draws <= 200:
            raise ValueError
    except ValueError:
        errors.append(_("draws: a whole number from 1 to 200"))
        draws = 15
    try:
        scale = float(form.get("schaal", "0.15"))
        if scale_problem(scale, 1):
            raise ValueError
    except ValueError:
        errors.append(_("scale: a number from {low} to 1").format(low=MIN_SCALE))
        scale = 0.15
    request = CompareRequest(tuple(specs), draws, 1, scale, extra=dict(extra or {}))
    try:
        request.validate()
    except RequestError as exc:
        errors += [say(p, lang) for p in exc.problems]
    if not errors and (too_much := server_work_problem(request)):
        errors.append(too_much)
    return (None if errors else request), errors
