"""The naturalisation date's reason names the requirement it was met under, and the hardship clause.

A legal tester found one text for every dated answer ("the integration requirement"), whichever
requirement the rules ask (A2 test, B1, the obligation met) and whether the day rests on the
hardship clause: a counsellor had to look up which, and could not see that the day holds only if
the IND accepts the evidence of inability (Besluit naturalisatietoets art. 4).
"""

from __future__ import annotations

import datetime as dt

import pytest

from inburgering.law.scenario import resolve
from inburgering.rules.person import parse_persons
from inburgering.rules.trace import evaluate, value_json

BASE = {
    "id": "x",
    "geboortedatum": "1990-02-02",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumAsielaanvraag": "2021-03-01",
    "datumVerblijfsrecht": "2021-03-01",
    "leerroute": "b1",
}


def _exams(level: str, day: str = "2023-05-01") -> list[dict[str, object]]:
    parts = [{"onderdeel": o, "niveau": level, "datum": day, "geslaagd": True} for o in ("lezen", "luisteren")]
    parts += [{"onderdeel": o, "niveau": level, "datum": day, "geslaagd": True} for o in ("schrijven", "spreken")]
    return [*parts, {"onderdeel": "knm", "niveau": "A2", "datum": day, "geslaagd": True}]


def _answer(person: dict[str, object], peildatum: dt.date, scenario: str):  # type: ignore[no-untyped-def]
    outcome = evaluate(parse_persons([{**BASE, **person}]), peildatum, resolve(scenario))["naturalisatieVroegst"]
    return outcome, outcome.reasons.names[int(outcome.reason[0])]


def test_the_law_in_force_names_the_a2_test_and_the_years() -> None:
    outcome, reason = _answer({"examens": _exams("A2")}, dt.date(2025, 6, 1), "wi2021")
    assert value_json(outcome, 0) == "2026-03-01" and reason == "datum"
    text = outcome.reasons.texts[outcome.reasons.code(reason)].text("en", resolve("wi2021").parameters, "2025-06-01")
    assert "naturalisation test at A2" in text and "5 years of residence" in text


def test_the_hardship_clause_is_named_where_the_day_rests_on_it() -> None:
    unable = {"aantoonbaarNietInStaatTaaleis": True}
    outcome, reason = _answer(unable, dt.date(2025, 6, 1), "wi2021")
    assert value_json(outcome, 0) == "2026-03-01" and reason == "datum_hardheid"
    # with the exams passed the clause is not needed: the plain reason
    outcome, reason = _answer({**unable, "examens": _exams("A2")}, dt.date(2025, 6, 1), "wi2021")
    assert value_json(outcome, 0) == "2026-03-01" and reason == "datum"


def test_a_b1_requirement_is_named_under_the_coalition() -> None:
    moved = {"datumAsielaanvraag": "2022-03-01", "datumVerblijfsrecht": "2022-03-01"}
    permits = [
        {"soort": "asiel-bepaald", "begin": "2022-03-01", "einde": "2027-02-28"},
        {"soort": "asiel-bepaald", "begin": "2027-03-01", "einde": "2032-02-28"},
    ]
    outcome, reason = _answer(
        {"examens": _exams("B1"), "verblijfsvergunningen": permits, **moved}, dt.date(2028, 1, 1), "coalitie-2026"
    )
    # six years from 2022-03-01 under the coalition's rules, the peildatum's own: B1 named
    assert value_json(outcome, 0) == "2028-03-01" and reason == "datum_b1"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_dated_reason_reads_in_both_languages(lang: str) -> None:
    outcome, _ = _answer({}, dt.date(2025, 6, 1), "wi2021")
    params = resolve("vwn-2026").parameters
    for name in ("datum", "datum_b1", "datum_inburgering", "datum_hardheid"):
        text = outcome.reasons.texts[outcome.reasons.code(name)].text(lang, params, "2028-06-01")
        assert "{" not in text and "RWN" in text


def test_a_day_before_the_exams_rests_on_the_clause() -> None:
    # the review of the day's change: exams passed after the day the clause gives were read as the A2 test met
    unable = {"aantoonbaarNietInStaatTaaleis": True, "examens": _exams("A2", "2027-05-01")}
    outcome, reason = _answer(unable, dt.date(2028, 1, 1), "wi2021")
    assert value_json(outcome, 0) == "2026-03-01" and reason == "datum_hardheid"
    # without the asylum application's date the clause is still named (before the bound from the permit)
    no_application = {**unable, "datumAsielaanvraag": None}
    assert _answer(no_application, dt.date(2025, 6, 1), "wi2021")[1] == "datum_hardheid"
