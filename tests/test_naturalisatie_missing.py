"""What is missing for naturalisation when the date waits for rules not yet in force (RWN art. 8.1.d).

A request is judged by the rules in force on its day (decision 0016). Someone who meets a later
reform's requirement but not that of the day they ask (or of the peildatum) gets the reform's
first day as the date, and the requirement of their own day as missing: "nothing missing" would
say they could ask on that day. Issue #20's review found the request day ignored when three rule
periods follow each other.
"""

from __future__ import annotations

import datetime as dt

from inburgering.law.scenario import load_scenario_text, resolve
from inburgering.rules.person import parse_persons
from inburgering.rules.trace import evaluate, value_json

# the VWN proposal moved a year later: A2 until 2027, the coalition's B1 in 2027, VWN's "inburgering" from 2028
LATER_VWN = load_scenario_text(
    """
id: vwn-later
title: {en: VWN a year later, nl: VWN een jaar later}
base: vwn-2026
description: {en: moves the proposal's start to 2028, nl: verschuift de ingangsdatum naar 2028}
dates: {vwn-2026.ingangsdatum: 2028-01-01}
changes: []
"""
)
EXAMS = [
    {"onderdeel": o, "niveau": "A2", "datum": "2021-05-01", "geslaagd": True}
    for o in ("lezen", "luisteren", "schrijven", "spreken", "knm")
]
PERSON = {
    "id": "x",
    "geboortedatum": "1990-02-02",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumVerblijfsrecht": "2019-09-01",
    "leerroute": "z",
    "datumPvtAfgerond": "2022-03-01",
    "datumMapAfgerond": "2022-10-01",
    "lesurenNt2": 800,
    "participatieurenZroute": 800,
    "datumEindgesprekZroute": "2022-10-15",
    "examens": EXAMS,
    "verblijfsvergunningen": [
        {"soort": "asiel-bepaald", "begin": "2019-09-01"},
        {"soort": "asiel-bepaald", "begin": "2024-09-01"},
    ],
}


def _answer(**extra: str) -> tuple[str | None, list[str] | None]:
    scenario = resolve("coalitie-2026+vwn-later", extra={"vwn-later": LATER_VWN})
    out = evaluate(parse_persons([{**PERSON, **extra}]), dt.date(2026, 6, 1), scenario)
    return value_json(out["naturalisatieVroegst"], 0), value_json(out["naturalisatieOntbreekt"], 0)


def test_asking_now_under_the_rules_of_now() -> None:
    # A2 and five years are met on the peildatum: nothing missing, the date is already past
    assert _answer() == ("2024-09-01", [])


def test_a_request_day_under_stricter_rules_names_what_they_miss() -> None:
    # asked in 2027 (B1 then): the date waits for VWN's rules in 2028, and B1 is what is missing until then
    assert _answer(datumNaturalisatieverzoek="2027-06-01") == ("2028-01-01", ["inburgeringsvereiste"])


def test_a_request_day_under_rules_that_are_met_misses_nothing() -> None:
    assert _answer(datumNaturalisatieverzoek="2028-03-01") == ("2028-03-01", [])


def test_a_date_later_than_the_residence_years_names_the_rule_that_holds_it() -> None:
    # review of issue #20: five years end in 2026-09, the request day's B1 (2027) is what moves the date to 2028
    when, missing = _answer(datumVerblijfsrecht="2021-09-01", datumNaturalisatieverzoek="2027-06-01")
    assert when == "2028-01-01" and missing is not None and "inburgeringsvereiste" in missing


def test_an_unknown_z_route_leaves_naturalisation_unknown() -> None:
    """A status holder's Z-route without the participation hours given: met or not is unknown, and so is the date."""
    from inburgering.rules.trace import results_json

    person = {
        "id": "z",
        "geboortedatum": "1990-02-02",
        "nationaliteit": "SY",
        "verblijfsdoel": "asiel",
        "datumVerblijfsrecht": "2022-02-01",
        "leerroute": "z",
        "lesurenNt2": 800,
        "datumPvtAfgerond": "2023-01-01",
        "datumMapAfgerond": "2023-06-01",
        "datumEindgesprekZroute": "2023-09-01",
    }
    entry = results_json(parse_persons([person]), "2028-06-01", [resolve("vwn-2026")])["resultaten"][0]
    trace = {step["regel"]: step for step in entry["spoor"]}
    assert trace["plichtVoldaanOp"]["uitkomstSoort"] == "onbekend"
    assert trace["naturalisatieVroegst"]["uitkomst"] is None
    assert trace["naturalisatieVroegst"]["uitkomstSoort"] == "onbekend"
    # without the final interview the Z-route is surely not met, whatever the hours
    del person["datumEindgesprekZroute"]
    entry = results_json(parse_persons([person]), "2028-06-01", [resolve("vwn-2026")])["resultaten"][0]
    trace = {step["regel"]: step for step in entry["spoor"]}
    assert trace["plichtVoldaanOp"]["uitkomstSoort"] == "geen"


def test_without_a_permit_list_the_coalitions_two_permits_are_unknown_not_unmet() -> None:
    # a legal tester: the coalition asks two temporary permits; without a list the null said "not met"
    person = {k: v for k, v in PERSON.items() if k != "verblijfsvergunningen"}
    person.update(
        datumVerblijfsrecht="2023-06-01",
        datumPip="2023-10-01",
        leerroute="b1",
        datumPvtAfgerond="2024-03-01",
        datumMapAfgerond="2024-10-01",
    )
    for key in ("datumEindgesprekZroute", "participatieurenZroute"):
        person.pop(key)
    exams = [
        {"onderdeel": o, "niveau": "B1", "datum": "2025-05-01", "geslaagd": True}
        for o in ("lezen", "luisteren", "schrijven", "spreken")
    ]
    person.update(examens=[*exams, {"onderdeel": "knm", "niveau": "A2", "datum": "2025-05-01", "geslaagd": True}])
    persons = parse_persons([person])
    out = evaluate(persons, dt.date(2026, 6, 1), resolve("coalitie-2026"))
    vroegst, ontbreekt = out["naturalisatieVroegst"], out["naturalisatieOntbreekt"]
    assert value_json(vroegst, 0) is None
    assert vroegst.has("vergunningen_onbekend")[0]
    assert ontbreekt.has("vergunningen_onbekend")[0]
    # with the list, the second permit's day is the answer: nothing unknown
    listed = parse_persons(
        [
            {
                **person,
                "verblijfsvergunningen": [
                    {"soort": "asiel-bepaald", "begin": "2023-06-01", "einde": "2028-05-31"},
                    {"soort": "asiel-bepaald", "begin": "2028-06-01"},
                ],
            }
        ]
    )
    assert value_json(evaluate(listed, dt.date(2026, 6, 1), resolve("coalitie-2026"))["naturalisatieVroegst"], 0)


def test_a_day_under_other_rules_than_the_peildatums_says_so() -> None:
    # a legal tester: the reason was the same whichever rules gave the day; asked in 2026 under the coalition,
    # a day in 2028 falls under its six years and B1, not under the rules of the peildatum
    person = {k: v for k, v in PERSON.items() if k != "verblijfsvergunningen"}
    person.update(
        datumAsielaanvraag="2022-02-01", datumVerblijfsrecht="2022-03-01", datumPip="2022-09-01", leerroute="b1"
    )
    person.update(datumPvtAfgerond="2023-03-01", datumMapAfgerond="2023-10-01")
    for key in ("datumEindgesprekZroute", "participatieurenZroute"):
        person.pop(key)
    b1 = [{"onderdeel": o, "niveau": "B1", "datum": "2024-05-01", "geslaagd": True} for o in ("lezen", "luisteren")]
    b1 += [{"onderdeel": o, "niveau": "B1", "datum": "2024-05-01", "geslaagd": True} for o in ("schrijven", "spreken")]
    person["examens"] = [*b1, {"onderdeel": "knm", "niveau": "A2", "datum": "2024-05-01", "geslaagd": True}]
    person["verblijfsvergunningen"] = [
        {"soort": "asiel-bepaald", "begin": "2022-03-01", "einde": "2027-02-28"},
        {"soort": "asiel-bepaald", "begin": "2027-03-01"},
    ]
    persons = parse_persons([person])
    coalition = evaluate(persons, dt.date(2026, 6, 1), resolve("coalitie-2026"))["naturalisatieVroegst"]
    assert value_json(coalition, 0) == "2028-02-01"  # six years from the application (Vw 2000 art. 44.2)
    assert coalition.has("datum_andere_regels")[0]
    # under the law as it is the day is five years on, under the peildatum's rules: the plain reason
    law = evaluate(persons, dt.date(2026, 6, 1), resolve("wi2021"))["naturalisatieVroegst"]
    assert value_json(law, 0) == "2027-02-01" and law.has("datum")[0]
