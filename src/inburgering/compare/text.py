"""Words of the comparison: labels, headings and the formats of numbers, shares and amounts.

The labels are written in English (``N_``) and said in the reader's language with the catalogue
(:mod:`inburgering.i18n`); a label without Dutch fails tests/test_i18n.py, not silently.
"""

from __future__ import annotations

import math

import pandas as pd

from inburgering.i18n import N_, format_number, gettext_for

LABELS: dict[str, str] = {
    "aantalInburgeringsplichtigen": N_("Persons obliged to integrate"),
    "maandenVergunningTotLeerroute": N_("Months from permit to PIP, all obliged (children obliged at 18 included)"),
    "aandeelPipNaDeadline": N_("PIP after its legal deadline"),
    "aandeel.voldaanInTermijn": N_("Completed within the term"),
    "aandeel.voldaanMetVerlenging": N_("Completed with an extension"),
    "aandeel.voldaanNaTermijn": N_("Completed after the term"),
    "aandeel.ontheven": N_("Released (ontheffing)"),
    "aandeel.termijnOverschreden": N_("Term exceeded, not completed"),
    "aandeel.aowLeeftijd": N_("Obligation ended at the AOW age"),
    "aandeel.vertrokken": N_("Left the Netherlands"),
    "aandeel.nogBezig": N_("Still in the term"),
    "aandeelB1Behaald": N_("All four skills at B1"),
    "aandeelA2Behaald": N_("All four skills at A2 or higher"),
    "aandeelAfgeschaald": N_("Lowered to A2 (afschaling)"),
    "aandeelRoutewissel": N_("Changed route"),
    "aantalMetLeerroute": N_("Persons with a PIP, by their last route"),
    "aantalAfschalingen": N_("Afschalingen (persons)"),
    "aantalRoutewissels": N_("Route changes (persons)"),
    "aantalMetBegeleiding": N_("Persons with a right to MB (all groups)"),
    "aantalMetBegeleiding.nieuwkomer": N_("MB: newcomers obliged at the permit"),
    "aantalMetBegeleiding.kind": N_("MB: children who came with their parents"),
    "aantalMetBegeleiding.aowLeeftijd": N_("MB: persons of AOW age"),
    "aantalMetBegeleiding.voorraad2022": N_("MB: status holders already in COA in 2022"),
    "aantalGenaturaliseerd": N_("Naturalised by the end of the run (nobody learns on to B1 after the obligation)"),
    "aandeelGenaturaliseerd.wi2013Voorraad": N_(
        "Status holders of 2014-2021 (Wi2013) naturalised by the end of the run (none learns on to B1)"
    ),
    "aandeelNaturalisatieMogelijkBinnen6j": N_(
        "May naturalise within 6 years of the permit (nobody learns on to B1 after the obligation)"
    ),
    "aandeelNaturalisatieMogelijkBinnen10j": N_(
        "May naturalise within 10 years of the permit (nobody learns on to B1 after the obligation)"
    ),
    "aandeelBetaaldWerk12m": N_("In paid work 12 months after the permit, of those living here (housed or in COA)"),
    "aandeelBetaaldWerk36m": N_("In paid work 36 months after the permit, of those living here (housed or in COA)"),
    "aandeelBetaaldWerk60m": N_("In paid work 60 months after the permit, of those living here (housed or in COA)"),
    "asiel": N_("status holders"),
    "gezin": N_("family and other migrants"),
    "alle": N_("all"),
    "man": N_("men"),
    "vrouw": N_("women"),
    "b1": N_("B1-route"),
    "onderwijs": N_("onderwijsroute"),
    "z": N_("Z-route"),
    "geenPip": N_("no PIP"),
    "rijk": N_("state"),
    "gemeente": N_("municipalities"),
    "persoon": N_("the person"),
}

HEADINGS: dict[str, str] = {
    "title": N_("Civic integration: scenarios compared"),
    "headline": N_("Headline findings"),
    "kern": N_("Key indicators"),
    "flows": N_("From obligation to outcome"),
    "progress": N_("Progress since the notice"),
    "work": N_("Paid work over time, by sex"),
    "costs": N_("Costs by payer and item"),
    "gap": N_("The municipal gap"),
    "naturalisation": N_("Naturalisation"),
    "scenarios": N_("The scenarios"),
    "fit": N_("How well the model fits published figures"),
    "changes": N_("Which change does what"),
    "sensitivity": N_("Assumptions that drive the differences"),
    "method": N_("How to read this report"),
    "data": N_("Data table"),
    "scenario": N_("scenario"),
    "indicator": N_("indicator"),
    "group": N_("group"),
    "value": N_("value (90% interval)"),
    "difference": N_("difference with baseline (90% interval)"),
    "unchanged": N_(
        "changes nothing within the horizon of this run: every indicator equals the baseline in every draw"
    ),
}

COST_ITEMS: dict[str, str] = {
    # every cost item of sim/costs.py and sim/costs_levers.py; a test checks it is complete
    "opvang": N_("COA reception"),
    "leerroute": N_("Learning route"),
    "leerrouteB1": N_("Learning route: B1-route"),
    "leerrouteOnderwijs": N_("Learning route: onderwijsroute"),
    "leerrouteZ": N_("Learning route: Z-route"),
    "gemeentefondsInkomsten": N_("Gemeentefonds for execution (received)"),
    "gemeentefondsUitkering": N_("Gemeentefonds for execution (paid)"),
    "spukOnderwijsrouteInkomsten": N_("SPUK onderwijsroute 2022-2025 (received)"),
    "spukOnderwijsrouteUitkering": N_("SPUK onderwijsroute 2022-2025 (paid)"),
    "examens": N_("Exams"),
    "map": N_("Labour market and participation module (MAP)"),
    "pvt": N_("Participation statement (PVT)"),
    "duoBoetes": N_("DUO fines paid"),
    "duoBoeteInkomsten": N_("DUO fines received"),
    "collegeBoetes": N_("Municipal fines paid"),
    "collegeBoeteInkomsten": N_("Municipal fines received"),
    "uitvoering": N_("Municipal execution"),
    "begeleiding": N_("Social guidance (MB)"),
    "amvBegeleiding": N_("Guardianship of unaccompanied minors"),
    "vergunningVerlenging": N_("Permit renewals (IND)"),
    "spukInkomsten": N_("SPUK income"),
    "spukUitkering": N_("SPUK paid to municipalities"),
    "spukTerugbetaling": N_("Unspent SPUK paid back (art. 42)"),
    "spukTerugvordering": N_("Unspent SPUK reclaimed from municipalities (art. 42)"),
    "voorinburgering": N_("Voorinburgering in COA"),
    "taalmaatjes": N_("Language buddies"),
    "participatie": N_("Participation support (B1 and onderwijs routes)"),
    "kinderopvang": N_("Childcare during lessons"),
    "a2Evaluatie": N_("A2 interim evaluation"),
    "a2Vervolg": N_("support towards work after finishing at A2"),
    "brpInschrijvingCoa": N_("BRP registration in COA"),
    "opvangBijdrage": N_("Contribution to reception from work (paid)"),
    "opvangBijdrageInkomsten": N_("Contribution to reception from work (received)"),
    "naturalisatie": N_("Naturalisation requests handled"),
    "naturalisatieLeges": N_("Naturalisation fees paid"),
    "legesInkomsten": N_("Naturalisation fees received"),
}
LABELS.update({f"kosten.{k}": en for k, en in COST_ITEMS.items()})
# the totals per payer (compare.attribution's PAYERS), as the per-change table (bijdragen) names its cost
# outcomes: one place for the report and the workbook (a review found the codes in the workbook)
LABELS.update(
    {
        "kosten.alle": N_("Costs, every payer"),
        "kosten.rijk": N_("Costs, state"),
        "kosten.gemeente": N_("Costs, municipalities"),
        "kosten.coa": N_("Costs, COA"),
        "kosten.duo": N_("Costs, DUO"),
        "kosten.persoon": N_("Costs, persons"),
    }
)


def label(key: str, lang: str) -> str:
    """The reader's word for an indicator or category (the key itself when none is set)."""
    return gettext_for(lang)(LABELS[key]) if key in LABELS else key


def heading(key: str, lang: str) -> str:
    """A heading or fixed phrase."""
    return gettext_for(lang)(HEADINGS[key])


MINUS = "\u2212"  # the typographic minus: "-" reads as a hyphen


def _missing(x: object) -> bool:
    """No number to show: None, NaN of any float type, pandas' NA, or an infinity."""
    try:
        return bool(pd.isna(x)) or not math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def _signed(text: str, x: float, signed: bool) -> str:
    """``text`` (the magnitude, already rounded) with the sign a reader expects.

    A value that rounds to zero gets no sign: "-0.0 pp" says there is a fall where there is none.
    """
    if not signed and x >= 0:
        return text
    if set(text) <= set("0.,"):
        return text
    return ("+" if x > 0 else MINUS) + text


def _not_available(lang: str) -> str:
    _ = gettext_for(lang)
    return _("n/a")


def pct(x: float, lang: str, points: bool = False) -> str:
    """A share as a percentage (or a signed difference in percentage points), in the locale's format."""
    if _missing(x):
        return _not_available(lang)
    _ = gettext_for(lang)
    unit = _(" pp") if points else "%"
    return _signed(format_number(abs(100 * x), lang, 1), x, points) + unit


def number(x: float, lang: str, signed: bool = False, decimals: int = 0) -> str:
    """A count or an amount with thousands separators, in the locale's format (CLDR, through Babel)."""
    if _missing(x):
        return _not_available(lang)
    return _signed(format_number(abs(x), lang, decimals), x, signed)


def euro_amount(x: float, lang: str, signed: bool = False) -> str:
    """An amount in whole euros, the sign before the euro sign ("−€1.234", not "€-1.234")."""
    if _missing(x):
        return _not_available(lang)
    magnitude = number(abs(x), lang)
    sign = _signed(magnitude, x, signed)[: -len(magnitude)]
    return f"{sign}€{magnitude}"


def euros(x: float, lang: str, signed: bool = False) -> str:
    """Euros in millions; the sign before the euro sign ("−€3 mln", not "€-3 mln")."""
    if _missing(x):
        return _not_available(lang)
    _ = gettext_for(lang)
    return _("{amount}m").format(amount=euro_amount(x / 1e6, lang, signed))
