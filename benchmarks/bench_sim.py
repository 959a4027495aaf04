"""Benchmark of the national simulation (issue #3 targets), written to docs/performance.md.

Targets: the default national run (cohorts 2022-2030, horizon 2040-12) on one core in at
most 10 s and 2 GB, with per-phase timings; at ``--scale 10`` at most 12 times the time.
Each configuration runs in a fresh subprocess pinned to one core, so peak memory (ru_maxrss)
is that run's own.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import machine, write

CHILD = """
import json, os, resource, sys, time
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
from inburgering.sim.simulate import simulate
scale = float(sys.argv[1])
t0 = time.perf_counter()
sim = simulate("wi2021", scale=scale)
total = time.perf_counter() - t0
engine = sum(sim.timings.values())
print(json.dumps({"total": total, "engine": engine, "persons": len(sim.persons),
                  "months": len(sim.result.months), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "phases": sim.timings}))
"""


def run(scale: float) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(scale)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    runs = {scale: [run(scale) for _ in range(3 if scale == 1 else 1)] for scale in (1.0, 10.0)}
    base = min(runs[1.0], key=lambda r: r["total"])
    big = runs[10.0][0]
    person_months = base["persons"] * base["months"]
    lines = [
        "## National simulation (issue #3)",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}; one core per run (a fresh process each).",
        "",
        "`simulate('wi2021')`: cohorts 2022-2030, horizon 2040-12, default behaviour; total = population,",
        "monthly engine and the indicator and person tables; best of 3 runs.",
        "",
        "| scale | persons | months | total (s) | engine (s) | peak memory (MB) | target |",
        "|---|---|---|---|---|---|---|",
        f"| 1 | {base['persons']:,} | {base['months']} | {base['total']:.1f} | {base['engine']:.1f} | {base['rss_mb']:.0f} | 10 s, 2 GB |",
        f"| 10 | {big['persons']:,} | {big['months']} | {big['total']:.1f} | {big['engine']:.1f} | {big['rss_mb']:.0f} | at most 12x the scale-1 time |",
        "",
        f"Scale 10 costs {big['total'] / base['total']:.1f}x the time of scale 1 for 10x the persons; "
        f"throughput at scale 1: {person_months / base['engine'] / 1e6:.1f} million person-months per second (engine).",
        "",
        "Per-phase seconds at scale 1:",
        "",
        "| phase | seconds |",
        "|---|---|",
        *[f"| {name} | {sec:.2f} |" for name, sec in sorted(base["phases"].items(), key=lambda kv: -kv[1])],
    ]
    write("simulation", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
