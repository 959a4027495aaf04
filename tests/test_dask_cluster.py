"""Scale-out on a real Dask cluster: a scheduler and two workers as separate processes on 127.0.0.1.

Not a LocalCluster: the processes are started as an operator would start them (``dask scheduler``,
``dask worker``), so the test shows what a cluster of machines needs: the package on each worker,
no data. The tables must equal those of ``--scheduler sync``, also when a worker is killed while
it runs a task (the scheduler gives the task to the other worker; a task is a pure function).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from inburgering.api.app import create_app
from inburgering.cli import app
from inburgering.compare.request import CompareRequest
from inburgering.compare.run import compare
from inburgering.compare.runner import SYNC

BIN = Path(sys.executable).parent
SMALL = {"draws": 2, "scale": 0.01, "last_inflow_year": 2023, "horizon": "2027-12"}
SCENARIOS = ("wi2021", "coalitie-2026+vwn-2026")


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    """A process of its own group, so that it and the processes it starts can be stopped together."""
    with log.open("wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _workers(address: str) -> int:
    from dask.distributed import Client

    with Client(address, timeout="10s") as client:
        return len(client.scheduler_info()["workers"])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """``dask scheduler`` and two single-threaded ``dask worker`` processes (no nanny: a killed worker stays dead)."""
    folder = tmp_path_factory.mktemp("cluster")
    info = folder / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []
    try:
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
            ],
            folder / "scheduler.log",
        )
        started.append(scheduler)
        address = ""
        for _ in range(300):  # the file may be there before it is whole: read until it parses
            try:
                address = json.loads(info.read_text())["address"]
                break
            except (OSError, ValueError, KeyError):
                time.sleep(0.1)
        assert address, (folder / "scheduler.log").read_text()[-2000:]
        workers = []
        for i in range(2):
            workers.append(
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
                        "--name",
                        f"w{i}",
                    ],
                    folder / f"worker{i}.log",
                )
            )
            started.append(workers[-1])
        for _ in range(600):
            if _workers(address) == 2:
                break
            time.sleep(0.1)
        assert _workers(address) == 2, (folder / "worker0.log").read_text()[-2000:]
        yield {"address": address, "workers": workers, "folder": folder}
    finally:  # whatever failed, no process is left behind
        for process in reversed(started):
            _stop(process)


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    request = CompareRequest(SCENARIOS, **SMALL)  # type: ignore[arg-type]
    return compare(request, scheduler=SYNC, store_root=tmp_path_factory.mktemp("sync")).tables


def _same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert set(a) == set(b)
    for name, frame in a.items():
        pd.testing.assert_frame_equal(frame, b[name], check_dtype=False, obj=name)


def test_the_command_line_on_a_cluster_gives_the_tables_of_one_process(
    cluster: dict[str, object], in_process: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    args = ["compare", "--scenarios", ",".join(SCENARIOS), "--draws", "2", "--scale", "0.01"]
    args += ["--last-inflow-year", "2023", "--end", "2027-12", "--scheduler", str(cluster["address"])]
    args += ["--out", str(tmp_path / "out"), "--store", str(tmp_path / "store")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    there = compare(CompareRequest(SCENARIOS, **SMALL), scheduler=SYNC, store_root=tmp_path / "store")  # type: ignore[arg-type]
    _same(in_process, there.tables)  # served from the store the cluster filled


def test_a_worker_killed_mid_run_is_survived_with_the_same_tables(
    cluster: dict[str, object], in_process: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """The first worker is killed once it has taken a task; the scheduler reruns its work on the other."""
    request = CompareRequest(SCENARIOS, **{**SMALL, "seed": 1})  # type: ignore[arg-type]
    store = tmp_path / "store"
    code = (
        "import sys\n"
        "from inburgering.compare.request import CompareRequest\n"
        "from inburgering.compare.run import compare\n"
        f"compare(CompareRequest({SCENARIOS!r}, **{SMALL!r}), scheduler={cluster['address']!r}, store_root=sys.argv[1])\n"
    )
    run = _start([sys.executable, "-c", code, str(store)], tmp_path / "run.log")
    victim = cluster["workers"][0]  # type: ignore[index]
    try:
        busy = False
        for _ in range(600):  # until the victim works on a task
            if busy := _busy(str(cluster["address"]), "w0"):
                break
            time.sleep(0.05)
        assert busy and run.poll() is None  # killed mid-run, with a task in hand
        os.killpg(victim.pid, signal.SIGKILL)
        assert run.wait(timeout=600) == 0, (tmp_path / "run.log").read_text()[-3000:]
    finally:
        _stop(run)
    _same(in_process, compare(request, scheduler=SYNC, store_root=store).tables)


def _busy(address: str, name: str) -> bool:
    from dask.distributed import Client

    with Client(address, timeout="10s") as client:
        processing = client.processing()
        workers = client.scheduler_info()["workers"]
    return any(info.get("name") == name and processing.get(addr) for addr, info in workers.items())


def test_the_server_runs_its_comparisons_on_the_cluster(
    cluster: dict[str, object], in_process: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """``serve --scheduler tcp://...``: the API's comparison runs on the cluster's (remaining) workers."""
    client = TestClient(create_app(store_root=tmp_path, scheduler=str(cluster["address"])), base_url="http://localhost")
    body = {
        "scenarios": list(SCENARIOS),
        "trekkingen": 2,
        "schaal": 0.01,
        "laatsteInstroomjaar": 2023,
        "eind": "2027-12",
    }
    started = client.post("/v1/simulaties", json=body)
    assert started.status_code == 202, started.text
    status = started.json()
    for _ in range(1200):
        status = client.get(started.headers["location"]).json()
        if status["status"] in ("gereed", "mislukt"):
            break
        time.sleep(0.25)
    assert status["status"] == "gereed", status
    rows = client.get(started.headers["location"] + "/tabellen/kernindicatoren").json()["rijen"]
    served = pd.DataFrame(rows)
    expected = in_process["kernindicatoren"].astype(object).where(in_process["kernindicatoren"].notna(), None)
    pd.testing.assert_frame_equal(served, pd.DataFrame(expected.to_dict(orient="records")), check_dtype=False)


def test_a_cluster_with_other_code_is_refused_before_any_work(
    cluster: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This machine's code differs from the workers' (as after an upgrade on one side): one line, exit 1."""
    import inburgering.fingerprint

    monkeypatch.setattr(inburgering.fingerprint, "code_fingerprint", lambda: "0.0.0+elders")
    args = ["compare", "--scenarios", "wi2021", "--draws", "1", "--scale", "0.01", "--last-inflow-year", "2023"]
    args += ["--end", "2024-12", "--scheduler", str(cluster["address"]), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, [*args, "--store", str(tmp_path / "store")])
    assert result.exit_code == 1, result.output
    assert "must run this machine's code (0.0.0+elders)" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
