"""Legal cases from tests/cases/*.yaml, each with the article it exercises.

A case file holds ``basispersoon`` (optional, merged under each case's person; a key set
to null in the case removes it) and ``cases``: name, artikel (one or more, "W 11.2",
"B 5.3" or "BWBR... art"), scenario (default wi2021), peildatum, persoon, verwacht.
Only the outputs listed in ``verwacht`` are compared.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from inburgering.law.scenario import resolve
from inburgering.rules.person import parse_persons
from inburgering.rules.reference import load_cases
from inburgering.rules.trace import OUTPUTS, results_json

CASES_DIR = Path(__file__).parent / "cases"
INDEX = Path(__file__).resolve().parents[1] / "src/inburgering/law/data/wi2021-article-index.tsv"


def _load() -> list[tuple[str, dict[str, Any]]]:
    """The cases, read by the same loader that writes the coverage table of docs/model/rules.md."""
    return [(f"{case['bestand']}::{case['naam']}", case) for case in load_cases(CASES_DIR)]


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


CASES = _load()


def test_there_are_at_least_100_cases() -> None:
    assert len(CASES) >= 100


def test_every_output_and_scenario_is_exercised() -> None:
    outputs = {key for _, case in CASES for key in case["verwacht"]}
    assert set(OUTPUTS) <= outputs, sorted(set(OUTPUTS) - outputs)
    scenarios = {part for _, case in CASES for part in case.get("scenario", "wi2021").split("+")}
    assert {"wi2021", "migratiepact-2026", "coalitie-2026", "vwn-2026"} <= scenarios


def _index() -> set[tuple[str, str]]:
    with INDEX.open(encoding="utf-8") as handle:
        return {(r["bwb_id"], r["article_number"]) for r in csv.DictReader(handle, delimiter="\t")}


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_case(name: str, case: dict[str, Any]) -> None:
    articles = case["artikel"] if isinstance(case["artikel"], list) else [case["artikel"]]
    index = _index()
    for art in articles:
        law, number = art.split(" ", 1)
        if law in ("W", "B"):
            bwb = "BWBR0044770" if law == "W" else "BWBR0045555"
            assert (bwb, number) in index, f"{name}: article {art} not in the index"
        else:
            assert law.startswith(("BWBR", "CELEX:")), f"{name}: cite W, B, a BWB id or CELEX:<id>, not {law}"
    scenario = resolve(case.get("scenario", "wi2021"))
    result = results_json(parse_persons(case["persoon"]), str(case["peildatum"]), [scenario])
    got = result["resultaten"][0]
    for key, expected in case["verwacht"].items():
        assert key in OUTPUTS, f"{name}: unknown output {key}"
        want = _iso(expected)
        assert got[key] == want, f"{name}: {key} = {got[key]!r}, expected {want!r}"


def test_every_article_a_rule_cites_has_a_case() -> None:
    from inburgering.rules.reference import catalogue, coverage, load_cases

    cases = load_cases(CASES_DIR)
    table = coverage(catalogue(cases), cases)
    missing = sorted(article for article, (_, exercised) in table.items() if not exercised)
    assert not missing, f"no case in tests/cases exercises: {missing}"


def test_the_rulebook_page_is_current() -> None:
    from inburgering.rules.reference import render

    page = Path(__file__).resolve().parents[1] / "docs" / "model" / "rules.md"
    assert page.read_text(encoding="utf-8") == render(CASES_DIR), "run 'make docs' and commit docs/model/rules.md"


def test_an_efforts_extension_met_early_says_when_it_can_be_asked() -> None:
    # a legal review: "extends on request" read as "ask now" while B 4.5 lid 1's window was ahead
    exams = [{"onderdeel": c, "niveau": "B1", "datum": "2025-05-01", "geslaagd": True} for c in ("lezen", "luisteren")]
    person = {
        "id": "p",
        "geboortedatum": "1990-01-01",
        "nationaliteit": "SY",
        "verblijfsdoel": "asiel",
        "datumVerblijfsrecht": "2023-06-01",
        "datumPip": "2024-09-01",
        "leerroute": "b1",
        "alleLessenGevolgd": True,
        "datumPvtAfgerond": "2025-01-01",
        "datumMapAfgerond": "2025-02-01",
        "examens": [*exams, {"onderdeel": "knm", "niveau": "A2", "datum": "2025-05-01", "geslaagd": True}],
    }
    for day, early in (("2025-06-01", True), ("2027-04-01", False)):
        result = results_json(parse_persons(person), day, [resolve("wi2021")])["resultaten"][0]
        step = next(s for s in result["spoor"] if s["regel"] == "verlengingInspanningenMogelijk")
        assert result["verlengingInspanningenMogelijk"] is True
        assert ("no earlier than 6 months" in step["toelichting"]) is early, step["toelichting"]
