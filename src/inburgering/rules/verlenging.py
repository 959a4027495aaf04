"""Extension of the term: when it may be requested and whether efforts earn it (art. 12, Besluit 4.3-4.5).

Split from rules/termijn.py (one topic of the law per module): the extension reads the term's
end from there and the same date conventions (decision 0007).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.codes import Leerroute, Niveau
from inburgering.dates import period_start_before
from inburgering.law.parameters import ParameterSet
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.eisen import afgeschaald_parts, exam_level, knm_required
from inburgering.rules.examens import KNM, best_levels
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, tri
from inburgering.rules.plicht import is_statushouder, obligation
from inburgering.rules.termijn import NOT_OBLIGED_NO, date_outcome
from inburgering.rules.voldaan import MET_OPEN, met_is_open


@rule("verlengingAanvraagVanaf")
def verlenging_aanvraag_vanaf(ctx: Context) -> Outcome:
    """First day an extension may be requested: the last 6 months of the term (Besluit 4.5 lid 1)."""
    end = ctx.get("eindeTermijn").value
    return date_outcome(
        ctx,
        "verlengingAanvraagVanaf",
        period_start_before(end, ctx.p("termijn.verlenging_aanvraag_vanaf")),
        Reason(
            "An extension may be requested no earlier than {termijn.verlenging_aanvraag_vanaf} months before the term "
            "ends (Besluit 4.5 lid 1).",
            "Verlenging kan niet eerder worden aangevraagd dan {termijn.verlenging_aanvraag_vanaf} maanden vóór het "
            "einde van de termijn (Besluit 4.5 lid 1).",
        ),
        cite("B 4.5"),
        short_gap=True,
    )


_VERLENGING = Reasons.of(
    voldaan_onbekend=MET_OPEN,
    niet_plichtig=NOT_OBLIGED_NO,
    voldaan=Reason(
        "Not possible: the obligation has been met (see 'obligation met on'), so there is nothing left to extend "
        "the term for (art. 12.1).",
        "Niet mogelijk: aan de inburgeringsplicht is voldaan (zie 'plicht voldaan op'), dus er is niets meer om de "
        "termijn voor te verlengen (art. 12.1).",
    ),
    geen_b1=Reason(
        "Not possible: an extension for considerable efforts is only for the B1-route (Besluit 4.4 lid 2 a). An "
        "extension without fault (art. 12.1.a, Besluit 4.3) is open in every route: for a circumstance the person "
        "cannot reasonably be blamed for, including a course the college did not offer, or a designated "
        "non-exempting education.",
        "Niet mogelijk: verlenging wegens aanzienlijke inspanningen is alleen voor de B1-route (Besluit 4.4 lid 2 a). "
        "Verlenging zonder verwijt (art. 12.1.a, Besluit 4.3) kan in elke route: bij een omstandigheid die betrokkene "
        "redelijkerwijs niet te verwijten is, ook als het college geen cursus aanbood, of bij een aangewezen niet "
        "vrijstellende opleiding.",
    ),
    termijn_voorbij=Reason(
        "Not possible: the term has ended; this extension lengthens the term of art. 11.1 and is asked "
        "before it ends (Besluit 4.4 lid 1, 4.5). After the term, where DUO fines (the rules in force may spare "
        "asylum status holders), the fine sets a new term, which only an extension without fault can lengthen "
        "(art. 12.1.a, 24.2, 25).",
        "Niet mogelijk: de termijn is voorbij; deze verlenging verlengt de termijn van art. 11.1 en wordt vóór het einde "
        "gevraagd (Besluit 4.4 lid 1, 4.5). Na de termijn, waar DUO beboet (de geldende regels kunnen "
        "asielstatushouders ontzien), zet de boete een nieuwe termijn, die alleen verlenging zonder verwijt kan "
        "verlengen (art. 12.1.a, 24.2, 25).",
    ),
    lessen=Reason(
        "Not possible: not all language and KNM lessons attended, authorised absence apart (status holders), or "
        "fewer than {termijn.verlenging_min_lesuren_gezin} hours of language or KNM lessons (family and other "
        "migrants) (Besluit 4.4 lid 2 b, lid 3).",
        "Niet mogelijk: niet alle taal- en KNM-lessen gevolgd, geoorloofd verzuim daargelaten (statushouders), of "
        "minder dan {termijn.verlenging_min_lesuren_gezin} uur taal- of KNM-les (gezins- en overige migranten) "
        "(Besluit 4.4 lid 2 b, lid 3).",
    ),
    examens=Reason(
        "Not possible: fewer than {termijn.verlenging_min_taalonderdelen} language components passed at the level of "
        "the PIP, or no KNM exam passed (Besluit 4.4 lid 2 a, c).",
        "Niet mogelijk: minder dan {termijn.verlenging_min_taalonderdelen} taalonderdelen behaald op het niveau van het "
        "PIP, of geen KNM-examen behaald (Besluit 4.4 lid 2 a, c).",
    ),
    pvt_map=Reason(
        "Not possible: the PVT and the MAP are not both completed on or after the PIP's date (Besluit 4.4 lid 2 d; "
        "efforts made before the PIP do not count, Besluit 5.3 lid 5).",
        "Niet mogelijk: het PVT en de MAP zijn niet allebei afgerond op of na de datum van het PIP (Besluit 4.4 lid 2 "
        "d; inspanningen van vóór het PIP tellen niet mee, Besluit 5.3 lid 5).",
    ),
    plicht_onbekend=Reason(
        "Unknown: whether the person must integrate is not known (see 'Must integrate'); DUO extends only the term of "
        "the obliged (W 12.1).",
        "Onbekend: of de persoon moet inburgeren, is niet bekend (zie 'Moet inburgeren'); DUO verlengt alleen de "
        "termijn van wie moet inburgeren (art. 12.1).",
    ),
    route_onbekend=Reason(
        "Unknown: the leerroute is not given; the extension for efforts is for the B1-route (Besluit 4.4 lid 2 a).",
        "Onbekend: de leerroute is niet opgegeven; de verlenging wegens inspanningen is er voor de B1-route (Besluit "
        "4.4 lid 2 a).",
    ),
    lessen_onbekend=Reason(
        "Unknown: for an asylum status holder, whether all language and KNM lessons were attended (authorised "
        "absence apart) is not given (Besluit 4.4 lid 2 b); for a family or other migrant, the NT2 hours, of which "
        "{termijn.verlenging_min_lesuren_gezin} with the KNM hours are asked (lid 3).",
        "Onbekend: voor een asielstatushouder is niet opgegeven of alle taallessen en KNM-lessen zijn gevolgd "
        "(geoorloofd verzuim daargelaten, Besluit 4.4 lid 2 b); voor een gezins- of overige migrant ontbreken de "
        "NT2-uren, waarvan er met de KNM-uren {termijn.verlenging_min_lesuren_gezin} worden gevraagd (lid 3).",
    ),
    onbekend=Reason(
        "Unknown: an input needed for one of the conditions is missing.",
        "Onbekend: een invoer voor een van de voorwaarden ontbreekt.",
    ),
    mogelijk=Reason(
        "All four conditions met: DUO extends the term by {termijn.verlenging_inspanningen} months on request "
        "(art. 12.1.b, Besluit 4.4).",
        "Aan alle vier voorwaarden voldaan: DUO verlengt de termijn op verzoek met {termijn.verlenging_inspanningen} "
        "maanden (art. 12.1.b, Besluit 4.4).",
    ),
    mogelijk_later=Reason(
        "All four conditions met today; the request can be made no earlier than {termijn.verlenging_aanvraag_vanaf} "
        "months before the term ends (see "
        "'extension can be requested from'), and the conditions are judged again then: DUO extends the term by "
        "{termijn.verlenging_inspanningen} months (art. 12.1.b, Besluit 4.4, 4.5 lid 1).",
        "Vandaag aan alle vier voorwaarden voldaan; het verzoek kan pas vanaf {termijn.verlenging_aanvraag_vanaf} "
        "maanden voor het einde van de termijn "
        "(zie 'verlenging aan te vragen vanaf'), en dan worden de voorwaarden opnieuw beoordeeld: DUO verlengt de termijn "
        "met {termijn.verlenging_inspanningen} maanden (art. 12.1.b, Besluit 4.4, 4.5 lid 1).",
    ),
)


@rule("verlengingInspanningenMogelijk")
def verlenging_inspanningen(ctx: Context) -> Outcome:
    """Besluit 4.4: the four conditions of an extension for considerable efforts."""
    peil = ctx.peildatum
    route = ctx.col("leerroute")
    b1 = tri(route == int(Leerroute.B1), route >= 0)
    statushouder = is_statushouder(ctx)
    # lid 3: family and other migrants, 450 hours of language *or* KNM lessons: enough is enough
    # whichever hours are given (a review: 450 KNM hours alone gave "unknown"); too few is known
    # only when the NT2 hours are given (KNM hours not given count as none)
    nt2 = ctx.col("lesurenNt2")
    hours = np.nan_to_num(nt2) + np.nan_to_num(ctx.col("lesurenKnm"))
    enough = hours >= ctx.p("termijn.verlenging_min_lesuren_gezin")
    enough_hours = tri(enough, enough | ~np.isnan(nt2))
    # lid 2 b: asylum status holders attended all language and KNM lessons, authorised absence apart
    attendance = np.where(statushouder == TRUE, ctx.col("alleLessenGevolgd"), enough_hours).astype(np.int8)
    levels = best_levels(ctx)
    # (a) and (c): components count when passed at the level the person is examined at (the PIP's
    # level: B1, or A2 after afschaling), which must itself be at least A2
    pip_level = exam_level(ctx.params, peil, route, afgeschaald_parts(ctx))  # per language component
    passed = (levels[:, :4] >= np.maximum(pip_level, int(Niveau.A2))).sum(axis=1)
    language_ok = passed >= ctx.p("termijn.verlenging_min_taalonderdelen")
    # KNM where the rules of the day ask it (a review found a scenario without the KNM exam barring the extension)
    exams = tri(language_ok & ((levels[:, KNM] > 0) | (not knm_required(ctx.params, peil))))
    # (d): completed, and not before the PIP: efforts before it do not count (Besluit 5.3 lid 5; a legal
    # review found the extension granted on a PVT and MAP that 'obligation met' did not count)
    pvt, map_, pip = ctx.col("datumPvtAfgerond"), ctx.col("datumMapAfgerond"), ctx.col("datumPip")
    pvt_map = tri((pvt <= peil) & (map_ <= peil) & ~(pvt < pip) & ~(map_ < pip))
    obliged = np.asarray(obligation(ctx)[0], np.int8)  # unknown stays unknown (a legal review)
    end = ctx.get("eindeTermijn").value
    ended = ~np.isnat(end) & (peil > end)
    value = t_and(obliged, b1, tri(~ended), attendance, exams, pvt_map)
    voldaan = ctx.get("plichtVoldaanOp")
    met = ~np.isnat(voldaan.value)  # by the peildatum
    open_ = met_is_open(voldaan) & (value != FALSE)  # maybe met already: open (a review)
    value = np.where(met, FALSE, np.where(open_, UNKNOWN, value)).astype(np.int8)
    reason = _VERLENGING.select(
        [
            (obliged == FALSE, "niet_plichtig"),
            (met, "voldaan"),
            (open_, "voldaan_onbekend"),
            (b1 == FALSE, "geen_b1"),
            (ended, "termijn_voorbij"),
            (attendance == FALSE, "lessen"),
            (exams == FALSE, "examens"),
            (pvt_map == FALSE, "pvt_map"),
            ((value == UNKNOWN) & (obliged == UNKNOWN), "plicht_onbekend"),
            # name the missing input (a legal tester found "an input is missing" for each of them)
            ((value == UNKNOWN) & (b1 == UNKNOWN), "route_onbekend"),
            ((value == UNKNOWN) & (attendance == UNKNOWN), "lessen_onbekend"),
            (value == UNKNOWN, "onbekend"),
            # a review: "extends on request" read as "ask now" while the request window is still ahead
            (peil < ctx.get("verlengingAanvraagVanaf").value, "mogelijk_later"),
        ],
        default="mogelijk",
    )
    return Outcome(
        "verlengingInspanningenMogelijk",
        "tri",
        value,
        reason,
        _VERLENGING,
        cite("W 12.1.b", "B 4.4", "B 4.5", "W 12.1.a", "B 4.3", "W 12.1", "B 5.3"),
    )


def efforts_extension_months(params: ParameterSet, date: Any) -> int:
    """Length of an extension for considerable efforts (art. 12.1.b, Besluit 4.4 lid 1)."""
    return int(params.value("termijn.verlenging_inspanningen", date))
