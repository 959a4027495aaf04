"""The engine equals the plain reference under coalitie-2026 (naturalisation after six years with B1 and a hardship clause).

On top, from 2027, two levers no shipped scenario pulls, so that the reference's mirror of them runs
too (a review found it never exercised): the onderwijsroute examined at A2, and 1,200 participation
hours in the Z-route.
"""

from __future__ import annotations

import datetime as dt

from .layers import layer_of
from .sim_equality import assert_engine_equals_plain_reference

LEVERS = layer_of(
    "hefbomen",
    {"examens.niveau_onderwijsroute": "A2", "leerroute.zroute_participatieuren_asiel": 1200},
    base="coalitie-2026",
    on=dt.date(2027, 1, 1),
)


def test_engine_equals_plain_reference_coalitie() -> None:
    assert_engine_equals_plain_reference("hefbomen", {"hefbomen": LEVERS})
