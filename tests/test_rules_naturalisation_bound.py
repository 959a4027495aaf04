"""An asylum permit without the application's date: naturalisation's day is a bound, and the reason says so.

Vw 2000 art. 44.2 lets an asylum permit count from the application; without that date the years
count from the permit, a later day. A legal review found the day given as if it were exact.
"""

from __future__ import annotations

from inburgering.law.scenario import resolve
from inburgering.rules.person import parse_persons
from inburgering.rules.trace import results_json

PASSED = [
    {"onderdeel": o, "niveau": "A2", "datum": "2024-05-01", "geslaagd": True}
    for o in ("lezen", "luisteren", "schrijven", "spreken", "knm")
]
BASE = {
    "id": "a",
    "geboortedatum": "1990-01-01",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumVerblijfsrecht": "2023-09-01",
    "leerroute": "b1",
    "examens": PASSED,
}


def naturalisation(person: dict) -> tuple[str | None, str]:
    out = results_json(parse_persons([person]), "2026-01-01", [resolve("wi2021")])["resultaten"][0]
    step = next(s for s in out["spoor"] if s["regel"] == "naturalisatieVroegst")
    return out["naturalisatieVroegst"], step["toelichting"]


def test_without_the_application_the_day_counts_from_the_permit_and_says_it_may_be_earlier() -> None:
    day, why = naturalisation(BASE)
    assert day == "2028-09-01"
    assert "application" in why and "earlier" in why


def test_with_the_application_the_day_counts_from_it_and_is_no_bound() -> None:
    day, why = naturalisation({**BASE, "datumAsielaanvraag": "2022-11-01"})
    assert day == "2027-11-01"
    assert "earlier" not in why


def test_a_nareizigers_permit_is_no_bound() -> None:
    _, why = naturalisation({**BASE, "gezinVanStatushouder": True})
    assert "earlier" not in why
