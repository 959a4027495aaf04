"""A reform changes nothing before it takes effect: no cost, count or share in a month before its date.

A simulation audit found some 20 million euros of VWN's 2027 proposals booked in 2025-2026 (a met
route's price spread back over its months from the PIP, exam fees spread from the PIP to the end),
and permit renewals booked before the permit was granted, which the pact's shorter permits moved
into 2024-2025. Each shipped scenario is run beside the scenario it builds on, with the same seed;
every indicator of every month before its effective date must be the same.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inburgering.law.scenario import shipped_layers
from inburgering.sim.simulate import simulate

SCALE, SEED = 0.03, 7


@pytest.fixture(scope="module")
def runs() -> dict[str, pd.DataFrame]:
    out = {}
    for name in ("wi2021", "migratiepact-2026", "coalitie-2026", "vwn-2026"):
        sim = simulate(name, scale=SCALE, seed=SEED, last_inflow_year=2029, horizon="2034-12")
        out[name] = sim.indicators
    return out


@pytest.mark.parametrize("scenario", ["migratiepact-2026", "coalitie-2026", "vwn-2026"])
def test_no_indicator_moves_before_the_scenarios_date(runs: dict[str, pd.DataFrame], scenario: str) -> None:
    layer = shipped_layers()[scenario]  # every change of a shipped scenario is dated by its layer's dates
    base, start = layer.base, np.datetime64(min(layer.dates.values()), "D")
    assert base in runs
    keys = [c for c in runs[scenario].columns if c not in ("value", "scenario")]

    def before(frame: pd.DataFrame) -> pd.Series:
        # the months before the one the scenario starts in (the pact's 12 June acts within June)
        early = frame[pd.to_datetime(frame["month"]).to_numpy() < start.astype("datetime64[M]")]
        return early.set_index(keys)["value"]

    diff = before(runs[scenario]).sub(before(runs[base]), fill_value=0)
    moved = diff[diff.abs() > 1e-6]
    # Known and documented (decision 0023): the engine asks when someone may naturalise once the
    # obligation is met or released; someone the hardship clause let ask earlier is found then, and
    # under a later regime the rulebook no longer offers the past day, so the coalition's six years
    # show in "may naturalise" a few months early for a handful of persons
    if scenario == "coalitie-2026":
        moved = moved.drop("aantal.naturalisatieMogelijk", level="indicator", errors="ignore")
    assert moved.empty, moved.groupby(level="indicator").size().sort_values().tail(10)
    # and the comparison has something to show: the scenario moves indicators after its date
    after = runs[scenario].set_index(keys)["value"].sub(runs[base].set_index(keys)["value"], fill_value=0)
    assert (after.abs() > 1e-6).sum() > 100
