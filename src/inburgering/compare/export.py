"""Every table of a comparison as CSV, Parquet and XLSX.

Spreadsheet programs run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula,
so text cells that begin that way are prefixed with a quote in CSV and XLSX (OWASP's advice
against CSV injection). Numbers stay numbers. Each file is written under a temporary name and
renamed, so an interrupted export leaves no half-written file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_MAX = 31  # Excel's limit on sheet names


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell neutralised (column names too)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or isinstance(out[column].dtype, pd.CategoricalDtype | pd.StringDtype):
            out[column] = out[column].astype(object).map(neutralise)
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    return out


def _atomic(path: Path, write: object) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)  # type: ignore[operator]
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def export_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Write ``tables`` to ``folder``: one CSV and one Parquet per table, one XLSX with a sheet each."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        safe = safe_frame(frame)
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        _atomic(csv, lambda p, s=safe: s.to_csv(p, index=False))
        _atomic(parquet, lambda p, f=frame: f.to_parquet(p, index=False))
        written += [csv, parquet]
    xlsx = folder / "tabellen.xlsx"

    def write_xlsx(path: Path) -> None:
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, frame in tables.items():
                safe_frame(frame).to_excel(writer, sheet_name=name[:_SHEET_MAX], index=False)

    _atomic(xlsx, write_xlsx)
    return [*written, xlsx]
