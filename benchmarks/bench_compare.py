"""Benchmark of the comparison's scale-out on Dask (issue #5), written to docs/performance.md.

Runs DRAWS x 3 scenarios at national scale (``--scale 1``) as tasks on a local Dask cluster
with 1 and with 2 single-threaded worker processes, and reports wall time, throughput in
person-months per second and the speed-up. The issue asks for 200 draws; that takes about two
hours on a 2-core machine, so the draws are an argument:

    python benchmarks/bench_compare.py [DRAWS] [--workers 2,1]   # default 200 draws, 2 then 1 worker
    python benchmarks/bench_compare.py --report-only               # rewrite the tables from the record

Each measurement is kept in benchmarks/results/compare.json, and the table is written from
all measurements kept for DRAWS, so the two worker counts can be measured in separate sittings.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import help_requested, machine, write
from inburgering.compare.draws import simulation_seed
from inburgering.compare.request import CompareRequest
from inburgering.compare.runner import local_cluster, make_tasks, run_tasks
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.population import PopulationConfig, generate_population


def person_months(request: CompareRequest) -> int:
    """Persons x simulated months of one task (the population is the same size in every draw)."""
    pop = generate_population(
        load_behaviour(),
        PopulationConfig(
            laatste_instroomjaar=request.last_inflow_year, schaal=request.scale, seed=simulation_seed(request.seed, 0)
        ),
    )
    first = pop["instroom"].min().astype("datetime64[M]")  # the engine starts at the first arrival
    months = int((np.datetime64(request.horizon, "M") - first).astype(int)) + 1
    return len(pop["groep"]) * months


def measure(request: CompareRequest, workers: int) -> float:
    """Seconds to run every task of ``request`` on a fresh local cluster of ``workers`` processes."""
    tasks = make_tasks(request, load_behaviour())
    with local_cluster(workers) as cluster:
        done = []
        start = time.perf_counter()

        def progress(task: object, frames: object) -> None:
            done.append(task)
            if len(done) % 30 == 0:  # a sign of life on a two-hour run
                print(
                    f"  {workers} worker(s): {len(done)}/{len(tasks)} tasks, {time.perf_counter() - start:.0f} s",
                    flush=True,
                )

        run_tasks(tasks, cluster.scheduler_address, progress)
        seconds = time.perf_counter() - start
    assert len(done) == len(tasks)
    return seconds


RECORD = Path(__file__).resolve().parent / "results" / "compare.json"


def recorded(draws: int) -> dict[int, dict[str, Any]]:
    """Measurements kept so far for ``draws`` draws, by number of workers (each with its date and machine)."""
    if not RECORD.exists():
        return {}
    kept = json.loads(RECORD.read_text(encoding="utf-8"))
    return {int(w): row for w, row in kept.get(str(draws), {}).items()}


def keep(draws: int, workers: int, seconds: float) -> None:
    """Add one measurement to the record: the 200-draw runs take longer than one sitting, so each is kept."""
    kept = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    row = {
        "seconds": round(seconds, 1),
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "commit": commit.stdout.strip() or "unknown",
    }
    kept.setdefault(str(draws), {})[str(workers)] = row
    RECORD.parent.mkdir(exist_ok=True)
    RECORD.write_text(json.dumps(kept, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    if help_requested():
        return
    args = sys.argv[1:]
    workers_list = [2, 1]  # two workers first: the shorter run, kept at once
    if "--workers" in args:
        at = args.index("--workers")
        workers_list = [int(w) for w in args[at + 1].split(",")]
        del args[at : at + 2]
    report_only = "--report-only" in args
    args = [a for a in args if a != "--report-only"]
    draws = int(args[0]) if args else 200
    request = CompareRequest(draws=draws, scale=1.0)
    per_task = person_months(request)
    if report_only:
        report(request, per_task)
        return
    for workers in workers_list:
        seconds = measure(request, workers)
        print(f"{workers} worker(s): {seconds:.0f} s", flush=True)
        keep(draws, workers, seconds)
        report(request, per_task)


def report(request: CompareRequest, per_task: int) -> None:
    """Write every measurement recorded (one table per number of draws, most draws first) to docs/performance.md."""
    kept = json.loads(RECORD.read_text(encoding="utf-8"))
    machines = sorted({str(r["machine"]) for by_workers in kept.values() for r in by_workers.values()})
    lines = [
        f"Measured on {'; and on '.join(machines)}.",
        "",
        f"`benchmarks/bench_compare.py DRAWS`: DRAWS draws x {len(request.scenarios)} scenarios "
        f"({', '.join(request.scenarios)}) at national scale (scale 1, cohorts 2022-2030, horizon 2040-12; "
        f"{per_task:,} person-months per task), on a local Dask cluster of single-threaded worker processes; "
        "each task simulates and computes its key-indicator tables. Each worker count is one run, kept in "
        "`benchmarks/results/compare.json` with its date: a 200-draw run with 1 worker takes about two hours, "
        "so the two worker counts may be measured on different days.",
        "",
        "Workers run without Dask's default `MALLOC_TRIM_THRESHOLD_` (`compare.runner.local_cluster`): setting it "
        "switches off glibc's dynamic mmap threshold, and a national task then took 13.9 s in a 1-worker cluster "
        "against 10.5 s without it (6 tasks each, 2026-11-28).",
        "",
        "The code of the runs below did not change a task's work measurably: 63ec861 to afa2450 added only "
        "progress output, one national task took 10.6 s both at afa2450 and at c75c107 (measured one after "
        "the other in one session), and 37a9fbd changed only this script. An earlier 200-draw run with 2 "
        "workers, in the session before the 1-worker run, took 3,780 s (6.3 s per task; afa2450); the two "
        "200-draw rows below were measured in one session.",
    ]
    for draws in sorted((int(d) for d in kept), reverse=True):
        lines += ["", *_table(draws, draws * len(request.scenarios), per_task)]
    lines += ["", *_spread(kept, len(request.scenarios))]
    write("compare", "## Comparison on Dask (issue #5)\n\n" + "\n".join(lines))


def _table(draws: int, n_tasks: int, per_task: int) -> list[str]:
    rows = recorded(draws)
    base = float(rows[1]["seconds"]) if 1 in rows else None
    lines = [
        f"{draws} draws ({n_tasks} tasks):",
        "",
        "| workers | measured | code | wall time (s) | seconds per task | person-months per second | speed-up |",
        "|---|---|---|---|---|---|---|",
    ]
    for workers in sorted(rows):
        seconds = float(rows[workers]["seconds"])
        speed = f"{base / seconds:.2f}x" if base else "1 worker not yet measured"
        rate = n_tasks * per_task / seconds
        lines.append(
            f"| {workers} | {rows[workers]['date']} | {rows[workers].get('commit', 'unknown')} | {seconds:.0f} | {seconds / n_tasks:.1f} | {rate:,.0f} | {speed} |"
        )
    if 1 not in rows:
        lines += ["", f"Not yet measured: 1 worker (`python benchmarks/bench_compare.py {draws} --workers 1`)."]
    return lines


def _spread(kept: dict[str, dict[str, dict[str, Any]]], n_scenarios: int) -> list[str]:
    """How much the time per task of one worker count varies between runs: the measure of how far
    a speed-up from two separate runs can be trusted on a shared virtual machine."""
    per_task: dict[int, list[float]] = {}
    for draws, by_workers in kept.items():
        for workers, row in by_workers.items():
            per_task.setdefault(int(workers), []).append(float(row["seconds"]) / (int(draws) * n_scenarios))
    ranges = [
        f"{w} worker{'s' if w > 1 else ''} {min(v):.1f}-{max(v):.1f} s ({len(v)} runs)"
        for w, v in sorted(per_task.items())
        if len(v) > 1
    ]
    if not ranges:
        return []
    return [
        "Seconds per task for the same worker count differed between runs: " + "; ".join(ranges) + ". "
        "Where the code between the runs did not change a task's work, that spread is the machine's (a shared "
        "virtual machine). A speed-up "
        "from two rows measured on different days or code carries that spread; the one from two rows "
        "measured together (same date and code) is the firmer figure."
    ]


if __name__ == "__main__":
    main()
