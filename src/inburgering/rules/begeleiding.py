"""Maatschappelijke begeleiding (art. 13): who has a right to it and from when.

The law: obliged persons (not exempt, not released) with an asylum fixed-term permit, or a
family-reunion permit with a holder of an asylum permit, from the day of BRP registration
(in the housing municipality). A reform may widen the group to status holders exempt because
they are in education (young people turning 18) and to those of AOW age.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import NAT, nat_max
from inburgering.rules.base import Context, Outcome, Reason, cite, rule
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, t_or, tri
from inburgering.rules.plicht import age_dates, is_statushouder, vrijgesteld_onderwijs


def _extended(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Tri-state membership of the reform's extra groups (education-exempt, AOW age)."""
    plicht = ctx.get("inburgeringsplichtig")
    n = len(ctx)
    edu = np.full(n, FALSE, np.int8)
    aow = np.full(n, FALSE, np.int8)
    if ctx.p("begeleiding.ook_vrijgesteld_wegens_onderwijs"):
        edu = t_and(plicht.value, tri(vrijgesteld_onderwijs(ctx)), tri(ctx.col("ontheffing") != TRUE))
    if ctx.p("begeleiding.ook_aow_leeftijd"):
        aow_reason = 4  # inburgeringsplichtig's reason code for "AOW age reached"
        aow = tri(plicht.reason == aow_reason)
    return edu, aow


@rule("rechtOpMaatschappelijkeBegeleiding")
def recht_op_mb(ctx: Context) -> Outcome:
    """Art. 13.1, widened by a scenario where it says so."""
    statushouder = is_statushouder(ctx)
    moet = ctx.get("moetInburgeren").value
    base = t_and(moet, statushouder)
    edu, aow = _extended(ctx)
    value = t_or(base, t_and(statushouder, t_or(edu, aow)))
    checks = [
        base == TRUE,
        (value == TRUE) & (edu == TRUE),
        (value == TRUE) & (aow == TRUE),
        value == UNKNOWN,
        statushouder == FALSE,
        moet != TRUE,
    ]
    reason = np.select(checks, [0, 1, 2, 3, 4, 5], default=5).astype(np.int8)
    reasons = (
        Reason(
            "Right to MB: obliged to integrate with an asylum permit, or family reunion with an asylum permit holder (art. 13.1).",
            "Recht op MB: inburgeringsplichtig met een asielvergunning, of gezinshereniging met een asielstatushouder (art. 13.1).",
        ),
        Reason(
            "Right to MB under this scenario: a status holder exempt because in education.",
            "Recht op MB in dit scenario: statushouder die vrijgesteld is omdat hij of zij onderwijs volgt.",
        ),
        Reason(
            "Right to MB under this scenario: a status holder of AOW age.",
            "Recht op MB in dit scenario: statushouder met de AOW-leeftijd.",
        ),
        Reason(
            "Unknown: whether the person must integrate, or is a family member of a status holder, is unknown.",
            "Onbekend: of betrokkene moet inburgeren, of gezinslid van een statushouder is, is onbekend.",
        ),
        Reason(
            "No right to MB: MB is for asylum status holders and their family members only (art. 13.1).",
            "Geen recht op MB: MB is alleen voor asielstatushouders en hun gezinsleden (art. 13.1).",
        ),
        Reason(
            "No right to MB: the person does not have to integrate (art. 13.1).",
            "Geen recht op MB: betrokkene hoeft niet in te burgeren (art. 13.1).",
        ),
    )
    return Outcome(
        "rechtOpMaatschappelijkeBegeleiding",
        "tri",
        value,
        reason,
        reasons,
        cite("W 13.1", "W 13.1.a", "W 13.1.b"),
        ("begeleiding.ook_vrijgesteld_wegens_onderwijs", "begeleiding.ook_aow_leeftijd"),
        ("verblijfsdoel", "gezinVanStatushouder"),
    )


@rule("startMaatschappelijkeBegeleiding")
def start_mb(ctx: Context) -> Outcome:
    """Art. 13.3: the day of BRP registration (not before the obligation could arise)."""
    right = ctx.get("rechtOpMaatschappelijkeBegeleiding").value
    brp = ctx.col("datumInschrijvingBrp")
    start = nat_max(brp, ctx.col("datumVerblijfsrecht"), age_dates(ctx)["dag16"])
    value = np.where(right == TRUE, start, NAT)
    reason = np.where(right != TRUE, 0, np.where(np.isnat(value), 1, 2)).astype(np.int8)
    return Outcome(
        "startMaatschappelijkeBegeleiding",
        "date",
        value,
        reason,
        (
            Reason("No (known) right to MB.", "Geen (bekend) recht op MB."),
            Reason(
                "Unknown: the date of BRP registration (datumInschrijvingBrp) is missing.",
                "Onbekend: de datum van inschrijving in de BRP (datumInschrijvingBrp) ontbreekt.",
            ),
            Reason(
                "MB starts on the day of BRP registration in the (housing) municipality (art. 13.3).",
                "MB begint op de dag van inschrijving in de BRP van de (huisvestings)gemeente (art. 13.3).",
            ),
        ),
        cite("W 13.3"),
        (),
        ("datumInschrijvingBrp", "datumVerblijfsrecht"),
    )
