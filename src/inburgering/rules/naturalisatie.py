"""Naturalisation (Rijkswet op het Nederlanderschap art. 8): the earliest date and what is missing.

``naturalisatieVroegst`` is the earliest day on which the conditions of the regime in force
that day are met: the residence years counted from the start of lawful residence (toelating:
``datumVerblijfsrecht``, or for an asylum permit the asylum application it takes effect from,
Vw 2000 art. 44.2), the number of
temporary permits held (where a scenario asks for it) and, when already met, the integration
requirement. Conditions not met on the peildatum are listed in ``naturalisatieOntbreekt``;
the date then reads "provided these are met by then".

The integration requirement is ``A2`` or ``B1`` (all four language components at that level
and KNM), or ``inburgering`` (the obligation met at the level of the route: B1-route A2,
onderwijsroute B1, Z-route PVT and MAP). Exempt or released persons meet it.

Where the rules of a day have a hardship clause (``naturalisatie.hardheidsclausule``), a
person shown to be unable to meet the language requirement (``aantoonbaarNietInStaatTaaleis``)
does not need it. Such a person cannot meet it later either, so a day whose rules ask them for
a language level without a clause is no candidate for them (unless they already met it). The
Z-route's requirement under ``inburgering`` (PVT and MAP) asks no language level.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import NAT, MonthIndex
from inburgering.law.citations import parse_citation
from inburgering.rules.base import Context, Outcome, Reason, rule
from inburgering.rules.dated import earliest_candidate, segments
from inburgering.rules.examens import all_passed_on, level_code
from inburgering.rules.logic import TRUE
from inburgering.rules.plicht import ASIEL, TIJDELIJK

_PARAMS = (
    "naturalisatie.verblijfsjaren",
    "naturalisatie.min_tijdelijke_vergunningen",
    "naturalisatie.inburgeringsvereiste",
    "naturalisatie.hardheidsclausule",
)
_EARLY = np.datetime64("1900-01-01", "D")
_TEMPORARY_KINDS = (0, 2)  # asiel-bepaald, regulier-bepaald


def _integration_met_on(ctx: Context, requirement: str) -> np.ndarray:
    """Date the integration requirement was met (by the peildatum), else NaT (memoised)."""

    def compute() -> np.ndarray:
        exempt = (ctx.col("ontheffing") == TRUE) | (ctx.get("vrijgesteld").value == TRUE)
        if requirement in ("A2", "B1"):
            met = all_passed_on(ctx, level_code(requirement))
        else:
            route = ctx.col("leerroute")
            pvt, map_ = ctx.col("datumPvtAfgerond"), ctx.col("datumMapAfgerond")
            z_done = np.where((pvt <= ctx.peildatum) & (map_ <= ctx.peildatum), np.maximum(pvt, map_), NAT)
            met = np.where(route == 0, all_passed_on(ctx, level_code("A2")), NAT)
            met = np.where(route == 1, all_passed_on(ctx, level_code("B1")), met)
            met = np.where(route == 2, z_done, met)
        return np.where(exempt, _EARLY, met)

    result: np.ndarray = ctx.memo(f"integration_{requirement}", compute)
    return result


def _asks_language(ctx: Context, requirement: str) -> np.ndarray:
    """Whether ``requirement`` asks each person for a language level (the Z-route's PVT and MAP do not)."""
    if requirement in ("A2", "B1"):
        return np.ones(len(ctx), bool)
    return np.asarray(ctx.col("leerroute") != 2)


def toelating(verblijfsdoel: np.ndarray, permit: np.ndarray, application: np.ndarray) -> np.ndarray:
    """Start of lawful residence for naturalisation: an asylum permit takes effect from the application.

    Vw 2000 art. 44.2: the asylum permit is granted from the day the applicant met its
    conditions, not before the application was received; in practice from the application,
    so the months in the asylum procedure count towards the residence years.
    """
    earlier = (verblijfsdoel == ASIEL) & ~np.isnat(application) & (application < permit)
    return np.where(earlier, application, permit)


def _nth_temporary_permit(ctx: Context, n: int) -> np.ndarray:
    """Start date of the n-th temporary permit (by start date), NaT if fewer were held."""
    out = np.full(len(ctx), NAT)
    if n <= 0:
        return np.full(len(ctx), _EARLY)
    vg = ctx.persons.vergunningen
    keep = np.isin(vg["soort"], _TEMPORARY_KINDS) & (vg["begin"] <= ctx.peildatum)
    who, begin = vg["persoon"][keep], vg["begin"][keep]
    order = np.lexsort((begin, who))
    who, begin = who[order], begin[order]
    first_of = np.searchsorted(who, who, side="left")
    rank = np.arange(len(who)) - first_of
    pick = rank == n - 1
    out[who[pick]] = begin[pick]
    return out


@rule("naturalisatieVroegst")
def naturalisatie_vroegst(ctx: Context) -> Outcome:
    """Earliest naturalisation date under the regime in force on that date."""
    vr = ctx.col("datumVerblijfsrecht")
    unable = ctx.col("aantoonbaarNietInStaatTaaleis") == TRUE
    has_list = ctx.col("heeftVergunningenlijst") == TRUE
    per_segment = []
    vr_months: MonthIndex = ctx.memo(
        "months:toelating",
        lambda: MonthIndex(toelating(ctx.col("verblijfsdoel"), vr, ctx.col("datumAsielaanvraag"))),
    )
    for start, end, v in segments(ctx.params, _PARAMS):
        residence = vr_months.plus(12 * v["naturalisatie.verblijfsjaren"])
        needs_permits = v["naturalisatie.min_tijdelijke_vergunningen"] > 0
        permits = _nth_temporary_permit(ctx, v["naturalisatie.min_tijdelijke_vergunningen"])
        integration = _integration_met_on(ctx, v["naturalisatie.inburgeringsvereiste"])
        language = unable & _asks_language(ctx, v["naturalisatie.inburgeringsvereiste"])
        if v["naturalisatie.hardheidsclausule"]:
            integration = np.where(language, _EARLY, integration)
        allowed = ~(language & np.isnat(integration))
        # unmet conditions do not hold the date back; they are listed as missing
        cand = np.maximum(np.maximum(residence, start), np.where(np.isnat(permits), _EARLY, permits))
        cand = np.maximum(cand, np.where(np.isnat(integration), _EARLY, integration))
        per_segment.append((start, end, cand, allowed, np.isnat(integration), np.isnat(permits), needs_permits))
    value = earliest_candidate([(c, e, a) for _, e, c, a, *_ in per_segment])
    n = len(ctx)
    integration_missing = np.zeros(n, bool)
    permits_missing = np.zeros(n, bool)
    permits_unknown = np.zeros(n, bool)
    for start, end, _, _, integ, perm, needs in per_segment:
        here = ~np.isnat(value) & (value >= start) & (value < end)
        integration_missing |= here & integ
        permits_missing |= here & perm
        if needs:
            permits_unknown |= here & ~has_list
    temporary = ctx.col("verblijfsdoel") == TIJDELIJK
    # permits not listed count as not shown: the date stands, the condition is listed as missing
    never = ~np.isnat(vr) & ~temporary & np.isnat(value)  # unable, and no clause in any rules ahead
    reason = np.select([np.isnat(vr), temporary, never, permits_unknown], [0, 1, 4, 2], default=3).astype(np.int8)
    value = np.where(reason < 2, NAT, value)
    reasons = (
        Reason(
            "Unknown: the date of lawful residence is missing.", "Onbekend: de datum van rechtmatig verblijf ontbreekt."
        ),
        Reason(
            "Residence for a temporary purpose does not count towards naturalisation.",
            "Verblijf met een tijdelijk doel telt niet mee voor naturalisatie.",
        ),
        Reason(
            "The rules then in force ask for temporary permits held and no list of permits (verblijfsvergunningen) was given, so that condition counts as not shown; the date is the earliest provided it is met by then.",
            "De dan geldende regels vragen om eerdere tijdelijke vergunningen en er is geen lijst (verblijfsvergunningen) opgegeven, dus die voorwaarde geldt als niet aangetoond; de datum is de vroegste mits daaraan dan is voldaan.",
        ),
        Reason(
            "Earliest date on which the residence years (and permits) of the rules then in force are met, provided any missing condition is met by then. The years count from the permit, an asylum permit from the asylum application (Vw 2000 art. 44.2).",
            "Vroegste datum waarop aan de verblijfsjaren (en vergunningen) van de dan geldende regels is voldaan, mits ontbrekende voorwaarden dan ook vervuld zijn. De jaren tellen vanaf de vergunning, een asielvergunning vanaf de asielaanvraag (art. 44.2 Vw 2000).",
        ),
        Reason(
            "No date: the person is shown to be unable to meet the language requirement, and the rules have no hardship clause for that.",
            "Geen datum: betrokkene kan aantoonbaar niet aan de taaleis voldoen, en de regels hebben daarvoor geen hardheidsclausule.",
        ),
    )
    ctx.memo("naturalisatie_missing", lambda: {"integration": integration_missing, "permits": permits_missing})
    return Outcome(
        "naturalisatieVroegst",
        "date",
        value,
        reason,
        reasons,
        _articles(),
        _PARAMS,
        (
            "datumVerblijfsrecht",
            "datumAsielaanvraag",
            "aantoonbaarNietInStaatTaaleis",
            "verblijfsdoel",
            "examens",
            "verblijfsvergunningen",
            "leerroute",
        ),
    )


def _articles() -> tuple:
    return (
        parse_citation(
            {
                "bwb": "BWBR0003738",
                "naam": "Rijkswet op het Nederlanderschap",
                "artikel": "8.1.c",
                "url": "https://wetten.overheid.nl/BWBR0003738",
            },
            "naturalisatie",
        ),
        parse_citation(
            {
                "bwb": "BWBR0003738",
                "naam": "Rijkswet op het Nederlanderschap",
                "artikel": "8.1.d",
                "url": "https://wetten.overheid.nl/BWBR0003738",
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


ONTBREEKT_LABELS = ("verblijfsduur", "inburgeringsvereiste", "tijdelijkeVergunningen", "nietTijdelijkVerblijf")


@rule("naturalisatieOntbreekt")
def naturalisatie_ontbreekt(ctx: Context) -> Outcome:
    """Bitmask over :data:`ONTBREEKT_LABELS` (``-1`` = null); lists are made only for output."""
    vroegst = ctx.get("naturalisatieVroegst")
    missing = ctx.memo("naturalisatie_missing", dict)
    n = len(ctx)
    residence = ~np.isnat(vroegst.value) & (vroegst.value > ctx.peildatum)
    integration = missing.get("integration", np.zeros(n, bool))
    permits = missing.get("permits", np.zeros(n, bool))
    mask = residence.astype(np.int8) | (integration.astype(np.int8) << 1) | (permits.astype(np.int8) << 2)
    mask = np.where(vroegst.reason == 1, 8, mask)
    mask = np.where(vroegst.reason == 4, 2, mask)  # the integration requirement, for good
    mask = np.where(vroegst.reason == 0, -1, mask).astype(np.int8)
    reason = np.where(vroegst.reason < 2, vroegst.reason, 3).astype(np.int8)
    extra = Reason(
        "Conditions not met on the peildatum: verblijfsduur (residence years), inburgeringsvereiste (integration requirement), tijdelijkeVergunningen (temporary permits held).",
        "Voorwaarden waaraan op de peildatum niet is voldaan: verblijfsduur, inburgeringsvereiste, tijdelijkeVergunningen.",
    )
    return Outcome(
        "naturalisatieOntbreekt",
        "flags",
        mask,
        reason,
        (*vroegst.reasons[:3], extra),
        vroegst.articles,
        vroegst.parameters,
        vroegst.inputs,
        ONTBREEKT_LABELS,
    )
