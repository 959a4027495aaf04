"""Monthly amounts per observation cell from dated intervals and events.

Shared by the costs (euros per month) and the count indicators (persons per month): an
interval adds its amount from its start month up to its end month via a difference array
per cell; an event adds its amount in its month. Array operations only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.dates import month_numbers
from inburgering.sim.engine import SimResult
from inburgering.sim.population import GROUP_NAMES

SEXES = ("man", "vrouw")


def month_index(dates: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Position of each date's month in ``months`` (clipped to the horizon; -1 for NaT)."""
    m = month_numbers(dates) - months[0].astype(np.int64)
    return np.where(np.isnat(dates), -1, np.clip(m, 0, len(months)))


def cell_frame(
    result: SimResult, cells: np.ndarray, indicator: str, value: np.ndarray, **columns: object
) -> pd.DataFrame:
    """Tidy rows for observation cells ``cells``: their cohort, group and sex, plus ``columns``."""
    cohort, group, sex = result.cells.labels()
    return pd.DataFrame(
        {
            **columns,
            "cohort": cohort[cells],
            "group": pd.Categorical.from_codes(group[cells], GROUP_NAMES),
            "sex": pd.Categorical.from_codes(sex[cells], SEXES),
            "indicator": indicator,
            "value": value,
        }
    )


class Ledger:
    """Accumulates monthly amounts per (item, cell)."""

    def __init__(self, result: SimResult):
        self.result = result
        self.n_months = len(result.months)
        # nothing a person did before entering the model is the run's (the stocks of 2022 enter then)
        self.entry = result.state.pop["instroom"]
        self.rows: list[tuple[str, np.ndarray]] = []

    def interval(
        self,
        item: str,
        who: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        per_month: np.ndarray | float,
        from_entry: bool = True,
    ) -> None:
        """``per_month`` for persons ``who`` from ``start``'s month up to (not including) ``end``'s month.

        Not before the person's entry, unless ``from_entry`` is false: a funding schedule such as the
        SPUK's twelfths runs from January of the year a person counts in, whenever they came.
        """
        self.spans(item, who, start[who], end[who], per_month, from_entry)

    def spans(
        self,
        item: str,
        who: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        per_month: np.ndarray | float,
        from_entry: bool = True,
    ) -> None:
        """Like :meth:`interval` with one entry per span: person ``who[i]`` from ``start[i]`` to ``end[i]``.

        A person may have several spans (job spells); an open end (``NaT``) runs to the horizon.
        """
        s = month_index(np.maximum(start, self.entry[who]) if from_entry else start, self.result.months)
        e = month_index(end, self.result.months)
        e = np.where(e < 0, self.n_months, e)  # open-ended: to the horizon
        amount = np.broadcast_to(np.asarray(per_month, dtype=np.float64), who.shape)
        ok = (s >= 0) & (e > s)
        key = self.result.cells.key[who[ok]]
        width = self.n_months + 1
        diff = np.bincount(key * width + s[ok], weights=amount[ok], minlength=self.result.cells.n * width)
        diff -= np.bincount(key * width + e[ok], weights=amount[ok], minlength=self.result.cells.n * width)
        self.rows.append((item, np.cumsum(diff.reshape(self.result.cells.n, width), axis=1)[:, : self.n_months]))

    def once(self, item: str, who: np.ndarray, when: np.ndarray, amount: np.ndarray | float) -> None:
        """``amount`` for persons ``who`` in the month of ``when``."""
        self.events(item, who, when[who], amount)

    def events(self, item: str, who: np.ndarray, when: np.ndarray, amount: np.ndarray | float) -> None:
        """``amount`` for each event: person ``who[i]`` in the month of ``when[i]`` (a person may repeat)."""
        m = month_index(when, self.result.months)
        amount = np.broadcast_to(np.asarray(amount, dtype=np.float64), who.shape)
        # an event before the run (a caseload file's past) is not a cost of the run
        ok = (m >= 0) & (m < self.n_months) & (when >= self.result.months[0].astype("datetime64[D]"))
        ok &= when >= self.entry[who]
        key = self.result.cells.key[who[ok]]
        grid = np.bincount(
            key * self.n_months + m[ok], weights=amount[ok], minlength=self.result.cells.n * self.n_months
        )
        self.rows.append((item, grid.reshape(self.result.cells.n, self.n_months)))

    def frame(self, prefix: str) -> pd.DataFrame:
        """Tidy rows (month, cohort, group, sex, indicator, value), non-zero only; items summed."""
        frames = []
        for item, grid in self.rows:
            cells, months = np.nonzero(np.abs(grid) > 0.005)
            month = self.result.months.astype("datetime64[D]")[months]
            frames.append(cell_frame(self.result, cells, f"{prefix}{item}", grid[cells, months], month=month))
        out = pd.concat(frames, ignore_index=True)
        if len({item for item, _ in self.rows}) == len(self.rows):
            return out  # each item once: every row's keys are its own, there is nothing to sum
        keys = ["month", "cohort", "group", "sex", "indicator"]
        return out.groupby(keys, as_index=False, sort=False, observed=True)["value"].sum()
