"""The stage pages in docs/model/stages carry current parameter tables (``make docs``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.behaviour.reference import ReferenceError, fill

STAGES = Path(__file__).resolve().parents[1] / "docs" / "model" / "stages"


def test_every_stage_page_is_current_and_every_parameter_has_a_page() -> None:
    pages = sorted(STAGES.glob("*.md"))
    assert len(pages) >= 8
    shown = ""
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert fill(text) == text, f"{page.name} is out of date: run 'make docs'"
        for heading in ("## What is modelled", "## Equations in words", "## Parameters", "## Known limits"):
            assert heading in text, f"{page.name} lacks {heading}"
        shown += text
    missing = [p for p in load_behaviour() if f"`{p}`" not in shown]
    assert not missing, f"behavioural parameters on no stage page: {missing}"


def test_a_calibrated_value_is_shown_with_its_base() -> None:
    base = load_behaviour(calibrated=False)
    changed = base.with_values({"werk.twv_factor": 0.25})
    out = fill("<!-- parameters: werk.twv_factor -->\n<!-- /parameters -->", changed, base)
    assert "| `werk.twv_factor` | 0.25 (calibrated; base 0.5) |" in out


def test_a_block_naming_no_parameter_is_an_error() -> None:
    with pytest.raises(ReferenceError, match="nope"):
        fill("<!-- parameters: werk.nope -->\n<!-- /parameters -->")
