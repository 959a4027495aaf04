"""The sensitivity ranking: only assumptions that can move the difference, guarded against chance.

A synthetic comparison where the difference is known to depend on one drawn assumption: that
one must be found beyond chance, the others not; an assumption the runs do not read, and a cost
price, must not be ranked at all.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.compare.draws import draw_values
from inburgering.compare.summary import HEADLINE, _holm, sensitivity
from inburgering.sim.behaviour import load_behaviour

B = load_behaviour()
SEED = 4
DRIVER = "leren.taal_per_100_uur"
OFF = "werk.participatie_effect"  # a lever's effect: read only when the lever is on


def _kern(draws: int, effect) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    ind, group, route, sex = HEADLINE
    rows = []
    for d in range(draws):
        values = draw_values(B, SEED, d)
        for scenario, value in (("basis", 0.4), ("plan", 0.4 + effect(values))):
            rows.append(
                {
                    "scenario": scenario,
                    "draw": d,
                    "indicator": ind,
                    "group": group,
                    "route": route,
                    "sex": sex,
                    "value": value,
                }
            )
    return pd.DataFrame(rows)


def _live() -> dict[str, frozenset[str]]:
    read = frozenset(p for p in B if p != OFF)
    return {"basis": read, "plan": read}


def test_the_assumption_that_drives_the_difference_is_found_beyond_chance() -> None:
    kern = _kern(60, lambda v: 0.5 * v[DRIVER])
    table = sensitivity(kern, B, SEED, "basis", _live())
    top = table.iloc[0]
    assert top["parameter"] == DRIVER and top["bovenRuis"] and top["rho"] > 0.9
    assert table["bovenRuis"].sum() == 1


def test_an_assumption_the_runs_do_not_read_and_a_price_are_never_ranked() -> None:
    # the difference follows the unread lever effect and a price: neither may be named as a driver
    kern = _kern(40, lambda v: v[OFF] + 1e-6 * v["kosten.taalmaatje_per_maand"])
    table = sensitivity(kern, B, SEED, "basis", _live(), top=1000)
    assert OFF not in set(table["parameter"])
    assert not table["parameter"].str.startswith("kosten.").any()
    assert not table["bovenRuis"].any()  # what is left is independent of the difference


def test_pure_noise_is_rarely_beyond_chance() -> None:
    rng = np.random.default_rng(1)
    noise = iter(rng.normal(size=10_000))
    kern = _kern(30, lambda v: 0.01 * next(noise))
    assert not sensitivity(kern, B, SEED, "basis", _live())["bovenRuis"].any()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_holm_rejects_a_prefix_of_the_sorted_p_values(ps: list[float]) -> None:
    p = np.array(ps)
    keep = _holm(p)
    if keep.any():
        assert p[keep].max() <= p[~keep].min() if (~keep).any() else True
        assert p[keep].min() <= 0.05 / len(p)
    assert not (keep & (p > 0.05)).any()
