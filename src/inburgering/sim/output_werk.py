"""Job spells: every paid job a person held, with its start and end, from the run's work log.

The state keeps only whether a person works now and the day of the first job; analysts ask
more ("ever worked by month 24", "working on 1 January 2025", "worked while in COA", "in work
N months after the move"). One row per spell answers all of them:

- ``begin``: the day the job started (drawn within the month, not before the person may work);
- ``einde``: the first day of the month the job ended, or the day the person left the country
  if that came first; ``NaT`` while it still runs at the horizon. The model draws job ends by
  month, so an end is known to the month;
- ``inCoa``: the job started while the person lived in COA.

A person holds at most one job at a time, so the k-th end of a person closes their k-th start.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.sim.engine import SimResult

COLUMNS = ("persoon", "volgnummer", "begin", "einde", "inCoa")


def job_spells(result: SimResult) -> pd.DataFrame:
    """One row per job spell, ordered by person and start."""
    st = result.state
    if not st.banen_log:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(COLUMNS, ("int64", "int16", "M8[ns]", "M8[ns]", "bool"), strict=True)
            }
        )
    who = np.concatenate([p for _, p, _, _ in st.banen_log])
    begin = np.concatenate([d for _, _, d, _ in st.banen_log])
    in_coa = np.concatenate([c for _, _, _, c in st.banen_log])
    order = np.lexsort((begin, who))
    who, begin, in_coa = who[order], begin[order], in_coa[order]
    seq = _rank_within(who)
    end = np.full(len(who), np.datetime64("NaT", "D"))
    if st.banen_einde_log:
        gone = np.concatenate([p for _, p in st.banen_einde_log])
        month = np.concatenate([np.full(len(p), m, np.int64) for m, p in st.banen_einde_log])
        o = np.lexsort((month, gone))
        gone, month = gone[o], month[o]
        # the k-th end of a person closes the k-th start: find that start's row
        row = np.searchsorted(who, gone) + _rank_within(gone)
        end[row] = month.astype("datetime64[M]").astype("datetime64[D]")
    left = st.dates["datumVertrek"][who]
    end = np.where(~np.isnat(left) & (np.isnat(end) | (left < end)), left, end)
    return pd.DataFrame(
        {
            "persoon": who.astype(np.int64),
            "volgnummer": (seq + 1).astype(np.int16),
            "begin": begin.astype("datetime64[ns]"),
            "einde": end.astype("datetime64[ns]"),
            "inCoa": in_coa,
        }
    )


def _rank_within(sorted_ids: np.ndarray) -> np.ndarray:
    """0, 1, 2 ... within each run of equal ids in a sorted array."""
    if len(sorted_ids) == 0:
        return np.zeros(0, np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_ids)) + 1]
    return np.arange(len(sorted_ids)) - np.repeat(starts, np.diff(np.r_[starts, len(sorted_ids)]))


def working_on(spells: pd.DataFrame, day: str | np.datetime64) -> np.ndarray:
    """Persons (ids, sorted) in a job on ``day``: begun on or before it, not yet ended."""
    on = pd.Timestamp(day)
    open_ = (spells["begin"] <= on) & (spells["einde"].isna() | (spells["einde"] > on))
    return np.unique(spells.loc[open_, "persoon"].to_numpy())
