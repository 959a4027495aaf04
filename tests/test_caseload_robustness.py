"""What a robustness test of the municipal caseload workflow found, each case as it came in.

A BSN quoted back in a message (a file without its header row; a BSN typed into a text cell), a
birth after the file's date accepted, ``check`` approving what ``forecast`` refuses, an old or
password-protected workbook answered with "mixed encodings", tracebacks for a folder or a
missing output folder, a duplicate column not named, blank CSV lines counted as rows, and a
report in the other language left beside a new forecast.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inburgering.caseload.check import check_table
from inburgering.caseload.privacy import PrivacyError
from inburgering.caseload.reader import MAX_ROWS, ReadError, read_table
from inburgering.cli import app

from .test_caseload import GOOD, HEADER, KEY, write_csv

runner = CliRunner(env={"INBURGERING_SLEUTEL": KEY})
TODAY = dt.date.today()


def test_a_file_that_starts_with_a_bsn_row_does_not_repeat_it(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("111222333;14-03-1991;SY;asiel\n123456782;01-01-1990;ER;asiel\n", encoding="utf-8")
    with pytest.raises(PrivacyError) as err:
        check_table(read_table(path), KEY.encode())
    text = str(err.value)
    assert "111222333" not in text and "123456782" not in text and "first row" in text


def test_a_bsn_inside_a_text_cell_is_not_quoted(tmp_path: Path) -> None:
    rows = [[*GOOD[0][:5], "b1 (bsn 111222333)", *GOOD[0][6:]], GOOD[1]]
    checked = check_table(read_table(write_csv(tmp_path / "c.csv", HEADER, rows)), KEY.encode())
    messages = [p.message(lang) for p in checked.problems for lang in ("en", "nl")]
    assert messages and all("111222333" not in m for m in messages)
    assert any("<BSN>" in m for m in messages)


def test_a_birth_after_the_files_date_is_refused(tmp_path: Path) -> None:
    rows = [["A-1", "01-01-2030", "SY", "asiel", "", "", "", ""]]
    checked = check_table(read_table(write_csv(tmp_path / "c.csv", HEADER, rows)), KEY.encode(), TODAY)
    assert [p.column for p in checked.problems] == ["geboortedatum"]


def test_check_judges_the_files_date_as_forecast_does(tmp_path: Path) -> None:
    ahead = (TODAY + dt.timedelta(days=40)).strftime("%d-%m-%Y")
    rows = [[*GOOD[0][:4], ahead, *GOOD[0][5:]]]
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    result = runner.invoke(app, ["caseload", "check", str(path), "--lang", "nl"])
    assert result.exit_code == 2 and "datumPip" in result.output
    assert runner.invoke(app, ["caseload", "check", str(path), "--date", "2030-01-01"]).exit_code == 0


def test_an_old_or_password_protected_workbook_is_named(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ReadError, match="password"):
        read_table(path)


def test_a_folder_or_a_missing_output_folder_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["caseload", "check", str(tmp_path)])
    assert result.exit_code == 2 and "cannot be read" in result.output
    for command in (["template", "--out"], ["sleutel", "--out"], ["voorbeeld", "--out"]):
        result = runner.invoke(app, ["caseload", *command, str(tmp_path / "nodir" / "f.csv")])
        assert result.exit_code == 2 and "does not exist" in result.output, command


def test_a_duplicate_column_is_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [*HEADER, "datumPip"], [[*GOOD[0], ""]])
    problems = check_table(read_table(path), KEY.encode()).problems
    assert any(p.value == "datumPip" for p in problems)


def test_blank_csv_lines_are_not_counted_as_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, GOOD)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(";;;;;;;\n" * (MAX_ROWS + 10))
    assert len(check_table(read_table(path), KEY.encode()).rows) == 2


def test_the_command_line_says_its_errors_in_dutch(tmp_path: Path) -> None:
    # a robustness test found file-level errors and the summary in English under --lang nl
    path = write_csv(tmp_path / "c.csv", [*HEADER, "Naam"], [[*GOOD[0], "Jan"]])
    result = runner.invoke(app, ["caseload", "forecast", str(path), "--lang", "nl", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "kolom 'Naam'" in result.output
    bad = write_csv(tmp_path / "d.csv", HEADER, [[*GOOD[0][:2], "XX1", *GOOD[0][3:]]])
    result = runner.invoke(app, ["caseload", "check", str(bad), "--lang", "nl"])
    assert result.exit_code == 2 and "rijen gelezen" in result.output
    assert "rows read" in runner.invoke(app, ["caseload", "check", str(bad)]).output


def test_a_tab_separated_file_is_read_as_columns(tmp_path: Path) -> None:
    """Copied from a spreadsheet: a robustness test found it read as one column named by the whole header."""
    path = tmp_path / "c.txt"
    path.write_text("\n".join("\t".join(row) for row in [HEADER, *GOOD]) + "\n", encoding="utf-8")
    table = read_table(path)
    assert table.header == HEADER
    assert not check_table(table, KEY.encode()).problems


def test_an_excel_day_number_in_a_date_column_is_named_as_such(tmp_path: Path) -> None:
    rows = [[GOOD[0][0], "33311", *GOOD[0][2:]], [GOOD[1][0], "2024", *GOOD[1][2:]]]  # 14-03-1991 in Excel; a year
    checked = check_table(read_table(write_csv(tmp_path / "c.csv", HEADER, rows)), KEY.encode())
    day, year = checked.problems
    assert day.column == year.column == "geboortedatum"
    assert "Excel's day number" in day.message("en") and "dagnummer van Excel" in day.message("nl")
    assert "Excel" not in year.message("en")  # a bare year is not called a day number


def test_a_count_beside_a_suppressed_scenario_still_shows() -> None:
    """The row flag marks a blanked difference too; the report printed "<10" over the baseline's 50."""
    import pandas as pd

    from inburgering.caseload.report import summary_table
    from inburgering.caseload.tables import suppress

    summary = suppress(
        pd.DataFrame(
            {
                "scenario": ["wi2021", "coalitie-2026"],
                "indicator": ["voldaanInTermijn"] * 2,
                "median": [50.0, 5.0],
                "laag": [45.0, 3.0],
                "hoog": [55.0, 7.0],
                "verschilMedian": [0.0, -45.0],
                "verschilLaag": [0.0, -50.0],
                "verschilHoog": [0.0, -40.0],
            }
        )
    )
    assert summary["onderdrukt"].all()  # both rows: the difference would give the 5 back
    page = summary_table(summary, ("wi2021", "coalitie-2026"), "en")
    assert "50 (45 – 55)" in page and page.count("&lt;10") == 1 and "45" in page and "-45" not in page
