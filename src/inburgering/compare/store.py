"""The run store: finished tasks as Parquet, a DuckDB catalogue, nothing visible half-written.

Layout under the store's root (default ``$XDG_CACHE_HOME/inburgering/runs``)::

    catalogue.duckdb          one row per run: key, request, status, times
    <key>/parts/<task>/       the four tables of one finished task (draw x scenario)
    <key>/result/             the combined tables of the finished run

Every folder is written under a temporary name and renamed into place when complete, so a
reader (or a resumed run) sees a task or a result either whole or not at all. A run that is
killed keeps its finished parts; running the same request again runs only the rest and ends
with the same tables as an uninterrupted run.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

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
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
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
        with self._db() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS runs (key VARCHAR PRIMARY KEY, created TIMESTAMP, "
                "finished TIMESTAMP, status VARCHAR, request JSON, seconds DOUBLE)"
            )

    def _db(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.root / "catalogue.duckdb"))

    # -- one run --------------------------------------------------------------------------
    def begin(self, key: str, request: dict[str, Any], status: str = "running") -> None:
        """Register a run (again, if it was interrupted): its parts folder exists from now on.

        ``status`` ``queued`` registers a run that waits in a server's queue, so that a restart
        reports it as not started instead of forgetting it; beginning it later marks it running.
        """
        (self._folder(key) / "parts").mkdir(parents=True, exist_ok=True)
        with self._db() as db:
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
        with self._db() as db:
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
        with self._db() as db:
            rows = db.execute(query, args).fetchall()
        return [
            {
                "key": key,
                "created": created,
                "finished": finished,
                "status": status,
                "request": json.loads(request),
                "seconds": seconds,
                "parts": len(self.done_parts(key)),
            }
            for key, created, finished, status, request, seconds in rows
        ]

    def get(self, key: str) -> dict[str, Any] | None:
        """One run's catalogue entry (a unique prefix of the key is enough)."""
        if not re.fullmatch(r"[0-9a-f]{1,64}", key):  # a prefix of a key, never a path
            return None  # keys are hex: anything else names no run
        matches = self._entries(
            "SELECT key, created, finished, status, request, seconds FROM runs WHERE starts_with(key, ?) LIMIT 2", [key]
        )
        return matches[0] if len(matches) == 1 else None

    def delete(self, key: str) -> bool:
        """Remove a run and its files; False if there is no such run."""
        entry = self.get(key)
        if entry is None:
            return False
        shutil.rmtree(self.root / entry["key"], ignore_errors=True)
        with self._db() as db:
            db.execute("DELETE FROM runs WHERE key = ?", [entry["key"]])
        return True


def _is_key(key: str) -> bool:
    """A run key: hex digits only (a hash; CompareRequest.key gives 20), never a path part such as ``..``."""
    return isinstance(key, str) and re.fullmatch(r"[0-9a-f]{8,64}", key) is not None
