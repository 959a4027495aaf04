"""JSON schemas of the API's bodies, built from the same constants the input parser uses.

The person schema is derived from :mod:`inburgering.rules.person` (field names, types, enums),
so the document cannot drift from what ``parse_persons`` accepts. Bodies are read as raw JSON
and checked by that parser, which reports every problem at once; the schema documents them.
"""

from __future__ import annotations

from typing import Any

from inburgering.rules.person import (
    BOOL_FIELDS,
    DATE_FIELDS,
    ID_MAX_LENGTH,
    LEERROUTES,
    NIVEAUS,
    NUMBER_FIELDS,
    ONDERDELEN,
    PART_FIELDS,
    REQUIRED,
    SOORTEN_VERGUNNING,
    VERBLIJFSDOELEN,
)

DATE = {"type": "string", "format": "date", "example": "2024-01-15"}

MAX_PERSONS = 100  # persons per calculation (routes_law reads these)
MAX_RESULTS = 200  # persons x scenarios per calculation


def persoon() -> dict[str, Any]:
    """One person as ``explain`` takes it (synthetic or pseudonymous: no BSN, no name)."""
    props: dict[str, Any] = {
        "id": {
            "type": "string",
            "minLength": 1,
            "maxLength": ID_MAX_LENGTH,
            "description": "Your own reference (not a BSN).",
        },
        "nationaliteit": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 code."},
        "verblijfsdoel": {"type": "string", "enum": list(VERBLIJFSDOELEN)},
        "leerroute": {"type": "string", "enum": list(LEERROUTES)},
        "verlengingMaanden": {"type": "integer", "minimum": 0, "maximum": 120},
        "examens": {
            "type": "array",
            "maxItems": 100,
            "items": {
                "type": "object",
                "properties": {
                    "onderdeel": {"type": "string", "enum": list(ONDERDELEN)},
                    "niveau": {"type": "string", "enum": list(NIVEAUS)},
                    "datum": DATE,
                    "geslaagd": {"type": "boolean"},
                },
                "required": ["onderdeel", "niveau", "datum", "geslaagd"],
                "additionalProperties": False,
            },
        },
        "verblijfsvergunningen": {
            "type": "array",
            "maxItems": 20,
            "items": {
                "type": "object",
                "properties": {
                    "soort": {"type": "string", "enum": list(SOORTEN_VERGUNNING)},
                    "begin": DATE,
                    "einde": DATE,
                },
                "required": ["soort", "begin"],
                "additionalProperties": False,
            },
        },
    }
    for name in DATE_FIELDS:
        props[name] = DATE
    for name in BOOL_FIELDS:
        props[name] = {"type": "boolean"}
    for name, top in NUMBER_FIELDS.items():
        props[name] = {"type": "number", "minimum": 0, "maximum": top}
    for name, (allowed, _) in PART_FIELDS.items():
        props[name] = {
            "type": "array",
            "items": {"type": "string", "enum": list(allowed)},
            "maxItems": len(allowed),
            "uniqueItems": True,
            "description": "Exam components (a partial decision); at most 3 language components for an ontheffing.",
        }
    return {"type": "object", "properties": props, "required": list(REQUIRED), "additionalProperties": False}


EIGEN_SCENARIOS: dict[str, Any] = {
    "type": "array",
    "minItems": 1,
    "maxItems": 3,
    "items": {"type": "object", "additionalProperties": True},
    "description": "Your own scenarios, as POST /v1/scenario-validaties takes them (id, title, base, sources, "
    "dates, changes); name their ids in 'scenarios', alone or in a stack. Used for this request only, not kept "
    "(a comparison stores them with its run).",
}


def berekening_verzoek() -> dict[str, Any]:
    """POST /v1/berekeningen."""
    return {
        "type": "object",
        "properties": {
            "peildatum": {**DATE, "example": "2026-11-28"},
            "scenarios": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[a-z0-9+\\-]+$"},
                "minItems": 1,
                "maxItems": 10,
                "example": ["wi2021", "coalitie-2026+vwn-2026"],
            },
            "taal": {"type": "string", "enum": ["nl", "en"]},
            "eigenScenarios": EIGEN_SCENARIOS,
            "personen": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Persoon"},
                "minItems": 1,
                "maxItems": MAX_PERSONS,
                "description": f"At most {MAX_PERSONS} persons, and at most {MAX_RESULTS} answers per request "
                "(persons x scenarios): each answer carries its whole trace.",
            },
        },
        "required": ["personen"],
        "additionalProperties": False,
    }


def simulatie_verzoek() -> dict[str, Any]:
    """POST /v1/simulaties (a comparison; limits keep one request within minutes)."""
    return {
        "type": "object",
        "properties": {
            "scenarios": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[a-z0-9+\\-]+$"},
                "minItems": 1,
                "maxItems": 5,
                "example": ["wi2021", "coalitie-2026"],
            },
            "trekkingen": {"type": "integer", "minimum": 1, "maximum": 200},
            "seed": {"type": "integer", "minimum": 0, "maximum": 2_147_483_647},
            "schaal": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
            "laatsteInstroomjaar": {"type": "integer", "minimum": 2022, "maximum": 2030},
            "eind": {"type": "string", "pattern": "^20[2-6][0-9]-(0[1-9]|1[0-2])$", "example": "2040-12"},
            "eigenScenarios": EIGEN_SCENARIOS,
            "perWijziging": {
                "type": "boolean",
                "default": False,
                "description": "Also compute which change does what (table 'bijdragen'): each change alone, each "
                "scenario without it, and Shapley shares for up to 4 changes. Extra runs per scenario and draw: 2 per "
                "change, or 2^k - 2 for k <= 4 changes.",
            },
        },
        "required": ["scenarios"],
        "additionalProperties": False,
    }


PROBLEEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "status": {"type": "integer"},
        "title": {"type": "string"},
        "detail": {"type": "string"},
        "fouten": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
    },
    "required": ["status", "title", "detail"],
}

OBJECT: dict[str, Any] = {"type": "object", "additionalProperties": True}


def components() -> dict[str, Any]:
    """Every named schema of the document (UpperCamelCase names, as the rules ask)."""
    return {
        "Persoon": persoon(),
        "BerekeningVerzoek": berekening_verzoek(),
        "SimulatieVerzoek": simulatie_verzoek(),
        "Probleem": PROBLEEM,
    }
