"""Plain-language text for the person calculator, in English or Dutch.

Each result line gives the outcome, the reason in words and the article with its link, so a
counsellor can read it to a newcomer and check it at wetten.overheid.nl.
"""

from __future__ import annotations

from typing import Any

LABELS: dict[str, tuple[str, str]] = {
    "inburgeringsplichtig": ("Obliged to integrate (art. 3)", "Inburgeringsplichtig (art. 3)"),
    "vrijgesteld": ("Exempt (art. 4)", "Vrijgesteld (art. 4)"),
    "ontheven": ("Released (art. 5)", "Ontheven (art. 5)"),
    "moetInburgeren": ("Must integrate", "Moet inburgeren"),
    "deadlinePip": ("Deadline for the PIP", "Uiterste datum PIP"),
    "startTermijn": ("Term starts", "Start termijn"),
    "eindeTermijn": ("Term ends (last day)", "Einde termijn (laatste dag)"),
    "laatsteDagRoutewijziging": ("Last day for a route change", "Laatste dag routewijziging"),
    "verlengingAanvraagVanaf": ("Extension can be requested from", "Verlenging aan te vragen vanaf"),
    "verlengingInspanningenMogelijk": (
        "Extension for considerable efforts",
        "Verlenging wegens aanzienlijke inspanningen",
    ),
    "afschalingMogelijk": ("Afschaling to A2 possible", "Afschalen naar A2 mogelijk"),
    "a2TussenstapKeuze": ("Choice after the A2 interim step", "Keuze na de A2-tussenstap"),
    "rechtOpMaatschappelijkeBegeleiding": ("Right to social guidance (MB)", "Recht op maatschappelijke begeleiding"),
    "startMaatschappelijkeBegeleiding": ("Social guidance starts", "Start maatschappelijke begeleiding"),
    "magWerkenVanaf": ("May work from", "Mag werken vanaf"),
    "voorinburgeringVanaf": ("Voorinburgering from", "Voorinburgering vanaf"),
    "naturalisatieVroegst": ("Earliest naturalisation", "Vroegste naturalisatie"),
    "naturalisatieOntbreekt": ("Missing for naturalisation", "Ontbreekt voor naturalisatie"),
    "leningMogelijk": ("DUO loan available", "Lening bij DUO mogelijk"),
}
_WORDS = {"en": {True: "yes", False: "no", None: "unknown"}, "nl": {True: "ja", False: "nee", None: "onbekend"}}
_HEAD = {"en": ("Person", "scenario", "peildatum"), "nl": ("Persoon", "scenario", "peildatum")}


def _show(value: Any, lang: str) -> str:
    if isinstance(value, bool) or value is None:
        return _WORDS[lang][value]
    if isinstance(value, list):
        return ", ".join(value) if value else ("nothing" if lang == "en" else "niets")
    return str(value)


def render(result: dict[str, Any], lang: str = "en") -> str:
    """The calculator's JSON result as readable text."""
    index = 0 if lang == "en" else 1
    person_w, scen_w, peil_w = _HEAD[lang]
    lines: list[str] = []
    for entry in result["resultaten"]:
        lines.append(f"{person_w} {entry['persoon']} - {scen_w} {entry['scenario']} - {peil_w} {result['peildatum']}")
        for step in entry["spoor"]:
            label = LABELS[step["regel"]][index]
            lines.append(f"  {label}: {_show(step['uitkomst'], lang)}")
            lines.append(f"      {step['toelichting']}")
            links = sorted({a["url"] for a in step["artikelen"] if a.get("url")})
            if links:
                lines.append("      " + " ; ".join(links))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
