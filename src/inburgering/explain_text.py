"""Plain-language text for the person calculator, in English or Dutch.

Each result line gives the outcome, the reason in words and the article with its link, so a
counsellor can read it to a newcomer and check it at wetten.overheid.nl.
"""

from __future__ import annotations

from typing import Any

from inburgering.rules.base import show_parameter
from inburgering.rules.naturalisatie import ONTBREEKT_TEXT

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
    "magWerkenTot": ("May no longer work from (after a rejection)", "Mag niet meer werken vanaf (na afwijzing)"),
    "bsnVanaf": ("Registered in the BRP (BSN) from", "Ingeschreven in de BRP (BSN) vanaf"),
    "voorinburgeringVanaf": ("Voorinburgering from", "Voorinburgering vanaf"),
    "naturalisatieVroegst": ("Earliest naturalisation", "Vroegste naturalisatie"),
    "naturalisatieOntbreekt": ("Missing for naturalisation", "Ontbreekt voor naturalisatie"),
    "leningMogelijk": ("DUO loan available", "Lening bij DUO mogelijk"),
    "plichtVoldaanOp": ("Obligation met on", "Inburgeringsplicht voldaan op"),
    "amvBegeleidingTot": (
        "Guardian guidance (unaccompanied minor) until",
        "Begeleiding alleenstaande minderjarige tot",
    ),
}
_WORDS = {"en": {True: "yes", False: "no", None: "unknown"}, "nl": {True: "ja", False: "nee", None: "onbekend"}}
_EMPTY = {
    "en": {"onbekend": "unknown", "nietVanToepassing": "not applicable", "geen": "none"},
    "nl": {"onbekend": "onbekend", "nietVanToepassing": "niet van toepassing", "geen": "geen"},
}
_HEAD = {"en": ("Person", "scenario", "peildatum"), "nl": ("Persoon", "scenario", "peildatum")}


def show_value(value: Any, lang: str, kind: str = "onbekend") -> str:
    """An outcome in words: yes/no, a list in plain words, a date as written, or what a null means.

    ``kind`` is the trace's ``uitkomstSoort`` for a null value: "onbekend" reads as unknown,
    "nietVanToepassing" as not applicable, "geen" as none; never "unknown" for "not applicable".
    """
    if value is None:
        return _EMPTY[lang].get(kind, _WORDS[lang][None])
    if isinstance(value, bool):
        return _WORDS[lang][value]
    if isinstance(value, list):
        index = 0 if lang == "en" else 1
        words = [ONTBREEKT_TEXT[v][index] if v in ONTBREEKT_TEXT else v for v in value]
        return ", ".join(words) if words else ("nothing" if lang == "en" else "niets")
    return str(value)


def show_step(step: dict[str, Any], lang: str) -> str:
    """A trace step's outcome in words."""
    return show_value(step["uitkomst"], lang, step.get("uitkomstSoort", "onbekend"))


def _why(step: dict[str, Any], label: str, lang: str) -> list[str]:
    lines = [f"  {label}: {show_step(step, lang)}", f"      {step['toelichting']}"]
    links = sorted({a["url"] for a in step["artikelen"] if a.get("url")})
    if links:
        lines.append("      " + " ; ".join(links))
    return lines


def _table(entries: list[dict[str, Any]], index: int, lang: str) -> list[str]:
    names = [step["regel"] for step in entries[0]["spoor"]]
    width = max(len(LABELS[n][index]) for n in names) + 2
    cols = [max(len(e["scenario"]), *(len(show_step(step, lang)) for step in e["spoor"])) + 2 for e in entries]
    head = " " * (width + 2) + "".join(e["scenario"].ljust(c) for e, c in zip(entries, cols, strict=True))
    lines = [head.rstrip()]
    for k, name in enumerate(names):
        values = [show_step(e["spoor"][k], lang) for e in entries]
        mark = "*" if len(set(values)) > 1 else " "
        cells = "".join(v.ljust(c) for v, c in zip(values, cols, strict=True))
        lines.append(f"{mark} {LABELS[name][index].ljust(width)}{cells}".rstrip())
    note = "* differs between scenarios" if lang == "en" else "* verschilt tussen scenario's"
    return [*lines, note]


def render(result: dict[str, Any], lang: str = "en") -> str:
    """The calculator's JSON result as readable text.

    With several scenarios each person gets a side-by-side table first, then the reasons
    under the first scenario, then the reasons for what differs under each other one.
    """
    index = 0 if lang == "en" else 1
    person_w, scen_w, peil_w = _HEAD[lang]
    by_person: dict[str, list[dict[str, Any]]] = {}
    for entry in result["resultaten"]:
        by_person.setdefault(entry["persoon"], []).append(entry)
    lines: list[str] = []
    for pid, entries in by_person.items():
        first = entries[0]
        lines.append(f"{person_w} {pid} - {peil_w} {result['peildatum']}")
        if len(entries) > 1:
            lines += _table(entries, index, lang)
            lines.append("")
        lines.append(f"{scen_w} {first['scenario']}:")
        for step in first["spoor"]:
            lines += _why(step, LABELS[step["regel"]][index], lang)
        for other in entries[1:]:
            changed = [
                s for s, base in zip(other["spoor"], first["spoor"], strict=True) if s["uitkomst"] != base["uitkomst"]
            ]
            if changed:
                lines.append(
                    f"{scen_w} {other['scenario']}, " + ("what differs:" if lang == "en" else "wat verschilt:")
                )
            else:
                none = "no difference on this date" if lang == "en" else "geen verschil op deze datum"
                lines.append(f"{scen_w} {other['scenario']}: {none}")
            for step in changed:
                lines += _why(step, LABELS[step["regel"]][index], lang)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_COMING = {
    "en": ("What is coming", "nothing dated ahead in the next {years} years", "the law changes"),
    "nl": ("Wat komt er aan", "niets met een datum in de komende {years} jaar", "de wet verandert"),
}


def coming_lines(events: list[dict[str, Any]], lang: str, years: int) -> list[str]:
    """A timeline (the JSON of :class:`inburgering.rules.timeline.Event`) as indented lines.

    A date of the person's own reads "2027-02-01  May work from"; a change in the law reads
    "2027-01-01  the law changes: May work from: 2027-05-01 -> 2027-01-01", with the parameters
    that changed and the source of each new value on the next line.
    """
    index = 0 if lang == "en" else 1
    title, nothing, law = _COMING[lang]
    if not events:
        return [f"  {title}: {nothing.format(years=years)}"]
    lines = [f"  {title}:"]
    for event in events:
        label = LABELS[event["regel"]][index]
        if event["soort"] == "datum":
            lines.append(f"    {event['datum']}  {label}")
            continue
        was, now = show_step(event["was"], lang), show_step(event["wordt"], lang)
        lines.append(f"    {event['datum']}  {law}: {label}: {was} -> {now}")
        for change in event["wijzigingen"]:
            sources = "; ".join(s["bron"] for s in change["bronnen"])
            old, new = show_parameter(change["oud"], lang), show_parameter(change["nieuw"], lang)
            lines.append(f"        {change['pad']}: {old} -> {new}" + (f" ({sources})" if sources else ""))
    return lines
