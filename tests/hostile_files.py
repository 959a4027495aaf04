"""Hostile caseload files for the fuzz test and its benchmark (issue #18): each kind of damage a real upload can have.

A file is made from a seed, so a failing one can be made again. The kinds: a damaged or
truncated zip, malformed sheet XML, a cell reference past the last column, huge declared
dimensions, formula cells, a decompression bomb, text in mixed or odd encodings, a BOM alone,
an empty file, random bytes.
"""

from __future__ import annotations

import io
import random
import zipfile

HEADER = "caseNummer;geboortedatum;nationaliteit;verblijfsdoel;datumVerblijfsrecht"
ROW = "Z-{i};1990-01-0{d};SY;asiel;2023-0{d}-01"


def _csv(rng: random.Random) -> bytes:
    rows = [ROW.format(i=i, d=rng.randint(1, 9)) for i in range(rng.randint(1, 20))]
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8-sig")


def _sheet(rows: list[list[str]], dimension: str = "") -> str:
    def cells(row: list[str]) -> str:
        return "".join(f"<c t='inlineStr'><is><t>{v}</t></is></c>" for v in row)

    body = "".join(f"<row r='{r + 1}'>{cells(row)}</row>" for r, row in enumerate(rows))
    dim = f"<dimension ref='{dimension}'/>" if dimension else ""
    return (
        "<?xml version='1.0' encoding='UTF-8'?><worksheet xmlns='http://schemas.openxmlformats.org/"
        f"spreadsheetml/2006/main'>{dim}<sheetData>{body}</sheetData></worksheet>"
    )


def xlsx(sheet_xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal XLSX around one sheet's XML."""
    ns = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": (
            f"<?xml version='1.0'?><Types xmlns='{ns}/package/2006/content-types'>"
            "<Default Extension='rels' ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
            "<Default Extension='xml' ContentType='application/xml'/>"
            "<Override PartName='/xl/workbook.xml' ContentType='application/vnd.openxmlformats-officedocument."
            "spreadsheetml.sheet.main+xml'/><Override PartName='/xl/worksheets/sheet1.xml' ContentType="
            "'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml'/></Types>"
        ),
        "_rels/.rels": (
            f"<?xml version='1.0'?><Relationships xmlns='{ns}/package/2006/relationships'><Relationship Id='r1' "
            f"Type='{ns}/officeDocument/2006/relationships/officeDocument' Target='xl/workbook.xml'/></Relationships>"
        ),
        "xl/workbook.xml": (
            f"<?xml version='1.0'?><workbook xmlns='{ns}/spreadsheetml/2006/main' xmlns:r='{ns}/officeDocument/"
            "2006/relationships'><sheets><sheet name='Blad1' sheetId='1' r:id='r1'/></sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f"<?xml version='1.0'?><Relationships xmlns='{ns}/package/2006/relationships'><Relationship Id='r1' "
            f"Type='{ns}/officeDocument/2006/relationships/worksheet' Target='worksheets/sheet1.xml'/></Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _good_xlsx(rng: random.Random) -> bytes:
    rows = [HEADER.split(";")] + [ROW.format(i=i, d=rng.randint(1, 9)).split(";") for i in range(rng.randint(1, 10))]
    return xlsx(_sheet(rows))


def _mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


KINDS = (
    "damaged-zip",
    "truncated-zip",
    "malformed-xml",
    "column-past-xfd",
    "huge-dimension",
    "formula-cells",
    "bomb",
    "mixed-encoding",
    "utf16",
    "bom-only",
    "empty",
    "random-bytes",
    "damaged-csv",
)


def hostile(seed: int, kind: str | None = None) -> tuple[str, bytes]:
    """(kind, file bytes) for ``seed``; a kind drawn from :data:`KINDS` unless given."""
    rng = random.Random(seed)
    kind = kind or rng.choice(KINDS)
    if kind == "damaged-zip":
        return kind, _mutate(_good_xlsx(rng), rng)
    if kind == "truncated-zip":
        data = _good_xlsx(rng)
        return kind, data[: rng.randrange(4, len(data))]
    if kind == "malformed-xml":
        xml = _sheet([HEADER.split(";")])
        cut = rng.randrange(20, len(xml))
        return kind, xlsx(xml[:cut] + rng.choice(["<", "&bad;", "</row>", "\x01", "<c r='1A'>"]) + xml[cut:])
    if kind == "column-past-xfd":
        ref = rng.choice(["ZZZZ1", "XFE1", "AAAAA2", "A0", "A1048577"])
        cells = f"<row r='1'><c r='{ref}' t='inlineStr'><is><t>x</t></is></c></row>"
        return kind, xlsx(_sheet([]).replace("<sheetData></sheetData>", f"<sheetData>{cells}</sheetData>"))
    if kind == "huge-dimension":
        return kind, xlsx(_sheet([HEADER.split(";")], dimension="A1:XFD1048576"))
    if kind == "formula-cells":
        formulas = ["1/0", "A1", "SUM(A:A)", 'HYPERLINK("x")']
        cells = "".join(f"<c><f>{rng.choice(formulas)}</f></c>" for _ in range(5))
        return kind, xlsx(_sheet([HEADER.split(";")]).replace("</sheetData>", f"<row r='2'>{cells}</row></sheetData>"))
    if kind == "bomb":
        return kind, xlsx(_sheet([HEADER.split(";")]), {"xl/media/bom.bin": b"\x00" * rng.randint(5, 12) * 1_000_000})
    if kind == "mixed-encoding":
        return kind, _csv(rng) + "Z-é;1990-01-01;SY;asiel;2023-01-01\n".encode("cp1252")
    if kind == "utf16":
        return kind, _csv(rng).decode("utf-8-sig").encode("utf-16")
    if kind == "bom-only":
        return kind, b"\xef\xbb\xbf" * rng.randint(1, 3) + rng.choice([b"", b"\n", b" \r\n"])
    if kind == "empty":
        return kind, rng.choice([b"", b"\n\n", b"   "])
    if kind == "random-bytes":
        return kind, bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000)))
    return kind, _mutate(_csv(rng), rng)  # damaged-csv
