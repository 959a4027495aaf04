"""Write a forecast's report and tables, all or nothing.

Everything is written to a fresh temporary folder beside ``out`` and moved into ``out`` only
when complete, so an error or an interrupted run never leaves half an output. The person
table, when asked for, goes to its own subfolder ``personen/`` so it can be removed on its
own; the report and the other tables hold no person-level data.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from inburgering.caseload import report
from inburgering.caseload.forecast import Forecast
from inburgering.compare.export import export_tables

PERSONS = "personen"


def write_forecast(f: Forecast, tables: dict[str, pd.DataFrame], out: Path, lang: str, rows_read: int) -> list[Path]:
    """Write ``rapport-<lang>.html`` and every table (CSV, Parquet, one XLSX) into ``out``; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".prognose-", dir=out))
    try:
        (staging / f"rapport-{lang}.html").write_text(report.build(f, tables, lang, rows_read), encoding="utf-8")
        aggregates = {k: v for k, v in tables.items() if k != PERSONS}
        export_tables(aggregates, staging / "tabellen")
        if PERSONS in tables:
            export_tables({PERSONS: tables[PERSONS]}, staging / PERSONS)
        written = []
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            target = out / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
