"""A full disk ends every writer with one clear line and leaves nothing half-written.

The fault is injected at each writing call the writers use (Parquet, CSV, text, the workbook):
the ``room``-th write finds the disk full after writing a few bytes, as a real full disk does.
For each writer (``compare`` with its run store, ``caseload forecast``, ``simulate``) the test
counts the writes of a good run and then fills the disk at the first, second, middle and last
of them. One test fills a real file-size limit (``RLIMIT_FSIZE``) in a separate process, so the
operating system itself refuses the write.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from inburgering.caseload.example import write_example
from inburgering.cli import app

KEY = "k" * 40
PART = ("kern", "curves", "flows", "kosten", "fit")  # the tables of one stored task (no attribution)
runner = CliRunner(env={"INBURGERING_SLEUTEL": KEY})


class Disk:
    """Counts writes; once ``room`` is used up every write fails with ENOSPC after a few bytes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, room: int | None):
        self.room, self.writes = room, 0
        self.inside = False  # in a counted write: what it calls (to_parquet's own Parquet writer) is part of it
        for owner, name in (
            (pd.DataFrame, "to_parquet"),
            (pd.DataFrame, "to_csv"),
            (Path, "write_text"),
            (openpyxl.Workbook, "save"),
            (pq.ParquetWriter, "write_table"),  # the person table, written a slice at a time
        ):
            monkeypatch.setattr(owner, name, self._wrap(getattr(owner, name)))

    def _wrap(self, original: Callable[..., Any]) -> Callable[..., Any]:
        disk = self

        def write(this: Any, *args: Any, **kwargs: Any) -> Any:
            target = this if isinstance(this, Path) else (args[0] if args else kwargs.get("path"))
            if target is None or disk.inside:  # to_csv() into a string, or part of a write already counted
                return original(this, *args, **kwargs)
            if disk.room is not None and disk.writes >= disk.room:
                if isinstance(target, (str, Path)):  # a real full disk leaves a partial file
                    with Path(target).open("wb") as partial:
                        partial.write(b"PAR1 half")
                raise OSError(errno.ENOSPC, "No space left on device", str(target))
            disk.writes += 1
            disk.inside = True
            try:
                return original(this, *args, **kwargs)
            finally:
                disk.inside = False

        return write


def _leftovers(root: Path) -> list[Path]:
    """Hidden staging folders and temporary files anywhere under ``root``."""
    return [p for p in root.rglob("*") if p.name.startswith(".") and not p.name.endswith(".lock")]


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _points(count: int) -> list[int]:
    return sorted({0, 1, count // 2, count - 1})


def _one_error_line(output: str) -> str:
    lines = [line for line in output.strip().splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in output, output[-3000:]
    return lines[0]


@pytest.fixture
def count_writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[], Any]], int]]:
    def count(run: Callable[[], Any]) -> int:
        with pytest.MonkeyPatch.context() as patch:
            disk = Disk(patch, None)
            run()
        return disk.writes

    yield count


def _sweep(
    tmp_path: Path, out: Path, run: Callable[[], Any], writes: int, monkeypatch: pytest.MonkeyPatch, before: bool
) -> None:
    """Fill the disk at each point; ``out`` must keep the previous run (``before``) or not exist.

    Without a previous run only the first and the middle write are tried: the clean-up does not
    depend on where the disk filled (the other points are covered with a previous run).
    """
    previous = _files(out) if before else None
    for room in _points(writes) if before else sorted({0, writes // 2}):
        with pytest.MonkeyPatch.context() as patch:
            Disk(patch, room)
            result = run()
        line = _one_error_line(result.output)
        assert result.exit_code == 1 and "the disk is full" in line, (room, line)
        assert _leftovers(tmp_path) == [], (room, _leftovers(tmp_path))
        if previous is None:
            assert not out.exists(), (room, sorted(out.rglob("*")))
        else:
            assert _files(out) == previous, room  # the previous output untouched, nothing of the new one


def test_compare_with_a_full_disk(tmp_path: Path, count_writes: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    args = ["compare", "--draws", "1", "--scale", "0.005", "--laatste-instroomjaar", "2022", "--eind", "2024-12"]
    args += ["--scenarios", "wi2021,coalitie-2026", "--scheduler", "sync", "--store", str(store), "--out", str(out)]

    def run() -> Any:
        return runner.invoke(app, args)

    # the store first: the disk fills while the tasks are stored; the same command then resumes
    with pytest.MonkeyPatch.context() as patch:
        Disk(patch, len(PART) + 2)  # the first task stored whole, the second not
        full = run()
    assert full.exit_code == 1 and "the tasks finished so far are kept" in _one_error_line(full.output)
    assert _leftovers(tmp_path) == [] and not out.exists()
    (run_folder,) = [p for p in store.iterdir() if p.is_dir()]
    assert [sorted(f.name for f in p.iterdir()) for p in (run_folder / "parts").iterdir()] == [
        sorted(f"{t}.parquet" for t in PART)
    ]
    listed = runner.invoke(app, ["runs", "list", "--store", str(store)])
    assert "interrupted" in listed.output  # not "running" for ever
    writes = count_writes(run)  # the rest of the run, its result and the output
    assert out.is_dir() and writes > 10
    # from the store now: only the output folder is written; a full disk keeps the previous one
    writes = count_writes(run)
    _sweep(tmp_path, out, run, writes, monkeypatch, before=True)
    shutil.rmtree(out)
    _sweep(tmp_path, out, run, writes, monkeypatch, before=False)


def test_a_caseload_forecast_with_a_full_disk(
    tmp_path: Path, count_writes: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "bestand.csv"
    write_example(file, dt.date(2026, 11, 30), scale=0.002, seed=3)
    out = tmp_path / "prognose"
    args = ["caseload", "forecast", str(file), "--peildatum", "30-11-2026", "--draws", "1", "--maanden", "12"]
    args += ["--scenarios", "wi2021", "--out", str(out), "--per-persoon"]

    def run() -> Any:
        return runner.invoke(app, args)

    writes = count_writes(run)
    assert writes > 5
    _sweep(tmp_path, out, run, writes, monkeypatch, before=True)
    shutil.rmtree(out)
    _sweep(tmp_path, out, run, writes, monkeypatch, before=False)


def test_simulate_with_a_full_disk(tmp_path: Path, count_writes: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "basis"
    args = ["simulate", "--scale", "0.003", "--laatste-instroomjaar", "2022", "--eind", "2023-12", "--out", str(out)]

    def run() -> Any:
        return runner.invoke(app, args)

    writes = count_writes(run)
    assert writes == 4  # three tables and run.json
    _sweep(tmp_path, out, run, writes, monkeypatch, before=True)


def test_the_operating_system_refusing_a_write_is_one_line(tmp_path: Path) -> None:
    """A real limit: files may not grow past 64 kB in this process, so the person table cannot be written."""
    out = tmp_path / "basis"

    resource = pytest.importorskip("resource")  # POSIX only

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails (EFBIG) instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))

    command = [
        str(Path(sys.executable).with_name("inburgering")),
        "simulate",
        "--scale",
        "0.01",
        "--laatste-instroomjaar",
    ]
    command += ["2022", "--eind", "2023-12", "--out", str(out)]
    result = subprocess.run(
        command, capture_output=True, text=True, preexec_fn=limit, timeout=300, env={**os.environ, "NO_COLOR": "1"}
    )
    assert result.returncode == 1, result.stderr[-3000:]
    assert _one_error_line(result.stderr) == (
        f"error: could not write {out}: the disk is full (no space left to write); nothing was written"
    )
    assert not out.exists() and _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "command",
    [  # options that would run for a while, were --out not refused first
        ["simulate", "--scale", "0.003"],
        ["compare", "--draws", "1", "--scale", "0.005", "--scheduler", "sync"],
        ["caseload", "forecast", "FILE", "--draws", "1"],
    ],
)
def test_an_out_that_cannot_be_a_folder_is_refused_before_any_work(tmp_path: Path, command: list[str]) -> None:
    """Said at the start in one line (exit 2), not after minutes of work (issue #19)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    file = tmp_path / "bestand.csv"
    write_example(file, dt.date(2026, 11, 30), scale=0.002, seed=3)
    command = [str(file) if c == "FILE" else c for c in command]
    if command[0] == "compare":
        command += ["--store", str(tmp_path / "store")]
    for out, said in ((blocker, "is a file"), (blocker / "sub", "lies under the file")):
        result = runner.invoke(app, [*command, "--out", str(out)])
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1 and said in lines[0], result.output
    assert not (tmp_path / "store").exists()  # no comparison was started


def test_a_failure_while_moving_into_place_puts_the_previous_output_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "basis"
    args = ["simulate", "--scale", "0.003", "--laatste-instroomjaar", "2022", "--eind", "2023-12", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    previous = _files(out)
    original, moved = Path.replace, []

    def replace(self: Path, target: Any) -> Any:  # the second move into out finds the disk full
        if ".inburgering-" not in str(target):
            moved.append(target)
            if len(moved) == 2:
                raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return original(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    result = runner.invoke(app, [*args, "--seed", "2"])  # other numbers, so a half move would show
    assert result.exit_code == 1 and "the disk is full" in _one_error_line(result.output)
    assert _files(out) == previous and _leftovers(tmp_path) == []


def test_a_staging_folder_of_a_live_run_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "basis"
    live = out / f".inburgering-{os.getpid()}-abc"  # this process: alive
    dead = out / ".inburgering-999999999-abc"  # no such process: a run killed while writing
    for folder in (live, dead):
        folder.mkdir(parents=True)
        (folder / "personen.parquet").write_bytes(b"half")
    args = ["simulate", "--scale", "0.003", "--laatste-instroomjaar", "2022", "--eind", "2023-12", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    assert live.is_dir() and not dead.exists()
