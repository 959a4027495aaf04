"""The API's latency with and without freezing the start's objects out of the cyclic collector (issue #20).

``inburgering serve`` calls ``gc.freeze()`` before it serves; this measures what that does to the
tail: the same load as bench_api.py (one person per ``POST /v1/berekeningen`` under ``wi2021``,
open-loop), against this checkout's server as it is and with ``gc.freeze`` made a no-op,
alternating in one sitting, and writes the figures to docs/performance.md.

    python benchmarks/bench_api_gc.py [SECONDS] [RATE] [ROUNDS]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import SERVE, measure
from bench_rules import help_requested, machine, write

SIDES = {
    "without gc.freeze": "import gc; gc.freeze = lambda: None\n" + SERVE,
    "with gc.freeze (as served)": SERVE,
}


def main() -> None:
    if help_requested():
        return
    args = [float(a) for a in sys.argv[1:]]
    seconds = args[0] if args else 30.0
    rate = args[1] if len(args) > 1 else 200.0
    rounds = int(args[2]) if len(args) > 2 else 3
    rows = []
    for r in range(1, rounds + 1):
        for name, code in SIDES.items():
            ms, errors, _ = measure(seconds, rate, code=code)
            if errors:
                raise RuntimeError(f"errors: {dict(errors)}")
            p50, p95, p99, worst = np.percentile(ms, [50, 95, 99, 100])
            rows.append(f"| {name} | {r} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {worst:.1f} |")
            print(rows[-1], flush=True)
    lines = [
        "## The API's latency tail and gc.freeze (issue #20)",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}.",
        "",
        f"`benchmarks/bench_api_gc.py {' '.join(sys.argv[1:])}`: the load of bench_api.py ({rate:.0f} requests per",
        f"second for {seconds:.0f} s, one person under `wi2021`) against `inburgering serve` as it is and with",
        "`gc.freeze` made a no-op, alternating; the load generator shares the 2 cores.",
        "",
        "| server | round | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |",
        "|---|---|---|---|---|---|",
        *rows,
    ]
    write("api-gc", "\n".join(lines))


if __name__ == "__main__":
    main()
