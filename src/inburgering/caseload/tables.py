"""A forecast's tables: for the municipality (by quarter, by year, per scenario) and, on request, per person.

Aggregates follow the national comparison: per draw first, then the median and the 90%
interval, and each scenario's difference with the baseline taken draw by draw. Any count
of persons under 10 (and above 0) is suppressed, with the whole row, so that a table cannot
single out a person (docs/privacy.md); euros are suppressed when fewer than 10 persons are
forecast at all.

The person table is the only person-level output; it is made only when asked for, carries
the pseudonym, never the case number, and holds no attribute the model imputed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.caseload.forecast import ALREADY, NOT_YET, Forecast, Situation
from inburgering.codes import Leerroute
from inburgering.compare.summary import HIGH, LOW, summarise_generic
from inburgering.rules.person import LEERROUTES
from inburgering.sim.state import (
    ONTHEVEN,
    OVERSCHREDEN,
    TERMIJN,
    TRAJECT_NAMES,
    TRAJECT_VERTROKKEN,
    VOLDAAN_IN_TERMIJN,
    VOLDAAN_MET_VERLENGING,
    VOLDAAN_NA_TERMIJN,
    WACHT_INTAKE,
)

MIN_CELL = 10
VALUE_COLUMNS = ("median", "laag", "hoog", "verschilMedian", "verschilLaag", "verschilHoog")
COST_MONTHS = 36  # "the coming three years"
DEADLINES = ("deadlinePip", "laatsteDagRoutewijziging", "eindeTermijn")


def _month_label(m: np.ndarray, horizon: np.datetime64) -> np.ndarray:
    """``jjjj-mm``, or ``>jjjj-mm`` (the horizon) for what does not happen within it."""
    arr = np.asarray(m, dtype=np.int64)
    return np.where(arr >= NOT_YET, f">{horizon}", np.minimum(arr, 10**6).astype("datetime64[M]").astype(str))


def suppress(table: pd.DataFrame) -> pd.DataFrame:
    """Blank every count from 1 to 9 persons, and what would give it back; mark such rows ``onderdrukt``.

    A row is blanked whole where its median or either end of its interval is above 0 and under 10
    persons. The differences with the baseline are blanked in every scenario's row of the same cell
    where any of them is: a scenario's median next to its difference gives the baseline's back (a
    municipal review found a suppressed 1 readable from "0; -1").
    """
    out = table.copy()
    counts = [c for c in ("median", "laag", "hoog") if c in out]
    small = np.zeros(len(out), bool)
    for column in counts:
        value = out[column].astype(float)
        small |= ((value > 0) & (value < MIN_CELL)).to_numpy()
    keys = [c for c in out.columns if c not in VALUE_COLUMNS and c not in ("scenario", "onderdrukt")]
    cell = pd.Series(small, index=out.index).groupby([out[k] for k in keys]).transform("any") if keys else small
    cell = np.asarray(cell, bool)
    for column in VALUE_COLUMNS:
        if column in out:
            hide = small | (cell if column.startswith("verschil") else False)
            out[column] = out[column].astype(float).where(~hide)
    out["onderdrukt"] = small | cell
    return out


def _quarter(months: np.ndarray) -> np.ndarray:
    dates = months.astype("datetime64[M]")
    year = dates.astype("datetime64[Y]").astype(int) + 1970
    quarter = (dates.astype(int) % 12) // 3 + 1
    return np.char.add(np.char.add(year.astype(str), "-K"), quarter.astype(str))


def quarters(f: Forecast) -> pd.DataFrame:
    """Completions, term overruns and ontheffingen per quarter, per scenario (median, interval, difference)."""
    begin = int(np.datetime64(f.request.peildatum, "M").astype(np.int64)) + 1
    horizon = int(f.request.horizon.astype(np.int64))
    months = np.arange(begin, horizon + 1)
    labels = _quarter(months)
    rows = []
    for (scenario, draw), run in f.runs.items():
        for indicator, when in (
            ("afgerond", run.voldaan),
            ("termijnOverschreden", run.overschreden),
            ("ontheffing", run.ontheffing),
        ):
            inside = when[(when >= begin) & (when <= horizon)] - begin
            per_month = np.bincount(inside, minlength=len(months))
            frame = pd.DataFrame({"kwartaal": labels, "value": per_month}).groupby("kwartaal", as_index=False).sum()
            rows.append(frame.assign(scenario=scenario, draw=draw, indicator=indicator))
    frame = pd.concat(rows, ignore_index=True)
    out = summarise_generic(frame, ["kwartaal", "indicator"], f.request.scenarios[0])
    return suppress(out.sort_values(["indicator", "kwartaal", "scenario"], ignore_index=True))


def _balance(kosten: pd.DataFrame, by: pd.Series) -> pd.DataFrame:
    """Execution, provisions, all costs, SPUK income and the gap summed by ``by``.

    ``tekort`` is the provisions minus the SPUK (art. 40.1: the SPUK pays provisions, not
    execution); execution is paid from the gemeentefonds and shown apart, ``kosten`` is both.
    """
    wide = kosten.assign(key=by).pivot_table(index="key", columns="post", values="value", aggfunc="sum", fill_value=0.0)
    wide = wide.reindex(columns=["uitvoering", "voorzieningen", "spukInkomsten"], fill_value=0.0)
    wide["kosten"] = wide["uitvoering"] + wide["voorzieningen"]
    wide["tekort"] = wide["voorzieningen"] - wide["spukInkomsten"]
    return wide.reset_index().melt(id_vars="key", var_name="post", value_name="value")


def costs(f: Forecast) -> pd.DataFrame:
    """The municipality's costs, SPUK income and their balance per calendar year (euros)."""
    rows = []
    for (scenario, draw), run in f.runs.items():
        year = pd.to_datetime(run.kosten["month"]).dt.year
        rows.append(_balance(run.kosten, year).rename(columns={"key": "jaar"}).assign(scenario=scenario, draw=draw))
    frame = pd.concat(rows, ignore_index=True)
    out = summarise_generic(frame, ["jaar", "post"], f.request.scenarios[0])
    return _suppress_euros(f, out).sort_values(["post", "jaar", "scenario"], ignore_index=True)


def _suppress_euros(f: Forecast, out: pd.DataFrame) -> pd.DataFrame:
    """Euros are sums over persons: blanked when fewer than 10 persons are forecast at all."""
    too_few = int(f.in_caseload.sum()) < MIN_CELL
    out["onderdrukt"] = too_few
    if too_few:
        out[list(VALUE_COLUMNS)] = np.nan
    return out


def three_years(f: Forecast) -> pd.DataFrame:
    """Costs, SPUK income and the gap over the 36 months after the file's date, per scenario."""
    first = np.datetime64(f.request.peildatum, "M") + np.timedelta64(1, "M")
    last = first + np.timedelta64(COST_MONTHS - 1, "M")
    rows = []
    for (scenario, draw), run in f.runs.items():
        month = run.kosten["month"].to_numpy().astype("datetime64[M]")
        inside = run.kosten[(month >= first) & (month <= last)]
        total = _balance(inside, pd.Series("3jaar", index=inside.index))
        rows.append(total.rename(columns={"key": "periode"}).assign(scenario=scenario, draw=draw))
    frame = pd.concat(rows, ignore_index=True)
    out = summarise_generic(frame, ["periode", "post"], f.request.scenarios[0])
    return _suppress_euros(f, out)


def summary(f: Forecast) -> pd.DataFrame:
    """Per scenario: persons by outcome at the horizon, and euros over the coming three years."""
    mine = f.in_caseload
    begin = int(np.datetime64(f.request.peildatum, "M").astype(np.int64)) + 1
    years3 = begin + COST_MONTHS
    rows = []
    for (scenario, draw), run in f.runs.items():
        t = run.traject[mine]
        counts = {
            "personen": len(t),
            "voldaanInTermijn": int((t == VOLDAAN_IN_TERMIJN).sum()),
            "voldaanMetVerlenging": int((t == VOLDAAN_MET_VERLENGING).sum()),
            "voldaanNaTermijn": int((t == VOLDAAN_NA_TERMIJN).sum()),
            "ontheven": int((t == ONTHEVEN).sum()),
            "vertrokken": int((t == TRAJECT_VERTROKKEN).sum()),
            "nogBezig": int(((t >= TERMIJN) & (t <= OVERSCHREDEN)).sum()),
            "overschrijdingBinnen3Jaar": int((run.overschreden[mine] < years3).sum()),
            "afgerondBinnen3Jaar": int((run.voldaan[mine] < years3).sum()),
        }
        for name, value in counts.items():
            rows.append({"scenario": scenario, "draw": draw, "indicator": name, "value": float(value)})
    frame = pd.DataFrame(rows)
    return suppress(summarise_generic(frame, ["indicator"], f.request.scenarios[0]))


def _quantile(months: np.ndarray, q: float) -> np.ndarray:
    return np.quantile(months, q, axis=0, method="nearest")


def persons(f: Forecast) -> pd.DataFrame:
    """One row per person and scenario: chances, completion month with interval, afschaling, MB, next deadline."""
    frames = []
    peil = np.datetime64(f.request.peildatum, "D")
    for scenario in f.request.scenarios:
        runs = [f.runs[(scenario, d)] for d in range(f.request.draws)]
        t = np.stack([r.traject for r in runs])
        done = np.stack([r.voldaan for r in runs])
        afschaling = np.stack([r.afschaling for r in runs])
        start = f.starts[scenario]
        in_term = (t == VOLDAAN_IN_TERMIJN).mean(axis=0)
        extended = (t == VOLDAAN_MET_VERLENGING).mean(axis=0)
        # onderwijsroute to B1-route is allowed throughout the term (Besluit 5.4 lid 1): for the onderwijsroute
        # the 18-month day is no deadline a team acts on (a municipal review)
        dates = dict(start.deadlines)
        onderwijs = start.leerroute == Leerroute.ONDERWIJS
        dates["laatsteDagRoutewijziging"] = np.where(
            onderwijs, np.datetime64("NaT", "D"), dates["laatsteDagRoutewijziging"]
        )
        name, when = _next_deadline(dates, peil)
        # a PIP deadline already past on the file's date, the PIP not made: the most urgent thing a team can
        # act on (B 5.3 lid 1; a review found it hidden, as only deadlines ahead were shown)
        pip_due = start.deadlines["deadlinePip"]
        overdue = ~np.isnat(pip_due) & (pip_due < peil)
        frames.append(
            pd.DataFrame(
                {
                    "id": f.ids,
                    "rij": f.rows,
                    "scenario": scenario,
                    "situatie": [TRAJECT_NAMES[i] for i in start.traject],
                    "leerroute": [LEERROUTES[r] if r >= 0 else "" for r in start.leerroute],
                    "kansVoldaanInTermijn": in_term,
                    "kansVoldaanMetVerlenging": extended,
                    "kansVoldaanNaTermijn": (t == VOLDAAN_NA_TERMIJN).mean(axis=0),
                    "kansOntheffing": (t == ONTHEVEN).mean(axis=0),
                    "kansVertrek": (t == TRAJECT_VERTROKKEN).mean(axis=0),
                    "afrondingVerwacht": _month_label(_quantile(done, 0.5), f.request.horizon),
                    "afrondingVroeg": _month_label(_quantile(done, LOW), f.request.horizon),
                    "afrondingLaat": _month_label(_quantile(done, HIGH), f.request.horizon),
                    "afschalingMogelijkVanaf": _afschaling_label(afschaling, start, f.request.horizon),
                    "kansAfschalingMogelijk": np.where(
                        start.leerroute == Leerroute.B1, (afschaling < NOT_YET).mean(axis=0), np.nan
                    ),
                    "rechtOpMb": np.where(start.mb, "ja", "nee"),
                    "eerstvolgendeTermijn": name,
                    "datumTermijn": when,
                    "pipDeadlineVerstreken": np.where(overdue, pip_due.astype(str), ""),
                    "risico": _risk(in_term + extended, start.traject),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _afschaling_label(months: np.ndarray, start: Situation, horizon: np.datetime64) -> np.ndarray:
    """The median month afschaling becomes possible on the B1 route.

    ``al mogelijk`` when it already was on the file's date, ``afgeschaald`` when it was done.
    """
    label = _month_label(np.maximum(_quantile(months, 0.5), 0), horizon)
    label = np.where(_quantile(months, 0.5) == ALREADY, "al mogelijk", label)
    label = np.where(start.doel_a2, "afgeschaald", label)
    return np.where(start.leerroute == Leerroute.B1, label, "")


def _risk(chance: np.ndarray, traject: np.ndarray) -> np.ndarray:
    """``hoog`` under 50% chance to finish within the term (extensions included), ``midden`` under 80%."""
    level = np.where(chance < 0.5, "hoog", np.where(chance < 0.8, "midden", "laag"))
    active = (traject >= WACHT_INTAKE) & (traject <= OVERSCHREDEN)
    return np.where(active, level, "")


def _next_deadline(dates: dict[str, np.ndarray], peil: np.datetime64) -> tuple[list[str], list[str]]:
    """The earliest of the legal deadlines still ahead on the file's date, and its name."""
    stacked = np.stack([dates[n] for n in DEADLINES])
    ahead = np.where(~np.isnat(stacked) & (stacked >= peil), stacked, np.datetime64("NaT", "D"))
    filled = np.where(np.isnat(ahead), np.datetime64("9999-12-31", "D"), ahead)
    which = filled.argmin(axis=0)
    when = filled.min(axis=0)
    none = when == np.datetime64("9999-12-31", "D")
    names = [("" if no else DEADLINES[w]) for w, no in zip(which.tolist(), none.tolist(), strict=True)]
    return names, ["" if no else str(d) for d, no in zip(when, none.tolist(), strict=True)]


def all_tables(f: Forecast, per_person: bool) -> dict[str, pd.DataFrame]:
    """The tables to export: the municipality's, and the person table only if asked for."""
    tables = {
        "samenvatting": summary(f),
        "kwartalen": quarters(f),
        "kostenPerJaar": costs(f),
        "kosten3Jaar": three_years(f),
    }
    if per_person:
        tables["personen"] = persons(f)
    return tables
