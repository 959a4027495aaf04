"""Financing from the person's side: whether a DUO loan is available (art. 19-20, Besluit 6.2).

Only family and other migrants who must integrate can borrow; asylum status holders and their
family members (nareizigers) cannot, because the college provides their course.
"""

from __future__ import annotations

import numpy as np

from inburgering.rules.base import Context, Outcome, Reason, cite, rule
from inburgering.rules.logic import FALSE, UNKNOWN, t_and, t_not
from inburgering.rules.plicht import GEZIN, OVERIG, is_statushouder


@rule("leningMogelijk")
def lening_mogelijk(ctx: Context) -> Outcome:
    """Art. 19-20: loans for family and other migrants only."""
    doel = ctx.col("verblijfsdoel")
    migrant = np.where((doel == GEZIN) | (doel == OVERIG), 2, FALSE).astype(np.int8)
    group = t_and(migrant, t_not(is_statushouder(ctx)))
    moet = ctx.get("moetInburgeren").value
    value = t_and(moet, group)
    reason = np.select([moet == FALSE, group == FALSE, value == UNKNOWN], [0, 1, 2], default=3).astype(np.int8)
    reasons = (
        Reason("No loan: the person does not have to integrate.", "Geen lening: betrokkene hoeft niet in te burgeren."),
        Reason(
            "No loan: asylum status holders and their family members follow a course the college provides (art. 16.1, 19).",
            "Geen lening: asielstatushouders en hun gezinsleden volgen een cursus die het college aanbiedt (art. 16.1, 19).",
        ),
        Reason(
            "Unknown: the obligation or the family link with a status holder is unknown.",
            "Onbekend: de plicht of de gezinsband met een statushouder is onbekend.",
        ),
        Reason(
            "May borrow up to 10,000 euro from DUO for the course and exams of the leerroute (art. 19, 20.1, Besluit 6.2).",
            "Kan bij DUO tot 10.000 euro lenen voor cursus en examens van de leerroute (art. 19, 20.1, Besluit 6.2).",
        ),
    )
    return Outcome(
        "leningMogelijk",
        "tri",
        value,
        reason,
        reasons,
        cite("W 19", "W 20.1", "B 6.2"),
        ("lening.maximum",),
        ("verblijfsdoel", "gezinVanStatushouder"),
    )
