"""Run results as tables: the tidy indicator table and the person-level outcome table.

Indicator rows: ``month`` (calendar month, for stocks) or ``months_since_obligation`` (for
progress curves), ``scenario``, ``cohort`` (year the obligation started), ``group``, ``sex``,
``route`` (empty where not applicable), ``indicator`` and ``value``. Built with array
operations from the monthly stock counts and the person dates; no loop over persons.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.dates import MonthIndex, month_numbers
from inburgering.law.parameters import law_start
from inburgering.sim.companions import ROLLEN, WI2013
from inburgering.sim.costs import cost_rows
from inburgering.sim.engine import SimResult
from inburgering.sim.ledger import Ledger, cell_frame
from inburgering.sim.output_leren import coa_minor_rows, coa_rows, exam_rows, hours_rows, pip_rows
from inburgering.sim.population import GROUP_NAMES
from inburgering.sim.spells import amv_guidance_spells, fines, mb_spells, permit_renewals
from inburgering.sim.state import DATE_COLUMNS, ROUTE_NAMES, TRAJECT_NAMES, VERBLIJF_NAMES, finished_at_a2_by_choice
from inburgering.sim.traits import OPLEIDINGEN

SEXES = ("man", "vrouw")
PROGRESS_MONTHS = 120


def stock_rows(result: SimResult) -> pd.DataFrame:
    """Monthly counts per state of both state machines, per cohort, group and sex (rows with a count only).

    The rows with a count are picked from the (months, cells, states) array before any column is
    built: most combinations are empty, and building the text column of all of them cost most of
    this table (issue #20).
    """
    cohort, group, sex = result.cells.labels()
    frames = []
    for machine, names in (("verblijf", VERBLIJF_NAMES), ("traject", TRAJECT_NAMES), ("werk", ("betaald",))):
        counts = result.stocks[machine]  # months x cells x states
        _, c, s = counts.shape
        flat = counts.reshape(-1)
        row = np.flatnonzero(flat > 0)
        month, rest = np.divmod(row, c * s)
        cell, state = np.divmod(rest, s)
        labels = np.array([f"{machine}.{n}" for n in names])
        frames.append(
            pd.DataFrame(
                {
                    "month": result.months.astype("datetime64[D]")[month],
                    "cohort": cohort[cell],
                    "group": pd.Categorical.from_codes(group[cell], GROUP_NAMES),
                    "sex": pd.Categorical.from_codes(sex[cell], SEXES),
                    "indicator": labels[state],
                    "value": flat[row].astype(np.float64),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def months_until(
    start: np.ndarray, event: np.ndarray, index: MonthIndex | None = None, start_months: np.ndarray | None = None
) -> np.ndarray:
    """Smallest k >= 0 with ``event <= start + k months`` (calendar months); -1 where no event.

    >>> s = np.array(["2024-01-31", "2024-01-31", "2024-01-31"], dtype="datetime64[D]")
    >>> months_until(s, np.array(["2024-01-31", "2024-02-29", "NaT"], dtype="datetime64[D]")).tolist()
    [0, 1, -1]

    ``index`` is ``MonthIndex(start)`` and ``start_months`` ``month_numbers(start)`` when the caller
    already has them (asked for several events from the same starts).
    """
    index = MonthIndex(start) if index is None else index
    ev = month_numbers(event)
    st = month_numbers(start) if start_months is None else start_months
    missing = np.isnat(event) | np.isnat(start)
    # 0 where either is missing: NaT's month number minus a month overflows to a huge k, whose
    # target month lies outside the month tables and sent everyone down the slow path (issue #20)
    k = np.where(missing, 0, np.maximum(ev - st, 0))
    k = np.where(index.plus(k) >= event, k, k + 1)  # the clamp can push one month further
    return np.where(missing, -1, k)


def progress_rows(result: SimResult) -> pd.DataFrame:
    """Shares of the obliged with an event by months since the obligation began (k = 0 ... 120).

    The obligation begins at the permit, or for someone who was then a minor exempt while
    kwalificatieplichtig (art. 4.1.c), on the day that exemption ends. Censoring: at k only persons
    whose start + k months lies inside the horizon count. Built from two cumulative histograms per
    cell instead of a pass per k.
    """
    st, pop = result.state, result.state.pop
    obliged = ~np.isnat(st.dates["datumKennisgeving"])
    age = int(result.parameters.value("vrijstelling.kwalificatieplicht_tot_leeftijd", law_start(result.parameters)))
    exemption_ends = MonthIndex(pop["geboortedatum"][obliged]).reaching(12 * age)
    start = np.maximum(pop["datumVerblijfsrecht"][obliged], exemption_ends)
    index = MonthIndex(start)
    horizon_end = (result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")
    start_months = month_numbers(start)
    observed_for = months_until(start, np.full(len(start), horizon_end), index, start_months)  # k < this is observed
    key = result.cells.key[obliged]
    cells = result.cells.n
    K = PROGRESS_MONTHS + 1
    obs = np.clip(observed_for, 0, K)
    den = cells_hist(key, obs, cells, K + 1)  # persons whose observation ends at each k
    den = den.sum(axis=1, keepdims=True) - np.cumsum(den, axis=1)[:, :K]  # observed at k: obs > k
    frames = []
    for indicator, column in (
        ("aandeelMetIntake", "datumIntake"),
        ("aandeelMetPip", "datumPip"),
        ("aandeelVoldaan", "datumVoldaan"),
        ("aandeelOntheven", "datumOntheffing"),
        ("aandeelVertrokken", "datumVertrek"),
        ("aandeelOoitBetaaldWerk", "datumEersteBaan"),
    ):
        k_event = months_until(start, st.dates[column][obliged], index, start_months)
        hit = k_event >= 0
        # count at k: event by k and still observed at k, i.e. k_event <= k < obs
        a = np.cumsum(cells_hist(key[hit], np.minimum(k_event[hit], K), cells, K + 1), axis=1)[:, :K]
        b = np.cumsum(cells_hist(key[hit], np.minimum(np.maximum(k_event[hit], obs[hit]), K), cells, K + 1), axis=1)[
            :, :K
        ]
        num = a - b
        cells_ok, k_ok = np.nonzero(den > 0)
        frames.append(
            cell_frame(
                result, cells_ok, indicator, num[cells_ok, k_ok] / den[cells_ok, k_ok], months_since_obligation=k_ok
            )
        )
    return pd.concat(frames, ignore_index=True)


def work_rows(result: SimResult) -> pd.DataFrame:
    """Shares of those living here (housed, or with a permit in COA: ``observe.living_here``) in paid and volunteer work, by months since the permit."""
    present = result.since["aanwezig"]
    frames = []
    for indicator, name in (("aandeelBetaaldWerk", "betaald"), ("aandeelVrijwilligerswerk", "vrijwillig")):
        cells_ok, k_ok = np.nonzero(present > 0)
        frames.append(
            cell_frame(
                result,
                cells_ok,
                indicator,
                result.since[name][cells_ok, k_ok] / present[cells_ok, k_ok],
                months_since_obligation=k_ok,
            )
        )
    st = result.state
    key = result.cells.key
    arrived = st.verblijf > 0
    n = np.bincount(key[arrived], minlength=result.cells.n)
    ok = n > 0
    for indicator, values in (
        ("aandeelOoitGewerktInCoa", st.werkte_in_coa.astype(np.float64)),
        ("gemiddeldAantalExamenpogingen", st.pogingen.astype(np.float64)),
    ):
        total = np.bincount(key[arrived], weights=values[arrived], minlength=result.cells.n)
        frames.append(cell_frame(result, ok, indicator, total[ok] / n[ok]))
    return pd.concat(frames, ignore_index=True)


def cells_hist(key: np.ndarray, k: np.ndarray, cells: int, width: int) -> np.ndarray:
    """Counts per (cell, k) as a (cells, width) array."""
    return np.bincount(key * width + k, minlength=cells * width).reshape(cells, width)


def route_rows(result: SimResult) -> pd.DataFrame:
    """Route shares at the PIP per cohort, group and sex."""
    st = result.state
    has = st.route_bij_pip >= 0
    key = result.cells.key
    total = np.bincount(key[has], minlength=result.cells.n)
    frames = []
    for code, name in enumerate(ROUTE_NAMES):
        count = np.bincount(key[has & (st.route_bij_pip == code)], minlength=result.cells.n)
        ok = total > 0
        frames.append(cell_frame(result, ok, "routeAandeelBijPip", count[ok] / total[ok], route=name))
    return pd.concat(frames, ignore_index=True)


def count_rows(result: SimResult) -> pd.DataFrame:
    """Monthly counts: persons receiving MB, and events.

    Events: afschalingen, A2 evaluations and finishes at A2, exam passes per component,
    completions, releases, PIPs, first jobs, naturalisations; the Wi2013 stock's exam passes.
    """
    st, pop = result.state, result.state.pop
    d = st.dates
    ledger = Ledger(result)
    everyone = np.arange(len(pop))
    mb, mb_start, mb_end = mb_spells(result)
    ledger.interval("metBegeleiding", mb, mb_start, mb_end, 1.0)
    ledger.interval("metAmvBegeleiding", *amv_guidance_spells(result), 1.0)
    for item, column in (
        ("afschalingen", "datumAfschaling"),
        ("a2Evaluaties", "datumA2Evaluatie"),
        ("voldaan", "datumVoldaan"),
        ("ontheffingen", "datumOntheffing"),
        ("eersteBaan", "datumEersteBaan"),
        ("pips", "datumPip"),
        ("voorinburgeringStart", "datumVoorinburgeringStart"),
        ("voorinburgeringAfgerond", "datumVoorinburgeringAfgerond"),
        ("routewijzigingen", "datumRoutewijziging"),
        ("naturalisatieMogelijk", "naturalisatieVroegst"),
        ("naturalisatieAanvragen", "datumNaturalisatieAanvraag"),
    ):
        ledger.once(item, everyone[~np.isnat(d[column])], d[column], 1.0)
    for kind in ("duo", "college"):
        who, when, _ = fines(result, kind)
        ledger.events(f"{kind}Boetes", who, when, 1.0)
    ledger.events("vergunningVerlengingen", *permit_renewals(result), 1.0)
    chose = everyone[finished_at_a2_by_choice(st)]
    ledger.once("afgerondOpA2", chose, d["datumA2Evaluatie"], 1.0)
    ledger.once("naturalisaties", everyone[st.genaturaliseerd], d["datumNaturalisatie"], 1.0)
    # the Wi2021's exams per part; the old Act's exam (all parts at once) is counted apart: the housed Wi2013
    # stock's and that of COA's adults of 2022 (a review of the day's change found the latter among Wi2021 passes)
    old_act = (pop["rol"] == WI2013) | ~np.isnat(pop["examenWi2013"]) | pop["onthevenWi2013"]
    for part, name in enumerate(("lezen", "luisteren", "schrijven", "spreken", "knm")):
        ledger.once(f"geslaagd.{name}", everyone[(st.niveau[:, part] > 0) & ~old_act], st.behaald[:, part], 1.0)
    ledger.once("wi2013Geslaagd", everyone[old_act & (st.niveau[:, 0] > 0)], st.behaald[:, 0], 1.0)
    return ledger.frame("aantal.")


COLUMNS = [
    "month",
    "months_since_obligation",
    "months_since_application",
    "scenario",
    "cohort",
    "group",
    "sex",
    "route",
    "indicator",
    "value",
]


def indicators(result: SimResult) -> pd.DataFrame:
    """The tidy indicator table of one run."""
    frame = pd.concat(
        [
            stock_rows(result),
            progress_rows(result),
            work_rows(result),
            route_rows(result),
            count_rows(result),
            cost_rows(result),
            exam_rows(result),
            hours_rows(result),
            coa_rows(result),
            coa_minor_rows(result),
            pip_rows(result),
        ],
        ignore_index=True,
    )
    frame["scenario"] = result.scenario
    for column in COLUMNS:
        if column not in frame:
            frame[column] = pd.NA
    frame["months_since_obligation"] = frame["months_since_obligation"].astype("Int16")
    frame["months_since_application"] = frame["months_since_application"].astype("Int16")
    frame["cohort"] = frame["cohort"].astype("int16")
    return frame[COLUMNS]


PLANNED_AHEAD = ("datumKennisgeving", "datumNaturalisatieAanvraag", "datumNaturalisatie")
"""Events the engine dates ahead when it decides them (a notice, a request, a decision): in the
person table only those that fall inside the horizon, so that a non-empty date means it
happened in the run (``genaturaliseerd`` and ``datumNaturalisatie`` agree). Deadlines and
rights (``eindeTermijn``, ``naturalisatieVroegst``) stay as decided, also beyond the horizon."""

RIGHTS_FROM = ("voorinburgeringVanaf", "magWerkenVanaf", "afschalingMogelijkVanaf", "naturalisatieVroegst")
"""A right's first day: in the person table only when it came before the person left. A review
found a child's voorinburgering dated from a 16th birthday after the family had left; a right that
never began is not one the person had. Deadlines (``eindeTermijn``) stay as they were set: the
day the term would have ended is what the notice said, and leaving does not change it."""


def persons(
    result: SimResult, rows: slice | np.ndarray | None = None, nationalities: pd.Categorical | None = None
) -> pd.DataFrame:
    """One row per synthetic person: attributes, key dates and final states.

    ``rows`` picks some persons (a slice or positions), so that a large run can be written a slice
    at a time (:func:`inburgering.sim.simulate.write_persons`); ``nationalities`` is the whole
    run's nationality column as a categorical, passed by the caller of several slices so that each
    slice has the same categories.
    """
    st, pop = result.state, result.state.pop
    pick = slice(None) if rows is None else rows
    number = np.arange(len(pop))[pick]
    nat = pd.Categorical(pop["nationaliteit"]) if nationalities is None else nationalities
    frame = pd.DataFrame(
        {
            "person": number,
            "scenario": result.scenario,
            "cohort": pop["cohort"][pick],
            "group": pd.Categorical.from_codes(pop["groep"][pick], GROUP_NAMES),
            "sex": pd.Categorical.from_codes(pop["geslacht"][pick], SEXES),
            "geboortedatum": pop["geboortedatum"][pick],
            "nationaliteit": nat[pick],
            "datumAsielaanvraag": pop["datumAsielaanvraag"][pick],
            "datumVerblijfsrecht": pop["datumVerblijfsrecht"][pick],
        }
    )
    horizon_end = (result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]") if len(result.months) else None
    gone = st.dates["datumVertrek"][pick]
    for name in DATE_COLUMNS:
        values = st.dates[name][pick]
        if name in PLANNED_AHEAD and horizon_end is not None:
            values = np.where(values >= horizon_end, np.datetime64("NaT", "D"), values)
        if name in RIGHTS_FROM:
            values = np.where(values > gone, np.datetime64("NaT", "D"), values)
        frame[name] = values
    some = len(number) > 0
    frame["leerroute"] = pd.Categorical.from_codes(st.leerroute[pick].astype(np.int64), ROUTE_NAMES) if some else []
    frame["leerrouteBijPip"] = (
        pd.Categorical.from_codes(st.route_bij_pip[pick].astype(np.int64), ROUTE_NAMES) if some else []
    )
    frame["verblijf"] = pd.Categorical.from_codes(st.verblijf[pick], VERBLIJF_NAMES)
    frame["traject"] = pd.Categorical.from_codes(st.traject[pick], TRAJECT_NAMES)
    frame["verlengingMaanden"] = st.verlenging[pick]
    frame["boetesDuo"] = st.boete[pick]
    frame["boetesCollege"] = st.college_boete[pick]
    # who the person is in the population (newcomer, child, AOW-aged, the stock of 2022) and whose child
    frame["rol"] = pd.Categorical.from_codes(pop["rol"][pick], ROLLEN)
    frame["ouder"] = pop["ouder"][pick]
    frame["opleiding"] = pd.Categorical.from_codes(pop["opleiding"][pick], OPLEIDINGEN)
    frame["genaturaliseerd"] = st.genaturaliseerd[pick]
    return frame
