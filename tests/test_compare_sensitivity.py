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
from inburgering.compare.summary import HEADLINE, _permutation_test, sensitivity
from inburgering.sim.behaviour import load_behaviour

B = load_behaviour()
SEED = 4
DRIVER = "leren.taal_per_100_uur"
OFF = "werk.participatie_effect"  # a lever's effect: read only when the lever is on


def _kern(draws: int, effect, seed: int = SEED) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    ind, group, route, sex = HEADLINE
    rows = []
    for d in range(draws):
        values = draw_values(B, seed, d)
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
    # the difference follows the unread lever effect and a price: neither may be named as a driver, and
    # what is left is independent of the difference, so a driver is named by chance in about 5% of the
    # seeds (the max-T test's level); one seed alone is a coin with that bias (a new assumption in the
    # draws moved seed 4 onto a chance hit), so the rate over 40 seeds is tested (2 expected; 6 or more
    # has a chance of about 1.4% at the test's level)
    named = 0
    for seed in range(40):
        kern = _kern(40, lambda v: v[OFF] + 1e-6 * v["kosten.taalmaatje_per_maand"], seed)
        table = sensitivity(kern, B, seed, "basis", _live(), top=1000)
        assert OFF not in set(table["parameter"])
        assert not table["parameter"].str.startswith("kosten.").any()
        named += bool(table["bovenRuis"].any())
    assert named <= 5


def test_pure_noise_is_rarely_beyond_chance() -> None:
    rng = np.random.default_rng(1)
    noise = iter(rng.normal(size=10_000))
    kern = _kern(30, lambda v: 0.01 * next(noise))
    assert not sensitivity(kern, B, SEED, "basis", _live())["bovenRuis"].any()


def test_a_draw_without_the_indicator_does_not_make_everything_a_driver() -> None:
    rng = np.random.default_rng(2)
    noise = iter(rng.normal(size=10_000))
    kern = _kern(30, lambda v: 0.01 * next(noise))
    kern.loc[(kern["draw"] == 3) & (kern["scenario"] == "plan"), "value"] = np.nan
    table = sensitivity(kern, B, SEED, "basis", _live())
    assert table["rho"].notna().all() and not table["bovenRuis"].any()


def test_a_driver_is_found_however_many_assumptions_are_tested() -> None:
    """No floor: with 15 draws a strong driver is named although about 80 assumptions are tested."""
    kern = _kern(15, lambda v: v[DRIVER])
    table = sensitivity(kern, B, SEED, "basis", _live())
    assert table["getoetst"].iloc[0] > 50
    top = table.iloc[0]
    assert top["parameter"] == DRIVER and top["bovenRuis"]


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_adjusted_p_values_are_valid_and_ordered_by_strength(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(12, 6)).argsort(axis=0).argsort(axis=0).astype(float)
    y = rng.normal(size=12).argsort().argsort().astype(float)
    rho, p = _permutation_test(x, y, seed)
    assert ((p > 0) & (p <= 1)).all()
    order = np.argsort(-np.abs(rho), kind="stable")
    assert (np.diff(p[order]) >= -1e-12).all()  # a stronger correlation never gets a larger adjusted p


def test_a_run_reads_a_levers_effect_only_where_the_lever_acts() -> None:
    """A simulation audit found the A2 choice's job factor ranked for the coalition, which has no A2 step:
    the run read it for everyone, so it counted as live and widened the multiple-testing correction."""
    from inburgering.compare.live import live_parameters
    from inburgering.law.scenario import resolve

    live = live_parameters([resolve("wi2021"), resolve("vwn-2026")], B, 2027, "2031-12")
    assert "werk.a2_werk_factor" not in live["wi2021"] and OFF not in live["wi2021"]
    assert {"werk.a2_werk_factor", OFF} <= live["vwn-2026"]
