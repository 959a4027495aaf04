"""Words of the comparison in English and Dutch: labels, headings and the headline sentences.

All user-facing wording of the terminal table and the report is here, so the two languages
stay side by side and a missing translation is a KeyError in the tests, not a silent gap.
"""

from __future__ import annotations

import math

import pandas as pd

LABELS: dict[str, dict[str, str]] = {
    "aantalInburgeringsplichtigen": {"en": "Persons obliged to integrate", "nl": "Inburgeringsplichtigen"},
    "maandenVergunningTotLeerroute": {
        "en": "Months from permit to start of the learning route (PIP)",
        "nl": "Maanden van vergunning tot start leerroute (PIP)",
    },
    "aandeel.voldaanInTermijn": {"en": "Completed within the term", "nl": "Voldaan binnen de termijn"},
    "aandeel.voldaanMetVerlenging": {"en": "Completed with an extension", "nl": "Voldaan met verlenging"},
    "aandeel.voldaanNaTermijn": {"en": "Completed after the term", "nl": "Voldaan na de termijn"},
    "aandeel.ontheven": {"en": "Released (ontheffing)", "nl": "Ontheven"},
    "aandeel.termijnOverschreden": {"en": "Term exceeded, not completed", "nl": "Termijn overschreden, niet voldaan"},
    "aandeel.vertrokken": {"en": "Left the Netherlands", "nl": "Vertrokken uit Nederland"},
    "aandeel.nogBezig": {"en": "Still in the term", "nl": "Nog binnen de termijn bezig"},
    "aandeelB1Behaald": {"en": "All four skills at B1", "nl": "Alle vier vaardigheden op B1"},
    "aandeelA2Behaald": {"en": "All four skills at A2 or higher", "nl": "Alle vier vaardigheden op A2 of hoger"},
    "aandeelAfgeschaald": {"en": "Lowered to A2 (afschaling)", "nl": "Afgeschaald naar A2"},
    "aandeelRoutewissel": {"en": "Changed route", "nl": "Van leerroute gewisseld"},
    "aantalMetLeerroute": {
        "en": "Persons with a PIP, by their last route",
        "nl": "Personen met een PIP, naar hun laatste leerroute",
    },
    "aantalAfschalingen": {"en": "Afschalingen (persons)", "nl": "Afschalingen (personen)"},
    "aantalRoutewissels": {"en": "Route changes (persons)", "nl": "Routewisselingen (personen)"},
    "aantalMetBegeleiding": {
        "en": "Persons with a right to MB (all groups)",
        "nl": "Personen met recht op maatschappelijke begeleiding (alle groepen)",
    },
    "aantalMetBegeleiding.nieuwkomer": {
        "en": "MB: newcomers obliged at the permit",
        "nl": "MB: nieuwkomers, plichtig bij de vergunning",
    },
    "aantalMetBegeleiding.kind": {
        "en": "MB: children who came with their parents",
        "nl": "MB: kinderen die met hun ouders kwamen",
    },
    "aantalMetBegeleiding.aowLeeftijd": {"en": "MB: persons of AOW age", "nl": "MB: personen op AOW-leeftijd"},
    "aantalMetBegeleiding.voorraad2022": {
        "en": "MB: status holders already in COA in 2022",
        "nl": "MB: statushouders al in COA in 2022",
    },
    "aantalGenaturaliseerd": {
        "en": "Naturalised by the end of the run",
        "nl": "Genaturaliseerd aan het eind van de berekening",
    },
    "aandeelGenaturaliseerd.wi2013Voorraad": {
        "en": "Status holders of 2014-2021 (Wi2013) naturalised by the end of the run (none learns on to B1)",
        "nl": "Statushouders van 2014-2021 (Wi2013) genaturaliseerd aan het eind van de berekening (niemand leert door tot B1)",
    },
    "aandeelNaturalisatieMogelijkBinnen6j": {
        "en": "May naturalise within 6 years of the permit",
        "nl": "Kan naturaliseren binnen 6 jaar na de vergunning",
    },
    "aandeelNaturalisatieMogelijkBinnen10j": {
        "en": "May naturalise within 10 years of the permit",
        "nl": "Kan naturaliseren binnen 10 jaar na de vergunning",
    },
    "aandeelBetaaldWerk12m": {
        "en": "In paid work 12 months after the permit",
        "nl": "Betaald werk 12 maanden na vergunning",
    },
    "aandeelBetaaldWerk36m": {
        "en": "In paid work 36 months after the permit",
        "nl": "Betaald werk 36 maanden na vergunning",
    },
    "aandeelBetaaldWerk60m": {
        "en": "In paid work 60 months after the permit",
        "nl": "Betaald werk 60 maanden na vergunning",
    },
    "asiel": {"en": "status holders", "nl": "statushouders"},
    "gezin": {"en": "family and other migrants", "nl": "gezins- en overige migranten"},
    "alle": {"en": "all", "nl": "alle"},
    "man": {"en": "men", "nl": "mannen"},
    "vrouw": {"en": "women", "nl": "vrouwen"},
    "b1": {"en": "B1-route", "nl": "B1-route"},
    "onderwijs": {"en": "onderwijsroute", "nl": "onderwijsroute"},
    "z": {"en": "Z-route", "nl": "Z-route"},
    "geenPip": {"en": "no PIP", "nl": "geen PIP"},
    "rijk": {"en": "state", "nl": "Rijk"},
    "gemeente": {"en": "municipalities", "nl": "gemeenten"},
    "persoon": {"en": "the person", "nl": "de persoon"},
}

HEADINGS: dict[str, dict[str, str]] = {
    "title": {"en": "Civic integration: scenarios compared", "nl": "Inburgering: scenario's vergeleken"},
    "headline": {"en": "Headline findings", "nl": "De belangrijkste uitkomsten"},
    "kern": {"en": "Key indicators", "nl": "Kernindicatoren"},
    "flows": {"en": "From obligation to outcome", "nl": "Van plicht tot uitkomst"},
    "progress": {"en": "Progress since the notice", "nl": "Voortgang sinds de kennisgeving"},
    "work": {"en": "Paid work over time, by sex", "nl": "Betaald werk in de tijd, naar geslacht"},
    "costs": {"en": "Costs by payer and item", "nl": "Kosten per betaler en post"},
    "gap": {"en": "The municipal gap", "nl": "Het tekort van gemeenten"},
    "naturalisation": {"en": "Naturalisation", "nl": "Naturalisatie"},
    "scenarios": {"en": "The scenarios", "nl": "De scenario's"},
    "fit": {
        "en": "How well the model fits published figures",
        "nl": "Hoe goed het model past bij gepubliceerde cijfers",
    },
    "changes": {"en": "Which change does what", "nl": "Welke wijziging doet wat"},
    "sensitivity": {"en": "Assumptions that drive the differences", "nl": "Aannames die de verschillen bepalen"},
    "method": {"en": "How to read this report", "nl": "Hoe u dit rapport leest"},
    "data": {"en": "Data table", "nl": "Gegevenstabel"},
    "scenario": {"en": "scenario", "nl": "scenario"},
    "indicator": {"en": "indicator", "nl": "indicator"},
    "group": {"en": "group", "nl": "groep"},
    "value": {"en": "value (90% interval)", "nl": "waarde (90%-interval)"},
    "difference": {"en": "difference with baseline (90% interval)", "nl": "verschil met basis (90%-interval)"},
    "unchanged": {
        "en": "changes nothing within the horizon of this run: every indicator equals the baseline in every draw",
        "nl": "verandert niets binnen de horizon van deze berekening: elke indicator is in elke trekking gelijk aan de basis",
    },
}

COST_ITEMS: dict[str, tuple[str, str]] = {
    # every cost item of sim/costs.py and sim/costs_levers.py: (English, Dutch); a test checks it is complete
    "opvang": ("COA reception", "COA-opvang"),
    "leerroute": ("Learning route", "Leerroute"),
    "leerrouteB1": ("Learning route: B1-route", "Leerroute: B1-route"),
    "leerrouteOnderwijs": ("Learning route: onderwijsroute", "Leerroute: onderwijsroute"),
    "leerrouteZ": ("Learning route: Z-route", "Leerroute: Z-route"),
    "gemeentefondsInkomsten": (
        "Gemeentefonds for execution (received)",
        "Gemeentefonds voor de uitvoering (ontvangen)",
    ),
    "gemeentefondsUitkering": ("Gemeentefonds for execution (paid)", "Gemeentefonds voor de uitvoering (betaald)"),
    "spukOnderwijsrouteInkomsten": (
        "SPUK onderwijsroute 2022-2025 (received)",
        "SPUK onderwijsroute 2022-2025 (ontvangen)",
    ),
    "spukOnderwijsrouteUitkering": ("SPUK onderwijsroute 2022-2025 (paid)", "SPUK onderwijsroute 2022-2025 (betaald)"),
    "examens": ("Exams", "Examens"),
    "map": ("Labour market and participation module (MAP)", "Module Arbeidsmarkt en Participatie (MAP)"),
    "pvt": ("Participation statement (PVT)", "Participatieverklaringstraject (PVT)"),
    "duoBoetes": ("DUO fines paid", "Boetes van DUO (betaald)"),
    "duoBoeteInkomsten": ("DUO fines received", "Boetes van DUO (ontvangen)"),
    "collegeBoetes": ("Municipal fines paid", "Boetes van het college (betaald)"),
    "collegeBoeteInkomsten": ("Municipal fines received", "Boetes van het college (ontvangen)"),
    "uitvoering": ("Municipal execution", "Uitvoering door de gemeente"),
    "begeleiding": ("Social guidance (MB)", "Maatschappelijke begeleiding"),
    "amvBegeleiding": ("Guardianship of unaccompanied minors", "Voogdij alleenstaande minderjarigen"),
    "vergunningVerlenging": ("Permit renewals (IND)", "Verlengingen van vergunningen (IND)"),
    "spukInkomsten": ("SPUK income", "SPUK-inkomsten"),
    "spukUitkering": ("SPUK paid to municipalities", "SPUK-uitkering aan gemeenten"),
    "voorinburgering": ("Voorinburgering in COA", "Voorinburgering in het COA"),
    "taalmaatjes": ("Language buddies", "Taalmaatjes"),
    "participatie": (
        "Participation support (B1 and onderwijs routes)",
        "Participatieondersteuning (B1- en onderwijsroute)",
    ),
    "kinderopvang": ("Childcare during lessons", "Kinderopvang tijdens de lessen"),
    "a2Evaluatie": ("A2 interim evaluation", "Evaluatie na de A2-tussenstap"),
    "brpInschrijvingCoa": ("BRP registration in COA", "Inschrijving in de BRP in het COA"),
    "opvangBijdrage": ("Contribution to reception from work (paid)", "Eigen bijdrage aan de opvang uit werk (betaald)"),
    "opvangBijdrageInkomsten": (
        "Contribution to reception from work (received)",
        "Eigen bijdrage aan de opvang uit werk (ontvangen)",
    ),
    "naturalisatie": ("Naturalisation requests handled", "Behandeling naturalisatieverzoeken"),
    "naturalisatieLeges": ("Naturalisation fees paid", "Leges naturalisatie (betaald)"),
    "legesInkomsten": ("Naturalisation fees received", "Leges naturalisatie (ontvangen)"),
}
LABELS.update({f"kosten.{k}": {"en": en, "nl": nl} for k, (en, nl) in COST_ITEMS.items()})


def label(key: str, lang: str) -> str:
    """The reader's word for an indicator or category (the key itself when none is set)."""
    return LABELS[key][lang] if key in LABELS else key


def heading(key: str, lang: str) -> str:
    """A heading or fixed phrase."""
    return HEADINGS[key][lang]


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


def pct(x: float, lang: str, points: bool = False) -> str:
    """A share as a percentage (or a signed difference in percentage points), in the locale's format."""
    if _missing(x):
        return "n/a" if lang == "en" else "n.b."
    unit = (" pp" if lang == "en" else " procentpunt") if points else "%"
    text = _signed(f"{abs(100 * x):.1f}", x, points)
    return (text.replace(".", ",") if lang == "nl" else text) + unit


def number(x: float, lang: str, signed: bool = False, decimals: int = 0) -> str:
    """A count or an amount with thousands separators, in the locale's format."""
    if _missing(x):
        return "n/a" if lang == "en" else "n.b."
    text = f"{abs(x):,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return _signed(text, x, signed)


def euro_amount(x: float, lang: str, signed: bool = False) -> str:
    """An amount in whole euros, the sign before the euro sign ("−€1.234", not "€-1.234")."""
    if _missing(x):
        return "n/a" if lang == "en" else "n.b."
    magnitude = number(abs(x), lang)
    sign = _signed(magnitude, x, signed)[: -len(magnitude)]
    return f"{sign}€{magnitude}"


def euros(x: float, lang: str, signed: bool = False) -> str:
    """Euros in millions; the sign before the euro sign ("−€3 mln", not "€-3 mln")."""
    if _missing(x):
        return "n/a" if lang == "en" else "n.b."
    text = euro_amount(x / 1e6, lang, signed)
    return f"{text} mln" if lang == "nl" else f"{text}m"
