"""Speed-up of a comparison on a real Dask cluster, 1 and 2 workers (issue #20), written to docs/performance.md.

The cluster is started as an operator starts one (docs/deploy.md): ``dask scheduler`` and
``dask worker`` processes, single-threaded, on 127.0.0.1; the comparison is the main job's
(3 scenarios at 15% of the population) with DRAWS draws, sent with ``--scheduler tcp://...``
semantics (``compare.runner.run_tasks`` with the scheduler's address). Worker counts alternate
in one sitting (2, 1, 2, 1, ...) so that the machine's drift falls on both:

    python benchmarks/bench_cluster.py [DRAWS] [--rounds N]     # default 8 draws, 1 round
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import help_requested, machine, write
from inburgering.compare.request import DEFAULT_SCENARIOS, CompareRequest
from inburgering.compare.runner import make_tasks, run_tasks
from inburgering.sim.behaviour import load_behaviour

BIN = Path(sys.executable).parent
RECORD = Path(__file__).resolve().parent / "results" / "cluster.json"


def _start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def measure(request: CompareRequest, workers: int) -> float:
    """Seconds for every task of ``request`` on a fresh scheduler with ``workers`` worker processes."""
    from dask.distributed import Client

    folder = Path(tempfile.mkdtemp())
    info = folder / "scheduler.json"
    scheduler = _start(
        [
            str(BIN / "dask"),
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(info),
        ]
    )
    while not (info.exists() and info.stat().st_size):
        time.sleep(0.1)
    address = json.loads(info.read_text())["address"]
    procs = [
        _start(
            [
                str(BIN / "dask"),
                "worker",
                address,
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                "--memory-limit",
                "0",
            ]
        )
        for _ in range(workers)
    ]
    try:
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=120)
        tasks = make_tasks(request, load_behaviour())
        start = time.perf_counter()
        run_tasks(tasks, address, lambda task, frames: None)
        return time.perf_counter() - start
    finally:
        for process in [*procs, scheduler]:
            _stop(process)


def main() -> None:
    if help_requested():
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    draws = int(args[0]) if args else 8
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 1
    request = CompareRequest(DEFAULT_SCENARIOS, draws=draws)  # the main job's scale (0.15) and horizon
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(rounds):
        for workers in (2, 1):
            seconds = measure(request, workers)
            times[workers].append(seconds)
            print(f"{workers} worker(s): {seconds:.1f} s", flush=True)
    record = {
        "date": dt.date.today().isoformat(),
        "code": commit,
        "machine": machine(),
        "draws": draws,
        "tasks": draws * len(DEFAULT_SCENARIOS),
        "seconds": times,
    }
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    RECORD.write_text(json.dumps(record, indent=1) + "\n")
    one, two = statistics.median(times[1]), statistics.median(times[2])
    body = [
        "## Comparison on a real Dask cluster (issue #20)",
        "",
        f"Measured {record['date']} at {commit} on {record['machine']}.",
        "",
        f"`benchmarks/bench_cluster.py {draws}{f' --rounds {rounds}' if rounds > 1 else ''}`: the main job's comparison "
        f"({draws} draws x {len(DEFAULT_SCENARIOS)} scenarios = {record['tasks']} tasks, 15% of the population) on "
        "`dask scheduler` and single-threaded `dask worker` processes started as docs/deploy.md shows, on "
        "127.0.0.1; the worker counts alternate in one sitting (2 then 1, per round). Wall time from the first "
        "task sent to the last result (the cluster's start is not counted).",
        "",
        "| workers | runs | wall time, median (s) | seconds per task | speed-up |",
        "|---|---|---|---|---|",
        f"| 1 | {len(times[1])} | {one:.1f} | {one / record['tasks']:.1f} | 1.00x |",
        f"| 2 | {len(times[2])} | {two:.1f} | {two / record['tasks']:.1f} | {one / two:.2f}x |",
    ]
    write("cluster", "\n".join(body))
    print("\n".join(body))


if __name__ == "__main__":
    main()
