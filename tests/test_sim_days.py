"""The state's 32-bit date columns behave as ``datetime64[D]`` arrays in every use the engine makes.

Decision 0018: the columns are narrowed for memory only; each operation here is checked
against the same operation on a plain ``datetime64[D]`` array.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.days import EMPTY, DateColumns, DayColumn, narrow, widen
from inburgering.sim.population import PopulationConfig, generate_population
from inburgering.sim.state import DATE_COLUMNS, State

NAT = np.datetime64("NaT", "D")
days = st.one_of(st.none(), st.integers(-200_000, 200_000))  # 1422 to 2517, or no date


def _dates(values: list[int | None]) -> np.ndarray:
    return np.array([NAT if v is None else np.datetime64(v, "D") for v in values], dtype="datetime64[D]")


def _same(a: object, b: object) -> bool:
    """Equal dtypes and equal values, NaT included (compared as the integers numpy stores)."""
    x, y = np.asarray(a), np.asarray(b)
    return x.dtype == y.dtype and x.shape == y.shape and np.array_equal(x.view(np.int64), y.view(np.int64))


@settings(max_examples=200, deadline=None)
@given(st.lists(days, min_size=1, max_size=40), st.data())
def test_reads_and_writes_as_datetime64(values: list[int | None], data: st.DataObject) -> None:
    plain = _dates(values)
    col = DayColumn.of(plain)
    assert _same(np.asarray(col), plain) and col.dtype == plain.dtype and len(col) == len(plain)
    n = len(plain)
    idx = np.array(data.draw(st.lists(st.integers(0, n - 1), max_size=2 * n)), dtype=np.int64)
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    assert _same(col[idx], plain[idx]) and _same(col[mask], plain[mask]) and _same(col[1:], plain[1:])
    one = data.draw(st.integers(0, n - 1))
    assert (np.isnat(col[one]) and np.isnat(plain[one])) or col[one] == plain[one]
    # writes: fancy index, mask, slice and a scalar
    new = _dates(data.draw(st.lists(days, min_size=len(idx), max_size=len(idx))))
    plain[idx], col[idx] = new, new
    plain[mask], col[mask] = np.datetime64("2030-01-31"), np.datetime64("2030-01-31")
    plain[: n // 2], col[: n // 2] = NAT, NAT
    assert _same(np.asarray(col), plain)
    # numpy arithmetic on the whole column, either side of the operator
    day = np.datetime64("2024-02-29")
    for op in (np.less, np.less_equal, np.equal, np.not_equal, np.greater):
        assert np.array_equal(op(col, day), op(plain, day))
    assert np.array_equal(col <= day, plain <= day) and np.array_equal(day > col, day > plain)
    assert _same(col - day, plain - day) and _same(day - col, day - plain)
    assert np.array_equal(np.isnat(col), np.isnat(plain))
    assert _same(np.fmin(col, plain[::-1]), np.fmin(plain, plain[::-1]))
    assert _same(np.maximum(plain[::-1], col), np.maximum(plain[::-1], plain))
    assert _same(np.where(np.isnat(col), day, col), np.where(np.isnat(plain), day, plain))
    assert _same(np.stack([col, col]), np.stack([plain, plain]))
    assert _same(col.astype("datetime64[M]"), plain.astype("datetime64[M]"))
    copy = col.copy()
    copy[:] = day
    assert _same(np.asarray(col), plain), "a copy is the column's own"


def test_no_date_is_the_empty_day_and_back() -> None:
    stored = narrow(np.array(["NaT", "1970-01-01", "2024-02-29"], dtype="datetime64[D]"))
    assert stored.dtype == np.int32 and stored.tolist() == [EMPTY, 0, 19782]
    assert np.isnat(widen(stored)[0]) and str(widen(stored)[2]) == "2024-02-29"


def test_a_date_beyond_32_bits_is_refused() -> None:
    col = DayColumn.empty(3)
    with pytest.raises(OverflowError):
        col[0] = np.datetime64(2**40, "D")
    assert np.isnat(np.asarray(col)).all(), "nothing written"


def test_a_column_is_no_ufunc_output() -> None:
    col = DayColumn.empty(2)
    with pytest.raises(TypeError):
        np.minimum(np.asarray(col), np.asarray(col), out=(col,))


def test_assigning_an_array_stores_a_column() -> None:
    cols = DateColumns(("a", "b"), 3)
    cols["a"] = np.array(["2024-01-01", "NaT", "2025-12-31"], dtype="datetime64[D]")
    assert isinstance(cols["a"], DayColumn) and cols.nbytes() == 2 * 3 * 4
    assert [str(x) for x in cols["a"]] == ["2024-01-01", "NaT", "2025-12-31"]
    assert list(cols) == ["a", "b"] and np.isnat(np.asarray(cols["b"])).all()


@pytest.fixture(scope="module")
def state() -> State:
    pop = generate_population(load_behaviour(), PopulationConfig(laatste_instroomjaar=2022, schaal=0.001, seed=3))
    return State.start(pop)


def test_a_date_never_moves_back(state: State) -> None:
    idx = np.array([0, 1])
    name = DATE_COLUMNS[0]
    state.set_date(name, idx, np.array(["2025-05-01", "2025-06-01"], dtype="datetime64[D]"))
    state.set_date(name, idx, np.array(["2025-05-01", "NaT"], dtype="datetime64[D]"))  # NaT never counts as earlier
    assert str(state.dates[name][0]) == "2025-05-01" and np.isnat(state.dates[name][1])
    with pytest.raises(AssertionError, match="move back"):
        state.set_date(name, idx[:1], np.array(["2025-04-30"], dtype="datetime64[D]"))
    assert str(state.dates[name][0]) == "2025-05-01"
    assert state.dates.nbytes() == 4 * len(DATE_COLUMNS) * len(state.pop), "4 bytes a date"


def test_pandas_takes_a_column_as_its_dates() -> None:
    import pandas as pd

    col = DayColumn.of(np.array(["2024-01-01", "NaT"], dtype="datetime64[D]"))
    series = pd.Series(col)
    assert series.dtype.kind == "M" and series.iloc[0] == pd.Timestamp("2024-01-01") and pd.isna(series.iloc[1])
