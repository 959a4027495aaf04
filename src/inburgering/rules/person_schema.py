"""The person input's fields and the error that names one (shared by the parser and its date checks).

Kept apart from :mod:`inburgering.rules.person` so the checks of the order of dates
(:mod:`inburgering.rules.person_order`) can use them without an import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from inburgering.codes import ONDERDELEN
from inburgering.i18n import gettext_for

REQUIRED = ("id", "geboortedatum", "nationaliteit", "verblijfsdoel")
ID_MAX_LENGTH = 100  # the API schema's maxLength too
DATE_FIELDS = (
    "geboortedatum",
    "datumVerblijfsrecht",
    "datumAsielaanvraag",
    "datumKennisgeving",
    "datumInschrijvingBrp",
    "datumPip",
    "datumPvtAfgerond",
    "datumMapAfgerond",
    "datumAfwijzing",
    "datumEindeSchorsing",
    "datumNaturalisatieverzoek",
    "datumEindgesprekZroute",
    "datumEersteInschrijvingBrp",
)
BOOL_FIELDS = (
    "gezinVanStatushouder",
    "kansrijk",
    "versneldeProcedure",
    "voldoendeInzet",
    "vrijstellendDiploma",
    "volgtVrijstellendeOpleiding",
    "vrijstellingOpleidingWi2013",
    "ontheffing",
    "alleenstaandeMinderjarige",
    "kwetsbareAmv",
    "leerbaarheidstoetsA2",
    "aantoonbaarNietInStaatTaaleis",
    "afgeschaald",
    "alleLessenGevolgd",
    "beroepSchorsend",
)
NUMBER_FIELDS = {
    "lesurenNt2": 100_000,
    "lesurenKnm": 100_000,
    # leerplicht from 5 (Leerplichtwet 1969 art. 3) to the end of kwalificatieplicht at 18 (art. 4a): at most
    # 13 years; a legal tester found 15 accepted, which silently exempts (art. 4.1.a asks 8)
    "jarenLeerplichtNl": 13,
    "participatieurenZroute": 100_000,
}
ZROUTE_PARTICIPATIE = "participatie"
"""The Z-route's participation part (Besluit 3.14 lid 2 b), which a partial ontheffing may release (2.7 lid 3 c)."""
PART_FIELDS = {
    # a partial ontheffing (art. 5.1 "geheel of gedeeltelijk", Besluit 2.7 lid 3): at most 3 of the 4
    # language components, and/or KNM (a), or the Z-route's participation part (c)
    "ontheffingOnderdelen": ((*ONDERDELEN, ZROUTE_PARTICIPATIE), 3),
    # a partial afschaling (art. 17.3 "geheel of gedeeltelijk op het niveau A2"): language components only
    "afgeschaaldeOnderdelen": (ONDERDELEN[:4], 4),
}
"""Lists of parts, stored as an ``int8`` bitmask (bit i: the i-th allowed name; the exam components first, as
``ONDERDELEN``): (allowed, most language parts)."""
ALL_FIELDS = (
    *REQUIRED,
    *DATE_FIELDS[1:],
    *BOOL_FIELDS,
    *NUMBER_FIELDS,
    *PART_FIELDS,
    "leerroute",
    "verlengingMaanden",
    "examens",
    "verblijfsvergunningen",
)


@dataclass(frozen=True)
class FieldError:
    """One problem in the input: which person, which field, which value, what is allowed.

    ``template`` says what is allowed in English with ``{name}`` placeholders for ``params``; it
    is a msgid of the catalogue, so the API, the page and the command line say it in the reader's
    language (:meth:`allowed`) without a table of patterns per language.
    """

    persoon: str
    veld: str
    waarde: Any
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def toegestaan(self) -> str:
        """What is allowed, in English."""
        return self.allowed("en")

    def allowed(self, lang: str) -> str:
        """What is allowed, in ``lang``."""
        return gettext_for(lang)(self.template).format(**self.params)

    def message(self, lang: str = "en") -> str:
        """The whole message: person, field, value and what is allowed."""
        _ = gettext_for(lang)
        text = _("person {person}: field {field}: value {value} is not allowed; allowed: {allowed}")
        return text.format(
            person=repr(self.persoon), field=repr(self.veld), value=repr(self.waarde), allowed=self.allowed(lang)
        )

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """JSON form for the API, in ``lang``."""
        return {
            "persoon": self.persoon,
            "veld": self.veld,
            "waarde": _safe(self.waarde),
            "toegestaan": self.allowed(lang),
            "melding": self.message(lang),
        }


def _safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)
