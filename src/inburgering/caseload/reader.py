"""Read a caseload file as a Dutch municipality writes it: CSV (``;`` or ``,``) or XLSX.

CSV may be UTF-8 with or without BOM (Windows-1252 is accepted too, as older Excel writes it);
the separator is taken from the header line. XLSX is read from the first sheet. Every cell
comes out as text: dates from Excel as ``jjjj-mm-dd``, numbers without a thousands separator.
Limits keep a hostile file from exhausting memory: size, rows, columns and cell length, each
reported with its limit.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20_000_000
MAX_ROWS = 100_000
MAX_COLUMNS = 100
MAX_CELL = 1_000


class ReadError(ValueError):
    """A file that cannot be read as a caseload; the message says why and what is allowed."""


@dataclass(frozen=True)
class Table:
    """The header and the rows (cells as text), with each row's number in the file (header = 1)."""

    header: list[str]
    rows: list[list[str]]
    numbers: list[int] | None = None


def read_table(path: Path) -> Table:
    """Read ``path`` (CSV or XLSX by its content, not only its name)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"{path.name}: cannot be read ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise ReadError(f"{path.name}: {size:,} bytes; allowed: at most {MAX_BYTES:,} bytes")
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str) -> Table:
    """Read a file's bytes (an upload, held in memory only); ``name`` is only for messages."""
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: {len(data):,} bytes; allowed: at most {MAX_BYTES:,} bytes")
    if not data.strip():
        raise ReadError(f"{name}: the file is empty; allowed: a header row and one or more rows")
    table = _read_xlsx(data, name) if data[:4] == b"PK\x03\x04" else _read_csv(data, name)
    return _checked(table, name)


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise ReadError(f"{name}: not a text file in UTF-8 (or Windows-1252); allowed: CSV or XLSX")


def _read_csv(data: bytes, name: str) -> Table:
    text = _decode(data, name)
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = next(reader)
        rows: list[list[str]] = []
        for row in reader:
            if len(rows) > MAX_ROWS:
                raise ReadError(f"{name}: more than {MAX_ROWS:,} rows; allowed: at most {MAX_ROWS:,}")
            rows.append(row)
    except csv.Error as exc:
        raise ReadError(f"{name}: not a readable CSV file ({exc})") from None
    return Table([h.strip() for h in header], rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, name: str) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(f"{name}: not a readable XLSX file ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = [_cell(v).strip() for v in next(values, ())]
        rows: list[list[str]] = []
        for row in values:
            if len(rows) > MAX_ROWS:
                raise ReadError(f"{name}: more than {MAX_ROWS:,} rows; allowed: at most {MAX_ROWS:,}")
            rows.append([_cell(v) for v in row[: MAX_COLUMNS + 1]])
    finally:
        book.close()
    return Table(header, rows)


def _checked(table: Table, name: str) -> Table:
    header = table.header
    while header and header[-1] == "":
        header = header[:-1]
    if not header:
        raise ReadError(f"{name}: no header row; allowed: a first row with the column names")
    if len(header) > MAX_COLUMNS:
        raise ReadError(f"{name}: {len(header)} columns; allowed: at most {MAX_COLUMNS}")
    rows, numbers = [], []
    for number, row in enumerate(table.rows, start=2):
        for j, cell in enumerate(row):
            if len(cell) > MAX_CELL:
                column = header[j] if j < len(header) else f"column {j + 1}"
                raise ReadError(
                    f"{name}: row {number}, {column}: a cell of {len(cell):,} characters; allowed: at most {MAX_CELL:,}"
                )
        if any(c.strip() for c in row):  # blank lines are not rows
            rows.append(row)
            numbers.append(number)
    return Table(header, rows, numbers)
