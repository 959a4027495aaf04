"""The forms of the pages: their fields, choices and the contexts the templates need.

Field names are the calculator's own input keys, so a posted form becomes a person object with
no translation table in between; ``parse_persons`` then checks it as it checks any input.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from inburgering.compare.request import DEFAULT_SCENARIOS, CompareRequest, RequestError, server_work_problem
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import shipped_layers
from inburgering.rules.person import LEERROUTES, VERBLIJFSDOELEN
from inburgering.sim.population import MIN_SCALE, scale_problem


@dataclass(frozen=True)
class Field:
    """One input of the person form."""

    name: str
    label: str
    type: str = "text"
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()
    default: str = ""
    required: bool = False


def _yes_no(lang: str) -> tuple[tuple[str, str], ...]:
    return (
        ("", "onbekend" if lang == "nl" else "unknown"),
        ("ja", "ja" if lang == "nl" else "yes"),
        ("nee", "nee" if lang == "nl" else "no"),
    )


def person_fields(lang: str) -> list[Field]:
    """The person form's fields in ``lang``."""
    nl = lang == "nl"
    dates = [
        ("geboortedatum", "Geboortedatum", "Date of birth", True),
        ("datumAsielaanvraag", "Datum asielaanvraag", "Date of the asylum application", False),
        ("datumVerblijfsrecht", "Datum verblijfsvergunning", "Date of the residence permit", False),
        ("datumKennisgeving", "Datum kennisgeving DUO", "Date of DUO's notice", False),
        (
            "datumInschrijvingBrp",
            "Datum inschrijving in de gemeente (BRP)",
            "Date registered in the municipality (BRP)",
            False,
        ),
        ("datumPip", "Datum PIP (persoonlijk plan)", "Date of the PIP (personal plan)", False),
        ("datumAfwijzing", "Datum afwijzing asielaanvraag", "Date the asylum application was rejected", False),
        (
            "datumEindeSchorsing",
            "Eerste dag zonder opschorting van de afwijzing (uitspraak die het beroep ongegrond verklaart, of de dag "
            "na de beroepstermijn)",
            "First day the rejection is no longer suspended (the judgment dismissing the appeal, or the day after "
            "the appeal term)",
            False,
        ),
        (
            "datumNaturalisatieverzoek",
            "Datum (voorgenomen) naturalisatieverzoek",
            "Date of the (intended) naturalisation request",
            False,
        ),
    ]
    fields = [
        Field(
            "nationaliteit",
            "Nationaliteit" if nl else "Nationality",
            hint="Landcode van twee letters, bijvoorbeeld SY of ER"
            if nl
            else "Two-letter country code, for example SY or ER",
            required=True,
        ),
        Field(
            "verblijfsdoel",
            "Verblijfsdoel" if nl else "Purpose of stay",
            options=tuple((v, v) for v in VERBLIJFSDOELEN),
            default="asiel",
        ),
    ]
    fields += [
        Field(name, label_nl if nl else label_en, "date", required=req) for name, label_nl, label_en, req in dates
    ]
    fields += [
        Field(
            "leerroute",
            "Leerroute" if nl else "Learning route",
            options=(("", "—"), *tuple((r, r) for r in LEERROUTES)),
        ),
        Field("lesurenNt2", "Gevolgde NT2-lesuren" if nl else "NT2 lesson hours followed", "number"),
        Field(
            "kansrijk",
            "Kansrijke asielaanvraag" if nl else "High-chance asylum application",
            "bool",
            options=_yes_no(lang),
        ),
        Field(
            "beroepSchorsend",
            "Werking van de afwijzing opgeschort (beroepstermijn of beroep, Vw art. 82 lid 1)"
            if nl
            else "Rejection's effect suspended (appeal term or appeal, Vw art. 82(1))",
            "bool",
            options=_yes_no(lang),
        ),
        Field(
            "voldoendeInzet",
            "Voldoende inzet getoond" if nl else "Sufficient effort shown",
            "bool",
            options=_yes_no(lang),
        ),
        Field(
            "gezinVanStatushouder",
            "Gezinslid van een statushouder" if nl else "Family member of a status holder",
            "bool",
            options=_yes_no(lang),
        ),
        Field(
            "afgeschaald",
            "Afgeschaald naar A2 (art. 17.3)" if nl else "Lowered to A2 (afschaling, art. 17.3)",
            "bool",
            options=_yes_no(lang),
        ),
        Field(
            "aantoonbaarNietInStaatTaaleis",
            "Kan aantoonbaar niet aan de taaleis voor naturalisatie voldoen"
            if nl
            else "Shown to be unable to meet the naturalisation language requirement",
            "bool",
            options=_yes_no(lang),
        ),
    ]
    return fields


def person_context(lang: str, form: dict[str, str], chosen: list[str]) -> dict[str, Any]:
    """What the person template needs besides the results."""
    scenarios = [{"id": sid, "title": f"{sid}: {layer.title[lang]}"} for sid, layer in shipped_layers().items()]
    scenarios.append({"id": "coalitie-2026+vwn-2026", "title": "coalitie-2026+vwn-2026"})
    return {
        "fields": person_fields(lang),
        "form": form,
        "scenarios": scenarios,
        "chosen": chosen,
        "today": _dt.date.today().isoformat(),
    }


def person_from_form(form: dict[str, str]) -> dict[str, Any]:
    """The posted form as a person object for ``parse_persons`` (empty fields left out)."""
    person: dict[str, Any] = {"id": "persoon"}
    for field in person_fields("nl"):
        value = form.get(field.name, "").strip()
        if not value:
            continue
        if field.type == "bool":
            person[field.name] = value == "ja"
        elif field.type == "number":
            try:
                person[field.name] = float(value)
            except ValueError:
                person[field.name] = value  # the parser names it as not a number
        else:
            person[field.name] = value.upper() if field.name == "nationaliteit" else value
    return person


GROUPS = (
    (
        "routes",
        ("Leerroutes en afschaling", "Routes and afschaling"),
        ("afschaling.", "leerroute.", "examens.", "termijn.", "pip."),
    ),
    ("asiel", ("Asielfase", "Asylum phase"), ("asiel.",)),
    ("begeleiding", ("Begeleiding", "Guidance"), ("begeleiding.", "beleid.")),
    ("naturalisatie", ("Naturalisatie", "Naturalisation"), ("naturalisatie.",)),
    ("financiering", ("Financiering", "Financing"), ("financiering.",)),
)


def scenario_context(lang: str, form: dict[str, str]) -> dict[str, Any]:
    """The builder's levers grouped by topic of the law, each with its current value and source."""
    params = load_parameters()
    today = _dt.date.today()
    groups = []
    for _, titles, prefixes in GROUPS:
        levers = []
        for path in sorted(p for p in params.live() if p.startswith(prefixes)):  # only levers something reads
            p = params[path]
            if p.type not in ("bool", "int", "float", "enum"):
                continue
            current = p.at(today) if p.values[0].vanaf <= today else p.values[0]
            cite = current.citations[0] if current.citations else None
            options: tuple[tuple[str, str], ...] = ()
            if p.type == "bool":
                options = _yes_no(lang)[1:]
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
                }
            )
        if levers:
            groups.append({"title": titles[0] if lang == "nl" else titles[1], "params": levers})
    return {"groups": groups, "form": form, "bases": list(shipped_layers())}


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
    return str(value)


def compare_context(form: dict[str, str]) -> dict[str, Any]:
    """The comparison form's choices, and what the estimate of its run time needs."""
    import os

    from inburgering.compare.request import MAX_SERVER_WORK, SECONDS_PER_UNIT_ON_2_CORES

    options = [*shipped_layers(), "coalitie-2026+vwn-2026"]
    cores = os.cpu_count() or 1
    return {
        "form": form,
        "options": options,
        "defaults": list(DEFAULT_SCENARIOS),
        "seconds_per_unit": round(SECONDS_PER_UNIT_ON_2_CORES * 2 / cores, 3),
        "max_work": MAX_SERVER_WORK,
    }


def compare_request(form: dict[str, str]) -> tuple[CompareRequest | None, list[str]]:
    """A comparison request from the form (at most 200 draws and scale 1), or every problem."""
    errors = []
    specs = [form[k] for k in ("scenario0", "scenario1", "scenario2") if form.get(k)]
    try:
        draws = int(form.get("trekkingen", "15"))
        if not 1 <= draws <= 200:
            raise ValueError
    except ValueError:
        errors.append("trekkingen: een geheel getal van 1 tot 200 / draws: a whole number from 1 to 200")
        draws = 15
    try:
        scale = float(form.get("schaal", "0.15"))
        if scale_problem(scale, 1):
            raise ValueError
    except ValueError:
        errors.append(f"schaal: een getal van {MIN_SCALE} tot en met 1 / scale: a number from {MIN_SCALE} to 1")
        scale = 0.15
    request = CompareRequest(tuple(specs), draws, 1, scale)
    try:
        request.validate()
    except RequestError as exc:
        errors += exc.problems
    if not errors and (too_much := server_work_problem(request)):
        errors.append(too_much)
    return (None if errors else request), errors
