"""What is coming for a person: own dates ahead, and the law's dated changes that alter an answer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from inburgering.cli import app
from inburgering.codes import ONDERDELEN
from inburgering.law.scenario import load_scenario_text, resolve
from inburgering.rules.person import parse_persons
from inburgering.rules.timeline import HORIZON_YEARS, coming
from inburgering.rules.trace import OUTPUTS, evaluate, step_value

PEILDATUM = "2026-12-06"
ASYLUM_SEEKER = {
    "id": "asielzoeker",
    "geboortedatum": "1990-01-01",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumAsielaanvraag": "2026-11-01",
    "kansrijk": True,
}
# residence counts from the asylum application (2022-01-01): five years are complete on 2027-01-01,
# the day the coalition's six years (and the VWN's changes) take effect
STATUS_HOLDER = {
    "id": "statushouder",
    "geboortedatum": "1990-01-01",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumAsielaanvraag": "2022-01-01",
    "datumVerblijfsrecht": "2022-06-01",
    "datumKennisgeving": "2022-07-01",
    "datumInschrijvingBrp": "2022-07-15",
    "datumPip": "2022-10-01",
    "leerroute": "b1",
    "lesurenNt2": 300,
}


def _timeline(person: dict, spec: str, scenario=None) -> list:
    return coming(parse_persons(person), PEILDATUM, scenario or resolve(spec))[0]


def test_the_coalition_shows_its_six_years_on_its_effective_day() -> None:
    events = _timeline(STATUS_HOLDER, "coalitie-2026")
    law = [e for e in events if e.kind == "wet" and e.rule == "naturalisatieOntbreekt"]
    assert len(law) == 1 and law[0].day == "2027-01-01"
    assert "verblijfsduur" not in law[0].before["uitkomst"]  # under the law of the day before: five years, done
    assert "verblijfsduur" in law[0].after["uitkomst"]  # from that day: six
    change = {c.path: c for c in law[0].changes}["naturalisatie.verblijfsjaren"]
    assert (change.old, change.new) == (5, 6)
    assert any("Coalitieakkoord" in s["bron"] for s in change.sources)
    assert not [e for e in _timeline(STATUS_HOLDER, "wi2021") if e.kind == "wet"]  # the law as it is: no change


def test_time_alone_is_not_taken_for_a_change_in_the_law() -> None:
    """Five years complete on 2027-01-01; a scenario that changes only a price that day changes no answer."""
    layer = load_scenario_text(
        """
id: prijs
title: {en: price, nl: prijs}
base: wi2021
sources: [{bron: aanname, toelichting: test}]
changes:
  - parameter: financiering.spuk_prijs_traject_asiel
    values: {2027-01-01: 20000}
"""
    )
    scenario = resolve("prijs", {"prijs": layer})
    persons = parse_persons(STATUS_HOLDER)
    eve = evaluate(persons, "2026-12-31", scenario)["naturalisatieOntbreekt"]
    day = evaluate(persons, "2027-01-01", scenario)["naturalisatieOntbreekt"]
    assert step_value(eve, 0) != step_value(day, 0)  # the answer does move that day ...
    assert not [e for e in coming(persons, PEILDATUM, scenario)[0] if e.kind == "wet"]  # ... but not by the law


def test_own_dates_ahead_are_the_date_answers() -> None:
    events = _timeline(ASYLUM_SEEKER, "wi2021")
    persons = parse_persons(ASYLUM_SEEKER)
    now = evaluate(persons, PEILDATUM, resolve("wi2021"))
    ahead = {
        (str(now[name].value[0]), name)
        for name in OUTPUTS
        if now[name].kind == "date" and not np.isnat(now[name].value[0]) and str(now[name].value[0]) >= PEILDATUM
    }
    assert ahead  # may work and BSN after six months
    assert {(e.day, e.rule) for e in events if e.kind == "datum"} == ahead


def test_a_change_that_sets_a_date_that_day_is_listed_once() -> None:
    events = _timeline(ASYLUM_SEEKER, "coalitie-2026+vwn-2026")
    days = [(e.day, e.rule) for e in events]
    assert len(days) == len(set(days))
    work = [e for e in events if e.rule == "magWerkenVanaf"]
    assert [(e.kind, e.after["uitkomst"]) for e in work] == [("wet", "2027-01-01")]
    assert [c.path for c in work[0].changes] and all(c.path.startswith("asiel.") for c in work[0].changes)


@settings(max_examples=25, deadline=None)
@given(
    applied=st.dates(
        min_value=np.datetime64("2022-01-01").astype(object), max_value=np.datetime64("2027-06-01").astype(object)
    ),
    months_to_permit=st.integers(0, 30),
    spec=st.sampled_from(["wi2021", "coalitie-2026", "coalitie-2026+vwn-2026", "vwn-2026"]),
)
def test_every_event_is_what_the_rulebook_answers_that_day(applied, months_to_permit, spec) -> None:
    """Each event's new value is the rulebook's answer on its day; days are ahead, in order, within the horizon."""
    person = dict(STATUS_HOLDER, datumAsielaanvraag=applied.isoformat())
    permit = np.datetime64(applied, "D") + np.timedelta64(30 * months_to_permit, "D")
    for key in ("datumVerblijfsrecht", "datumKennisgeving", "datumInschrijvingBrp", "datumPip"):
        person[key] = str(permit + np.timedelta64(list(STATUS_HOLDER).index(key), "D"))
    scenario = resolve(spec)
    persons = parse_persons(person)
    events = coming(persons, PEILDATUM, scenario)[0]
    days = [e.day for e in events]
    assert days == sorted(days)
    end = np.datetime64(PEILDATUM) + np.timedelta64(366 * HORIZON_YEARS, "D")
    for event in events:
        assert PEILDATUM <= event.day <= str(end)
        answer = step_value(evaluate(persons, event.day, scenario)[event.rule], 0)
        if event.kind == "wet":
            assert event.after == answer and event.before != answer and event.changes
        elif event.kind == "tijd":  # with time alone: the answer of that day against the day before's, same law
            day_before = str(np.datetime64(event.day) - np.timedelta64(1, "D"))
            assert event.after == answer and not event.changes
            assert event.before == step_value(evaluate(persons, day_before, scenario)[event.rule], 0) != answer
        else:
            assert event.after["uitkomst"] == event.day


def test_the_cli_shows_what_is_coming(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps([ASYLUM_SEEKER, STATUS_HOLDER]))
    base = ["explain", "--person", str(path), "--peildatum", PEILDATUM, "--scenario", "coalitie-2026"]
    text = CliRunner().invoke(app, [*base, "--lang", "nl"])
    assert text.exit_code == 0, text.output
    assert "statushouder · coalitie-2026\n  Wat komt er aan:" in text.output
    assert "2027-01-01  de wet verandert: Ontbreekt voor naturalisatie" in text.output
    assert "naturalisatie.verblijfsjaren: 5 -> 6 (Coalitieakkoord" in text.output
    doc = json.loads(CliRunner().invoke(app, [*base, "--format", "json"]).output)
    assert {(t["persoon"], t["scenario"]) for t in doc["tijdlijnen"]} == {
        ("asielzoeker", "coalitie-2026"),
        ("statushouder", "coalitie-2026"),
    }
    without = CliRunner().invoke(app, [*base, "--no-coming"])
    assert without.exit_code == 0 and "Must integrate" in without.output and "What is coming" not in without.output


def test_each_change_is_named_only_where_it_moves_the_answer_by_itself() -> None:
    """A person whose five years are done by 2027 misses, from the coalition's day, only the two temporary permits."""
    person = dict(STATUS_HOLDER, datumAsielaanvraag="2020-06-01", datumVerblijfsrecht="2021-01-01")
    person.update(datumKennisgeving="2022-01-15", datumInschrijvingBrp="2022-01-20", datumPip="2022-03-01")
    events = [e for e in _timeline(person, "coalitie-2026") if e.rule == "naturalisatieOntbreekt"]
    assert len(events) == 1
    gained = set(events[0].after["uitkomst"]) - set(events[0].before["uitkomst"])
    assert gained == {"tijdelijkeVergunningen"}, events[0]
    assert [c.path for c in events[0].changes] == ["naturalisatie.min_tijdelijke_vergunningen"]


def test_a_scenario_that_changes_every_day_ends_the_timeline_early() -> None:
    """A user's scenario with a value for each of 100 days costs 40 change days, not 100, and says so."""
    from inburgering.rules.timeline import MAX_CHANGE_DAYS

    days = np.arange(np.datetime64("2027-01-01"), np.datetime64("2027-04-11"))
    values = "\n".join(f"      {d}: {24 + i % 2}" for i, d in enumerate(days))
    layer = load_scenario_text(
        "id: elke-dag\\ntitle: {en: daily, nl: dagelijks}\\nbase: wi2021\\n"
        "sources: [{bron: aanname, toelichting: test}]\\nchanges:\\n  - parameter: termijn.duur\\n    values:\\n".replace(
            "\\n", "\n"
        )
        + values
    )
    events = coming(parse_persons(STATUS_HOLDER), PEILDATUM, resolve("elke-dag", {"elke-dag": layer}))[0]
    stop = [e for e in events if e.kind == "einde"]
    assert len(stop) == 1 and stop[0].day == str(days[MAX_CHANGE_DAYS] - np.timedelta64(1, "D"))
    assert all(e.day <= stop[0].day for e in events)


def _by(events: list, kind: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for e in events:
        if e.kind == kind:
            out.setdefault(e.rule, []).append(e)
    return out


def test_the_aow_day_ends_the_obligation_and_its_dates_after_it() -> None:
    # W 3.1: obliged only below the AOW age (2027-12-15 for someone born on 1960-12-15); the term's
    # end (2028-09-01) and its extension window lie after it and no longer come (a legal review)
    person = {
        "id": "a",
        "geboortedatum": "1960-12-15",
        "nationaliteit": "MA",
        "verblijfsdoel": "gezin",
        "gezinVanStatushouder": False,
        "datumVerblijfsrecht": "2025-03-01",
        "datumKennisgeving": "2025-06-01",
        "datumPip": "2025-09-01",
        "leerroute": "b1",
    }
    events = coming(parse_persons(person), "2026-01-01", resolve("wi2021"))[0]
    time = _by(events, "tijd")
    assert [(e.day, e.before["uitkomst"], e.after["uitkomst"]) for e in time["moetInburgeren"]] == [
        ("2027-12-15", True, False)
    ]
    assert time["inburgeringsplichtig"][0].day == "2027-12-15"
    own = _by(events, "datum")
    assert "laatsteDagRoutewijziging" in own  # 2027-03-01: before the AOW day, still coming
    assert "eindeTermijn" not in own and "verlengingAanvraagVanaf" not in own
    # the same person a year younger: the term ends before the AOW day and is listed
    younger = coming(parse_persons({**person, "geboortedatum": "1961-12-15"}), "2026-01-01", resolve("wi2021"))[0]
    assert "eindeTermijn" in _by(younger, "datum")


def test_the_eighteenth_birthday_and_a_later_permit_start_the_obligation() -> None:
    minor = {
        "id": "m",
        "geboortedatum": "2008-06-01",
        "nationaliteit": "SY",
        "verblijfsdoel": "asiel",
        "datumVerblijfsrecht": "2024-01-01",
        "datumInschrijvingBrp": "2024-05-01",
    }
    later = {"id": "l", "geboortedatum": "1990-06-01", "nationaliteit": "MA", "verblijfsdoel": "gezin"}
    later["datumVerblijfsrecht"] = "2026-03-01"
    both = coming(parse_persons([minor, later]), "2026-01-01", resolve("wi2021"))
    must = {pid: _by(events, "tijd").get("moetInburgeren", []) for pid, events in zip("ml", both, strict=True)}
    assert [(e.day, e.after["uitkomst"]) for e in must["m"]] == [("2026-06-01", True)]  # W 4.1.c ends at 18
    assert [(e.day, e.after["uitkomst"]) for e in must["l"]] == [("2026-03-01", True)]  # W 3.1: from the permit
    # one person's day is not another's event
    assert all(e.day != "2026-03-01" for e in both[0]) and all(e.day != "2026-06-01" for e in both[1])


def test_a_met_obligation_and_a_set_pip_leave_their_dates_out() -> None:
    # W 20.2.b: whoever met the obligation is no longer obliged; the term's dates no longer come
    exams = [{"onderdeel": o, "niveau": "B1", "datum": "2024-09-01", "geslaagd": True} for o in ONDERDELEN]
    met = {**STATUS_HOLDER, "id": "m", "datumPip": "2024-05-01", "examens": exams}
    met.update(datumPvtAfgerond="2024-07-01", datumMapAfgerond="2024-08-15")
    events = coming(parse_persons(met), "2024-10-01", resolve("wi2021"))[0]
    own = {e.rule for e in events if e.kind == "datum"}
    assert not own & {"eindeTermijn", "laatsteDagRoutewijziging", "verlengingAanvraagVanaf", "deadlinePip"}
    # the same person before the exams: the term's dates still come, the PIP deadline (the PIP is set) not
    busy = coming(parse_persons({**met, "examens": []}), "2024-10-01", resolve("wi2021"))[0]
    own = {e.rule for e in busy if e.kind == "datum"}
    assert {"eindeTermijn", "laatsteDagRoutewijziging"} <= own and "deadlinePip" not in own


def test_the_end_of_the_last_permit_and_of_an_eu_loan_window_are_listed() -> None:
    # Besluit 6.3: an EU citizen may borrow for three years after lawful residence; art. 3.1: the
    # obligation lasts while the residence does (a counsellor's review found neither day listed)
    eu = {"id": "pl", "geboortedatum": "1990-01-01", "nationaliteit": "PL", "verblijfsdoel": "gezin"}
    eu["datumVerblijfsrecht"] = "2025-01-01"
    permit = {"soort": "regulier-bepaald", "begin": "2022-02-01", "einde": "2027-01-31"}
    spouse = {"id": "ma", "geboortedatum": "1990-01-01", "nationaliteit": "MA", "verblijfsdoel": "gezin"}
    spouse.update(gezinVanStatushouder=False, datumVerblijfsrecht="2022-02-01", verblijfsvergunningen=[permit])
    loan, residence = coming(parse_persons([eu, spouse]), PEILDATUM, resolve("wi2021"))
    ends = _by(loan, "tijd")["leningMogelijk"]
    assert [(e.day, e.before["uitkomst"], e.after["uitkomst"]) for e in ends] == [("2028-01-02", True, False)]
    obliged = _by(residence, "tijd")["inburgeringsplichtig"]
    assert [(e.day, e.after["uitkomst"]) for e in obliged] == [("2027-02-01", None)]


def test_the_loan_turns_unknown_after_the_term_and_lapses_six_years_later() -> None:
    # Besluit 6.3 lid 1: the loan is drawn during the term; art. 20.2.a: it lapses when the obligation
    # is not met within six years after the term (a legal review found neither day listed)
    family = {"id": "gezin", "geboortedatum": "1990-01-01", "nationaliteit": "MA", "verblijfsdoel": "gezin"}
    family.update(datumVerblijfsrecht="2023-06-01", datumKennisgeving="2023-07-01", datumPip="2023-09-20")
    family["leerroute"] = "b1"
    events = coming(parse_persons(family), "2026-06-01", resolve("wi2021"))[0]
    loan = _by(events, "tijd")["leningMogelijk"]
    assert [(e.day, e.before["uitkomst"], e.after["uitkomst"]) for e in loan] == [
        ("2026-09-21", True, None),
        ("2032-09-21", None, False),
    ]
    # each day is what the rulebook answers that day and the day before
    for e in loan:
        for day, side in ((e.day, e.after), (str(np.datetime64(e.day) - np.timedelta64(1, "D")), e.before)):
            answer = evaluate(parse_persons(family), day, resolve("wi2021"))["leningMogelijk"]
            assert step_value(answer, 0)["uitkomst"] == side["uitkomst"]


def test_a_gap_in_the_permits_is_on_the_timeline() -> None:
    # a review found the day a gap begins (the obligation unknown) and the day it ends missing
    person = {
        "id": "g",
        "geboortedatum": "1988-05-05",
        "nationaliteit": "MA",
        "verblijfsdoel": "gezin",
        "gezinVanStatushouder": False,
        "datumVerblijfsrecht": "2022-03-01",
        "datumKennisgeving": "2022-04-01",
        "datumPip": "2022-06-01",
        "leerroute": "b1",
        "verblijfsvergunningen": [
            {"soort": "regulier-bepaald", "begin": "2022-03-01", "einde": "2024-08-31"},
            {"soort": "regulier-bepaald", "begin": "2025-06-01", "einde": "2030-05-31"},
        ],
    }
    events = coming(parse_persons(person), "2024-01-01", resolve("wi2021"))[0]
    time = _by(events, "tijd")
    days = [(e.day, e.before["uitkomst"], e.after["uitkomst"]) for e in time["inburgeringsplichtig"]]
    assert ("2024-09-01", True, None) in days and ("2025-06-01", None, True) in days


def test_the_aow_step_is_not_listed_as_the_obligation_starting() -> None:
    """Someone who turns 67 on the day the AOW age rises stays obliged: no 'no -> yes' that day.

    A legal tester found the day listed as "the law changes: obliged no -> yes" (the old law's
    answer on that day), which reads as if the person was not obliged before; the obligation
    ends on the new AOW day instead, which its own line says.
    """
    from inburgering.rules.person import parse_persons
    from inburgering.rules.timeline import coming

    person = {
        "id": "x",
        "geboortedatum": "1961-01-01",
        "nationaliteit": "SY",
        "verblijfsdoel": "asiel",
        "datumVerblijfsrecht": "2025-06-01",
        "datumInschrijvingBrp": "2025-09-01",
        "datumPip": "2025-11-01",
        "leerroute": "b1",
    }
    events = coming(parse_persons([person]), "2026-11-01", resolve("wi2021"))[0]
    assert not [e for e in events if e.kind == "wet" and e.rule == "moetInburgeren"]
    ends = [e for e in events if e.rule == "moetInburgeren"]
    assert [(e.day, e.kind, e.after["uitkomst"]) for e in ends] == [("2028-04-01", "tijd", False)]
