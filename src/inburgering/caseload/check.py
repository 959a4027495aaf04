"""Check a caseload table cell by cell and report every problem at once.

A problem names the row (as numbered in the file, header = 1), the column, the value and what
is allowed. Values are shown shortened and with formula characters made inert, so a message
never runs as a formula if it is pasted into a spreadsheet. Case numbers are pseudonymised as
soon as a row is read; the raw number is kept only to report a duplicate.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from inburgering.bsn import mask_bsn
from inburgering.caseload.columns import BY_NAME, COLUMNS, FALSE_WORDS, TRUE_WORDS, Column, allowed_text
from inburgering.caseload.privacy import check_privacy, pseudonym
from inburgering.caseload.reader import Table
from inburgering.compare.export import neutralise
from inburgering.dates import parse_day
from inburgering.i18n import N_, SOURCE, Said, country_codes, say
from inburgering.law.parameters import load_parameters
from inburgering.rules.person_order import DATE_ORDER, ORDER_DEFAULT, PIP_AGE, first_pip_day
from inburgering.rules.termijn import term_end_bounds

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


@dataclass(frozen=True)
class Problem:
    """One problem: where (row, column), the value and what is allowed."""

    row: int
    column: str  # the file's column name, or a Said for the header, the rows or a whole row
    value: str  # as in the file, or a Said describing it (a duplicate case number is not shown)
    allowed: str  # a Said where it has words, so that it can be said in the reader's language

    def message(self, lang: str = SOURCE) -> str:
        """The problem in one line, in ``lang`` (the column name and the value as they are in the file)."""
        value = mask_bsn(say(self.value, lang))  # a Said is a description of the value, not the value itself
        shown = str(neutralise(value[:40] + ("…" if len(value) > 40 else "")))
        column = mask_bsn(self.column) if isinstance(self.column, str) else self.column
        return say(
            Said(
                N_("row {row}, column {column!r}: value {value!r} is not allowed; allowed: {allowed}"),
                row=self.row,
                column=column,
                value=shown,
                allowed=self.allowed,
            ),
            lang,
        )


@dataclass
class Checked:
    """The valid rows (typed, pseudonymised) and every problem."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0


_DATE_SHAPE = re.compile(r"^(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{1,2}-\d{1,2})$")


# Excel's day number of 2100-12-31 (day 1 is 1900-01-01); five digits (from 1927-05-18) are such a number,
# a bare year or a month's number is not (a review found "2024" called one)
_EXCEL_DAY_2100 = 73_415


def parse_date(text: str) -> _dt.date | None:
    """dd-mm-jjjj (also with / or .) or jjjj-mm-dd; None if it is neither or not a real date."""
    return parse_day(text)


def parse_number(text: str) -> float | None:
    """A number with a decimal comma or point; a point before three digits is a thousands separator."""
    t = text.replace(" ", "")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(t):
        t = t.replace(".", "")
    try:
        value = float(t)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _value(column: Column, text: str) -> tuple[Any, bool]:
    """(typed value, ok). Empty cells are None and fine unless the column is required."""
    if text == "":
        return None, not column.required
    if column.kind == "date":
        d = parse_date(text)
        return d, d is not None and _dt.date(1900, 1, 1) <= d <= _dt.date(2100, 12, 31)
    if column.kind == "enum":
        low = text.lower() if text.upper() not in column.allowed else text.upper()
        return low, low in column.allowed
    if column.kind == "bool":
        low = text.lower()
        return (low in TRUE_WORDS), low in TRUE_WORDS or low in FALSE_WORDS
    if column.kind == "country":
        code = text.upper()
        return code, code in country_codes()
    if column.kind in ("number", "int"):
        number = parse_number(text)
        ok = number is not None and 0 <= number <= (column.maximum or float("inf"))
        if column.kind == "int":
            ok = ok and number is not None and float(number).is_integer()
        return number, ok
    return text, 1 <= len(text) <= 64  # id


_BY_LOWER = {c.name.lower(): c.name for c in COLUMNS}


def _canonical_header(table: Table) -> Table:
    """The header with each known column's name as the template spells it, whatever its capitals.

    Why: a team that types "DatumPip" or "datumpip" means the template's column; a review found
    such headers refused as unknown. An unknown name stays as it is, to be reported.
    """
    header = [_BY_LOWER.get(h.lower(), h) for h in table.header]
    return table if header == table.header else dataclasses.replace(table, header=header)


def check_table(table: Table, key: bytes, peil: _dt.date | None = None) -> Checked:
    """Every problem of ``table``; the valid rows typed, with pseudonymised ids.

    ``peil``: the date the file describes (a forecast's); an event dated after it is refused,
    since the file says what has happened by then (a review found a PIP two months ahead taken
    as a fact). Raises :class:`PrivacyError` first if a column must not be there at all.
    """
    check_privacy(table.header, table.rows, table.numbers or None)
    table = _canonical_header(table)
    out = Checked(rows_read=len(table.rows))
    unknown = [h for h in table.header if h not in BY_NAME]
    for name in unknown:
        out.problems.append(
            Problem(1, name, name, Said(N_("a known column: {names}"), names=", ".join(c.name for c in COLUMNS)))
        )
    for c in COLUMNS:
        if c.required and c.name not in table.header:
            out.problems.append(Problem(1, c.name, "", Said(N_("this column is required"))))
    if len(set(table.header)) != len(table.header):
        # name the repeated columns, not the whole header cut at 40 characters (a robustness test)
        twice = sorted({h for h in table.header if table.header.count(h) > 1})
        out.problems.append(Problem(1, Said(N_("(header)")), ", ".join(twice), Said(N_("every column name once"))))
    if any(p.row == 1 for p in out.problems):
        return out  # without the right columns no row can be read
    if not table.rows:
        out.problems.append(Problem(2, Said(N_("(rows)")), "", Said(N_("one or more rows under the header"))))
        return out
    index = {h: j for j, h in enumerate(table.header)}
    seen: dict[str, int] = {}
    numbers = table.numbers or list(range(2, len(table.rows) + 2))
    for number, cells in zip(numbers, table.rows, strict=True):
        record: dict[str, Any] = {}
        bad = False
        if len(cells) > len(table.header) and any(c.strip() for c in cells[len(table.header) :]):
            out.problems.append(
                Problem(
                    number,
                    Said(N_("(row)")),
                    Said(N_("{count} cells"), count=len(cells)),
                    Said(N_("at most {count} cells"), count=len(table.header)),
                )
            )
            bad = True
        for c in COLUMNS:
            text = cells[index[c.name]].strip() if c.name in index and index[c.name] < len(cells) else ""
            value, ok = _value(c, text)
            if not ok:
                allowed: str | Said = allowed_text(c)
                if c.kind == "date" and _DATE_SHAPE.match(text):  # 31-02-1990: the form is right, the day is not
                    allowed = Said(N_("a date that exists (dd-mm-jjjj or jjjj-mm-dd) from 1900 to 2100"))
                elif c.kind == "date" and text.isdigit() and len(text) == 5 and int(text) <= _EXCEL_DAY_2100:
                    # a date column Excel saved as its day number (45627 for 2024-12-01): say so (a robustness test)
                    allowed = Said(
                        N_(
                            "a date (dd-mm-jjjj or jjjj-mm-dd); this looks like Excel's day number: "
                            "give the column a date format in Excel and save the file again"
                        )
                    )
                out.problems.append(Problem(number, c.name, text, allowed))
                bad = True
            record[c.name] = value
        raw_id = record.get("id")
        if isinstance(raw_id, str):
            if raw_id in seen:
                out.problems.append(
                    Problem(
                        number, "id", Said(N_("(as in row {row})"), row=seen[raw_id]), Said(N_("each case number once"))
                    )
                )
                bad = True
            seen[raw_id] = number
            record["id"] = pseudonym(key, raw_id)
        bad |= _cross_checks(record, number, out.problems)
        bad |= _after(record, number, out.problems, peil)
        bad |= _term(record, number, out.problems, peil)
        if not bad:
            record["rij"] = number
            out.rows.append(record)
    return out


# the file's own dates, not in the rulebook's input: none before birth, the first registration first
_OWN_ORDER = (
    *((name, "geboortedatum", "") for name in ("datumAfschaling", "startTermijn", "eindeTermijn")),
    # a review found these accepted and made the basis of the forecast
    (
        "startTermijn",
        "datumVerblijfsrecht",
        N_("a date on or after {field} ({date}): the term begins after the PIP, which follows the permit (art. 11.2)"),
    ),
)


# what has happened by the file's date; the term's end and DUO's start of the term may lie ahead
HAPPENED = (
    "geboortedatum",  # a robustness test found a birth after the file's date accepted
    "datumVerblijfsrecht",
    "datumKennisgeving",
    "datumInschrijvingBrp",
    "datumEersteInschrijvingBrp",
    "datumPip",
    "datumPvtAfgerond",
    "datumMapAfgerond",
    "datumAfschaling",
)


def _after(r: dict[str, Any], number: int, problems: list[Problem], peil: _dt.date | None) -> bool:
    """Events dated after the file's date ``peil``: refused, one problem each; returns whether any."""
    if peil is None:
        return False
    late = [name for name in HAPPENED if r.get(name) and r[name] > peil]
    for name in late:
        allowed = Said(N_("a date on or before the file's date ({date})"), date=peil.isoformat())
        problems.append(Problem(number, name, r[name].isoformat(), allowed))
    return bool(late)


def _term(r: dict[str, Any], number: int, problems: list[Problem], peil: _dt.date | None) -> bool:
    """DUO's term dates against the law: a start by the day after the file's date, an end within the term's length.

    The term begins on the day after the PIP (art. 11.2), so a start later than the day after
    the file's date stands for a PIP the file has not seen; it lasts ``termijn.duur`` months (art.
    11.1), lengthened by the extensions in ``verlengingMaanden`` (art. 12) and a gap of at most
    ``termijn.max_onderbreking`` (Besluit 4.2). A review found ends of 7 months and of 12 years
    accepted, making every case late or on time.
    """
    start, end = r.get("startTermijn"), r.get("eindeTermijn")
    bad = False
    # afschaling changes the route the first PIP set (W 17.3, B 5.3 lid 6): not before it; the first PIP
    # is the day before DUO's start of the term where the file gives it (datumPip may be a later PIP)
    first = start - _dt.timedelta(days=1) if start else r.get("datumPip")
    lowered = r.get("datumAfschaling")
    if lowered and first and lowered < first:
        why = N_("a date on or after {date}, the first PIP: afschaling changes the route the PIP set (art. 17.3)")
        problems.append(Problem(number, "datumAfschaling", lowered.isoformat(), Said(why, date=first.isoformat())))
        bad = True
    if start and peil and start > peil + _dt.timedelta(days=1):
        limit = (peil + _dt.timedelta(days=1)).isoformat()
        why = N_("a date on or before {date}, the day after the file's date: the term begins the day after the PIP")
        problems.append(Problem(number, "startTermijn", start.isoformat(), Said(why, date=limit)))
        bad = True
    if not (start and end) or end < start:  # an end before the start is reported by the cross-checks
        return bad
    extended = r.get("verlengingMaanden")
    given = extended is not None and extended != ""
    bounds = term_end_bounds(load_parameters(), [start], int(extended or 0))  # the rulebook's
    earliest, latest = str(bounds[0][0]), str(bounds[1][0])
    months, gap = int(bounds[2][0]), int(bounds[3][0])
    if str(end) < earliest:
        why = N_("a date on or after {date}: the term lasts {months} months (art. 11.1), an extension only adds")
        problems.append(Problem(number, "eindeTermijn", end.isoformat(), Said(why, date=earliest, months=months)))
        return True
    if given and str(end) > latest:
        why = N_(
            "a date on or before {date}: {months} months with the extensions in verlengingMaanden and at most "
            "{gap} months of a gap (art. 11.1, 12, Besluit 4.2)"
        )
        problems.append(
            Problem(number, "eindeTermijn", end.isoformat(), Said(why, date=latest, months=months, gap=gap))
        )
        bad = True
    return bad


def _cross_checks(r: dict[str, Any], number: int, problems: list[Problem]) -> bool:
    """Dates and answers that contradict each other; returns whether the row has such a problem.

    The orders of dates are the rulebook input's (:data:`inburgering.rules.person_order.DATE_ORDER`:
    nothing before birth, DUO's notice, the PIP, PVT and MAP not before the permit), so a file
    and the person calculator refuse the same contradictions with the same reason.
    """
    bad = False
    reported: set[str] = set()
    for name, before, why in (*DATE_ORDER, *_OWN_ORDER):
        if name in reported or not r.get(name) or not r.get(before) or r[name] >= r[before]:
            continue
        reported.add(name)  # a date before birth is not also reported as before the permit
        allowed = Said(why or ORDER_DEFAULT, field=before, date=r[before].isoformat())
        problems.append(Problem(number, name, r[name].isoformat(), allowed))
        bad = True
    born, pip = r.get("geboortedatum"), r.get("datumPip")
    if born and pip and "datumPip" not in reported:  # a PIP at 13 (a legal review): as the person input
        first, age = first_pip_day(np.datetime64(born, "D"), np.datetime64(pip, "D"))
        if np.datetime64(pip, "D") < first:
            problems.append(Problem(number, "datumPip", pip.isoformat(), Said(PIP_AGE, date=str(first), age=age)))
            bad = True
    if r.get("startTermijn") and r.get("eindeTermijn") and r["eindeTermijn"] < r["startTermijn"]:
        problems.append(
            Problem(
                number,
                "eindeTermijn",
                r["eindeTermijn"].isoformat(),
                Said(N_("a date after startTermijn ({start})"), start=r["startTermijn"].isoformat()),
            )
        )
        bad = True
    if r.get("vrijgesteld") and r.get("ontheffing"):
        problems.append(
            Problem(
                number,
                "ontheffing",
                "ja",
                Said(
                    N_(
                        "'nee' when vrijgesteld is 'ja': an exempt person (art. 4) has no obligation "
                        "to be released from (art. 5)"
                    )
                ),
            )
        )
        bad = True
    # afschaling lowers the B1-route's exams only (W 17.3); a review found it on the Z-route accepted, then dropped
    if r.get("datumAfschaling") and r.get("leerroute") not in (None, "", "b1"):
        problems.append(
            Problem(
                number,
                "datumAfschaling",
                r["datumAfschaling"].isoformat(),
                Said(N_("empty unless leerroute is 'b1': afschaling lowers the B1-route's exams only (art. 17.3)")),
            )
        )
        bad = True
    return bad
