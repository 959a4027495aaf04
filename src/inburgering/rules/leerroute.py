"""Afschaling in the B1-route (art. 17.3, Besluit 5.5) and the A2 interim step of a reform.

Afschaling needs the B1-route, considerable efforts — 600 NT2 hours and sufficient effort
during the lessons (Besluit 5.5 lid 1) — and the college's finding that the facts show B1
cannot be reached within the term, an extended term or a new term (art. 17.3). That last
finding is the college's judgement and no input; the rule says when the college *may* make it.
There is no attendance share, no exam-attempt condition and no time limit. A scenario may drop
the hour condition (``afschaling.urenvereiste``). Under a scenario with the A2 interim step
(``examens.a2_tussenstap``), a person in the B1-route who has passed all four language
components at A2 or higher may choose to finish at A2.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.codes import Leerroute
from inburgering.law.parameters import ParameterSet
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.eisen import afgeschaald_parts, decided_parts
from inburgering.rules.examens import best_levels, level_code
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, tri
from inburgering.rules.plicht import obligation
from inburgering.rules.termijn import NOT_OBLIGED_NO
from inburgering.rules.voldaan import MET_OPEN, met_is_open

B1_ROUTE = int(Leerroute.B1)  # a plain int: faster in numpy than the IntEnum member (issue #20)

_NOT_B1 = Reason(
    "Not possible: only in the B1-route, not in the onderwijsroute or the Z-route (art. 17.3).",
    "Niet mogelijk: alleen in de B1-route, niet in de onderwijsroute of de Z-route (art. 17.3).",
)


def _obliged(ctx: Context) -> np.ndarray:
    """Tri-state: must integrate (met or not), unknown where that is unknown.

    Only the obliged can be lowered or choose (W 17.3); a legal review found "yes" where the
    obligation itself was unknown.
    """
    return np.asarray(obligation(ctx)[0], np.int8)


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


_AFSCHALING = Reasons.of(
    voldaan_onbekend=MET_OPEN,
    niet_plichtig=NOT_OBLIGED_NO,
    voldaan=Reason(
        "Not possible: the obligation has been met (see 'obligation met on'); there is no exam left to lower "
        "(art. 17.3).",
        "Niet mogelijk: aan de inburgeringsplicht is voldaan (zie 'plicht voldaan op'); er is geen examen meer om "
        "te verlagen (art. 17.3).",
    ),
    geen_b1=_NOT_B1,
    al_afgeschaald=Reason(
        "Not applicable: the language components are examined at A2 already (afschaling, or a PIP that set A2; "
        "art. 17.3).",
        "Niet van toepassing: de taalonderdelen worden al op A2 geëxamineerd (afschaling, of een PIP dat A2 "
        "vastlegde; art. 17.3).",
    ),
    al_b1=Reason(
        "Not applicable: every language component is passed at B1 (or lowered or released already), so the facts "
        "cannot show that B1 is out of reach; nothing is left to lower (art. 17.3).",
        "Niet van toepassing: elk taalonderdeel is op B1 behaald (of al verlaagd of ontheven), dus kan uit de "
        "feiten niet blijken dat B1 onhaalbaar is; er valt niets meer te verlagen (art. 17.3).",
    ),
    uren=Reason(
        "Not possible: fewer than {afschaling.min_lesuren_nt2} NT2 lesson hours (Besluit 5.5 lid 1).",
        "Niet mogelijk: minder dan {afschaling.min_lesuren_nt2} NT2-lesuren (Besluit 5.5 lid 1).",
    ),
    inzet=Reason(
        "Not possible: no sufficient effort during the lessons (Besluit 5.5 lid 1).",
        "Niet mogelijk: geen voldoende inzet tijdens de lessen (Besluit 5.5 lid 1).",
    ),
    plicht_onbekend=Reason(
        "Unknown: whether the person must integrate is not known (see 'Must integrate'); only the obliged may have the language exams lowered (W 17.3).",
        "Onbekend: of de persoon moet inburgeren, is niet bekend (zie 'Moet inburgeren'); alleen wie moet inburgeren, kan de taalexamens verlaagd krijgen (art. 17.3).",
    ),
    onbekend=Reason(
        "Unknown: the route, the lesson hours or the effort is missing.",
        "Onbekend: de leerroute, de lesuren of de inzet ontbreekt.",
    ),
    mogelijk=Reason(
        "Possible: B1-route, at least {afschaling.min_lesuren_nt2} NT2 lesson hours and sufficient effort. If the facts "
        "show that B1 cannot be reached within the term (or an extended or new term), the college may have the "
        "language skills examined at A2 (art. 17.3, Besluit 5.5).",
        "Mogelijk: B1-route, ten minste {afschaling.min_lesuren_nt2} NT2-lesuren en voldoende inzet. Als uit de feiten "
        "blijkt dat B1 niet binnen de termijn (of een verlengde of nieuwe termijn) haalbaar is, mag het college de "
        "taalvaardigheden op A2 laten examineren (art. 17.3, Besluit 5.5).",
    ),
    mogelijk_zonder_uren=Reason(
        "Possible: B1-route and sufficient effort; this scenario has no hour condition. If the facts show that B1 "
        "cannot be reached within the term, the college may have the language skills examined at A2 (art. 17.3).",
        "Mogelijk: B1-route en voldoende inzet; dit scenario kent geen urenvereiste. Als uit de feiten blijkt dat B1 "
        "niet binnen de termijn haalbaar is, mag het college de taalvaardigheden op A2 laten examineren (art. 17.3).",
    ),
)


def _b1_reached(ctx: Context) -> np.ndarray:
    """Boolean: each language component passed at B1 or higher by the peildatum, lowered already, or released.

    Then no component is left whose B1 the facts could show out of reach (art. 17.3), and nothing
    is left to choose at VWN's A2 step: a legal tester found both offered to someone with B1 in all four.
    """

    def compute() -> np.ndarray:
        released = decided_parts(ctx, "ontheffingOnderdelen")[:, :4]
        passed = best_levels(ctx)[:, :4] >= level_code("B1")
        return np.asarray((passed | released | afgeschaald_parts(ctx)).all(axis=1) & passed.any(axis=1))

    result: np.ndarray = ctx.memo("b1_reached", compute)  # afschaling and the A2 step both ask
    return result


@rule("afschalingMogelijk")
def afschaling_mogelijk(ctx: Context) -> Outcome:
    """Art. 17.3 with Besluit 5.5."""
    required = bool(ctx.p("afschaling.urenvereiste"))
    if required:
        hours = ctx.col("lesurenNt2")
        hours_ok = tri(hours >= afschaling_urengrens(ctx.params, ctx.peildatum), ~np.isnan(hours))
    else:
        hours_ok = np.full(len(ctx), TRUE, np.int8)
    effort = ctx.col("voldoendeInzet")
    obliged, b1 = _obliged(ctx), _b1(ctx)
    value = t_and(obliged, b1, hours_ok, effort)
    voldaan = ctx.get("plichtVoldaanOp")
    met = ~np.isnat(voldaan.value)  # by the peildatum
    open_ = met_is_open(voldaan) & (value != FALSE)  # maybe met already: open (a review)
    lowered = afgeschaald_parts(ctx).all(axis=1)  # nothing left to lower (a review)
    reached = _b1_reached(ctx) & (b1 == TRUE) & ~lowered  # nor once B1 is passed (a legal tester)
    done = met | (lowered & (b1 == TRUE)) | reached
    value = np.where(done, FALSE, np.where(open_ & ~reached, UNKNOWN, value)).astype(np.int8)
    reason = _AFSCHALING.select(
        [
            (obliged == FALSE, "niet_plichtig"),
            (met, "voldaan"),
            (reached, "al_b1"),
            (open_, "voldaan_onbekend"),
            (b1 == FALSE, "geen_b1"),
            (lowered & (b1 == TRUE), "al_afgeschaald"),
            (hours_ok == FALSE, "uren"),
            (effort == FALSE, "inzet"),
            ((value == UNKNOWN) & (obliged == UNKNOWN), "plicht_onbekend"),
            (value == UNKNOWN, "onbekend"),
        ],
        default="mogelijk" if required else "mogelijk_zonder_uren",
    )
    return Outcome("afschalingMogelijk", "tri", value, reason, _AFSCHALING, cite("W 17.3", "W 17.4", "B 5.5"))


_A2 = Reasons.of(
    voldaan_onbekend=MET_OPEN,
    geen_tussenstap=Reason(
        "Not possible: the rules in force on the peildatum have no A2 interim step in the B1-route (a scenario that "
        "adds one does so from its own date).",
        "Niet mogelijk: de regels die op de peildatum gelden, kennen geen A2-tussenstap in de B1-route (een scenario "
        "dat die invoert, doet dat vanaf zijn eigen datum).",
    ),
    niet_plichtig=NOT_OBLIGED_NO,
    voldaan=Reason(
        "Not applicable: the obligation has been met (see 'obligation met on'); there is nothing left to choose.",
        "Niet van toepassing: aan de inburgeringsplicht is voldaan (zie 'plicht voldaan op'); er valt niets meer te "
        "kiezen.",
    ),
    geen_b1=Reason(
        "Not possible: the A2 interim step is part of the B1-route only.",
        "Niet mogelijk: de A2-tussenstap hoort alleen bij de B1-route.",
    ),
    al_afgeschaald=Reason(
        "Not applicable: every language exam is at A2 already (afschaling, or a PIP that set A2; art. 17.3); there "
        "is no B1 left to choose.",
        "Niet van toepassing: elk taalexamen is al op A2 (afschaling, of een PIP dat A2 vastlegde; art. 17.3); er "
        "valt geen B1 meer te kiezen.",
    ),
    al_b1=Reason(
        "Not applicable: every language component is passed at B1 (or lowered or released); there is no B1 left "
        "to choose.",
        "Niet van toepassing: elk taalonderdeel is op B1 behaald (of verlaagd of ontheven); er valt geen B1 meer "
        "te kiezen.",
    ),
    nog_niet=Reason(
        "Not yet: not all four language components passed at A2 or higher (or released by a partial ontheffing).",
        "Nog niet: niet alle vier taalonderdelen op A2 of hoger behaald (of ontheven bij een gedeeltelijke "
        "ontheffing).",
    ),
    plicht_onbekend=Reason(
        "Unknown: whether the person must integrate is not known (see 'Must integrate'); only the obliged choose between B1 and A2.",
        "Onbekend: of de persoon moet inburgeren, is niet bekend (zie 'Moet inburgeren'); alleen wie moet inburgeren, kiest tussen B1 en A2.",
    ),
    onbekend=Reason("Unknown: the route is missing.", "Onbekend: de leerroute ontbreekt."),
    keuze=Reason(
        "All four language components passed at A2 or higher: at the evaluation the person chooses to go on to B1 "
        "or to finish at A2 and shift to work and training.",
        "Alle vier taalonderdelen op A2 of hoger behaald: bij de evaluatie kiest betrokkene voor doorgaan naar B1 of "
        "afronden op A2 met werk en scholing.",
    ),
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
            _A2.fill(n, "geen_tussenstap"),
            _A2,
            cite("W 7.1.a"),
        )
    # a component released by a partial ontheffing need not be passed (W 5.1, B 2.7 lid 3; a legal review
    # found the choice out of reach for someone released from writing)
    released = decided_parts(ctx, "ontheffingOnderdelen")[:, :4]
    passed = tri(((best_levels(ctx)[:, :4] >= level_code("A2")) | released).all(axis=1))
    obliged, b1 = _obliged(ctx), _b1(ctx)
    voldaan = ctx.get("plichtVoldaanOp")
    met = ~np.isnat(voldaan.value)  # nothing to choose once met (a review)
    base = t_and(obliged, b1, passed)
    open_ = met_is_open(voldaan) & (base != FALSE)  # maybe met already: open (a review)
    lowered = afgeschaald_parts(ctx).all(axis=1) & (b1 == TRUE)  # the exams are at A2 already: no B1 to choose
    reached = _b1_reached(ctx) & (b1 == TRUE) & ~lowered  # B1 passed already: nothing to choose (a legal tester)
    value = np.where(lowered | met | reached, FALSE, np.where(open_ & ~reached, UNKNOWN, base)).astype(np.int8)
    reason = _A2.select(
        [
            (obliged == FALSE, "niet_plichtig"),
            (met, "voldaan"),
            (reached, "al_b1"),
            (open_, "voldaan_onbekend"),
            (b1 == FALSE, "geen_b1"),
            (lowered, "al_afgeschaald"),
            (passed == FALSE, "nog_niet"),
            ((value == UNKNOWN) & (obliged == UNKNOWN), "plicht_onbekend"),
            (value == UNKNOWN, "onbekend"),
        ],
        default="keuze",
    )
    return Outcome("a2TussenstapKeuze", "tri", value, reason, _A2, cite("W 7.1.a", "W 17.3"))


_BIJ_PIP = Reasons.of(
    voldaan_onbekend=MET_OPEN,
    geen_voorstel=Reason(
        "Not possible: under the rules in force the PIP does not lower the language level; in the B1-route the "
        "college may lower the exam to A2 only later, after the hours and efforts of Besluit 5.5 (see 'afschaling "
        "possible'; art. 17.3).",
        "Niet mogelijk: onder de geldende regels verlaagt het PIP het taalniveau niet; in de B1-route mag het "
        "college het examen pas later naar A2 verlagen, na de uren en inspanningen van Besluit 5.5 (zie "
        "'afschaling mogelijk'; art. 17.3).",
    ),
    niet_plichtig=NOT_OBLIGED_NO,
    voldaan=Reason(
        "Not applicable: the obligation has been met (see 'obligation met on').",
        "Niet van toepassing: aan de inburgeringsplicht is voldaan (zie 'plicht voldaan op').",
        leeg="nvt",
    ),
    geen_b1=_NOT_B1,
    geen_a2=Reason(
        "Not possible: the learnability test did not indicate A2 (art. 14.3).",
        "Niet mogelijk: de leerbaarheidstoets gaf geen A2 aan (art. 14.3).",
    ),
    plicht_onbekend=Reason(
        "Unknown: whether the person must integrate is not known (see 'Must integrate'); only the obliged may have the level lowered at the PIP (W 17.3).",
        "Onbekend: of de persoon moet inburgeren, is niet bekend (zie 'Moet inburgeren'); alleen wie moet inburgeren, kan bij het PIP een lager niveau krijgen (art. 17.3).",
    ),
    onbekend=Reason(
        "Unknown: the route, or the result of the learnability test, is missing.",
        "Onbekend: de leerroute of de uitkomst van de leerbaarheidstoets ontbreekt.",
    ),
    mogelijk=Reason(
        "Possible: under this scenario the PIP takes over the learnability test's A2 and sets the B1-route's language "
        "level at A2 from the start (VWN's proposal; art. 14.3, 17.3).",
        "Mogelijk: in dit scenario neemt het PIP de A2 van de leerbaarheidstoets over en zet het taalniveau in de "
        "B1-route meteen op A2 (voorstel VWN; art. 14.3, 17.3).",
    ),
)


@rule("afschalingBijPip")
def afschaling_bij_pip(ctx: Context) -> Outcome:
    """Whether the PIP may set the B1-route's language level at A2 from the start (a proposal).

    Under the law it may not: afschaling comes after the hours and efforts of Besluit 5.5 (see
    ``afschalingMogelijk``). VWN asks that a learnability test (art. 14.3) indicating A2 be
    taken over in the PIP (``afschaling.lbt_a2_in_pip``); the input ``leerbaarheidstoetsA2``
    says whether it did.
    """
    n = len(ctx)
    # the rules of the PIP's day (a PIP set before the reform stays as it was; a review), or of the
    # peildatum for a PIP still to come
    pip = ctx.col("datumPip")
    on = np.where(np.isnat(pip), ctx.peildatum, pip)
    switch = ctx.params["afschaling.lbt_a2_in_pip"].values_at(on) > 0
    if not switch.any():
        return Outcome(
            "afschalingBijPip",
            "tri",
            np.full(n, FALSE, np.int8),
            _BIJ_PIP.fill(n, "geen_voorstel"),
            _BIJ_PIP,
            cite("W 17.3", "B 5.5"),
        )
    obliged, b1, lbt = _obliged(ctx), _b1(ctx), ctx.col("leerbaarheidstoetsA2")
    voldaan = ctx.get("plichtVoldaanOp")
    met = ~np.isnat(voldaan.value)
    base = t_and(tri(switch), obliged, b1, lbt)
    open_ = met_is_open(voldaan) & (base != FALSE)  # maybe met already: open (a review)
    value = np.where(met, FALSE, np.where(open_, UNKNOWN, base)).astype(np.int8)
    reason = _BIJ_PIP.select(
        [
            (~switch, "geen_voorstel"),
            (obliged == FALSE, "niet_plichtig"),
            (met, "voldaan"),
            (open_, "voldaan_onbekend"),
            (b1 == FALSE, "geen_b1"),
            (lbt == FALSE, "geen_a2"),
            ((value == UNKNOWN) & (obliged == UNKNOWN), "plicht_onbekend"),
            (value == UNKNOWN, "onbekend"),
        ],
        default="mogelijk",
    )
    return Outcome("afschalingBijPip", "tri", value, reason, _BIJ_PIP, cite("W 14.3", "W 17.3"))
