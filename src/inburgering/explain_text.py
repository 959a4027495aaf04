"""Plain-language text for the person calculator, in English or Dutch.

Each result line gives the outcome, the reason in words and the article with its link, so a
counsellor can read it to a newcomer and check it at wetten.overheid.nl.
"""

from __future__ import annotations

from typing import Any

from inburgering.i18n import N_, gettext_for
from inburgering.rules.base import show_parameter
from inburgering.rules.naturalisatie_ontbreekt import ONTBREEKT_TEXT
from inburgering.rules.voldaan_ontbreekt import TEXT as PARTS_TEXT

LABELS: dict[str, str] = {  # each rule's question, in English (said in the reader's language with the catalogue)
    "inburgeringsplichtig": N_("Obliged to integrate (art. 3)"),
    "vrijgesteld": N_("Exempt (art. 4)"),
    "ontheven": N_("Released (art. 5)"),
    "moetInburgeren": N_("Must integrate"),
    "deadlinePip": N_("Deadline for the PIP"),
    "startTermijn": N_("Term starts"),
    "eindeTermijn": N_("Term ends (last day)"),
    "laatsteDagRoutewijziging": N_("Last day for a route change"),
    "verlengingAanvraagVanaf": N_("Extension can be requested from"),
    "verlengingInspanningenMogelijk": N_("Extension for considerable efforts"),
    "afschalingMogelijk": N_("Afschaling to A2 possible"),
    "a2TussenstapKeuze": N_("Choice after the A2 interim step"),
    "afschalingBijPip": N_("A2 in the PIP from the learnability test"),
    "rechtOpMaatschappelijkeBegeleiding": N_("Right to social guidance (MB)"),
    "startMaatschappelijkeBegeleiding": N_("Social guidance starts"),
    "magWerkenVanaf": N_("May work from"),
    "magWerkenTot": N_("May no longer work from (after a rejection)"),
    "rechtmatigVerblijfTot": N_("Lawful stay ends (after a rejection)"),
    "bsnVanaf": N_("Registered in the BRP (BSN) from"),
    "voorinburgeringVanaf": N_("Voorinburgering from"),
    "naturalisatieVroegst": N_("Earliest naturalisation"),
    "naturalisatieOntbreekt": N_("Missing for naturalisation"),
    "leningMogelijk": N_("DUO loan available"),
    "plichtVoldaanOp": N_("Obligation met on"),
    "plichtOntbreekt": N_("Missing for the obligation"),
    "amvBegeleidingTot": N_("Guardian guidance (unaccompanied minor) until"),
}
_WORDS = {True: N_("yes"), False: N_("no"), None: N_("unknown")}
_EMPTY = {"onbekend": N_("unknown"), "nietVanToepassing": N_("not applicable"), "geen": N_("none")}


def question(rule: str, lang: str) -> str:
    """A rule's question in the reader's words ("Term ends (last day)", "Einde termijn (laatste dag)")."""
    return gettext_for(lang)(LABELS[rule]) if rule in LABELS else rule


def show_value(value: Any, lang: str, kind: str = "onbekend") -> str:
    """An outcome in words: yes/no, a list in plain words, a date as written, or what a null means.

    ``kind`` is the trace's ``uitkomstSoort`` for a null value: "onbekend" reads as unknown,
    "nietVanToepassing" as not applicable, "geen" as none; never "unknown" for "not applicable".
    """
    _ = gettext_for(lang)
    if value is None:
        return _(_EMPTY.get(kind, _WORDS[None]))
    if isinstance(value, bool):
        return _(_WORDS[value])
    if isinstance(value, list):
        texts = {**ONTBREEKT_TEXT, **PARTS_TEXT}  # the labels of both lists differ
        words = [_(texts[v]) if v in texts else v for v in value]
        return ", ".join(words) if words else (_("nothing"))
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


def _table(entries: list[dict[str, Any]], lang: str) -> list[str]:
    _ = gettext_for(lang)
    names = [step["regel"] for step in entries[0]["spoor"]]
    width = max(len(question(n, lang)) for n in names) + 2
    cols = [max(len(e["scenario"]), *(len(show_step(step, lang)) for step in e["spoor"])) + 2 for e in entries]
    head = " " * (width + 2) + "".join(e["scenario"].ljust(c) for e, c in zip(entries, cols, strict=True))
    lines = [head.rstrip()]
    for k, name in enumerate(names):
        values = [show_step(e["spoor"][k], lang) for e in entries]
        mark = "*" if len(set(values)) > 1 else " "
        cells = "".join(v.ljust(c) for v, c in zip(values, cols, strict=True))
        lines.append(f"{mark} {question(name, lang).ljust(width)}{cells}".rstrip())
    note = _("* differs between scenarios")
    return [*lines, note]


def render(result: dict[str, Any], lang: str = "en") -> str:
    """The calculator's JSON result as readable text.

    With several scenarios each person gets a side-by-side table first, then the reasons
    under the first scenario, then the reasons for what differs under each other one.
    """
    _ = gettext_for(lang)
    person_w, scen_w, peil_w = _("Person"), _("scenario"), _("peildatum")
    by_person: dict[str, list[dict[str, Any]]] = {}
    for entry in result["resultaten"]:
        by_person.setdefault(entry["persoon"], []).append(entry)
    lines: list[str] = []
    for pid, entries in by_person.items():
        first = entries[0]
        lines.append(f"{person_w} {pid} - {peil_w} {result['peildatum']}")
        if len(entries) > 1:
            lines += _table(entries, lang)
            lines.append("")
        lines.append(f"{scen_w} {first['scenario']}:")
        for step in first["spoor"]:
            lines += _why(step, question(step["regel"], lang), lang)
        for other in entries[1:]:
            changed = [
                s for s, base in zip(other["spoor"], first["spoor"], strict=True) if s["uitkomst"] != base["uitkomst"]
            ]
            if changed:
                lines.append(f"{scen_w} {other['scenario']}, " + (_("what differs:")))
            else:
                none = _("no difference on this date")
                lines.append(f"{scen_w} {other['scenario']}: {none}")
            for step in changed:
                lines += _why(step, question(step["regel"], lang), lang)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def coming_lines(events: list[dict[str, Any]], lang: str, years: int) -> list[str]:
    """A timeline (the JSON of :class:`inburgering.rules.timeline.Event`) as indented lines.

    A date of the person's own reads "2027-02-01  May work from"; an answer that changes with time
    alone reads "2027-12-15  Must integrate: yes -> no"; a change in the law reads
    "2027-01-01  the law changes: May work from: 2027-05-01 -> 2027-01-01", with the parameters
    that changed and the source of each new value on the next line.
    """
    _ = gettext_for(lang)
    title, nothing, law = _("What is coming"), _("nothing dated ahead in the next {years} years"), _("the law changes")
    if not events:
        return [f"  {title}: {nothing.format(years=years)}"]
    lines = [f"  {title}:"]
    for event in events:
        if event["soort"] == "einde":
            lines.append(
                f"    {event['datum']}  "
                + _("stops here: the scenario changes the law on more days than are looked at")
            )
            continue
        label = question(event["regel"], lang)
        if event["soort"] == "datum":
            lines.append(f"    {event['datum']}  {label}")
            continue
        was, now = show_step(event["was"], lang), show_step(event["wordt"], lang)
        if event["soort"] == "tijd":  # with time alone: a birthday, the AOW day, the permit's start
            lines.append(f"    {event['datum']}  {label}: {was} -> {now}")
            continue
        lines.append(f"    {event['datum']}  {law}: {label}: {was} -> {now}")
        for change in event["wijzigingen"]:
            sources = "; ".join(s["bron"] for s in change["bronnen"])
            old, new = show_parameter(change["oud"], lang), show_parameter(change["nieuw"], lang)
            lines.append(f"        {change['pad']}: {old} -> {new}" + (f" ({sources})" if sources else ""))
    return lines
