"""Every input key with a wrong type, a wrong enum value or an impossible date gets its own message."""

from __future__ import annotations

from typing import Any

import pytest

from inburgering.rules.person import ALL_FIELDS, BOOL_FIELDS, DATE_FIELDS, PersonInputError, parse_persons

VALID: dict[str, Any] = {
    "id": "p1",
    "geboortedatum": "1990-01-01",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
}


def errors_for(**changes: Any) -> list[Any]:
    person = {**VALID, **changes}
    with pytest.raises(PersonInputError) as info:
        parse_persons(person)
    return info.value.errors


def test_valid_minimal_person_parses() -> None:
    persons = parse_persons(VALID)
    assert persons.ids == ("p1",)


@pytest.mark.parametrize("field", DATE_FIELDS)
@pytest.mark.parametrize("bad", ["2024-02-30", "2023-02-29", "2024-13-01", "01-02-2024", 20240101, "gisteren"])
def test_impossible_or_malformed_date(field: str, bad: Any) -> None:
    (err,) = errors_for(**{field: bad})
    assert err.persoon == "p1"
    assert err.veld == field
    assert err.waarde == bad
    assert "YYYY-MM-DD" in err.toegestaan
    assert field in err.message() and repr(bad) in err.message()


@pytest.mark.parametrize("field", BOOL_FIELDS)
@pytest.mark.parametrize("bad", ["ja", 1, 0, "true"])
def test_bool_fields_refuse_non_booleans(field: str, bad: Any) -> None:
    (err,) = errors_for(**{field: bad})
    assert (err.veld, err.waarde, err.toegestaan) == (field, bad, "true or false")


@pytest.mark.parametrize(
    ("field", "bad", "hint"),
    [
        ("verblijfsdoel", "vluchteling", "asiel | gezin | overig | tijdelijk"),
        ("leerroute", "B1", "b1 | onderwijs | z"),
        ("nationaliteit", "Syrie", "ISO 3166-1 alpha-2"),
        ("nationaliteit", "sy", "ISO 3166-1 alpha-2"),
        ("nationaliteit", "XX", "ISO 3166-1 alpha-2"),
        ("lesurenNt2", -1, "a number from 0"),
        ("lesurenNt2", "600", "a number from 0"),
        ("lesurenNt2", True, "a number from 0"),
        ("jarenLeerplichtNl", 500, "a number from 0"),
        ("jarenLeerplichtNl", 14, "a number from 0 to 13"),
        ("verlengingMaanden", 2.5, "whole number of months"),
        ("verlengingMaanden", -6, "whole number of months"),
        ("id", "", "non-empty string"),
        ("id", 12, "non-empty string"),
        ("examens", "A2", "a list of objects"),
        ("verblijfsvergunningen", {"soort": "asiel-bepaald"}, "a list of objects"),
    ],
)
def test_wrong_value_names_field_value_and_allowed(field: str, bad: Any, hint: str) -> None:
    errs = errors_for(**{field: bad})
    match = [e for e in errs if e.veld == field]
    assert match, errs
    assert match[0].waarde == bad
    assert hint in match[0].toegestaan


@pytest.mark.parametrize(
    ("item", "field", "hint"),
    [
        (
            {"onderdeel": "rekenen", "niveau": "A2", "datum": "2025-01-01", "geslaagd": True},
            "examens[0].onderdeel",
            "knm",
        ),
        ({"onderdeel": "lezen", "niveau": "C1", "datum": "2025-01-01", "geslaagd": True}, "examens[0].niveau", "B2"),
        (
            {"onderdeel": "lezen", "niveau": "A2", "datum": "2025-02-30", "geslaagd": True},
            "examens[0].datum",
            "YYYY-MM-DD",
        ),
        (
            {"onderdeel": "lezen", "niveau": "A2", "datum": "2025-01-01", "geslaagd": "ja"},
            "examens[0].geslaagd",
            "true or false",
        ),
        ({"onderdeel": "lezen", "niveau": "A2", "datum": "2025-01-01"}, "examens[0]", "keys"),
    ],
)
def test_exam_items(item: dict[str, Any], field: str, hint: str) -> None:
    (err,) = errors_for(examens=[item])
    assert err.veld == field
    assert hint in err.toegestaan


def test_permit_end_before_begin() -> None:
    (err,) = errors_for(
        verblijfsvergunningen=[{"soort": "asiel-bepaald", "begin": "2025-01-01", "einde": "2024-01-01"}]
    )
    assert err.veld == "verblijfsvergunningen[0].einde"


def test_permit_kind() -> None:
    (err,) = errors_for(verblijfsvergunningen=[{"soort": "asiel", "begin": "2025-01-01"}])
    assert err.veld == "verblijfsvergunningen[0].soort"


def test_unknown_key_is_an_error() -> None:
    (err,) = errors_for(naam="Jan")
    assert err.veld == "naam"
    assert "geboortedatum" in err.toegestaan


@pytest.mark.parametrize("field", ["id", "geboortedatum", "nationaliteit", "verblijfsdoel"])
def test_required_fields(field: str) -> None:
    person = {k: v for k, v in VALID.items() if k != field}
    with pytest.raises(PersonInputError) as info:
        parse_persons(person)
    assert [e.toegestaan for e in info.value.errors if e.veld == field] == ["a value: this field is required"]


def test_date_before_birth() -> None:
    (err,) = errors_for(datumVerblijfsrecht="1980-01-01")
    assert err.veld == "datumVerblijfsrecht"


def test_all_errors_of_all_persons_at_once() -> None:
    people = [
        {**VALID, "id": "a", "verblijfsdoel": "x", "lesurenNt2": "veel"},
        {**VALID, "id": "b", "geboortedatum": "1990-02-31"},
    ]
    with pytest.raises(PersonInputError) as info:
        parse_persons(people)
    got = {(e.persoon, e.veld) for e in info.value.errors}
    assert got == {("a", "verblijfsdoel"), ("a", "lesurenNt2"), ("b", "geboortedatum")}


def test_duplicate_ids() -> None:
    with pytest.raises(PersonInputError) as info:
        parse_persons([VALID, VALID])
    assert info.value.errors[0].veld == "id"


def test_every_field_is_accepted_with_a_valid_value() -> None:
    person = {
        **VALID,
        "gezinVanStatushouder": False,
        "datumVerblijfsrecht": "2024-01-01",
        "datumAsielaanvraag": "2023-01-01",
        "kansrijk": True,
        "versneldeProcedure": False,
        "datumKennisgeving": "2024-02-01",
        "datumInschrijvingBrp": "2024-05-01",
        "datumEersteInschrijvingBrp": "2024-02-15",
        "datumPip": "2024-06-01",
        "leerroute": "b1",
        "lesurenNt2": 120.5,
        "voldoendeInzet": True,
        "jarenLeerplichtNl": 0,
        "vrijstellendDiploma": False,
        "volgtVrijstellendeOpleiding": False,
        "vrijstellingOpleidingWi2013": False,
        "ontheffing": False,
        "verlengingMaanden": 6,
        "examens": [{"onderdeel": "knm", "niveau": "A2", "datum": "2025-01-01", "geslaagd": True}],
        "datumPvtAfgerond": "2024-09-01",
        "datumMapAfgerond": "2025-03-01",
        "verblijfsvergunningen": [{"soort": "asiel-bepaald", "begin": "2024-01-01", "einde": "2028-12-31"}],
        "alleenstaandeMinderjarige": False,
        "kwetsbareAmv": False,
        "leerbaarheidstoetsA2": False,
        "aantoonbaarNietInStaatTaaleis": False,
        "afgeschaald": False,
        "ontheffingOnderdelen": ["spreken", "knm"],
        "afgeschaaldeOnderdelen": ["schrijven"],
        "alleLessenGevolgd": True,
        "lesurenKnm": 40,
        # a rejection, suspended by the appeal, then a permit on appeal
        "datumAfwijzing": "2023-06-01",
        "beroepSchorsend": True,
        "datumEindeSchorsing": "2023-12-01",
        "datumNaturalisatieverzoek": "2029-03-01",
        "participatieurenZroute": 350,
        "datumEindgesprekZroute": "2026-09-01",
    }
    assert set(person) == set(ALL_FIELDS)
    assert len(parse_persons(person)) == 1


@pytest.mark.parametrize("field", DATE_FIELDS[1:])
def test_no_date_before_birth(field: str) -> None:
    errors = errors_for(**{field: "1985-05-05"})
    mine = [e for e in errors if e.veld == field]
    assert len(mine) == 1
    assert "geboortedatum (1990-01-01)" in mine[0].toegestaan


@pytest.mark.parametrize("field", ["datumKennisgeving", "datumPip", "datumPvtAfgerond", "datumMapAfgerond"])
def test_no_notice_pip_or_module_before_lawful_residence(field: str) -> None:
    (err,) = errors_for(datumVerblijfsrecht="2024-06-01", **{field: "2024-05-31"})
    assert err.veld == field
    assert err.waarde == "2024-05-31"
    assert "datumVerblijfsrecht (2024-06-01)" in err.toegestaan


def test_asylum_permit_not_before_the_application() -> None:
    (err,) = errors_for(datumAsielaanvraag="2024-06-01", datumVerblijfsrecht="2024-05-01")
    assert err.veld == "datumVerblijfsrecht"
    assert "datumAsielaanvraag (2024-06-01)" in err.toegestaan


def test_a_family_permit_may_predate_an_old_asylum_application() -> None:
    parse_persons(
        {**VALID, "verblijfsdoel": "gezin", "datumAsielaanvraag": "2024-06-01", "datumVerblijfsrecht": "2024-05-01"}
    )


def test_exam_and_permit_before_birth_each_get_a_message() -> None:
    errors = errors_for(
        examens=[{"onderdeel": "knm", "niveau": "A2", "datum": "1980-01-01", "geslaagd": True}],
        verblijfsvergunningen=[{"soort": "asiel-bepaald", "begin": "1981-01-01"}],
    )
    assert sorted(e.veld for e in errors) == ["examens[0].datum", "verblijfsvergunningen[0].begin"]


def test_every_order_problem_is_reported_once() -> None:
    errors = errors_for(datumVerblijfsrecht="2024-06-01", datumKennisgeving="2024-01-01", datumPip="2024-02-01")
    assert sorted(e.veld for e in errors) == ["datumKennisgeving", "datumPip"]


def test_an_id_longer_than_100_characters_is_refused_without_echoing_it_whole() -> None:
    (err,) = errors_for(id="x" * 101)
    assert err.veld == "id" and "at most 100" in err.toegestaan
    assert len(str(err.waarde)) < 30


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("ontheffingOnderdelen", ["lezen", "luisteren", "schrijven", "spreken"]),  # at most 3 (Besluit 2.7 lid 3)
        ("ontheffingOnderdelen", ["zingen"]),
        ("ontheffingOnderdelen", "spreken"),
        ("ontheffingOnderdelen", ["spreken", "spreken"]),
        ("afgeschaaldeOnderdelen", ["knm"]),  # afschaling lowers language components only (art. 17.3)
    ],
)
def test_component_lists_name_the_field_and_what_is_allowed(field: str, bad: Any) -> None:
    errors = errors_for(**{field: bad})
    assert [e.veld for e in errors] == [field]
    assert "at most" in errors[0].toegestaan


def test_a_whole_and_a_partial_ontheffing_together_are_refused() -> None:
    errors = errors_for(ontheffing=True, ontheffingOnderdelen=["spreken"])
    assert [e.veld for e in errors] == ["ontheffingOnderdelen"]


def test_the_participation_part_is_released_only_in_the_z_route() -> None:
    # Besluit 2.7 lid 3 c: the Z-route's participation part; a legal tester found it accepted in the B1-route
    # and answered "partly released"
    errors = errors_for(leerroute="b1", ontheffingOnderdelen=["participatie"])
    assert [e.veld for e in errors] == ["ontheffingOnderdelen"]
    assert "leerroute" in errors[0].toegestaan and "b1" in errors[0].toegestaan
    parse_persons({**VALID, "leerroute": "z", "ontheffingOnderdelen": ["participatie"]})
    parse_persons({**VALID, "ontheffingOnderdelen": ["participatie"]})  # the route not given: accepted
    # a family migrant not joining a status holder has no participation part (Besluit 3.14 lid 3)
    family = {**VALID, "verblijfsdoel": "gezin", "gezinVanStatushouder": False, "leerroute": "z"}
    errors = errors_for(
        **{k: v for k, v in family.items() if k not in VALID or k == "verblijfsdoel"},
        ontheffingOnderdelen=["participatie"],
    )
    assert [e.veld for e in errors] == ["ontheffingOnderdelen"] and "gezin" in errors[0].toegestaan
    parse_persons({**family, "gezinVanStatushouder": True, "ontheffingOnderdelen": ["participatie"]})


def test_a_whole_afschaling_with_a_list_of_components_is_refused() -> None:
    # as the ontheffing: 'afgeschaald' true lowers all four, so a list beside it was silently ignored (a legal tester)
    errors = errors_for(afgeschaald=True, afgeschaaldeOnderdelen=["spreken"])
    assert [e.veld for e in errors] == ["afgeschaaldeOnderdelen"]
    parse_persons({**VALID, "afgeschaald": False, "afgeschaaldeOnderdelen": ["spreken"]})  # a partial one alone is fine


def test_component_lists_become_bitmasks() -> None:
    persons = parse_persons({**VALID, "ontheffingOnderdelen": ["spreken", "knm"]})
    assert int(persons["ontheffingOnderdelen"][0]) == (1 << 3) | (1 << 4)
    assert int(persons["afgeschaaldeOnderdelen"][0]) == 0


def test_a_naturalisation_request_before_the_rulebooks_first_day_is_refused() -> None:
    """The rulebook holds the rules from 2022-01-01; a request is judged by the rules of its day."""
    errors = errors_for(datumNaturalisatieverzoek="2021-12-31")
    assert [(e.veld, e.waarde) for e in errors] == [("datumNaturalisatieverzoek", "2021-12-31")]
    assert "2022-01-01" in errors[0].toegestaan
    assert len(parse_persons({**VALID, "datumNaturalisatieverzoek": "2022-01-01"})) == 1


def test_the_partial_ontheffing_limit_is_the_law_parameters() -> None:
    """The input's limit on language components (read before any peildatum) is Besluit 2.7's value."""
    from inburgering.law.parameters import load_parameters
    from inburgering.rules.person import PART_FIELDS

    params = load_parameters()
    path = "ontheffing.max_taalonderdelen_gedeeltelijk"
    assert {v.value for v in params[path].values} == {PART_FIELDS["ontheffingOnderdelen"][1]}


def test_a_pip_before_the_16th_birthday_is_refused() -> None:
    """Nobody younger than 16 must integrate (art. 3.1): a PIP at 13 started a term and dated the obligation
    met at 15 (a legal review); on the birthday it is accepted."""
    young = {**VALID, "geboortedatum": "2010-05-01", "datumVerblijfsrecht": "2022-06-01"}
    with pytest.raises(PersonInputError) as err:
        parse_persons({**young, "datumPip": "2026-04-30"})
    ((field, value, allowed),) = [(e.veld, e.waarde, e.toegestaan) for e in err.value.errors]
    assert (field, value) == ("datumPip", "2026-04-30")
    assert "2026-05-01" in allowed and "16" in allowed
    assert len(parse_persons({**young, "datumPip": "2026-05-01"})) == 1


def test_a_z_route_final_interview_before_the_pip_is_refused() -> None:
    """The final interview closes the Z-route the PIP began (Besluit 3.14 lid 2 c, 5.3 lid 5)."""
    (err,) = errors_for(datumPip="2024-03-15", datumEindgesprekZroute="2024-02-01")
    assert err.veld == "datumEindgesprekZroute"
    assert "datumPip (2024-03-15)" in err.toegestaan


def test_a_temporary_purpose_with_a_status_holders_family_link_is_refused() -> None:
    """Family reunion with a status holder (art. 13.1.b) is no temporary purpose (Besluit 2.2); a legal
    tester found the pair accepted and the MB reason then asking for a family link that was given."""
    errs = errors_for(verblijfsdoel="tijdelijk", gezinVanStatushouder=True)
    assert any(e.veld == "gezinVanStatushouder" for e in errs)
    parse_persons({**VALID, "verblijfsdoel": "gezin", "gezinVanStatushouder": True})  # accepted


def test_an_unaccompanied_minor_applied_before_turning_18() -> None:
    """A legal tester found a man of 34 at his application given guardian guidance that ended 16 years before it."""
    (err,) = errors_for(datumAsielaanvraag="2024-01-01", alleenstaandeMinderjarige=True)
    assert err.veld == "alleenstaandeMinderjarige" and err.waarde is True
    assert "2024-01-01" in err.toegestaan and "2008-01-01" in err.toegestaan
    parse_persons(
        {**VALID, "geboortedatum": "2006-01-02", "datumAsielaanvraag": "2024-01-01", "alleenstaandeMinderjarige": True}
    )
    parse_persons({**VALID, "datumAsielaanvraag": "2024-01-01", "alleenstaandeMinderjarige": False})
