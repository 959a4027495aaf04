"""Naturalisation (Rijkswet op het Nederlanderschap art. 8.1): the earliest date and what is missing.

``naturalisatieVroegst`` is the earliest day on which the conditions of the rules in force that
day are met: meerderjarig (art. 8.1.a: 18), the residence years counted from the start of lawful
residence (art. 8.1.c; ``datumVerblijfsrecht``, or for an asylum permit the asylum application
it takes effect from, Vw 2000 art. 44.2), the number of temporary permits held (where a
scenario asks for it) and the integration requirement (art. 8.1.d). Time does the rest: a date
is given only when every condition that is not a matter of time — the integration requirement
and the listed permits — is met; otherwise it is ``null`` and ``naturalisatieOntbreekt`` says
what is missing under the rules that will apply once the time has come. A date ahead also lists
what the rules of the peildatum (or of a later request day) miss, so a date that waits for a
reform that counts what the person has done is explained, and "nothing missing" means the person
could ask on the peildatum, or on the request day given.

With a request day (``datumNaturalisatieverzoek``), the date is the earliest day on or after it:
a request is judged by the rules in force on the day it is made, so someone who met the rules of
an earlier day but asks only after a stricter rule came into force must meet the stricter one.
Without a request day the same holds for a day already past: it is given only while a request
made on the peildatum would be granted too; otherwise the date is the earliest from the
peildatum on, and what is missing is what the rules then in force ask.

The integration requirement is ``A2`` or ``B1`` (all four language components at that level
and KNM), or ``inburgering`` (VWN's proposal: the Wi2021 obligation met at the level of the route,
:mod:`inburgering.rules.voldaan`, or for whom the old Wet inburgering still applies, art. 54.1, its
exam, is *enough*; the A2 test asked today still counts, so it relaxes and never tightens). Only what the Besluit naturalisatietoets lists exempts from
it: a Dutch diploma (art. 3.1.b-c, the input ``vrijstellendDiploma``; the four language
components of this Act's B1 exam, the Staatsexamen NT2 programme I, are that diploma) and 8 years in the
Netherlands during the compulsory-school age (art. 3.1.j). An exemption from the Wi2021
obligation because of education or age, or an ontheffing under the Wi2021, does not by itself.
One input serves both Acts for each ground, a known simplification: the diplomas designated under
Wi2021 art. 4.1.b (Dutch-language education and the Staatsexamen NT2) are those BNT art. 3.1.b-c
lists, but a diploma on one list only cannot be told apart; and ``jarenLeerplichtNl`` counts the
years of compulsory schooling as BNT art. 3.1.j counts the years of compulsory-school age (by
reference to the old Wet inburgering art. 5.1.b).
Where the rules of a day have a hardship clause (``naturalisatie.hardheidsclausule``; the law in
force has one in Besluit naturalisatietoets art. 4), a person shown to be unable to meet the
language requirement (``aantoonbaarNietInStaatTaaleis``) does not need it. Such a person cannot
meet it later either, so a day whose rules ask them for a language level without a clause is
no candidate for them (unless they already met it). The Z-route's requirement under
``inburgering`` asks no language level.

Not modelled: art. 8.1.b (no objection to indefinite stay) and 8.1.e (the declaration), the
shorter terms of art. 8.2-5 (marriage, statelessness) and majority by marriage.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from inburgering.codes import TIJDELIJKE_VERGUNNINGEN, Vergunning
from inburgering.dates import NAT, MonthIndex
from inburgering.law.citations import Citation, parse_citation
from inburgering.rules.base import Context, Outcome, rule
from inburgering.rules.dated import earliest_candidate, segments
from inburgering.rules.examens import all_passed_on, level_code
from inburgering.rules.logic import TRUE
from inburgering.rules.naturalisatie_redenen import VROEGST
from inburgering.rules.plicht import ASIEL, TIJDELIJK, free_movement
from inburgering.rules.verblijf import is_suspended, stay_ends
from inburgering.rules.vergunningen import last_permit_end, permits_lapsed, residence_since
from inburgering.rules.voldaan import met_unknown, voldaan_op
from inburgering.rules.vrijstelling import jaren_leerplichtige_leeftijd

_PARAMS = (
    "naturalisatie.verblijfsjaren",
    "naturalisatie.min_tijdelijke_vergunningen",
    "naturalisatie.inburgeringsvereiste",
    "naturalisatie.hardheidsclausule",
)
_EARLY = np.datetime64("1900-01-01", "D")
_LATE = np.datetime64("9999-12-31", "D")


def _most_years(ctx: Context) -> int:
    """The most residence years any rules in the parameter set ask (a run of permits must last that long)."""
    return int(max(v.value for v in ctx.params["naturalisatie.verblijfsjaren"].values))


def _exempt_from_test(ctx: Context) -> np.ndarray:
    """Besluit naturalisatietoets art. 3.1: a Dutch diploma (b, c) or 8 years at school age in NL (j)."""
    leerplicht = jaren_leerplichtige_leeftijd(ctx) >= ctx.p("naturalisatie.jaren_leerplicht")
    return np.asarray((ctx.col("vrijstellendDiploma") == TRUE) | leerplicht)


def _integration_met_on(ctx: Context, requirement: str) -> np.ndarray:
    """Date the integration requirement was met (by the peildatum), else NaT (memoised)."""

    def compute() -> np.ndarray:
        if requirement in ("A2", "B1"):
            met = all_passed_on(ctx, level_code(requirement))
        else:
            # VWN: "wanneer voldaan is aan de eisen die gelden voor inburgering dit voldoende te achten"
            # and "geen B1-taaleis": meeting the obligation (for whom the old Act still applies,
            # art. 54.1, its exam: A2 and KNM, its ONA part not an input) is *enough*, next to the
            # A2 test that is asked today, not instead of it (a review found a B1-route learner with
            # A2 passed barred under the proposal that was meant to relax the requirement)
            met = np.fmin(voldaan_op(ctx)[0], all_passed_on(ctx, level_code("A2")))
        # the B1 exam of this Act is the Staatsexamen NT2 programme I (Besluit 3.5): its four language
        # components passed at B1 are that diploma, which exempts from the whole naturalisation test,
        # KNM included (Besluit naturalisatietoets art. 3.1.c; legal review)
        met = np.fmin(met, all_passed_on(ctx, level_code("B1"), language_only=True))
        return np.where(_exempt_from_test(ctx), _EARLY, met)

    result: np.ndarray = ctx.memo(f"integration_{requirement}", compute)
    return result


def toelating(verblijfsdoel: np.ndarray, permit: np.ndarray, application: np.ndarray) -> np.ndarray:
    """Start of lawful residence for naturalisation: an asylum permit takes effect from the application.

    Vw 2000 art. 44.2: the asylum permit is granted from the day the applicant met its
    conditions, not before the application was received; in practice from the application,
    so the months in the asylum procedure count towards the residence years.
    """
    earlier = (verblijfsdoel == ASIEL) & ~np.isnat(application) & (application < permit)
    return np.where(earlier, application, permit)


def _nth_temporary_permit(ctx: Context, n: int) -> np.ndarray:
    """Start date of the n-th listed temporary permit (by start date), NaT if fewer are listed (memoised per n)."""
    if n <= 0:
        return np.full(len(ctx), _EARLY)

    def compute() -> np.ndarray:
        who, begin, rank = ctx.memo("temporary_permits", lambda: _temporary_permits(ctx))
        out = np.full(len(ctx), NAT)
        pick = rank == n - 1
        out[who[pick]] = begin[pick]
        # a permanent permit meets the condition from its start: the coalition asks two temporary
        # permits of those who get no permanent one any more (refugees under the asylum bills), not
        # a bar for whoever holds a permanent permit (a review: a family migrant with one could
        # never naturalise); today's RWN art. 8.1 c asks a permanent permit or an asylum one
        out = np.fmin(out, ctx.memo("permanent_permit", lambda: _first_permanent_permit(ctx)))
        # an EU, EEA or Swiss national (or a Briton from before 2021) lives here without a permit (Vw 2000 art. 8 e): the condition
        # is one for permit holders, not a bar for them (a review found them never able to naturalise)
        return np.where(free_movement(ctx), _EARLY, out)

    result: np.ndarray = ctx.memo(f"temporary_permit_{n}", compute)
    return result


def _first_permanent_permit(ctx: Context) -> np.ndarray:
    """Start of the first listed permanent permit (asylum or regular), NaT if none is listed."""
    vg = ctx.table("verblijfsvergunningen")
    keep = np.zeros(len(vg["soort"]), bool)
    for kind in (Vergunning.ASIEL_ONBEPAALD, Vergunning.REGULIER_ONBEPAALD):
        keep |= vg["soort"] == kind
    out = np.full(len(ctx), np.iinfo(np.int64).max, np.int64)
    np.minimum.at(out, vg["persoon"][keep], vg["begin"][keep].view(np.int64))
    return np.where(out == np.iinfo(np.int64).max, NAT, out.view("datetime64[D]"))


def _temporary_permits(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The listed temporary permits by person and start date: (person, start, rank within the person)."""
    vg = ctx.table("verblijfsvergunningen")
    keep = np.zeros(len(vg["soort"]), bool)
    for kind in TIJDELIJKE_VERGUNNINGEN:  # two kinds: two comparisons beat numpy 2.4's np.isin
        keep |= vg["soort"] == kind
    who, begin = vg["persoon"][keep], vg["begin"][keep]
    order = np.lexsort((begin, who))
    who, begin = who[order], begin[order]
    return who, begin, np.arange(len(who)) - np.searchsorted(who, who, side="left")


def _segments(
    ctx: Context, residence_by: MonthIndex
) -> list[tuple[np.datetime64, np.datetime64, dict[str, np.ndarray]]]:
    """Per segment of rules in force: each condition's date (NaT: not met by the peildatum)."""
    rows = []
    unable = ctx.col("aantoonbaarNietInStaatTaaleis") == TRUE
    for start, end, v in segments(ctx.params, _PARAMS):
        requirement = v["naturalisatie.inburgeringsvereiste"]
        integration = _integration_met_on(ctx, requirement)
        # every requirement asks a language level (the 'inburgering' one at least A2 for whoever has
        # not met the obligation), so the hardship clause reaches whoever cannot, the Z-route too
        language = unable
        # the day the requirement itself is met (without the clause): a day before it rests on the clause
        own = integration
        if v["naturalisatie.hardheidsclausule"]:
            integration = np.where(language, _EARLY, integration)
        unknown = met_unknown(ctx) if requirement not in ("A2", "B1") else np.zeros(len(ctx), bool)
        conditions = {
            # complete the day after the years end: from 29 February, on 1 March (decision 0007; a legal review)
            "residence": residence_by.reaching(12 * v["naturalisatie.verblijfsjaren"]),
            "permits": _nth_temporary_permit(ctx, v["naturalisatie.min_tijdelijke_vergunningen"]),
            "integration": integration,
            "blocked": language & np.isnat(integration),
            "unknown": unknown & np.isnat(integration),  # the Wi2021 obligation: met or not, unknown
            # where the clause sets the requirement aside: met by the clause until the person's own day
            "by_clause_until": np.where(
                language & bool(v["naturalisatie.hardheidsclausule"]), np.where(np.isnat(own), _LATE, own), _EARLY
            ),
        }
        rows.append((start, end, conditions))
    return rows


def _stay_broken(ctx: Context) -> np.ndarray:
    """Boolean: the asylum application was rejected and the lawful stay ended before the permit came.

    The permit then came on appeal (counted from the application, Vw 2000 art. 44.2) or on a new
    application (counted from that one, not given): the residence years are counted from the
    permit, a bound, and the reason says so. A legal tester found the years counted from the
    rejected application, a definite day that might see a request refused (decision 0020).
    """

    def compute() -> np.ndarray:
        vr = ctx.col("datumVerblijfsrecht")
        rejected = ctx.col("datumAfwijzing")
        # the stay known to have lasted to the permit: suspended, and the suspension not ended before it
        # (an appeal that gave the permit); anything else, an unknown suspension included, may have broken it
        # (the review of the day's change found the bound given only where "no suspension" was entered)
        ended = stay_ends(ctx)
        lasted = (is_suspended(ctx) == TRUE) & (np.isnat(ended) | (ended >= vr))
        return np.asarray(~np.isnat(rejected) & (rejected < vr) & ~lasted)

    result: np.ndarray = ctx.memo("stay_broken", compute)  # the residence years and the reason both ask
    return result


@rule("naturalisatieVroegst")
def naturalisatie_vroegst(ctx: Context) -> Outcome:
    """Earliest naturalisation date under the rules in force on that date (see module docstring)."""
    vr = ctx.col("datumVerblijfsrecht")
    residence_by: MonthIndex = ctx.memo(
        "months:toelating",
        # after a gap in the listed permits the years count again from the new permit (RWN art. 8.1.c:
        # five years immediately before the request; a legal review found them counted through the gap)
        lambda: MonthIndex(
            np.fmax(
                np.where(
                    _stay_broken(ctx),
                    vr,
                    toelating(ctx.col("verblijfsdoel"), vr, ctx.col("datumAsielaanvraag")),
                ),
                residence_since(ctx, _most_years(ctx)),
            )
        ),
    )
    adult = ctx.months("geboortedatum").reaching(12 * ctx.p("naturalisatie.minimumleeftijd"))
    rows = _segments(ctx, residence_by)
    # a request is judged by the rules in force on its day: with a request day, nothing earlier counts
    request = ctx.col("datumNaturalisatieverzoek")

    def earliest(floor: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        time = [np.maximum(np.maximum(np.maximum(c["residence"], adult), start), floor) for start, _, c in rows]
        value = earliest_candidate(
            [
                (
                    np.maximum(np.maximum(t, c["permits"]), c["integration"]),
                    end,
                    ~np.isnat(c["permits"]) & ~np.isnat(c["integration"]),
                )
                for t, (_, end, c) in zip(time, rows, strict=True)
            ]
        )
        return value, time

    floor = np.where(np.isnat(request), _EARLY, request)
    # nobody requests before holding the permit, even where its residence counts from the application
    # (Vw 2000 art. 44.2: an asylum procedure of over five years); a review found days before the permit
    floor = np.where(~np.isnat(vr) & (vr > floor), vr, floor)
    value, time = earliest(floor)
    # a day already past counts only while a request made on the peildatum would still be granted:
    # once stricter rules are in force (a reform since that day), the request is judged by them, so
    # the date is the earliest from the peildatum on (legal review: a coalition-era "nothing missing")
    past = np.isnat(request) & (value < ctx.peildatum)
    if past.any():
        from_now, time_now = earliest(np.where(past, ctx.peildatum, floor))
        stale = past & (from_now != ctx.peildatum)
        if stale.any():
            floor = np.where(stale, ctx.peildatum, floor)
            value = np.where(stale, from_now, value)
            time = [np.where(stale, b, a) for a, b in zip(time, time_now, strict=True)]
    # what is missing: under the rules that apply on the date given, or else on the first day from the
    # peildatum on which time alone is done (rules that no longer apply do not count)
    not_before = ctx.peildatum + np.timedelta64(1, "D")
    time_only = earliest_candidate(
        [(np.maximum(t, not_before), end, True) for t, (_, end, _) in zip(time, rows, strict=True)]
    )
    when = np.where(np.isnat(value), time_only, value)
    n = len(ctx)
    missing = {key: np.zeros(n, bool) for key in ("residence", "integration", "permits", "never")}
    unknown = np.zeros(n, bool)
    for start, end, c in rows:
        here = ~np.isnat(when) & (when >= start) & (when < end)
        unknown |= here & c["unknown"]
        missing["residence"] |= here & (c["residence"] > ctx.peildatum)
        missing["integration"] |= here & np.isnat(c["integration"])
        missing["permits"] |= here & (np.isnat(c["permits"]) | (c["permits"] > ctx.peildatum))
        missing["never"] |= here & c["blocked"]
    missing["age"] = adult > ctx.peildatum
    # the permit itself still to come (its residence counted from the application, the day held back to
    # the permit): the lawful residence is what is missing today
    missing["residence"] |= ~np.isnat(when) & (vr > ctx.peildatum)
    _name_todays_gap(ctx, rows, when, floor, missing)
    temporary = ctx.col("verblijfsdoel") == TIJDELIJK
    # every listed permit ended: a date after the last one is unknown (a review found a date beside
    # "obliged: unknown"); a date while a permit still ran stands
    lapsed = permits_lapsed(ctx)
    if lapsed.any():
        lapsed &= ~(value <= last_permit_end(ctx))
    reason = VROEGST.select(
        [
            (temporary, "tijdelijk"),
            (np.isnat(vr), "onbekend"),
            (lapsed, "verblijf_verlopen"),
            (missing["never"] & np.isnat(value), "nooit"),
            (unknown & np.isnat(value), "inburgering_onbekend"),
            # the permits condition not shown because no list is given: unknown, not "not met" (a legal tester)
            # (only where the list is all that is missing: with the requirement unmet too, no list gives a day)
            (
                np.isnat(value)
                & missing["permits"]
                & ~missing["integration"]
                & ~missing["never"]
                & (ctx.col("heeftVergunningenlijst") != TRUE),
                "vergunningen_onbekend",
            ),
            (np.isnat(value), "nog_niet"),
            # the day rests on the hardship clause (before the requirement itself is met): the counsellor must
            # know that the evidence carries it, before what else bounds the day (the review of the day's change)
            (_rests_on_clause(rows, value), "datum_hardheid"),
            # an asylum permit of one's own (not a nareiziger's) whose application is not given: a bound
            (
                (ctx.col("verblijfsdoel") == ASIEL)
                & np.isnat(ctx.col("datumAsielaanvraag"))
                & (ctx.col("gezinVanStatushouder") != TRUE),
                "datum_vanaf_vergunning",
            ),
            (_stay_broken(ctx), "na_afwijzing"),
            # a legal tester: the text was the same whichever rules gave the day; say when they are not today's
            (_other_rules_on(ctx, value), "datum_andere_regels"),
            # the requirement the day is met under, named (a legal tester: "the integration requirement" alone
            # left a counsellor to look up which one)
            (ctx.p("naturalisatie.inburgeringsvereiste") == "B1", "datum_b1"),
            (ctx.p("naturalisatie.inburgeringsvereiste") == "inburgering", "datum_inburgering"),
        ],
        default="datum",
    )
    kinds = (
        "datum",
        "datum_vanaf_vergunning",
        "na_afwijzing",
        "datum_andere_regels",
        "datum_b1",
        "datum_inburgering",
        "datum_hardheid",
    )
    dated = np.isin(reason, [VROEGST.code(k) for k in kinds])
    value = np.where(dated, value, NAT)
    ctx.memo("naturalisatie_missing", lambda: missing)
    return Outcome("naturalisatieVroegst", "date", value, reason, VROEGST, _articles())


def _rests_on_clause(
    rows: list[tuple[np.datetime64, np.datetime64, dict[str, np.ndarray]]], day: np.ndarray
) -> np.ndarray:
    """Boolean: under the rules in force on ``day`` the hardship clause, not the requirement itself, meets it then.

    The requirement met later than ``day`` (exams passed after it) or not at all: the day holds only
    if the IND accepts the evidence of inability (a review found a day before the exams explained as
    the A2 test met).
    """
    out = np.zeros(len(day), bool)
    for start, end, c in rows:
        out |= ~np.isnat(day) & (day >= start) & (day < end) & (day < c["by_clause_until"])
    return out


def _other_rules_on(ctx: Context, day: np.ndarray) -> np.ndarray:
    """Boolean: the naturalisation rules in force on ``day`` differ from those on the peildatum (``NaT``: no)."""
    today = {path: ctx.p(path) for path in _PARAMS}
    out = np.zeros(len(ctx), bool)
    for start, end, v in segments(ctx.params, _PARAMS):
        if v != today:
            out |= ~np.isnat(day) & (day >= start) & (day < end)
    return out


def _name_todays_gap(
    ctx: Context,
    rows: list[tuple[np.datetime64, np.datetime64, dict[str, np.ndarray]]],
    when: np.ndarray,
    floor: np.ndarray,
    missing: dict[str, np.ndarray],
) -> None:
    """Where the date is still ahead, also name what the rules of the person's day miss.

    Why: someone who meets a reform's requirement (the Z-route's obligation met, say) while
    today's rules ask more (exams at a level) gets the reform's first day as the date; "nothing
    missing" would tell them they could ask today, and "the years of residence" alone would not
    explain a date later than those years. The day is each person's request day where one is
    given and later than the peildatum (a request is judged by the rules in force when it is
    made), else the peildatum (the first day of the rules held, if earlier); the conditions of
    the rules in force that day not met on the peildatum are added. Where the date is ahead only
    because time must pass, those are the time conditions already listed.
    """
    day = np.maximum(floor, ctx.peildatum)
    ahead = ~np.isnat(when) & (when > day)
    if not ahead.any():
        return
    day = np.maximum(day, rows[0][0])
    for start, end, c in rows:
        here = ahead & (day >= start) & (day < end)
        missing["residence"] |= here & (c["residence"] > ctx.peildatum)
        missing["integration"] |= here & np.isnat(c["integration"])
        missing["permits"] |= here & (np.isnat(c["permits"]) | (c["permits"] > ctx.peildatum))


def _rwn(artikel: str) -> Citation:
    url = "https://wetten.overheid.nl/BWBR0003738"
    raw = {"bwb": "BWBR0003738", "naam": "Rijkswet op het Nederlanderschap", "artikel": artikel, "url": url}
    return parse_citation(raw, "naturalisatie")


@cache
def _articles() -> tuple[Citation, ...]:
    return (
        _rwn("8.1.a"),
        _rwn("8.1.c"),
        _rwn("8.1.d"),
        parse_citation(
            {
                "bwb": "BWBR0013604",
                "naam": "Besluit naturalisatietoets",
                "artikel": "3",
                "url": "https://wetten.overheid.nl/BWBR0013604",
            },
            "naturalisatie",
        ),
        parse_citation(
            {
                "bwb": "BWBR0013604",
                "naam": "Besluit naturalisatietoets",
                "artikel": "4",
                "url": "https://wetten.overheid.nl/BWBR0013604",
            },
            "naturalisatie",
        ),
        parse_citation(
            {
                "bwb": "BWBR0011823",
                "naam": "Vreemdelingenwet 2000",
                "artikel": "44.2",
                "url": "https://wetten.overheid.nl/BWBR0011823",
            },
            "naturalisatie",
        ),
    )
