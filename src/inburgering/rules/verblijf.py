"""Lawful stay after a rejected asylum application (Vw 2000 art. 8 f, h and 82).

An asylum applicant stays lawfully while the application awaits a decision (art. 8 f) and while
a rejection's effect is suspended by the appeal term or an appeal (art. 8 h, 82 lid 1); a rejection
without suspension ends the stay on its day (art. 82 lid 2). The access to work, the BRP
registration and voorinburgering each end with it, so it is decided here once, and the
simulation asks ``rechtmatigVerblijfTot`` rather than working it out itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.dates import NAT
from inburgering.law.citations import parse_citation
from inburgering.rules.base import Context, Outcome, Reason, Reasons, rule
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN
from inburgering.rules.plicht import ASIEL

_VW = {"bwb": "BWBR0011823", "naam": "Vreemdelingenwet 2000"}


def is_suspended(ctx: Context) -> np.ndarray:
    """Tri-state: the rejection's effect suspended (a day the suspension ended says there was one)."""
    return np.asarray(np.where(~np.isnat(ctx.col("datumEindeSchorsing")), TRUE, ctx.col("beroepSchorsend")))


def stay_ends(ctx: Context) -> np.ndarray:
    """The first day without lawful stay after a rejection (Vw 2000 art. 82); NaT: none, or not known.

    Without suspension the rejection's day (lid 2); with one, the day it ended (lid 1). One place
    for ``magWerkenTot``, ``bsnVanaf`` and ``voorinburgeringVanaf``.
    """
    suspended = is_suspended(ctx)
    rejected, ended = ctx.col("datumAfwijzing"), ctx.col("datumEindeSchorsing")
    return np.asarray(np.where(suspended == FALSE, rejected, np.where(suspended == TRUE, ended, NAT)))


_VERBLIJF = Reasons.of(
    geen_asiel=Reason(
        "Not applicable: only computed for asylum seekers and asylum permit holders; other migrants' lawful stay "
        "follows their residence permit.",
        "Niet van toepassing: alleen berekend voor asielzoekers en asielvergunninghouders; het rechtmatig verblijf "
        "van andere migranten volgt uit hun verblijfsvergunning.",
        leeg="nvt",
    ),
    vergunning=Reason(
        "No end here: the asylum permit gives lawful stay (Vw 2000 art. 8 a); a rejection before it no longer counts.",
        "Geen einde hier: de asielvergunning geeft rechtmatig verblijf (Vw 2000 art. 8 a); een afwijzing daarvoor "
        "telt niet meer.",
        leeg="geen",
    ),
    procedure=Reason(
        "No end yet: while the application awaits a decision the applicant stays lawfully (Vw 2000 art. 8 f).",
        "Nog geen einde: zolang op de aanvraag niet is beslist, verblijft de aanvrager rechtmatig (Vw 2000 art. 8 f).",
        leeg="geen",
    ),
    geen_schorsing=Reason(
        "Ends on the day of the rejection: its effect is not suspended (Vw 2000 art. 82 lid 2), so the stay is no "
        "longer lawful under art. 8 f or h.",
        "Eindigt op de dag van de afwijzing: de werking ervan is niet opgeschort (Vw 2000 art. 82 lid 2), dus het "
        "verblijf is niet meer rechtmatig op grond van art. 8 f of h.",
    ),
    schorsing_onbekend=Reason(
        "Unknown: after the rejection, the stay's end depends on whether the rejection's effect is suspended by the "
        "appeal term or an appeal (Vw 2000 art. 82).",
        "Onbekend: na de afwijzing hangt het einde van het verblijf af van de opschorting door de beroepstermijn of "
        "een beroep (Vw 2000 art. 82).",
    ),
    schorsing_loopt=Reason(
        "No end yet: the rejection's effect is suspended while the appeal term runs or the appeal awaits the court "
        "(Vw 2000 art. 82 lid 1), and the stay stays lawful (art. 8 f and h).",
        "Nog geen einde: de werking van de afwijzing is opgeschort zolang de beroepstermijn loopt of het beroep bij "
        "de rechter ligt (Vw 2000 art. 82 lid 1), en het verblijf blijft rechtmatig (art. 8 f en h).",
        leeg="geen",
    ),
    schorsing_voorbij=Reason(
        "Ends on the first day the rejection's effect is no longer suspended (the day of the judgment dismissing the "
        "appeal, or the day after the appeal term without one; Vw 2000 art. 82 lid 1).",
        "Eindigt op de eerste dag dat de werking van de afwijzing niet meer is opgeschort (de dag van de uitspraak "
        "die het beroep ongegrond verklaart, of de dag na de beroepstermijn zonder beroep; Vw 2000 art. 82 lid 1).",
    ),
)


def vw_citations(output: str, *arts: str) -> tuple[Any, ...]:
    """Citations of the Vreemdelingenwet 2000 for ``output``."""
    return tuple(
        parse_citation(
            {
                **_VW,
                "artikel": art,
                "url": f"https://wetten.overheid.nl/BWBR0011823/2026-01-01#Artikel{art.split('.')[0]}",
            },
            output,
        )
        for art in arts
    )


@rule("rechtmatigVerblijfTot")
def rechtmatig_verblijf_tot(ctx: Context) -> Outcome:
    """The first day an asylum applicant no longer stays lawfully after a rejection (Vw 2000 art. 8 f, h; 82).

    What the access to work, the BRP registration and voorinburgering each end with; asked by the
    simulation too, which stops a rejected applicant's voorinburgering on this day.
    """
    rejected = ctx.col("datumAfwijzing")
    suspended = is_suspended(ctx)
    has_vr = ~np.isnat(ctx.col("datumVerblijfsrecht"))
    asylum = ctx.col("verblijfsdoel") == ASIEL
    has_rejection = ~np.isnat(rejected)
    value = np.where(asylum & ~has_vr & has_rejection, stay_ends(ctx), NAT)
    reason = _VERBLIJF.select(
        [
            (~asylum, "geen_asiel"),
            (has_vr, "vergunning"),
            (~has_rejection, "procedure"),
            (suspended == FALSE, "geen_schorsing"),
            (suspended == UNKNOWN, "schorsing_onbekend"),
            (np.isnat(value), "schorsing_loopt"),
        ],
        default="schorsing_voorbij",
    )
    articles = vw_citations("rechtmatigVerblijfTot", "8.a", "8.f", "8.h", "82.1", "82.2")
    return Outcome("rechtmatigVerblijfTot", "date", value, reason, _VERBLIJF, articles)
