"""Run results as tables: the tidy indicator table and the person-level outcome table.

Indicator rows: ``month`` (calendar month, for stocks) or ``months_since_obligation`` (for
progress curves), ``scenario``, ``cohort`` (year the obligation started), ``group``, ``sex``,
``route`` (empty where not applicable), ``indicator`` and ``value``. Built with array
operations from the monthly stock counts and the person dates; no loop over persons.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.dates import MonthIndex
from inburgering.people.population import GROUP_NAMES
from inburgering.sim.engine import SimResult
from inburgering.sim.state import DATE_COLUMNS, ROUTE_NAMES, TRAJECT_NAMES, VERBLIJF_NAMES

SEXES = ("man", "vrouw")
PROGRESS_MONTHS = 120


def stock_rows(result: SimResult) -> pd.DataFrame:
    """Monthly counts per state of both state machines, per cohort, group and sex."""
    cohort, group, sex = result.cells.labels()
    frames = []
    for machine, names in (("verblijf", VERBLIJF_NAMES), ("traject", TRAJECT_NAMES)):
        counts = result.stocks[machine]  # months x cells x states
        m, c, s = counts.shape
        frames.append(
            pd.DataFrame(
                {
                    "month": np.repeat(result.months.astype("datetime64[D]"), c * s),
                    "cohort": np.tile(np.repeat(cohort, s), m),
                    "group": np.tile(np.repeat(np.array(GROUP_NAMES)[group], s), m),
                    "sex": np.tile(np.repeat(np.array(SEXES)[sex], s), m),
                    "indicator": np.tile(np.array([f"{machine}.{n}" for n in names]), m * c),
                    "value": counts.reshape(-1).astype(np.float64),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    return out[out["value"] > 0].reset_index(drop=True)


def progress_rows(result: SimResult) -> pd.DataFrame:
    """Shares of the obliged with intake started and with a PIP, by months since the permit."""
    st, pop = result.state, result.state.pop
    obliged = ~np.isnat(st.dates["datumKennisgeving"])
    start = MonthIndex(pop["datumVerblijfsrecht"])
    horizon_end = (result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")
    key = result.cells.key
    cohort, group, sex = result.cells.labels()
    rows = []
    denominators = np.bincount(key[obliged], minlength=result.cells.n)
    for indicator, column in (("aandeelMetIntake", "datumIntake"), ("aandeelMetPip", "datumPip")):
        done = st.dates[column]
        for k in range(PROGRESS_MONTHS + 1):
            edge = start.plus(k)
            observed = obliged & (edge < horizon_end)
            hit = observed & (done <= edge)
            num = np.bincount(key[hit], minlength=result.cells.n)
            den = np.bincount(key[observed], minlength=result.cells.n)
            ok = den > 0
            rows.append(
                pd.DataFrame(
                    {
                        "months_since_obligation": k,
                        "cohort": cohort[ok],
                        "group": np.array(GROUP_NAMES)[group[ok]],
                        "sex": np.array(SEXES)[sex[ok]],
                        "indicator": indicator,
                        "value": num[ok] / den[ok],
                    }
                )
            )
    del denominators
    return pd.concat(rows, ignore_index=True)


def route_rows(result: SimResult) -> pd.DataFrame:
    """Route shares at the PIP per cohort, group and sex."""
    st = result.state
    has = st.leerroute >= 0
    key = result.cells.key
    cohort, group, sex = result.cells.labels()
    total = np.bincount(key[has], minlength=result.cells.n)
    frames = []
    for code, name in enumerate(ROUTE_NAMES):
        count = np.bincount(key[has & (st.leerroute == code)], minlength=result.cells.n)
        ok = total > 0
        frames.append(
            pd.DataFrame(
                {
                    "cohort": cohort[ok],
                    "group": np.array(GROUP_NAMES)[group[ok]],
                    "sex": np.array(SEXES)[sex[ok]],
                    "route": name,
                    "indicator": "routeAandeelBijPip",
                    "value": count[ok] / total[ok],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


COLUMNS = ["month", "months_since_obligation", "scenario", "cohort", "group", "sex", "route", "indicator", "value"]


def indicators(result: SimResult) -> pd.DataFrame:
    """The tidy indicator table of one run."""
    frame = pd.concat([stock_rows(result), progress_rows(result), route_rows(result)], ignore_index=True)
    frame["scenario"] = result.scenario
    for column in COLUMNS:
        if column not in frame:
            frame[column] = pd.NA
    frame["months_since_obligation"] = frame["months_since_obligation"].astype("Int16")
    frame["cohort"] = frame["cohort"].astype("int16")
    return frame[COLUMNS]


def persons(result: SimResult) -> pd.DataFrame:
    """One row per synthetic person: attributes, key dates and final states."""
    st, pop = result.state, result.state.pop
    frame = pd.DataFrame(
        {
            "person": np.arange(len(pop)),
            "scenario": result.scenario,
            "cohort": pop["cohort"],
            "group": np.array(GROUP_NAMES)[pop["groep"]],
            "sex": np.array(SEXES)[pop["geslacht"]],
            "geboortedatum": pop["geboortedatum"],
            "nationaliteit": pop["nationaliteit"],
            "datumAsielaanvraag": pop["datumAsielaanvraag"],
            "datumVerblijfsrecht": pop["datumVerblijfsrecht"],
        }
    )
    for name in DATE_COLUMNS:
        frame[name] = st.dates[name]
    frame["leerroute"] = pd.Categorical.from_codes(st.leerroute.astype(np.int64), ROUTE_NAMES) if len(pop) else []
    frame["verblijf"] = np.array(VERBLIJF_NAMES)[st.verblijf]
    frame["traject"] = np.array(TRAJECT_NAMES)[st.traject]
    return frame
