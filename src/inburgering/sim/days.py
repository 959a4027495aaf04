"""A date column kept as 32-bit day numbers that reads and writes as ``datetime64[D]``.

Why: the simulation state holds 31 event dates per person. numpy's ``datetime64[D]`` takes
8 bytes a date, so at ten times the national population (6.8 million persons) the dates alone
took 1.7 GB of the 5 GB peak; days since 1970 fit in 32 bits for every date the model can
make. Issue #20 asks for 4 GB at that scale (decision 0018).

The engine's ~90 places that read or write a date keep their ``datetime64`` arithmetic:
indexing a :class:`DayColumn` gathers the 32-bit days and widens only those, a write narrows
the values, and a whole column used in numpy arithmetic (``np.isnat(col)``, ``col <= day``)
is widened first. So a read costs a widening of what it reads and nothing else, and no
result changes (tests/test_sim_days.py checks every operation against a ``datetime64`` array).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import numpy as np
from numpy.lib.mixins import NDArrayOperatorsMixin

_NAT = np.datetime64("NaT", "D")
_NAT_INT = _NAT.view(np.int64)
EMPTY = np.iinfo(np.int32).min  # "not (yet)": NaT in the stored days
_LOW, _HIGH = EMPTY + 1, np.iinfo(np.int32).max  # the days a column can hold (about +-5.8 million years)


def widen(days: np.ndarray) -> np.ndarray:
    """``datetime64[D]`` of stored day numbers (``EMPTY`` becomes ``NaT``)."""
    wide = days.astype(np.int64)
    np.putmask(wide, days == EMPTY, _NAT_INT)
    return wide.view("datetime64[D]")


def narrow(dates: Any) -> np.ndarray:
    """Stored day numbers of ``datetime64[D]`` values (``NaT`` becomes ``EMPTY``).

    A date beyond the 32-bit range is refused rather than wrapped around.
    """
    raw = np.asarray(dates, dtype="datetime64[D]").view(np.int64)
    nat = raw == _NAT_INT
    valid = raw[~nat] if nat.any() else raw
    if valid.size and (valid.min() < _LOW or valid.max() > _HIGH):
        raise OverflowError("a date beyond what a 32-bit day number holds")
    return np.where(nat, EMPTY, raw).astype(np.int32)


class DayColumn(NDArrayOperatorsMixin):
    """One date per person, stored as int32 days since 1970-01-01; see the module's docstring."""

    __slots__ = ("days",)

    def __init__(self, days: np.ndarray):
        if days.dtype != np.int32:
            raise TypeError(f"DayColumn stores int32 day numbers, not {days.dtype}")
        self.days = days

    @classmethod
    def empty(cls, n: int) -> DayColumn:
        """``n`` persons without the date."""
        return cls(np.full(n, EMPTY, np.int32))

    @classmethod
    def of(cls, dates: Any) -> DayColumn:
        """A column holding a copy of ``dates`` (``datetime64`` values)."""
        return cls(narrow(dates))

    def __len__(self) -> int:
        return len(self.days)

    def __iter__(self) -> Iterator[Any]:  # also what makes pandas see a column, not one object
        return iter(widen(self.days))

    @property
    def shape(self) -> tuple[int, ...]:
        """The column's shape, as an array's."""
        return self.days.shape

    @property
    def dtype(self) -> np.dtype[Any]:
        """What a read gives: ``datetime64[D]``."""
        return np.dtype("datetime64[D]")

    def __getitem__(self, key: Any) -> Any:
        days = self.days[key]
        if isinstance(days, np.integer):  # one person's date (the reference engine reads them one by one)
            return _NAT if days == EMPTY else np.datetime64(int(days), "D")
        return widen(days)

    def __setitem__(self, key: Any, values: Any) -> None:
        self.days[key] = narrow(values)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        wide = widen(self.days)
        return wide if dtype is None else wide.astype(dtype)

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        if any(isinstance(o, DayColumn) for o in kwargs.get("out", ())):
            raise TypeError("a DayColumn is not a ufunc's output; assign with col[...] = values")
        args = [widen(x.days) if isinstance(x, DayColumn) else x for x in inputs]
        return getattr(ufunc, method)(*args, **kwargs)

    def astype(self, dtype: Any) -> np.ndarray:
        """The dates converted as ``datetime64[D]`` values would be."""
        return widen(self.days).astype(dtype)

    def copy(self) -> np.ndarray:
        """The dates as a ``datetime64[D]`` array of their own."""
        return widen(self.days)

    def __repr__(self) -> str:
        return f"DayColumn({widen(self.days)!r})"


class DateColumns(MutableMapping[str, Any]):
    """The state's event dates by name; an assigned ``datetime64`` array is stored as a :class:`DayColumn`."""

    def __init__(self, names: tuple[str, ...], n: int):
        self._columns: dict[str, Any] = {name: DayColumn.empty(n) for name in names}

    def __getitem__(self, name: str) -> Any:
        return self._columns[name]

    def __setitem__(self, name: str, values: Any) -> None:
        self._columns[name] = values if isinstance(values, DayColumn) else DayColumn.of(values)

    def __delitem__(self, name: str) -> None:
        del self._columns[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def nbytes(self) -> int:
        """Bytes the stored day numbers take."""
        return sum(c.days.nbytes for c in self._columns.values())
