"""Benchmark of the rulebook (issue #2 targets), written to docs/performance.md.

Targets: all rules for 1,000,000 persons in at most 2 s on one core; ``inburgering explain``
for one person in at most 1.5 s as a whole process. The process is pinned to one core
(``sched_setaffinity``) and timings are the median of repeated runs after one warm-up.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_rules.py``).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from inburgering.law.scenario import resolve
from inburgering.people.synthetic import random_persons
from inburgering.rules.trace import OUTPUTS, evaluate

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
SCENARIOS = ["wi2021", "coalitie-2026+vwn-2026"]
N = 1_000_000
RUNS = 5


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}; {os.cpu_count()} cores; Python {platform.python_version()}; numpy {np.__version__}; {platform.system()} {platform.machine()}"


def bench_rules() -> list[tuple[str, float, float]]:
    persons = random_persons(N, seed=1)
    rows = []
    for sid in SCENARIOS:
        scenario = resolve(sid)
        evaluate(persons, "2026-06-01", scenario)  # warm-up
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            evaluate(persons, "2026-06-01", scenario)
            times.append(time.perf_counter() - start)
        rows.append((sid, statistics.median(times), max(times)))
    return rows


def bench_explain() -> tuple[float, float]:
    exe = Path(sys.executable).with_name("inburgering")
    cmd = [
        str(exe),
        "explain",
        "--person",
        str(ROOT / "examples" / "persoon.json"),
        "--peildatum",
        "2026-11-28",
        "--format",
        "json",
    ]
    subprocess.run(cmd, check=True, capture_output=True)  # warm-up (bytecode cache)
    times = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def write(section: str, body: str) -> None:
    text = (
        DOC.read_text(encoding="utf-8")
        if DOC.exists()
        else "# Performance\n\nFigures measured by the scripts in benchmarks/; each section is rewritten by its script.\n"
    )
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rules = bench_rules()
    explain_median, explain_max = bench_explain()
    lines = [
        "## Rulebook (issue #2)",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}; pinned to one core.",
        "",
        f"All {len(OUTPUTS)} rule outputs for {N:,} synthetic persons (3 exam attempts each), peildatum 2026-06-01, median of {RUNS} runs after a warm-up:",
        "",
        "| scenario | median (s) | slowest (s) | target (s) |",
        "|---|---|---|---|",
        *[f"| {sid} | {med:.2f} | {worst:.2f} | 2.0 |" for sid, med, worst in rules],
        "",
        "`inburgering explain` for one person (examples/persoon.json), JSON output with traces, as a whole process, median of 10 runs:",
        "",
        "| command | median (s) | slowest (s) | target (s) |",
        "|---|---|---|---|",
        f"| explain --format json | {explain_median:.2f} | {explain_max:.2f} | 1.5 |",
    ]
    write("rules", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
