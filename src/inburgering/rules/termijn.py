"""Deadlines: the PIP, the 3-year term and route changes (extension: rules/verlenging.py).

Sources: Besluit 5.3 (PIP), art. 11 (term), Besluit 5.4 (route change).

Date conventions (decision 0007, all in :mod:`inburgering.dates`): ``startTermijn`` is the day
after the PIP's date; a period of N months that begins on it ends on the day before the day with
its number N months later, or on that month's last day when there is no such day
(:func:`~inburgering.dates.period_end`). So ``eindeTermijn`` is the last day of 36 months plus the
extension months from the term's start, and the route-change window is its first 18 months. Only the PIP's
10-week deadline is a term the Algemene termijnenwet moves past a weekend or holiday.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.codes import Leerroute
from inburgering.dates import NAT, MonthIndex, add_days, atw_end
from inburgering.law.citations import Citation
from inburgering.law.parameters import ParameterSet
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.logic import TRUE
from inburgering.rules.plicht import age_dates, is_statushouder, not_obliged
from inburgering.rules.vergunningen import gaps_after

NOT_OBLIGED = Reason(
    "Not applicable: the person does not have to integrate (see 'must integrate').",
    "Niet van toepassing: betrokkene hoeft niet in te burgeren (zie 'moet inburgeren').",
    leeg="nvt",
)
NOT_OBLIGED_NO = Reason(
    "No: the person does not have to integrate (see 'must integrate').",
    "Nee: betrokkene hoeft niet in te burgeren (zie 'moet inburgeren').",
)
"""For a yes/no answer: it is "no", and says why (a review found "no" beside "not applicable")."""


def _start_months(ctx: Context) -> MonthIndex:
    """The term's first days (the day after the PIP), decomposed once for the periods that begin on them."""
    result: MonthIndex = ctx.memo("months:startTermijn", lambda: MonthIndex(add_days(ctx.col("datumPip"), 1)))
    return result


def months_on(params: ParameterSet, path: str, pip: Any) -> np.ndarray:
    """Months of ``path`` in force on each PIP date, as integers: the one reading of the term's length.

    The term is set on the PIP's date (art. 11.1, 11.2), so a change of ``termijn.duur`` later does
    not move it; the rule (:func:`einde_termijn`) and the caseload import's check
    (:func:`term_end_bounds`) both read it here.
    """
    return params[path].values_at(np.asarray(pip, dtype="datetime64[D]")).astype(np.int64)


def _at_start(ctx: Context, path: str) -> np.ndarray:
    """Months of ``path`` in force on each person's PIP date (the day the term is set), as integers."""
    pip = ctx.col("datumPip")
    return months_on(ctx.params, path, np.where(np.isnat(pip), ctx.peildatum, pip))


_NO_PIP = Reason("Unknown: the PIP's date is missing.", "Onbekend: de dagtekening van het PIP ontbreekt.")


_NEW_OBLIGATION = Reason(
    "Unknown: within the term the listed permits have a gap of more than {termijn.max_onderbreking} months. If a "
    "renewal was pending, the residence stayed lawful and the obligation went on (Besluit 2.1 lid 1); if not, the "
    "gap ended the obligation the PIP was made for, and the later permit began a new one (art. 3.1, Besluit 2.1 "
    "lid 2) whose PIP is not given. The list does not say which.",
    "Onbekend: binnen de termijn hebben de opgegeven vergunningen een onderbreking van meer dan "
    "{termijn.max_onderbreking} maanden. Liep er een aanvraag tot verlenging, dan bleef het verblijf rechtmatig en "
    "liep de plicht door (Besluit 2.1 lid 1); zo niet, dan beëindigde de onderbreking de plicht waarvoor het PIP "
    "gold en begon de latere vergunning een nieuwe (art. 3.1, Besluit 2.1 lid 2), waarvan het PIP niet is "
    "opgegeven. De lijst zegt niet welke.",
)
_GAP = Reason(
    "Unknown: within the term the listed permits have a gap of at most {termijn.max_onderbreking} months. Away "
    "from the Netherlands or on a temporary stay, the term is longer by the gap (Besluit 4.2, 2.1 lid 2); with a "
    "renewal pending, it is not (lid 1). The list does not say which: the term ends on the day without the gap or "
    "as much later as the gap lasted.",
    "Onbekend: binnen de termijn hebben de opgegeven vergunningen een onderbreking van ten hoogste "
    "{termijn.max_onderbreking} maanden. Was betrokkene buiten Nederland of met een tijdelijk doel hier, dan is de "
    "termijn zoveel langer (Besluit 4.2, 2.1 lid 2); liep er een aanvraag tot verlenging, dan niet (lid 1). De "
    "lijst zegt niet welke: de termijn eindigt op de dag zonder de onderbreking of zoveel later als zij duurde.",
)


def _term_end_without_gaps(ctx: Context) -> np.ndarray:
    """The term's last day as the PIP, its length in force then and the extensions give it (memoised)."""

    def compute() -> np.ndarray:
        months = _at_start(ctx, "termijn.duur") + ctx.col("verlengingMaanden")
        return np.asarray(_start_months(ctx).period_end(months))

    result: np.ndarray = ctx.memo("term_end_without_gaps", compute)
    return result


def _gaps(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Gaps in the listed permits within the term, begun by the peildatum: (a short one, a long one) (memoised)."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        return gaps_after(ctx, ctx.col("datumPip"), _term_end_without_gaps(ctx))

    result: tuple[np.ndarray, np.ndarray] = ctx.memo("gaps_in_term", compute)
    return result


def date_outcome(
    ctx: Context,
    name: str,
    value: np.ndarray,
    done: Reason,
    articles: tuple[Citation, ...],
    short_gap: bool = False,
    instead: tuple[np.ndarray, Reason] | None = None,
) -> Outcome:
    """A date that follows from the PIP's date: null for persons who need not integrate or lack a PIP.

    Also null where the listed permits have a gap within the term: a long one may have ended the
    obligation the PIP was made for, a short one lengthens the term only for some reasons (Besluit
    2.1, 4.2; ``short_gap``: the output depends on the term's length). The list does not say why,
    so the answer is unknown, with both readings in its reason (a legal review). ``instead``: the
    persons (boolean) whose date comes with another reason, and that reason.
    """
    reasons = {
        "niet_plichtig": NOT_OBLIGED,
        "geen_pip": _NO_PIP,
        "nieuwe_plicht": _NEW_OBLIGATION,
        "onderbreking": _GAP,
        "datum": done,
    }
    if instead is not None:
        reasons["anders"] = instead[1]
    table = Reasons.of(**reasons)
    skip = not_obliged(ctx)
    short, long_ = _gaps(ctx)
    short = short & short_gap
    other = [(instead[0], "anders")] if instead is not None else []
    reason = table.select(
        [
            (skip, "niet_plichtig"),
            (long_, "nieuwe_plicht"),
            (short, "onderbreking"),
            (np.isnat(value), "geen_pip"),
            *other,
        ],
        default="datum",
    )
    return Outcome(name, "date", np.where(skip | long_ | short, NAT, value), reason, table, articles)


_PIP = Reasons.of(
    niet_plichtig=NOT_OBLIGED,
    geen_kennisgeving=Reason(
        "Unknown: DUO's notice date is missing.",
        "Onbekend: de datum van de kennisgeving van DUO ontbreekt.",
    ),
    na_kennisgeving=Reason(
        "{pip.deadline_weken} weeks after DUO's notice, moved on to the next working day when that falls on a "
        "weekend or public holiday (Besluit 5.3 lid 1, Algemene termijnenwet art. 1 and 5).",
        "{pip.deadline_weken} weken na de kennisgeving van DUO, naar de eerstvolgende werkdag als die dag in een "
        "weekend of op een feestdag valt (Besluit 5.3 lid 1, Algemene termijnenwet art. 1 en 5).",
    ),
    na_brp=Reason(
        "{pip.deadline_weken} weeks after BRP registration in the municipality that houses the status holder, which "
        "came after DUO's notice; moved on to the next working day when that falls on a weekend or public holiday "
        "(Besluit 5.3 lid 1, Algemene termijnenwet art. 1 and 5).",
        "{pip.deadline_weken} weken na inschrijving in de BRP van de gemeente die de statushouder huisvest; die "
        "inschrijving kwam na de kennisgeving van DUO. Valt die dag in een weekend of op een feestdag, dan de "
        "eerstvolgende werkdag (Besluit 5.3 lid 1, Algemene termijnenwet art. 1 en 5).",
    ),
    voor_18=Reason(
        "Not yet known: DUO's notice (or the registration) came while the person was exempt as a minor (art. "
        "4.1.c, until {vrijstelling.kwalificatieplicht_tot_leeftijd}); the {pip.deadline_weken} weeks run from the "
        "notice DUO sends when the exemption ends (Besluit 5.3 lid 1), and that notice is not given.",
        "Nog niet bekend: de kennisgeving van DUO (of de inschrijving) kwam toen betrokkene als minderjarige was "
        "vrijgesteld (art. 4.1.c, tot {vrijstelling.kwalificatieplicht_tot_leeftijd} jaar); de {pip.deadline_weken} "
        "weken lopen vanaf de kennisgeving die DUO stuurt als de vrijstelling eindigt (Besluit 5.3 lid 1), en die is "
        "niet opgegeven.",
    ),
    na_brp_of_verhuizing=Reason(
        "{pip.deadline_weken} weeks after the registration in this municipality: a status holder's first housing "
        "here after a registration elsewhere (in COA: Besluit 5.3 lid 1), or a move here before a PIP was adopted "
        "(lid 3, read for a plan not yet adopted), gives the same day; moved on to the next working day when that "
        "falls on a weekend or public holiday (Algemene termijnenwet art. 1 and 5).",
        "{pip.deadline_weken} weken na inschrijving in deze gemeente: de eerste huisvesting van een statushouder "
        "hier na een inschrijving elders (in het COA: Besluit 5.3 lid 1), of een verhuizing hierheen voordat een "
        "PIP was vastgesteld (lid 3, gelezen voor een plan dat nog niet was vastgesteld), geeft dezelfde dag. Valt "
        "die dag in een weekend of op een feestdag, dan de eerstvolgende werkdag (Algemene termijnenwet art. 1 en 5).",
    ),
    na_verhuizing=Reason(
        "{pip.deadline_weken} weeks after registration in this municipality, to which the person moved before a PIP "
        "was adopted: the new college adopts the plan (Besluit 5.3 lid 3, read for a plan not yet adopted; without "
        "it, lid 1's 10 weeks from DUO's notice would hold); moved on to the next working day when that falls on a "
        "weekend or public holiday (Algemene termijnenwet art. 1 and 5).",
        "{pip.deadline_weken} weken na inschrijving in deze gemeente, waarheen betrokkene verhuisde voordat een PIP "
        "was vastgesteld: het college van de nieuwe gemeente stelt het plan vast (Besluit 5.3 lid 3, gelezen voor een "
        "plan dat nog niet was vastgesteld; anders golden de 10 weken na de kennisgeving van DUO van lid 1). Valt die "
        "dag in een weekend of op een feestdag, dan de eerstvolgende werkdag (Algemene termijnenwet art. 1 en 5).",
    ),
    niet_ingeschreven=Reason(
        "Not yet known: a status holder who is not registered in the BRP of the municipality that houses them has "
        "{pip.deadline_weken} weeks from that registration (Besluit 5.3 lid 1), and no registration date "
        "is given.",
        "Nog niet bekend: een statushouder die nog niet is ingeschreven in de BRP van de gemeente die hem of haar "
        "huisvest, heeft {pip.deadline_weken} weken vanaf die inschrijving (Besluit 5.3 lid 1), en er is geen datum "
        "van inschrijving opgegeven.",
    ),
)


@rule("deadlinePip")
def deadline_pip(ctx: Context) -> Outcome:
    """Ten weeks after DUO's notice, or after BRP registration in the housing municipality when later.

    After a move before any PIP (a first registration elsewhere, ``datumEersteInschrijvingBrp``,
    and the registration here after the notice), ten weeks from the registration here (lid 3).

    The later start is for those the municipality houses under Huisvestingswet 2014 art. 28
    (B 5.3 lid 1, second sentence): status holders and the family who join them. For them the
    deadline is not known until they are registered there; an unknown registration date gives
    ``null``, not "notice + 10 weeks". A family or other migrant who registers after the notice
    still has 10 weeks from the notice. The 10 weeks are an AMvB term the Algemene
    termijnenwet covers (art. 4 a, 5), so a deadline on a weekend or holiday moves on.
    """
    notice = ctx.col("datumKennisgeving")
    brp = ctx.col("datumInschrijvingBrp")
    housed = is_statushouder(ctx) == TRUE
    from_brp = housed & ~np.isnat(notice) & ~np.isnat(brp) & (brp > notice)
    unregistered = housed & ~np.isnat(notice) & np.isnat(brp)
    # lid 3: whoever moved here (registered here after a first registration elsewhere) after the notice
    # and before a PIP has 10 weeks from the registration here (a municipal review found the first
    # municipality's deadline kept)
    first = ctx.col("datumEersteInschrijvingBrp")
    moved = ~np.isnat(first) & ~np.isnat(brp) & (brp > first) & ~np.isnat(notice) & (brp > notice)
    moved &= ~(ctx.col("datumPip") < brp)  # a PIP adopted before the move: lid 3 does not apply (a review)
    counted_from = np.where(from_brp | moved, brp, notice)
    days = add_days(counted_from, 7 * ctx.p("pip.deadline_weken"))
    # a notice from before the exemption of art. 4.1.c ended: the 10 weeks cannot have started before the
    # obligation did (a review found a deadline 40 days before the 18th birthday); DUO's later notice counts
    minor = ~np.isnat(counted_from) & (counted_from < age_dates(ctx)["dag18"])
    skip = not_obliged(ctx)
    reason = _PIP.select(
        [
            (skip, "niet_plichtig"),
            (np.isnat(notice), "geen_kennisgeving"),
            (unregistered, "niet_ingeschreven"),
            (minor, "voor_18"),
            # a status holder's first registration elsewhere may be in COA (lid 1's second sentence: a legal
            # tester found lid 3 named) or a first housing before a move (lid 3: the review of the day's change
            # found that one named lid 1); the inputs do not tell them apart, and the day is the same
            (from_brp & moved, "na_brp_of_verhuizing"),
            (from_brp, "na_brp"),
            (moved, "na_verhuizing"),
        ],
        default="na_kennisgeving",
    )
    value = np.where(skip | unregistered | minor, NAT, atw_end(days))
    return Outcome("deadlinePip", "date", value, reason, _PIP, cite("B 5.3", "W 15.5", "W 13.1"))


@rule("startTermijn")
def start_termijn(ctx: Context) -> Outcome:
    """The day after the PIP's date (art. 11.2)."""
    return date_outcome(
        ctx,
        "startTermijn",
        add_days(ctx.col("datumPip"), 1),
        Reason(
            "The term starts on the day after the PIP's date (art. 11.2).",
            "De termijn begint op de dag na de dagtekening van het PIP (art. 11.2).",
        ),
        cite("W 11.2", "W 11.3"),
    )


@rule("eindeTermijn")
def einde_termijn(ctx: Context) -> Outcome:
    """Last day of the term, extension included (art. 11.1, 12.1), van datum tot datum from the PIP's date.

    The term's length is the one in force when it began (the PIP's date): a later change of
    ``termijn.duur`` applies to terms that begin after it, not to running ones (art. 11.1, 11.2; no
    retroactive obligation, art. 3.3). A review found a user's longer term, read on the peildatum,
    bring an expired term back to life and move a running term's end with the day asked.
    """
    return date_outcome(
        ctx,
        "eindeTermijn",
        _term_end_without_gaps(ctx),
        Reason(
            "Last day of the term: the term's length in force on the PIP's date ({termijn.duur} months under the rules "
            "of the peildatum) from the day after that date, plus any extension granted (art. 11.1, 11.2, 12.1). "
            "The Algemene termijnenwet does not move a term of years (its art. 4 a).",
            "Laatste dag van de termijn: de termijnduur die gold op de dagtekening van het PIP ({termijn.duur} maanden "
            "volgens de regels van de peildatum) vanaf de dag daarna, plus een verleende verlenging (art. 11.1, 11.2, "
            "12.1). De Algemene termijnenwet verschuift een termijn in jaren niet (haar art. 4 a).",
        ),
        cite("W 11.1", "W 11.2", "W 12.1", "B 4.2", "B 2.1"),
        short_gap=True,
    )


@rule("laatsteDagRoutewijziging")
def laatste_dag_routewijziging(ctx: Context) -> Outcome:
    """Last day the college may change the route: the term's first 18 months (Besluit 5.4 lid 1).

    From the onderwijsroute a change to the B1-route stays possible to the term's end where
    ``leerroute.onderwijs_naar_b1_altijd`` says so: for a person in that route the reason says it
    first (a legal review found a counsellor reading the date alone as the end of that switch too).
    """
    always = bool(ctx.p("leerroute.onderwijs_naar_b1_altijd"))  # the rules of the day a change is asked
    onderwijs = always & (ctx.col("leerroute") == int(Leerroute.ONDERWIJS))
    return date_outcome(
        ctx,
        "laatsteDagRoutewijziging",
        _start_months(ctx).period_end(_at_start(ctx, "leerroute.wijzigingstermijn")),
        Reason(
            "The college may change the route within the window in force on the PIP's date "
            "({leerroute.wijzigingstermijn} months under the rules of the peildatum) from the term's start; from the "
            "onderwijsroute to the B1-route it may do so throughout (Besluit 5.4 lid 1). Later too when a "
            "non-exempting education ends after this day (lid 2), and in special cases (lid 3).",
            "Het college mag de leerroute wijzigen binnen de periode die gold op de dagtekening van het PIP "
            "({leerroute.wijzigingstermijn} maanden volgens de regels van de peildatum) vanaf de start van de "
            "termijn; van de onderwijsroute naar de B1-route mag dat de hele termijn (Besluit 5.4 lid 1). Ook later "
            "als een niet-vrijstellende opleiding na deze dag eindigt (lid 2), en in bijzondere gevallen (lid 3).",
        ),
        cite("W 17.2", "B 5.4"),
        instead=(
            onderwijs,
            Reason(
                "The last day for any other change (the window in force on the PIP's date; "
                "{leerroute.wijzigingstermijn} months under the rules of the peildatum). From the onderwijsroute, "
                "this person's route, a change to the B1-route stays possible to the end of the term (see 'end of "
                "the term'; Besluit 5.4 lid 1). Later changes too when a non-exempting education ends after this "
                "day (lid 2), and in special cases (lid 3).",
                "De laatste dag voor elke andere wijziging (de periode die gold op de dagtekening van het PIP; "
                "{leerroute.wijzigingstermijn} maanden volgens de regels van de peildatum). Vanuit de onderwijsroute, "
                "de route van betrokkene, blijft een overstap naar de B1-route mogelijk tot het einde van de termijn "
                "(zie 'einde termijn'; Besluit 5.4 lid 1). Ook later als een niet-vrijstellende opleiding na deze dag "
                "eindigt (lid 2), en in bijzondere gevallen (lid 3).",
            ),
        ),
    )


def route_change_allowed(
    params: ParameterSet, date: Any, route: np.ndarray, new_route: np.ndarray, window_end: np.ndarray
) -> np.ndarray:
    """Whether the college may change each route to ``new_route`` on ``date`` (art. 17.2, Besluit 5.4 lid 1).

    Within the window (``laatsteDagRoutewijziging``) any change; after it, only from the
    onderwijsroute to the B1-route, where ``leerroute.onderwijs_naar_b1_altijd`` says so.
    """
    in_window = window_end >= np.datetime64(date, "D")
    always = bool(params.value("leerroute.onderwijs_naar_b1_altijd", date))
    exception = always & (route == int(Leerroute.ONDERWIJS)) & (new_route == int(Leerroute.B1))
    return np.asarray(in_window | exception)


def term_end_bounds(
    params: ParameterSet, start_termijn: Any, extension_months: Any = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The earliest and latest last day of a term beginning on ``start_termijn``, as the law allows.

    For checking term dates a file states (the caseload import): the term lasts ``termijn.duur``
    months from the day after the PIP (art. 11.1, 11.2), read on the PIP's date as
    :func:`einde_termijn` reads it; extensions only add (``extension_months``, art. 12), and a gap
    in the residence lengthens it by at most ``termijn.max_onderbreking`` months (Besluit 4.2).
    Returns (earliest, latest, the term's months, the gap's months), one per start.
    """
    start = np.asarray(start_termijn, dtype="datetime64[D]")
    pip = add_days(start, -1)
    months = months_on(params, "termijn.duur", pip)
    gap = months_on(params, "termijn.max_onderbreking", pip)
    first = MonthIndex(start)
    extra = np.asarray(extension_months, dtype=np.int64)
    return np.asarray(first.period_end(months)), np.asarray(first.period_end(months + extra + gap)), months, gap
