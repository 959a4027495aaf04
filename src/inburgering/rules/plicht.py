"""Who must integrate: inburgeringsplicht (art. 3); vrijstelling (art. 4) and ontheffing (art. 5) are in :mod:`inburgering.rules.vrijstelling`.

``inburgeringsplichtig`` is art. 3 on the peildatum: lawful residence for a non-temporary
purpose (Vw 8 a or c), aged 16 or more and below the AOW age, not an EU/EEA/Swiss national nor
a Briton here from before 2021 (art. 3.2.a, d).
Whoever became obliged before 1 January 2022 stays under the old Wet inburgering (art. 54.1)
and is reported as not obliged under this Act. ``vrijgesteld`` and ``ontheven`` are decisions
on what the person has shown; a ground that is not stated counts as not shown.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from inburgering.codes import Verblijfsdoel
from inburgering.dates import MonthIndex, nat_max
from inburgering.law.parameters import ParameterSet
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.dated import first_day_reaching
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, t_not
from inburgering.rules.vergunningen import (
    between_permits,
    listed_before,
    permanent_from_the_start,
    permits_lapsed,
    resumed_after_long_gap,
)

# plain ints: numpy compares an array with an IntEnum member about 5x slower than with an int (issue #20)
ASIEL, GEZIN, OVERIG, TIJDELIJK = (int(code) for code in Verblijfsdoel)


class _AgeDates:
    """The days a person turns 16 and 18 and reaches the AOW age, each computed (and traced) on first use."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def __getitem__(self, key: str) -> np.ndarray:
        ctx = self.ctx
        if key == "dag16":
            result: np.ndarray = ctx.memo(
                "dag16", lambda: ctx.months("geboortedatum").reaching(12 * ctx.p("plicht.minimumleeftijd"))
            )
        elif key == "dag18":
            result = ctx.memo(
                "dag18",
                lambda: ctx.months("geboortedatum").reaching(
                    12 * ctx.p("vrijstelling.kwalificatieplicht_tot_leeftijd")
                ),
            )
        else:
            result = ctx.memo("aowDatum", lambda: aow_datum(ctx.params, ctx.months("geboortedatum")))
        return result


def aow_datum(params: ParameterSet, born: MonthIndex | np.ndarray) -> np.ndarray:
    """The day each person reaches the AOW age in force on that day (art. 3.1: obliged only below it).

    The AOW age is dated by the year it is reached (``plicht.aow_leeftijd``), so the day is the
    first on which the age then in force is reached. The one place that computes it: the rules,
    the engine's schedule, the working ages, the execution costs and the caseload ask here.

    >>> from inburgering.law.parameters import load_parameters
    >>> born = np.array(["1960-12-15", "1961-01-15"], dtype="datetime64[D]")
    >>> [str(x) for x in aow_datum(load_parameters(), born)]
    ['2027-12-15', '2028-04-15']
    """
    index = born if isinstance(born, MonthIndex) else MonthIndex(born)
    return np.asarray(first_day_reaching(None, params, "plicht.aow_leeftijd", index=index, age=True))


def age_dates(ctx: Context) -> _AgeDates:
    """The days a person turns 16 and 18 and reaches the AOW age (dated by year reached): ``["dag16"]`` etc."""
    return _AgeDates(ctx)


def _in_codes(column: np.ndarray, codes: list[str]) -> np.ndarray:
    """``np.isin`` for two-letter codes, compared as 8-byte integers in a sorted table.

    Why not ``np.isin``: numpy 2.4's is about seven times slower on the few hundred persons the
    simulation asks about at a time, and this runs in every "must integrate" (issue #20).

    >>> _in_codes(np.array(["SY", "DE", "", "NL"]), ["NL", "BE", "DE"]).tolist()
    [False, True, False, True]
    """
    col = np.ascontiguousarray(column, dtype="U2").view(np.int64)
    table = _code_table(tuple(codes))
    at = np.searchsorted(table, col)
    at[at == len(table)] = 0
    return np.asarray(table[at] == col) if len(table) else np.zeros(col.shape, bool)


@lru_cache(maxsize=64)
def _code_table(codes: tuple[str, ...]) -> np.ndarray:
    table = np.unique(np.array(codes, dtype="U2").view(np.int64))
    table.flags.writeable = False  # shared by every evaluation
    return table


def is_statushouder(ctx: Context) -> np.ndarray:
    """Tri-state: asylum permit holder, or family reunion with one (art. 13.1).

    The family link is a ground the person must show, like every other ground here: a family
    migrant whose ``gezinVanStatushouder`` is not given counts as not shown (``FALSE``), not as
    unknown. Only a missing ``verblijfsdoel`` (a required input) could leave this unknown.
    """
    return statushouder_mask(ctx.col("verblijfsdoel"), ctx.col("gezinVanStatushouder"))


def not_obliged(ctx: Context) -> np.ndarray:
    """Boolean: known never to have had to integrate under this Act (every deadline is then not applicable).

    Read before the obligation is met: the term and its deadlines of someone who met it stay
    what they were (``moetInburgeren`` alone turns false on the day it was met).
    """
    return np.asarray(obligation(ctx)[0] == FALSE)


def never_obliged(ctx: Context) -> np.ndarray:
    """Boolean: never obliged under any Wet inburgering, whatever the date.

    An EU/EEA/Swiss national (art. 3.2.a) or a Briton here from before 2021 (art. 3.2.d), residence
    for a temporary purpose (art. 3.1.a, Besluit 2.2), a Turkish national living here from before this Act (:func:`association_before`),
    or residence that began on a permit of indefinite duration (:func:`permanent_from_the_start`).

    Unlike the AOW age or a later peildatum, these grounds do not end an obligation that was
    there: there never was one, so nothing can have been met (a review found "obligation met
    on" dated for an EU national who passed the exams).
    """
    result: np.ndarray = ctx.memo(
        "never_obliged",
        lambda: np.asarray(
            free_movement(ctx)
            | (ctx.col("verblijfsdoel") == TIJDELIJK)
            | association_before(ctx)
            | permanent_from_the_start(ctx)
        ),
    )
    return result


def is_eu(ctx: Context) -> np.ndarray:
    """Boolean: an EU, EEA or Swiss national (art. 3.2.a), memoised: two rules ask it."""
    result: np.ndarray = ctx.memo(
        "eu", lambda: _in_codes(ctx.col("nationaliteit"), ctx.p("plicht.uitgezonderde_nationaliteiten"))
    )
    return result


def withdrawal_agreement(ctx: Context) -> np.ndarray:
    """Boolean: a UK national residing here from before the Brexit transition's end (art. 3.2.d).

    The Withdrawal Agreement keeps the residence rights of UK nationals who lived here before
    2021 (art. 10, 13): a treaty under which they cannot be obliged. The old Act did not oblige
    them either (EU citizens then), so neither Act applies; a legal tester found a Briton resident
    since 2015 reported as under the old Act.
    """

    def compute() -> np.ndarray:
        national = _in_codes(ctx.col("nationaliteit"), ctx.p("plicht.terugtrekkingsakkoord_nationaliteiten"))
        cutoff = np.datetime64(ctx.p("plicht.terugtrekkingsakkoord_verblijf_voor"), "D")
        return np.asarray(national & (ctx.col("datumVerblijfsrecht") < cutoff))

    result: np.ndarray = ctx.memo("withdrawal_agreement", compute)
    return result


def free_movement(ctx: Context) -> np.ndarray:
    """Boolean: never obliged by nationality and its treaties (art. 3.2.a, 3.2.d): EU/EEA/Swiss, or UK from before 2021."""
    return np.asarray(is_eu(ctx) | withdrawal_agreement(ctx))


def obligation(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Tri-state: obliged, not exempt and not released (art. 3, 4, 5), with its reason codes (memoised).

    Whether the obligation has been met is not asked here (:mod:`inburgering.rules.voldaan` does,
    and asks this): ``moetInburgeren`` is this and "not met yet".
    """

    def compute() -> tuple[np.ndarray, np.ndarray]:
        obliged = ctx.get("inburgeringsplichtig")
        plicht = obliged.value
        vrij = ctx.get("vrijgesteld").value
        onth = ctx.get("ontheven").value
        value = t_and(plicht, t_not(vrij), t_not(onth))
        reason = MOET.select(
            [
                # from the reason "obliged" gave (a rule it uses), so the answer reads no inputs of its own
                ((plicht == FALSE) & obliged.has("wi2013"), "oude_wet"),
                (plicht == FALSE, "niet_plichtig"),
                (vrij == TRUE, "vrijgesteld"),
                (onth == TRUE, "ontheven"),
                ((value == UNKNOWN) & (plicht == TRUE) & (vrij == UNKNOWN), "vrijstelling_onbekend"),
                (value == UNKNOWN, "onbekend"),
            ],
            default="moet",
        )
        return value, reason

    result: tuple[np.ndarray, np.ndarray] = ctx.memo("obligation", compute)
    return result


def statushouder_mask(doel: np.ndarray, gezin_van_statushouder: np.ndarray) -> np.ndarray:
    """Tri-state art. 13.1 membership from the residence purpose and the (tri-state) family link.

    The one definition; the simulation passes its own columns through here rather than
    deriving "status holder" from its population groups.
    """
    shown = gezin_van_statushouder == TRUE
    return np.where(doel == ASIEL, TRUE, np.where((doel == GEZIN) & shown, TRUE, FALSE)).astype(np.int8)


_PLICHT = Reasons.of(
    eu=Reason(
        "EU, EEA or Swiss national: never obliged (art. 3.2.a).",
        "Onderdaan van de EU, EER of Zwitserland: nooit inburgeringsplichtig (art. 3.2.a).",
    ),
    tijdelijk=Reason(
        "Residence for a temporary purpose: not obliged (art. 3.1.a, Besluit 2.2).",
        "Verblijf met een tijdelijk doel: niet inburgeringsplichtig (art. 3.1.a, Besluit 2.2).",
    ),
    geen_verblijf=Reason(
        "No lawful residence on the peildatum (still in the asylum procedure, or the permit starts later); the "
        "obligation never arises retroactively (art. 3.1, 3.3).",
        "Geen rechtmatig verblijf op de peildatum (nog in de asielprocedure, of de vergunning begint later); de plicht "
        "ontstaat nooit met terugwerkende kracht (art. 3.1, 3.3).",
    ),
    te_jong=Reason(
        "Younger than {plicht.minimumleeftijd} on the peildatum (art. 3.1).",
        "Jonger dan {plicht.minimumleeftijd} jaar op de peildatum (art. 3.1).",
    ),
    aow=Reason(
        "AOW age reached on or before the peildatum (art. 3.1).",
        "AOW-leeftijd bereikt op of vóór de peildatum (art. 3.1).",
    ),
    wi2013=Reason(
        "Obliged before {plicht.ingangsdatum_wet}: the old Wet inburgering still applies (art. 54.1).",
        "Al inburgeringsplichtig vóór {plicht.ingangsdatum_wet}: de oude Wet inburgering blijft gelden (art. 54.1).",
    ),
    vergunning_eerder=Reason(
        "Unknown: a listed permit began before {plicht.ingangsdatum_wet}, while the lawful residence given "
        "(datumVerblijfsrecht) began after it. If the earlier permit was for a non-temporary purpose, the "
        "residence and the obligation began then, under the old Wet inburgering (art. 54.1), or for a Turkish "
        "national not at all (art. 3.3); if it was for a temporary purpose, the obligation arose with the later "
        "permit under this Act (art. 3.1, Besluit 2.2).",
        "Onbekend: een opgegeven vergunning begon vóór {plicht.ingangsdatum_wet}, terwijl het opgegeven rechtmatig "
        "verblijf (datumVerblijfsrecht) daarna begon. Was de eerdere vergunning voor een niet-tijdelijk doel, dan "
        "begonnen verblijf en plicht toen, onder de oude Wet inburgering (art. 54.1), of voor een Turkse onderdaan "
        "helemaal niet (art. 3.3); was zij voor een tijdelijk doel, dan ontstond de plicht met de latere vergunning "
        "onder deze wet (art. 3.1, Besluit 2.2).",
    ),
    associatie_onderbroken=Reason(
        "Unknown: a Turkish national with lawful residence from before {plicht.ingangsdatum_wet}, not obliged then, "
        "but the listed permits have a gap of more than {termijn.max_onderbreking} months before a permit begun "
        "after that day. If a renewal was pending, the residence ran on and this Act does not oblige retroactively "
        "(art. 3.3, Besluit 2.1 lid 1); if not, the later permit began lawful residence that obliges under this Act "
        "(art. 3.1). The list does not say which.",
        "Onbekend: een Turkse onderdaan met rechtmatig verblijf van vóór {plicht.ingangsdatum_wet}, toen niet "
        "verplicht, maar de opgegeven vergunningen hebben een onderbreking van meer dan {termijn.max_onderbreking} "
        "maanden vóór een vergunning die na die dag begon. Liep er een aanvraag tot verlenging, dan liep het "
        "verblijf door en verplicht deze wet niet met terugwerkende kracht (art. 3.3, Besluit 2.1 lid 1); zo niet, "
        "dan begon de latere vergunning rechtmatig verblijf dat onder deze wet verplicht (art. 3.1). De lijst zegt "
        "niet welke.",
    ),
    wi2013_onderbroken=Reason(
        "Unknown: obliged under the old Wet inburgering, but the listed permits have a gap of more than "
        "{termijn.max_onderbreking} months before a permit begun after {plicht.ingangsdatum_wet}. If a renewal was "
        "pending, the residence stayed lawful and the old Act still applies (Besluit 2.1 lid 1, art. 54.1); if not, "
        "the gap ended that obligation and the later permit began one under this Act (art. 3.1). The list does not "
        "say which.",
        "Onbekend: inburgeringsplichtig onder de oude Wet inburgering, maar de opgegeven vergunningen hebben een "
        "onderbreking van meer dan {termijn.max_onderbreking} maanden vóór een vergunning die na "
        "{plicht.ingangsdatum_wet} begon. Liep er een aanvraag tot verlenging, dan bleef het verblijf rechtmatig en "
        "geldt de oude wet nog (Besluit 2.1 lid 1, art. 54.1); zo niet, dan beëindigde de onderbreking die plicht "
        "en begon de latere vergunning een plicht onder deze wet (art. 3.1). De lijst zegt niet welke.",
    ),
    associatie=Reason(
        "Not obliged: a Turkish national with lawful residence from before {plicht.ingangsdatum_wet}, whom the old "
        "Wet inburgering did not oblige (the EEC-Turkey Association agreement) and this Act does not oblige "
        "retroactively (art. 3.3, 54.1).",
        "Niet inburgeringsplichtig: een Turkse onderdaan met rechtmatig verblijf van vóór {plicht.ingangsdatum_wet}, "
        "die de oude Wet inburgering niet verplichtte (Associatieovereenkomst EEG-Turkije) en deze wet niet met "
        "terugwerkende kracht verplicht (art. 3.3, 54.1).",
    ),
    onbekend=Reason(
        "Unknown: the date of lawful residence is missing.",
        "Onbekend: de datum van rechtmatig verblijf ontbreekt.",
    ),
    onbepaalde_tijd=Reason(
        "Not obliged: the lawful residence began on a permit of indefinite duration (Vw 2000 art. 8 b or d); the "
        "obligation arises with residence on a fixed-term permit (Vw 2000 art. 8 a or c, art. 3.1).",
        "Niet inburgeringsplichtig: het rechtmatig verblijf begon met een vergunning voor onbepaalde tijd (art. 8 b "
        "of d Vw 2000); de plicht ontstaat met verblijf op een vergunning voor bepaalde tijd (art. 8 a of c Vw 2000, "
        "art. 3.1).",
    ),
    vergunning_verlopen=Reason(
        "Unknown: every listed residence permit ended before the peildatum. The obligation lasts while the "
        "residence does; a renewal requested in time keeps it lawful (Vw 2000 art. 8 g, h; Besluit 2.1), and "
        "that is not given (art. 3.1).",
        "Onbekend: elke opgegeven verblijfsvergunning eindigde vóór de peildatum. De plicht duurt zolang het "
        "verblijf; een tijdig aangevraagde verlenging houdt dat rechtmatig (art. 8 g, h Vw 2000; Besluit 2.1), "
        "en die is niet opgegeven (art. 3.1).",
    ),
    tussen_vergunningen=Reason(
        "Unknown: on the peildatum no listed residence permit runs, between one that ended and one still to begin. "
        "Across a gap of at most a year the obligation lasts where the person was not registered here or stayed "
        "for a temporary purpose (Besluit 2.1 lid 2); a longer gap ends it, and the new permit starts a new one "
        "(art. 3.1).",
        "Onbekend: op de peildatum loopt geen opgegeven verblijfsvergunning, tussen een die eindigde en een die "
        "nog begint. Over een onderbreking van ten hoogste een jaar loopt de plicht door als betrokkene niet in "
        "de BRP stond of met een tijdelijk doel verbleef (Besluit 2.1 lid 2); een langere onderbreking beëindigt "
        "haar, en de nieuwe vergunning begint een nieuwe plicht (art. 3.1).",
    ),
    plichtig=Reason(
        "Obliged: lawful residence for a non-temporary purpose, aged {plicht.minimumleeftijd} or more and below the "
        "AOW age (art. 3.1).",
        "Inburgeringsplichtig: rechtmatig verblijf met een niet-tijdelijk doel, {plicht.minimumleeftijd} jaar of ouder "
        "en jonger dan de AOW-leeftijd (art. 3.1).",
    ),
    terugtrekkingsakkoord=Reason(
        "Never obliged: a UK national residing here from before {plicht.terugtrekkingsakkoord_verblijf_voor} keeps the "
        "residence rights of the Withdrawal Agreement (art. 10, 13 there), a treaty under which no integration "
        "obligation can be imposed (art. 3.2.d); the old Wet inburgering did not oblige EU citizens either.",
        "Nooit inburgeringsplichtig: een onderdaan van het Verenigd Koninkrijk die hier al vóór "
        "{plicht.terugtrekkingsakkoord_verblijf_voor} woonde, houdt de verblijfsrechten van het Terugtrekkingsakkoord "
        "(art. 10, 13 daarvan), een verdrag waaronder geen inburgeringsplicht kan worden opgelegd (art. 3.2.d); de "
        "oude Wet inburgering verplichtte EU-burgers evenmin.",
    ),
)


def under_old_act(ctx: Context) -> np.ndarray:
    """Boolean: the obligation arose before this Act's start, so the old Wet inburgering applies (art. 54.1).

    Read from the facts, not from ``inburgeringsplichtig``'s reason: that names only the first
    ground that applies, and someone of the AOW age now is "aow" there whichever Act they came under.

    The old Act applies only to those it applied to on the day before this Act's start (art. 54.1),
    and it did not apply to anyone still kwalificatieplichtig (Wi2013 art. 5 lid 1 d): a minor with
    a permit from before 2022 falls under this Act, exempt until
    ``vrijstelling.kwalificatieplicht_tot_leeftijd`` (art. 4.1.c; art. 54.3 maps the old Act's
    education exemption onto art. 4.1.d for the same reason). Hence the later of the permit and
    the 18th birthday, not the 16th.

    An adult exempt under the old Act on the day before this Act's start for following an education
    (Wi2013 art. 5 lid 1 e; input ``vrijstellingOpleidingWi2013``) is not in the old regime either:
    art. 54.3 counts that exemption as one under art. 4.1.d, which only this Act can hold, so when
    the education ends the person is obliged under this Act (a legal review found them kept under
    the old Act for good, and exempt under both Acts at once).
    """
    return np.asarray(_before_this_act(ctx) & ~from_wi2013_education(ctx))


def _before_this_act(ctx: Context) -> np.ndarray:
    """Boolean: obliged before this Act's start by the facts (the later of permit and 18th birthday).

    Not a Turkish national of then (the Association agreement), nor an EU, EEA or Swiss national or a
    Briton here before 2021, whom the old Act did not oblige either (a review found MB's reason saying
    "the old Act applies" to them).
    """

    def compute() -> np.ndarray:
        arose = nat_max(ctx.col("datumVerblijfsrecht"), age_dates(ctx)["dag18"])
        before = ~np.isnat(arose) & (arose < np.datetime64(ctx.p("plicht.ingangsdatum_wet"), "D"))
        return np.asarray(before & ~association_before(ctx) & ~free_movement(ctx))

    result: np.ndarray = ctx.memo("before_this_act", compute)
    return result


def from_wi2013_education(ctx: Context) -> np.ndarray:
    """Boolean: the old Act would hold them, but its education exemption brought them under this one (art. 54.3).

    The one test of that transfer: :func:`under_old_act` leaves them out of the old regime, and
    MB's start (:mod:`inburgering.rules.begeleiding`) is unknown for them, since the day the course
    ended is not an input.
    """
    return np.asarray(_before_this_act(ctx) & (ctx.col("vrijstellingOpleidingWi2013") == TRUE))


def association_before(ctx: Context) -> np.ndarray:
    """Boolean: a Turkish national with lawful residence from before this Act, whom neither Act obliges.

    The old Wet inburgering did not oblige Turkish nationals (the Association agreement's
    standstill), except asylum status holders with a permit from 1 May 2020
    (``plicht.associatie_asiel_wi2013_vanaf``); this Act obliges them from its start, but not
    retroactively (art. 3.3): whoever lived here with a permit before it never became obliged
    (Rijksoverheid, 17 November 2021). A review found them reported as under the old Act.
    """

    def compute() -> np.ndarray:
        permit = ctx.col("datumVerblijfsrecht")
        national = _in_codes(ctx.col("nationaliteit"), ctx.p("plicht.associatie_nationaliteiten"))
        before = permit < np.datetime64(ctx.p("plicht.ingangsdatum_wet"), "D")
        old_act = (ctx.col("verblijfsdoel") == ASIEL) & (
            permit >= np.datetime64(ctx.p("plicht.associatie_asiel_wi2013_vanaf"), "D")
        )
        return np.asarray(national & before & ~old_act)

    result: np.ndarray = ctx.memo("association_before", compute)
    return result


@rule("inburgeringsplichtig")
def inburgeringsplichtig(ctx: Context) -> Outcome:
    """Art. 3 on the peildatum."""
    peil = ctx.peildatum
    ages = age_dates(ctx)
    vr = ctx.col("datumVerblijfsrecht")
    doel = ctx.col("verblijfsdoel")
    eu = is_eu(ctx)
    in_procedure = np.isnat(vr) & (doel == ASIEL) & ~np.isnat(ctx.col("datumAsielaanvraag"))
    no_residence = in_procedure | (~np.isnat(vr) & (vr > peil))
    wi2013 = under_old_act(ctx)
    # back after a long gap, on a permit begun under this Act: the earlier residence may no longer count
    resumed = resumed_after_long_gap(ctx, ctx.p("plicht.ingangsdatum_wet"))
    reason = _PLICHT.select(
        [
            (eu, "eu"),
            (withdrawal_agreement(ctx), "terugtrekkingsakkoord"),
            (doel == TIJDELIJK, "tijdelijk"),
            (no_residence, "geen_verblijf"),
            (ages["dag16"] > peil, "te_jong"),
            (ages["aowDatum"] <= peil, "aow"),
            (listed_before(ctx, ctx.p("plicht.ingangsdatum_wet")), "vergunning_eerder"),
            (association_before(ctx) & resumed, "associatie_onderbroken"),
            (association_before(ctx), "associatie"),
            (wi2013 & resumed, "wi2013_onderbroken"),
            (wi2013, "wi2013"),
            (np.isnat(vr), "onbekend"),
            (permanent_from_the_start(ctx), "onbepaalde_tijd"),
            (permits_lapsed(ctx), "vergunning_verlopen"),
            (between_permits(ctx), "tussen_vergunningen"),
        ],
        default="plichtig",
    )
    value = np.where(reason == _PLICHT.code("plichtig"), TRUE, FALSE)
    unclear = (
        "onbekend",
        "vergunning_verlopen",
        "tussen_vergunningen",
        "wi2013_onderbroken",
        "associatie_onderbroken",
        "vergunning_eerder",
    )
    unknown = np.isin(reason, [_PLICHT.code(k) for k in unclear])
    value = np.where(unknown, UNKNOWN, value).astype(np.int8)
    return Outcome(
        "inburgeringsplichtig",
        "tri",
        value,
        reason,
        _PLICHT,
        cite("W 3.1", "W 3.1.a", "W 3.2.a", "W 3.2.d", "W 3.3", "W 54.1"),
    )


MOET = Reasons.of(
    niet_plichtig=Reason(
        "Not obliged under this Act (see 'obliged to integrate').",
        "Niet inburgeringsplichtig onder deze wet (zie 'inburgeringsplichtig').",
    ),
    vrijgesteld=Reason(
        "Obliged but exempt (see 'exempt').", "Inburgeringsplichtig maar vrijgesteld (zie 'vrijgesteld')."
    ),
    ontheven=Reason("Obliged but released (see 'released').", "Inburgeringsplichtig maar ontheven (zie 'ontheven')."),
    onbekend=Reason(
        "Unknown: whether the person is obliged is unknown.",
        "Onbekend: of betrokkene inburgeringsplichtig is, is onbekend.",
    ),
    vrijstelling_onbekend=Reason(
        "Unknown: obliged, but whether the person is exempt is unknown (see 'exempt').",
        "Onbekend: inburgeringsplichtig, maar of betrokkene is vrijgesteld, is onbekend (zie 'vrijgesteld').",
    ),
    moet=Reason(
        "Must integrate: obliged, not exempt, not released and not yet met (art. 3, 4, 5, 6.1).",
        "Moet inburgeren: inburgeringsplichtig, niet vrijgesteld, niet ontheven en nog niet voldaan (art. 3, 4, 5, "
        "6.1).",
    ),
    voldaan_onbekend=Reason(
        "Unknown: obliged, but whether the obligation has been met is unknown (see 'obligation met on').",
        "Onbekend: inburgeringsplichtig, maar of aan de plicht is voldaan, is onbekend (zie 'plicht voldaan op').",
    ),
    voldaan=Reason(
        "No longer: the obligation has been met (see 'obligation met on'; art. 6.1, 6.2).",
        "Niet meer: aan de inburgeringsplicht is voldaan (zie 'plicht voldaan op'; art. 6.1, 6.2).",
    ),
    oude_wet=Reason(
        "Not under this Act: the old Wet inburgering (Wi2013) still applies (art. 54.1); whether and how that Act "
        "obliges the person is not computed here.",
        "Niet onder deze wet: de oude Wet inburgering (Wi2013) blijft gelden (art. 54.1); of en hoe die wet "
        "betrokkene verplicht, wordt hier niet berekend.",
    ),
)
