"""What it means to have met the obligation (art. 6.1), per route: one definition for every user.

Art. 6.1: complete the PVT, complete the MAP (not in the onderwijsroute, art. 8.3) and achieve
the route: the exam (art. 7.1: the four language components at ``examens.niveau_b1route``, at
``afschaling.niveau`` after afschaling, art. 17.3, and KNM where ``examens.knm_vereist``), the
onderwijsroute (art. 8.4: the same components at ``examens.niveau_onderwijsroute`` and KNM), or
the Z-route (art. 9, Besluit 3.14 lid 2: 800 course hours of NT2 and KNM together, 800 hours of
participation activities for asylum status holders, none for family and other migrants (lid 3),
and the final interview with the college, whose day is the route's). The calculator's ``plichtVoldaanOp``, the naturalisation rule's
requirement ``inburgering`` and the simulation's completion step all use these functions, so
no one else says which levels or parts count.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.codes import Onderdeel
from inburgering.dates import NAT
from inburgering.law.parameters import ParameterSet
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.eisen import (
    B1_ROUTE,
    Z_ROUTE,
    a2_in_pip_open,
    afgeschaald_parts,
    decided_parts,
    exam_level,
    exams_done_on,
    exams_met,
    map_required,
    zroute_hours_met,
)
from inburgering.rules.examens import best_levels
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN
from inburgering.rules.plicht import (
    GEZIN,
    MOET,
    age_dates,
    is_statushouder,
    never_obliged,
    not_obliged,
    obligation,
    under_old_act,
)

_VOLDAAN = Reasons.of(
    oude_wet=Reason(
        "Not computed: the old Wet inburgering (Wi2013) still applies (art. 54.1), and when its obligation is met is "
        "that Act's question.",
        "Niet berekend: de oude Wet inburgering (Wi2013) blijft gelden (art. 54.1), en wanneer aan die plicht is "
        "voldaan, is een vraag van die wet.",
        leeg="nvt",
    ),
    geen_plicht=Reason(
        "Not applicable: the person does not have to integrate (see 'must integrate') and has not met its parts.",
        "Niet van toepassing: betrokkene hoeft niet in te burgeren (zie 'moet inburgeren') en heeft de onderdelen niet "
        "gehaald.",
        leeg="nvt",
    ),
    nooit_plichtig=Reason(
        "Not applicable: never obliged under this Act (an EU, EEA or Swiss national, a UK national here from before "
        "2021, residence for a temporary purpose, a Turkish national here before 2022, or residence begun on a "
        "permit of indefinite duration; see 'obliged to integrate' for which), so there is nothing to meet (art. "
        "3.1, 3.2.a, 3.2.d, 3.3).",
        "Niet van toepassing: nooit inburgeringsplichtig onder deze wet (onderdaan van de EU, EER of Zwitserland, "
        "een Britse onderdaan die hier al vóór 2021 woonde, verblijf met een tijdelijk doel, een Turkse onderdaan "
        "van vóór 2022, of verblijf begonnen op een vergunning voor onbepaalde tijd; zie 'inburgeringsplichtig' "
        "voor welke), dus er valt niets te voldoen (art. 3.1, 3.2.a, 3.2.d, 3.3).",
        leeg="nvt",
    ),
    na_aow=Reason(
        "Not met: the obligation ended at the AOW age (art. 3.1) before its last part was completed.",
        "Niet voldaan: de plicht eindigde bij het bereiken van de AOW-leeftijd (art. 3.1) voordat het laatste "
        "onderdeel was afgerond.",
        leeg="nvt",
    ),
    te_jong=Reason(
        "Not met yet: nobody younger than {plicht.minimumleeftijd} must integrate (art. 3.1, 3.3); what was done "
        "before counts from that birthday.",
        "Nog niet voldaan: niemand jonger dan {plicht.minimumleeftijd} jaar hoeft in te burgeren (art. 3.1, 3.3); "
        "wat eerder is gedaan, telt vanaf die verjaardag.",
        leeg="nvt",
    ),
    geen_route=Reason("Unknown: the leerroute is missing.", "Onbekend: de leerroute ontbreekt."),
    pvt=Reason(
        "Not (yet) met: the PVT is not completed (art. 6.1.a).",
        "(Nog) niet voldaan: het PVT is niet afgerond (art. 6.1.a).",
        leeg="geen",
    ),
    map=Reason(
        "Not (yet) met: the MAP is not completed (art. 6.1.b).",
        "(Nog) niet voldaan: de MAP is niet afgerond (art. 6.1.b).",
        leeg="geen",
    ),
    voor_pip=Reason(
        "Not (yet) met: the PVT or the MAP was completed before the PIP's date, and efforts made before the PIP do "
        "not count towards the obligation (Besluit 5.3 lid 5; art. 6.1.a, 6.1.b).",
        "(Nog) niet voldaan: het PVT of de MAP is afgerond vóór de datum van het PIP, en inspanningen van vóór het "
        "PIP tellen niet mee voor de inburgeringsplicht (Besluit 5.3 lid 5; art. 6.1.a, 6.1.b).",
        leeg="geen",
    ),
    examens=Reason(
        "Not (yet) met: not all four language components at the route's level (B1, or A2 where afschaling lowered "
        "them) and the KNM exam are passed, apart from components released by a partial ontheffing (art. 5.1, "
        "6.1.c, 7.1, 8.4, 17.3).",
        "(Nog) niet voldaan: niet alle vier taalonderdelen op het niveau van de route (B1, of A2 waar afschaling dat "
        "verlaagde) en het KNM-examen zijn behaald, afgezien van onderdelen waarvoor gedeeltelijke ontheffing geldt "
        "(art. 5.1, 6.1.c, 7.1, 8.4, 17.3).",
        leeg="geen",
    ),
    zroute=Reason(
        "Not (yet) met: fewer than {leerroute.zroute_cursusuren} Z-route course hours of NT2 and KNM together "
        "(art. 9, Besluit 3.14 lid 2 a).",
        "(Nog) niet voldaan: minder dan {leerroute.zroute_cursusuren} cursusuren NT2 en KNM samen in de Z-route "
        "(art. 9, Besluit 3.14 lid 2 a).",
        leeg="geen",
    ),
    pip_onbekend=Reason(
        "Unknown: every part is done, but the PIP's date is missing, and efforts made before the PIP do not count "
        "towards the obligation (Besluit 5.3 lid 5).",
        "Onbekend: alle onderdelen zijn gedaan, maar de datum van het PIP ontbreekt, en inspanningen van vóór het PIP "
        "tellen niet mee voor de inburgeringsplicht (Besluit 5.3 lid 5).",
    ),
    lbt_onbekend=Reason(
        "Unknown: the exams are passed at A2, not at B1, and under the rules of the PIP's day a learnability test "
        "indicating A2 sets the level at A2 in the PIP; the test's result is not given.",
        "Onbekend: de examens zijn op A2 gehaald, niet op B1, en volgens de regels van de dag van het PIP legt een "
        "leerbaarheidstoets die A2 aangeeft het niveau in het PIP op A2; de uitslag van de toets is niet opgegeven.",
    ),
    zroute_uren_onbekend=Reason(
        "Unknown: fewer than {leerroute.zroute_cursusuren} Z-route course hours are given, and the NT2 or the KNM "
        "hours are not given (art. 9, Besluit 3.14 lid 2 a).",
        "Onbekend: er zijn minder dan {leerroute.zroute_cursusuren} cursusuren in de Z-route opgegeven, en de NT2- "
        "of de KNM-uren ontbreken (art. 9, Besluit 3.14 lid 2 a).",
    ),
    zroute_participatie_onbekend=Reason(
        "Unknown: an asylum status holder's Z-route also asks {leerroute.zroute_participatieuren_asiel} hours of "
        "participation activities (PVT and MAP hours count), and those hours are not given (Besluit 3.14 lid 2 b, 5).",
        "Onbekend: de Z-route van een asielstatushouder vraagt ook {leerroute.zroute_participatieuren_asiel} uur aan "
        "participatieactiviteiten (PVT- en MAP-uren tellen mee), en die uren zijn niet opgegeven (Besluit 3.14 lid 2 "
        "b, 5).",
    ),
    zroute_koppeling_onbekend=Reason(
        "Unknown: whether this family migrant joined an asylum status holder is not given; if so, the Z-route also "
        "asks {leerroute.zroute_participatieuren_asiel} hours of participation activities (PVT and MAP hours count), "
        "and fewer or none are given (art. 13.1, Besluit 3.14 lid 2 b, 3, 5).",
        "Onbekend: niet opgegeven is of deze gezinsmigrant bij een asielstatushouder kwam; zo ja, dan vraagt de "
        "Z-route ook {leerroute.zroute_participatieuren_asiel} uur aan participatieactiviteiten (PVT- en MAP-uren "
        "tellen mee), en er zijn er minder of geen opgegeven (art. 13.1, Besluit 3.14 lid 2 b, 3, 5).",
    ),
    zroute_participatie=Reason(
        "Not (yet) met: fewer than {leerroute.zroute_participatieuren_asiel} hours of participation activities in "
        "an asylum status holder's Z-route (Besluit 3.14 lid 2 b, 5).",
        "(Nog) niet voldaan: minder dan {leerroute.zroute_participatieuren_asiel} uur aan participatieactiviteiten in "
        "de Z-route van een asielstatushouder (Besluit 3.14 lid 2 b, 5).",
        leeg="geen",
    ),
    zroute_eindgesprek=Reason(
        "Not (yet) met: the Z-route ends with a final interview with the college, which has not (yet) taken place "
        "(Besluit 3.14 lid 2 c, 3).",
        "(Nog) niet voldaan: de Z-route eindigt met een eindgesprek met het college, dat (nog) niet heeft "
        "plaatsgevonden (Besluit 3.14 lid 2 c, 3).",
        leeg="geen",
    ),
    voldaan=Reason(
        "Met on this day: the PVT, the MAP (not in the onderwijsroute) and the route (its exams, or in the Z-route "
        "its course and participation hours and final interview) are done (art. 6.1, 6.2).",
        "Voldaan op deze dag: het PVT, de MAP (niet in de onderwijsroute) en de route (de examens, of in de Z-route "
        "de cursus- en participatie-uren en het eindgesprek) zijn gedaan (art. 6.1, 6.2).",
    ),
)


def voldaan_mask(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whether each person met the obligation by the peildatum, the reason codes and each one's exam level.

    From the highest level passed per component (shared with other rules), so it costs little;
    :func:`voldaan_op` adds the dates for those who met it (memoised).
    """

    def compute() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        peil = ctx.peildatum
        route = ctx.col("leerroute")
        level = exam_level(ctx.params, peil, route, afgeschaald_parts(ctx))
        # efforts before the PIP do not count (Besluit 5.3 lid 5): a PVT or MAP completed before the PIP's
        # date (a legal review; the exceptions only deduct hours from them, B 3.1 lid 5, 3.2 lid 3)
        pip = ctx.col("datumPip")
        # without the PIP's date, a part done before the 16th birthday surely came before it (no PIP
        # before 16, art. 3.1), whatever else is open (a review)
        first_pip = np.where(np.isnat(pip), age_dates(ctx)["dag16"], pip)
        pvt, map_ = ctx.col("datumPvtAfgerond"), ctx.col("datumMapAfgerond")
        early = (pvt < first_pip) | ((map_ < first_pip) & map_required(ctx.params, peil, route))
        pvt_done = (pvt <= peil) & ~(pvt < first_pip)
        map_done = ((map_ <= peil) & ~(map_ < first_pip)) | ~map_required(ctx.params, peil, route)
        released = decided_parts(ctx, "ontheffingOnderdelen")
        exams = exams_met(ctx.params, peil, best_levels(ctx), level, released)
        # a PIP that may have set the level at A2 (the learnability test not given): met if the exams
        # are passed at B1, not met if not even at A2, and open in between
        open_a2 = a2_in_pip_open(ctx)
        exams_if_a2 = exams
        if open_a2.any():
            lowered = afgeschaald_parts(ctx) | open_a2[:, None]
            exams_if_a2 = exams_met(
                ctx.params, peil, best_levels(ctx), exam_level(ctx.params, peil, route, lowered), released
            )
        z = zroute_parts(ctx)
        z_done = z["uren"] & z["participatie"] & z["eindgesprek"]
        route_done = np.where(route == Z_ROUTE, z_done, exams) & (route >= 0)
        # parts met stay met when the obligation has ended since (AOW age, a later peildatum), but
        # whoever never had one met none
        never = never_obliged(ctx)
        # nobody is obliged before 16, so nothing is met before (a legal review found it dated at 15)
        young = peil < age_dates(ctx)["dag16"]
        done = pvt_done & map_done & route_done & ~never
        # without the PIP's date, whether the parts came after it (Besluit 5.3 lid 5) is open (a legal
        # review found everything done counted as if there were no PIP)
        no_pip = np.isnat(pip)
        met = done & ~young & ~no_pip
        parts_done = pvt_done & map_done & ~never & (route >= 0)
        # each part by itself, for what the obligation still misses (rules.voldaan_ontbreekt)
        parts = {
            "pvt": pvt_done,
            "map": map_done,
            "examens": exams | exams_if_a2,  # met if the PIP may have set A2 and they are passed at A2: open
            "examens_open": ~exams & exams_if_a2,
            "zroute": z,
        }
        ctx.memo("voldaan_parts", lambda: parts)
        reason = _VOLDAAN.select(
            [
                (met, "voldaan"),
                (never, "nooit_plichtig"),
                (done & young, "te_jong"),
                (not_obliged(ctx) & under_old_act(ctx), "oude_wet"),
                (not_obliged(ctx), "geen_plicht"),
                (route < 0, "geen_route"),
                (early, "voor_pip"),
                (done & no_pip, "pip_onbekend"),
                (~pvt_done, "pvt"),
                (~map_done, "map"),
                (parts_done & (route == B1_ROUTE) & open_a2 & exams_if_a2, "lbt_onbekend"),
                # a part surely missing before a part whose count is open (a review found "open" beside no
                # final interview): the definite reasons first
                ((route == Z_ROUTE) & ~z["eindgesprek"], "zroute_eindgesprek"),  # without it surely not met
                ((route == Z_ROUTE) & ~z["uren"] & ~z["uren_onbekend"], "zroute"),
                ((route == Z_ROUTE) & ~z["participatie"] & ~z["participatie_onbekend"], "zroute_participatie"),
                ((route == Z_ROUTE) & z["uren_onbekend"], "zroute_uren_onbekend"),
                ((route == Z_ROUTE) & z["koppeling_onbekend"], "zroute_koppeling_onbekend"),
                ((route == Z_ROUTE) & z["participatie_onbekend"], "zroute_participatie_onbekend"),
            ],
            default="examens",
        )
        return met, reason, level

    result: tuple[np.ndarray, np.ndarray, np.ndarray] = ctx.memo("voldaan_mask", compute)
    return result


def zroute_parts(ctx: Context) -> dict[str, np.ndarray]:
    """The Z-route's parts by the peildatum (Besluit 3.14 lid 2, 3), per person, whatever the route.

    ``uren``: 800 course hours of NT2 and KNM together, some of them NT2 (lid 2 a; KNM may be folded
    into the NT2 hours given, decision 0019). ``uren_onbekend``: short of that with one kind (or
    both) not given, so whether they are done is open. ``participatie``: the participation hours where the route asks them: asylum status
    holders and their family who joined them (art. 13.1 as :func:`is_statushouder` reads it), lid
    2 b; PVT and MAP hours count towards them (lid 5), so the input is the total. Not asked of
    family and other migrants (lid 3). ``participatie_onbekend``: asked, but not given.
    ``eindgesprek``: the final interview with the college took place (lid 2 c, for every group).
    """
    peil = ctx.peildatum
    nt2, knm = ctx.col("lesurenNt2"), ctx.col("lesurenKnm")
    course = np.where(np.isnan(nt2) & np.isnan(knm), -1.0, np.nan_to_num(nt2) + np.nan_to_num(knm))
    # the hours given are a lower bound where one kind is not given: short of the total, it is open (a
    # legal review found a definite "not met" from a missing input); the course is of Dutch above all
    # (art. 9.1), so none of NT2 is never enough; KNM may be folded into the NT2 hours given
    hours_met = zroute_hours_met(ctx.params, peil, course) & (nt2 > 0)
    hours_open = ~hours_met & (np.isnan(nt2) | np.isnan(knm)) & ~(nt2 == 0)
    # a partial ontheffing may release the participation part (Besluit 2.7 lid 3 c)
    released = (ctx.col("ontheffingOnderdelen") & np.int8(1 << len(Onderdeel))) != 0
    asked = np.where(released, 0.0, zroute_participation_hours(ctx.params, peil, is_statushouder(ctx) == TRUE))
    given = ctx.col("participatieurenZroute")
    # a family migrant whose link to a status holder is not given: the link lightens no duty (it counts as
    # not shown for a right such as MB); whether the hours a status holder's family owes are asked is open
    # unless they were done (a legal review found the Z-route met without them)
    as_family = zroute_participation_hours(ctx.params, peil, np.ones(len(ctx), bool))
    link_open = (ctx.col("verblijfsdoel") == GEZIN) & (ctx.col("gezinVanStatushouder") == UNKNOWN)
    open_ = link_open & ~released & (as_family > 0) & ~(given >= as_family)
    return {
        "uren": hours_met,
        "uren_onbekend": hours_open,
        "participatie": ((asked <= 0) | (given >= asked)) & ~open_,
        "participatie_onbekend": ((asked > 0) & np.isnan(given)) | open_,
        "koppeling_onbekend": open_,  # the link is what is missing (a legal tester: the reason named the hours)
        # the interview closes the route the PIP began: one before the PIP closes nothing (Besluit 5.3 lid 5)
        "eindgesprek": (ctx.col("datumEindgesprekZroute") <= peil)
        & ~(ctx.col("datumEindgesprekZroute") < ctx.col("datumPip")),
    }


_OPEN = (
    "zroute_koppeling_onbekend",
    "zroute_participatie_onbekend",
    "zroute_uren_onbekend",
    "pip_onbekend",
    "lbt_onbekend",
)

MET_OPEN = Reason(
    "Unknown: whether the obligation has been met is open (see 'obligation met on'), and once it is met there is "
    "nothing left to decide.",
    "Onbekend: of aan de plicht is voldaan, is open (zie 'plicht voldaan op'), en als eraan is voldaan, valt er "
    "niets meer te beslissen.",
)


def met_is_open(voldaan: Outcome) -> np.ndarray:
    """Boolean per person: ``plichtVoldaanOp``'s reason says whether it is met is open (an input not given).

    Read from the rule's outcome, so a rule that asks it traces it as a rule it uses.
    """
    return np.asarray(np.isin(voldaan.reason, [_VOLDAAN.code(name) for name in _OPEN]))


def met_unknown(ctx: Context) -> np.ndarray:
    """Boolean: whether the obligation is met is unknown (an input it turns on is not given)."""
    return np.asarray(np.isin(voldaan_mask(ctx)[1], [_VOLDAAN.code(name) for name in _OPEN]))


def voldaan_op(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Date each person met the obligation by the peildatum (NaT if not) and the reason codes (memoised)."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        met, reason, level = voldaan_mask(ctx)
        who = np.flatnonzero(met)
        route = ctx.col("leerroute")
        early = np.datetime64("1900-01-01", "D")
        exams = exams_done_on(ctx, level, who[route[who] != Z_ROUTE])
        # the Z-route is achieved on the day of its final interview (Besluit 3.14 lid 2 c)
        route_done = np.where(route == Z_ROUTE, ctx.col("datumEindgesprekZroute"), exams)
        map_date = np.where(map_required(ctx.params, ctx.peildatum, route), ctx.col("datumMapAfgerond"), early)
        date = np.maximum(np.maximum(ctx.col("datumPvtAfgerond"), map_date), route_done)
        date = np.maximum(date, age_dates(ctx)["dag16"])  # met on the 16th birthday at the earliest (art. 3.1)
        # met only while obliged: a part completed on or after the AOW day meets nothing (art. 3.1)
        late = met & (date >= age_dates(ctx)["aowDatum"])
        reason = np.where(late, _VOLDAAN.code("na_aow"), reason).astype(reason.dtype)
        return np.where(met & ~late, date, NAT), reason

    result: tuple[np.ndarray, np.ndarray] = ctx.memo("voldaan_op", compute)
    return result


@rule("plichtVoldaanOp")
def plicht_voldaan_op(ctx: Context) -> Outcome:
    """The day the obligation was met (art. 6.1), on or before the peildatum; null if not (yet)."""
    value, reason = voldaan_op(ctx)
    return Outcome(
        "plichtVoldaanOp",
        "date",
        value,
        reason,
        _VOLDAAN,
        cite(
            "W 6.1",
            "W 6.1.a",
            "W 6.1.b",
            "W 6.1.c",
            "W 7.1",
            "W 8.3",
            "W 8.4",
            "W 9.1",
            "W 17.3",
            "B 3.14",
            "W 5.1",
            "B 2.7",
        ),
    )


def zroute_participation_hours(params: ParameterSet, date: Any, statushouder: np.ndarray) -> np.ndarray:
    """Participation hours the Z-route asks (Besluit 3.14 lid 2 b for status holders; lid 3: none for others)."""
    asylum = float(params.value("leerroute.zroute_participatieuren_asiel", date))
    family = float(params.value("leerroute.zroute_participatieuren_gezin", date))
    return np.where(statushouder, asylum, family)


def obligation_met(
    params: ParameterSet,
    date: Any,
    route: np.ndarray,
    afgeschaald: np.ndarray,
    levels: np.ndarray,
    modules: tuple[np.ndarray, np.ndarray],
    hours: np.ndarray,
    participation_done: np.ndarray,
) -> np.ndarray:
    """Whether each person has met the obligation on ``date`` (art. 6.1), from the simulation's state.

    ``modules`` is (PVT done, MAP done); ``participation_done`` says whether the Z-route's
    participation hours are behind the person where the route asks for them.
    """
    pvt_done, map_done = modules
    done = pvt_done & (map_done | ~map_required(params, date, route))
    exams = exams_met(params, date, levels, exam_level(params, date, route, afgeschaald))
    z_done = zroute_hours_met(params, date, hours) & participation_done
    return np.asarray(done & np.where(route == Z_ROUTE, z_done, exams))


def route_met(
    params: ParameterSet,
    date: Any,
    route: np.ndarray,
    afgeschaald: np.ndarray,
    levels: np.ndarray,
    hours: np.ndarray,
    participation_done: np.ndarray,
) -> np.ndarray:
    """Whether the route itself (art. 6.1.c: exam, onderwijsroute or Z-route) is achieved, without PVT and MAP.

    The Z-route is its course hours *and* its participation hours (Besluit 3.14 lid 2 a-b), as in
    :func:`obligation_met` (a review found DUO's route fine skipping whoever had the course hours).
    """
    exams = exams_met(params, date, levels, exam_level(params, date, route, afgeschaald))
    z_done = zroute_hours_met(params, date, hours) & participation_done
    return np.asarray(np.where(route == Z_ROUTE, z_done, exams))


@rule("moetInburgeren")
def moet_inburgeren(ctx: Context) -> Outcome:
    """Obliged, not exempt, not released, and the obligation not yet met (art. 3, 4, 5, 6.1).

    Whoever met the obligation is a former obligee (the Act's "voormalige inburgeringsplichtige", as in art. 21.1 on the loan;
    art. 20.2.b, "niet langer inburgeringsplichtig"): from that day nothing more is asked (a review
    found "must integrate" still true beside a date the obligation was met).
    """
    value, reason = obligation(ctx)
    voldaan = ctx.get("plichtVoldaanOp")  # traced as a rule it uses
    # met is met, also where the obligation itself became unknown later (the listed permits ran out after
    # it was met: a legal tester found "must integrate: unknown" beside the day it was met)
    met = (value != FALSE) & ~np.isnat(voldaan.value)
    # obliged, and whether it was met is open: so is whether the person must still integrate (a legal review)
    open_ = (value == TRUE) & ~met & met_is_open(voldaan)
    value = np.where(met, FALSE, np.where(open_, UNKNOWN, value)).astype(np.int8)
    reason = np.where(met, MOET.code("voldaan"), np.where(open_, MOET.code("voldaan_onbekend"), reason))
    return Outcome("moetInburgeren", "tri", value, reason, MOET, cite("W 3.1", "W 4.1", "W 5.1", "W 6.1", "W 6.2"))
