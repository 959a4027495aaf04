"""Importing a municipality's caseload: formats, every problem at once, privacy, hostile files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from inburgering.caseload.check import check_table, parse_date, parse_number
from inburgering.caseload.columns import BESLUIT, COLUMNS
from inburgering.caseload.privacy import PrivacyError, is_bsn, pseudonym
from inburgering.caseload.reader import MAX_ROWS, ReadError, Table, read_table
from inburgering.caseload.template import markdown, schema_text
from inburgering.cli import app
from inburgering.i18n import say
from inburgering.law.citations import article_index

ROOT = Path(__file__).resolve().parents[1]
KEY = "k" * 40
runner = CliRunner(env={"INBURGERING_SLEUTEL": KEY})
HEADER = ["id", "geboortedatum", "nationaliteit", "verblijfsdoel", "datumPip", "leerroute", "lesurenNt2", "knmBehaald"]
GOOD = [
    ["D-2024-0173", "14-03-1991", "SY", "asiel", "20-09-2024", "b1", "640,5", "ja"],
    ["D-2024-0188", "1988-07-01", "er", "Asiel", "", "", "1.200", "nee"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ";", bom: bool = True) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig" if bom else "utf-8")
    return path


def test_a_dutch_csv_is_read_and_pseudonymised(tmp_path: Path) -> None:
    checked = check_table(read_table(write_csv(tmp_path / "c.csv", HEADER, GOOD)), KEY.encode())
    assert not checked.problems and len(checked.rows) == 2
    first, second = checked.rows
    assert first["lesurenNt2"] == 640.5 and second["lesurenNt2"] == 1200
    assert first["geboortedatum"].isoformat() == "1991-03-14" and second["nationaliteit"] == "ER"
    assert first["id"] == pseudonym(KEY.encode(), "D-2024-0173") != "D-2024-0173"
    assert first["id"] != pseudonym(b"another key of enough length 12345", "D-2024-0173")


def test_the_same_rows_as_xlsx_and_with_commas_read_the_same(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in GOOD:
        book.active.append(row)
    book.save(tmp_path / "c.xlsx")
    a = check_table(read_table(tmp_path / "c.xlsx"), KEY.encode()).rows
    b = check_table(read_table(write_csv(tmp_path / "c2.csv", HEADER, GOOD, sep=",", bom=False)), KEY.encode()).rows
    c = check_table(read_table(write_csv(tmp_path / "c3.csv", HEADER, GOOD)), KEY.encode()).rows
    assert a == b == c


def test_a_formula_without_a_stored_result_is_refused_not_read_as_empty(tmp_path: Path) -> None:
    # openpyxl, like many scripts and exports, writes formulas without their result: read as
    # empty, the PIP date below would silently become "no PIP"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(GOOD[0])
    book.active.append([*GOOD[1][:4], '=TEXT(DATE(2024,9,20),"dd-mm-jjjj")', *GOOD[1][5:]])
    book.save(tmp_path / "c.xlsx")
    with pytest.raises(ReadError) as caught:
        read_table(tmp_path / "c.xlsx")
    message = str(caught.value)
    assert message.startswith("c.xlsx: row 3, datumPip: a formula without a stored result")
    assert "paste as values" in message
    assert "formule" in say(caught.value.said, "nl")


def test_a_formula_with_its_stored_result_reads_as_that_result() -> None:
    from .hostile_files import xlsx

    def cell(ref: str, text: str) -> str:
        return f"<c r='{ref}' t='inlineStr'><is><t>{text}</t></is></c>"

    head = "".join(cell(f"{chr(65 + j)}1", name) for j, name in enumerate(HEADER[:5]))
    first = "".join(cell(f"{chr(65 + j)}2", value) for j, value in enumerate(GOOD[0][:4]))
    # as Excel saves it: the formula and, beside it, its last result; and an empty cell (E3)
    first += "<c r='E2' t='str'><f>\"20-09-2024\"</f><v>20-09-2024</v></c>"
    second = "".join(cell(f"{chr(65 + j)}3", value) for j, value in enumerate(GOOD[1][:4]))
    sheet = (
        "<?xml version='1.0' encoding='UTF-8'?><worksheet xmlns='http://schemas.openxmlformats.org/"
        f"spreadsheetml/2006/main'><sheetData><row r='1'>{head}</row><row r='2'>{first}</row>"
        f"<row r='3'>{second}</row></sheetData></worksheet>"
    )
    from inburgering.caseload.reader import read_bytes

    table = read_bytes(xlsx(sheet), "c.xlsx")
    assert table.header == HEADER[:5]
    assert [row[4] if len(row) > 4 else "" for row in table.rows] == ["20-09-2024", ""]


def test_every_problem_is_reported_at_once_with_row_column_value_and_what_is_allowed(tmp_path: Path) -> None:
    rows = [
        ["D-1", "31-02-1990", "XX", "toerist", "01-01-1980", "c", "-5", "misschien"],
        ["D-1", "01-01-1990", "SY", "asiel", "", "", "", ""],
    ]
    checked = check_table(read_table(write_csv(tmp_path / "c.csv", HEADER, rows)), KEY.encode())
    where = {(p.row, p.column) for p in checked.problems}
    assert {(2, "geboortedatum"), (2, "nationaliteit"), (2, "verblijfsdoel"), (2, "leerroute")} <= where
    assert {(2, "lesurenNt2"), (2, "knmBehaald"), (3, "id")} <= where
    message = next(p for p in checked.problems if p.column == "verblijfsdoel").message()
    assert "row 2" in message and "'toerist'" in message and "asiel, gezin, overig" in message
    assert checked.rows == []


def test_missing_and_unknown_columns_are_named(tmp_path: Path) -> None:
    checked = check_table(read_table(write_csv(tmp_path / "c.csv", ["id", "kleur"], [["a", "rood"]])), KEY.encode())
    named = {p.column for p in checked.problems if p.row == 1}
    assert {"kleur", "geboortedatum", "nationaliteit", "verblijfsdoel"} <= named


@pytest.mark.parametrize(
    "column", ["BSN", "Naam", "achternaam", "Adres", "postcode", "Gezondheid", "religie", "e-mail"]
)
def test_columns_with_data_we_must_not_hold_are_refused(tmp_path: Path, column: str) -> None:
    path = write_csv(tmp_path / "c.csv", [*HEADER, column], [[*GOOD[0], "x"]])
    with pytest.raises(PrivacyError) as err:
        check_table(read_table(path), KEY.encode())
    assert column in err.value.reasons[0]
    result = runner.invoke(app, ["caseload", "check", str(path)])
    assert result.exit_code == 2 and "not accepted" in result.output


def test_bsn_numbers_are_refused_whatever_the_column_is_called(tmp_path: Path) -> None:
    assert is_bsn("111222333") and is_bsn("123456782") and not is_bsn("123456789") and not is_bsn("000000000")
    rows = [[bsn, *GOOD[0][1:]] for bsn in ("111222333", "123456782")]
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    with pytest.raises(PrivacyError, match="11-check") as err:
        check_table(read_table(path), KEY.encode())
    # the rows to correct are named, the numbers themselves never repeated
    assert "rows 2, 3" in str(err.value) and "111222333" not in str(err.value)


def test_a_date_that_does_not_exist_is_called_so(tmp_path: Path) -> None:
    rows = [list(GOOD[0])]
    rows[0][HEADER.index("geboortedatum")] = "31-02-1990"
    result = check_table(read_table(write_csv(tmp_path / "c.csv", HEADER, rows)), KEY.encode())
    messages = [p.message() for p in result.problems]
    assert any("geboortedatum" in m and "a date that exists" in m for m in messages), messages


def test_contradictions_are_refused_as_the_person_calculator_refuses_them(tmp_path: Path) -> None:
    header = [
        *HEADER,
        "datumVerblijfsrecht",
        "vrijgesteld",
        "ontheffing",
        "datumInschrijvingBrp",
        "datumEersteInschrijvingBrp",
    ]
    pip_first = [*GOOD[0], "01-10-2024", "nee", "nee", "", ""]  # PIP 20-09-2024 before the permit
    both = [*GOOD[1], "01-10-2024", "ja", "ja", "", ""]  # exempt and released
    fine = ["D-3", *GOOD[0][1:], "01-09-2024", "ja", "nee", "01-09-2025", "01-10-2024"]
    moved_first = ["D-4", *GOOD[0][1:], "01-09-2024", "nee", "nee", "01-09-2025", "01-10-2025"]
    rows = [pip_first, both, fine, moved_first]
    result = check_table(read_table(write_csv(tmp_path / "c.csv", header, rows)), KEY.encode())
    where = {(p.row, p.column) for p in result.problems}
    assert where == {(2, "datumPip"), (3, "ontheffing"), (5, "datumInschrijvingBrp")}, [
        p.message() for p in result.problems
    ]
    messages = " ".join(p.message() for p in result.problems)
    assert "datumVerblijfsrecht (2024-10-01)" in messages and "art. 4" in messages
    assert [r["rij"] for r in result.rows] == [4]
    nl = " ".join(p.message("nl") for p in result.problems)
    assert "datumVerblijfsrecht" in nl and "art. 4" in nl and "exempt" not in nl


def test_no_output_holds_the_raw_ids_or_the_key(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, GOOD)
    result = runner.invoke(app, ["caseload", "check", str(path)])
    assert result.exit_code == 0, result.output
    for secret in ("D-2024-0173", "D-2024-0188", KEY):
        assert secret not in result.output
    # a check writes no pseudonyms, so it needs no key (issue #19); writing the person table does
    no_key = CliRunner(env={"INBURGERING_SLEUTEL": ""})
    checked = no_key.invoke(app, ["caseload", "check", str(path)])
    assert checked.exit_code == 0 and "the file can be used" in checked.output
    args = ["caseload", "forecast", str(path), "--per-persoon", "--out", str(tmp_path / "out")]
    persons = no_key.invoke(app, args)
    assert persons.exit_code == 2 and "caseload sleutel" in persons.output and not (tmp_path / "out").exists()


def test_skip_invalid_uses_the_valid_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, [GOOD[0], ["D-9", "x", "SY", "asiel", "", "", "", ""]])
    assert runner.invoke(app, ["caseload", "check", str(path)]).exit_code == 2
    result = runner.invoke(app, ["caseload", "check", str(path), "--skip-invalid"])
    assert result.exit_code == 0 and "1 valid" in result.output and "row 3" in result.output


def test_a_formula_in_a_cell_is_reported_inert(tmp_path: Path) -> None:
    row = [*GOOD[0]]
    row[2] = "=cmd|' /C calc'!A0"
    checked = check_table(read_table(write_csv(tmp_path / "c.csv", HEADER, [row])), KEY.encode())
    message = checked.problems[0].message()
    assert "value \"'=cmd" in message  # shown with the neutralising quote in front


def test_a_million_rows_get_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(";".join(HEADER) + "\n" + "a;b\n" * 1_000_000, encoding="utf-8")
    with pytest.raises(ReadError, match=f"more than {MAX_ROWS:,} rows"):
        read_table(path)


def test_dates_and_numbers_as_municipalities_write_them() -> None:
    assert parse_date("1-2-2024").isoformat() == "2024-02-01" == parse_date("01/02/2024").isoformat()  # type: ignore[union-attr]
    assert parse_date("2024-02-30") is None and parse_date("2024/02/01") is None
    assert parse_number("1.234,5") == 1234.5 and parse_number("12,5") == 12.5 and parse_number("1.5") == 1.5
    assert parse_number("nan") is None and parse_number("inf") is None


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=3000) | st.text(max_size=3000).map(lambda t: t.encode("utf-8", "replace")))
def test_hostile_bytes_never_crash_and_never_pass_silently(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_bytes(data)
        result = runner.invoke(app, ["caseload", "check", str(path)])
    assert result.exit_code in (0, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


cell = st.one_of(
    st.text(max_size=30), st.sampled_from(["=1+1", "@SUM(A1)", "-2", "+3", "31-02-2020", "ja", "x" * 2000])
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(cell, min_size=0, max_size=10), min_size=0, max_size=20), st.sampled_from([";", ","]))
def test_hostile_tables_give_messages_not_tracebacks(rows: list[list[str]], sep: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "f.csv", HEADER, rows, sep=sep)
        result = runner.invoke(app, ["caseload", "check", str(path)])
    assert (result.exit_code in (0, 2) and result.exception is None) or isinstance(result.exception, SystemExit)
    for line in result.output.splitlines():
        assert not line.startswith(("=", "+", "@"))


def test_templates_hold_the_documented_columns(tmp_path: Path) -> None:
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"t.{fmt}"
        assert runner.invoke(app, ["caseload", "template", "--format", fmt, "--out", str(out)]).exit_code == 0
        assert read_table(out).header == [c.name for c in COLUMNS]
    empty = runner.invoke(app, ["caseload", "check", str(tmp_path / "t.csv")])
    assert empty.exit_code == 2 and "one or more rows" in empty.output


def test_the_docs_and_the_schema_are_current_and_cite_existing_articles() -> None:
    page = (ROOT / "docs" / "caseload.md").read_text(encoding="utf-8")
    assert markdown() in page, "run 'make docs'"
    assert (ROOT / "docs" / "caseload-rij.schema.json").read_text(encoding="utf-8") == schema_text()
    for c in COLUMNS:
        assert (BESLUIT, c.artikel) in article_index()


def test_afschaling_outside_the_b1_route_is_refused(tmp_path: Path) -> None:
    # W 17.3 lowers the B1-route's exams only; a municipal review found it on the Z-route accepted and dropped
    header = [*HEADER, "datumAfschaling"]
    z_route = ["D-5", "14-03-1991", "SY", "asiel", "20-09-2024", "z", "640,5", "ja", "01-06-2025"]
    b1 = ["D-6", "14-03-1991", "SY", "asiel", "20-09-2024", "b1", "640,5", "ja", "01-06-2025"]
    result = check_table(read_table(write_csv(tmp_path / "c.csv", header, [z_route, b1])), KEY.encode())
    assert [(p.row, p.column) for p in result.problems] == [(2, "datumAfschaling")]
    assert "17.3" in result.problems[0].message("nl") and "B1-route" in result.problems[0].message("nl")


def test_a_pip_before_the_16th_birthday_is_refused_as_in_the_person_calculator(tmp_path: Path) -> None:
    # nobody younger than 16 must integrate (art. 3.1); a legal review found a PIP at 13 accepted
    young = ["D-7", "01-05-2010", "MA", "gezin", "10-01-2024", "b1", "", "nee"]
    sixteen = ["D-8", "01-05-2010", "MA", "gezin", "01-05-2026", "b1", "", "nee"]
    result = check_table(read_table(write_csv(tmp_path / "c.csv", HEADER, [young, sixteen])), KEY.encode())
    assert [(p.row, p.column) for p in result.problems] == [(2, "datumPip")]
    assert "2026-05-01" in result.problems[0].message() and "3.1" in result.problems[0].message("nl")


def test_the_schema_takes_the_rows_the_check_takes() -> None:
    # a review found rows that pass the check refused by the published schema (dates with dots, a
    # thousands point, codes in capitals)
    import json

    import jsonschema_rs

    schema = json.loads(schema_text())
    validator = jsonschema_rs.validator_for(schema)
    row = {c.name: "" for c in COLUMNS}
    row.update(id="E-1", geboortedatum="12.04.1990", nationaliteit="sy", verblijfsdoel="Asiel")
    row.update(datumVerblijfsrecht="1/3/2024", lesurenNt2="1.200,5", vrijgesteld="JA", leerroute="B1")
    result = check_table(Table(list(row), [list(row.values())]), b"k" * 32)
    assert not result.problems, result.problems
    assert validator.is_valid(row)
    assert not validator.is_valid({**row, "verblijfsdoel": ""})  # required
    assert not validator.is_valid({**row, "verblijfsdoel": "asielzoeker"})
    assert not validator.is_valid({**row, "lesurenNt2": "12,5,3"})


def test_term_dates_against_the_law_are_refused(tmp_path: Path) -> None:
    # a municipal review found a start after the file's date, an end after 7 months or 12 years and an
    # afschaling before the PIP accepted and made the basis of the forecast
    header = [*HEADER, "datumVerblijfsrecht", "startTermijn", "eindeTermijn", "verlengingMaanden", "datumAfschaling"]
    base = ["14-03-1991", "SY", "asiel", "01-06-2023", "b1", "640,5", "ja", "01-03-2023"]
    rows = [
        ["D-1", *base, "02-06-2023", "01-06-2026", "0", ""],  # as the law has it
        ["D-2", *base, "02-06-2023", "01-01-2024", "0", ""],  # 7 months
        ["D-3", *base, "02-06-2023", "01-06-2035", "0", ""],  # 12 years without an extension
        ["D-4", *base, "02-06-2023", "01-12-2026", "6", ""],  # 6 months' extension: fine
        ["D-5", *base, "01-06-2027", "", "", ""],  # begins after the file's date
        ["D-6", *base, "02-06-2023", "01-06-2026", "0", "01-01-2023"],  # afschaling before the PIP
        ["D-7", *base, "02-06-2023", "01-06-2027", "", ""],  # extensions not given: the end stands
    ]
    table = read_table(write_csv(tmp_path / "t.csv", header, rows))
    result = check_table(table, KEY.encode(), dt.date(2026, 11, 30))
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "eindeTermijn"),
        (4, "eindeTermijn"),
        (6, "startTermijn"),
        (7, "datumAfschaling"),
    ]
    said = {p.row: p.message("nl") for p in result.problems}
    assert "2026-06-01" in said[3] and "11.1" in said[3]
    assert "2027-06-01" in said[4] and "4.2" in said[4]
    assert "2026-12-01" in said[6] and "17.3" in said[7] and "2023-06-01" in said[7]


def test_what_excel_and_people_write_is_read(tmp_path: Path) -> None:
    # a municipal review: Excel's "sep=;" first line, a header in other capitals and 2024-2-1 were refused
    path = tmp_path / "excel.csv"
    rows = [["D-1", "14-03-1991", "SY", "asiel", "2024-9-20", "b1", "640,5", "ja"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([h[:1].upper() + h[1:] for h in HEADER])  # "DatumPip", "Leerroute", ...
    writer.writerows(rows)
    path.write_text("sep=;\n" + buffer.getvalue(), encoding="utf-8")
    result = check_table(read_table(path), KEY.encode())
    assert not result.problems, [p.message() for p in result.problems]
    assert result.rows[0]["datumPip"] == dt.date(2024, 9, 20) and result.rows[0]["rij"] == 2
    assert parse_date("2024-2-1") == dt.date(2024, 2, 1) and parse_date("2024-2-30") is None
