"""Write a forecast's report and tables, all or nothing.

Everything is written to a fresh temporary folder beside ``out`` and moved into ``out`` only
when complete, so an error or an interrupted run never leaves half an output. The person
table, when asked for, goes to its own subfolder ``personen/`` so it can be removed on its
own; the report and the other tables hold no person-level data.

A run killed while writing (no ``finally`` runs then) leaves its hidden ``.prognose-*`` folder,
which can hold person-level data: the next forecast into the same folder removes any such
folder first. A new forecast replaces the previous one's ``tabellen/`` and ``personen/`` as a
whole, so no file of the previous run stays beside the new ones (a ``personen/`` folder of an
earlier run with ``--per-person`` is removed when the new run has none).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from inburgering.caseload import report
from inburgering.caseload.forecast import Forecast
from inburgering.compare.export import Guide, export_tables
from inburgering.publish import publish
from inburgering.version import __version__

GUIDE: Guide = (
    {
        "samenvatting": (
            "Per scenario: persons by outcome at the horizon, completions and overruns within three years",
            "Per scenario: personen naar uitkomst aan het eind, afrondingen en overschrijdingen binnen drie jaar",
        ),
        "kwartalen": (
            "Completions, term overruns and ontheffingen per quarter",
            "Afrondingen, termijnoverschrijdingen en ontheffingen per kwartaal",
        ),
        "kostenPerJaar": (
            "Per calendar year: execution, provisions, both, SPUK income and the gap (provisions minus SPUK); "
            "the first and last year are partial",
            "Per kalenderjaar: uitvoering, voorzieningen, beide, SPUK-inkomsten en het tekort (voorzieningen min "
            "SPUK); het eerste en laatste jaar zijn niet volledig",
        ),
        "kosten3Jaar": (
            "The same over the 36 months after the file's date",
            "Hetzelfde over de 36 maanden na de datum van het bestand",
        ),
        "personen": (
            "Per person (pseudonym) and scenario: chances, expected month of completion, deadlines, risk",
            "Per persoon (pseudoniem) en scenario: kansen, verwachte maand van afronding, termijnen, risico",
        ),
    },
    (
        ("median, laag, hoog", "mediaan en 90%-interval (5e en 95e percentiel) over de trekkingen"),
        (
            "verschilMedian, verschilLaag, verschilHoog",
            "het verschil met de basis per trekking, daarna samengevat (geen verschil van medianen)",
        ),
        (
            "euro's",
            "voor deze caseload, niet opgeschaald; alle bedragen positief, SPUK-inkomsten ook; mediaan van het "
            "tekort is niet de mediaan van de voorzieningen min die van de SPUK",
        ),
        ("tekort", "voorzieningen min SPUK (art. 40.1: de SPUK betaalt voorzieningen, niet de uitvoering)"),
        (
            "onderdrukt",
            "waar: iets in deze rij is weggelaten. Is de mediaan leeg, dan telde de rij 1 tot 9 personen; staat "
            "alleen het verschil leeg, dan telde een ander scenario in dezelfde cel er zo weinig (het verschil "
            "zou dat getal teruggeven)",
        ),
    ),
)
"""The workbook's explanation for a forecast (the national comparison's reads otherwise: scaled, signed)."""

PERSONS = "personen"
STAGING = ".prognose-"  # the hidden folder a forecast is written into before it is moved into place


def workbook_about(f: Forecast, rows_read: int) -> dict[str, object]:
    """What the tables cover, at the head of the workbook's explanation sheet (command line and web page alike).

    A review: a controller could not read the period from the workbook; the first and last year
    are parts of a year. A robustness test found the web page's workbook without any of it.
    """
    r = f.request
    return {
        "peildatum": r.peildatum.isoformat(),
        "horizon": f"{r.months} maanden: van de maand na de peildatum tot en met {r.horizon}",
        "scenarios": ", ".join(r.scenarios),
        "trekkingen": r.draws,
        "zaad": r.seed,
        "rijenGelezen": rows_read,
        "versie": __version__,
        "eenheden": "euro's (nominaal) en personen; het eerste en laatste jaar zijn delen van een jaar",
    }


def write_forecast(f: Forecast, tables: dict[str, pd.DataFrame], out: Path, lang: str, rows_read: int) -> list[Path]:
    """Write ``rapport-<lang>.html`` and every table (CSV, Parquet, one XLSX) into ``out``; returns the files.

    :class:`inburgering.publish.WriteError` if it cannot be written (the disk is full, ...): then
    nothing of this forecast is in ``out`` and the previous one is as it was.
    """
    about = workbook_about(f, rows_read)

    def write(staging: Path) -> None:
        (staging / f"rapport-{lang}.html").write_text(report.build(f, tables, lang, rows_read), encoding="utf-8")
        export_tables({k: v for k, v in tables.items() if k != PERSONS}, staging / "tabellen", about, GUIDE)
        if PERSONS in tables:
            export_tables({PERSONS: tables[PERSONS]}, staging / PERSONS, about, GUIDE)
            # personal data: readable by its owner only, as the key is (a review found it readable to all)
            for path in (staging / PERSONS).rglob("*"):
                path.chmod(0o700 if path.is_dir() else 0o600)

    # both languages' reports replaced: a report in the other language from an earlier file must not stay
    # beside this forecast's tables (a robustness test found one)
    reports = ("rapport-en.html", "rapport-nl.html")
    written = publish(out, write, prefix=STAGING, replace=("tabellen", PERSONS, *reports))
    if PERSONS in tables:  # the folder the files were moved into, too
        (out / PERSONS).chmod(0o700)
    return written
