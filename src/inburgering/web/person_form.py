"""The person form: every input the calculator takes, in groups a counsellor recognises, with labels.

Why its own module: the form is the API's person object laid out for people. Field names are the
calculator's own keys (rows of exams and permits are ``examens-0-datum`` and the like), so a
posted form becomes a person object without a translation table, and a problem the parser finds
is mapped back to the field it concerns (:func:`field_id`) to be linked from the error summary.
Codes never show: a select shows "Gezinsmigratie" and posts ``gezin``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from inburgering.codes import LEERROUTES, NIVEAUS, ONDERDELEN, SOORTEN_VERGUNNING, VERBLIJFSDOELEN
from inburgering.i18n import N_, countries, gettext_for
from inburgering.rules.person import BOOL_FIELDS, PART_FIELDS, ZROUTE_PARTICIPATIE


@dataclass(frozen=True)
class Field:
    """One input: ``type`` is text, date, number, select, bool (yes/no/unknown) or parts (a checkbox per part)."""

    name: str
    label: str
    type: str = "text"
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()
    default: str = ""
    required: bool = False


@dataclass(frozen=True)
class Rows:
    """A list input (exams, permits) as a fixed number of rows of sub-fields; empty rows are left out."""

    name: str
    label: str
    item: str
    count: int
    columns: tuple[Field, ...]

    def row_fields(self, i: int) -> list[Field]:
        """Row ``i``'s fields with their form ids and labels ("Examen 2: datum")."""
        return [
            Field(f"{self.name}-{i}-{c.name}", f"{self.item} {i + 1}: {c.label.lower()}", c.type, c.hint, c.options)
            for c in self.columns
        ]


@dataclass(frozen=True)
class Group:
    """A fieldset of the form."""

    legend: str
    fields: tuple[Field | Rows, ...]


_PURPOSES = {
    "asiel": N_("Asylum (asylum seeker or status holder)"),
    "gezin": N_("Family migration (joining a partner or parent)"),
    "overig": N_("Other non-temporary stay (for example work)"),
    "tijdelijk": N_("Temporary stay (for example study)"),
}
_ROUTES = {
    "b1": N_("B1 route"),
    "onderwijs": N_("Education route"),
    "z": N_("Z route (self-reliance)"),
}
_PARTS = {
    "lezen": N_("Reading"),
    "luisteren": N_("Listening"),
    "schrijven": N_("Writing"),
    "spreken": N_("Speaking"),
    "knm": N_("KNM (knowledge of Dutch society)"),
    ZROUTE_PARTICIPATIE: N_("Z-route: the participation part"),
}
_PERMITS = {
    "asiel-bepaald": N_("Asylum, fixed term"),
    "asiel-onbepaald": N_("Asylum, permanent"),
    "regulier-bepaald": N_("Regular, fixed term"),
    "regulier-onbepaald": N_("Regular, permanent"),
}
assert set(_PURPOSES) == set(VERBLIJFSDOELEN) and set(_ROUTES) == set(LEERROUTES)
assert set(_PARTS) == {*ONDERDELEN, ZROUTE_PARTICIPATIE} and set(_PERMITS) == set(SOORTEN_VERGUNNING)


def _labelled(codes: tuple[str, ...], words: dict[str, str], lang: str) -> tuple[tuple[str, str], ...]:
    _ = gettext_for(lang)
    return tuple((code, _(words[code])) for code in codes)


def yes_no(lang: str) -> tuple[tuple[str, str], ...]:
    """The choices of a yes/no question that may be left unknown."""
    _ = gettext_for(lang)
    return (("", _("unknown")), ("ja", _("yes")), ("nee", _("no")))


def groups(lang: str) -> list[Group]:
    """The form's fieldsets in ``lang``: every key of the person object, once."""
    _ = gettext_for(lang)

    def d(name: str, label: str, required: bool = False, hint: str = "") -> Field:
        return Field(name, label, "date", hint, required=required)

    def b(name: str, label: str) -> Field:
        return Field(name, label, "bool", options=yes_no(lang))

    def n(name: str, label: str) -> Field:
        return Field(name, label, "number")

    parts = _labelled((*ONDERDELEN, ZROUTE_PARTICIPATIE), _PARTS, lang)
    person = Group(
        _("Person"),
        (
            d("geboortedatum", _("Date of birth"), required=True),
            Field(
                "nationaliteit",
                _("Nationality"),
                "select",
                required=True,
                options=(("", "—"), *countries(lang)),
            ),
            Field(
                "verblijfsdoel",
                _("Purpose of stay"),
                "select",
                options=_labelled(VERBLIJFSDOELEN, _PURPOSES, lang),
                default="asiel",
            ),
            b("gezinVanStatushouder", _("Family member of a status holder")),
            b("alleenstaandeMinderjarige", _("Unaccompanied minor (amv)")),
            b("kwetsbareAmv", _("Vulnerable unaccompanied minor (guidance to 21 under the coalition)")),
        ),
    )
    asylum = Group(
        _("Asylum procedure"),
        (
            d("datumAsielaanvraag", _("Date of the asylum application")),
            b("kansrijk", _("High-chance asylum application")),
            b("versneldeProcedure", _("Accelerated asylum procedure (the Migration Pact bars work)")),
            d("datumAfwijzing", _("Date the asylum application was rejected")),
            b(
                "beroepSchorsend",
                _("Rejection's effect suspended (appeal term or appeal, Vw art. 82(1))"),
            ),
            d(
                "datumEindeSchorsing",
                _("First day the rejection is no longer suspended"),
                hint=_("The day of the judgment dismissing the appeal, or the day after the appeal term."),
            ),
        ),
    )
    stay = Group(
        _("Residence and municipality"),
        (
            d("datumVerblijfsrecht", _("Date of the decision granting the residence permit")),
            d("datumKennisgeving", _("Date of DUO's notice")),
            d(
                "datumInschrijvingBrp",
                _("Date registered in the municipality (BRP)"),
            ),
            d(
                "datumEersteInschrijvingBrp",
                _("Date first registered in a municipality (BRP), if the person moved here"),
            ),
            d("datumPip", _("Date of the first PIP (personal plan)")),
            Rows(
                "verblijfsvergunningen",
                _("Residence permits"),
                _("Permit"),
                3,
                (
                    Field(
                        "soort",
                        _("Kind"),
                        "select",
                        options=(("", "—"), *_labelled(SOORTEN_VERGUNNING, _PERMITS, lang)),
                    ),
                    Field("begin", _("Start"), "date"),
                    Field("einde", _("End (empty if running)"), "date"),
                ),
            ),
        ),
    )
    learning = Group(
        _("Learning and exams"),
        (
            Field(
                "leerroute",
                _("Learning route"),
                "select",
                options=(("", "—"), *_labelled(LEERROUTES, _ROUTES, lang)),
            ),
            b("leerbaarheidstoetsA2", _("The learnability test indicated A2")),
            n("lesurenNt2", _("Dutch (NT2) lesson hours followed")),
            n("lesurenKnm", _("KNM lesson hours followed")),
            b("alleLessenGevolgd", _("Attended all lessons")),
            b("voldoendeInzet", _("Sufficient effort shown")),
            d(
                "datumPvtAfgerond",
                _("Date the PVT (participation statement) was completed"),
            ),
            d(
                "datumMapAfgerond",
                _("Date the MAP (labour-market module) was completed"),
            ),
            n("participatieurenZroute", _("Z-route: participation hours (PVT and MAP hours count)")),
            d("datumEindgesprekZroute", _("Z-route: date of the final interview with the municipality")),
            Rows(
                "examens",
                _("Exams"),
                _("Exam"),
                5,
                (
                    Field("onderdeel", _("Component"), "select", options=(("", "—"), *parts)),
                    Field("niveau", _("Level"), "select", options=(("", "—"), *((v, v) for v in NIVEAUS))),
                    Field("datum", _("Date"), "date"),
                    Field("geslaagd", _("Passed"), "select", options=yes_no(lang)),
                ),
            ),
            Field(
                "verlengingMaanden",
                _("Extension of the term (months)"),
                "number",
            ),
        ),
    )
    exemption = Group(
        _("Exemption, release and lowering to A2"),
        (
            b("vrijstellendDiploma", _("Holds an exempting diploma")),
            b("volgtVrijstellendeOpleiding", _("Follows a course that exempts")),
            b(
                "vrijstellingOpleidingWi2013",
                _("Was exempt under the Wi2013 on 31-12-2021 for following a course (art. 54.3)"),
            ),
            n("jarenLeerplichtNl", _("Years of compulsory schooling in NL")),
            b("ontheffing", _("Wholly released (ontheffing, art. 5)")),
            Field(
                "ontheffingOnderdelen",
                _("Partial release: components"),
                "parts",
                options=parts,
            ),
            b("afgeschaald", _("Lowered to A2 (afschaling, art. 17.3)")),
            Field(
                "afgeschaaldeOnderdelen",
                _("Partly lowered to A2: components"),
                "parts",
                options=parts[:4],
            ),
        ),
    )
    naturalisation = Group(
        _("Naturalisation"),
        (
            d(
                "datumNaturalisatieverzoek",
                _("Date of the (intended) naturalisation request"),
            ),
            b(
                "aantoonbaarNietInStaatTaaleis",
                _("Shown to be unable to meet the naturalisation language requirement"),
            ),
        ),
    )
    return [person, asylum, stay, learning, exemption, naturalisation]


def labels(lang: str) -> dict[str, str]:
    """Every form id with its visible label (row fields as "Examen 2: datum")."""
    out: dict[str, str] = {}
    for group in groups(lang):
        for item in group.fields:
            if isinstance(item, Rows):
                out[item.name] = item.label
                for i in range(item.count):
                    out.update((f.name, f.label) for f in item.row_fields(i))
            else:
                out[item.name] = item.label
    return out


@dataclass(frozen=True)
class Posted:
    """A posted form read: the person object, the half-filled rows' empty cells, and which rows were sent.

    ``missing`` holds (field id, message to translate); ``rows`` maps each list to the form row of
    each item sent, since the parser counts only the rows it got.
    """

    person: dict[str, Any]
    missing: list[tuple[str, str]]
    rows: dict[str, list[int]]


def from_form(form: dict[str, str]) -> Posted:
    """The posted form as a person object for ``parse_persons`` (empty fields and rows left out)."""
    person: dict[str, Any] = {"id": "persoon"}
    missing: list[tuple[str, str]] = []
    sent: dict[str, list[int]] = {}
    for group in groups("nl"):
        for item in group.fields:
            if isinstance(item, Rows):
                rows = [_row(item, i, form, missing) for i in range(item.count)]
                sent[item.name] = [i for i, r in enumerate(rows) if r]
                if sent[item.name]:
                    person[item.name] = [r for r in rows if r]
            elif item.type == "parts":
                chosen = [code for code, _label in item.options if form.get(f"{item.name}-{code}") == "ja"]
                if chosen:
                    person[item.name] = chosen
            elif (value := form.get(item.name, "").strip()) and item.type == "bool" and value not in ("ja", "nee"):
                missing.append((item.name, N_("choose yes, no or unknown")))
            elif value:
                person[item.name] = _typed(item, value)
    return Posted(person, missing, sent)


def _row(rows: Rows, i: int, form: dict[str, str], missing: list[tuple[str, str]]) -> dict[str, Any]:
    """One filled-in row as the API's object; a half-filled row is not sent but its empty cells are named."""
    values = {c.name: form.get(f"{rows.name}-{i}-{c.name}", "").strip() for c in rows.columns}
    if not any(values.values()):
        return {}
    empty = [c.name for c in rows.columns if not values[c.name] and c.name != "einde"]
    for name in empty:
        missing.append((f"{rows.name}-{i}-{name}", N_("fill it in, or empty the row")))
    if empty:
        return {}
    out: dict[str, Any] = {k: v for k, v in values.items() if v}
    if "geslaagd" in out:
        out["geslaagd"] = out["geslaagd"] == "ja"
    return out


def _typed(field: Field, value: str) -> Any:
    if field.type == "bool":
        return value == "ja"
    if field.type == "number":
        try:
            number = float(value.replace(",", "."))  # a Dutch decimal comma is a comma
        except ValueError:
            return value  # the parser names it as not a number
        return int(number) if field.name == "verlengingMaanden" and number.is_integer() else number
    return value


_INDEXED = re.compile(r"^(examens|verblijfsvergunningen)\[(\d+)\](?:\.(\w+))?$")


def field_id(parser_field: str, posted: Posted) -> str:
    """The form id a parser problem belongs to: ``examens[1].datum`` is the second filled exam row's date.

    The parser counts only the rows sent; the form left empty rows out, so the index is mapped back
    through the rows that were filled in.
    """
    match = _INDEXED.match(parser_field)
    if match:
        name, index, key = match.group(1), int(match.group(2)), match.group(3)
        row = posted.rows.get(name, [])
        index = row[index] if index < len(row) else index
        return f"{name}-{index}-{key or ('onderdeel' if name == 'examens' else 'soort')}"
    if parser_field in PART_FIELDS:
        return f"{parser_field}-{PART_FIELDS[parser_field][0][0]}"
    return parser_field


assert set(BOOL_FIELDS) <= {f.name for g in groups("nl") for f in g.fields if isinstance(f, Field)}
