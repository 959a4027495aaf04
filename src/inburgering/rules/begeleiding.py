"""Maatschappelijke begeleiding (art. 13) and the guidance of unaccompanied minors.

MB: obliged persons (not exempt, not released) with an asylum fixed-term permit, or a
family-reunion permit with a holder of an asylum permit, from the day of BRP registration (in
the housing municipality). A family link that is not stated counts as not shown. A reform may
widen the group to young status holders around their 18th birthday whether exempt or released
(VWN: "ongeacht of zij ontheven zijn van de inburgeringsplicht op dat moment") and to those of
AOW age.

Unaccompanied minors (AMV) are guided by their guardian until majority (BW 1:233, 18); the
coalition agreement extends guidance for vulnerable AMV to 21. ``amvBegeleidingTot`` gives the
last day of that guidance, from the parameter in force on the peildatum.
"""

from __future__ import annotations

import numpy as np

from inburgering.codes import MEERDERJARIG  # the age of majority (BW 1:233), shared with the person input
from inburgering.dates import NAT, ONE_DAY, nat_max
from inburgering.law.citations import Citation, parse_citation
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.dated import first_day_reaching, segments
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN, t_and, t_or, tri
from inburgering.rules.plicht import (
    ASIEL,
    MOET,
    age_dates,
    from_wi2013_education,
    is_statushouder,
    under_old_act,
)
from inburgering.rules.verblijf import stay_ends
from inburgering.rules.vergunningen import only_permanent_on


def _extended(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Tri-state membership of the reform's extra groups (young people turning 18, AOW age)."""
    plicht = ctx.get("inburgeringsplichtig")
    n = len(ctx)
    young = np.full(n, FALSE, np.int8)
    aow = np.full(n, FALSE, np.int8)
    if ctx.p("begeleiding.ook_jongeren_18"):
        # the letter's groups: young people who turn 18 here (in a family, or alone when Nidos's
        # guardianship ends), MB "rond hun 18de verjaardag, ongeacht of zij ontheven zijn": from
        # the birthday, whatever exemption (in education, 8 years at school, a diploma) or release
        # they have; not a minor (a review found MB from 16 that ended before 18), and not someone
        # who came of age before arriving (no age cap otherwise holds a 30-year-old student out); here
        # is from the asylum application where there is one: an unaccompanied minor who turned 18 in
        # reception before the permit, when Nidos's guardianship ended, is the letter's second group
        # (a legal review found them left out by counting from the permit)
        dag18 = age_dates(ctx)["dag18"]
        arrived = np.fmin(ctx.col("datumAsielaanvraag"), ctx.col("datumVerblijfsrecht"))
        here = (dag18 <= ctx.peildatum) & (dag18 >= arrived)
        young = t_and(plicht.value, tri(here))
    if ctx.p("begeleiding.ook_aow_leeftijd"):
        # the letter's group: status holders of the AOW age when they start in the municipality (the
        # BRP registration) with a permit under this Act, who therefore get no MB "from the start"; not
        # someone who started obliged (or under the old Act) and has grown old since (legal reviews)
        # (not registered yet: of the AOW age now, so also when registered later)
        permit = ctx.col("datumVerblijfsrecht")
        brp = ctx.col("datumInschrijvingBrp")
        at_start = np.isnat(brp) | (age_dates(ctx)["aowDatum"] <= nat_max(brp, permit))
        this_act = permit >= np.datetime64(ctx.p("plicht.ingangsdatum_wet"), "D")
        aow = tri(plicht.has("aow") & at_start & this_act)
    return young, aow


_MB = Reasons.of(
    recht=Reason(
        "Right to MB: obliged to integrate with an asylum permit, or family reunion with an asylum permit holder "
        "(art. 13.1).",
        "Recht op MB: inburgeringsplichtig met een asielvergunning, of gezinshereniging met een asielstatushouder "
        "(art. 13.1).",
    ),
    jongeren=Reason(
        "Right to MB under this scenario: a status holder who turned 18 in the Netherlands, whether exempt or "
        "released.",
        "Recht op MB in dit scenario: statushouder die in Nederland 18 werd, ook als hij of zij vrijgesteld of "
        "ontheven is.",
    ),
    aow=Reason(
        "Right to MB under this scenario: a status holder who had reached the AOW age when registered in the "
        "municipality.",
        "Recht op MB in dit scenario: statushouder die bij de inschrijving in de gemeente de AOW-leeftijd had.",
    ),
    onbekend=Reason(
        "Unknown: whether the person must integrate is unknown.",
        "Onbekend: of betrokkene moet inburgeren, is onbekend.",
    ),
    geen_statushouder=Reason(
        "No right to MB: MB is for asylum status holders and the family members who joined them (art. 13.1); a "
        "family link with a status holder must be shown.",
        "Geen recht op MB: MB is alleen voor asielstatushouders en de gezinsleden die bij hen kwamen (art. 13.1); een "
        "gezinsband met een statushouder moet zijn aangetoond.",
    ),
    niet_plichtig=Reason(
        "No right to MB: the person does not have to integrate (art. 13.1).",
        "Geen recht op MB: betrokkene hoeft niet in te burgeren (art. 13.1).",
    ),
    oude_wet=Reason(
        "No right to MB under this Act: the old Wet inburgering (Wi2013) still applies to the person (art. 54.1), "
        "and art. 13.1's MB is for those obliged under this Act.",
        "Geen recht op MB onder deze wet: voor betrokkene blijft de oude Wet inburgering (Wi2013) gelden (art. "
        "54.1), en de MB van art. 13.1 is voor wie onder deze wet inburgeringsplichtig is.",
    ),
    voldaan=Reason(
        "No right to MB any more: the obligation has been met, and the college provides MB to "
        "inburgeringsplichtigen (art. 13.1), which a former obligee no longer is (the Act's "
        "'voormalige inburgeringsplichtige', art. 21.1; as the loan ends, art. 20.2.b).",
        "Geen recht op MB meer: aan de plicht is voldaan, en het college verzorgt MB voor inburgeringsplichtigen "
        "(art. 13.1), wat een voormalige inburgeringsplichtige (art. 21.1) niet meer is (zoals de lening eindigt, "
        "art. 20.2.b).",
    ),
    onbepaald=Reason(
        "No right to MB any more: the person now resides on a permit of indefinite duration, and the college "
        "provides MB to the obliged who reside on an asylum fixed-term permit, or on a fixed-term family permit "
        "with a status holder (art. 13.1 a, b), and a reform that widens the group widens it among them.",
        "Geen recht op MB meer: betrokkene verblijft nu op een vergunning voor onbepaalde tijd, en het college "
        "verzorgt MB voor inburgeringsplichtigen die verblijven op een asielvergunning voor bepaalde tijd, of op een "
        "gezinsvergunning voor bepaalde tijd bij een statushouder (art. 13.1 a, b), en een hervorming die de groep "
        "uitbreidt, breidt die onder hen uit.",
    ),
)


@rule("rechtOpMaatschappelijkeBegeleiding")
def recht_op_mb(ctx: Context) -> Outcome:
    """Art. 13.1, widened by a scenario where it says so.

    The right is the inburgeringsplichtige's: it ends when the obligation is met (a former obligee,
    art. 21.1), as the loan does (art. 20.2.b); a legal review found it going on after that day
    while the loan ended, the rulebook reading "no longer obliged" two ways.
    """
    statushouder = is_statushouder(ctx)
    must = ctx.get("moetInburgeren")  # obliged, not exempt or released, and not yet met
    moet = must.value
    # met by the peildatum: also for an exempt or released person, whose "must integrate" keeps that reason
    # after the day they met it (a legal tester found VWN's young group keeping MB after meeting it)
    met_on = ctx.get("plichtVoldaanOp").value
    met = (must.reason == MOET.code("voldaan")) | (~np.isnat(met_on) & (met_on <= ctx.peildatum))
    # art. 13.1 reads the permit the person "heeft": fixed-term, so a permanent permit ends the right, as it
    # ends the loan (art. 19; a legal tester found MB going on after a permit of indefinite duration)
    permanent = only_permanent_on(ctx)
    base = t_and(t_and(moet, statushouder), tri(~permanent))
    young, aow = _extended(ctx)
    # the young group is obliged (exempt or released or not): its MB ends when it meets the obligation, as the
    # simulation's does (the review of the day's change); the AOW group is never obliged
    young = np.where(met, FALSE, young).astype(np.int8)
    value = t_or(base, t_and(t_and(statushouder, tri(~permanent)), t_or(young, aow)))
    reason = _MB.select(
        [
            (base == TRUE, "recht"),
            ((value == TRUE) & (young == TRUE), "jongeren"),
            ((value == TRUE) & (aow == TRUE), "aow"),
            (value == UNKNOWN, "onbekend"),
            (statushouder == FALSE, "geen_statushouder"),
            (met, "voldaan"),
            # the obliged, and a reform's extra groups (the young, the AOW-aged): the permit is the cause
            (
                (value == FALSE)
                & permanent
                & (statushouder == TRUE)
                & ((moet == TRUE) | (young == TRUE) | (aow == TRUE)),
                "onbepaald",
            ),
            ((value == FALSE) & under_old_act(ctx), "oude_wet"),
        ],
        default="niet_plichtig",
    )
    return Outcome(
        "rechtOpMaatschappelijkeBegeleiding",
        "tri",
        value,
        reason,
        _MB,
        cite("W 13.1", "W 13.1.a", "W 13.1.b", "W 21.1", "W 20.2.b"),
    )


_START_MB = Reasons.of(
    geen_recht=Reason("Not applicable: no right to MB.", "Niet van toepassing: geen recht op MB.", leeg="nvt"),
    recht_onbekend=Reason("Unknown: whether there is a right to MB is unknown.", "Onbekend: of er recht op MB is."),
    geen_brp=Reason(
        "Unknown: the date of BRP registration is missing.",
        "Onbekend: de datum van inschrijving in de BRP ontbreekt.",
    ),
    opleiding_wi2013=Reason(
        "Unknown: the right arose when the exemption for an education under the Wi2013 ended (art. 54.3, 4.1.d), "
        "and that day is not given.",
        "Onbekend: het recht ontstond toen de vrijstelling voor een opleiding onder de Wi2013 eindigde (art. 54.3, "
        "4.1.d), en die dag is niet opgegeven.",
    ),
    start=Reason(
        "MB starts on the day of BRP registration in the (housing) municipality (art. 13.3), not before the right "
        "arises: for someone who was a minor, not before the {vrijstelling.kwalificatieplicht_tot_leeftijd}th "
        "birthday, when the exemption for compulsory schooling ends (art. 4.1.c); under a reform that widens the "
        "group, not before the reform takes effect.",
        "MB begint op de dag van inschrijving in de BRP van de (huisvestings)gemeente (art. 13.3), niet voordat het "
        "recht ontstaat: voor wie minderjarig was niet vóór de {vrijstelling.kwalificatieplicht_tot_leeftijd}e "
        "verjaardag, als de vrijstelling wegens leerplicht eindigt (art. 4.1.c); bij een hervorming die de groep "
        "uitbreidt niet vóór de ingangsdatum daarvan.",
    ),
)


@rule("startMaatschappelijkeBegeleiding")
def start_mb(ctx: Context) -> Outcome:
    """Art. 13.3: the day of BRP registration, but not before the right itself arises.

    The registration is the first one (``datumEersteInschrijvingBrp``, given after a move) for
    everyone but the holder of an asylum permit, for whom art. 13.3 names the registration in
    the municipality that houses them (Huisvestingswet 2014 art. 28); their first registration
    may have been in COA's municipality, so their later one stands (a legal tester found a
    family member who had moved told the guidance began at the move).

    Under art. 13.1 the right arises when the person must integrate: a minor is exempt while
    still leerplichtig or kwalificatieplichtig (art. 4.1.c), so the right starts at the earliest on
    the day that exemption ends. A reform's extra group (young people turning 18, AOW age) has the
    right from the day the reform took effect, not earlier; the AOW group from the registration.
    """
    outcome = ctx.get("rechtOpMaatschappelijkeBegeleiding")
    right = outcome.value
    ages = age_dates(ctx)
    brp = ctx.col("datumInschrijvingBrp")
    first = np.fmin(brp, ctx.col("datumEersteInschrijvingBrp"))  # NaT where neither is given
    registered = np.where(ctx.col("verblijfsdoel") == ASIEL, brp, first)
    registered = nat_max(registered, ctx.col("datumVerblijfsrecht"))
    start = nat_max(registered, ages["dag18"])
    for group, path in (("jongeren", "begeleiding.ook_jongeren_18"), ("aow", "begeleiding.ook_aow_leeftijd")):
        extra = outcome.has(group)
        if extra.any():
            # from the registration and the 18th birthday, not before the reform takes effect
            start = np.where(extra, nat_max(start, ctx.in_force_since(path)), start)
    # exempt under the old Act for an education on its last day: obliged under this Act only once that
    # education ended (art. 54.3 with 4.1.d), a day the calculator is not given
    wi2013 = from_wi2013_education(ctx)
    value = np.where((right == TRUE) & ~wi2013, start, NAT)
    reason = _START_MB.select(
        [
            (right == FALSE, "geen_recht"),
            (right == UNKNOWN, "recht_onbekend"),
            (wi2013, "opleiding_wi2013"),
            (np.isnat(value), "geen_brp"),
        ],
        default="start",
    )
    return Outcome(
        "startMaatschappelijkeBegeleiding",
        "date",
        value,
        reason,
        _START_MB,
        cite("W 13.3", "W 13.1", "W 4.1.c", "W 4.1.d", "W 54.3"),
    )


_AMV = Reasons.of(
    geen_amv=Reason(
        "Not applicable: not an unaccompanied minor asylum seeker or status holder.",
        "Niet van toepassing: geen alleenstaande minderjarige asielzoeker of statushouder.",
        leeg="nvt",
    ),
    onbekend=Reason(
        "Unknown: whether the person came as an unaccompanied minor is not given.",
        "Onbekend: of betrokkene als alleenstaande minderjarige kwam, is niet opgegeven.",
    ),
    tot=Reason(
        "Guided by a guardian until the day before the 18th birthday (BW 1:233).",
        "Begeleid door een voogd tot de dag vóór de 18e verjaardag (BW 1:233).",
    ),
    tot_verlengd=Reason(
        "Guided until the day before the birthday at which the longer guidance of a vulnerable unaccompanied minor "
        "ends, under the rules in force when the person turns 18 (coalition agreement); the guardianship itself "
        "ends at 18 (BW 1:233).",
        "Begeleid tot de dag vóór de verjaardag waarop de langere begeleiding van een kwetsbare alleenstaande "
        "minderjarige eindigt, volgens de regels die gelden als betrokkene 18 wordt (coalitieakkoord); de voogdij "
        "zelf eindigt op 18 jaar (BW 1:233).",
    ),
    tot_18=Reason(
        "Guided by a guardian until the day before the 18th birthday (BW 1:233): a longer guidance under rules that "
        "took effect later does not reach a guidance that had ended by then.",
        "Begeleid door een voogd tot de dag vóór de 18e verjaardag (BW 1:233): een langere begeleiding volgens "
        "regels die later ingingen, geldt niet voor een begeleiding die toen al was geëindigd.",
    ),
    meerderjarig=Reason(
        "Guided by a guardian until the day before the 18th birthday (BW 1:233): the longer guidance of the rules "
        "in force at 18 is for vulnerable unaccompanied minors only.",
        "Begeleid door een voogd tot de dag vóór de 18e verjaardag (BW 1:233): de langere begeleiding volgens de "
        "regels die op 18 jaar gelden, is alleen voor kwetsbare alleenstaande minderjarigen.",
    ),
    afgewezen=Reason(
        "Guided until the day before the lawful stay ended with the rejection of the asylum application (Vw 2000 "
        "art. 82), and at least until the day before the 18th birthday (BW 1:233): the longer guidance of the "
        "rules in force at 18 is for vulnerable unaccompanied minor refugees (coalition agreement: 'kwetsbare "
        "alleenstaande minderjarige vluchtelingen'), or while the application is pending.",
        "Begeleid tot de dag vóór het rechtmatig verblijf eindigde met de afwijzing van de asielaanvraag (art. 82 "
        "Vw 2000), en ten minste tot de dag vóór de 18e verjaardag (BW 1:233): de langere begeleiding volgens de "
        "regels die op 18 jaar gelden, is voor kwetsbare alleenstaande minderjarige vluchtelingen (coalitieakkoord), "
        "of zolang de aanvraag loopt.",
    ),
    kwetsbaar_onbekend=Reason(
        "Unknown: guidance lasts until the day before the 18th birthday, or longer for a vulnerable unaccompanied "
        "minor under the rules in force at 18, and whether the person is vulnerable is not given.",
        "Onbekend: de begeleiding duurt tot de dag vóór de 18e verjaardag, of langer voor een kwetsbare "
        "alleenstaande minderjarige volgens de regels die op 18 jaar gelden, en of betrokkene kwetsbaar is, is niet "
        "opgegeven.",
    ),
)


def _guidance_ends(ctx: Context) -> np.ndarray:
    """The first day the minor has reached the age the guidance lasts to, as in force on that day.

    Why not the age on the peildatum: a reform that raises the age (the coalition's 21 from
    2027) reaches only whoever is still guided when it starts; a guidance that ended before it
    stays ended, and one still running then runs to the new age, whatever day is asked about.
    Before the first dated value the first value holds (the law before the Act's start).
    """
    path = "begeleiding.amv_begeleiding_tot_leeftijd"
    born = ctx.months("geboortedatum")
    first_start, _, first = segments(ctx.params, [path])[0]
    before = born.reaching(12 * first[path])
    dated = first_day_reaching(None, ctx.params, path, 12, index=born, age=True)
    return np.asarray(np.where(before < first_start, before, dated))


@rule("amvBegeleidingTot")
def amv_begeleiding_tot(ctx: Context) -> Outcome:
    """Last day of guardian guidance of an unaccompanied minor asylum seeker or status holder."""
    amv = ctx.col("alleenstaandeMinderjarige")
    asylum = ctx.col("verblijfsdoel") == ASIEL
    until = _guidance_ends(ctx) - ONE_DAY
    # the coalition's extension is for *vulnerable* unaccompanied minors ("kwetsbare ... waar nodig"):
    # whoever is not is guided to majority; not given, the answer is open (a review found 21 for all)
    at_18 = ctx.months("geboortedatum").reaching(12 * MEERDERJARIG) - ONE_DAY
    longer = until > at_18
    vulnerable = ctx.col("kwetsbareAmv")
    # not given, but the asylum application was made as an adult: no minor at all (a review found
    # "unknown" for every adult asylum seeker); a permit date says nothing of the arrival
    application = ctx.col("datumAsielaanvraag")
    adult = (amv == UNKNOWN) & ~np.isnat(application) & (application > at_18)
    # the extension is for refugees ("minderjarige vluchtelingen") and those still in the procedure: it ends
    # when a rejection ends the lawful stay, not before 18 (a legal tester found 21 for the rejected; the review
    # of the day's change found every rejection cutting it to 18, one at 19 or still under appeal too)
    stay_end = stay_ends(ctx)
    rejected = np.isnat(ctx.col("datumVerblijfsrecht")) & ~np.isnat(stay_end)
    reason = _AMV.select(
        [
            (~asylum | (amv == FALSE) | adult, "geen_amv"),
            (amv == UNKNOWN, "onbekend"),
            (longer & (vulnerable == FALSE), "meerderjarig"),
            (longer & (vulnerable == UNKNOWN), "kwetsbaar_onbekend"),
            (longer & rejected, "afgewezen"),
            (longer, "tot_verlengd"),
        ],
        default="tot",
    )
    guided = (reason == _AMV.code("tot")) | (reason == _AMV.code("tot_verlengd"))
    to_18 = reason == _AMV.code("meerderjarig")
    cut = np.maximum(at_18, np.minimum(until, stay_end - ONE_DAY))
    value = np.where(guided, until, np.where(to_18, at_18, np.where(reason == _AMV.code("afgewezen"), cut, NAT)))
    # ended at 18 before a longer guidance took effect: say why 18 (a review)
    if ctx.p("begeleiding.amv_begeleiding_tot_leeftijd") > MEERDERJARIG:
        reason = np.where((reason == _AMV.code("tot")) & (until == at_18), _AMV.code("tot_18"), reason)
    articles: tuple[Citation, ...] = (
        parse_citation(
            {
                "bwb": "BWBR0002656",
                "naam": "Burgerlijk Wetboek Boek 1",
                "artikel": "233",
                "url": "https://wetten.overheid.nl/BWBR0002656",
            },
            "amvBegeleidingTot",
        ),
    )
    if any(int(v.value) > MEERDERJARIG for v in ctx.params["begeleiding.amv_begeleiding_tot_leeftijd"].values):
        # the proposal cited only where the scenario has it, not as the law in force (a review)
        articles += (parse_citation({"document": "coalitieakkoord-2026", "pagina": 38}, "amvBegeleidingTot"),)
    return Outcome("amvBegeleidingTot", "date", value, reason, _AMV, articles)
