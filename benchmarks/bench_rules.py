"""Benchmark of the rulebook (issue #2 targets), written to docs/performance.md.

Targets: all rules for 1,000,000 persons in at most 2 s on one core; ``inburgering explain``
for one person in at most 1.5 s as a whole process. The process is pinned to one core
(``sched_setaffinity``) and timings are the median of repeated runs after one warm-up.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_rules.py``); with
``--against COMMIT`` it measures this checkout against that commit side by side instead.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from inburgering.law.scenario import resolve
from inburgering.rules.synthetic import random_persons
from inburgering.rules.trace import OUTPUTS, evaluate

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
SCENARIOS = ["wi2021", "coalitie-2026+vwn-2026"]
N = 1_000_000
RUNS = 5


def help_requested() -> bool:
    """``-h``/``--help`` prints the running benchmark's docstring: otherwise an unknown option starts
    minutes of work and rewrites its section of docs/performance.md on a busy machine."""
    if not {"-h", "--help"} & set(sys.argv[1:]):
        return False
    print((sys.modules["__main__"].__doc__ or "").strip())
    return True


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}; {os.cpu_count()} cores; Python {platform.python_version()}; numpy {np.__version__}; {platform.system()} {platform.machine()}"


def bench_rules() -> list[tuple[str, float, float]]:
    persons = random_persons(N, seed=1)
    rows = []
    for sid in SCENARIOS:
        scenario = resolve(sid)
        evaluate(persons, "2026-06-01", scenario)  # warm-up
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            evaluate(persons, "2026-06-01", scenario)
            times.append(time.perf_counter() - start)
        rows.append((sid, statistics.median(times), max(times)))
    return rows


def bench_explain() -> tuple[float, float]:
    exe = Path(sys.executable).with_name("inburgering")
    cmd = [
        str(exe),
        "explain",
        "--person",
        str(ROOT / "examples" / "persoon.json"),
        "--date",
        "2026-11-28",
        "--format",
        "json",
    ]
    subprocess.run(cmd, check=True, capture_output=True)  # warm-up (bytecode cache)
    times = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def short(ref: str) -> str:
    """The short hash of commit ``ref`` (``HEAD`` for this checkout)."""
    done = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def worktree(ref: str) -> Path:
    """A git worktree of commit ``ref`` beside the repository (made once, kept for later rounds)."""
    tree = Path(f"/tmp/inburgering-ref-{short(ref)}")
    if not tree.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), ref], cwd=ROOT, check=True, capture_output=True
        )
    return tree


def side_by_side(
    ref: str,
    rounds: int = 3,
    runs: int = 3,
    issue: str = "15",
    label: str = "before it",
    target: str = "all outputs at most 10% slower",
) -> list[str]:
    """This checkout against commit ``ref``, alternating in one session (the machine is noisy).

    ``ref``'s code is checked out in a git worktree beside the repository and put first on
    PYTHONPATH for its runs; both run benchmarks/rules_timing.py with the same interpreter, pinned to
    one core. Rows: each scenario, all outputs and the outputs both versions have.
    """
    tree, ref_short, here = worktree(ref), short(ref), short("HEAD")
    script = str(ROOT / "benchmarks" / "rules_timing.py")
    pin = ["taskset", "-c", "0"] if Path("/usr/bin/taskset").exists() else []
    rows = []
    for sid in SCENARIOS:
        for mode in ("all", "common"):
            got: dict[str, list[float]] = {"ref": [], "now": []}
            outputs = {}
            for _ in range(rounds):
                for side, src in (("ref", tree / "src"), ("now", ROOT / "src")):
                    env = {**os.environ, "PYTHONPATH": str(src)}
                    cmd = [*pin, sys.executable, script, str(N), str(runs), sid, mode]
                    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
                    result = __import__("json").loads(done.stdout.strip().splitlines()[-1])
                    got[side].append(result["median"])
                    outputs[side] = result["outputs"]
            ref_s, now_s = statistics.median(got["ref"]), statistics.median(got["now"])
            which = "all outputs" if mode == "all" else "outputs both have"
            rows.append(
                f"| {sid} | {which} | {outputs['ref']} → {outputs['now']} | {ref_s:.2f} | {now_s:.2f} | "
                f"{100 * (now_s / ref_s - 1):+.0f}% |"
            )
    return [
        f"## Rulebook against {ref_short} (issue #{issue})",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}; pinned to one core. Commit {here}",
        f"against {ref_short} ({label}), alternating {rounds} times in one session,",
        f"each the median of {runs} runs after a warm-up, {N:,} synthetic persons, peildatum 2026-06-01.",
        f"The target: {target}.",
        "",
        "| scenario | outputs | count | before (s) | now (s) | change |",
        "|---|---|---|---|---|---|",
        *rows,
    ]


def write(section: str, body: str) -> None:
    text = (
        DOC.read_text(encoding="utf-8")
        if DOC.exists()
        else "# Performance\n\nFigures measured by the scripts in benchmarks/; each section is rewritten by its script.\n"
    )
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    if help_requested():
        return
    if "--against" in sys.argv:
        # --issue, --label, --target and --section record a comparison for another issue in its own section
        opts = {k: sys.argv[sys.argv.index(f"--{k}") + 1] for k in ("issue", "label", "target") if f"--{k}" in sys.argv}
        section = sys.argv[sys.argv.index("--section") + 1] if "--section" in sys.argv else "rules-side-by-side"
        lines = side_by_side(sys.argv[sys.argv.index("--against") + 1], **opts)
        write(section, "\n".join(lines))
        print("\n".join(lines))
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rules = bench_rules()
    explain_median, explain_max = bench_explain()
    lines = [
        "## Rulebook (issue #2)",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}; pinned to one core.",
        "",
        f"All {len(OUTPUTS)} rule outputs for {N:,} synthetic persons (3 exam attempts each), peildatum 2026-06-01, median of {RUNS} runs after a warm-up:",
        "",
        "| scenario | median (s) | slowest (s) | target (s) |",
        "|---|---|---|---|",
        *[f"| {sid} | {med:.2f} | {worst:.2f} | 2.0 |" for sid, med, worst in rules],
        "",
        "`inburgering explain` for one person (examples/persoon.json), JSON output with traces, as a whole process, median of 10 runs:",
        "",
        "| command | median (s) | slowest (s) | target (s) |",
        "|---|---|---|---|",
        f"| explain --format json | {explain_median:.2f} | {explain_max:.2f} | 1.5 |",
    ]
    write("rules", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
