"""The asylum phase: when an applicant may work and is registered (voorinburgering: rules/voorinburgering.py).

``magWerkenVanaf`` is the first day d on or after the application such that d is at least the
application date plus the waiting period in force on d: a shorter wait that starts later
takes effect on its start date. A scenario may bar low-chance applicants; a barred applicant
gets ``null``. A status holder may work, so the permit date is the latest possible answer.

``magWerkenTot`` is where that access ends for a rejected applicant: with the lawful stay it
needs (Vw 2000 art. 8 f and h; ``rechtmatigVerblijfTot`` in rules/verblijf.py), or with a bar.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.dates import NAT
from inburgering.law.citations import parse_citation
from inburgering.rules.base import Context, Outcome, Reason, Reasons, rule
from inburgering.rules.dated import earliest_candidate, segments
from inburgering.rules.logic import FALSE, TRUE, UNKNOWN
from inburgering.rules.plicht import ASIEL
from inburgering.rules.verblijf import is_suspended, stay_ends, vw_citations

_WORK_PARAMS = ("asiel.werk_wachttijd", "asiel.werk_wachttijd_kansrijk", "asiel.werk_kansarm_uitgesloten")


def _from_before(rows: list[tuple[np.datetime64, np.datetime64, dict[str, Any]]]) -> list[Any]:
    """The rulebook's first rules also for applications before it begins (1 January 2022).

    The waits of 6 months for work (BuWav) and for BRP registration held before the Act; without
    this an application of 2021 got work and a BSN dated 1 January 2022 (a review).
    """
    if not rows:
        return rows
    (_, end, values), rest = rows[0], rows[1:]
    return [(np.datetime64("1900-01-01", "D"), end, values), *rest]


def accelerated(ctx: Context) -> np.ndarray:
    """Tri-state per person: in an accelerated procedure, which the Migration Pact bars from work.

    ``versneldeProcedure`` where given; else ``kansrijk: no`` is read as one (decision 0021: most
    applicants whose chance is low are in it), ``kansrijk: yes`` as not, and an unknown chance as
    unknown. Only a scenario's bar (``asiel.werk_kansarm_uitgesloten``) reads it.
    """
    given = ctx.col("versneldeProcedure")
    chance = ctx.col("kansrijk")
    read = np.where(chance == FALSE, TRUE, np.where(chance == TRUE, FALSE, UNKNOWN))
    return np.where(given == UNKNOWN, read, given).astype(np.int8)


def _work_from(ctx: Context, kansrijk: bool, barrable: bool = True) -> tuple[np.ndarray, np.datetime64 | None]:
    """Earliest day of work access for everyone, taken as (not) high-chance, and since when barred.

    The second value is the first day of the bar in force on the peildatum, or else of the first
    one the rules bring after it (``None``: no bar now or ahead): like the waiting times, a bar a
    scenario dates ahead is applied from its day, so access that will end is shown to end.
    Computed once per evaluation (``magWerkenVanaf`` and ``magWerkenTot`` both ask for it).
    """
    result: tuple[np.ndarray, np.datetime64 | None] = ctx.memo(
        f"work_from_{kansrijk}_{barrable}", lambda: _compute_work_from(ctx, kansrijk, barrable)
    )
    return result


def _compute_work_from(ctx: Context, kansrijk: bool, barrable: bool) -> tuple[np.ndarray, np.datetime64 | None]:
    """``barrable``: in an accelerated procedure, which a scenario's bar reaches (not a regular one)."""
    triples = []
    barred_since: np.datetime64 | None = None
    app_months = ctx.months("datumAsielaanvraag")
    for start, end, v in _from_before(segments(ctx.params, _WORK_PARAMS)):
        months = v["asiel.werk_wachttijd_kansrijk"] if kansrijk else v["asiel.werk_wachttijd"]
        barred = (not kansrijk) and barrable and v["asiel.werk_kansarm_uitgesloten"]
        if end > ctx.peildatum:  # in force on the peildatum or later
            if barred and barred_since is None:
                barred_since = start
        elif not barred:
            barred_since = None
        cand = np.maximum(app_months.plus(months), start)
        triples.append((cand, end, not barred))
    return earliest_candidate(triples), barred_since


def _bar(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Applicants whose access to work a bar (now or dated ahead) ends: (low-chance, chance unknown, the bar's day).

    The bar reaches those already working too (the scenario's reading): their access ran from the
    waiting time to the day before the bar (``magWerkenTot`` is the bar's first day). Whether it
    reaches someone whose chance is not given is open (a review found "no end" for them).
    """
    low, since = _work_from(ctx, False)
    if since is None:
        none = np.zeros(len(ctx), bool)
        return none, none, np.full(len(ctx), NAT)
    had = ~np.isnat(low) & (low < since)
    had &= np.isnat(ctx.col("datumVerblijfsrecht")) & (ctx.col("verblijfsdoel") == ASIEL)
    fast = accelerated(ctx)
    return had & (fast == TRUE), had & (fast == UNKNOWN), np.full(len(ctx), since)


_WERK = Reasons.of(
    geen_asiel=Reason(
        "Not applicable: only computed for asylum seekers and asylum permit holders; other migrants' access to work "
        "follows their residence permit.",
        "Niet van toepassing: alleen berekend voor asielzoekers en asielvergunninghouders; voor andere migranten "
        "volgt toegang tot werk uit hun verblijfsvergunning.",
        leeg="nvt",
    ),
    geen_aanvraag=Reason(
        "Unknown: the date of the asylum application is missing.",
        "Onbekend: de datum van de asielaanvraag ontbreekt.",
    ),
    vergunning=Reason(
        "May work from the residence permit: an asylum permit holder may work without a TWV (BuWav 2022 art. 6.1).",
        "Mag werken vanaf de verblijfsvergunning: een asielvergunninghouder mag werken zonder TWV (BuWav 2022 art. 6.1).",
    ),
    kansrijk_onbekend=Reason(
        "Unknown: the waiting time depends on whether the applicant has a high chance of protection (kansrijk).",
        "Onbekend: de wachttijd hangt af van of de aanvrager een grote kans op bescherming heeft (kansrijk).",
    ),
    uitgesloten=Reason(
        "No access to work during the procedure: under the rules in force on the peildatum applicants with a low "
        "chance of protection are barred (the Migration Pact: Reception Directive (EU) 2024/1346 art. 17 lid 1, "
        "for applications in an accelerated procedure under Regulation (EU) 2024/1348 art. 42 lid 1 a-f). The "
        "applicant is in one ('versneldeProcedure: yes'), or without that input 'kansrijk: no' is read so; an "
        "applicant in the regular procedure ('versneldeProcedure: no') keeps access after the waiting time.",
        "Geen toegang tot werk tijdens de procedure: volgens de regels op de peildatum zijn aanvragers met een kleine "
        "kans op bescherming uitgesloten (het Migratiepact: Opvangrichtlijn (EU) 2024/1346 art. 17 lid 1, voor "
        "aanvragen in een versnelde procedure volgens Verordening (EU) 2024/1348 art. 42 lid 1 a-f). De aanvrager "
        "zit in zo'n procedure ('versneldeProcedure: ja'), of zonder die invoer wordt 'kansrijk: nee' zo gelezen; "
        "een aanvrager in de gewone procedure ('versneldeProcedure: nee') houdt na de wachttijd toegang tot werk.",
        leeg="geen",
    ),
    verblijf_voorbij=Reason(
        "No access to work: the lawful stay it needs (Vw 2000 art. 8 f and h) ended with the rejection (see 'may "
        "work until') before the waiting time was over (BuWav 2022 art. 6.2).",
        "Geen toegang tot werk: het rechtmatig verblijf dat die vereist (Vw 2000 art. 8 f en h) eindigde met de "
        "afwijzing (zie 'mag werken tot') voordat de wachttijd voorbij was (BuWav 2022 art. 6.2).",
        leeg="geen",
    ),
    wachttijd=Reason(
        "May work once the application has been pending for the waiting time in force on that day (on the "
        "peildatum {asiel.werk_wachttijd} months, {asiel.werk_wachttijd_kansrijk} for a high chance of protection; "
        "BuWav 2022 art. 6.2 lid 1 a, or the scenario's change of it; Reception Directive 2013/33/EU art. 15, from 12 June 2026 (EU) 2024/1346 art. 17); on the "
        "peildatum an employer needs a work permit (TWV) for an asylum seeker (Wav art. 2).",
        "Mag werken zodra de aanvraag de op die dag geldende wachttijd in behandeling is (op de peildatum "
        "{asiel.werk_wachttijd} maanden, {asiel.werk_wachttijd_kansrijk} bij een grote kans op bescherming; BuWav 2022 "
        "art. 6.2 lid 1 a, of de wijziging ervan in het scenario; Opvangrichtlijn 2013/33/EU art. 15, vanaf 12 juni 2026 (EU) 2024/1346 art. 17); op de peildatum heeft een "
        "werkgever voor een asielzoeker een tewerkstellingsvergunning (TWV) nodig (art. 2 Wav).",
    ),
    wachttijd_zonder_twv=Reason(
        "May work once the application has been pending for the waiting time in force on that day (on the "
        "peildatum {asiel.werk_wachttijd} months, {asiel.werk_wachttijd_kansrijk} for a high chance of protection; "
        "BuWav 2022 art. 6.2 lid 1 a, or the scenario's change of it; Reception Directive 2013/33/EU art. 15, from 12 June 2026 (EU) 2024/1346 art. 17); on the "
        "peildatum the rules ask no TWV of the employer (the scenario's alternative to it).",
        "Mag werken zodra de aanvraag de op die dag geldende wachttijd in behandeling is (op de peildatum "
        "{asiel.werk_wachttijd} maanden, {asiel.werk_wachttijd_kansrijk} bij een grote kans op bescherming; BuWav 2022 "
        "art. 6.2 lid 1 a, of de wijziging ervan in het scenario; Opvangrichtlijn 2013/33/EU art. 15, vanaf 12 juni 2026 (EU) 2024/1346 art. 17); op de peildatum vragen de "
        "regels de werkgever geen TWV (het alternatief ervoor in dit scenario).",
    ),
)
_BUWAV = {"bwb": "BWBR0046078", "naam": "Besluit uitvoering Wet arbeid vreemdelingen 2022"}


@rule("magWerkenVanaf")
def mag_werken_vanaf(ctx: Context) -> Outcome:
    """First day an asylum applicant may work (see module docstring)."""
    app = ctx.col("datumAsielaanvraag")
    vr = ctx.col("datumVerblijfsrecht")
    kansrijk = ctx.col("kansrijk")
    fast = accelerated(ctx)
    high, _ = _work_from(ctx, True)
    low, barred_since = _work_from(ctx, False)
    # applicants barred on the peildatum: access they had before the bar stays dated (it ends with the
    # bar, see magWerkenTot); one that would only have begun under the bar never begins
    if barred_since is not None:
        low = np.where(low < barred_since, low, NAT)
    # an applicant in the regular procedure whose chance is not high: the waiting time, no bar (Directive
    # 2024/1346 art. 17.1 bars only the accelerated procedure; decision 0022)
    regular, _ = _work_from(ctx, False, barrable=False)
    low = np.where((fast == FALSE) & (kansrijk != TRUE), regular, low)
    has_vr = ~np.isnat(vr)
    twv = bool(ctx.p("asiel.twv_vereist"))  # said in the reason: the employer's permit, not the right itself
    stay_end = ctx.get("magWerkenTot").value

    def access(start: np.ndarray) -> np.ndarray:
        # with a permit, from the permit if that comes first; without one, access needs lawful stay:
        # a rejection that ended it before the wait was over leaves none
        return np.where(has_vr, np.fmin(start, vr), np.where(stay_end <= start, NAT, start))

    if_high, if_low = access(high), access(low)
    # an unknown chance decides nothing where both answers agree (a permit before either wait ends);
    # a review found the permit's day given while the wait of a high chance could have ended earlier
    same = (if_high == if_low) | (np.isnat(if_high) & np.isnat(if_low))
    # in an accelerated procedure the chance is not high, whatever is given
    kansrijk = np.where(fast == TRUE, FALSE, kansrijk)
    undecided = (kansrijk == UNKNOWN) & ~same
    chosen = np.where(kansrijk == FALSE, low, high)
    value = np.where(undecided, NAT, np.where(kansrijk == FALSE, if_low, if_high))
    ended = ~has_vr & (stay_end <= chosen)
    asylum = ctx.col("verblijfsdoel") == ASIEL
    value = np.where(asylum, value, NAT)
    reason = _WERK.select(
        [
            (~asylum, "geen_asiel"),
            (np.isnat(app) & ~has_vr, "geen_aanvraag"),
            (undecided, "kansrijk_onbekend"),
            (has_vr & (value == vr), "vergunning"),
            (ended, "verblijf_voorbij"),
            (np.isnat(value), "uitgesloten"),
            (np.full(len(value), not twv), "wachttijd_zonder_twv"),
        ],
        default="wachttijd",
    )
    articles = (
        parse_citation(
            {**_BUWAV, "artikel": "6.2", "url": "https://wetten.overheid.nl/BWBR0046078/2026-01-01#Artikel6.2"},
            "magWerkenVanaf",
        ),
        parse_citation(
            {**_BUWAV, "artikel": "6.1", "url": "https://wetten.overheid.nl/BWBR0046078/2026-01-01#Artikel6.1"},
            "magWerkenVanaf",
        ),
        parse_citation(
            {"celex": "32013L0033", "naam": "Opvangrichtlijn 2013/33/EU (to 11 June 2026)", "artikel": "15"},
            "magWerkenVanaf",
        ),
        parse_citation({"bwb": "BWBR0007149", "naam": "Wet arbeid vreemdelingen", "artikel": "2"}, "magWerkenVanaf"),
        parse_citation(
            {"celex": "32024L1346", "naam": "Opvangrichtlijn (EU) 2024/1346 (from 12 June 2026)", "artikel": "17"},
            "magWerkenVanaf",
        ),
    )
    return Outcome("magWerkenVanaf", "date", value, reason, _WERK, articles)


_BSN = Reasons.of(
    geen_asiel=Reason(
        "Not applicable: only for asylum seekers; others register in the BRP when they settle.",
        "Niet van toepassing: alleen voor asielzoekers; anderen schrijven zich in de BRP in als zij zich vestigen.",
        leeg="nvt",
    ),
    onbekend=Reason(
        "Unknown: the date of the asylum application (and of a permit) is missing.",
        "Onbekend: de datum van de asielaanvraag (en van een vergunning) ontbreekt.",
    ),
    vergunning=Reason(
        "Registered in the BRP at the permit (a status holder is registered at a BRP-straat), before the waiting "
        "time for asylum seekers ran out.",
        "Ingeschreven in de BRP bij de vergunning (een statushouder wordt bij een BRP-straat ingeschreven), voordat de "
        "wachttijd voor asielzoekers om was.",
    ),
    wachttijd=Reason(
        "Registered in the BRP, with a BSN, once the application has been pending for the waiting time in force on "
        "that day (on the peildatum {asiel.brp_wachttijd_kansrijk} months for an applicant with a high chance of "
        "protection, {asiel.brp_wachttijd} months for others; COA registers earlier where identity and a stay of over "
        "4 months are established).",
        "Ingeschreven in de BRP, met een BSN, zodra de aanvraag de op die dag geldende wachttijd in behandeling is "
        "(op de peildatum {asiel.brp_wachttijd_kansrijk} maanden voor een aanvrager met een grote kans op "
        "bescherming, {asiel.brp_wachttijd} maanden voor anderen; het COA schrijft eerder in als identiteit en een "
        "verblijf van meer dan 4 maanden vaststaan).",
    ),
    kansrijk_onbekend=Reason(
        "Unknown: the waiting time for registration depends on whether the applicant has a high chance of "
        "protection (kansrijk).",
        "Onbekend: de wachttijd voor inschrijving hangt af van of de aanvrager een grote kans op bescherming heeft "
        "(kansrijk).",
    ),
    verblijf_geeindigd=Reason(
        "No registration: the rejection ended the lawful stay (Vw 2000 art. 8 f, h; art. 82) before the waiting "
        "time ran out; only those who stay lawfully are registered (see 'may work until').",
        "Geen inschrijving: de afwijzing beëindigde het rechtmatig verblijf (art. 8 f, h en 82 Vw 2000) voordat de "
        "wachttijd om was; alleen wie rechtmatig verblijft, wordt ingeschreven (zie 'mag werken tot').",
        leeg="geen",
    ),
)


@rule("bsnVanaf")
def bsn_vanaf(ctx: Context) -> Outcome:
    """First day an asylum seeker is registered in the BRP and has a BSN (needed to be employed in practice).

    The waiting time is dated (``asiel.brp_wachttijd``, and ``asiel.brp_wachttijd_kansrijk`` for
    an applicant with a high chance of protection): a shorter wait that starts later takes effect
    on its start date, as for work. A permit registers the person at once, so the permit date is
    the latest possible answer. An unknown chance decides nothing where both waits give one day.
    """
    vr = ctx.col("datumVerblijfsrecht")
    app_months = ctx.months("datumAsielaanvraag")
    paths = ["asiel.brp_wachttijd", "asiel.brp_wachttijd_kansrijk"]

    def registered(path: str) -> np.ndarray:
        triples = [
            (np.maximum(app_months.plus(v[path]), start), end, True)
            for start, end, v in _from_before(segments(ctx.params, paths))
        ]
        return np.fmin(earliest_candidate(triples), vr)  # fmin: a missing permit leaves the waiting time

    low, high = registered(paths[0]), registered(paths[1])
    kansrijk = ctx.col("kansrijk")
    undecided = (kansrijk == UNKNOWN) & (low != high) & ~(np.isnat(low) & np.isnat(high))
    wait = np.where(kansrijk == TRUE, high, low)
    value = np.where(undecided, NAT, wait)
    asylum = ctx.col("verblijfsdoel") == ASIEL
    # a rejection whose effect ended the lawful stay before the wait ran out: no registration (a review)
    ended = np.isnat(vr) & (stay_ends(ctx) <= wait)
    reason = _BSN.select(
        [
            (~asylum, "geen_asiel"),
            (undecided, "kansrijk_onbekend"),
            (np.isnat(value), "onbekend"),
            (~np.isnat(vr) & (vr <= value), "vergunning"),
            (ended, "verblijf_geeindigd"),
        ],
        default="wachttijd",
    )
    value = np.where(ended, NAT, value)
    articles = (parse_citation({"document": "coa-brp"}, "bsnVanaf"),)
    return Outcome("bsnVanaf", "date", np.where(asylum, value, NAT), reason, _BSN, articles)


_TOT = Reasons.of(
    geen_asiel=Reason(
        "Not applicable: only computed for asylum seekers and asylum permit holders.",
        "Niet van toepassing: alleen berekend voor asielzoekers en asielvergunninghouders.",
        leeg="nvt",
    ),
    vergunning=Reason(
        "No end: an asylum permit holder may work without a TWV (BuWav 2022 art. 6.1); a rejection before the "
        "permit no longer counts.",
        "Geen einde: een asielvergunninghouder mag werken zonder TWV (BuWav 2022 art. 6.1); een afwijzing vóór de "
        "vergunning telt niet meer.",
        leeg="geen",
    ),
    uitgesloten=Reason(
        "Ends on the day the rules bar applicants with a low chance of protection from work (the scenario's bar); "
        "access that began before it ends then.",
        "Eindigt op de dag dat de regels aanvragers met een kleine kans op bescherming van werk uitsluiten (de "
        "uitsluiting in het scenario); toegang die daarvoor begon, eindigt dan.",
    ),
    kansrijk_onbekend=Reason(
        "Unknown: the rules bar applicants with a low chance of protection from work (the scenario's bar), which "
        "would end this access on the bar's first day, and whether the application has a high chance is not given.",
        "Onbekend: de regels sluiten aanvragers met een kleine kans op bescherming uit van werk (de uitsluiting in "
        "het scenario), wat deze toegang op de eerste dag daarvan zou beëindigen, en of de aanvraag kansrijk is, is "
        "niet opgegeven.",
    ),
    procedure=Reason(
        "No end yet: while the application awaits a decision the applicant stays lawfully (Vw 2000 art. 8 f), "
        "which the access to work of an asylum seeker requires (BuWav 2022 art. 6.2).",
        "Nog geen einde: zolang op de aanvraag niet is beslist, verblijft de aanvrager rechtmatig (Vw 2000 art. 8 "
        "f), wat de toegang tot werk van een asielzoeker vereist (BuWav 2022 art. 6.2).",
        leeg="geen",
    ),
    schorsing_onbekend=Reason(
        "Unknown: after the rejection, whether the applicant may keep working depends on whether the rejection's "
        "effect is suspended by the appeal term or an appeal (Vw 2000 art. 82).",
        "Onbekend: na de afwijzing hangt het van de opschorting door de beroepstermijn of een beroep af of de "
        "aanvrager mag blijven werken (Vw 2000 art. 82).",
    ),
    schorsing_loopt=Reason(
        "No end yet: the rejection's effect is suspended while the appeal term runs or the appeal awaits the "
        "court (Vw 2000 art. 82 lid 1), so the stay stays lawful (art. 8 f and h) and so does the access to work.",
        "Nog geen einde: de werking van de afwijzing is opgeschort zolang de beroepstermijn loopt of het beroep "
        "bij de rechter ligt (Vw 2000 art. 82 lid 1); het verblijf blijft rechtmatig (art. 8 f en h) en de "
        "toegang tot werk ook.",
        leeg="geen",
    ),
    schorsing_voorbij=Reason(
        "Ends on the first day the rejection's effect is no longer suspended (the day of the judgment dismissing "
        "the appeal, or the day after the appeal term without one): from then the stay is no longer lawful under "
        "Vw 2000 art. 8 f or h, which the access to work of an asylum seeker requires (BuWav 2022 art. 6.2).",
        "Eindigt op de eerste dag dat de werking van de afwijzing niet meer is opgeschort (de dag van de uitspraak "
        "die het beroep ongegrond verklaart, of de dag na de beroepstermijn zonder beroep): vanaf dan is het "
        "verblijf niet meer rechtmatig op grond van Vw 2000 art. 8 f of h, wat de toegang tot werk van een "
        "asielzoeker vereist (BuWav 2022 art. 6.2).",
    ),
    geen_schorsing=Reason(
        "Ends on the day of the rejection: its effect is not suspended (Vw 2000 art. 82 lid 2, for example a "
        "Dublin claim or a manifestly unfounded application), so the stay is no longer lawful under art. 8 f or "
        "h, which the access to work of an asylum seeker requires (BuWav 2022 art. 6.2).",
        "Eindigt op de dag van de afwijzing: de werking ervan is niet opgeschort (Vw 2000 art. 82 lid 2, "
        "bijvoorbeeld een Dublinclaim of een kennelijk ongegronde aanvraag), dus het verblijf is niet meer "
        "rechtmatig op grond van art. 8 f of h, wat de toegang tot werk van een asielzoeker vereist (BuWav 2022 "
        "art. 6.2).",
    ),
)


@rule("magWerkenTot")
def mag_werken_tot(ctx: Context) -> Outcome:
    """The first day an asylum applicant may no longer work: when a rejection ends the lawful stay.

    An asylum seeker's access to work (BuWav 2022 art. 6.2) needs lawful stay while the
    application or a suspensive appeal is pending (Vw 2000 art. 8 f and h). A rejection ends it
    at once when its effect is not suspended (Vw art. 82 lid 2), otherwise on the first day
    without the suspension: the judgment dismissing the appeal, or the day after the appeal term
    without one (art. 82 lid 1). The
    dates are facts a counsellor knows from the letters; the rule decides what they mean.
    """
    rejected = ctx.col("datumAfwijzing")
    ended = ctx.col("datumEindeSchorsing")
    suspended = is_suspended(ctx)
    has_vr = ~np.isnat(ctx.col("datumVerblijfsrecht"))
    asylum = ctx.col("verblijfsdoel") == ASIEL
    has_rejection = ~np.isnat(rejected)
    value = ctx.get("rechtmatigVerblijfTot").value  # the access ends with the lawful stay (rules/verblijf.py)
    barred, maybe, since = _bar(ctx)
    bar_first = barred & ~(value <= since)  # the bar, unless the stay ended before it
    open_bar = maybe & ~(value <= since)
    value = np.where(bar_first, since, np.where(open_bar, NAT, value))
    reason = _TOT.select(
        [
            (~asylum, "geen_asiel"),
            (has_vr, "vergunning"),
            (bar_first, "uitgesloten"),
            (open_bar, "kansrijk_onbekend"),
            (~has_rejection, "procedure"),
            (suspended == FALSE, "geen_schorsing"),
            (suspended == UNKNOWN, "schorsing_onbekend"),
            (np.isnat(ended), "schorsing_loopt"),
        ],
        default="schorsing_voorbij",
    )
    vw = vw_citations("magWerkenTot", "8.f", "8.h", "82.1", "82.2")
    buwav = parse_citation(
        {**_BUWAV, "artikel": "6.2", "url": "https://wetten.overheid.nl/BWBR0046078/2026-01-01#Artikel6.2"},
        "magWerkenTot",
    )
    articles = (*vw, buwav)
    return Outcome("magWerkenTot", "date", value, reason, _TOT, articles)
