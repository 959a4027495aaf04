"""The empty caseload template (CSV or XLSX) and the column documentation, from ``columns.py``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from inburgering.caseload.columns import BESLUIT, COLUMNS, allowed_text, json_schema


def template_bytes(fmt: str) -> bytes:
    """An empty template: the header row, or a workbook with a second sheet explaining each column.

    CSV uses ';' and a BOM, as Dutch Excel writes it.
    """
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerow([c.name for c in COLUMNS])
        return buffer.getvalue().encode("utf-8-sig")
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "caseload"
    sheet.append([c.name for c in COLUMNS])
    doc = book.create_sheet("toelichting")
    doc.append(["kolom", "verplicht", "betekenis", "meaning", "toegestaan", "voorbeeld"])
    for c in COLUMNS:
        doc.append([c.name, "ja" if c.required else "nee", c.nl, c.en, allowed_text(c), c.example])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_template(path: Path, fmt: str) -> None:
    """Write :func:`template_bytes` to ``path`` atomically."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(template_bytes(fmt))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def markdown() -> str:
    """The column table of docs/caseload.md."""
    lines = [
        "| column | required | meaning (nl) | meaning (en) | allowed | example | Besluit |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in COLUMNS:
        url = f"https://wetten.overheid.nl/{BESLUIT}/2026-04-02#Artikel{c.artikel}"
        lines.append(
            f"| `{c.name}` | {'yes' if c.required else 'no'} | {c.nl} | {c.en} | {allowed_text(c)} | "
            f"{c.example or '(empty)'} | [{c.artikel}]({url}) |"
        )
    return "\n".join(lines) + "\n"


def schema_text() -> str:
    """The JSON Schema of one row, as published in docs/caseload-rij.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def fill_docs(page: Path, schema_file: Path) -> None:
    """Regenerate the column table in ``page`` (between its markers) and the published JSON Schema."""
    start, end = "<!-- columns:start -->", "<!-- columns:end -->"
    text = page.read_text(encoding="utf-8")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    new = head + start + "\n" + markdown() + end + tail
    for path, content in ((page, new), (schema_file, schema_text())):
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(path)


if __name__ == "__main__":
    import sys

    fill_docs(Path(sys.argv[1]), Path(sys.argv[2]))
