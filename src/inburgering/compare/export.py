"""Every table of a comparison as CSV, Parquet and XLSX.

Spreadsheet programs run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula,
so text cells that begin that way are prefixed with a quote in CSV and XLSX (OWASP's advice
against CSV injection). Numbers stay numbers. Each file is written under a temporary name and
renamed, so an interrupted export leaves no half-written file.

Two CSV dialects: ``<table>.csv`` (comma, decimal point: for code) and ``csv-nl/<table>.csv``
(semicolon, decimal comma, six significant digits and no exponent, with a byte-order mark: what Excel in a Dutch
locale opens as columns). The workbook starts with a sheet ``toelichting`` that says what each
sheet holds and how to read it, so a table forwarded on its own still explains itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from inburgering.compare.workbook import SHEET_MAX, write_sheets

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell neutralised (column names too)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, pd.CategoricalDtype | pd.StringDtype):
            out[column] = out[column].astype(object).map(neutralise)
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    return out


TABLES: dict[str, tuple[str, str]] = {  # (English, Dutch): what a sheet holds
    "trekkingsgewichten": (
        "Each draw's fit to the published figures and its weight in every interval",
        "De aansluiting van elke trekking op de gepubliceerde cijfers en haar gewicht in elk interval",
    ),
    "kernindicatoren": (
        "Key indicators per scenario, group, route and sex: median, 90% interval and the paired difference with the baseline",
        "Kernindicatoren per scenario, groep, route en geslacht: mediaan, 90%-interval en het gepaarde verschil met de basis",
    ),
    "kernindicatorenPerTrekking": ("Every draw's key indicators", "De kernindicatoren van elke trekking"),
    "voortgang": (
        "Share met by months since the notice; share in paid work by months since the permit",
        "Aandeel voldaan naar maanden sinds de kennisgeving; aandeel in betaald werk naar maanden sinds de vergunning",
    ),
    "stromen": (
        "Persons from group through route to outcome (medians)",
        "Personen van groep via route naar uitkomst (medianen)",
    ),
    "gevoeligheid": (
        "Assumptions that drive each scenario's difference",
        "Aannames die het verschil van elk scenario bepalen",
    ),
    "kostenOpvangApart": (
        "Costs over the horizon split into COA reception and everything else, with differences",
        "Kosten over de horizon, gesplitst in COA-opvang en al het andere, met verschillen",
    ),
    "kostenPerRoute": (
        "The municipality's learning-route cost per status holder with that route",
        "Kosten van de leerroute voor de gemeente per statushouder met die route",
    ),
    "gemeenteFinanciering": (
        "Per year: execution against the gemeentefonds, provisions against the SPUK, own funds",
        "Per jaar: uitvoering tegenover het gemeentefonds, voorzieningen tegenover de SPUK, eigen middelen",
    ),
    "kostenPerJaar": ("Euros per year by payer and item", "Euro's per jaar per betaler en post"),
    "kostenPerPost": ("Euros over the horizon by payer and item", "Euro's over de horizon per betaler en post"),
    "kostenTotaal": ("Euros over the horizon per payer and in all", "Euro's over de horizon per betaler en in totaal"),
    "kostenPerPersoon": (
        "Those totals without COA reception, per person obliged",
        "Die totalen zonder COA-opvang, per inburgeringsplichtige",
    ),
    "gemeenteTekort": (
        "What municipalities pay from own funds per year (costs minus SPUK and gemeentefonds)",
        "Wat gemeenten per jaar uit eigen middelen betalen (kosten min SPUK en gemeentefonds)",
    ),
    "bijdragen": (
        "Which change does what: each change alone, without it, its Shapley share and the whole",
        "Welke wijziging doet wat: elke wijziging alleen, zonder haar, haar Shapley-aandeel en het geheel",
    ),
}
READING = (
    (
        "median, laag, hoog",
        "mediaan en 90%-interval (5e en 95e percentiel) over de trekkingen, gewogen naar de aansluiting",
    ),
    (
        "verschilMedian, verschilLaag, verschilHoog",
        "het verschil met de basis per trekking, daarna samengevat (geen verschil van medianen)",
    ),
    (
        "euro's",
        "landelijk, opgeschaald naar de hele populatie; inkomsten zijn negatief (posten die eindigen op Inkomsten); "
        "nominaal, elk tegen de prijs van zijn bron (de SPUK tegen haar gedateerde prijzen tot 2025, de meeste "
        "eenheidsprijzen uit 2019-2025, niets geïndexeerd daarna): er is geen gemeenschappelijk prijsjaar; totalen "
        "'over de horizon' lopen vanaf het eerste geboekte jaar (de opvang van wie bij de start al in het COA was) "
        "tot de horizon",
    ),
    (
        "aandeel",
        "een deel van 1 (0,25 = 25%); in de werkbladen getoond als percentage, een verschil tussen twee aandelen "
        "in procentpunten (3,1%-punt: van 40% naar 43,1%, geen relatieve stijging van 3,1%)",
    ),
    ("wijziging", "in het werkblad bijdragen: de parameters van de wijziging (in CSV en Parquet de kolom unit)"),
    ("omschrijving, eenheid", "de naam van de indicator in woorden en haar eenheid (alleen in dit werkboek)"),
    ("post, betaler", "de kostenpost en wie betaalt, in woorden (alleen in dit werkboek)"),
    ("afronding", "de cellen tonen afgeronde getallen; de volle waarde staat eronder"),
)
NL_CSV = {"sep": ";", "encoding": "utf-8-sig"}  # numbers are written as Dutch text first (dutch_csv)


def _atomic(path: Path, write: object) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)  # type: ignore[operator]
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


Guide = tuple[Mapping[str, tuple[str, str]], tuple[tuple[str, str], ...]]
"""What the explanation sheet says: each table's (English, Dutch) description and how to read the columns."""


def export_tables(
    tables: dict[str, pd.DataFrame],
    folder: Path,
    about: Mapping[str, object] | None = None,
    guide: Guide | None = None,
) -> list[Path]:
    """Write ``tables`` to ``folder``: CSV (both dialects) and Parquet per table, one XLSX with a sheet each.

    ``about`` (the run: scenarios, draws, key, ...) heads the workbook's explanation sheet;
    ``guide`` replaces the national comparison's descriptions (the caseload forecast has its own).
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "csv-nl").mkdir(exist_ok=True)
    written = []
    for name, frame in tables.items():
        safe = safe_frame(frame)
        csv, dutch, parquet = folder / f"{name}.csv", folder / "csv-nl" / f"{name}.csv", folder / f"{name}.parquet"
        _atomic(csv, lambda p, s=safe: s.to_csv(p, index=False))
        _atomic(dutch, lambda p, s=safe: dutch_csv(s).to_csv(p, index=False, **NL_CSV))
        _atomic(parquet, lambda p, f=frame: f.to_parquet(p, index=False))
        written += [csv, dutch, parquet]
    xlsx = folder / "tabellen.xlsx"
    _atomic(xlsx, lambda p: write_workbook(p, tables, about, guide))
    return [*written, xlsx]


def write_workbook(
    target: Path | BinaryIO,
    tables: Mapping[str, pd.DataFrame],
    about: Mapping[str, object] | None,
    guide: Guide | None = None,
) -> None:
    """One workbook: the sheet ``toelichting`` first, then a sheet per table (formula-like cells made inert).

    Each sheet has the labels and units beside the codes, and its figures shown rounded
    (:mod:`inburgering.compare.workbook`); the CSV and Parquet tables keep the codes alone.
    """
    sheets = {name: safe_frame(frame) for name, frame in tables.items()}
    write_sheets(target, sheets, ("toelichting", explanation(tables, about, guide)))


def run_about(key: str, request: Mapping[str, object]) -> dict[str, object]:
    """The run as the explanation sheet lists it: key, code version, then the request's fields."""
    from inburgering.version import __version__

    return {"run": key, "inburgering": __version__, **request}


def explanation(
    tables: Mapping[str, pd.DataFrame], about: Mapping[str, object] | None, guide: Guide | None = None
) -> pd.DataFrame:
    """The explanation sheet: the run, what each sheet holds (Dutch and English) and how to read the columns."""
    described, reading = guide or (TABLES, READING)
    about = dict(about or {})
    own: Mapping[str, object] = about.pop("ownScenarios", None) or {}  # type: ignore[assignment]
    rows: list[tuple[str, str, str, str]] = [("berekening", str(k), str(v), "") for k, v in about.items()]
    rows += [
        ("eigen scenario", str(sid), _cell_text(str(text)), "a user's scenario as YAML") for sid, text in own.items()
    ]
    for name, frame in tables.items():
        en, nl = described.get(name, ("", ""))
        rows.append(("blad", name[:SHEET_MAX], nl or f"{len(frame)} rijen", en or f"{len(frame)} rows"))
    rows += [("lezen", column, meaning, "") for column, meaning in reading]
    return safe_frame(pd.DataFrame(rows, columns=["soort", "naam", "omschrijving", "description"]))


CELL_MAX = 32_767  # characters an Excel cell holds


def _cell_text(text: str) -> str:
    """``text`` as one cell holds it: a longer one is cut with a note (the whole is in the run's catalogue)."""
    if len(text) <= CELL_MAX:
        return text
    note = "\n… (cut off: the whole text is in the run store's catalogue)"
    return text[: CELL_MAX - len(note)] + note


def dutch_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its numbers as Dutch text: a decimal comma, six significant digits, never an exponent.

    Excel in a Dutch locale reads these as numbers; ``1.23e+06`` it would not, and full precision
    (0.12345678901) only clutters a table meant for reading.
    """
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = [_dutch_number(x) for x in out[column]]
    return out


def _dutch_number(x: float) -> str:
    if not np.isfinite(x):
        return ""
    # six significant digits, also for small values (a review found 5.46e-06 written 0,000005); no
    # exponent, which Excel in a Dutch locale reads as text; below 1e-14 a value is written as 0
    decimals = 0 if x == 0 else min(20, max(0, 5 - int(np.floor(np.log10(abs(x))))))
    text = f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
