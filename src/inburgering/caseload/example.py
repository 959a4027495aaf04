"""An example caseload: a synthetic municipality's persons on a date, in the template's columns.

Why from the simulation: the example is then a caseload the model itself could have produced,
so a forecast from it can be checked against simply running the simulation on (test: the
shares finishing agree), and users can try the forecast without any personal data. The
persons are the synthetic national population at a small scale, run up to the date, of
whom those still in the obligation (waiting for the intake, in a term, extended or over the
term) are written out with the data items a municipality holds.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from pathlib import Path

import numpy as np

from inburgering.caseload.columns import COLUMNS, LEVEL_COLUMNS
from inburgering.rules.person import LEERROUTES, NIVEAUS
from inburgering.sim.engine import SimResult
from inburgering.sim.population import GROUP_NAMES, NAREIZIGER
from inburgering.sim.simulate import simulate
from inburgering.sim.state import COA_VERGUNNING, GEMEENTE, INTAKE, OVERSCHREDEN, WACHT_INTAKE


def _day(value: np.datetime64, until: np.datetime64 | None = None) -> str:
    """dd-mm-jjjj, or empty for no date or one after ``until`` (what has not happened by the file's date)."""
    if np.isnat(value) or (until is not None and value > until):
        return ""
    return _dt.date.fromisoformat(str(value)).strftime("%d-%m-%Y")


def caseload_of(result: SimResult, size: int | None = None) -> list[dict[str, str]]:
    """The persons still in the obligation at the end of ``result``, as caseload rows (text cells).

    ``size`` keeps the first that many (in person order); ids are made up (``V-00001``).
    """
    st, pop = result.state, result.state.pop
    present = (st.verblijf == GEMEENTE) | (st.verblijf == COA_VERGUNNING)
    idx = np.flatnonzero(present & (st.traject >= WACHT_INTAKE) & (st.traject <= OVERSCHREDEN))
    idx = idx[pop["groep"][idx] != 4][:size]  # never the rejected (they are never obliged)
    # the run's last day: a DUO notice the run dated ahead (a few weeks after the permit) has not come yet
    last = (result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    rows = []
    for k, i in enumerate(idx.tolist()):
        d = st.dates
        has_pip = st.traject[i] > INTAKE
        row = {
            "id": f"V-{k + 1:05d}",
            "geboortedatum": _day(pop["geboortedatum"][i]),
            "nationaliteit": str(pop["nationaliteit"][i]) if pop["nationaliteit"][i] != "XX" else "IQ",
            "verblijfsdoel": "asiel" if pop["groep"][i] <= NAREIZIGER else GROUP_NAMES[pop["groep"][i]],
            "datumVerblijfsrecht": _day(pop["datumVerblijfsrecht"][i]),
            "datumKennisgeving": _day(d["datumKennisgeving"][i], last),
            "datumInschrijvingBrp": _day(d["datumInschrijvingBrp"][i]),
            "datumEersteInschrijvingBrp": "",  # nobody in the example moved between municipalities
            "datumPip": _day(d["datumPip"][i]),
            "leerroute": LEERROUTES[st.leerroute[i]] if has_pip else "",
            "startTermijn": _day(d["datumPip"][i] + np.timedelta64(1, "D")) if has_pip else "",
            "eindeTermijn": _day(d["eindeTermijn"][i]) if has_pip else "",
            "verlengingMaanden": str(int(st.verlenging[i])) if has_pip else "",
            "lesurenNt2": f"{float(st.uren[i]):.0f}".replace(".", ",") if has_pip else "",
            "voldoendeInzet": "",
            **{c: NIVEAUS[st.niveau[i, k2] - 1] if st.niveau[i, k2] else "" for k2, c in enumerate(LEVEL_COLUMNS)},
            "datumAfschaling": _day(d["datumAfschaling"][i]),
            "knmBehaald": "ja" if st.niveau[i, 4] else "nee",
            "datumPvtAfgerond": _day(d["datumPvtAfgerond"][i]),
            "datumMapAfgerond": _day(d["datumMapAfgerond"][i]),
            "vrijgesteld": "nee",
            "ontheffing": "nee",
            "maatschappelijkeBegeleiding": "ja" if st.mb[i] else "nee",
        }
        rows.append(row)
    return rows


def example_rows(
    peildatum: _dt.date, scale: float = 0.01, seed: int = 7, size: int | None = None
) -> list[dict[str, str]]:
    """An example caseload on ``peildatum``: the synthetic population at ``scale``, run up to that date.

    The state at the end of the month before the date's: a file says what has happened by its date,
    and the date's own month would date events after it (a forecast refuses those).
    """
    month = np.datetime64(peildatum, "M") - np.timedelta64(1, "M")
    sim = simulate("wi2021", scale=scale, seed=seed, last_inflow_year=peildatum.year, horizon=str(month))
    return caseload_of(sim.result, size)


def example_csv(peildatum: _dt.date, scale: float = 0.01, seed: int = 7) -> tuple[bytes, int]:
    """An example caseload as a Dutch CSV (``;``, BOM), and the number of persons in it."""
    rows = example_rows(peildatum, scale, seed)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c.name for c in COLUMNS], delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig"), len(rows)


def write_example(path: Path, peildatum: _dt.date, scale: float = 0.01, seed: int = 7) -> int:
    """Write :func:`example_csv` to ``path`` atomically; returns the number of persons."""
    data, count = example_csv(peildatum, scale, seed)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count
