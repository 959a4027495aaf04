"""Afschaling in the B1-route (art. 17.3, Besluit 5.5) and the A2 interim step of a reform.

Afschaling needs the B1-route, considerable efforts — 600 NT2 hours and sufficient effort
during the lessons — and nothing else: no attendance share, no exam attempts, no time limit.
A scenario may drop the hour condition (``afschaling.urenvereiste``). Under a scenario with
the A2 interim step (``examens.a2_tussenstap``), a person in the B1-route who has passed all
four language components at A2 or higher may choose to finish at A2.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.law.parameters import ParameterSet
from inburgering.rules.base import Context, Outcome, Reason, cite, rule
from inburgering.rules.examens import best_levels, level_code
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, tri

B1_ROUTE = 0

_NOT_OBLIGED = Reason(
    "Not applicable: the person does not have to integrate (see moetInburgeren).",
    "Niet van toepassing: betrokkene hoeft niet in te burgeren (zie moetInburgeren).",
)
_NOT_B1 = Reason(
    "Only possible in the B1-route, not in the onderwijsroute or the Z-route (art. 17.3).",
    "Alleen mogelijk in de B1-route, niet in de onderwijsroute of de Z-route (art. 17.3).",
)


def _obliged(ctx: Context) -> np.ndarray:
    return np.where(ctx.get("moetInburgeren").value == FALSE, FALSE, TRUE).astype(np.int8)


def _b1(ctx: Context) -> np.ndarray:
    route = ctx.col("leerroute")
    return tri(route == B1_ROUTE, route >= 0)


def afschaling_urengrens(params: ParameterSet, date: Any) -> float:
    """NT2 hours from which afschaling can be possible on ``date`` (0 without an hour condition).

    The simulation uses this to find whose hours crossed the threshold, and then asks
    ``afschalingMogelijk`` for them: the threshold itself is defined here only.
    """
    if not params.value("afschaling.urenvereiste", date):
        return 0.0
    return float(params.value("afschaling.min_lesuren_nt2", date))


@rule("afschalingMogelijk")
def afschaling_mogelijk(ctx: Context) -> Outcome:
    """Art. 17.3 with Besluit 5.5."""
    hours = ctx.col("lesurenNt2")
    required = bool(ctx.p("afschaling.urenvereiste"))
    minimum = afschaling_urengrens(ctx.params, ctx.peildatum)
    hours_ok = tri(hours >= minimum, ~np.isnan(hours)) if required else np.full(len(ctx), TRUE, np.int8)
    effort = ctx.col("voldoendeInzet")
    obliged, b1 = _obliged(ctx), _b1(ctx)
    value = t_and(obliged, b1, hours_ok, effort)
    checks = [obliged == FALSE, b1 == FALSE, hours_ok == FALSE, effort == FALSE, value == UNKNOWN]
    reason = np.select(checks, [0, 1, 2, 3, 4], default=6 if not required else 5).astype(np.int8)
    reasons = (
        _NOT_OBLIGED,
        _NOT_B1,
        Reason(
            "Fewer than 600 NT2 lesson hours (Besluit 5.5 lid 1).", "Minder dan 600 NT2-lesuren (Besluit 5.5 lid 1)."
        ),
        Reason(
            "No sufficient effort during the lessons (Besluit 5.5 lid 1).",
            "Geen voldoende inzet tijdens de lessen (Besluit 5.5 lid 1).",
        ),
        Reason(
            "Unknown: the route, the lesson hours or the effort is missing.",
            "Onbekend: de leerroute, de lesuren of de inzet ontbreekt.",
        ),
        Reason(
            "Possible: B1-route, at least 600 NT2 hours and sufficient effort; the college may have the language skills examined at A2 (art. 17.3, Besluit 5.5).",
            "Mogelijk: B1-route, ten minste 600 NT2-lesuren en voldoende inzet; het college mag de taalvaardigheden op A2 laten examineren (art. 17.3, Besluit 5.5).",
        ),
        Reason(
            "Possible: B1-route and sufficient effort; this scenario has no hour condition.",
            "Mogelijk: B1-route en voldoende inzet; dit scenario kent geen urenvereiste.",
        ),
    )
    return Outcome(
        "afschalingMogelijk",
        "tri",
        value,
        reason,
        reasons,
        cite("W 17.3", "B 5.5"),
        ("afschaling.min_lesuren_nt2", "afschaling.urenvereiste"),
        ("leerroute", "lesurenNt2", "voldoendeInzet"),
    )


@rule("a2TussenstapKeuze")
def a2_tussenstap_keuze(ctx: Context) -> Outcome:
    """The reform's A2 interim step: whether the person may choose to finish at A2."""
    n = len(ctx)
    if not ctx.p("examens.a2_tussenstap"):
        return Outcome(
            "a2TussenstapKeuze",
            "tri",
            np.full(n, FALSE, np.int8),
            np.zeros(n, np.int8),
            (
                Reason(
                    "This scenario has no A2 interim step in the B1-route.",
                    "Dit scenario kent geen A2-tussenstap in de B1-route.",
                ),
            ),
            cite("W 7.1.a"),
            ("examens.a2_tussenstap",),
        )
    a2 = level_code("A2")
    passed = tri((best_levels(ctx)[:, :4] >= a2).all(axis=1))
    obliged, b1 = _obliged(ctx), _b1(ctx)
    value = t_and(obliged, b1, passed)
    checks = [obliged == FALSE, b1 == FALSE, passed == FALSE, value == UNKNOWN]
    reason = np.select(checks, [1, 2, 3, 4], default=5).astype(np.int8)
    reasons = (
        Reason("", ""),
        _NOT_OBLIGED,
        Reason("The A2 interim step is part of the B1-route only.", "De A2-tussenstap hoort alleen bij de B1-route."),
        Reason(
            "Not all four language components passed at A2 or higher yet.",
            "Nog niet alle vier taalonderdelen op A2 of hoger behaald.",
        ),
        Reason("Unknown: the route is missing.", "Onbekend: de leerroute ontbreekt."),
        Reason(
            "All four language components passed at A2 or higher: at the evaluation the person chooses to go on to B1 or to finish at A2 and shift to work and training.",
            "Alle vier taalonderdelen op A2 of hoger behaald: bij de evaluatie kiest betrokkene voor doorgaan naar B1 of afronden op A2 met werk en scholing.",
        ),
    )
    return Outcome(
        "a2TussenstapKeuze",
        "tri",
        value,
        reason,
        reasons,
        cite("W 7.1.a", "W 17.3"),
        ("examens.a2_tussenstap",),
        ("leerroute", "examens"),
    )
