"""Properties of the rulebook over random persons.

* A batch gives the same answers as each person alone (vectorisation hides no coupling).
* The rules are deterministic (no random draws).
* Nobody is obliged before 16 or on or after reaching the AOW age; EU nationals never are.
* Term dates never go backwards: PIP < start < last day of route change < end of term.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.dates import birthday
from inburgering.law.scenario import resolve
from inburgering.rules.dated import first_day_reaching
from inburgering.rules.person import BOOL_FIELDS, DATE_FIELDS, parse_persons
from inburgering.rules.trace import OUTPUTS, evaluate, value_json

SCENARIOS = ["wi2021", "migratiepact-2026", "coalitie-2026", "vwn-2026", "coalitie-2026+vwn-2026"]
d = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2035, 12, 31))
peil = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2035, 12, 31))
maybe = st.one_of(st.none(), st.booleans())


def _rejection(draw: Any, p: dict[str, Any]) -> None:
    """A rejection between the application and any permit; the suspension's end after it, unless not suspended."""
    if "datumAsielaanvraag" not in p or not draw(st.booleans()):
        return
    app = dt.date.fromisoformat(p["datumAsielaanvraag"])
    last = dt.date.fromisoformat(p.get("datumVerblijfsrecht", "2035-12-31"))
    rejected = app + dt.timedelta(days=draw(st.integers(0, max(0, (last - app).days))))
    p["datumAfwijzing"] = rejected.isoformat()
    if p.get("beroepSchorsend") is not False and draw(st.booleans()):
        ended = rejected + dt.timedelta(days=draw(st.integers(0, 1000)))
        p["datumEindeSchorsing"] = min(ended, dt.date(2035, 12, 31)).isoformat()


def _birthday(born: dt.date, years: int) -> dt.date:
    """The day someone born on ``born`` turns ``years`` (born on 29 February: 1 March in a common year)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


@st.composite
def persons(draw: Any, n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        born = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2015, 12, 31)))
        p: dict[str, Any] = {
            "id": f"p{i}",
            "geboortedatum": born.isoformat(),
            "nationaliteit": draw(st.sampled_from(["SY", "ER", "TR", "PL", "GB", "NO", "AF"])),
            "verblijfsdoel": draw(st.sampled_from(["asiel", "gezin", "overig", "tijdelijk"])),
        }
        # dates in an order real cases can have (the input refuses others): after birth, and the
        # notice, PIP, PVT and MAP after lawful residence, which follows an asylum application
        anchors = {"datumKennisgeving": "datumVerblijfsrecht", "datumPip": "datumVerblijfsrecht"}
        anchors |= {"datumPvtAfgerond": "datumVerblijfsrecht", "datumMapAfgerond": "datumVerblijfsrecht"}
        anchors |= {"datumVerblijfsrecht": "datumAsielaanvraag", "datumEindgesprekZroute": "datumPip"}
        anchors |= {"datumInschrijvingBrp": "datumEersteInschrijvingBrp"}  # the registration here after a first
        rejection = ("datumAfwijzing", "datumEindeSchorsing")  # drawn by _rejection, in their own order
        order = ["datumAsielaanvraag", "datumVerblijfsrecht", "datumEersteInschrijvingBrp", *DATE_FIELDS[1:]]
        order = list(dict.fromkeys(order))
        order = [k for k in order if k not in rejection]
        for key in order:
            offset = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=40 * 365)))
            if offset is not None:
                after = p.get(anchors.get(key, ""), born.isoformat())
                day = dt.date.fromisoformat(after) + dt.timedelta(days=offset)
                if key == "datumPip":  # not before the 16th birthday (art. 3.1; born on 29 February: 1 March)
                    day = max(day, _birthday(born, 16))
                p[key] = min(day, dt.date(2035, 12, 31)).isoformat()
        if "datumNaturalisatieverzoek" in p:  # the rulebook holds the rules from 2022 (the input refuses earlier)
            p["datumNaturalisatieverzoek"] = max(p["datumNaturalisatieverzoek"], "2022-01-01")
        for key in BOOL_FIELDS:
            value = draw(maybe)
            if value is not None:
                p[key] = value
        adult_application = "datumAsielaanvraag" in p and p["datumAsielaanvraag"] >= _birthday(born, 18).isoformat()
        if adult_application and p.get("alleenstaandeMinderjarige") is True:
            del p["alleenstaandeMinderjarige"]  # refused: an unaccompanied minor applies before turning 18
        if p["verblijfsdoel"] == "tijdelijk" and p.get("gezinVanStatushouder") is True:
            del p["gezinVanStatushouder"]  # refused: family reunion with a status holder is no temporary purpose
        _rejection(draw, p)
        route = draw(st.sampled_from([None, "b1", "onderwijs", "z"]))
        if route:
            p["leerroute"] = route
        hours = draw(st.one_of(st.none(), st.floats(min_value=0, max_value=2000, allow_nan=False)))
        if hours is not None:
            p["lesurenNt2"] = hours
        p["verlengingMaanden"] = draw(st.sampled_from([0, 0, 6, 12]))
        p["examens"] = [
            {
                "onderdeel": draw(st.sampled_from(["lezen", "luisteren", "schrijven", "spreken", "knm"])),
                "niveau": draw(st.sampled_from(["A1", "A2", "B1", "B2"])),
                "datum": max(draw(d), born).isoformat(),
                "geslaagd": draw(st.booleans()),
            }
            for _ in range(draw(st.integers(0, 6)))
        ]
        if draw(st.booleans()):
            p["verblijfsvergunningen"] = [
                {
                    "soort": draw(st.sampled_from(["asiel-bepaald", "regulier-bepaald", "asiel-onbepaald"])),
                    "begin": max(draw(d), born).isoformat(),
                }
                for _ in range(draw(st.integers(0, 3)))
            ]
        out.append(p)
    return out


@settings(max_examples=40, deadline=None)
@given(persons(8), peil, st.sampled_from(SCENARIOS))
def test_batch_equals_each_person_alone(people: list[dict[str, Any]], peildatum: dt.date, sid: str) -> None:
    scenario = resolve(sid)
    batch = evaluate(parse_persons(people), peildatum, scenario)
    for i, person in enumerate(people):
        alone = evaluate(parse_persons(person), peildatum, scenario)
        for name in OUTPUTS:
            assert value_json(batch[name], i) == value_json(alone[name], 0), (name, person)
            assert batch[name].reason[i] == alone[name].reason[0], name


@settings(max_examples=25, deadline=None)
@given(persons(10), peil, st.sampled_from(SCENARIOS))
def test_deterministic(people: list[dict[str, Any]], peildatum: dt.date, sid: str) -> None:
    table = parse_persons(people)
    a = evaluate(table, peildatum, resolve(sid))
    b = evaluate(table, peildatum, resolve(sid))
    for name in OUTPUTS:
        assert [value_json(a[name], i) for i in range(len(people))] == [
            value_json(b[name], i) for i in range(len(people))
        ]


@settings(max_examples=60, deadline=None)
@given(persons(10), peil, st.sampled_from(SCENARIOS))
def test_obligation_bounds_and_date_order(people: list[dict[str, Any]], peildatum: dt.date, sid: str) -> None:
    scenario = resolve(sid)
    table = parse_persons(people)
    out = evaluate(table, peildatum, scenario)
    peil = np.datetime64(peildatum)
    aow = first_day_reaching(table["geboortedatum"], scenario.parameters, "plicht.aow_leeftijd")
    sixteen = birthday(table["geboortedatum"], 16)
    for i, person in enumerate(people):
        obliged = value_json(out["inburgeringsplichtig"], i)
        if obliged:
            assert sixteen[i] <= peil < aow[i]
            assert person["nationaliteit"] not in ("PL", "NO")
            assert person["verblijfsdoel"] != "tijdelijk"
        if value_json(out["moetInburgeren"], i):
            assert obliged
        start, end = value_json(out["startTermijn"], i), value_json(out["eindeTermijn"], i)
        route = value_json(out["laatsteDagRoutewijziging"], i)
        if start is not None:
            assert person["datumPip"] < start <= route < end
        if value_json(out["startMaatschappelijkeBegeleiding"], i) is not None:
            assert value_json(out["rechtOpMaatschappelijkeBegeleiding"], i) is True
        work = value_json(out["magWerkenVanaf"], i)
        if work is not None and "datumAsielaanvraag" in person and "datumVerblijfsrecht" not in person:
            assert work > person["datumAsielaanvraag"]


@settings(max_examples=40, deadline=None)
@given(persons(10), peil, st.sampled_from(SCENARIOS))
def test_naturalisation_date_and_what_is_missing_agree(
    people: list[dict[str, Any]], peildatum: dt.date, sid: str
) -> None:
    """A date only for adults (RWN 8.1.a) and only when nothing but time is missing; reason and value agree."""
    scenario = resolve(sid)
    table = parse_persons(people)
    out = evaluate(table, peildatum, scenario)
    eighteen = birthday(table["geboortedatum"], 18)
    for i in range(len(people)):
        when = value_json(out["naturalisatieVroegst"], i)
        missing = value_json(out["naturalisatieOntbreekt"], i)
        asked = np.datetime64(people[i].get("datumNaturalisatieverzoek", peildatum.isoformat()))
        day = max(np.datetime64(peildatum), asked)  # the day the person asks: judged by the rules of that day
        if when is not None:
            assert np.datetime64(when) >= eighteen[i]
            assert "nietTijdelijkVerblijf" not in missing
            if np.datetime64(when) <= np.datetime64(peildatum):
                assert missing == []
            if "inburgeringsvereiste" in missing:  # met under later rules only: the date waits for them
                assert np.datetime64(when) > day
        if missing == []:  # nothing missing: the person could ask on the peildatum, or on the request day given
            assert when is not None and np.datetime64(when) <= day
        young = eighteen[i] > np.datetime64(peildatum)
        if missing is not None and "nietTijdelijkVerblijf" not in missing:
            assert ("leeftijd" in missing) == young


@settings(max_examples=40, deadline=None)
@given(persons(10), peil, st.sampled_from(SCENARIOS))
def test_the_obligation_is_met_exactly_when_nothing_is_missing(
    people: list[dict[str, Any]], peildatum: dt.date, sid: str
) -> None:
    """plichtVoldaanOp has a date exactly when plichtOntbreekt lists nothing (where it lists at all)."""
    out = evaluate(parse_persons(people), peildatum, resolve(sid))
    for i in range(len(people)):
        met = value_json(out["plichtVoldaanOp"], i)
        missing = value_json(out["plichtOntbreekt"], i)
        if met is not None:
            assert missing == []
        elif missing is not None:
            assert missing != []


@settings(max_examples=30, deadline=None)
@given(persons(10), peil, st.sampled_from(SCENARIOS))
def test_voorinburgering_only_for_who_is_or_will_be_obliged(
    people: list[dict[str, Any]], peildatum: dt.date, sid: str
) -> None:
    scenario = resolve(sid)
    table = parse_persons(people)
    out = evaluate(table, peildatum, scenario)
    sixteen = birthday(table["geboortedatum"], 16)
    aow = first_day_reaching(table["geboortedatum"], scenario.parameters, "plicht.aow_leeftijd")
    for i in range(len(people)):
        start = value_json(out["voorinburgeringVanaf"], i)
        if start is not None:  # never before the 16th birthday, and only for who becomes obliged
            assert sixteen[i] <= np.datetime64(start) < aow[i]
            permit = table["datumVerblijfsrecht"][i]
            assert np.isnat(permit) or permit < aow[i]


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), peil, st.sampled_from([1, 2, 3, 4]))
def test_all_passed_on_equals_a_plain_loop(seed: int, peildatum: dt.date, level: int) -> None:
    """The vectorised 'every component passed' date against one person at a time."""
    from inburgering.rules.base import Context
    from inburgering.rules.examens import all_passed_on
    from inburgering.rules.synthetic import random_persons

    persons = random_persons(300, seed=seed)
    day = np.datetime64(peildatum, "D")
    got = all_passed_on(Context(persons, day, resolve("wi2021").parameters), level)
    ex = persons.examens
    for i in range(len(persons)):
        firsts = []
        for part in range(5):
            rows = (ex["persoon"] == i) & (ex["onderdeel"] == part) & ex["geslaagd"] & (ex["datum"] <= day)
            rows &= (ex["niveau"] >= level) | (part == 4)
            if rows.any():
                firsts.append(ex["datum"][rows].min())
        want = max(firsts) if len(firsts) == 5 else np.datetime64("NaT", "D")
        assert (np.isnat(want) and np.isnat(got[i])) or want == got[i], i


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), peil, st.sampled_from(SCENARIOS))
def test_a_reason_never_stands_beside_two_values(seed: int, peildatum: dt.date, sid: str) -> None:
    """For every yes/no output, each reason goes with one value only (a reason and its value agree)."""
    from inburgering.rules.synthetic import random_persons

    out = evaluate(random_persons(2_000, seed=seed), peildatum, resolve(sid))
    for name, o in out.items():
        if o.kind != "tri":
            continue
        for code in np.unique(o.reason):
            values = np.unique(o.value[o.reason == code])
            assert len(values) == 1, (name, o.reasons.names[code], values.tolist())


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 3000), st.lists(st.one_of(st.booleans(), st.integers(0, 2**32 - 1)), max_size=6))
def test_reasons_select_is_np_select_for_any_size(n: int, specs: list[bool | int]) -> None:
    """Reasons.select (masked writes below SMALL persons, a byte blend above) is np.select's choice."""
    from inburgering.rules.base import Reason, Reasons

    reasons = Reasons.of(**{f"r{i}": Reason(f"e{i}", f"n{i}") for i in range(7)})
    # a case is a scalar condition (broadcast to everyone) or a random one per person
    conds = [s if isinstance(s, bool) else np.random.default_rng(s).random(n) < 0.3 for s in specs]
    cases = [(c, f"r{i}") for i, c in enumerate(conds)]
    got = reasons.select(cases, "r6")
    expected = np.select([np.broadcast_to(c, (n,)) for c in conds], list(range(len(conds))), 6) if conds else 6
    assert np.array_equal(np.broadcast_to(got, (n,)), np.broadcast_to(expected, (n,)))
