"""No crash on any file (issue #18): every hostile caseload file ends in a message, never a traceback.

The files come from tests/hostile_files.py (each kind of damage a real upload can have); the
benchmark benchmarks/bench_hostile_files.py runs 10,000 of them and records the count.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.caseload.check import check_table
from inburgering.caseload.privacy import PrivacyError
from inburgering.caseload.reader import ReadError, read_bytes

from .hostile_files import KINDS, _sheet, hostile, xlsx

KEY = b"k" * 32


def outcome(data: bytes) -> str:
    """'ok', or the ReadError's or PrivacyError's message; any other exception fails the test (a traceback for the user)."""
    try:
        table = read_bytes(data, "bestand.xlsx")
    except ReadError as exc:
        message = str(exc)
        assert message.startswith("bestand.xlsx: ") and len(message) > 20
        return message
    try:  # the checks after reading must not crash either (they report problems per row)
        check_table(table, KEY)
    except PrivacyError as exc:  # a refusal with its message, as the CLI and the page show it (BSN-like numbers)
        message = str(exc)
        assert "column" in message and len(message) > 20
        return message
    return "ok"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_damage_ends_in_a_message(kind: str) -> None:
    for seed in range(8):
        outcome(hostile(seed, kind)[1])


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_any_hostile_file_ends_in_a_message_or_a_table(seed: int) -> None:
    outcome(hostile(seed)[1])


def test_the_named_cases_get_the_right_message() -> None:
    # a damaged zip whose central directory names an unknown zip version (NotImplementedError before)
    assert hostile(552)[0] == "damaged-zip" and "damaged zip" in outcome(hostile(552)[1])
    assert "empty" in outcome(hostile(1, "bom-only")[1])
    assert "mixed encodings" in outcome(hostile(1, "mixed-encoding")[1])
    assert "unpacks" in outcome(hostile(1, "bomb")[1])
    assert "not a readable XLSX" in outcome(hostile(1, "truncated-zip")[1]) or "empty" in outcome(
        hostile(1, "truncated-zip")[1]
    )


@pytest.mark.parametrize("kind", ["damaged-zip", "malformed-xml", "bomb", "bom-only", "mixed-encoding"])
def test_the_web_page_answers_a_hostile_upload_with_its_error_summary(kind: str, tmp_path) -> None:
    from fastapi.testclient import TestClient

    from inburgering.api.app import create_app

    client = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
    form = {"peildatum": "2026-11-30", "scenario0": "wi2021", "trekkingen": "1"}
    response = client.post("/caseload", data=form, files={"bestand": ("c.xlsx", hostile(3, kind)[1], "text/csv")})
    assert response.status_code == 400
    assert 'role="alert"' in response.text and "bestand" in response.text  # the summary names the file


def test_shared_strings_are_bounded_however_they_are_named() -> None:
    """openpyxl holds every part but the sheet in memory: 180 MB of shared strings took 1.3 GB and 50 s."""
    from inburgering.caseload.reader import MAX_HELD_PART, ReadError, _unpacked_size

    strings = ("<sst>" + "".join(f"<si><t>{i}</t></si>" for i in range(MAX_HELD_PART // 14)) + "</sst>").encode()
    sheet = _sheet([["a"]])
    for part in ("xl/sharedStrings.xml", "xl/worksheets/sheet2.xml"):  # a name like a sheet's is no sheet
        with pytest.raises(ReadError, match=f"part '{re.escape(part)}' unpacks to"):
            _unpacked_size(xlsx(sheet, {part: strings}), "f.xlsx")
    digits = "".join(random.Random(1).choices("0123456789", k=MAX_HELD_PART + 1000))
    # shared strings passed off as the sheet, in the relationships or the content types: still held
    ns = "http://schemas.openxmlformats.org"
    rels = (
        f"<?xml version='1.0'?><Relationships xmlns='{ns}/package/2006/relationships'><Relationship Id='r1' "
        f"Type='{ns}/officeDocument/2006/relationships/worksheet' Target='sharedStrings.xml'/></Relationships>"
    )
    strings_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    as_strings = f"<Override PartName='/xl/sharedStrings.xml' ContentType='{strings_type}'/>"
    passed_off = _replace(xlsx(sheet, {"xl/sharedStrings.xml": strings}), "xl/_rels/workbook.xml.rels", rels)
    with pytest.raises(ReadError, match=r"part 'xl/sharedStrings\.xml' unpacks to"):
        _unpacked_size(_replace(passed_off, "[Content_Types].xml", None, add=as_strings), "f")
    with pytest.raises(ReadError, match="unpacks to"):  # not declared a worksheet either: not exempt
        _unpacked_size(passed_off, "f")
    as_sheet = f"<Override PartName='/xl/worksheets/sheet1.xml' ContentType='{strings_type}'/>"
    declared = _replace(xlsx(strings.decode()), "[Content_Types].xml", None, add=as_sheet)
    with pytest.raises(ReadError, match=r"part 'xl/worksheets/sheet1\.xml' unpacks to"):
        _unpacked_size(declared, "f")
    # a part openpyxl reads whole by its name (styles) passed off as the sheet: still held
    as_styles = rels.replace("Target='sharedStrings.xml'", "Target='styles.xml'")
    styled = _replace(xlsx(sheet, {"xl/styles.xml": strings}), "xl/_rels/workbook.xml.rels", as_styles)
    with pytest.raises(ReadError, match=r"part 'xl/styles\.xml' unpacks to"):
        _unpacked_size(styled, "f")
    big_sheet = sheet.replace("<sheetData>", f"<sheetData><!-- {digits} -->")
    _unpacked_size(xlsx(big_sheet), "f.xlsx")  # the sheet itself is streamed: only the total bounds it


def _replace(data: bytes, name: str, text: str | None, add: str = "") -> bytes:
    """``data`` (an XLSX) with part ``name`` replaced by ``text``, or with ``add`` put before its end tag."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info).decode()
            if info.filename == name:
                body = text if text is not None else body.replace("</Types>", add + "</Types>")
            target.writestr(info.filename, body)
    return out.getvalue()


def test_a_refused_file_is_explained_in_dutch_with_dutch_numbers() -> None:
    """Issue #19: the reader's and the privacy check's messages are said in the page's language."""
    from inburgering.caseload.privacy import PrivacyError, check_privacy
    from inburgering.caseload.reader import MAX_CELL
    from inburgering.i18n import say

    with pytest.raises(ReadError) as empty:
        read_bytes(b"  \n", "c.csv")
    assert say(empty.value.said, "nl") == "c.csv: het bestand is leeg; toegestaan: een kopregel en een of meer rijen"
    assert str(empty.value) == "c.csv: the file is empty; allowed: a header row and one or more rows"
    long_cell = ("id;geboortedatum\n" + "x" * (MAX_CELL + 1) + ";01-01-1990\n").encode()
    with pytest.raises(ReadError) as long:
        read_bytes(long_cell, "c.csv")
    most = f"{MAX_CELL:,}"
    assert f"hoogstens {most.replace(',', '.')}" in say(long.value.said, "nl")
    assert f"at most {most}" in str(long.value)
    with pytest.raises(PrivacyError) as refused:
        check_privacy(["id", "telefoon"], [["1", "0612345678"]])
    assert [say(r, "nl") for r in refused.value.reasons] == [
        "kolom 'telefoon' bevat contactgegevens: niet nodig voor de prognose en niet toegestaan; verwijder de kolom"
    ]
