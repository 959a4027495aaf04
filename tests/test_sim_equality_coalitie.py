"""The engine equals the plain reference under coalitie-2026 (naturalisation after six years with B1 and a hardship clause).

On top, from 2027, two levers no shipped scenario pulls, so that the reference's mirror of them runs
too (a review found it never exercised): the onderwijsroute examined at A2, and 1,200 participation
hours in the Z-route.
"""

from __future__ import annotations

import datetime as dt

from inburgering.law.scenario import parse_layer

from .sim_equality import assert_engine_equals_plain_reference

LEVERS = parse_layer(
    {
        "id": "hefbomen",
        "title": {"en": "levers", "nl": "hefbomen"},
        "base": "coalitie-2026",
        "sources": [{"document": "vwn-brief-2026-02-02"}],
        "changes": [
            {"parameter": "examens.niveau_onderwijsroute", "values": {dt.date(2027, 1, 1): "A2"}},
            {"parameter": "leerroute.zroute_participatieuren_asiel", "values": {dt.date(2027, 1, 1): 1200}},
        ],
    },
    "test",
)[0]


def test_engine_equals_plain_reference_coalitie() -> None:
    assert LEVERS is not None
    assert_engine_equals_plain_reference("hefbomen", {"hefbomen": LEVERS})
