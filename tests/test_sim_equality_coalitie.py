"""The engine equals the plain reference under coalitie-2026 (naturalisation after six years with B1 and a hardship clause)."""

from __future__ import annotations

from .sim_equality import assert_engine_equals_plain_reference


def test_engine_equals_plain_reference_coalitie() -> None:
    assert_engine_equals_plain_reference("coalitie-2026")
