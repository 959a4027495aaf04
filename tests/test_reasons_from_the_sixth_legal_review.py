"""Reasons and answers a sixth legal tester found naming the wrong ground, or too little.

- A family member of a status holder on a regular permit of indefinite duration has no DUO loan
  because of the permit (art. 19 is for fixed-term regular permits), not because the college
  provides the course of status holders' families; and has no MB any more (art. 13.1.b).
- A UK national residing here since before 2021 is never obliged under the Withdrawal Agreement
  (art. 3.2.d), not "under the old Act" (art. 54.1).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from inburgering.law.scenario import resolve
from inburgering.rules.base import Outcome
from inburgering.rules.logic import FALSE, TRUE
from inburgering.rules.person import parse_persons
from inburgering.rules.trace import evaluate

BASE = {
    "id": "x",
    "geboortedatum": "1990-01-01",
    "nationaliteit": "SY",
    "datumVerblijfsrecht": "2023-07-01",
    "datumInschrijvingBrp": "2023-09-01",
    "datumPip": "2023-11-01",
    "leerroute": "b1",
}


def _outcome(person: dict[str, object], output: str, peildatum: dt.date, scenario: str = "wi2021") -> Outcome:
    return evaluate(parse_persons([{**BASE, **person}]), peildatum, resolve(scenario))[output]


def _reason(person: dict[str, object], output: str, peildatum: dt.date, scenario: str = "wi2021") -> tuple[object, str]:
    """(value code, reason name) of ``output`` for one person on ``peildatum``."""
    outcome = _outcome(person, output, peildatum, scenario)
    return int(outcome.value[0]), outcome.reasons.names[int(outcome.reason[0])]


def _family(second: str) -> dict[str, object]:
    return {
        "verblijfsdoel": "gezin",
        "gezinVanStatushouder": True,
        "verblijfsvergunningen": [
            {"soort": "regulier-bepaald", "begin": "2023-07-01", "einde": "2028-06-30"},
            {"soort": second, "begin": "2028-07-01"},
        ],
    }


def test_a_nareiziger_on_a_permanent_permit_has_no_loan_because_of_the_permit() -> None:
    assert _reason(_family("regulier-onbepaald"), "leningMogelijk", dt.date(2028, 8, 1)) == (FALSE, "onbepaald")
    # on the fixed-term permit the family member is a status holder's: the college's course
    assert _reason(_family("regulier-onbepaald"), "leningMogelijk", dt.date(2028, 6, 1)) == (FALSE, "statushouder")


def test_mb_ends_when_a_permanent_permit_takes_over() -> None:
    assert _reason(_family("regulier-onbepaald"), "rechtOpMaatschappelijkeBegeleiding", dt.date(2028, 6, 1))[0] == TRUE
    after = _reason(_family("regulier-onbepaald"), "rechtOpMaatschappelijkeBegeleiding", dt.date(2028, 8, 1))
    assert after == (FALSE, "onbepaald")
    # a second fixed-term permit keeps it
    kept = _reason(_family("regulier-bepaald"), "rechtOpMaatschappelijkeBegeleiding", dt.date(2028, 8, 1))
    assert kept[0] == TRUE
    asylum = {
        "verblijfsdoel": "asiel",
        "verblijfsvergunningen": [
            {"soort": "asiel-bepaald", "begin": "2023-07-01", "einde": "2028-06-30"},
            {"soort": "asiel-onbepaald", "begin": "2028-07-01"},
        ],
    }
    assert _reason(asylum, "rechtOpMaatschappelijkeBegeleiding", dt.date(2028, 8, 1)) == (FALSE, "onbepaald")


def test_a_briton_from_before_2021_is_never_obliged_under_the_withdrawal_agreement() -> None:
    brit = {"nationaliteit": "GB", "verblijfsdoel": "overig", "datumVerblijfsrecht": "2020-12-31"}
    for key in ("datumInschrijvingBrp", "datumPip", "leerroute"):
        brit[key] = None
    assert _reason(brit, "inburgeringsplichtig", dt.date(2026, 1, 1)) == (FALSE, "terugtrekkingsakkoord")
    # the loan for those never obliged (Besluit 6.1): three years from lawful residence, long over
    assert _reason(brit, "leningMogelijk", dt.date(2026, 1, 1)) == (FALSE, "eu_voorbij")
    # within the three years it is the same loan as an EU citizen's
    assert _reason(brit, "leningMogelijk", dt.date(2022, 6, 1)) == (TRUE, "eu")
    # from the transition's end on, a Briton is obliged as anyone else: under the old Act in 2021, this one since
    old_act = {**brit, "datumVerblijfsrecht": "2021-01-01"}
    assert _reason(old_act, "inburgeringsplichtig", dt.date(2026, 1, 1)) == (FALSE, "wi2013")
    later = {**brit, "datumVerblijfsrecht": "2022-03-01"}
    assert _reason(later, "inburgeringsplichtig", dt.date(2026, 1, 1)) == (TRUE, "plichtig")


def test_what_the_obligation_misses_says_when_another_part_is_open() -> None:
    """plichtOntbreekt lists the parts surely missing and says when another part's state is open."""
    z_route = {
        "verblijfsdoel": "asiel",
        "leerroute": "z",
        "datumPvtAfgerond": "2023-12-01",
        "lesurenNt2": 300.0,
        "lesurenKnm": 20.0,
    }
    outcome = _outcome(z_route, "plichtOntbreekt", dt.date(2025, 6, 1))
    assert outcome.reasons.names[int(outcome.reason[0])] == "deels_open"  # the participation hours not given
    given = {**z_route, "participatieurenZroute": 0.0}
    outcome = _outcome(given, "plichtOntbreekt", dt.date(2025, 6, 1))
    assert outcome.reasons.names[int(outcome.reason[0])] == "ontbreekt"
    assert [label for bit, label in enumerate(outcome.labels) if int(outcome.value[0]) & (1 << bit)] == [
        "map",
        "zrouteUren",
        "zrouteParticipatie",
        "zrouteEindgesprek",
    ]


def test_mb_does_not_call_a_free_movement_person_under_the_old_act() -> None:
    # the review of the day's change: a Briton (and an EU national) here before 2022 read "the old Act applies"
    for nationality in ("GB", "DE"):
        person = {"nationaliteit": nationality, "verblijfsdoel": "gezin", "gezinVanStatushouder": True}
        person.update(datumVerblijfsrecht="2019-05-01", datumPip=None, leerroute=None)
        value, reason = _reason(person, "rechtOpMaatschappelijkeBegeleiding", dt.date(2025, 6, 1))
        assert value == FALSE and reason == "niet_plichtig", nationality


def test_a_reform_group_on_a_permanent_permit_is_told_the_permit_ends_mb() -> None:
    # VWN's MB for those of the AOW age when housed: the permit, not the obligation, ends it
    person = {
        "geboortedatum": "1955-01-01",
        "verblijfsdoel": "asiel",
        "datumVerblijfsrecht": "2027-03-01",
        "datumInschrijvingBrp": "2027-06-01",
        "datumPip": None,
        "leerroute": None,
        "verblijfsvergunningen": [
            {"soort": "asiel-bepaald", "begin": "2027-03-01", "einde": "2031-12-31"},
            {"soort": "asiel-onbepaald", "begin": "2032-01-01"},
        ],
    }
    mb = "rechtOpMaatschappelijkeBegeleiding"
    assert _reason(person, mb, dt.date(2031, 6, 1), "vwn-2026") == (TRUE, "aow")
    assert _reason(person, mb, dt.date(2032, 6, 1), "vwn-2026") == (FALSE, "onbepaald")


def test_what_the_obligation_misses_agrees_with_its_date() -> None:
    """A last part done after the AOW day meets nothing: not applicable, not "nothing missing" (a review)."""
    person = {
        "geboortedatum": "1958-03-01",
        "verblijfsdoel": "asiel",
        "datumVerblijfsrecht": "2023-01-01",
        "datumPip": "2023-06-01",
        "leerroute": "b1",
        "datumPvtAfgerond": "2023-09-01",
        "datumMapAfgerond": "2023-12-01",
        "examens": [
            {"onderdeel": o, "niveau": "B1" if o != "knm" else "A2", "datum": "2025-05-10", "geslaagd": True}
            for o in ("lezen", "luisteren", "schrijven", "spreken", "knm")
        ],
    }
    result = evaluate(parse_persons([{**BASE, **person}]), dt.date(2025, 6, 1), resolve("wi2021"))
    assert np.isnat(result["plichtVoldaanOp"].value[0])
    missing = result["plichtOntbreekt"]
    assert int(missing.value[0]) == -1 and missing.reasons.names[int(missing.reason[0])] == "niet_plichtig"
    # without the PIP's date, the parts done may not count (Besluit 5.3 lid 5): the rest is open
    no_pip = {**person, "geboortedatum": "1990-01-01", "datumPip": None, "examens": []}
    assert _reason(no_pip, "plichtOntbreekt", dt.date(2025, 6, 1))[1] == "deels_open"
