"""The run store: finished tasks as Parquet, a DuckDB catalogue, nothing visible half-written.

Layout under the store's root (default ``$XDG_CACHE_HOME/inburgering/runs``)::

    catalogue.duckdb          one row per run: key, request, status, times
    catalogue.lock            taken for every catalogue access (the CLI and a server share a store)
    <key>/.owner.lock         held by the process that runs the comparison
    <key>/.queued.lock        held by a server that has the run waiting in its queue
    <key>/parts/<task>/       the four tables of one finished task (draw x scenario)
    <key>/result/             the combined tables of the finished run

Every folder is written under a temporary name and renamed into place when complete, so a
reader (or a resumed run) sees a task or a result either whole or not at all. A run that is
killed keeps its finished parts; running the same request again runs only the rest and ends
with the same tables as an uninterrupted run.

Several processes may share one store (:mod:`inburgering.compare.store_locks`): they take
turns at the catalogue, and a run's status is read together with its owner lock, so a run
whose process has ended shows as ``interrupted`` (or ``notStarted`` if it only waited), never
as ``running`` for ever.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from inburgering.compare.store_locks import HOLDS, StoreBusy, catalogue
from inburgering.publish import WriteError, is_write_failure, reason

__all__ = ["RunInUse", "RunStore", "StoreBusy", "default_root"]

OWNER = ".owner.lock"  # held by the process that runs the comparison
QUEUED = ".queued.lock"  # held by a server that has it waiting in its queue
# fit: the wi2021 task's fit table (else empty); variant: a scenario's changes in part (attribution)
TABLES = ("kern", "curves", "flows", "kosten", "fit", "variant")


def default_root() -> Path:
    """Where runs are kept unless ``--store`` says otherwise."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "inburgering" / "runs"


def _write_folder(target: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Write ``frames`` as Parquet in a temporary folder beside ``target``, then rename it into place."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    tmp.mkdir(parents=True)
    try:
        for name, frame in frames.items():
            frame.to_parquet(tmp / f"{name}.parquet", index=False)
        if target.exists():  # another process finished the same part first: identical by construction
            shutil.rmtree(tmp)
        else:
            tmp.rename(target)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError) and is_write_failure(exc):  # a full disk: one line, the parts kept
            raise WriteError(
                f"could not write to the run store {target.parent.parent}: {reason(exc)}; "
                "the tasks finished so far are kept and the same command resumes from them"
            ) from exc
        raise


def _read_folder(folder: Path) -> dict[str, pd.DataFrame]:
    """A stored part's tables; a part written before a table existed lacks it (an empty frame)."""
    return {
        name: pd.read_parquet(folder / f"{name}.parquet") if (folder / f"{name}.parquet").exists() else pd.DataFrame()
        for name in TABLES
    }


class RunStore:
    """Stored comparison runs under ``root``."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else default_root()
        self.root.mkdir(parents=True, exist_ok=True)
        with catalogue(self.root) as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS runs (key VARCHAR PRIMARY KEY, created TIMESTAMP, "
                "finished TIMESTAMP, status VARCHAR, request JSON, seconds DOUBLE)"
            )

    # -- who runs or queued a run --------------------------------------------------------
    def claim(self, key: str, *, block: bool = True, waiting: Callable[[], None] | None = None) -> bool:
        """Become the process that runs ``key`` (claims of one process are counted).

        If another process is running it, ``block`` waits for it to end (calling ``waiting``
        once first); without ``block`` the answer is False at once. Only a process that runs a
        comparison holds this lock, and a running comparison waits for no other lock, so two
        processes sharing a store cannot wait for each other.
        """
        return HOLDS.claim(self._ready(key) / OWNER, block=block, waiting=waiting)

    def release(self, key: str) -> None:
        """Give up one claim on ``key``."""
        HOLDS.release(self._folder(key) / OWNER)

    def hold_queued(self, key: str) -> bool:
        """Mark ``key`` as waiting in this process's queue (never blocks); release with :meth:`release_queued`.

        A separate lock from the owner's: a queued run is not running, so no one waits for it.
        """
        return HOLDS.claim(self._ready(key) / QUEUED, block=False)

    def release_queued(self, key: str) -> None:
        """Take ``key`` out of this process's queue (it runs now, or will not)."""
        HOLDS.release(self._folder(key) / QUEUED)

    def _ready(self, key: str) -> Path:
        """The run's folder, made if need be; a folder that cannot be made is a :class:`WriteError`."""
        folder = self._folder(key)
        try:
            (folder / "parts").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(f"could not write to the run store {self.root}: {reason(exc)}") from exc
        return folder

    # -- one run --------------------------------------------------------------------------
    def begin(self, key: str, request: dict[str, Any], status: str = "running") -> None:
        """Register a run (again, if it was interrupted): its parts folder exists from now on.

        ``status`` ``queued`` registers a run that waits in a server's queue, so that a restart
        reports it as not started instead of forgetting it; beginning it later marks it running.
        """
        self._ready(key)
        with catalogue(self.root) as db:
            if not db.execute("SELECT 1 FROM runs WHERE key = ?", [key]).fetchall():
                db.execute(
                    "INSERT INTO runs VALUES (?, ?, NULL, ?, ?, NULL)",
                    [key, _dt.datetime.now(), status, json.dumps(request)],
                )
            elif status == "running":
                db.execute("UPDATE runs SET status = 'running' WHERE key = ? AND status = 'queued'", [key])

    def done_parts(self, key: str) -> set[str]:
        """Names of the tasks already stored for ``key``."""
        parts = self._folder(key) / "parts"
        return {p.name for p in parts.iterdir() if not p.name.startswith(".")} if parts.is_dir() else set()

    def put_part(self, key: str, name: str, frames: dict[str, pd.DataFrame]) -> None:
        """Store one finished task."""
        _write_folder(self._folder(key) / "parts" / name, frames)

    def parts(self, key: str) -> dict[str, pd.DataFrame]:
        """All stored parts of ``key``, concatenated per table in a stable order (draw, scenario)."""
        folders = sorted(p for p in (self._folder(key) / "parts").iterdir() if not p.name.startswith("."))
        loaded = [_read_folder(f) for f in folders]
        out = {}
        for t in TABLES:
            present = [part[t] for part in loaded if len(part[t].columns)]  # a variant holds only its own table
            out[t] = pd.concat(present, ignore_index=True) if present else pd.DataFrame()
        return out

    def finish(self, key: str, result: dict[str, pd.DataFrame], seconds: float) -> None:
        """Store the combined result and mark the run complete."""
        _write_folder(self._folder(key) / "result", result)
        with catalogue(self.root) as db:
            db.execute(
                "UPDATE runs SET status = 'complete', finished = ?, seconds = ? WHERE key = ?",
                [_dt.datetime.now(), seconds, key],
            )

    def result(self, key: str) -> dict[str, pd.DataFrame] | None:
        """The finished result of ``key``, or None while it is not complete (or ``key`` names no run)."""
        if not _is_key(key):
            return None
        folder = self._folder(key) / "result"
        if not folder.is_dir():
            return None
        return {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}

    def _folder(self, key: str) -> Path:
        """The folder of run ``key``: only a whole hex key names one, so no path can leave the store."""
        if not _is_key(key):
            raise ValueError(f"not a run key: {key[:80]!r}")
        return self.root / key

    # -- the catalogue --------------------------------------------------------------------
    def list(self) -> Sequence[dict[str, Any]]:
        """Every run in the catalogue, newest first, with how many parts are stored."""
        return self._entries(
            "SELECT key, created, finished, status, request, seconds FROM runs ORDER BY created DESC", []
        )

    def _entries(self, query: str, args: Sequence[Any]) -> Sequence[dict[str, Any]]:
        with catalogue(self.root) as db:
            rows = db.execute(query, args).fetchall()
        return [
            {
                "key": key,
                "created": created,
                "finished": finished,
                "status": self._status(key, status),
                "request": json.loads(request),
                "seconds": seconds,
                "parts": len(self.done_parts(key)),
            }
            for key, created, finished, status, request, seconds in rows
        ]

    def _status(self, key: str, stored: str) -> str:
        """The catalogue's status read with the locks: a run without a live process is not running.

        ``running`` needs a live owner, else it was ``interrupted``; ``queued`` needs a live
        queue, else it is ``notStarted`` (or ``running`` if a process has begun it meanwhile).
        A result folder is a complete run even if its process ended before the catalogue said so.
        """
        folder = self.root / key
        if stored == "complete" or (folder / "result").is_dir():
            return "complete"
        if HOLDS.held(folder / OWNER):
            return "running"
        if stored == "queued":
            return "queued" if HOLDS.held(folder / QUEUED) else "notStarted"
        return "interrupted" if stored == "running" else stored

    def get(self, key: str) -> dict[str, Any] | None:
        """One run's catalogue entry (a unique prefix of the key is enough)."""
        if not re.fullmatch(r"[0-9a-f]{1,64}", key):  # a prefix of a key, never a path
            return None  # keys are hex: anything else names no run
        matches = self._entries(
            "SELECT key, created, finished, status, request, seconds FROM runs WHERE starts_with(key, ?) LIMIT 2", [key]
        )
        return matches[0] if len(matches) == 1 else None

    def delete(self, key: str) -> bool:
        """Remove a run and its files; False if there is no such run, :class:`RunInUse` while it runs."""
        entry = self.get(key)
        if entry is None:
            return False
        key = entry["key"]
        if entry["status"] == "queued" or not self.claim(key, block=False):  # no one may begin it meanwhile
            raise RunInUse(key, "running" if entry["status"] != "queued" else "queued")
        try:  # all but the lock files, which are never removed (store_locks): a waiter holds them open
            for item in self._folder(key).iterdir():
                if item.name not in (OWNER, QUEUED):
                    shutil.rmtree(item) if item.is_dir() else item.unlink()
            with catalogue(self.root) as db:
                db.execute("DELETE FROM runs WHERE key = ?", [key])
        finally:
            self.release(key)
        return True


class RunInUse(RuntimeError):
    """A run that a live process has queued or is running cannot be deleted."""

    said_in_one_line = True  # the command line prints it as it is, exit status 1

    def __init__(self, key: str, status: str):
        super().__init__(f"run {key} is {status} in another process; delete it when that process has ended")
        self.key = key


def _is_key(key: str) -> bool:
    """A run key: hex digits only (a hash; CompareRequest.key gives 20), never a path part such as ``..``."""
    return isinstance(key, str) and re.fullmatch(r"[0-9a-f]{8,64}", key) is not None
