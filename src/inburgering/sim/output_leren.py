"""Learning and reception indicators of a run.

Exam attempts and passes by component and level per month (from the run's exam log), lesson
hours followed per month, the distribution of lesson hours over finished trajectories by
route, the share of asylum applicants still in COA by months since the application (in
the procedure, and in COA at all), the minors living in COA, and the PIPs adopted after their
legal deadline. Kept apart from :mod:`inburgering.sim.output` so each module stays small; the
tidy columns are the same.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.dates import MonthIndex, month_numbers
from inburgering.rules.begeleiding import MEERDERJARIG
from inburgering.sim.engine import SimResult
from inburgering.sim.ledger import cell_frame, month_index
from inburgering.sim.run import month_number
from inburgering.sim.state import NIET_AANWEZIG, ONTHEVEN, ROUTE_NAMES, VOLDAAN_IN_TERMIJN

COMPONENTS = ("lezen", "luisteren", "schrijven", "spreken", "knm")
LEVELS = ("", "A1", "A2", "B1", "B2")
HOUR_BANDS = (0, 300, 600, 900, 1200)  # lower bounds; the last band is open
COA_MONTHS = 60  # months since the application observed for the COA shares


def exam_rows(result: SimResult) -> pd.DataFrame:
    """Monthly exam attempts and passes per component and level (``aantal.examenPogingen.<component>.<level>``).

    One histogram over (component and level, cell, month) for attempts and one for passes.
    """
    log = result.state.examens_log
    if not log:
        return pd.DataFrame()
    n_months, n_cells = len(result.months), result.cells.n
    month = np.concatenate([np.full(len(entry[1]), entry[0], np.int64) for entry in log])
    month -= month_number(result.months[0])
    who = np.concatenate([entry[1] for entry in log])
    part = np.concatenate([np.full(len(entry[1]), entry[2], np.int64) for entry in log])
    code = part * len(LEVELS) + np.concatenate([entry[3] for entry in log])
    passed = np.concatenate([entry[4] for entry in log])
    flat = (code * n_cells + result.cells.key[who]) * n_months + month
    size = len(COMPONENTS) * len(LEVELS) * n_cells * n_months
    shape = (len(COMPONENTS) * len(LEVELS), n_cells, n_months)
    dates = result.months.astype("datetime64[D]")
    frames = []
    for item, counts in (
        ("examenPogingen", np.bincount(flat, minlength=size).reshape(shape)),
        ("examenGeslaagd", np.bincount(flat[passed], minlength=size).reshape(shape)),
    ):
        for c in np.unique(code):
            cells, months = np.nonzero(counts[c])
            name = f"aantal.{item}.{COMPONENTS[c // len(LEVELS)]}.{LEVELS[c % len(LEVELS)]}"
            frames.append(
                cell_frame(result, cells, name, counts[c][cells, months].astype(np.float64), month=dates[months])
            )
    return pd.concat(frames, ignore_index=True)


def hours_rows(result: SimResult) -> pd.DataFrame:
    """Lesson hours per month, and their distribution over finished trajectories by route.

    ``aantal.lesuren``: hours followed in the month by everyone in a trajectory.
    ``aandeelLesuren.<from>``: of those who finished (in term, with extension, after the term, or
    released), the share whose total hours fall in the band starting at ``<from>``;
    ``gemiddeldeLesuren``: their mean, both by the route at the end.
    """
    grid = result.stocks["lesuren"][:, :, 0]  # months x cells
    months, cells = np.nonzero(grid > 0)
    frames = [
        cell_frame(
            result,
            cells,
            "aantal.lesuren",
            grid[months, cells],
            month=result.months.astype("datetime64[D]")[months],
        )
    ]
    st = result.state
    finished = np.flatnonzero((st.traject >= VOLDAAN_IN_TERMIJN) & (st.traject <= ONTHEVEN) & (st.leerroute >= 0))
    n = result.cells.n
    band = np.searchsorted(np.array(HOUR_BANDS[1:]), st.uren[finished], side="right")
    for code, route in enumerate(ROUTE_NAMES):
        mine = finished[st.leerroute[finished] == code]
        key = result.cells.key[mine]
        total = np.bincount(key, minlength=n)
        ok = np.flatnonzero(total > 0)
        hours = np.bincount(key, weights=st.uren[mine], minlength=n)
        frames.append(cell_frame(result, ok, "gemiddeldeLesuren", hours[ok] / total[ok], route=route))
        bands = band[st.leerroute[finished] == code]
        for b, lower in enumerate(HOUR_BANDS):
            count = np.bincount(key[bands == b], minlength=n)
            frames.append(cell_frame(result, ok, f"aandeelLesuren.{lower}", count[ok] / total[ok], route=route))
    return pd.concat(frames, ignore_index=True)


def coa_rows(result: SimResult) -> pd.DataFrame:
    """Share of asylum applicants still in the procedure, and still in COA, by months since the application.

    Censored like the progress curves: at month k only applications at least k months before
    the horizon count. Leaving COA is moving to a municipality or leaving the country (the
    rejected); the procedure ends at the permit or, for the rejected, on leaving COA.
    """
    st, pop = result.state, result.state.pop
    applied = np.flatnonzero(~np.isnat(pop["datumAsielaanvraag"]))
    start = month_numbers(pop["datumAsielaanvraag"][applied])
    end_month = month_number(result.months[-1]) + 1
    observed = np.clip(end_month - start, 0, COA_MONTHS + 1)  # months k < observed are observed
    key = result.cells.key[applied]
    n, width = result.cells.n, COA_MONTHS + 2
    seen = np.bincount(key * width + observed, minlength=n * width).reshape(n, width)
    seen = seen.sum(axis=1, keepdims=True) - np.cumsum(seen, axis=1)[:, : COA_MONTHS + 1]  # observed at k
    departure = st.dates["datumVertrek"][applied]
    ends = {
        "aandeelInProcedureSindsAanvraag": np.fmin(pop["datumVerblijfsrecht"][applied], departure),
        "aandeelInCoaSindsAanvraag": np.fmin(st.dates["datumInschrijvingBrp"][applied], departure),
    }
    frames = []
    for indicator, end in ends.items():
        # in COA at k while k < months until leaving (still there at the horizon: all observed months)
        left = np.where(np.isnat(end), COA_MONTHS + 1, month_numbers(end) - start)
        stay = np.clip(np.minimum(left, observed), 0, COA_MONTHS + 1)
        there = np.bincount(key * width + stay, minlength=n * width).reshape(n, width)
        there = there.sum(axis=1, keepdims=True) - np.cumsum(there, axis=1)[:, : COA_MONTHS + 1]
        cells_ok, k_ok = np.nonzero(seen > 0)
        frames.append(
            cell_frame(
                result,
                cells_ok,
                indicator,
                there[cells_ok, k_ok] / seen[cells_ok, k_ok],
                months_since_application=k_ok,
            )
        )
    return pd.concat(frames, ignore_index=True)


def pip_lateness(result: SimResult) -> tuple[np.ndarray, np.ndarray]:
    """(PIP and deadline both known, days late) per person: one reading of "after the deadline" (Besluit 5.3).

    ``simulate``'s ``aandeelPipNaDeadline`` per cell and the comparison's per group count the same
    persons; days late are positive for a PIP after the deadline, and 0 where either date is unknown.
    """
    d = result.state.dates
    known = ~np.isnat(d["datumPip"]) & ~np.isnat(d["deadlinePip"])
    days = np.zeros(len(known), np.int64)
    days[known] = (d["datumPip"][known] - d["deadlinePip"][known]).astype(np.int64)
    return known, days


def pip_rows(result: SimResult) -> pd.DataFrame:
    """PIPs after the rulebook's deadline (Besluit 5.3): their share per cell, and the mean days late.

    ``aandeelPipNaDeadline`` is among PIPs whose deadline is known (a status holder's runs from
    registration in the BRP); ``gemiddeldDagenPipTeLaat`` is the mean lateness of the late ones.
    """
    known, days_late = pip_lateness(result)
    key = result.cells.key[known]
    late_days = days_late[known]
    late = late_days > 0
    n = np.bincount(key, minlength=result.cells.n)
    n_late = np.bincount(key, weights=late.astype(np.float64), minlength=result.cells.n)
    days = np.bincount(key[late], weights=late_days[late].astype(np.float64), minlength=result.cells.n)
    ok, some_late = n > 0, n_late > 0
    return pd.concat(
        [
            cell_frame(result, ok, "aandeelPipNaDeadline", n_late[ok] / n[ok]),
            cell_frame(result, some_late, "gemiddeldDagenPipTeLaat", days[some_late] / n_late[some_late]),
        ],
        ignore_index=True,
    )


def coa_stay(result: SimResult) -> tuple[np.ndarray, np.ndarray]:
    """Each person's days of entering COA and of leaving it (``NaT``: never there, or still there).

    Entering is the entry into the run (the application, or for the stock of 2022 its first
    day); leaving is moving to a municipality or leaving the country. A family or other migrant
    enters and leaves on the same day, so is never counted as living there.
    """
    st, pop = result.state, result.state.pop
    entry = np.where(st.verblijf != NIET_AANWEZIG, pop["instroom"], np.datetime64("NaT", "D"))
    return entry, np.fmin(st.dates["datumInschrijvingBrp"], st.dates["datumVertrek"])


def coa_minor_rows(result: SimResult) -> pd.DataFrame:
    """Minors living in COA at the end of each month (``aantal.minderjarigenInCoa``), per cell.

    COA counts its residents with their children; the verblijf stocks do too, and this says how
    many of them are under 18 (in the procedure or with a permit, with parents or unaccompanied).
    A person is in COA from entering it to moving to a municipality or leaving the country.
    """
    pop = result.state.pop
    entry, leave = coa_stay(result)
    arrived = np.flatnonzero(~np.isnat(entry))
    adult = MonthIndex(pop["geboortedatum"][arrived]).reaching(12 * MEERDERJARIG)
    n_months = len(result.months)
    s = month_index(entry[arrived], result.months)
    e = month_index(
        np.fmin(leave[arrived], adult), result.months
    )  # not there at the end of the month they leave or turn 18
    e = np.where(e < 0, n_months, e)
    ok = (s >= 0) & (e > s)
    key, width = result.cells.key[arrived[ok]], n_months + 1
    diff = np.bincount(key * width + s[ok], minlength=result.cells.n * width)
    diff -= np.bincount(key * width + e[ok], minlength=result.cells.n * width)
    counts = np.cumsum(diff.reshape(result.cells.n, width), axis=1)[:, :n_months]
    cells, months = np.nonzero(counts > 0)
    return cell_frame(
        result,
        cells,
        "aantal.minderjarigenInCoa",
        counts[cells, months].astype(np.float64),
        month=result.months[months].astype("datetime64[D]"),
    )
