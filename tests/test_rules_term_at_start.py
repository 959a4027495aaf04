"""The term's length and the route-change window are those in force when the term began (W 11.1, 11.2, 3.3).

A user's reform that lengthens the term from 2027-07-01 (the example of docs/scenarios.md) applies
to terms set after that day; a review found it read on the peildatum, so an expired term came
back to life and a running term's end moved with the day asked.
"""

from __future__ import annotations

import numpy as np

from inburgering.law.scenario import load_scenario_text, resolve
from inburgering.rules.person import parse_persons
from inburgering.rules.trace import results_json

LONGER = load_scenario_text(
    """
id: langere-termijn
title: {en: longer term, nl: langere termijn}
base: wi2021
sources: [{bron: aanname, toelichting: test}]
changes:
  - parameter: termijn.duur
    values: {2027-07-01: 42}
  - parameter: leerroute.wijzigingstermijn
    values: {2027-07-01: 24}
"""
)
PERSON = {
    "id": "t",
    "geboortedatum": "1990-01-01",
    "nationaliteit": "MA",
    "verblijfsdoel": "gezin",
    "datumVerblijfsrecht": "2023-12-01",
    "datumKennisgeving": "2024-01-10",
    "datumInschrijvingBrp": "2023-12-05",
}


def answers(pip: str, peildatum: str) -> dict:
    scenario = resolve("langere-termijn", {"langere-termijn": LONGER})
    out = results_json(parse_persons([{**PERSON, "datumPip": pip}]), peildatum, [scenario])
    return dict(out["resultaten"][0])


def test_a_term_begun_before_the_reform_keeps_its_length_whatever_the_day_asked() -> None:
    before = answers("2024-03-15", "2027-06-01")
    after = answers("2024-03-15", "2027-07-01")
    assert before["eindeTermijn"] == after["eindeTermijn"] == "2027-03-15"
    assert before["laatsteDagRoutewijziging"] == after["laatsteDagRoutewijziging"] == "2025-09-15"


def test_a_term_begun_after_the_reform_has_the_new_length() -> None:
    later = answers("2027-08-01", "2027-09-01")
    assert later["eindeTermijn"] == "2031-02-01"  # 42 months from 2027-08-02
    assert later["laatsteDagRoutewijziging"] == "2029-08-01"  # 24 months
    assert np.datetime64(later["eindeTermijn"]) > np.datetime64("2030-08-01")


def test_the_bounds_a_file_is_checked_against_are_the_rulebooks_term() -> None:
    """The caseload import asks the rulebook for a term's earliest and latest end (one owner of the law).

    The earliest end is the end the rule gives a PIP without extension; the latest adds the
    extension months and at most ``termijn.max_onderbreking`` months of a gap (Besluit 4.2),
    each read on the PIP's date: under the longer term a PIP after the reform gets 42 months.
    """
    from inburgering.rules.termijn import term_end_bounds

    scenario = resolve("langere-termijn", {"langere-termijn": LONGER})
    params = scenario.parameters
    # the day before the reform is the one PIP whose term begins on the reform's day: read on the PIP's date
    # (36 months), not on the term's first day (42), as the rule reads it (the review of the day's change)
    for pip, peil in (("2024-03-15", "2024-06-01"), ("2027-06-30", "2027-09-01"), ("2027-08-01", "2027-09-01")):
        start = np.datetime64(pip) + 1
        earliest, latest, months, gap = term_end_bounds(params, [start], 6)
        assert str(earliest[0]) == answers(pip, peil)["eindeTermijn"]
        assert int(months[0]) == (36 if pip < "2027-07-01" else 42)
        with_extension = results_json(
            parse_persons([{**PERSON, "datumPip": pip, "verlengingMaanden": int(6 + gap[0])}]), peil, [scenario]
        )["resultaten"][0]["eindeTermijn"]
        assert str(latest[0]) == with_extension


def test_the_route_change_day_says_the_onderwijsroute_may_switch_to_b1_to_the_end() -> None:
    """Besluit 5.4 lid 1: from the onderwijsroute to the B1-route throughout the term.

    The date is the 18-month day for every route; a legal review found a counsellor reading it
    alone as the end of that switch too, so for a person in the onderwijsroute the reason says first
    that this switch stays open (and for one in the B1-route it does not single it out).
    """
    person = {**PERSON, "verblijfsdoel": "asiel", "datumPip": "2024-09-01"}

    def step(route: str) -> dict:
        out = results_json(parse_persons([{**person, "leerroute": route}]), "2026-06-01", [resolve("wi2021")])
        entry = out["resultaten"][0]
        assert entry["laatsteDagRoutewijziging"] == "2026-03-01"
        return next(s for s in entry["spoor"] if s["regel"] == "laatsteDagRoutewijziging")

    assert "this person's route" in step("onderwijs")["toelichting"]
    assert "this person's route" not in step("b1")["toelichting"]
