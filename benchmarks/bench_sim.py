"""Benchmark of the national simulation (issue #3 targets), written to docs/performance.md.

Targets: the default national run (cohorts 2022-2030, horizon 2040-12) on one core in at
most 10 s and 2 GB, with per-phase timings; at ``--scale 10`` at most 12 times the time.
With ``--against COMMIT`` it compares the engine time per present person-month with that
commit's, side by side in one session (issue #16: at most 10% more); ``--label`` and
``--section`` record a second comparison (with the previous commit) in its own section.
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
from bench_rules import help_requested, machine, short, worktree, write

CHILD = """
import json, os, resource, sys, tempfile, time
from pathlib import Path
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
from inburgering.cli_simulate import write_tables
from inburgering.sim.simulate import simulate
scale = float(sys.argv[1])
t0 = time.perf_counter()
sim = simulate("wi2021", scale=scale)
total = time.perf_counter() - t0
engine = sum(sim.timings.values())
with tempfile.TemporaryDirectory() as tmp:  # as `inburgering simulate --out` writes them
    write_tables(sim, Path(tmp) / "out", {})
written = time.perf_counter() - t0
print(json.dumps({"total": total, "written": written, "engine": engine, "persons": len(sim.result.state.pop),
                  "months": len(sim.result.months), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "phases": sim.timings}))
"""


PRESENT = """
import json, sys, time
from inburgering.sim.simulate import simulate
t0 = time.perf_counter()
sim = simulate("wi2021", scale=float(sys.argv[1]))
total = time.perf_counter() - t0
engine = sum(sim.timings.values())
present = int(sim.result.stocks["verblijf"][:, :, 1:4].sum())  # in COA or a municipality, each month's end
print(json.dumps({"total": total, "engine": engine, "present": present, "persons": len(sim.result.state.pop)}))
"""


def side_by_side(
    ref: str,
    rounds: int = 3,
    scale: float = 1.0,
    label: str = "before the population grew",
    issue: str = "16",
    target: str = "at most 10% more engine time per present person-month",
) -> list[str]:
    """This checkout against commit ``ref`` (issue #16): time per present person-month, alternating in one session.

    A person-month counts when the person is in COA or a municipality at a month's end, the same
    way on both sides, so a larger population is compared fairly. ``ref``'s code runs from a git
    worktree put first on PYTHONPATH; both sides are pinned to one core.
    """
    import os
    import statistics

    root = Path(__file__).resolve().parents[1]
    tree, ref_short, here = worktree(ref), short(ref), short("HEAD")
    pin = ["taskset", "-c", "0"] if Path("/usr/bin/taskset").exists() else []
    got: dict[str, list[dict]] = {"ref": [], "now": []}
    for _ in range(rounds):
        for side, src in (("ref", tree / "src"), ("now", root / "src")):
            env = {**os.environ, "PYTHONPATH": str(src)}
            done = subprocess.run(
                [*pin, sys.executable, "-c", PRESENT, str(scale)], env=env, capture_output=True, text=True, check=True
            )
            got[side].append(json.loads(done.stdout.strip().splitlines()[-1]))
    rows, per, totals = [], {}, {}
    for side in ("ref", "now"):
        engine = statistics.median(r["engine"] for r in got[side])
        total = statistics.median(r["total"] for r in got[side])
        totals[side] = total
        present, persons = got[side][0]["present"], got[side][0]["persons"]
        per[side] = engine / present * 1e9
        rows.append(
            f"| {'before' if side == 'ref' else 'now'} | {persons:,} | {present:,} | {total:.1f} | {engine:.1f} | "
            f"{per[side]:.0f} |"
        )
    return [
        f"## National simulation against {ref_short} (issue #{issue})",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}; pinned to one core. Commit {here}",
        f"against {ref_short} ({label}), alternating {rounds} times in one session,",
        f"medians; `simulate('wi2021', scale={scale:g})`. A present person-month is a person in COA or a",
        f"municipality at a month's end. The target: {target}.",
        "",
        "| side | persons | present person-months | total (s) | engine (s) | engine ns per present person-month |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"Change in engine time per present person-month: {100 * (per['now'] / per['ref'] - 1):+.0f}%"
        f" (present person-months per second: {per['ref'] / per['now']:.2f}x); the whole `simulate`"
        f" (population, engine and tables): {totals['ref'] / totals['now']:.2f}x as fast.",
    ]


def run(scale: float) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(scale)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if help_requested():
        return
    if "--against" in sys.argv:
        # --label and --section name a second comparison (say, with the previous commit) beside the issue's
        label = sys.argv[sys.argv.index("--label") + 1] if "--label" in sys.argv else "before the population grew"
        section = sys.argv[sys.argv.index("--section") + 1] if "--section" in sys.argv else "simulation-side-by-side"
        issue = sys.argv[sys.argv.index("--issue") + 1] if "--issue" in sys.argv else "16"
        target = sys.argv[sys.argv.index("--target") + 1] if "--target" in sys.argv else None
        extra = {"issue": issue, **({"target": target} if target else {})}
        lines = side_by_side(sys.argv[sys.argv.index("--against") + 1], label=label, **extra)
        write(section, "\n".join(lines))
        print("\n".join(lines))
        return
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
        "monthly engine and the indicator table (the person table is built when asked); 'with files' adds",
        "writing the three Parquet files as `inburgering simulate --out` does (the person table a slice at a",
        "time); peak memory is the whole process's, files included; best of 3 runs at scale 1.",
        "",
        "| scale | persons | months | total (s) | with files (s) | engine (s) | peak memory (MB) | target |",
        "|---|---|---|---|---|---|---|---|",
        f"| 1 | {base['persons']:,} | {base['months']} | {base['total']:.1f} | {base['written']:.1f} | {base['engine']:.1f} | {base['rss_mb']:.0f} | 10 s, 2 GB |",
        f"| 10 | {big['persons']:,} | {big['months']} | {big['total']:.1f} | {big['written']:.1f} | {big['engine']:.1f} | {big['rss_mb']:.0f} | at most 12x the scale-1 time; #20: 4 GB |",
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
