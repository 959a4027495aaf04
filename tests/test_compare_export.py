"""The exported tables: two CSV dialects, Parquet and a workbook that explains itself."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.compare.export import TABLES, _dutch_number, export_tables


@settings(max_examples=200, deadline=None)
@given(x=st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False))
def test_a_dutch_number_reads_back_to_six_significant_digits(x: float) -> None:
    text = _dutch_number(x)
    assert "e" not in text.lower() and "." not in text
    back = float(text.replace(",", "."))
    assert math.isclose(back, x, rel_tol=1e-5, abs_tol=1e-14)  # six significant digits, small values too


def test_the_export_has_both_dialects_and_an_explanation_sheet(tmp_path: Path) -> None:
    tables = {
        "kernindicatoren": pd.DataFrame(
            {"scenario": ["wi2021", "=HYPERLINK()"], "median": [0.123456789, 2_345_678.9], "laag": [np.nan, -0.25]}
        ),
        "eigenTabel": pd.DataFrame({"n": [1, 2]}),
    }
    written = export_tables(tables, tmp_path, {"run": "abc123", "draws": 3})
    assert {p.name for p in written} >= {"kernindicatoren.csv", "kernindicatoren.parquet", "tabellen.xlsx"}
    dutch = (tmp_path / "csv-nl" / "kernindicatoren.csv").read_bytes()
    assert dutch.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    back = pd.read_csv(tmp_path / "csv-nl" / "kernindicatoren.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert back["median"].tolist() == [0.123457, 2_345_679.0]
    assert math.isnan(back["laag"][0]) and back["laag"][1] == -0.25
    assert back["scenario"][1].startswith("'")  # a formula made inert in this dialect too
    sheets = pd.read_excel(tmp_path / "tabellen.xlsx", sheet_name=None)
    assert list(sheets) == ["toelichting", "kernindicatoren", "eigenTabel"]
    about = sheets["toelichting"]
    described = about[about["soort"] == "blad"].set_index("naam")
    assert described.loc["kernindicatoren", "omschrijving"] == TABLES["kernindicatoren"][1]
    assert described.loc["eigenTabel", "omschrijving"] == "2 rijen"  # an unknown table still gets a line
    assert "abc123" in set(about["omschrijving"].astype(str))


def test_the_workbook_labels_every_code_and_shows_each_row_in_its_unit(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from inburgering.compare.text import label

    tables = {
        "kernindicatoren": pd.DataFrame(
            {
                "indicator": ["aandeel.voldaanInTermijn", "maandenVergunningTotLeerroute", "aantalGenaturaliseerd"],
                "median": [0.4567, 13.25, 12345.6],
            }
        ),
        "kostenPerPost": pd.DataFrame({"payer": ["rijk"], "item": ["leerrouteB1"], "median": [1.5e6]}),
    }
    export_tables(tables, tmp_path, {"run": "abc"})
    sheets = pd.read_excel(tmp_path / "tabellen.xlsx", sheet_name=None)
    kern = sheets["kernindicatoren"]
    assert list(kern.columns) == ["indicator", "omschrijving", "eenheid", "median"]
    assert kern["omschrijving"].tolist() == [label(k, "nl") for k in tables["kernindicatoren"]["indicator"]]
    assert kern["eenheid"].tolist() == ["aandeel", "maanden", "personen"]
    assert kern["median"].tolist() == [0.4567, 13.25, 12345.6]  # the full value stays under the format
    costs = sheets["kostenPerPost"]
    assert list(costs.columns) == ["payer", "betaler", "item", "post", "median", "eenheid"]
    assert costs["post"][0] == "Leerroute: B1-route" == label("kosten.leerrouteB1", "nl")
    assert costs["betaler"][0] == label("rijk", "nl") == "Rijk"
    book = load_workbook(tmp_path / "tabellen.xlsx")
    formats = [book["kernindicatoren"].cell(row=r, column=4).number_format for r in (2, 3, 4)]
    assert formats == ["0.0%", "0.0", "#,##0"]
    assert book["kostenPerPost"].cell(row=2, column=5).number_format == "#,##0"
    # the CSV tables keep the codes alone
    assert list(pd.read_csv(tmp_path / "kernindicatoren.csv").columns) == ["indicator", "median"]


def test_a_difference_between_shares_reads_in_percentage_points(tmp_path: Path) -> None:
    # a review: "completion +3.1%" in the workbook reads as a relative rise; the report says pp
    from openpyxl import load_workbook

    from inburgering.compare.workbook import PP_FORMAT

    share = "aandeel.voldaanInTermijn"
    tables = {
        "kernindicatoren": pd.DataFrame(
            {"indicator": [share, "aantalGenaturaliseerd"], "median": [0.43, 1200.0], "verschilMedian": [0.031, 40.0]}
        ),
        "bijdragen": pd.DataFrame({"unit": ["examens.a2_tussenstap"], "indicator": [share], "median": [0.02]}),
        "voortgang": pd.DataFrame({"curve": ["aandeelVoldaan"], "k": [12], "median": [0.3]}),
        "stromen": pd.DataFrame({"source": ["asiel"], "target": ["b1"], "value": [1234.0]}),
    }
    export_tables(tables, tmp_path, {"run": "abc"})
    book = load_workbook(tmp_path / "tabellen.xlsx")
    kern = book["kernindicatoren"]
    header = [c.value for c in kern[1]]
    median, difference = header.index("median") + 1, header.index("verschilMedian") + 1
    assert kern.cell(row=2, column=median).number_format == "0.0%"  # a level stays a percentage
    assert kern.cell(row=2, column=difference).number_format == PP_FORMAT
    assert kern.cell(row=3, column=difference).number_format == "#,##0"  # a count's difference is a count
    parts = book["bijdragen"]
    header = [c.value for c in parts[1]]
    assert "wijziging" in header and "unit" not in header  # beside 'eenheid', no second 'unit'
    assert parts.cell(row=2, column=header.index("median") + 1).number_format == PP_FORMAT
    sheets = pd.read_excel(tmp_path / "tabellen.xlsx", sheet_name=None)
    assert sheets["voortgang"]["eenheid"].tolist() == ["aandeel"]
    assert sheets["stromen"]["eenheid"].tolist() == ["personen"]
    assert pd.read_csv(tmp_path / "bijdragen.csv").columns[0] == "unit"  # programs keep the code


def test_every_cost_outcome_of_the_per_change_table_has_a_label() -> None:
    # a review found 'kosten.alle' in the workbook's description column, the code repeated
    from inburgering.compare.attribution import COST_PREFIX, PAYERS
    from inburgering.compare.text import label

    for payer in PAYERS:
        for lang in ("nl", "en"):
            assert label(COST_PREFIX + payer, lang) != COST_PREFIX + payer
