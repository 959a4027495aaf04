"""The workbook for people: every code beside its label, a unit per row, numbers shown rounded.

Why apart from the CSV and Parquet tables: those are for programs and keep the codes alone
(``aandeel.voldaanInTermijn``, ``rijk``); a reader in Excel needs what a CBS StatLine download
gives, the label and the unit next to each code, and figures shown as a share, a count or euros
without changing the values underneath (the cell format rounds; the full value stays).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from inburgering.compare.text import COST_ITEMS, label

SHEET_MAX = 31  # Excel's limit on a sheet name
UNITS = (  # (indicator prefix, unit in Dutch, Excel number format); the first match wins
    ("aandeel", "aandeel", "0.0%"),
    ("maanden", "maanden", "0.0"),
    ("kosten", "euro", "#,##0"),
    ("aantal", "personen", "#,##0"),
)
EURO_TABLES = ("kosten", "gemeente")  # sheets whose values are euros throughout
SHEET_UNITS = {"voortgang": ("aandeel", "0.0%"), "stromen": ("personen", "#,##0")}  # one unit per sheet
# a difference between two shares is in percentage points: Excel's % multiplies by 100, and the
# literal "-punt" makes it read "3,1%-punt", the Dutch notation, not a relative "3,1%" (a review)
PP_FORMAT = '+0.0%"-punt";-0.0%"-punt";0.0%"-punt"'
DIFFERENCES = ("bijdragen",)  # sheets whose every value is a difference with the baseline
RENAMED = {"bijdragen": {"unit": "wijziging"}}  # code names that clash with the workbook's own columns
VALUE_COLUMNS = ("value", "median", "laag", "hoog", "verschilMedian", "verschilLaag", "verschilHoog")
LABELLED = (  # (code column, label column inserted after it)
    ("indicator", "omschrijving"),
    ("item", "post"),
    ("payer", "betaler"),
)


def unit(indicator: str) -> tuple[str, str]:
    """(Dutch unit, Excel number format) of an indicator, by its name's first part."""
    for prefix, name, fmt in UNITS:
        if indicator.startswith(prefix):
            return name, fmt
    return "", "General"


def _item_label(item: str) -> str:
    return label(f"kosten.{item}", "nl") if item in COST_ITEMS else label(item, "nl")


def labelled(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` with a label column after each code column and a unit column; and each row's number format."""
    out = frame.copy()
    for code, text in LABELLED:
        if code in out.columns and text not in out.columns:
            words = [(_item_label if code == "item" else lambda k: label(k, "nl"))(str(k)) for k in out[code]]
            out.insert(out.columns.get_loc(code) + 1, text, words)
    if "indicator" in out.columns:
        units = [unit(str(k)) for k in out["indicator"]]
        out.insert(out.columns.get_loc("omschrijving") + 1, "eenheid", [u for u, _ in units])
        return out, [f for _, f in units]
    if name.startswith(EURO_TABLES):
        out.insert(len(out.columns), "eenheid", "euro")
        return out, ["#,##0"] * len(out)
    if name in SHEET_UNITS:
        sheet_unit, sheet_format = SHEET_UNITS[name]
        out.insert(len(out.columns), "eenheid", sheet_unit)
        return out, [sheet_format] * len(out)
    return out, ["General"] * len(out)


def _format(sheet: str, column: str, fmt: str) -> str:
    """The number format of one value cell: a share's difference in percentage points."""
    difference = column.startswith("verschil") or sheet in DIFFERENCES
    return PP_FORMAT if difference and fmt == "0.0%" else fmt


def write_sheets(target: Path | BinaryIO, sheets: Mapping[str, pd.DataFrame], first: tuple[str, pd.DataFrame]) -> None:
    """``first`` (the explanation), then each sheet labelled, its value columns shown in their row's format."""
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        first[1].to_excel(writer, sheet_name=first[0], index=False)
        for name, frame in sheets.items():
            table, formats = labelled(name, frame.rename(columns=RENAMED.get(name, {})))
            sheet = name[:SHEET_MAX]
            table.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            for j, column in enumerate(table.columns, start=1):
                if column not in VALUE_COLUMNS:
                    continue
                for i, fmt in enumerate(formats, start=2):
                    if fmt != "General":
                        ws.cell(row=i, column=j).number_format = _format(name, column, fmt)
