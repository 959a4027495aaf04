"""Dates that contradict each other or the person's age: refused by name, with the reason.

Also the caseload import's orders (:mod:`inburgering.caseload.check`, for the columns it has),
so a file and the person calculator refuse the same contradictions with the same words.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.codes import MEERDERJARIG, Verblijfsdoel
from inburgering.dates import MonthIndex
from inburgering.i18n import N_
from inburgering.rules.logic import FALSE, TRUE
from inburgering.rules.person_schema import DATE_FIELDS, FieldError

# (field, the field it may not come before, why) — orders that no real case can have (also the
# caseload import's, :mod:`inburgering.caseload.check`, for the columns it has). A PIP
# before DUO's notice is *not* among them: the obligation arises with lawful residence (art. 3.1),
# the notice only tells the person, and a municipality may hold the intake and adopt the PIP of a
# status holder assigned to it before the notice arrives.
DATE_ORDER = (
    *((key, "geboortedatum", "") for key in DATE_FIELDS[1:]),
    (
        "datumKennisgeving",
        "datumVerblijfsrecht",
        N_(
            "a date on or after {field} ({date}): DUO's notice follows the obligation, which arises with lawful residence"
        ),
    ),
    (
        "datumPip",
        "datumVerblijfsrecht",
        N_(
            "a date on or after {field} ({date}): the college adopts a PIP for someone who is obliged, from lawful residence"
        ),
    ),
    (
        "datumPvtAfgerond",
        "datumVerblijfsrecht",
        N_("a date on or after {field} ({date}): the PVT is part of an obligation that arises with lawful residence"),
    ),
    (
        "datumMapAfgerond",
        "datumVerblijfsrecht",
        N_("a date on or after {field} ({date}): the MAP is part of an obligation that arises with lawful residence"),
    ),
    (
        "datumEindgesprekZroute",
        "datumPip",
        N_("a date on or after {field} ({date}): the final interview closes the Z-route, which the PIP begins"),
    ),
    (
        "datumInschrijvingBrp",
        "datumEersteInschrijvingBrp",
        N_("a date on or after {field} ({date}): the registration here follows the first one"),
    ),
    (
        "datumAfwijzing",
        "datumAsielaanvraag",
        N_("a date on or after {field} ({date}): a rejection decides an asylum application"),
    ),
    (
        "datumEindeSchorsing",
        "datumAfwijzing",
        N_("a date on or after {field} ({date}): the suspension is of the rejection's effect (Vw 2000 art. 82)"),
    ),
)


ORDER_DEFAULT = N_("a date on or after {field} ({date})")


def _check_rejection(row: dict[str, Any], raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """A rejection's facts that cannot go together (Vw 2000 art. 82: the suspension is of a rejection's effect)."""
    rejected, permit, ended = row["datumAfwijzing"], row["datumVerblijfsrecht"], row["datumEindeSchorsing"]
    reported = {e.veld for e in errors if e.persoon == person}  # one message per field
    if "datumEindeSchorsing" in reported:
        pass
    elif not np.isnat(ended) and np.isnat(rejected):
        errors.append(
            FieldError(
                person,
                "datumEindeSchorsing",
                raw.get("datumEindeSchorsing"),
                N_("empty without {field}"),
                {"field": "datumAfwijzing"},
            )
        )
    elif not np.isnat(ended) and row["beroepSchorsend"] == FALSE:
        errors.append(
            FieldError(
                person,
                "datumEindeSchorsing",
                raw.get("datumEindeSchorsing"),
                N_("empty when {field} is false (a rejection whose effect was not suspended)"),
                {"field": "beroepSchorsend"},
            )
        )
    if "datumAfwijzing" not in reported and not np.isnat(rejected) and not np.isnat(permit) and rejected > permit:
        errors.append(
            FieldError(
                person,
                "datumAfwijzing",
                raw.get("datumAfwijzing"),
                N_(
                    "a date on or before {field} ({date}): this field is the rejection of the asylum application "
                    "before any permit (a permit on appeal or a new application may follow it); a refused extension "
                    "or a revoked permit is not covered by it"
                ),
                {"field": "datumVerblijfsrecht", "date": str(permit)},
            )
        )


def _check_request(row: dict[str, Any], raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """A naturalisation request before the rulebook's first day: its rules are not in the rulebook."""
    from inburgering.law.parameters import law_start, load_parameters

    request, first = row["datumNaturalisatieverzoek"], law_start(load_parameters())
    reported = {e.veld for e in errors if e.persoon == person}
    if "datumNaturalisatieverzoek" not in reported and not np.isnat(request) and request < first:
        errors.append(
            FieldError(
                person,
                "datumNaturalisatieverzoek",
                raw.get("datumNaturalisatieverzoek"),
                N_(
                    "a date on or after {date}: the rulebook holds the rules from the Wet inburgering 2021's entry "
                    "into force, and a request is judged by the rules of its day"
                ),
                {"date": str(first)},
            )
        )


def _check_minor(row: dict[str, Any], raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """An unaccompanied minor who applied for asylum as an adult: the flag is of a minor at the application.

    A legal tester found a man of 34 at his application given guardian guidance that ended 16 years
    before it; a minor is under 18 (BW 1:233), the age ``amvBegeleidingTot`` counts from.
    """
    applied, born = row["datumAsielaanvraag"], row["geboortedatum"]
    if row["alleenstaandeMinderjarige"] != TRUE or np.isnat(applied) or np.isnat(born):
        return
    adult = MonthIndex(np.array([born], "datetime64[D]")).reaching(12 * MEERDERJARIG)[0]
    if applied >= adult:
        errors.append(
            FieldError(
                person,
                "alleenstaandeMinderjarige",
                raw.get("alleenstaandeMinderjarige"),
                N_(
                    "false or empty: the asylum application ({date}) was made on or after the 18th birthday "
                    "({adult}), and an unaccompanied minor applies before it"
                ),
                {"date": str(applied), "adult": str(adult)},
            )
        )


PIP_AGE = N_(
    "a date on or after {date}, the day the person turns {age}: nobody younger must integrate "
    "(art. 3.1), and the college adopts a PIP for those who must"
)


def first_pip_day(born: np.datetime64, pip: np.datetime64) -> tuple[np.datetime64, int]:
    """The first day a PIP can be adopted for someone born on ``born`` (the obligation's age, art. 3.1), and that age.

    A legal review found a PIP at 13 accepted, which started a term and dated the obligation met
    at 15, before it could exist (art. 3.1, 3.3). The person input and the caseload import ask here.
    """
    from inburgering.law.parameters import law_start, load_parameters

    params = load_parameters()
    age = int(params.value("plicht.minimumleeftijd", max(pip, law_start(params))))  # an old-Act PIP: the first age
    return MonthIndex(np.array([born], "datetime64[D]")).reaching(12 * age)[0], age


def _check_pip_age(row: dict[str, Any], raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """A PIP before the age from which anyone is obliged (art. 3.1): the college adopts it for the obliged."""
    pip, born = row["datumPip"], row["geboortedatum"]
    if np.isnat(pip) or np.isnat(born) or any(e.persoon == person and e.veld == "datumPip" for e in errors):
        return
    first, age = first_pip_day(born, pip)
    if pip < first:
        errors.append(FieldError(person, "datumPip", raw.get("datumPip"), PIP_AGE, {"date": str(first), "age": age}))


def check_order(row: dict[str, Any], raw: dict[str, Any], person: str, errors: list[FieldError]) -> None:
    """One message per date that comes before a date it cannot precede (names the field and both dates)."""
    reported: set[str] = set()
    for key, before, why in DATE_ORDER:
        if key in reported or np.isnat(row[key]) or np.isnat(row[before]) or row[key] >= row[before]:
            continue
        reported.add(key)  # a date before birth is not also reported as before the permit
        params = {"field": before, "date": str(row[before])}
        errors.append(FieldError(person, key, raw.get(key), why or ORDER_DEFAULT, params))
    app, permit = row["datumAsielaanvraag"], row["datumVerblijfsrecht"]
    if row["verblijfsdoel"] == Verblijfsdoel.ASIEL and not np.isnat(app) and not np.isnat(permit) and permit < app:
        errors.append(
            FieldError(
                person,
                "datumVerblijfsrecht",
                raw.get("datumVerblijfsrecht"),
                N_("a date on or after {field} ({date}): an asylum permit follows the application"),
                {"field": "datumAsielaanvraag", "date": str(app)},
            )
        )
    _check_rejection(row, raw, person, errors)
    _check_request(row, raw, person, errors)
    _check_pip_age(row, raw, person, errors)
    _check_minor(row, raw, person, errors)
    born = row["geboortedatum"]
    for key, items, where in (
        ("examens", row["examens"], "datum"),
        ("verblijfsvergunningen", row["verblijfsvergunningen"], "begin"),
    ):
        for i, item in enumerate(items or []):
            day = item[2] if key == "examens" else item[1]
            if not np.isnat(born) and day < born:
                errors.append(
                    FieldError(
                        person,
                        f"{key}[{i}].{where}",
                        str(day),
                        N_("a date on or after {field} ({date})"),
                        {"field": "geboortedatum", "date": str(born)},
                    )
                )
