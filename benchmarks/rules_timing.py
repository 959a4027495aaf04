"""One timing of the rulebook, printed as JSON: run by bench_rules.py in this checkout or in another commit's.

Kept free of the package's newer names so that an older commit's code (on PYTHONPATH) runs it too.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

try:  # the layout since issue #15
    from inburgering.rules.synthetic import random_persons
except ImportError:  # before it
    from inburgering.people.synthetic import random_persons  # type: ignore[no-redef]
from inburgering.law.scenario import resolve
from inburgering.rules.trace import OUTPUTS, evaluate

# the outputs issue #15 added; the others both commits have (an older commit's OUTPUTS lacks these)
ADDED = ("bsnVanaf", "plichtVoldaanOp", "amvBegeleidingTot")
COMMON = [name for name in OUTPUTS if name not in ADDED]


def _common(persons: object, scenario: object) -> None:
    """Only the outputs both versions have, through the same Context."""
    import numpy as np

    from inburgering.rules.base import Context

    ctx = Context(persons, np.datetime64("2026-06-01", "D"), scenario.parameters)  # type: ignore[arg-type, attr-defined]
    for name in COMMON:
        ctx.get(name)


def main() -> None:
    n, runs, sid, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    persons = random_persons(n, seed=1)
    scenario = resolve(sid)

    def once() -> None:
        if mode == "all":
            evaluate(persons, "2026-06-01", scenario)
        else:
            _common(persons, scenario)

    once()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    outputs = len(OUTPUTS) if mode == "all" else len(COMMON)
    print(json.dumps({"median": statistics.median(times), "outputs": outputs}))


if __name__ == "__main__":
    main()
