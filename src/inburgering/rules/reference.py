"""docs/model/rules.md, written from the rulebook itself: outputs, what each reads, reasons, coverage.

Why generated: a hand-written page drifts from the code (it said "start + 36 months - 1 day"
long after that was wrong). Here every output's articles, parameters, inputs and the other
rules it asks come from running the rules (the Context records what each reads) over random
persons and the legal cases under every shipped scenario, and its reasons from its table. The
coverage table maps each article a rule cites to the outputs and the cases in tests/cases that
exercise it; a test keeps the page current and requires a case for every cited article.
"""

from __future__ import annotations

import inspect
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from inburgering.law.citations import Citation
from inburgering.law.scenario import resolve, shipped_layers
from inburgering.rules.base import RULES, Outcome
from inburgering.rules.person import parse_persons
from inburgering.rules.synthetic import random_persons
from inburgering.rules.trace import OUTPUTS, evaluate

PEILDATA = ("2022-06-01", "2024-06-01", "2026-06-01", "2027-06-01", "2029-06-01", "2032-06-01")
_LAW = {"W": "BWBR0044770", "B": "BWBR0045555"}
_SHORT = {v: k for k, v in _LAW.items()}


def article_key(citation: Citation) -> str | None:
    """How cases name an article: ``W 11.2``, ``B 5.3``, ``BWBR0003738 8.1.a``, ``CELEX:32024L1346 17``."""
    if citation.bwb and citation.artikel:
        law = _SHORT.get(citation.bwb, citation.bwb)
        return f"{law} {citation.artikel}"
    if citation.kind == "celex" and citation.url and citation.artikel:
        return f"CELEX:{citation.url.rsplit('CELEX:', 1)[-1]} {citation.artikel}"
    return None


def load_cases(folder: Path) -> list[dict[str, Any]]:
    """Every legal case of ``folder`` (tests/cases), with its person merged onto the file's base person."""
    out = []
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        base = doc.get("basispersoon") or {}
        for case in doc["cases"]:
            person = {k: _iso(v) for k, v in {**base, **case.get("persoon", {})}.items() if v is not None}
            person.setdefault("id", case["naam"])
            articles = case["artikel"] if isinstance(case["artikel"], list) else [case["artikel"]]
            out.append({**case, "bestand": path.stem, "persoon": person, "artikelen": articles})
    return out


def _iso(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return [{k: _iso(v) for k, v in item.items()} if isinstance(item, dict) else item for item in value]
    return value


class Catalogue:
    """What each output reads, cites and uses, collected over runs of the rulebook."""

    def __init__(self) -> None:
        self.parameters: dict[str, dict[str, None]] = defaultdict(dict)
        self.inputs: dict[str, dict[str, None]] = defaultdict(dict)
        self.uses: dict[str, dict[str, None]] = defaultdict(dict)
        self.articles: dict[str, dict[str, Citation]] = defaultdict(dict)
        self.reasons: dict[str, Outcome] = {}

    def add(self, outcomes: Iterable[Outcome]) -> None:
        """Add what these outcomes read, cite and ask."""
        for o in outcomes:
            self.parameters[o.name].update(dict.fromkeys(o.parameters))
            self.parameters[o.name].update(dict.fromkeys(p for r in o.reasons.texts for p in sorted(r.placeholders())))
            self.inputs[o.name].update(dict.fromkeys(o.inputs))
            self.uses[o.name].update(dict.fromkeys(o.uses))
            for c in o.articles:
                self.articles[o.name][c.label] = c
            self.reasons.setdefault(o.name, o)


def catalogue(cases: list[dict[str, Any]]) -> Catalogue:
    """Run the rulebook over random persons and every case, under every shipped scenario and stack."""
    found = Catalogue()
    persons = random_persons(2000, seed=11)
    scenarios = [*shipped_layers(), "coalitie-2026+vwn-2026"]
    for sid in scenarios:
        for day in PEILDATA:
            found.add(evaluate(persons, day, resolve(sid)).values())
    for case in cases:
        scenario = resolve(case.get("scenario", "wi2021"))
        found.add(evaluate(parse_persons(case["persoon"]), str(case["peildatum"]), scenario).values())
    return found


def _doc(name: str) -> str:
    text = inspect.getdoc(RULES[name]) or ""
    return " ".join(text.split("\n\n", 1)[0].split())


def _codes(names: Iterable[str]) -> str:
    shown = [f"`{n}`" for n in names]
    return ", ".join(shown) if shown else "—"


def coverage(found: Catalogue, cases: list[dict[str, Any]]) -> dict[str, tuple[list[str], list[str]]]:
    """Article → (outputs that cite it, cases that exercise it), for every article a rule cites."""
    by_article: dict[str, tuple[list[str], list[str]]] = {}
    for name in OUTPUTS:
        for citation in found.articles[name].values():
            key = article_key(citation)
            if key is not None:
                by_article.setdefault(key, ([], []))[0].append(name)
    for case in cases:
        for art in case["artikelen"]:
            if art in by_article:
                by_article[art][1].append(f"{case['bestand']}::{case['naam']}")
    return by_article


def _sort_key(article: str) -> tuple[str, list[Any]]:
    law, _, number = article.partition(" ")
    parts = [int(p) if p.isdigit() else p for p in number.replace("°", "").split(".")]
    return (law, [(0, p) if isinstance(p, int) else (1, p) for p in parts])


_INTRO = """# The rulebook

Generated by `make docs` (`python -m inburgering.rules.reference`) from the rules themselves; a test
keeps it current. Do not edit by hand: change the rule, its reasons or its cases.

The rulebook answers, for every person on a reference date (*peildatum*) and under a scenario,
what the Wet inburgering 2021 (BWBR0044770) and the Besluit inburgering 2021 (BWBR0045555), the
Rijkswet op het Nederlanderschap and the Besluit naturalisatietoets, or a proposal to change them,
say applies. The person calculator (`inburgering explain`), the simulation, the API and the caseload
forecast all call the same functions in `src/inburgering/rules/`; none of them re-implements a rule.

Each rule is a pure, vectorised function of the persons, the peildatum and the scenario's parameter
set. It returns a value for every person and a reason per person, chosen by name from the rule's
table; reason texts take their numbers from the parameters on the peildatum. While a rule runs, the
Context records every parameter, input and other rule it reads, so the trace (`spoor`) is exact and
the columns below are what the rules actually read (over random persons and every legal case,
under every shipped scenario).

Conventions that hold for every output:

- **Missing inputs.** Only `id`, `geboortedatum`, `nationaliteit` and `verblijfsdoel` are required.
  A result that needs a missing input is `null`; the trace says whether `null` means unknown
  (`onbekend`), not applicable (`nietVanToepassing`) or none (`geen`).
- **Grounds that must be shown.** Exemption (art. 4), release (art. 5), the family link with a status
  holder and the other grounds a person must show count as not shown when not stated.
- **Dates** (decision 0007). A period of N months that starts on the day after an event ends "van
  datum tot datum": on the day with the event's number in the last month, or that month's last day.
  Only statutory deadlines of at most 3 months (the PIP's 10 weeks) move past a weekend or holiday
  (Algemene termijnenwet). End dates are inclusive.
- **Dated rules.** A parameter holds from its date until the next. Where a period is itself dated (the
  AOW age, the wait before work or a BSN, the naturalisation residence period), the answer is the
  first day d on which the period *in force on d* has run.
- **Peildatum.** Dates before 1 January 2022 are refused: whoever was obliged before stays under the
  Wet inburgering 2013 (art. 54.1).
- **Input order.** Impossible orders of dates are refused with one message per problem (a date before
  birth, the notice, PIP, PVT or MAP before lawful residence, an asylum permit before its application).
"""

_LIMITS = """## Known limits

- Art. 4.1.e (already integrated: 10 years BRP, 5 years of work, B1 conversation) needs inputs the
  calculator does not take; its parameters are declared not modelled.
- Permit continuity (B 2.1) and gaps of up to a year are not inputs; `verlengingMaanden` carries
  extensions of every kind, and the length of a no-fault extension (B 4.3 lid 3) is in the Regeling.
- The fine matrix of art. 25 and exam fees are in the Regeling inburgering 2021, which was not read;
  their parameters say so (`regeling-niet-gelezen`).
- Family members of EU citizens with free-movement rights (W 3.2.b) and geestelijke bedienaren
  (W 3.1.b) are not distinguished by the input.
- Naturalisation: RWN art. 8.1.b (no objection to indefinite stay) and 8.1.e (the declaration), the
  shorter terms of art. 8.2-5, and majority by marriage are not modelled.
- The Z-route: its participation hours are one total (PVT and MAP hours included, B 3.14 lid 5),
  and the hour norms are read on the peildatum (no scenario changes them).
- Naturalisation and an ontheffing: a DUO ontheffing (art. 5.1) does not by itself count as shown
  inability under Besluit naturalisatietoets art. 4.1 a (the input `ontheffing` does not tell a
  medical one, 5.1, from one for special circumstances, 5.2); `aantoonbaarNietInStaatTaaleis` says it.
- Efforts before the PIP (B 5.3 lid 5): a PVT or MAP completed before the PIP's date does not count; exam
  passes dated before the PIP do (whether a pass before the PIP is an "effort" the lid excludes is not
  settled in the texts read; a Staatsexamen diploma may exempt under W 7.3).
- The Migration Pact's bar on work for low-chance applicants reaches those already pending (their
  access ends on the bar's day); whether the national rule will cover only applications lodged
  from 12 June 2026 was not found in a source.
"""


def render(cases_dir: Path) -> str:
    """The whole page as Markdown."""
    cases = load_cases(cases_dir)
    found = catalogue(cases)
    out = [_INTRO, "## Outputs", ""]
    out += ["| output | what | articles | parameters read | inputs read | asks |", "|---|---|---|---|---|---|"]
    for name in OUTPUTS:
        articles = "; ".join(sorted(found.articles[name]))
        out.append(
            f"| `{name}` | {_doc(name)} | {articles} | {_codes(found.parameters[name])} | "
            f"{_codes(found.inputs[name])} | {_codes(found.uses[name])} |"
        )
    out += ["", "## Reasons", "", "Each output's reasons by name, in English (the trace gives them in Dutch too).", ""]
    for name in OUTPUTS:
        table = found.reasons[name].reasons
        out += [f"### `{name}`", ""]
        for reason_name, reason in zip(table.names, table.texts, strict=True):
            empty = "" if reason.leeg == "onbekend" else f" (a null value means: {reason.leeg})"
            out.append(f"- `{reason_name}`{empty}: {reason.en}")
        out.append("")
    out += [
        "## Coverage: article → outputs → cases",
        "",
        "Every article a rule cites, the outputs that cite it and the legal cases (tests/cases) that exercise it.",
        "",
        "| article | outputs | cases |",
        "|---|---|---|",
    ]
    table_rows = coverage(found, cases)
    for article in sorted(table_rows, key=_sort_key):
        outputs, exercised = table_rows[article]
        shown = ", ".join(exercised[:4]) + (f" and {len(exercised) - 4} more" if len(exercised) > 4 else "")
        out.append(f"| {article} | {_codes(dict.fromkeys(outputs))} | {len(exercised)}: {shown} |")
    out += ["", _LIMITS]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    cases_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("tests/cases")
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("docs/model/rules.md")
    target.write_text(render(cases_dir), encoding="utf-8")
