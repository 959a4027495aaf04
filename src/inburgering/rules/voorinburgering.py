"""Voorinburgering (art. 10, Besluit 3.17): who may join it in reception, and from when.

Offered to persons who are or will be obliged under this Act, before registration in the
housing municipality: from the permit, or under a scenario from the asylum application
(everyone, or high-chance applicants). Not for whom the old Act applies (art. 54.1), who reaches
the AOW age first, or whose lawful stay a rejection ended before it could start.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import NAT
from inburgering.rules.base import Context, Outcome, Reason, Reasons, cite, rule
from inburgering.rules.dated import earliest_candidate, segments
from inburgering.rules.logic import TRUE, UNKNOWN
from inburgering.rules.plicht import ASIEL, age_dates, never_obliged, under_old_act
from inburgering.rules.verblijf import stay_ends

_VOOR = Reasons.of(
    geen_asiel=Reason(
        "Not applicable: voorinburgering is for asylum permit holders in reception (and, where a scenario allows it, "
        "asylum seekers).",
        "Niet van toepassing: voorinburgering is voor asielvergunninghouders in de opvang (en, waar een scenario dat "
        "toestaat, asielzoekers).",
        leeg="nvt",
    ),
    aow=Reason(
        "Not applicable: the AOW age is reached before the permit (or, without a permit yet, by the peildatum or before "
        "voorinburgering could start), so the person will not be obliged to integrate (art. 3.1, 10, Besluit 3.17 "
        "lid 1).",
        "Niet van toepassing: de AOW-leeftijd is bereikt vóór de vergunning (of, zonder vergunning, op de peildatum of "
        "voordat voorinburgering kon beginnen), dus betrokkene wordt niet inburgeringsplichtig (art. 3.1, 10, Besluit "
        "3.17 lid 1).",
        leeg="nvt",
    ),
    gehuisvest=Reason(
        "Not applicable: registered in the housing municipality before voorinburgering could start (art. 10).",
        "Niet van toepassing: al ingeschreven in de huisvestingsgemeente voordat voorinburgering kon beginnen "
        "(art. 10).",
        leeg="nvt",
    ),
    onbekend=Reason(
        "Unknown: the permit date (or, where allowed, the application date) is missing.",
        "Onbekend: de vergunningsdatum (of, waar toegestaan, de aanvraagdatum) ontbreekt.",
    ),
    na_vergunning=Reason(
        "Not before the permit: under the rules in force voorinburgering begins with the permit for this applicant "
        "(an earlier start is for applicants with a high chance of protection, or none), and no permit is given.",
        "Niet voor de vergunning: volgens de geldende regels begint voorinburgering voor deze aanvrager met de "
        "vergunning (een eerdere start is er voor aanvragers met een grote kans op bescherming, of voor niemand), "
        "en er is geen vergunning opgegeven.",
        leeg="geen",
    ),
    verblijf_geeindigd=Reason(
        "Not applicable: a rejection ended the lawful stay (Vw 2000 art. 82) before voorinburgering could start; it "
        "is for those who are or will be obliged, who stay lawfully (art. 10, 3.1).",
        "Niet van toepassing: een afwijzing beëindigde het rechtmatig verblijf (art. 82 Vw 2000) voordat "
        "voorinburgering kon beginnen; die is voor wie inburgeringsplichtig is of wordt, wie rechtmatig verblijft "
        "(art. 10, 3.1).",
        leeg="nvt",
    ),
    nooit_plichtig=Reason(
        "Not applicable: the person is never obliged to integrate (a national of the EU, the EEA or Switzerland, a UK "
        "national living here from before 2021, a stay for a temporary purpose, or a Turkish national living here "
        "from before this Act: art. 3.1, 3.2, 3.3), and "
        "voorinburgering is for those who are or will be obliged (art. 10, Besluit 3.17 lid 1).",
        "Niet van toepassing: betrokkene wordt nooit inburgeringsplichtig (onderdaan van de EU, de EER of "
        "Zwitserland, een Britse onderdaan die hier al vóór 2021 woonde, verblijf met een tijdelijk doel, of een Turkse onderdaan die hier al vóór deze wet woonde: art. "
        "3.1, 3.2, 3.3), en voorinburgering is voor wie inburgeringsplichtig is of wordt (art. 10, Besluit 3.17 lid "
        "1).",
        leeg="nvt",
    ),
    kansrijk_onbekend=Reason(
        "Unknown: under the rules in force voorinburgering starts at the asylum application for an applicant with a "
        "high chance of protection (kansrijk) and at the permit otherwise, and the chance is not given.",
        "Onbekend: volgens de geldende regels begint voorinburgering bij de asielaanvraag voor een aanvrager met een "
        "grote kans op bescherming (kansrijk) en anders bij de vergunning, en die kans is niet opgegeven.",
    ),
    wi2013=Reason(
        "Not applicable: the old Wet inburgering still applies to this person (art. 54.1); voorinburgering is for "
        "those obliged under this Act (art. 10, Besluit 3.17).",
        "Niet van toepassing: voor betrokkene geldt de oude Wet inburgering nog (art. 54.1); voorinburgering is voor "
        "wie onder deze wet inburgeringsplichtig is (art. 10, Besluit 3.17).",
        leeg="nvt",
    ),
    vanaf16=Reason(
        "From the {plicht.minimumleeftijd}th birthday, when the person will be obliged to integrate (art. 3.1), if "
        "still in reception then: voorinburgering is only for those who are or will be obliged (art. 10, Besluit "
        "3.17 lid 1).",
        "Vanaf de {plicht.minimumleeftijd}e verjaardag, als betrokkene inburgeringsplichtig wordt (art. 3.1), als hij "
        "of zij dan nog in de opvang woont: voorinburgering is alleen voor wie inburgeringsplichtig is of wordt (art. "
        "10, Besluit 3.17 lid 1).",
    ),
    vanaf=Reason(
        "Voluntary voorinburgering (NT2, introductory KNM, MAP and PVT) from this day until registration in the "
        "housing municipality (art. 10, Besluit 3.17).",
        "Vrijwillige voorinburgering (NT2, introductie KNM, MAP en PVT) vanaf deze dag tot inschrijving in de "
        "huisvestingsgemeente (art. 10, Besluit 3.17).",
    ),
    vanaf_aanvraag=Reason(
        "Voluntary voorinburgering from the asylum application, before any permit: the scenario's early start "
        "(as the coalition agreement has it, language lessons from the start of the procedure for applicants "
        "with a high chance of protection); the Act offers it to those who are or will be obliged (art. 10, "
        "Besluit 3.17), until registration in the housing municipality.",
        "Vrijwillige voorinburgering vanaf de asielaanvraag, voor een vergunning: de vroege start van het scenario "
        "(zoals het coalitieakkoord: taallessen vanaf het begin van de procedure voor aanvragers met een grote kans "
        "op bescherming); de wet biedt haar aan wie inburgeringsplichtig is of wordt (art. 10, Besluit 3.17), tot "
        "inschrijving in de huisvestingsgemeente.",
    ),
)


@rule("voorinburgeringVanaf")
def voorinburgering_vanaf(ctx: Context) -> Outcome:
    """First day the person may join voorinburgering, before registration in the housing municipality.

    Art. 10 and Besluit 3.17 lid 1 offer it to persons who are or will be obliged to integrate.
    A child is obliged from the 16th birthday (art. 3.1), so a child in reception may join from
    that birthday, never before. Someone who reaches the AOW age before the permit never becomes
    obliged; without a permit yet, the AOW age reached by the peildatum (or by the day voorinburgering
    could start) decides.
    """
    vr = ctx.col("datumVerblijfsrecht")
    brp = ctx.col("datumInschrijvingBrp")
    ages = age_dates(ctx)
    chance = ctx.col("kansrijk")
    if_high, if_low = _scheme_start(ctx, True), _scheme_start(ctx, False)
    # an unknown chance decides nothing where both days agree, the 16th birthday taken into account (a
    # review found an unknown chance read as low, and then a child's day left open that both chances share)
    both = np.maximum(if_high, ages["dag16"]), np.maximum(if_low, ages["dag16"])
    same = (both[0] == both[1]) | (np.isnat(both[0]) & np.isnat(both[1]))
    undecided = (chance == UNKNOWN) & ~same
    scheme_start = np.where(undecided, NAT, np.where(chance == TRUE, if_high, if_low))
    cand = np.maximum(scheme_start, ages["dag16"])
    # for an unknown chance, the earlier of the two starts: housed or at the AOW age by then is so either way
    earliest = np.where(undecided, np.maximum(np.fmin(if_high, if_low), ages["dag16"]), cand)
    asylum = ctx.col("verblijfsdoel") == ASIEL
    # the person must be below the AOW age when voorinburgering starts and at the permit (else never
    # obliged); without a permit yet, on the peildatum
    decisive = np.maximum(earliest, np.where(np.isnat(vr), ctx.peildatum, vr))
    aow = ~np.isnat(earliest) & (ages["aowDatum"] <= decisive)
    housed_first = ~np.isnat(brp) & ~np.isnat(earliest) & (brp <= earliest)
    # a rejection that ended the stay before it could start, or the old Act (reviews)
    stay_ended = np.isnat(vr) & (stay_ends(ctx) <= earliest)
    reason = _VOOR.select(
        [
            (~asylum, "geen_asiel"),
            (never_obliged(ctx), "nooit_plichtig"),
            (under_old_act(ctx), "wi2013"),
            (aow, "aow"),
            (housed_first, "gehuisvest"),
            (stay_ended, "verblijf_geeindigd"),
            (undecided, "kansrijk_onbekend"),
            # a low chance (or none early) waits for the permit: not "a date is missing" (a legal tester)
            (np.isnat(cand) & np.isnat(vr) & ~np.isnat(ctx.col("datumAsielaanvraag")), "na_vergunning"),
            (np.isnat(cand), "onbekend"),
            (ages["dag16"] > scheme_start, "vanaf16"),
            (np.isnat(vr) | (cand < vr), "vanaf_aanvraag"),
        ],
        default="vanaf",
    )
    dated = [_VOOR.code(k) for k in ("vanaf", "vanaf16", "vanaf_aanvraag")]
    value = np.where(np.isin(reason, dated), cand, NAT)
    return Outcome(
        "voorinburgeringVanaf",
        "date",
        value,
        reason,
        _VOOR,
        cite("W 10", "B 3.17", "W 3.1", "W 3.2.a", "W 3.3", "W 54.1"),
    )


def _scheme_start(ctx: Context, high_chance: bool) -> np.ndarray:
    """The first day the scheme in force offers voorinburgering, for a high or a low chance of protection.

    From the permit, or under a scenario from the asylum application (everyone, or high-chance
    applicants: ``aanvraag-kansrijk``); the earliest over the scheme's dated periods.
    """
    app = ctx.col("datumAsielaanvraag")
    vr = ctx.col("datumVerblijfsrecht")
    triples = []
    for start, end, v in segments(ctx.params, ["asiel.voorinburgering_vanaf"]):
        scheme = v["asiel.voorinburgering_vanaf"]
        early = scheme == "aanvraag" or (scheme == "aanvraag-kansrijk" and high_chance)
        base = np.where(early & ~np.isnat(app), app, vr)
        triples.append((np.maximum(base, start), end, True))
    return earliest_candidate(triples)
