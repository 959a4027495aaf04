"""The main job (`make run`: `inburgering compare` with its defaults) timed side by side with a commit.

Issue #17 asks that the comparison's new work (the fit of each draw's wi2021 run, the traced probe
of the live assumptions, the weighted summaries) keeps the main job's time about the same. Each
side runs in a fresh process with an empty run store, alternating ``ROUNDS`` times in one session;
the other side's code comes from a git worktree of the commit, put first on ``PYTHONPATH``.

    python benchmarks/bench_main_job.py COMMIT [ROUNDS] [--issue N --section NAME]
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import help_requested, machine, short, worktree, write

ROOT = Path(__file__).resolve().parent.parent
JOB = "from inburgering.cli import app; app(['compare', '--out', sys.argv[1], '--store', sys.argv[2]])"


def _run(src: Path) -> float:
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as store:
        env = {**os.environ, "PYTHONPATH": str(src)}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import sys; " + JOB, out, store], check=True, env=env, stdout=subprocess.DEVNULL
        )
        return time.perf_counter() - start


def main() -> None:
    if help_requested():
        return
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and not sys.argv[i - 1].startswith("--")]
    commit = args[0]
    rounds = int(args[1]) if len(args) > 1 else 2
    issue = sys.argv[sys.argv.index("--issue") + 1] if "--issue" in sys.argv else "17"
    section = sys.argv[sys.argv.index("--section") + 1] if "--section" in sys.argv else "main-job-side-by-side"
    sides = {"before": worktree(commit) / "src", "now": ROOT / "src"}
    times: dict[str, list[float]] = {k: [] for k in sides}
    for _ in range(rounds):
        for name, src in sides.items():
            times[name].append(_run(src))
            print(name, round(times[name][-1], 1), flush=True)
    best = {k: min(v) for k, v in times.items()}
    body = f"""## The main job (`make run`) against {commit} (issue #{issue})

Measured {dt.date.today().isoformat()} on {machine()}. Commit {short("HEAD")} against {commit}, each side in a
fresh process with an empty run store, alternating {rounds} times in one session; the fastest of each side.
`inburgering compare` with its defaults (the job `make run` runs), on the machine's cores.

| side | seconds (each round) | fastest (s) |
|---|---|---|
| before | {", ".join(f"{t:.1f}" for t in times["before"])} | {best["before"]:.1f} |
| now | {", ".join(f"{t:.1f}" for t in times["now"])} | {best["now"]:.1f} |

Change: {100 * (best["now"] / best["before"] - 1):+.0f}% ({best["before"] / best["now"]:.2f}x as fast).
"""
    write(section, body)
    print(body)


if __name__ == "__main__":
    main()
