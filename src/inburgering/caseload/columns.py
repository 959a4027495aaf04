"""The caseload file's columns: one place for names, types, allowed values, meaning and source.

The columns are the data items the Besluit inburgering 2021 has municipalities and DUO exchange
for carrying out the obligation (Besluit 9.1-9.4: the obligation, exemptions, leerroute, PIP
date, term start and end, extensions, progress, exam results, PVT and MAP, the right to MB).
The template, the JSON Schema, the checker and docs/caseload.md are all generated from here.
Nothing here asks for a name, address, BSN, health or religion: the checker refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from inburgering.i18n import N_, Count, Said
from inburgering.rules.person import LEERROUTES, NIVEAUS

BESLUIT = "BWBR0045555"


@dataclass(frozen=True)
class Column:
    """One column of the caseload file."""

    name: str
    kind: str  # id, date, enum, number, int, bool, country
    nl: str
    en: str
    example: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    maximum: float | None = None
    artikel: str = "9.2"  # the Besluit article that names the data item


LEVELS = ("", *NIVEAUS)
# the four language components' columns, in the order of State.niveau (reading, listening, writing, speaking)
LEVEL_COLUMNS = ("niveauLezen", "niveauLuisteren", "niveauSchrijven", "niveauSpreken")
COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "id",
        "Eigen dossiernummer (wordt gepseudonimiseerd; geen BSN)",
        "Your own case number (pseudonymised; not a BSN)",
        "D-2024-0173",
        True,
        artikel="9.1",
    ),
    Column("geboortedatum", "date", "Geboortedatum", "Date of birth", "14-03-1991", True, artikel="9.1"),
    Column(
        "nationaliteit",
        "country",
        "Nationaliteit, landcode van twee letters (ISO 3166-1)",
        "Nationality, two-letter country code (ISO 3166-1)",
        "SY",
        True,
        artikel="9.1",
    ),
    Column(
        "verblijfsdoel",
        "enum",
        "Verblijfsdoel",
        "Purpose of stay",
        "asiel",
        True,
        ("asiel", "gezin", "overig"),
        artikel="9.1",
    ),
    Column(
        "datumVerblijfsrecht",
        "date",
        "Datum besluit verblijfsvergunning (niet de ingangsdatum op de pas)",
        "Date of the decision granting the residence permit (not the start date on the card)",
        "02-10-2023",
        artikel="9.1",
    ),
    Column(
        "datumKennisgeving",
        "date",
        "Datum kennisgeving inburgeringsplicht (DUO)",
        "Date of DUO's notice of the obligation",
        "20-11-2023",
        artikel="9.1",
    ),
    Column(
        "datumInschrijvingBrp",
        "date",
        "Datum inschrijving in de gemeente (BRP)",
        "Date registered in the municipality (BRP)",
        "15-07-2024",
        artikel="9.3",
    ),
    # a status holder who moved here counts for the SPUK by the year of first housing (Besluit 10.2:
    # the cohorts t, t-1, t-2 housed; 10.4: counted where they live), not by the move's date
    Column(
        "datumEersteInschrijvingBrp",
        "date",
        "Datum eerste inschrijving in een gemeente (BRP), alleen bij verhuizing hierheen",
        "Date first registered in a municipality (BRP), only for someone who moved here",
        "",
        artikel="10.4",
    ),
    Column(
        "datumPip", "date", "Datum vaststelling eerste PIP", "Date the first PIP was set", "20-09-2024", artikel="9.3"
    ),
    Column("leerroute", "enum", "Leerroute in het PIP", "Learning route in the PIP", "b1", allowed=LEERROUTES),
    Column(
        "startTermijn",
        "date",
        "Start van de inburgeringstermijn (DUO)",
        "Start of the term (DUO)",
        "21-09-2024",
        artikel="9.3",
    ),
    Column(
        "eindeTermijn",
        "date",
        "Einde van de termijn, inclusief verlengingen (DUO)",
        "End of the term, extensions included (DUO)",
        "20-09-2027",
        artikel="9.3",
    ),
    Column(
        "verlengingMaanden",
        "int",
        "Verlengingen tot nu toe, in maanden",
        "Extensions so far, in months",
        "0",
        maximum=120,
        artikel="9.3",
    ),
    Column("lesurenNt2", "number", "Gevolgde NT2-lesuren", "NT2 lesson hours followed", "640", maximum=100_000),
    Column(
        "voldoendeInzet",
        "bool",
        "Voldoende inzet getoond (oordeel college)",
        "Sufficient effort shown (the college's view)",
        "ja",
    ),
    Column(
        "niveauLezen", "enum", "Hoogst behaalde niveau lezen", "Highest level passed, reading", "A2", allowed=LEVELS
    ),
    Column(
        "niveauLuisteren",
        "enum",
        "Hoogst behaalde niveau luisteren",
        "Highest level passed, listening",
        "A2",
        allowed=LEVELS,
    ),
    Column(
        "niveauSchrijven",
        "enum",
        "Hoogst behaalde niveau schrijven",
        "Highest level passed, writing",
        "",
        allowed=LEVELS,
    ),
    Column(
        "niveauSpreken", "enum", "Hoogst behaalde niveau spreken", "Highest level passed, speaking", "", allowed=LEVELS
    ),
    Column(
        "datumAfschaling",
        "date",
        "Datum besluit afschaling naar taalniveau A2 (B1-route)",
        "Date of the decision to lower the target to A2 (B1 route)",
        "",
    ),
    Column("knmBehaald", "bool", "KNM-examen behaald", "KNM exam passed", "ja"),
    Column(
        "datumPvtAfgerond",
        "date",
        "Datum participatieverklaringstraject afgerond",
        "Date the PVT was completed",
        "01-03-2025",
    ),
    Column(
        "datumMapAfgerond",
        "date",
        "Datum module arbeidsmarkt en participatie afgerond",
        "Date the MAP was completed",
        "",
    ),
    Column("vrijgesteld", "bool", "Vrijgesteld (DUO)", "Exempt (DUO)", "nee", artikel="9.1"),
    Column(
        "ontheffing", "bool", "Ontheffing verleend (DUO)", "Released (ontheffing granted by DUO)", "nee", artikel="9.1"
    ),
    Column(
        "maatschappelijkeBegeleiding",
        "bool",
        "Recht op maatschappelijke begeleiding (DUO)",
        "Right to MB (DUO)",
        "ja",
        artikel="9.4",
    ),
)
BY_NAME = {c.name: c for c in COLUMNS}
TRUE_WORDS, FALSE_WORDS = ("ja", "j", "yes", "y", "true", "1", "waar"), ("nee", "n", "no", "false", "0", "onwaar")


def allowed_text(column: Column) -> Said:
    """What a cell of ``column`` may hold, in words (for error messages and the docs; English as a ``str``)."""
    if column.kind == "enum":
        shown = [a if a else "(leeg)" for a in column.allowed]
        return Said(N_("one of {values}"), values=", ".join(shown))
    if column.kind in ("number", "int") and column.maximum:
        limit = column.maximum if column.maximum != int(column.maximum) else Count(int(column.maximum))
        kind = Said(
            N_("a number from 0 to {most}") if column.kind == "number" else N_("a whole number from 0 to {most}"),
            most=limit,
        )
    else:
        kind = Said(
            {
                "id": N_("a text of 1 to 64 characters that is not a BSN"),
                "date": N_("a date dd-mm-jjjj or jjjj-mm-dd"),
                "country": N_("a two-letter country code (ISO 3166-1), e.g. SY"),
                "bool": N_("ja or nee"),
                "number": N_("a number"),
                "int": N_("a whole number"),
            }[column.kind]
        )
    return kind if column.required else Said(N_("{allowed}; may be empty"), allowed=kind)


def _any_case(words: Iterable[str], required: bool = False) -> str:
    """A pattern for ``words`` in any case with spaces around, as the reader takes them (JSON Schema has no flag).

    Empty is allowed unless ``required``.
    """

    def one(word: str) -> str:
        return "".join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else re.escape(ch) for ch in word)

    return r"^\s*(?:" + "|".join(one(w) for w in words if w) + (r")\s*$" if required else r")?\s*$")


def json_schema() -> dict[str, Any]:
    """A JSON Schema of one row (cells as text, as they come from CSV or Excel).

    It takes what the reader takes (a review found rows the check accepts refused by the schema):
    codes in any case, dates with -, / or . (and ISO), numbers with a decimal comma or point and
    thousands points, spaces around a cell. What the check refuses beyond the form (a date that does
    not exist, a value out of range) it cannot say.
    """
    props: dict[str, Any] = {}
    for c in COLUMNS:
        prop: dict[str, Any] = {"description": f"{c.nl} / {c.en}", "examples": [c.example]}
        if c.kind == "enum":
            prop |= {"type": "string", "pattern": _any_case(c.allowed, c.required and "" not in c.allowed)}
        elif c.kind == "date":
            prop |= {"type": "string", "pattern": r"^\s*(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})?\s*$"}
        elif c.kind == "bool":
            prop |= {"type": "string", "pattern": _any_case([*TRUE_WORDS, *FALSE_WORDS])}
        elif c.kind == "country":
            prop |= {"type": "string", "pattern": r"^\s*[A-Za-z]{2}\s*$"}
        elif c.kind == "number":
            prop |= {"type": "string", "pattern": r"^\s*(\d{1,3}(\.\d{3})+(,\d+)?|\d+([.,]\d+)?)?\s*$"}
        elif c.kind == "int":
            prop |= {"type": "string", "pattern": r"^\s*(\d{1,3}(\.\d{3})+|\d+)?\s*$"}
        else:
            prop |= {"type": "string", "minLength": 1, "maxLength": 64}
        props[c.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://inburgering.example.org/schemas/caseload-rij.json",
        "title": "Caseload row (inburgering)",
        "type": "object",
        "properties": props,
        "required": [c.name for c in COLUMNS if c.required],
        "additionalProperties": False,
    }
