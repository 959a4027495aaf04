"""A checked caseload file's rows as numpy columns, each parsed from the row dicts once.

A forecast builds its starting point once per scenario and draw (60 times at its defaults),
and the donor search reads the same columns again. Parsing the row dicts in Python every
time cost a quarter of a second per build at 11,000 persons: about a quarter of a whole
forecast. Here each column is parsed on first use and kept. The arrays handed out are
read-only, so no build can change what the next one starts from; whoever needs to change
one takes a copy.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from inburgering.caseload.columns import LEVEL_COLUMNS
from inburgering.dates import NAT
from inburgering.rules.person import LEERROUTES, NIVEAUS


def content_hash(row: dict[str, Any]) -> str:
    """A hash of what a row says: every field but the pseudonym (``id``) and the row number (``rij``)."""
    said = {k: v for k, v in row.items() if k not in ("id", "rij")}
    return hashlib.sha256(json.dumps(said, sort_keys=True, default=str).encode()).hexdigest()


def stream_keys(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    """Each row's random-stream key: from what it says, and for rows that say the same, their rank.

    A person's draws follow from this key (:class:`inburgering.sim.run.Run`), not from the row's
    place in the file, so adding or removing other rows leaves a person's forecast as it was.
    Rows that say exactly the same are told apart by their rank among themselves (in the order
    given, which :func:`inburgering.caseload.start.order` makes the pseudonyms' order); they are
    interchangeable. The key is 63 bits of a SHA-256, non-negative as the engine's ids are.
    """
    seen: Counter[str] = Counter()
    out = np.empty(len(rows), np.int64)
    for i, row in enumerate(rows):
        content = content_hash(row)
        rank = seen[content]
        seen[content] += 1
        digest = hashlib.sha256(f"{content}#{rank}".encode()).digest()
        out[i] = int.from_bytes(digest[:8], "little") & 0x7FFF_FFFF_FFFF_FFFF
    return out


class FileColumns:
    """The rows of a checked file (in pseudonym order) as columns; every array is shared and read-only."""

    def __init__(self, rows: Sequence[dict[str, Any]]) -> None:
        self.rows = list(rows)
        self._kept: dict[tuple[str, str], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def _keep(self, kind: str, name: str, parse: Callable[[], np.ndarray]) -> np.ndarray:
        key = (kind, name)
        if key not in self._kept:
            column = parse()
            column.flags.writeable = False
            self._kept[key] = column
        return self._kept[key]

    def dates(self, name: str) -> np.ndarray:
        """A date column; NaT where the file leaves it empty."""
        return self._keep("date", name, lambda: np.array([r.get(name) or NAT for r in self.rows], "datetime64[D]"))

    def first_pip(self) -> np.ndarray:
        """The day the first PIP was set: the day before DUO's ``startTermijn`` where the file gives it, else ``datumPip``.

        The term starts the day after the first PIP and does not move when a PIP is set again (a
        move, a route change: W 11.2-11.3). DUO's start of the term is that day's authority; a
        municipality's ``datumPip`` may be a later PIP. A review found rows with DUO's term but no
        PIP date put back to "waiting for the intake", and given a second term.
        """

        def parse() -> np.ndarray:
            start = self.dates("startTermijn")
            return np.where(np.isnat(start), self.dates("datumPip"), start - np.timedelta64(1, "D"))

        return self._keep("date", "eerstePip", parse)

    def keys(self) -> np.ndarray:
        """The rows' random-stream keys (:func:`stream_keys`)."""
        return self._keep("key", "sleutel", lambda: stream_keys(self.rows))

    def flags(self, name: str) -> np.ndarray:
        """1 (yes), 0 (no) or -1 (missing) per row."""
        return self._keep(
            "flag",
            name,
            lambda: np.array([-1 if r.get(name) is None else int(bool(r[name])) for r in self.rows], np.int8),
        )

    def text(self, name: str) -> np.ndarray:
        """A required text column (purpose of stay, nationality) as it stands in the file."""
        return self._keep("text", name, lambda: np.array([str(r[name]) for r in self.rows]))

    def count(self, name: str) -> np.ndarray:
        """A whole-number column, 0 where empty (months of extension)."""
        return self._keep("count", name, lambda: np.array([int(r.get(name) or 0) for r in self.rows], np.int64))

    def number(self, name: str) -> np.ndarray:
        """A number column, NaN where empty (lesson hours)."""
        return self._keep(
            "number", name, lambda: np.array([np.nan if r.get(name) is None else float(r[name]) for r in self.rows])
        )

    def route(self) -> np.ndarray:
        """The leerroute's index in LEERROUTES, -1 where the file gives none."""
        return self._keep(
            "route",
            "leerroute",
            lambda: np.array(
                [LEERROUTES.index(r["leerroute"]) if r.get("leerroute") else -1 for r in self.rows], np.int8
            ),
        )

    def levels(self) -> np.ndarray:
        """Per row and language component (reading, listening, writing, speaking): the level passed, 1-based; 0 none."""

        def parse() -> np.ndarray:
            out = np.zeros((len(self.rows), len(LEVEL_COLUMNS)), np.int8)
            for part, column in enumerate(LEVEL_COLUMNS):
                out[:, part] = [NIVEAUS.index(r[column]) + 1 if r.get(column) else 0 for r in self.rows]
            return out

        return self._keep("levels", "niveau", parse)
