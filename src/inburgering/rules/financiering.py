"""Financing from the person's side: whether a DUO loan is available (art. 19-20, Besluit 6.2-6.3).

Only family and other migrants who must integrate can borrow (art. 19); asylum status holders
and the family members who joined them cannot, because the college provides their course
(art. 16.1). Loan entitlement ends when the obligation is not met within 6 years after the
term (or the extended term) ends (art. 20.2.a), and when the person is no longer obliged
(art. 20.2.b). A family link with a status holder that is not stated counts as not shown.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import period_ended_before
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, t_not, tri
from inburgering.rules.plicht import GEZIN, OVERIG, is_statushouder
from inburgering.rules.voldaan import voldaan_mask

_LENING = Reasons.of(
    niet_plichtig=Reason(
        "No loan: the person does not (or no longer) have to integrate (art. 19, 20.2.b).",
        "Geen lening: betrokkene hoeft niet (meer) in te burgeren (art. 19, 20.2.b).",
    ),
    statushouder=Reason(
        "No loan: asylum status holders and the family members who joined them follow a course the college provides "
        "(art. 16.1, 19).",
        "Geen lening: asielstatushouders en de gezinsleden die bij hen kwamen volgen een cursus die het college "
        "aanbiedt (art. 16.1, 19).",
    ),
    voldaan=Reason(
        "No loan: the obligation has been met, so it no longer applies (art. 20.2.b).",
        "Geen lening: aan de plicht is voldaan, dus die geldt niet meer (art. 20.2.b).",
    ),
    vervallen=Reason(
        "No loan: the obligation was not met within {lening.vervalt_jaren_na_termijn} years after the end of the "
        "(extended) term, so the right to borrow has ended (art. 20.2.a).",
        "Geen lening: de plicht is niet binnen {lening.vervalt_jaren_na_termijn} jaar na het einde van de (verlengde) "
        "termijn nagekomen, dus het recht op lenen is vervallen (art. 20.2.a).",
    ),
    onbekend=Reason(
        "Unknown: whether the person must integrate is unknown.",
        "Onbekend: of betrokkene moet inburgeren, is onbekend.",
    ),
    mogelijk=Reason(
        "May borrow up to {lening.maximum} euro from DUO for the course, education and exams of the leerroute "
        "(art. 19, 20.1, Besluit 6.2), during the term and any extended or new term (Besluit 6.3).",
        "Kan bij DUO tot {lening.maximum} euro lenen voor cursus, opleiding en examens van de leerroute (art. 19, 20.1, "
        "Besluit 6.2), tijdens de termijn en een verlengde of nieuwe termijn (Besluit 6.3).",
    ),
)


@rule("leningMogelijk")
def lening_mogelijk(ctx: Context) -> Outcome:
    """Art. 19-20: loans for family and other migrants only, until 6 years after the (extended) term."""
    doel = ctx.col("verblijfsdoel")
    migrant = np.where((doel == GEZIN) | (doel == OVERIG), TRUE, FALSE).astype(np.int8)
    group = t_and(migrant, t_not(is_statushouder(ctx)))
    moet = ctx.get("moetInburgeren").value
    end = ctx.get("eindeTermijn").value
    lapsed = period_ended_before(end, 12 * ctx.p("lening.vervalt_jaren_na_termijn"), ctx.peildatum)
    met = voldaan_mask(ctx)[0]
    value = t_and(moet, group, tri(~lapsed & ~met))
    reason = _LENING.select(
        [
            (moet == FALSE, "niet_plichtig"),
            (group == FALSE, "statushouder"),
            (met, "voldaan"),
            (lapsed, "vervallen"),
            (value == UNKNOWN, "onbekend"),
        ],
        default="mogelijk",
    )
    return Outcome(
        "leningMogelijk",
        "tri",
        value,
        reason,
        _LENING,
        cite("W 19", "W 20.1", "W 20.2.a", "W 20.2.b", "B 6.2", "B 6.3"),
    )
