"""Issue #18: 10,000 hostile caseload files through the reader and the checks; none may end in a traceback.

Each file comes from tests/hostile_files.py (a seed and a kind of damage); the count per outcome
(a table, a message) and per kind of damage is written to docs/performance.md with the machine
and the date. A file that raises anything but a ReadError is a failure, listed by seed and kind.

    python benchmarks/bench_hostile_files.py [N]
"""

from __future__ import annotations

import collections
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from tests.hostile_files import hostile  # noqa: E402

from bench_rules import help_requested, machine, write  # noqa: E402
from inburgering.caseload.check import check_table  # noqa: E402
from inburgering.caseload.reader import ReadError, read_bytes  # noqa: E402


def main() -> None:
    if help_requested():
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    outcomes: collections.Counter[tuple[str, str]] = collections.Counter()
    crashes: list[tuple[int, str, str]] = []
    start = time.perf_counter()
    for seed in range(n):
        kind, data = hostile(seed)
        try:
            check_table(read_bytes(data, "bestand"), b"k" * 32)
            outcomes[(kind, "table")] += 1
        except ReadError:
            outcomes[(kind, "message")] += 1
        except Exception as exc:  # a traceback for the user: the thing this benchmark counts
            crashes.append((seed, kind, type(exc).__name__))
    seconds = time.perf_counter() - start
    kinds = sorted({k for k, _ in outcomes} | {k for _, k, _ in crashes})
    lines = [
        "## Hostile caseload files (issue #18)",
        "",
        f"Measured {dt.date.today()} on {machine()}. {n:,} files from tests/hostile_files.py (seeds 0 to {n - 1}),",
        f"each read and checked as an upload is; {seconds:.1f} s in all. **Tracebacks: {len(crashes)}.**",
        "",
        "| damage | files | read as a table (problems reported per row) | refused with a message | traceback |",
        "|---|---|---|---|---|",
    ]
    for kind in kinds:
        crashed = sum(1 for _, k, _ in crashes if k == kind)
        table, message = outcomes[(kind, "table")], outcomes[(kind, "message")]
        lines.append(f"| {kind} | {table + message + crashed} | {table} | {message} | {crashed} |")
    if crashes:
        lines += ["", "Tracebacks (seed, kind, exception): " + "; ".join(f"{s} {k} {e}" for s, k, e in crashes[:20])]
    write("hostile-files", "\n".join(lines))
    print("\n".join(lines))
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
