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
from inburgering.compare.export import export_tables
from inburgering.publish import publish

PERSONS = "personen"
STAGING = ".prognose-"  # the hidden folder a forecast is written into before it is moved into place


def write_forecast(f: Forecast, tables: dict[str, pd.DataFrame], out: Path, lang: str, rows_read: int) -> list[Path]:
    """Write ``rapport-<lang>.html`` and every table (CSV, Parquet, one XLSX) into ``out``; returns the files.

    :class:`inburgering.publish.WriteError` if it cannot be written (the disk is full, ...): then
    nothing of this forecast is in ``out`` and the previous one is as it was.
    """

    def write(staging: Path) -> None:
        (staging / f"rapport-{lang}.html").write_text(report.build(f, tables, lang, rows_read), encoding="utf-8")
        export_tables({k: v for k, v in tables.items() if k != PERSONS}, staging / "tabellen")
        if PERSONS in tables:
            export_tables({PERSONS: tables[PERSONS]}, staging / PERSONS)

    return publish(out, write, prefix=STAGING, replace=("tabellen", PERSONS))
