"""The end of an asylum applicant's access to work after a rejection (``magWerkenTot``).

The legal cases are in tests/cases/asiel.yaml; these tests hold what a case file cannot say:
how a null reads (unknown or no end), the input's consistency checks, and properties over
random persons.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.law.scenario import resolve
from inburgering.rules.logic import FALSE, TRUE
from inburgering.rules.person import PersonInputError, parse_persons
from inburgering.rules.synthetic import random_persons
from inburgering.rules.trace import evaluate, results_json

BASE = {
    "id": "p",
    "geboortedatum": "1995-04-04",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumAsielaanvraag": "2024-03-15",
}


def _trace(**person: Any) -> dict[str, Any]:
    result = results_json(parse_persons({**BASE, **person}), "2025-03-01", [resolve("wi2021")])["resultaten"][0]
    return next(step for step in result["spoor"] if step["regel"] == "magWerkenTot")


@pytest.mark.parametrize(
    ("person", "reads"),
    [
        ({}, "geen"),  # the application awaits a decision: no end
        ({"datumAfwijzing": "2025-01-20"}, "onbekend"),  # whether it is suspended is not known
        ({"datumAfwijzing": "2025-01-20", "beroepSchorsend": True}, "geen"),  # the suspension runs
    ],
)
def test_a_null_end_says_whether_it_is_unknown_or_none(person: dict[str, Any], reads: str) -> None:
    step = _trace(**person)
    assert step["uitkomst"] is None
    assert step["uitkomstSoort"] == reads


def test_a_day_the_suspension_ended_implies_one() -> None:
    step = _trace(datumAfwijzing="2025-01-20", datumEindeSchorsing="2025-02-18")
    assert step["uitkomst"] == "2025-02-18"


@pytest.mark.parametrize(
    ("person", "field"),
    [
        ({"datumEindeSchorsing": "2025-02-01"}, "datumEindeSchorsing"),
        (
            {"datumAfwijzing": "2025-01-20", "beroepSchorsend": False, "datumEindeSchorsing": "2025-02-01"},
            "datumEindeSchorsing",
        ),
        ({"datumAfwijzing": "2025-01-20", "datumEindeSchorsing": "2025-01-01"}, "datumEindeSchorsing"),
        ({"datumAfwijzing": "2024-01-20"}, "datumAfwijzing"),  # before the application
        ({"datumAfwijzing": "2025-01-20", "datumVerblijfsrecht": "2024-12-01"}, "datumAfwijzing"),
    ],
)
def test_facts_that_cannot_go_together_are_refused_by_name(person: dict[str, Any], field: str) -> None:
    with pytest.raises(PersonInputError) as err:
        parse_persons({**BASE, **person})
    assert [e.veld for e in err.value.errors] == [field]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), day=st.sampled_from(["2022-06-01", "2024-01-01", "2026-07-01"]))
def test_an_end_is_a_rejection_fact_of_an_asylum_applicant_without_permit(seed: int, day: str) -> None:
    persons = random_persons(300, seed=seed)
    out = evaluate(persons, day, resolve("wi2021"))["magWerkenTot"].value
    ends = ~np.isnat(out)
    assert not (ends & ~np.isnat(persons["datumVerblijfsrecht"])).any()
    assert (persons["verblijfsdoel"][ends] == 0).all()  # asylum
    rejected, suspended = persons["datumAfwijzing"][ends], persons["beroepSchorsend"][ends]
    assert (out[ends] >= rejected).all()
    # without a suspension the end is the rejection; with one it is the suspension's end
    assert (out[ends][suspended == FALSE] == rejected[suspended == FALSE]).all()
    assert (out[ends][suspended == TRUE] == persons["datumEindeSchorsing"][ends][suspended == TRUE]).all()


@pytest.mark.parametrize(
    ("person", "reads"),
    [
        ({}, "geen"),  # the application awaits a decision: lawful (Vw 8 f)
        ({"datumAfwijzing": "2025-01-20"}, "onbekend"),  # whether it is suspended is not known
        ({"datumAfwijzing": "2025-01-20", "beroepSchorsend": True}, "geen"),  # the suspension runs (Vw 8 h)
        ({"verblijfsdoel": "gezin", "datumAsielaanvraag": None}, "nietVanToepassing"),  # not an asylum applicant
    ],
)
def test_the_lawful_stay_reads_null_as_unknown_none_or_not_applicable(person: dict[str, Any], reads: str) -> None:
    result = results_json(parse_persons({**BASE, **person}), "2025-03-01", [resolve("wi2021")])["resultaten"][0]
    step = next(step for step in result["spoor"] if step["regel"] == "rechtmatigVerblijfTot")
    assert step["uitkomst"] is None
    assert step["uitkomstSoort"] == reads


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), day=st.sampled_from(["2022-06-01", "2024-01-01", "2026-07-01"]))
def test_work_the_bsn_and_voorinburgering_end_with_the_lawful_stay(seed: int, day: str) -> None:
    """Without a bar on work (wi2021), access to work ends exactly when the lawful stay does; no BSN or
    voorinburgering is dated on or after that day."""
    persons = random_persons(300, seed=seed)
    out = evaluate(persons, day, resolve("wi2021"))
    stay = out["rechtmatigVerblijfTot"].value
    work_end = out["magWerkenTot"].value
    assert np.array_equal(stay.view("i8"), work_end.view("i8"))  # NaT compares equal
    for name in ("bsnVanaf", "voorinburgeringVanaf", "magWerkenVanaf"):
        dated = ~np.isnat(out[name].value) & ~np.isnat(stay)
        assert not (out[name].value[dated] >= stay[dated]).any(), name


def _reason(rule: str, person: dict[str, Any], peildatum: str, scenario: str) -> str:
    out = results_json(parse_persons([{**BASE, **person}]), peildatum, [resolve(scenario)])
    return str(next(s for s in out["resultaten"][0]["spoor"] if s["regel"] == rule)["toelichting"])


def test_the_work_reason_says_whether_the_employer_needs_a_twv() -> None:
    """The TWV is the employer's permit (Wav art. 2); the coalition's alternative drops it (a legal tester
    found the lever changing no answer and no reason of the person calculator)."""
    person = {"datumAsielaanvraag": "2027-01-15", "kansrijk": True}
    assert "needs a work permit (TWV)" in _reason("magWerkenVanaf", person, "2027-04-01", "wi2021")
    assert "no TWV" in _reason("magWerkenVanaf", person, "2027-04-01", "coalitie-2026")


def test_the_registration_reason_names_the_waits_in_force() -> None:
    """A review found "6 months" stated under vwn-2026, whose wait for a high chance is none."""
    person = {"datumAsielaanvraag": "2027-02-10", "kansrijk": False}
    text = _reason("bsnVanaf", person, "2027-03-01", "vwn-2026")
    assert "0 months for an applicant with a high chance" in text and "6 months for others" in text
