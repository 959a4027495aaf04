"""The trace is exact and its texts follow the parameters in force (issue #15: rule metadata from the code)."""

from __future__ import annotations

from typing import Any

import pytest

from inburgering.law.scenario import load_scenario_text, resolve
from inburgering.rules.base import Reason, Reasons
from inburgering.rules.person import parse_persons
from inburgering.rules.trace import OUTPUTS, evaluate, results_json

PERSON = {
    "id": "p",
    "geboortedatum": "1990-01-01",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumVerblijfsrecht": "2024-01-01",
    "datumPip": "2024-09-01",
}


def _step(result: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in result["resultaten"][0]["spoor"] if s["regel"] == name)


def test_a_reason_text_takes_its_number_from_the_scenario() -> None:
    layer = load_scenario_text(
        """
id: korter
title: {en: shorter, nl: korter}
base: wi2021
sources: [{bron: aanname, toelichting: test}]
changes:
  - parameter: termijn.duur
    values: {2022-01-01: 24}
"""
    )
    scenario = resolve("korter", {"korter": layer})
    for lang, word in (("en", "24 months"), ("nl", "24 maanden")):
        step = _step(results_json(parse_persons(PERSON), "2025-01-01", [scenario], lang), "eindeTermijn")
        assert word in step["toelichting"] and "36" not in step["toelichting"]
        assert step["uitkomst"] == "2026-09-01"
        assert {p["pad"] for p in step["parameters"]} == {"termijn.duur"}


def test_the_trace_lists_what_each_rule_read_and_nothing_else() -> None:
    out = evaluate(parse_persons(PERSON), "2025-01-01", resolve("wi2021"))
    assert set(out["eindeTermijn"].parameters) == {"termijn.duur"}
    assert set(out["eindeTermijn"].inputs) == {"datumPip", "verlengingMaanden"}
    assert out["moetInburgeren"].parameters == ()
    # "must integrate" ends when the obligation is met (art. 20.2.b): it uses that rule, not its parameters
    assert set(out["moetInburgeren"].uses) == {"inburgeringsplichtig", "vrijgesteld", "ontheven", "plichtVoldaanOp"}
    assert "termijn.duur" not in out["inburgeringsplichtig"].parameters
    assert "plicht.aow_leeftijd" in out["inburgeringsplichtig"].parameters
    # a shared intermediate (the 18th birthday, also read by vrijgesteld) is traced for every rule that
    # uses it, not only the first
    assert "vrijstelling.kwalificatieplicht_tot_leeftijd" in out["vrijgesteld"].parameters
    assert "vrijstelling.kwalificatieplicht_tot_leeftijd" in out["startMaatschappelijkeBegeleiding"].parameters
    assert "geboortedatum" in out["voorinburgeringVanaf"].inputs


def test_every_output_reason_is_chosen_by_name_from_its_own_table() -> None:
    out = evaluate(parse_persons(PERSON), "2025-01-01", resolve("wi2021"))
    for name in OUTPUTS:
        table = out[name].reasons
        assert isinstance(table, Reasons) and len(set(table.names)) == len(table.names)
        assert 0 <= int(out[name].reason[0]) < len(table.texts)


def test_not_applicable_is_never_shown_as_unknown() -> None:
    german = {**PERSON, "nationaliteit": "DE"}
    result = results_json(parse_persons(german), "2025-01-01", [resolve("wi2021")], "nl")
    for name in ("deadlinePip", "eindeTermijn", "startTermijn"):
        step = _step(result, name)
        assert step["uitkomst"] is None and step["uitkomstSoort"] == "nietVanToepassing"
        assert "Niet van toepassing" in step["toelichting"]


def test_reason_names_are_checked() -> None:
    table = Reasons.of(a=Reason("A", "A"))
    with pytest.raises(KeyError, match="'b'"):
        table.code("b")


def test_the_text_calculator_says_not_applicable_and_names_what_is_missing() -> None:
    from inburgering.explain_text import render

    german = {**PERSON, "nationaliteit": "DE"}
    text = render(results_json(parse_persons(german), "2025-01-01", [resolve("wi2021")], "nl"), "nl")
    assert "Uiterste datum PIP: niet van toepassing" in text
    text = render(results_json(parse_persons(PERSON), "2025-01-01", [resolve("wi2021")], "nl"), "nl")
    assert "de verblijfsjaren, het inburgeringsvereiste" in text
    assert "tijdelijkeVergunningen" not in text


def _freed_when_dropped(holder: list[Any]) -> bool:
    """Whether the one object in ``holder`` is gone as soon as the list lets go of it, with the cyclic collector off."""
    import gc
    import weakref

    alive = weakref.ref(holder[0])
    was = gc.isenabled()
    gc.disable()
    try:
        holder.clear()
        return alive() is None
    finally:
        if was:
            gc.enable()


def test_a_context_is_freed_as_soon_as_it_is_dropped() -> None:
    """No reference cycle: an evaluation's arrays go when it does, not when the cyclic collector runs (issue #20)."""

    import numpy

    from inburgering.rules.base import Context
    from inburgering.rules.synthetic import random_persons

    holder = [Context(random_persons(50, seed=1), numpy.datetime64("2026-06-01"), resolve("wi2021").parameters)]
    assert holder[0].get("naturalisatieVroegst").parameters  # reads are still traced through the parameters' view
    assert _freed_when_dropped(holder)


@pytest.mark.parametrize("scenario", ["wi2021", "coalitie-2026+vwn-2026"])
def test_an_untraced_context_gives_the_traced_values(scenario: str) -> None:
    """The simulation's untraced asks (issue #20): every rule's values and reasons as traced, no trace, no cycle."""

    import numpy

    from inburgering.rules.base import RULES, Context
    from inburgering.rules.synthetic import random_persons

    persons, params = random_persons(400, seed=7), resolve(scenario).parameters
    for day in ("2024-03-01", "2027-06-30", "2031-01-01"):
        traced = Context(persons, numpy.datetime64(day), params)
        plain = Context(persons, numpy.datetime64(day), params, traced=False)
        for name in sorted(RULES):
            a, b = traced.get(name), plain.get(name)
            same = a.value.view("int64") == b.value.view("int64") if a.kind == "date" else a.value == b.value
            assert numpy.all(same), (name, day)
            assert numpy.array_equal(a.reason, b.reason), (name, day)
            assert b.parameters == b.inputs == b.uses == ()
    holder = [plain]
    del plain
    assert _freed_when_dropped(holder)
