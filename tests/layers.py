"""A user scenario layer of changes on top of a base, as the tests that pull single levers need it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from inburgering.law.scenario import ScenarioLayer, parse_layer


def layer_of(
    sid: str, changes: dict[str, Any], base: str = "wi2021", on: dt.date = dt.date(2022, 1, 1)
) -> ScenarioLayer:
    """Layer ``sid`` on ``base`` setting each parameter of ``changes`` to its value from ``on``."""
    layer, errors = parse_layer(
        {
            "id": sid,
            "title": {"en": sid, "nl": sid},
            "base": base,
            "sources": [{"document": "vwn-brief-2026-02-02"}],
            "changes": [{"parameter": p, "values": {on: v}} for p, v in changes.items()],
        },
        "test",
    )
    assert layer is not None, errors
    return layer
