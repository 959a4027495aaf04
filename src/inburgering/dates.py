"""Calendar arithmetic on numpy ``datetime64[D]`` arrays: the one place for date algebra.

Why a module of its own: nearly every rule of the Wet inburgering 2021 is a date computed
from another date ("36 months after the day after the PIP", "10 weeks after the notice",
"6 months before the end of the term"). Doing that per element with ``datetime`` objects
costs about a microsecond a person; doing it on integer months costs a few nanoseconds.
So dates are ``datetime64[D]`` arrays, a missing date is ``NaT`` (it propagates through
every function here), and "add N months" works on ``year * 12 + month`` with the day
clamped to the last day of the target month.

The clamp rule is the one the law's month periods need: a day that does not exist in the
target month falls back to that month's last day.

>>> str(add_months(np.datetime64("2024-01-31"), 1))
'2024-02-29'
>>> str(add_months(np.datetime64("2023-01-31"), 1))
'2023-02-28'
>>> str(add_months(np.datetime64("2024-02-29"), 12))
'2025-02-28'
>>> str(add_months(np.datetime64("2024-02-29"), 48))
'2028-02-29'
>>> str(add_months(np.datetime64("2024-09-02"), 36) - np.timedelta64(1, "D"))
'2027-09-01'
>>> str(add_months(np.datetime64("2027-09-01"), -6))
'2027-03-01'
>>> add_months(np.array(["2024-08-31", "NaT"], dtype="datetime64[D]"), np.array([1, 1])).tolist()
[datetime.date(2024, 9, 30), None]
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import numpy as np
import numpy.typing as npt

DateArray = npt.NDArray[np.datetime64]
NAT = np.datetime64("NaT", "D")
_NAT_INT = NAT.view(np.int64)
DAYS_PER_MONTH = 30.44
"""Average days in a month, for behavioural waits drawn in months (never for a legal period)."""
ONE_DAY = np.timedelta64(1, "D")


def as_date(value: Any) -> np.datetime64:
    """Convert an ISO string, ``date`` or ``datetime64`` to a ``datetime64[D]`` scalar.

    >>> str(as_date("2026-11-28"))
    '2026-11-28'
    >>> str(as_date(_dt.date(2024, 2, 29)))
    '2024-02-29'
    """
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[D]")
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        value = value.isoformat()
    return np.datetime64(value, "D")


def add_months(dates: Any, months: Any) -> Any:
    """Add whole calendar months, clamping the day to the target month's last day.

    ``dates`` and ``months`` broadcast like any numpy operands; ``NaT`` stays ``NaT``.
    Negative ``months`` go back in time with the same clamp. To add several periods to the
    same dates, build one :class:`MonthIndex` and call :meth:`MonthIndex.plus` instead.
    """
    return MonthIndex(dates).plus(months)


def civil_from_days(days: Any) -> tuple[Any, Any, Any]:
    """(year, month, day) int64 arrays from days since 1970-01-01 (proleptic Gregorian).

    Integer arithmetic after Howard Hinnant's ``civil_from_days``; no calendar objects.

    >>> [int(x) for x in civil_from_days(np.int64(19782))]
    [2024, 2, 29]
    """
    z = np.asarray(days, dtype=np.int64) + 719468
    era = np.floor_divide(z, 146097)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    return year, month, day


def days_from_civil(year: Any, month: Any, day: Any) -> Any:
    """Days since 1970-01-01 from (year, month, day); the inverse of :func:`civil_from_days`.

    >>> int(days_from_civil(2024, 2, 29))
    19782
    """
    y = np.asarray(year, dtype=np.int64) - (np.asarray(month) <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    mp = (np.asarray(month, dtype=np.int64) + 9) % 12
    doy = (153 * mp + 2) // 5 + np.asarray(day, dtype=np.int64) - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def days_in_month(year: Any, month: Any) -> Any:
    """Length of a month, 29 for February in a leap year.

    >>> int(days_in_month(2024, 2)), int(days_in_month(1900, 2)), int(days_in_month(2000, 2))
    (29, 28, 29)
    """
    y = np.asarray(year, dtype=np.int64)
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    return _MONTH_DAYS[np.asarray(month, dtype=np.int64) - 1] + ((np.asarray(month) == 2) & leap)


# Month tables: the first day (days since 1970-01-01) and length of every month from
# 1600-01 to 2599-12. Two gathers replace calendar arithmetic for every date in that range.
_FIRST_YEAR, _N_MONTHS = 1600, 12 * 1000


def _month_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index = np.arange(_N_MONTHS + 1, dtype=np.int64)
    starts = days_from_civil(_FIRST_YEAR + index // 12, index % 12 + 1, 1)
    lengths = np.diff(starts)
    # the month number of every day in the range: one gather instead of a binary search per date
    month_of_day = np.repeat(np.arange(_N_MONTHS, dtype=np.int32), lengths)
    return starts[:-1], lengths, month_of_day


class MonthIndex:
    """Dates decomposed once into (month number, day in month) for repeated month steps.

    >>> m = MonthIndex(np.array(["2024-01-31", "2023-08-31"], dtype="datetime64[D]"))
    >>> [str(x) for x in m.plus(1)], [str(x) for x in m.plus(18)]
    (['2024-02-29', '2023-09-30'], ['2025-07-31', '2025-02-28'])
    """

    _starts, _lengths, _month_of_day = _month_tables()
    _last = _lengths - 1  # the last day's offset in each month

    def __init__(self, dates: Any):
        d = np.asarray(dates, dtype="datetime64[D]")
        self.nat = np.isnat(d)
        self._any_nat = bool(self.nat.any())
        raw = np.where(self.nat, 0, d.view(np.int64)) if self._any_nat else d.view(np.int64)
        offset = raw - self._starts[0]
        inside = (offset >= 0) & (offset < len(self._month_of_day))
        if np.all(inside):
            self.month = self._month_of_day[offset].astype(np.int64)
        else:  # dates outside 1600-2599 (rare): month numbers below 0 or from 12000 on mark them
            month = np.searchsorted(self._starts, raw, side="right") - 1
            self.month = np.where(raw >= self._starts[-1] + self._lengths[-1], _N_MONTHS, month)
        self.day0 = raw - self._starts[np.clip(self.month, 0, _N_MONTHS - 1)]
        self.in_range = (self.month >= 0) & (self.month < _N_MONTHS)
        self._all_in = bool(self.in_range.all())
        self._bounds = (int(self.month.min()), int(self.month.max())) if self.month.size else (0, 0)

    def _step(self, months: Any) -> tuple[Any, Any]:
        """(days since 1970 of the clamped date ``months`` later, whether the day was clamped).

        The fast path (a whole-array step that stays inside the tables) skips the range checks;
        the rulebook calls this ~20 times per evaluation on every person.
        """
        m = np.asarray(months, dtype=np.int64)
        lo, hi = self._bounds
        if m.ndim == 0 and self._all_in and lo + m >= 0 and hi + m < _N_MONTHS:
            target = self.month + m
            last = self._last[target]
            return self._starts[target] + np.minimum(self.day0, last), self.day0 > last
        target = self.month + m
        ok = self.in_range & (target >= 0) & (target < _N_MONTHS)
        safe = np.clip(target, 0, _N_MONTHS - 1)
        last = self._last[safe]
        days = self._starts[safe] + np.minimum(self.day0, last)
        clamped = self.day0 > last
        if not np.all(ok | self.nat):  # dates outside 1600-2599: exact but slower arithmetic
            slow_days, slow_clamped = self._slow(months)
            days, clamped = np.where(ok, days, slow_days), np.where(ok, clamped, slow_clamped)
        return days, clamped

    def _as_dates(self, days: Any) -> Any:
        if self._any_nat or days.shape != self.nat.shape:
            days = np.where(self.nat, _NAT_INT, days)
        result = days.view("datetime64[D]")
        return result[()] if result.ndim == 0 else result

    def plus(self, months: Any) -> Any:
        """The dates ``months`` calendar months later (clamped), ``NaT`` stays ``NaT``."""
        return self._as_dates(self._step(months)[0])

    def period_end(self, months: Any) -> Any:
        """Last day of a period of ``months`` that begins on each date (the first day included).

        The day before the day with the same number ``months`` later; if the target month has no
        such day (a start on the 29th-31st), that month's last day. See :func:`period_end`.
        """
        days, clamped = self._step(months)
        return self._as_dates(days - ~clamped)

    def reaching(self, months: Any) -> Any:
        """The day a period of ``months`` that begins on each date has run: the day after :meth:`period_end`.

        An age: someone born on 15 March 2008 is 18 on 15 March 2026, and someone born on
        29 February 2008 on 1 March 2026 (their 18 years end with 28 February, decision 0007);
        :meth:`plus` would give 28 February, a day early.
        """
        days, clamped = self._step(months)
        return self._as_dates(days + clamped)

    def _slow(self, months: Any) -> tuple[Any, Any]:
        """(days, clamped) by calendar arithmetic, for dates or targets outside the tables."""
        raw = (self._starts[np.clip(self.month, 0, _N_MONTHS - 1)] + self.day0).astype(np.int64)
        year, month, day = civil_from_days(raw)
        index = year * 12 + (month - 1) + np.asarray(months, dtype=np.int64)
        new_year, new_month = np.floor_divide(index, 12), index % 12 + 1
        length = days_in_month(new_year, new_month)
        return days_from_civil(new_year, new_month, np.minimum(day, length)), day > length


_EPOCH_MONTH = (1970 - _FIRST_YEAR) * 12  # the tables' month number of 1970-01


def month_numbers(dates: Any) -> Any:
    """Months since 1970-01 of each date, as ``dates.astype("datetime64[M]").astype(np.int64)``.

    ``NaT`` gives the int64 minimum, as that conversion does. Why: numpy's conversion to months
    does calendar arithmetic per element (about 27 ns); one gather in the month-of-day table is
    a few times faster, and the simulation converts dates to months every month (issue #20).

    >>> d = np.array(["1970-01-31", "2024-02-29", "NaT", "1599-12-31"], dtype="datetime64[D]")
    >>> month_numbers(d).tolist() == d.astype("datetime64[M]").astype(np.int64).tolist()
    True
    """
    d = np.asarray(dates, dtype="datetime64[D]")
    offset = d.view(np.int64) - MonthIndex._starts[0]
    table = MonthIndex._month_of_day
    inside = (offset >= 0) & (offset < len(table))
    if not inside.all():
        if not (inside | np.isnat(d)).all():  # dates outside 1600-2599 (rare): numpy's conversion
            return d.astype("datetime64[M]").astype(np.int64)
        months = np.where(inside, table[np.where(inside, offset, 0)].astype(np.int64) - _EPOCH_MONTH, _NAT_INT)
        return months[()] if months.ndim == 0 else months
    months = table[offset].astype(np.int64) - _EPOCH_MONTH
    return months[()] if months.ndim == 0 else months


def shift_months(dates: Any, months: int) -> Any:
    """The first of the month ``months`` on, plus as many days as each date is past its month's first.

    Not clamped, unlike :func:`add_months`: a day past the target month's end runs into the next
    month. Why it exists: the comparison's indicator windows were defined so, and it is ~3x
    faster than numpy's month conversion on a national population (issue #20).

    >>> d = np.array(["2024-01-31", "2024-02-29", "NaT", "2023-12-31"], dtype="datetime64[D]")
    >>> [str(x) for x in shift_months(d, 1)], [str(x) for x in shift_months(d, 13)]
    (['2024-03-02', '2024-03-29', 'NaT', '2024-01-31'], ['2025-03-03', '2025-03-29', 'NaT', '2025-01-31'])
    """
    d = np.asarray(dates, dtype="datetime64[D]")
    raw, nat = d.view(np.int64), np.isnat(d)
    starts = MonthIndex._starts
    at = np.where(nat, 0, month_numbers(d) + _EPOCH_MONTH)
    if at.size and (at.min() < 0 or at.min() + months < 0 or at.max() + months >= len(starts)):
        day = d - d.astype("datetime64[M]").astype("datetime64[D]")  # outside 1600-2599: numpy's arithmetic
        return (d.astype("datetime64[M]") + np.timedelta64(months, "M")).astype("datetime64[D]") + day
    out = np.where(nat, raw, starts[at + months] + (raw - starts[at])).view("datetime64[D]")
    return out[()] if out.ndim == 0 else out


def add_days(dates: Any, days: Any) -> Any:
    """Add whole days (``NaT`` stays ``NaT``).

    >>> str(add_days(np.datetime64("2024-02-28"), 70))
    '2024-05-08'
    """
    d = np.asarray(dates, dtype="datetime64[D]")
    result = d + np.asarray(days, dtype=np.int64).astype("timedelta64[D]")
    return result[()] if result.ndim == 0 else result


def birthday(birth: Any, years: Any) -> Any:
    """The day a person born on ``birth`` reaches ``years`` years of age.

    Someone born on 29 February reaches an age on 1 March in a common year: their years run to
    the end of 28 February (:meth:`MonthIndex.reaching`, decision 0007).

    >>> str(birthday(np.datetime64("2008-02-29"), 16))
    '2024-02-29'
    >>> str(birthday(np.datetime64("2008-02-29"), 17))
    '2025-03-01'
    """
    return MonthIndex(birth).reaching(np.asarray(years, dtype=np.int64) * 12)


def nat_max(*arrays: Any) -> Any:
    """Element-wise latest date, ``NaT`` where any operand is ``NaT``.

    >>> str(nat_max(np.datetime64("2024-01-01"), np.datetime64("2024-03-01")))
    '2024-03-01'
    """
    result = np.asarray(arrays[0], dtype="datetime64[D]")
    for other in arrays[1:]:
        result = np.maximum(result, np.asarray(other, dtype="datetime64[D]"))
    return result[()] if result.ndim == 0 else result


def to_iso(value: Any) -> str | None:
    """ISO string of a date scalar, ``None`` for ``NaT``.

    >>> to_iso(np.datetime64("2027-09-01")), to_iso(NAT)
    ('2027-09-01', None)
    """
    d = np.datetime64(value, "D")
    return None if np.isnat(d) else str(d)


def period_end(start: Any, months: Any) -> Any:
    """Last day of a period of ``months`` that begins on ``start`` (decision 0007).

    The day before the day with ``start``'s number ``months`` later; if that month has no such day
    (a start on the 29th, 30th or 31st), the month's last day. The Act's term begins on the day
    after the PIP's date (art. 11.2), so its last day is ``period_end(PIP + 1 day, 36)``.
    Computing "start + 36 months - 1 day" with the month-end clamp alone would end a term that
    starts on 29 February a day early.

    >>> str(period_end(np.datetime64("2024-02-29"), 36))  # PIP 28 Feb 2024
    '2027-02-28'
    >>> str(period_end(np.datetime64("2023-08-31"), 18))  # PIP 30 Aug 2023
    '2025-02-28'
    >>> str(period_end(np.datetime64("2024-03-01"), 18))  # PIP 29 Feb 2024
    '2025-08-31'
    >>> str(period_end(np.datetime64("2024-07-01"), 42))  # PIP 30 Jun 2024, 6 months' extension
    '2027-12-31'
    """
    return MonthIndex(start).period_end(months)


def period_start_before(end: Any, months: Any) -> Any:
    """First day of the last ``months`` of a period that ends on ``end`` (its last day included).

    "Not earlier than six months before the term ends" (Besluit 4.5 lid 1): the calendar's count
    back from the day after ``end``. Where that count clamps a missing day to the month's end (31
    March less six months is 30 September), a period from that day ends a day short of ``end`` (30
    September to 29 March), so more than the months remain on it and the first day is the next one
    (a legal tester found the request allowed a day early at month ends). Elsewhere the count back
    stands, also where :func:`period_end`'s own clamp would let a day before it reach ``end`` too
    (a period from 31 October ends 30 April): the earlier testers' cases read it so.

    >>> str(period_start_before(np.datetime64("2027-09-01"), 6))
    '2027-03-02'
    >>> str(period_start_before(np.datetime64("2027-02-28"), 6))
    '2026-09-01'
    >>> str(period_start_before(np.datetime64("2029-03-30"), 6))  # term 31 March 2026 to 30 March 2029
    '2028-10-01'
    >>> str(period_start_before(np.datetime64("2028-08-29"), 6))
    '2028-03-01'
    """
    months = np.asarray(months, dtype=np.int64)
    end = np.asarray(end, dtype="datetime64[D]")
    start = np.asarray(add_months(add_days(end, 1), -months), dtype="datetime64[D]")
    short = ~np.isnat(start) & (np.asarray(period_end(start, months), dtype="datetime64[D]") < end)
    out = np.where(short, start + np.timedelta64(1, "D"), start)
    return out[()] if out.ndim == 0 else out


def _easter(years: np.ndarray) -> np.ndarray:
    """Easter Sunday of each year (anonymous Gregorian algorithm), as days since 1970-01-01."""
    y = years
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    day = (h + l_ - 7 * m + 33 * month + 19) % 32
    return days_from_civil(y, month, day)


DESIGNATED_DAYS = (
    # Algemene termijnenwet art. 3 lid 3: days a Royal Decree puts on a par with the holidays (bridge
    # days), published in the Staatscourant a few years ahead. Sources: for 2022 the decree listed by
    # wvhl.nl/algemeen/de-algemene-termijnenwet; "Besluit gelijkstelling van 28 april 2023, 19 mei 2023,
    # 10 mei 2024, 27 december 2024 en 30 mei 2025 met een algemeen erkende feestdag" and "Besluit
    # gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een
    # algemeen erkende feestdag" (both named by sterfgeval.nl, question 70745). Later years have no
    # decree yet: add them when it is published.
    "2022-05-27",
    "2023-04-28",
    "2023-05-19",
    "2024-05-10",
    "2024-12-27",
    "2025-05-30",
    "2026-01-02",
    "2026-05-15",
    "2027-05-07",
    "2028-04-28",
    "2028-05-26",
)


def _holiday_table(first: int = 1950, last: int = 2200) -> np.ndarray:
    """Every 'algemeen erkende feestdag' of the Algemene termijnenwet art. 3, sorted (days since 1970).

    Nieuwjaarsdag, Goede Vrijdag (lid 2), tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag,
    both Christmas days, 5 May and the day the monarch's birthday is celebrated: 27 April from
    2014 (26 April when the 27th is a Sunday), before that 30 April (29 April when a Sunday); and
    the days a Royal Decree puts on a par with them (lid 3, :data:`DESIGNATED_DAYS`).
    """
    years = np.arange(first, last + 1, dtype=np.int64)
    easter = _easter(years)
    royal_day = np.where(years >= 2014, 27, 30)
    royal = days_from_civil(years, 4, royal_day)
    royal = np.where((royal + 3) % 7 == 6, royal - 1, royal)  # a Sunday: the day before
    designated = np.array(DESIGNATED_DAYS, dtype="datetime64[D]").view(np.int64)
    days = [
        designated[(designated >= days_from_civil(first, 1, 1)) & (designated <= days_from_civil(last, 12, 31))],
        days_from_civil(years, 1, 1),
        easter - 2,
        easter + 1,
        easter + 39,
        easter + 50,
        royal,
        days_from_civil(years, 5, 5),
        days_from_civil(years, 12, 25),
        days_from_civil(years, 12, 26),
    ]
    return np.unique(np.concatenate(days))


_HOLIDAYS = _holiday_table()
_CLOSED_FROM = int(_HOLIDAYS[0])
_CLOSED = np.zeros(int(_HOLIDAYS[-1]) - _CLOSED_FROM + 1, bool)  # a gather instead of isin: O(n)
_CLOSED[_HOLIDAYS - _CLOSED_FROM] = True


def is_working_day(dates: Any) -> Any:
    """Not a Saturday, Sunday or 'algemeen erkende feestdag' (Algemene termijnenwet art. 1, 3).

    >>> is_working_day(np.array(["2026-04-03", "2026-04-06", "2026-04-07"], dtype="datetime64[D]")).tolist()
    [False, False, True]
    """
    raw = np.asarray(dates, dtype="datetime64[D]").view(np.int64)
    weekday = (raw + 3) % 7  # 0 = Monday
    offset = raw - _CLOSED_FROM
    inside = (offset >= 0) & (offset < len(_CLOSED))
    holiday = inside & _CLOSED[np.clip(offset, 0, len(_CLOSED) - 1)]
    return (weekday < 5) & ~holiday


def atw_end(dates: Any) -> Any:
    """A statutory deadline moved on to the next working day (Algemene termijnenwet art. 1 lid 1).

    Only for terms the Atw covers (decision 0007): a term set in an Act or an AMvB, forward,
    of at most 90 days, 12 weeks or 3 months (art. 4 a), such as the PIP's 10 weeks
    (Besluit 5.3 lid 1, via Atw art. 5). Not for the 3-year term, its extensions, the
    route-change window or terms counted backwards (art. 1 lid 2). ``NaT`` stays ``NaT``.

    >>> str(atw_end(np.datetime64("2026-12-26")))  # Saturday, tweede Kerstdag: to Monday 28 Dec
    '2026-12-28'
    >>> str(atw_end(np.datetime64("2026-04-03")))  # Goede Vrijdag, then the weekend and tweede Paasdag
    '2026-04-07'
    >>> str(atw_end(np.datetime64("2026-04-27")))  # Koningsdag
    '2026-04-28'
    """
    d = np.asarray(dates, dtype="datetime64[D]")
    scalar = d.ndim == 0
    out = np.where(np.isnat(d), NAT, d).reshape(-1)  # a copy, NaT kept
    todo = np.flatnonzero(~np.isnat(out))
    for _ in range(7):  # at most four days in a row are not working days; only those days move on
        todo = todo[~is_working_day(out[todo])]
        if len(todo) == 0:
            break
        out[todo] += ONE_DAY
    return out[0] if scalar else out


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")  # also 2024-2-1 (a review found it refused)


def parse_day(text: str) -> _dt.date | None:
    """A date as people write it: ``dd-mm-jjjj`` (also with ``/`` or ``.``) or ``jjjj-mm-dd``; None otherwise.

    The one parser of typed dates, for the command line and caseload files alike (a Dutch user
    writes 30-11-2026, an analyst 2026-11-30). ``None`` also for a date that does not exist.

    >>> parse_day("30-11-2026"), parse_day("2026-11-30"), parse_day("31-02-2026")
    (datetime.date(2026, 11, 30), datetime.date(2026, 11, 30), None)
    """
    text = text.strip()
    try:
        if m := _DMY.match(text):
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _YMD.match(text):
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None
