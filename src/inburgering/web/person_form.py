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
from inburgering.i18n import countries
from inburgering.rules.person import BOOL_FIELDS, PART_FIELDS


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


def _w(lang: str, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


_PURPOSES = {
    "asiel": ("Asiel (asielzoeker of statushouder)", "Asylum (asylum seeker or status holder)"),
    "gezin": ("Gezinsmigratie (bij partner of ouder)", "Family migration (joining a partner or parent)"),
    "overig": ("Ander niet-tijdelijk verblijf (bijvoorbeeld arbeid)", "Other non-temporary stay (for example work)"),
    "tijdelijk": ("Tijdelijk verblijf (bijvoorbeeld studie)", "Temporary stay (for example study)"),
}
_ROUTES = {
    "b1": ("B1-route", "B1 route"),
    "onderwijs": ("Onderwijsroute", "Education route"),
    "z": ("Z-route (zelfredzaamheid)", "Z route (self-reliance)"),
}
_PARTS = {
    "lezen": ("Lezen", "Reading"),
    "luisteren": ("Luisteren", "Listening"),
    "schrijven": ("Schrijven", "Writing"),
    "spreken": ("Spreken", "Speaking"),
    "knm": ("KNM (Kennis van de Nederlandse Maatschappij)", "KNM (knowledge of Dutch society)"),
}
_PERMITS = {
    "asiel-bepaald": ("Asiel, bepaalde tijd", "Asylum, fixed term"),
    "asiel-onbepaald": ("Asiel, onbepaalde tijd", "Asylum, permanent"),
    "regulier-bepaald": ("Regulier, bepaalde tijd", "Regular, fixed term"),
    "regulier-onbepaald": ("Regulier, onbepaalde tijd", "Regular, permanent"),
}
assert set(_PURPOSES) == set(VERBLIJFSDOELEN) and set(_ROUTES) == set(LEERROUTES)
assert set(_PARTS) == set(ONDERDELEN) and set(_PERMITS) == set(SOORTEN_VERGUNNING)


def _labelled(codes: tuple[str, ...], words: dict[str, tuple[str, str]], lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((code, words[code][lang != "nl"]) for code in codes)


def yes_no(lang: str) -> tuple[tuple[str, str], ...]:
    """The choices of a yes/no question that may be left unknown."""
    return (("", _w(lang, "onbekend", "unknown")), ("ja", _w(lang, "ja", "yes")), ("nee", _w(lang, "nee", "no")))


def groups(lang: str) -> list[Group]:
    """The form's fieldsets in ``lang``: every key of the person object, once."""

    def d(name: str, nl: str, en: str, required: bool = False, hint: tuple[str, str] = ("", "")) -> Field:
        return Field(name, _w(lang, nl, en), "date", _w(lang, *hint), required=required)

    def b(name: str, nl: str, en: str) -> Field:
        return Field(name, _w(lang, nl, en), "bool", options=yes_no(lang))

    def n(name: str, nl: str, en: str) -> Field:
        return Field(name, _w(lang, nl, en), "number")

    parts = _labelled(ONDERDELEN, _PARTS, lang)
    person = Group(
        _w(lang, "Persoon", "Person"),
        (
            d("geboortedatum", "Geboortedatum", "Date of birth", required=True),
            Field(
                "nationaliteit",
                _w(lang, "Nationaliteit", "Nationality"),
                "select",
                required=True,
                options=(("", "—"), *countries(lang)),
            ),
            Field(
                "verblijfsdoel",
                _w(lang, "Verblijfsdoel", "Purpose of stay"),
                "select",
                options=_labelled(VERBLIJFSDOELEN, _PURPOSES, lang),
                default="asiel",
            ),
            b("gezinVanStatushouder", "Gezinslid van een statushouder", "Family member of a status holder"),
            b("alleenstaandeMinderjarige", "Alleenstaande minderjarige vreemdeling (amv)", "Unaccompanied minor (amv)"),
        ),
    )
    asylum = Group(
        _w(lang, "Asielprocedure", "Asylum procedure"),
        (
            d("datumAsielaanvraag", "Datum asielaanvraag", "Date of the asylum application"),
            b("kansrijk", "Kansrijke asielaanvraag", "High-chance asylum application"),
            d("datumAfwijzing", "Datum afwijzing asielaanvraag", "Date the asylum application was rejected"),
            b(
                "beroepSchorsend",
                "Werking van de afwijzing opgeschort (beroepstermijn of beroep, Vw art. 82 lid 1)",
                "Rejection's effect suspended (appeal term or appeal, Vw art. 82(1))",
            ),
            d(
                "datumEindeSchorsing",
                "Eerste dag zonder opschorting van de afwijzing",
                "First day the rejection is no longer suspended",
                hint=(
                    "De dag van de uitspraak die het beroep ongegrond verklaart, of de dag na de beroepstermijn.",
                    "The day of the judgment dismissing the appeal, or the day after the appeal term.",
                ),
            ),
        ),
    )
    stay = Group(
        _w(lang, "Verblijf en gemeente", "Residence and municipality"),
        (
            d("datumVerblijfsrecht", "Datum verblijfsvergunning", "Date of the residence permit"),
            d("datumKennisgeving", "Datum kennisgeving DUO", "Date of DUO's notice"),
            d(
                "datumInschrijvingBrp",
                "Datum inschrijving in de gemeente (BRP)",
                "Date registered in the municipality (BRP)",
            ),
            d("datumPip", "Datum PIP (persoonlijk plan)", "Date of the PIP (personal plan)"),
            Rows(
                "verblijfsvergunningen",
                _w(lang, "Verblijfsvergunningen", "Residence permits"),
                _w(lang, "Vergunning", "Permit"),
                3,
                (
                    Field(
                        "soort",
                        _w(lang, "Soort", "Kind"),
                        "select",
                        options=(("", "—"), *_labelled(SOORTEN_VERGUNNING, _PERMITS, lang)),
                    ),
                    Field("begin", _w(lang, "Begin", "Start"), "date"),
                    Field("einde", _w(lang, "Einde (leeg als doorlopend)", "End (empty if running)"), "date"),
                ),
            ),
        ),
    )
    learning = Group(
        _w(lang, "Leren en examens", "Learning and exams"),
        (
            Field(
                "leerroute",
                _w(lang, "Leerroute", "Learning route"),
                "select",
                options=(("", "—"), *_labelled(LEERROUTES, _ROUTES, lang)),
            ),
            n("lesurenNt2", "Gevolgde lesuren Nederlands (NT2)", "Dutch (NT2) lesson hours followed"),
            n("lesurenKnm", "Gevolgde lesuren KNM", "KNM lesson hours followed"),
            b("alleLessenGevolgd", "Alle lessen gevolgd", "Attended all lessons"),
            b("voldoendeInzet", "Voldoende inzet getoond", "Sufficient effort shown"),
            d(
                "datumPvtAfgerond",
                "Datum PVT afgerond (participatieverklaringstraject)",
                "Date the PVT (participation statement) was completed",
            ),
            d(
                "datumMapAfgerond",
                "Datum MAP afgerond (module arbeidsmarkt en participatie)",
                "Date the MAP (labour-market module) was completed",
            ),
            Rows(
                "examens",
                _w(lang, "Examens", "Exams"),
                _w(lang, "Examen", "Exam"),
                5,
                (
                    Field("onderdeel", _w(lang, "Onderdeel", "Component"), "select", options=(("", "—"), *parts)),
                    Field(
                        "niveau", _w(lang, "Niveau", "Level"), "select", options=(("", "—"), *((v, v) for v in NIVEAUS))
                    ),
                    Field("datum", _w(lang, "Datum", "Date"), "date"),
                    Field("geslaagd", _w(lang, "Geslaagd", "Passed"), "select", options=yes_no(lang)),
                ),
            ),
            Field(
                "verlengingMaanden",
                _w(lang, "Verlenging van de termijn (maanden)", "Extension of the term (months)"),
                "number",
            ),
        ),
    )
    exemption = Group(
        _w(lang, "Vrijstelling, ontheffing en afschaling", "Exemption, release and lowering to A2"),
        (
            b("vrijstellendDiploma", "Heeft een vrijstellend diploma", "Holds an exempting diploma"),
            b("volgtVrijstellendeOpleiding", "Volgt een opleiding die vrijstelt", "Follows a course that exempts"),
            n("jarenLeerplichtNl", "Jaren leerplichtig geweest in Nederland", "Years of compulsory schooling in NL"),
            b("ontheffing", "Geheel ontheven (art. 5)", "Wholly released (ontheffing, art. 5)"),
            Field(
                "ontheffingOnderdelen",
                _w(lang, "Gedeeltelijke ontheffing: onderdelen", "Partial release: components"),
                "parts",
                options=parts,
            ),
            b("afgeschaald", "Afgeschaald naar A2 (art. 17.3)", "Lowered to A2 (afschaling, art. 17.3)"),
            Field(
                "afgeschaaldeOnderdelen",
                _w(lang, "Gedeeltelijk afgeschaald: onderdelen", "Partly lowered to A2: components"),
                "parts",
                options=parts[:4],
            ),
        ),
    )
    naturalisation = Group(
        _w(lang, "Naturalisatie", "Naturalisation"),
        (
            d(
                "datumNaturalisatieverzoek",
                "Datum (voorgenomen) naturalisatieverzoek",
                "Date of the (intended) naturalisation request",
            ),
            b(
                "aantoonbaarNietInStaatTaaleis",
                "Kan aantoonbaar niet aan de taaleis voor naturalisatie voldoen",
                "Shown to be unable to meet the naturalisation language requirement",
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

    ``missing`` holds (field id, Dutch, English message); ``rows`` maps each list to the form row of
    each item sent, since the parser counts only the rows it got.
    """

    person: dict[str, Any]
    missing: list[tuple[str, str, str]]
    rows: dict[str, list[int]]


def from_form(form: dict[str, str]) -> Posted:
    """The posted form as a person object for ``parse_persons`` (empty fields and rows left out)."""
    person: dict[str, Any] = {"id": "persoon"}
    missing: list[tuple[str, str, str]] = []
    sent: dict[str, list[int]] = {}
    for group in groups("nl"):
        for item in group.fields:
            if isinstance(item, Rows):
                rows = [_row(item, i, form, missing) for i in range(item.count)]
                sent[item.name] = [i for i, r in enumerate(rows) if r]
                if sent[item.name]:
                    person[item.name] = [r for r in rows if r]
            elif item.type == "parts":
                chosen = [code for code, _ in item.options if form.get(f"{item.name}-{code}") == "ja"]
                if chosen:
                    person[item.name] = chosen
            elif value := form.get(item.name, "").strip():
                person[item.name] = _typed(item, value)
    return Posted(person, missing, sent)


def _row(rows: Rows, i: int, form: dict[str, str], missing: list[tuple[str, str, str]]) -> dict[str, Any]:
    """One filled-in row as the API's object; a half-filled row is not sent but its empty cells are named."""
    values = {c.name: form.get(f"{rows.name}-{i}-{c.name}", "").strip() for c in rows.columns}
    if not any(values.values()):
        return {}
    empty = [c.name for c in rows.columns if not values[c.name] and c.name != "einde"]
    for name in empty:
        missing.append(
            (f"{rows.name}-{i}-{name}", "vul dit in, of maak de hele rij leeg", "fill it in, or empty the row")
        )
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
