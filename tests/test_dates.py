"""Properties of the date algebra that every rule relies on."""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.dates import add_days, add_months, birthday, month_numbers, shift_months

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
months = st.integers(min_value=-600, max_value=600)


def reference_add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@given(days, months)
def test_add_months_matches_calendar_reference(day: dt.date, n: int) -> None:
    assert add_months(np.datetime64(day), n) == np.datetime64(reference_add_months(day, n))


@given(st.lists(days, min_size=1, max_size=50), months)
def test_vectorised_equals_scalar(day_list: list[dt.date], n: int) -> None:
    arr = np.array(day_list, dtype="datetime64[D]")
    out = add_months(arr, n)
    for d, o in zip(day_list, out, strict=True):
        assert o == add_months(np.datetime64(d), n)


@given(days, st.integers(min_value=0, max_value=600), st.integers(min_value=0, max_value=600))
def test_add_months_is_monotonic_in_months(day: dt.date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert add_months(np.datetime64(day), lo) <= add_months(np.datetime64(day), hi)


@given(days, days, st.integers(min_value=0, max_value=600))
def test_add_months_is_monotonic_in_dates(d1: dt.date, d2: dt.date, n: int) -> None:
    lo, hi = sorted((d1, d2))
    assert add_months(np.datetime64(lo), n) <= add_months(np.datetime64(hi), n)


@given(days.filter(lambda d: d.day <= 28), months)
def test_round_trip_when_no_clamp(day: dt.date, n: int) -> None:
    there = add_months(np.datetime64(day), n)
    assert add_months(there, -n) == np.datetime64(day)


def test_nat_propagates() -> None:
    nat = np.datetime64("NaT", "D")
    assert np.isnat(add_months(nat, 3))
    assert np.isnat(add_days(nat, 3))
    assert np.isnat(birthday(nat, 16))


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_atw_end_is_the_next_working_day(day: dt.date) -> None:
    from inburgering.dates import atw_end, is_working_day

    d = np.datetime64(day, "D")
    moved = atw_end(np.array([d]))[0]
    assert is_working_day(np.array([moved]))[0]
    assert d <= moved <= d + np.timedelta64(4, "D")
    between = np.arange(d, moved)  # every day skipped is a weekend day or a holiday
    assert not is_working_day(between).any()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1400, 1, 1), max_value=dt.date(2800, 12, 31)), st.integers(-36, 36))
def test_period_end_inside_and_outside_the_month_tables(day: dt.date, n: int) -> None:
    """The last day of an n-month period from ``day``: the day before the same date n months on, or
    that month's last day when the date does not exist there (decision 0007), also outside 1600-2599."""
    from inburgering.dates import period_end

    index = day.year * 12 + day.month - 1 + n
    year, month = divmod(index, 12)
    length = calendar.monthrange(year, month + 1)[1]
    if day.day > length:
        expected = dt.date(year, month + 1, length)
    else:
        expected = dt.date(year, month + 1, day.day) - dt.timedelta(days=1)
    assert period_end(np.datetime64(day, "D"), n) == np.datetime64(expected, "D")


@given(
    st.lists(st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))), max_size=40)
)
def test_month_numbers_are_numpys_months(values: list[dt.date | None]) -> None:
    # issue #20: the table lookup replaces numpy's conversion; NaT and dates outside the tables included
    dates = np.array([np.datetime64("NaT") if v is None else np.datetime64(v) for v in values], dtype="datetime64[D]")
    expected = dates.astype("datetime64[M]").astype(np.int64)
    assert month_numbers(dates).tolist() == expected.tolist()
    assert month_numbers(dates).dtype == np.int64


@given(
    st.lists(st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9000, 12, 31))), max_size=40),
    st.integers(min_value=-240, max_value=240),
)
def test_shift_months_is_numpys_month_arithmetic(values: list[dt.date | None], months: int) -> None:
    # issue #20: the comparison's indicator windows by the month tables, the same days as numpy's way
    dates = np.array([np.datetime64("NaT") if v is None else np.datetime64(v) for v in values], dtype="datetime64[D]")
    first = dates.astype("datetime64[M]")
    expected = (first + np.timedelta64(months, "M")).astype("datetime64[D]") + (dates - first.astype("datetime64[D]"))
    assert shift_months(dates, months).view(np.int64).tolist() == expected.view(np.int64).tolist()


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)), st.integers(1, 36))
def test_the_last_months_of_a_period_reach_its_end_and_no_more(end: dt.date, n: int) -> None:
    """Besluit 4.5 lid 1: from the first day, at most ``n`` months remain.

    Counted back from the day after ``end``; where that day does not exist in the month ``n``
    back (31 March less six months), the period from the month's last day would end a day short,
    so the first day is the next one (a legal tester found the request allowed a day early);
    elsewhere the count back stands (see the function's docstring).
    """
    from inburgering.dates import period_end, period_start_before

    last = np.datetime64(end, "D")
    first = period_start_before(last, n)
    back = add_months(last + np.timedelta64(1, "D"), -n)  # the calendar's count back, clamped
    assert period_end(first, n) >= last  # no more than n months remain from the first day
    assert first in (back, back + np.timedelta64(1, "D"))
    if first == back + np.timedelta64(1, "D"):  # moved on only where the count back was clamped
        assert period_end(back, n) < last
    else:
        assert period_end(first, n) == last  # exactly n months
