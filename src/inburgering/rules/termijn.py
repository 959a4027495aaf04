"""Deadlines: the PIP, the 3-year term, route changes and extension.

Sources: Besluit 5.3 (PIP), art. 11 (term), Besluit 5.4 (route change), art. 12 and
Besluit 4.4-4.5 (extension).

Date conventions, shared by every output here: ``startTermijn`` is the day after the PIP's
date; ``eindeTermijn`` is the last day of the term (start + 36 months + extension months,
minus one day, with the month-end clamp of :func:`inburgering.dates.add_months`).
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import NAT, ONE_DAY, add_days, add_months
from inburgering.law.citations import Citation
from inburgering.rules.base import Context, Outcome, Reason, cite, rule
from inburgering.rules.examens import KNM, best_levels
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, tri
from inburgering.rules.plicht import is_statushouder

_NOT_OBLIGED = Reason(
    "Not applicable: the person does not have to integrate (see moetInburgeren).",
    "Niet van toepassing: betrokkene hoeft niet in te burgeren (zie moetInburgeren).",
)


def _not_obliged(ctx: Context) -> np.ndarray:
    return np.asarray(ctx.get("moetInburgeren").value == FALSE)


def _date_outcome(
    ctx: Context,
    name: str,
    value: np.ndarray,
    missing: Reason,
    done: Reason,
    articles: tuple[Citation, ...],
    params: tuple[str, ...] = (),
    inputs: tuple[str, ...] = (),
) -> Outcome:
    """A date outcome that is null for persons who need not integrate or lack an input."""
    not_obliged = _not_obliged(ctx)
    reason = np.where(not_obliged, 0, np.where(np.isnat(value), 1, 2)).astype(np.int8)
    value = np.where(not_obliged, NAT, value)
    return Outcome(name, "date", value, reason, (_NOT_OBLIGED, missing, done), articles, params, inputs)


_PIP_REASONS = (
    _NOT_OBLIGED,
    Reason(
        "Unknown: DUO's notice date (datumKennisgeving) is missing.",
        "Onbekend: de datum van de kennisgeving van DUO (datumKennisgeving) ontbreekt.",
    ),
    Reason(
        "{pip.deadline_weken} weeks after DUO's notice (Besluit 5.3 lid 1).",
        "{pip.deadline_weken} weken na de kennisgeving van DUO (Besluit 5.3 lid 1).",
    ),
    Reason(
        "{pip.deadline_weken} weeks after BRP registration in the municipality that houses the status holder, which "
        "came after DUO's notice (Besluit 5.3 lid 1).",
        "{pip.deadline_weken} weken na inschrijving in de BRP van de gemeente die de statushouder huisvest; die "
        "inschrijving kwam na de kennisgeving van DUO (Besluit 5.3 lid 1).",
    ),
    Reason(
        "Not yet known: a status holder who is not registered in the BRP of the municipality that houses them has "
        "{pip.deadline_weken} weeks from that registration (Besluit 5.3 lid 1), and no registration date "
        "(datumInschrijvingBrp) is given.",
        "Nog niet bekend: een statushouder die nog niet is ingeschreven in de BRP van de gemeente die hem of haar "
        "huisvest, heeft {pip.deadline_weken} weken vanaf die inschrijving (Besluit 5.3 lid 1), en er is geen datum "
        "van inschrijving (datumInschrijvingBrp) opgegeven.",
    ),
)


@rule("deadlinePip")
def deadline_pip(ctx: Context) -> Outcome:
    """Ten weeks after DUO's notice, or after BRP registration in the housing municipality when later.

    The later start is for those the municipality houses under Huisvestingswet 2014 art. 28
    (B 5.3 lid 1, second sentence): status holders and the family who join them. For them the
    deadline is not known until they are registered there; an unknown registration date gives
    ``null``, not "notice + 10 weeks". A family or other migrant who registers after the notice
    still has 10 weeks from the notice.
    """
    notice = ctx.col("datumKennisgeving")
    brp = ctx.col("datumInschrijvingBrp")
    housed = is_statushouder(ctx) == TRUE
    from_brp = housed & ~np.isnat(notice) & ~np.isnat(brp) & (brp > notice)
    unregistered = housed & ~np.isnat(notice) & np.isnat(brp)
    value = np.where(unregistered, NAT, add_days(np.where(from_brp, brp, notice), 7 * ctx.p("pip.deadline_weken")))
    not_obliged = _not_obliged(ctx)
    reason = np.select([not_obliged, np.isnat(notice), unregistered, from_brp], [0, 1, 4, 3], 2).astype(np.int8)
    return Outcome(
        "deadlinePip",
        "date",
        np.where(not_obliged, NAT, value),
        reason,
        _PIP_REASONS,
        cite("B 5.3", "W 15.5", "W 13.1"),
        ("pip.deadline_weken",),
        ("datumKennisgeving", "datumInschrijvingBrp", "verblijfsdoel", "gezinVanStatushouder"),
    )


_NO_PIP = Reason(
    "Unknown: the PIP's date (datumPip) is missing.", "Onbekend: de dagtekening van het PIP (datumPip) ontbreekt."
)


@rule("startTermijn")
def start_termijn(ctx: Context) -> Outcome:
    """The day after the PIP's date (art. 11.2)."""
    return _date_outcome(
        ctx,
        "startTermijn",
        add_days(ctx.col("datumPip"), 1),
        _NO_PIP,
        Reason(
            "The term starts on the day after the PIP's date (art. 11.2).",
            "De termijn begint op de dag na de dagtekening van het PIP (art. 11.2).",
        ),
        articles=cite("W 11.2", "W 11.3"),
        inputs=("datumPip",),
    )


@rule("eindeTermijn")
def einde_termijn(ctx: Context) -> Outcome:
    """Last day of the term, extension included (art. 11.1, 12.1)."""
    start = ctx.get("startTermijn").value
    months = ctx.p("termijn.duur") + ctx.col("verlengingMaanden")
    return _date_outcome(
        ctx,
        "eindeTermijn",
        add_months(start, months) - ONE_DAY,
        _NO_PIP,
        Reason(
            "Last day of the term: 36 months from its start, plus any extension granted (art. 11.1, 12.1).",
            "Laatste dag van de termijn: 36 maanden vanaf de start, plus een verleende verlenging (art. 11.1, 12.1).",
        ),
        articles=cite("W 11.1", "W 12.1"),
        params=("termijn.duur",),
        inputs=("datumPip", "verlengingMaanden"),
    )


@rule("laatsteDagRoutewijziging")
def laatste_dag_routewijziging(ctx: Context) -> Outcome:
    """Last day the college may change the route (Besluit 5.4)."""
    start = ctx.get("startTermijn").value
    return _date_outcome(
        ctx,
        "laatsteDagRoutewijziging",
        add_months(start, ctx.p("leerroute.wijzigingstermijn")) - ONE_DAY,
        _NO_PIP,
        Reason(
            "The college may change the route until 18 months after the term's start; onderwijsroute to B1-route remains possible throughout (Besluit 5.4).",
            "Het college mag de leerroute wijzigen tot 18 maanden na de start van de termijn; van onderwijsroute naar B1-route kan altijd (Besluit 5.4).",
        ),
        articles=cite("W 17.2", "B 5.4"),
        params=("leerroute.wijzigingstermijn",),
        inputs=("datumPip",),
    )


@rule("verlengingAanvraagVanaf")
def verlenging_aanvraag_vanaf(ctx: Context) -> Outcome:
    """First day an extension may be requested: 6 months before the day after the term's end."""
    end = ctx.get("eindeTermijn").value
    return _date_outcome(
        ctx,
        "verlengingAanvraagVanaf",
        add_months(end + ONE_DAY, -ctx.p("termijn.verlenging_aanvraag_vanaf")),
        _NO_PIP,
        Reason(
            "An extension may be requested no earlier than 6 months before the term ends (Besluit 4.5).",
            "Verlenging kan niet eerder worden aangevraagd dan 6 maanden voor het einde van de termijn (Besluit 4.5).",
        ),
        articles=cite("B 4.5"),
        params=("termijn.verlenging_aanvraag_vanaf",),
        inputs=("datumPip", "verlengingMaanden"),
    )


@rule("verlengingInspanningenMogelijk")
def verlenging_inspanningen(ctx: Context) -> Outcome:
    """Besluit 4.4: the four conditions of an extension for considerable efforts."""
    peil = ctx.peildatum
    route = ctx.col("leerroute")
    b1 = tri(route == 0, route >= 0)
    statushouder = is_statushouder(ctx)
    hours = ctx.col("lesurenNt2")
    enough_hours = tri(hours >= ctx.p("termijn.verlenging_min_lesuren_gezin"), ~np.isnan(hours))
    # asylum status holders must attend all lessons; voldoendeInzet stands in for that
    attendance = np.where(
        statushouder == TRUE, ctx.col("voldoendeInzet"), np.where(statushouder == FALSE, enough_hours, UNKNOWN)
    )
    levels = best_levels(ctx)
    language_ok = (levels[:, :4] >= 2).sum(axis=1) >= ctx.p("termijn.verlenging_min_taalonderdelen")
    exams = tri(language_ok & (levels[:, KNM] > 0))
    pvt, map_ = ctx.col("datumPvtAfgerond"), ctx.col("datumMapAfgerond")
    pvt_map = tri((pvt <= peil) & (map_ <= peil))
    obliged = np.where(ctx.get("moetInburgeren").value == FALSE, FALSE, TRUE).astype(np.int8)
    value = t_and(obliged, b1, attendance.astype(np.int8), exams, pvt_map)
    checks = [obliged == FALSE, b1 == FALSE, attendance == FALSE, exams == FALSE, pvt_map == FALSE, value == UNKNOWN]
    reason = np.select(checks, [0, 1, 2, 3, 4, 5], default=6).astype(np.int8)
    reasons = (
        _NOT_OBLIGED,
        Reason("Only in the B1-route (Besluit 4.4 lid 2 a).", "Alleen in de B1-route (Besluit 4.4 lid 2 a)."),
        Reason(
            "Not all lessons attended (status holders) or fewer than 450 lesson hours (family and other migrants) (Besluit 4.4 lid 2 b, lid 3).",
            "Niet alle lessen gevolgd (statushouders) of minder dan 450 lesuren (gezins- en overige migranten) (Besluit 4.4 lid 2 b, lid 3).",
        ),
        Reason(
            "Fewer than 2 language components or no KNM exam passed (Besluit 4.4 lid 2 c).",
            "Minder dan 2 taalonderdelen of geen KNM-examen behaald (Besluit 4.4 lid 2 c).",
        ),
        Reason(
            "PVT and MAP not both completed (Besluit 4.4 lid 2 d).",
            "PVT en MAP niet allebei afgerond (Besluit 4.4 lid 2 d).",
        ),
        Reason(
            "Unknown: an input needed for a condition is missing.",
            "Onbekend: een invoer voor een van de voorwaarden ontbreekt.",
        ),
        Reason(
            "All four conditions met: DUO extends the term by 6 months on request (art. 12.1.b, Besluit 4.4).",
            "Aan alle vier voorwaarden voldaan: DUO verlengt de termijn op verzoek met 6 maanden (art. 12.1.b, Besluit 4.4).",
        ),
    )
    return Outcome(
        "verlengingInspanningenMogelijk",
        "tri",
        value,
        reason,
        reasons,
        cite("W 12.1.b", "B 4.4"),
        (
            "termijn.verlenging_inspanningen",
            "termijn.verlenging_min_lesuren_gezin",
            "termijn.verlenging_min_taalonderdelen",
        ),
        (
            "leerroute",
            "verblijfsdoel",
            "gezinVanStatushouder",
            "voldoendeInzet",
            "lesurenNt2",
            "examens",
            "datumPvtAfgerond",
            "datumMapAfgerond",
        ),
    )
