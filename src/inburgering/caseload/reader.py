"""Read a caseload file as a Dutch municipality writes it: CSV (``;``, ``,`` or tab) or XLSX.

CSV may be UTF-8 with or without BOM (Windows-1252 is accepted too, as older Excel writes it);
the separator is the one the header line uses most. XLSX is read from the first sheet. Every cell
comes out as text: dates from Excel as ``jjjj-mm-dd``, numbers without a thousands separator.
Limits keep a hostile file from exhausting memory: size, rows, columns and cell length, each
reported with its limit; an XLSX is measured unpacked before it is parsed (a 554 KB file once
unpacked to 4.6 GB). A damaged file of any kind ends in a :class:`ReadError` with a message, never
in a traceback: a counsellor who uploads a broken export must be told what is wrong.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from inburgering.i18n import N_, Count, Said

MAX_BYTES = 20_000_000
MAX_ROWS = 100_000
MAX_COLUMNS = 100
MAX_CELL = 1_000
MAX_UNPACKED = 200_000_000  # bytes of an XLSX's parts unpacked (a full 100,000-row sheet is ~50 MB)
MAX_RATIO = 200  # unpacked / packed per part: XML compresses 5-20x, a bomb 1000x
MAX_HELD_PART = 20_000_000
"""Bytes unpacked of any part other than a worksheet. openpyxl streams a worksheet but holds
every other part in memory, the shared strings as Python strings: 180 MB of them took 1.3 GB and
50 s; a 100,000-row caseload's shared strings are a few MB."""


class ReadError(ValueError):
    """A file that cannot be read as a caseload; the message says why and what is allowed.

    The message is a :class:`~inburgering.i18n.Said` (:attr:`said`), so a page says it in the
    reader's language; ``str(error)`` is the English.
    """

    def __init__(self, said: Said):
        super().__init__(said)
        self.said = said


def _too_large(name: str, size: int) -> Said:
    return Said(
        N_("{name}: {size} bytes; allowed: at most {most} bytes"), name=name, size=Count(size), most=Count(MAX_BYTES)
    )


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
        raise ReadError(Said(N_("{name}: cannot be read ({why})"), name=path.name, why=exc.strerror)) from None
    if size > MAX_BYTES:
        raise ReadError(_too_large(path.name, size))
    try:
        data = path.read_bytes()
    except OSError as exc:  # a folder, or unreadable: one line, not a traceback (a robustness test)
        raise ReadError(Said(N_("{name}: cannot be read ({why})"), name=path.name, why=exc.strerror)) from None
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> Table:
    """Read a file's bytes (an upload, held in memory only); ``name`` is only for messages."""
    if len(data) > MAX_BYTES:
        raise ReadError(_too_large(name, len(data)))
    if not data.strip():
        raise ReadError(Said(N_("{name}: the file is empty; allowed: a header row and one or more rows"), name=name))
    if data[:8] == _OLE:
        # an old .xls, or an .xlsx saved with a password (both OLE containers): not readable here, and read as
        # CSV it gave a misleading "mixed encodings" (a robustness test)
        raise ReadError(
            Said(
                N_(
                    "{name}: an old Excel workbook (.xls) or one saved with a password; allowed: save it as .xlsx "
                    "without a password, or as CSV UTF-8"
                ),
                name=name,
            )
        )
    table = _read_xlsx(data, name) if data[:4] == b"PK\x03\x04" else _read_csv(data, name)
    return _checked(table, name)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the signature of an OLE compound file (.xls, encrypted .xlsx)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mixed(data: bytes, error: UnicodeDecodeError) -> bool:
    """Whether bytes that are not UTF-8 sit beside whole multi-byte UTF-8 characters elsewhere."""
    return _UTF8_MULTIBYTE.search(data, 0, error.start) is not None or (
        _UTF8_MULTIBYTE.search(data, error.end) is not None
    )


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; a file that mixes the two is refused.

    Read as Windows-1252, the UTF-8 parts of a mixed file would change (``é`` becomes ``Ã©``), and
    a case number with them would get another pseudonym than in a clean file.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _mixed(data, exc):
            line = data[: exc.start].count(b"\n") + 1
            raise ReadError(
                Said(
                    N_(
                        "{name}: line {line} is not UTF-8 while other lines are (mixed encodings); allowed: one "
                        "encoding, preferably UTF-8 (in Excel: save as 'CSV UTF-8')"
                    ),
                    name=name,
                    line=line,
                )
            ) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = "\x00"  # bytes Windows-1252 does not define: not a text file
    if "\x00" in text:
        raise ReadError(Said(N_("{name}: not a text file in UTF-8 (or Windows-1252); allowed: CSV or XLSX"), name=name))
    return text


_SEP_HINT = re.compile(r"^sep=([;,\t|])\s*$")
"""The first line Excel writes (and reads) to name a CSV file's separator."""


def _read_csv(data: bytes, name: str) -> Table:
    text = _decode(data, name).lstrip("\ufeff")  # a BOM written twice (or more) is still no content
    if not text.strip():
        raise ReadError(Said(N_("{name}: the file is empty; allowed: a header row and one or more rows"), name=name))
    first = text.split("\n", 1)[0]
    if hint := _SEP_HINT.match(first):  # Excel's "sep=;" line: the separator, then the header (a review)
        text = text.split("\n", 1)[1] if "\n" in text else ""
        if not text.strip():
            raise ReadError(
                Said(N_("{name}: the file is empty; allowed: a header row and one or more rows"), name=name)
            )
        sep = hint.group(1)
    else:
        # the separator the header uses most: ';' (Dutch Excel), ',' or a tab (copied from a spreadsheet;
        # a robustness test found a tab-separated file read as one column)
        sep = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = next(reader)
        rows: list[list[str]] = []
        filled, blank = 0, 0  # blank lines are no rows: trailing ones are dropped, the rest kept for row numbers
        for row in reader:
            if not any(c.strip() for c in row):
                blank += 1
                continue
            filled += 1
            if filled > MAX_ROWS + 1:  # a robustness test found 100,000 trailing ';' lines counted as rows
                raise ReadError(
                    Said(N_("{name}: more than {most} rows; allowed: at most {most}"), name=name, most=Count(MAX_ROWS))
                )
            rows.extend([[]] * blank)
            blank = 0
            rows.append(row)
    except csv.Error as exc:
        raise ReadError(Said(N_("{name}: not a readable CSV file ({why})"), name=name, why=str(exc))) from None
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


def _unpacked_size(data: bytes, name: str) -> None:
    """Refuse an XLSX whose parts would unpack too large, before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError (a bad version), EOFError, ...: all damage
        raise ReadError(
            Said(N_("{name}: not a readable XLSX file (a damaged zip: {why})"), name=name, why=type(exc).__name__)
        ) from None
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED:
        raise ReadError(
            Said(
                N_("{name}: unpacks to {size} bytes; allowed: at most {most}"),
                name=name,
                size=Count(total),
                most=Count(MAX_UNPACKED),
            )
        )
    sheets = _worksheet_parts(archive_bytes=data, parts=parts)
    for part in parts:
        if part.file_size > MAX_HELD_PART and part.filename not in sheets:
            raise ReadError(
                Said(
                    N_(
                        "{name}: part {part!r} unpacks to {size} bytes; allowed: at most {most} for anything but "
                        "a sheet (a caseload's shared texts take a few MB)"
                    ),
                    name=name,
                    part=part.filename[:60],
                    size=Count(part.file_size),
                    most=Count(MAX_HELD_PART),
                )
            )
        if part.file_size > 1_000_000 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise ReadError(
                Said(
                    N_(
                        "{name}: part {part!r} unpacks {ratio} times its size; allowed: at most {most} "
                        "(a file built to exhaust memory)"
                    ),
                    name=name,
                    part=part.filename[:60],
                    ratio=Count(part.file_size // max(part.compress_size, 1)),
                    most=MAX_RATIO,
                )
            )


def _worksheet_parts(archive_bytes: bytes, parts: list[zipfile.ZipInfo]) -> set[str]:
    """The one part openpyxl streams instead of holding: the first worksheet, or none.

    Taken as openpyxl finds it (the first ``<sheet>`` of workbook.xml whose relationship is a
    worksheet's), and exempt only if ``[Content_Types].xml`` positively declares it a worksheet,
    nothing else claims it (another relationship, another content type) and it is not a part
    openpyxl reads whole by its fixed name (:data:`HELD_BY_NAME`, styles and theme among them):
    otherwise it would be held in memory after all, so no part is exempt. Damaged or oversized
    bookkeeping parts exempt none; the parse that follows reports the damage.
    """
    texts = {}
    for wanted in ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        info = next((p for p in parts if p.filename == wanted), None)
        if info is None or info.file_size > 1_000_000:
            return set()
        try:
            with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
                texts[wanted] = archive.read(info).decode("utf-8", errors="replace")
        except Exception:
            return set()
    rels = {}
    for tag in re.findall(r"<(?:[\w.-]+:)?Relationship\b[^>]*>", texts["xl/_rels/workbook.xml.rels"]):
        ident, kind, target = (_attribute(tag, name) for name in ("Id", "Type", "Target"))
        if ident and kind and target:
            rels[ident] = (kind, target[1:] if target.startswith("/") else f"xl/{target}")
    first = None
    for tag in re.findall(r"<(?:[\w.-]+:)?sheet\b[^>]*>", texts["xl/workbook.xml"]):
        rid = re.search(r"""\b[\w.-]+:id\s*=\s*(["'])(.*?)\1""", tag)
        rel = rels.get(rid.group(2)) if rid else None
        if rel and rel[0].endswith("/worksheet"):
            first = rel[1]
            break
    if first is None or first in HELD_BY_NAME:
        return set()
    if any(target == first and not kind.endswith("/worksheet") for kind, target in rels.values()):
        return set()
    declared = None
    for tag in re.findall(r"<(?:[\w.-]+:)?Override\b[^>]*>", texts["[Content_Types].xml"]):
        name, kind = _attribute(tag, "PartName"), _attribute(tag, "ContentType")
        if name and name.lstrip("/") == first:
            if not (kind or "").endswith("worksheet+xml"):
                return set()
            declared = kind
    return {first} if declared else set()  # only a part the file positively declares a worksheet


HELD_BY_NAME = frozenset(
    {
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/theme/theme1.xml",
        "xl/sharedStrings.xml",
        "docProps/core.xml",
        "docProps/app.xml",
        "docProps/custom.xml",
    }
)
"""Parts openpyxl reads whole by their fixed name, whatever the file declares them to be."""


def _attribute(tag: str, name: str) -> str | None:
    found = re.search(rf"""\b{name}\s*=\s*(["'])(.*?)\1""", tag)
    return found.group(2) if found else None


def _read_xlsx(data: bytes, name: str) -> Table:
    """The first sheet's cells as text; any damage inside the file is a :class:`ReadError`."""
    import openpyxl

    _unpacked_size(data, name)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged part can fail in many ways inside openpyxl: all are "unreadable"
        raise ReadError(
            Said(N_("{name}: not a readable XLSX file ({why})"), name=name, why=type(exc).__name__)
        ) from None
    try:
        if not book.worksheets:
            raise ReadError(
                Said(N_("{name}: the workbook has no sheet; allowed: the caseload on the first sheet"), name=name)
            )
        values = book.worksheets[0].iter_rows(values_only=True)
        header = [_cell(v).strip() for v in next(values, ())][: MAX_COLUMNS + 1]
        rows: list[list[str]] = []
        for row in values:
            if len(rows) > MAX_ROWS:
                raise ReadError(
                    Said(N_("{name}: more than {most} rows; allowed: at most {most}"), name=name, most=Count(MAX_ROWS))
                )
            rows.append([_cell(v) for v in row[: MAX_COLUMNS + 1]])
    except ReadError:
        raise
    except Exception as exc:  # malformed sheet XML, a cell reference past XFD, a bad shared string
        raise ReadError(
            Said(N_("{name}: not a readable XLSX file ({why} in the first sheet)"), name=name, why=type(exc).__name__)
        ) from None
    finally:
        book.close()
    if any("" in row for row in rows):
        _refuse_uncomputed_formulas(data, name, header, rows)
    return Table(header, rows)


def _refuse_uncomputed_formulas(data: bytes, name: str, header: list[str], rows: list[list[str]]) -> None:
    """Refuse a formula cell that has no stored result, instead of reading it as empty.

    Excel stores each formula's last result beside it, and that result is what is read. A file
    written by a program that does not compute formulas (a script, some exports) stores none, and
    the cell would read as empty: a PIP date computed by a formula would silently become "no PIP".
    Only cells read as empty are looked at, in a second pass over the same (already bounded) sheet
    that sees the formulas themselves.
    """
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        formulas = book.worksheets[0].iter_rows(values_only=True)
        next(formulas, ())
        for number, (row, raw) in enumerate(zip(rows, formulas, strict=False), start=2):
            for j, cell in enumerate(row):
                value = raw[j] if j < len(raw) else None
                if cell == "" and isinstance(value, str) and value.startswith("="):
                    column = header[j] if j < len(header) and header[j] else Said(N_("column {number}"), number=j + 1)
                    raise ReadError(
                        Said(
                            N_(
                                "{name}: row {row}, {column}: a formula without a stored result (the program "
                                "that wrote the file did not compute it); allowed: values, or formulas saved by "
                                "Excel or LibreOffice (open the file there and save it, or paste as values)"
                            ),
                            name=name,
                            row=number,
                            column=column,
                        )
                    )
    except ReadError:
        raise
    except Exception as exc:  # the first pass read this sheet; a failure here is as unreadable
        raise ReadError(
            Said(N_("{name}: not a readable XLSX file ({why} in the first sheet)"), name=name, why=type(exc).__name__)
        ) from None
    finally:
        book.close()


def _checked(table: Table, name: str) -> Table:
    header = table.header
    while header and header[-1] == "":
        header = header[:-1]
    if not header:
        raise ReadError(Said(N_("{name}: no header row; allowed: a first row with the column names"), name=name))
    if len(header) > MAX_COLUMNS:
        raise ReadError(
            Said(N_("{name}: {count} columns; allowed: at most {most}"), name=name, count=len(header), most=MAX_COLUMNS)
        )
    rows, numbers = [], []
    for number, row in enumerate(table.rows, start=2):
        for j, cell in enumerate(row):
            if len(cell) > MAX_CELL:
                column = header[j] if j < len(header) else Said(N_("column {number}"), number=j + 1)
                raise ReadError(
                    Said(
                        N_("{name}: row {row}, {column}: a cell of {size} characters; allowed: at most {most}"),
                        name=name,
                        row=number,
                        column=column,
                        size=Count(len(cell)),
                        most=Count(MAX_CELL),
                    )
                )
        if any(c.strip() for c in row):  # blank lines are not rows
            rows.append(row)
            numbers.append(number)
    return Table(header, rows, numbers)
