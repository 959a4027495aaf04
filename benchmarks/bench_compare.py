"""Benchmark of the comparison's scale-out on Dask (issue #5), written to docs/performance.md.

Runs DRAWS x 3 scenarios at national scale (``--scale 1``) as tasks on a local Dask cluster
with 1 and with 2 single-threaded worker processes, and reports wall time, throughput in
person-months per second and the speed-up. The issue asks for 200 draws; that takes about two
hours on a 2-core machine, so the draws are an argument:

    python benchmarks/bench_compare.py [DRAWS]   # default 200
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import machine, write
from inburgering.compare.draws import simulation_seed
from inburgering.compare.request import CompareRequest
from inburgering.compare.runner import local_cluster, make_tasks, run_tasks
from inburgering.people.population import PopulationConfig, generate_population
from inburgering.sim.behaviour import load_behaviour


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


def main() -> None:
    draws = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    request = CompareRequest(draws=draws, scale=1.0)
    per_task = person_months(request)
    n_tasks = draws * len(request.scenarios)
    rows = []
    # Two workers first: the shorter run, and written at once, so a run cut short still records it.
    for workers in (2, 1):
        seconds = measure(request, workers)
        rows.insert(0, (workers, seconds, n_tasks * per_task / seconds))
        print(f"{workers} worker(s): {seconds:.0f} s", flush=True)
        report(request, draws, per_task, rows)


def report(request: CompareRequest, draws: int, per_task: int, rows: list[tuple[int, float, float]]) -> None:
    """Write the rows measured so far (workers, seconds, person-months per second) to docs/performance.md."""
    n_tasks = draws * len(request.scenarios)
    one = [sec for w, sec, _ in rows if w == 1]
    base = one[0] if one else None
    lines = [
        f"Measured {dt.date.today().isoformat()} on {machine()}.",
        "",
        f"`benchmarks/bench_compare.py {draws}`: {draws} draws x {len(request.scenarios)} scenarios "
        f"({', '.join(request.scenarios)}) = {n_tasks} tasks at national scale (scale 1, cohorts 2022-2030, "
        f"horizon 2040-12; {per_task:,} person-months per task), on a local Dask cluster of single-threaded "
        "worker processes; each task simulates and computes its key-indicator tables.",
        "",
        "Workers run without Dask's default `MALLOC_TRIM_THRESHOLD_` (`compare.runner.local_cluster`): setting it "
        "switches off glibc's dynamic mmap threshold, and a national task then took 13.9 s in a 1-worker cluster "
        "against 10.5 s without it (6 tasks each, 2026-11-28).",
        "",
        "| workers | wall time (s) | seconds per task | person-months per second | speed-up |",
        "|---|---|---|---|---|",
    ]
    for workers, seconds, rate in rows:
        speed = f"{base / seconds:.2f}x" if base else "(1 worker not yet measured)"
        lines.append(f"| {workers} | {seconds:.0f} | {seconds / n_tasks:.1f} | {rate:,.0f} | {speed} |")
    if draws < 200 and len(rows) == 2:
        per = {w: sec / n_tasks for w, sec, _ in rows}
        lines += [
            "",
            f"Not measured here: the issue's 200 draws (600 tasks). At the rates above that is an estimated "
            f"{600 * per[1] / 3600:.1f} h with 1 worker and {600 * per[2] / 3600:.1f} h with 2 (an extrapolation, "
            "not a measurement; run `python benchmarks/bench_compare.py 200` to measure it).",
        ]
    write("compare", "## Comparison on Dask (issue #5)\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
