"""The generated documentation is current."""

from __future__ import annotations

from pathlib import Path

from inburgering.law.reference import render_reference

ROOT = Path(__file__).resolve().parents[1]


def test_parameter_reference_is_up_to_date() -> None:
    committed = (ROOT / "docs/model/parameters.md").read_text(encoding="utf-8")
    assert committed == render_reference(), "run 'make docs' and commit docs/model/parameters.md"


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```")[1]
    assert [line.strip() for line in block.strip().splitlines()] == ["make run", "make test"]


def test_the_readme_names_every_input_the_calculator_takes() -> None:
    # a counsellor reads the inputs there; a field added to the rulebook's input must be named too
    from inburgering.rules.person import BOOL_FIELDS, DATE_FIELDS, NUMBER_FIELDS, PART_FIELDS

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [*DATE_FIELDS, *BOOL_FIELDS, *NUMBER_FIELDS, *PART_FIELDS, "verlengingMaanden", "examens"]
    assert [n for n in names if f"`{n}`" not in text] == []
