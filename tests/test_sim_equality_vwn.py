"""The engine equals the plain reference under vwn-2026 (the A2 step from 2027)."""

from __future__ import annotations

from .sim_equality import assert_engine_equals_plain_reference


def test_engine_equals_plain_reference_vwn() -> None:
    assert_engine_equals_plain_reference("vwn-2026")
