"""The CLI and a server share one run store: they take turns, and a dead owner is seen as such.

Before the locks, a second process opening the DuckDB catalogue failed at once ("Could not set
lock on file"): the CLI crashed, the server answered 500 and the catalogue kept saying
"running" after a crash. These tests use real separate processes, as the locks are per process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from inburgering.api.app import create_app
from inburgering.cli import app as cli
from inburgering.compare import store_locks
from inburgering.compare.request import CompareRequest
from inburgering.compare.run import Comparison, compare
from inburgering.compare.store import RunStore
from inburgering.compare.store_locks import FileLock

KEY = "0123456789abcdef0123"


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    """Start ``code`` in a new Python process (its stdout is piped, one line per event)."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdout is not None
    got = process.stdout.readline().strip()
    assert got == line, (got, process.stderr.read() if process.stderr else "")


def test_processes_take_turns_at_the_catalogue(tmp_path: Path) -> None:
    worker = """
        import sys
        from pathlib import Path
        from inburgering.compare.store import RunStore
        store = RunStore(Path(sys.argv[1]))
        for i in range(60):
            store.begin(f"{int(sys.argv[2]):02x}{i:08x}", {"scenarios": ["wi2021"], "draws": 1})
            store.list()
        print("done")
    """
    processes = [_python(worker, str(tmp_path), str(n)) for n in range(3)]
    for p in processes:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == "done", err[-2000:]
    assert len(RunStore(tmp_path).list()) == 180


def test_a_run_whose_process_ended_shows_as_interrupted(tmp_path: Path) -> None:
    owner = _python(
        """
        import json, sys, time
        from pathlib import Path
        from inburgering.compare.store import RunStore
        store = RunStore(Path(sys.argv[1]))
        store.claim(sys.argv[2])
        store.begin(sys.argv[2], json.loads(sys.argv[3]))
        print("running", flush=True)
        time.sleep(60)
        """,
        str(tmp_path),
        KEY,
        json.dumps(CompareRequest(("wi2021",), draws=2).describe()),
    )
    try:
        _wait_for(owner, "running")
        store = RunStore(tmp_path)
        assert store.get(KEY)["status"] == "running"
        client = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
        assert client.get(f"/v1/simulaties/{KEY}").json()["status"] == "bezig"  # another process runs it
        deleted = CliRunner().invoke(cli, ["runs", "delete", KEY[:8], "--store", str(tmp_path)])
        assert deleted.exit_code == 1 and "running in another process" in deleted.output
        assert (tmp_path / KEY).is_dir()
    finally:
        owner.kill()  # no finally runs in it: the operating system drops its lock
        owner.wait()
    assert RunStore(tmp_path).get(KEY)["status"] == "interrupted"
    assert client.get(f"/v1/simulaties/{KEY}").json()["status"] == "onderbroken"
    listed = CliRunner().invoke(cli, ["runs", "list", "--store", str(tmp_path)])
    assert listed.exit_code == 0 and "interrupted" in listed.output


def test_a_busy_catalogue_is_one_line_and_a_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
    monkeypatch.setattr(store_locks, "CATALOGUE_WAIT", 0.3)
    other = FileLock(tmp_path / "catalogue.lock")  # another program holds the catalogue
    assert other.try_acquire()
    try:
        result = CliRunner().invoke(cli, ["runs", "list", "--store", str(tmp_path)])
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [
            f"error: the run store {tmp_path} is in use by another program (waited 0 s); "
            "try again when it is done, or use a store of your own with --store"
        ]
        answer = client.get("/v1/simulaties")
        assert answer.status_code == 503 and answer.headers["Retry-After"] == "5"
    finally:
        other.release()
    assert client.get("/v1/simulaties").status_code == 200


def test_a_duckdb_shell_on_the_catalogue_is_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    RunStore(tmp_path)
    shell = _python(  # holds the file the way DuckDB does, without our lock
        """
        import sys, time, duckdb
        db = duckdb.connect(sys.argv[1])
        print("open", flush=True)
        time.sleep(float(sys.argv[2]))
        db.close()
        print("closed", flush=True)
        time.sleep(30)
        """,
        str(tmp_path / "catalogue.duckdb"),
        "1.5",
    )
    try:
        _wait_for(shell, "open")
        monkeypatch.setattr(store_locks, "CATALOGUE_WAIT", 0.2)
        with pytest.raises(store_locks.StoreBusy):
            RunStore(tmp_path).list()
        monkeypatch.setattr(store_locks, "CATALOGUE_WAIT", 30.0)
        assert RunStore(tmp_path).list() == []  # waits until the shell lets go
    finally:
        shell.kill()
        shell.wait()


def test_a_second_process_waits_for_the_owner_and_takes_its_result(tmp_path: Path) -> None:
    request = CompareRequest(("wi2021",), draws=1, scale=0.002, last_inflow_year=2022, horizon="2023-12")
    key = request.key()
    owner = _python(
        """
        import sys
        import pandas as pd
        from pathlib import Path
        from inburgering.compare.store import RunStore
        store = RunStore(Path(sys.argv[1]))
        store.claim(sys.argv[2])
        store.begin(sys.argv[2], {"scenarios": ["wi2021"], "draws": 1})
        print("running", flush=True)
        sys.stdin.readline()
        store.finish(sys.argv[2], {"kernindicatoren": pd.DataFrame({"waarde": [42.0]})}, 1.0)
        print("finished", flush=True)
        """,
        str(tmp_path),
        key,
    )
    try:
        _wait_for(owner, "running")
        waited = threading.Event()
        results: list[object] = []
        runner = threading.Thread(
            target=lambda: results.append(
                compare(request, scheduler="sync", store=RunStore(tmp_path), waiting=waited.set)
            )
        )
        runner.start()
        assert waited.wait(60), "the second process did not see the owner"
        time.sleep(0.3)
        assert runner.is_alive()  # it waits, it does not run the same tasks again
        assert owner.stdin is not None
        owner.stdin.write("go\n")
        owner.stdin.flush()
        _wait_for(owner, "finished")
        runner.join(120)
    finally:
        owner.kill()
        owner.wait()
    (result,) = results
    assert isinstance(result, Comparison) and result.from_store
    assert result.tables["kernindicatoren"]["waarde"].tolist() == [42.0]  # the owner's result, not a rerun
    assert not any((tmp_path / key / "parts").iterdir())  # no task was run twice


def test_a_run_queued_elsewhere_is_not_waited_for(tmp_path: Path) -> None:
    """A queued run holds no owner lock: two servers with each other's runs queued cannot deadlock."""
    server = _python(
        """
        import json, sys, time
        from pathlib import Path
        from inburgering.compare.store import RunStore
        store = RunStore(Path(sys.argv[1]))
        assert store.hold_queued(sys.argv[2])
        store.begin(sys.argv[2], json.loads(sys.argv[3]), "queued")
        print("queued", flush=True)
        time.sleep(60)
        """,
        str(tmp_path),
        KEY,
        json.dumps(CompareRequest(("wi2021",), draws=2).describe()),
    )
    try:
        _wait_for(server, "queued")
        store = RunStore(tmp_path)
        assert store.get(KEY)["status"] == "queued"
        assert store.claim(KEY, block=False)  # this process may run it at once
        assert store.get(KEY)["status"] == "running"
        store.release(KEY)
    finally:
        server.kill()
        server.wait()
    assert RunStore(tmp_path).get(KEY)["status"] == "notStarted"
