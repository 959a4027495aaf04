"""Caseload forecast timing (issue #7), written to docs/performance.md.

Example caseloads (synthetic persons in the obligation on a date, see
``inburgering caseload voorbeeld``) of a small, a large and a very large municipality are
forecast under the three default scenarios with 20 draws over 60 months: check, forecast
(donor population and runs) and tables, each timed. The forecast runs in one process by
design (personal data stay in it), so one core does the work.

    python benchmarks/bench_caseload.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import help_requested, machine, write
from inburgering.caseload.check import check_table
from inburgering.caseload.columns import COLUMNS
from inburgering.caseload.example import example_rows
from inburgering.caseload.forecast import ForecastRequest, forecast
from inburgering.caseload.reader import Table
from inburgering.caseload.tables import all_tables

PEIL = dt.date(2026, 11, 30)
SCALES = (0.002, 0.02, 0.1)
DRAWS = 20


def one(scale: float) -> tuple[int, float, float, float]:
    rows = example_rows(PEIL, scale=scale, seed=3)
    table = Table([c.name for c in COLUMNS], [[r[c.name] for c in COLUMNS] for r in rows])
    start = time.perf_counter()
    checked = check_table(table, b"k" * 40)
    check_s = time.perf_counter() - start
    start = time.perf_counter()
    f = forecast(checked.rows, ForecastRequest(PEIL, draws=DRAWS, months=60))
    run_s = time.perf_counter() - start
    start = time.perf_counter()
    all_tables(f, per_person=True)
    tables_s = time.perf_counter() - start
    return len(rows), check_s, run_s, tables_s


def main() -> None:
    if help_requested():
        return
    lines = [
        "## Caseload forecast (issue #7)",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}.",
        "",
        f"`benchmarks/bench_caseload.py`: example caseloads on {PEIL.isoformat()} forecast under the three default "
        f"scenarios, {DRAWS} draws, 60 months, in one process (the persons never leave it). The forecast time includes "
        "simulating the donor population (national, scale 0.05) once per draw.",
        "",
        "| persons | check (s) | forecast (s) | per scenario and draw (s) | tables incl. per person (s) |",
        "|---|---|---|---|---|",
    ]
    for scale in SCALES:
        n, check_s, run_s, tables_s = one(scale)
        lines.append(f"| {n} | {check_s:.2f} | {run_s:.1f} | {run_s / (3 * DRAWS):.2f} | {tables_s:.2f} |")
        print(lines[-1], flush=True)
    write("caseload", "\n".join(lines))


if __name__ == "__main__":
    main()
