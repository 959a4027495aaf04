"""Benchmark of `inburgering calibrate` at its default settings (issue #4: under 15 minutes on 2 cores).

Writes to a temporary file, so the shipped calibrated values are not touched.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import help_requested, machine, write
from inburgering.calibration.calibrate import calibrate, write_calibrated
from inburgering.calibration.fit import summary


def main() -> None:
    if help_requested():
        return
    start = time.perf_counter()
    result = calibrate()
    seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        write_calibrated(result, Path(tmp) / "calibrated.yaml", None, 0.2, 1)
    counts = summary(result.rows)
    write(
        "calibration",
        "\n".join(
            [
                "## Calibration (issue #4)",
                "",
                f"Measured {dt.date.today().isoformat()} on {machine()}.",
                "",
                "`calibrate()` at its defaults (scale 0.2, seed 1, budget 10 minutes; one process):",
                "",
                "| evaluations | wall time (s) | loss | fit targets within | check targets within | target |",
                "|---|---|---|---|---|---|",
                f"| {result.evaluations} | {seconds:.0f} | {result.loss:.3g} | {counts['fit'][0]}/{counts['fit'][1]} "
                f"| {counts['check'][0]}/{counts['check'][1]} | under 15 minutes on 2 cores |",
            ]
        ),
    )


if __name__ == "__main__":
    main()
