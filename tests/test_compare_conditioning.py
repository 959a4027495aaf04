"""Uncertainty conditioned on the fit: draws that meet the published figures carry the intervals.

A synthetic comparison where the right draws are known: the draws whose fit residuals are small
must dominate the weights, and the weighted intervals must come from their values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.compare.conditioning import draw_weights, effective_draws, weighted_quantiles
from inburgering.compare.summary import summarise_kern

GOOD, BAD = list(range(8)), list(range(8, 20))


def _fit() -> pd.DataFrame:
    rows = []
    for d in GOOD + BAD:
        for t in range(5):
            rows.append({"scenario": "wi2021", "draw": d, "target": f"t{t}", "residual": 0.5 if d in GOOD else 4.0})
    return pd.DataFrame(rows)


def test_draws_that_meet_the_figures_carry_the_weight() -> None:
    w = draw_weights(_fit(), GOOD + BAD)
    assert w.set_index("draw").loc[GOOD, "gewicht"].min() > w.set_index("draw").loc[BAD, "gewicht"].max()
    assert 5 - 1e-6 <= effective_draws(w) <= 8.01  # the eight good draws; the bad ones weigh next to nothing
    assert w["gewicht"].sum() == pytest.approx(1.0)


def test_weighted_intervals_come_from_the_good_draws() -> None:
    rows = []
    for d in GOOD + BAD:
        level = 0.40 + 0.01 * d if d in GOOD else 0.9  # the bad draws sit far away
        for scenario, value in (("wi2021", level), ("plan", level + (0.05 if d in GOOD else -0.3))):
            rows.append(
                {
                    "scenario": scenario,
                    "draw": d,
                    "indicator": "aandeel.x",
                    "group": "asiel",
                    "route": "alle",
                    "sex": "alle",
                    "value": value,
                }
            )
    kern = pd.DataFrame(rows)
    weights = draw_weights(_fit(), GOOD + BAD).set_index("draw")["gewicht"]
    out = summarise_kern(kern, "wi2021", weights).set_index("scenario")
    assert 0.40 <= out.loc["wi2021", "laag"] <= out.loc["wi2021", "hoog"] <= 0.47 + 1e-9
    assert out.loc["plan", "verschilLaag"] == pytest.approx(0.05) and out.loc["plan", "verschilHoog"] == pytest.approx(
        0.05
    )
    unweighted = summarise_kern(kern, "wi2021").set_index("scenario")
    assert unweighted.loc["wi2021", "hoog"] == pytest.approx(0.9)  # without the fit the bad draws widen it


def test_no_fit_means_no_weights() -> None:
    assert draw_weights(pd.DataFrame(), [0, 1]).empty
    assert draw_weights(_fit(), [0, 1, 99]).empty  # a draw without a fit: not weighted at all


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=40),
    q=st.sampled_from([0.05, 0.5, 0.95]),
)
def test_equal_weights_give_the_inverse_cdf_quantile(values: list[float], q: float) -> None:
    frame = pd.DataFrame({"g": 1, "draw": range(len(values)), "value": values})
    weights = pd.Series(1.0, index=range(len(values)))
    got = weighted_quantiles(frame, ["g"], "value", weights, (q,))[f"q{q}"].iloc[0]
    ordered = np.sort(values)
    k = int(np.ceil(q * len(values) - 1e-9)) - 1
    assert got == ordered[max(k, 0)]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.floats(-10, 10, allow_nan=False), st.floats(0.01, 5)), min_size=1, max_size=60
    )
)
def test_weighted_quantiles_lie_within_each_groups_values(rows: list[tuple[int, float, float]]) -> None:
    frame = pd.DataFrame({"g": [r[0] for r in rows], "draw": range(len(rows)), "value": [r[1] for r in rows]})
    weights = pd.Series([r[2] for r in rows], index=range(len(rows)))
    out = weighted_quantiles(frame, ["g"], "value", weights, (0.05, 0.5, 0.95))
    for _, row in out.iterrows():
        mine = frame.loc[frame["g"] == row["g"], "value"]
        assert mine.min() <= row["q0.05"] <= row["q0.5"] <= row["q0.95"] <= mine.max()


def test_weights_never_rest_on_fewer_than_a_quarter_of_the_draws() -> None:
    """A single good draw would make every interval a point: the kernel widens until enough draws count."""
    rows = [{"scenario": "wi2021", "draw": d, "target": "t", "residual": 0.1 if d == 0 else 3.0 + d} for d in range(40)]
    w = draw_weights(pd.DataFrame(rows), list(range(40)))
    assert effective_draws(w) >= 10 - 1e-6
    assert w["temperatuur"].iloc[0] > 1
    assert w.loc[w["draw"] == 0, "gewicht"].iloc[0] == w["gewicht"].max()  # the best still weighs most


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.0, 40.0), min_size=15, max_size=15))
def test_tempered_weights_count_as_their_target_in_the_headline(losses: list[float]) -> None:
    # `make run`: weights tempered to exactly 5 effective draws measured 4.999999999999999, and the
    # headline's gate (at least 5) then named no effect in the main job
    from types import SimpleNamespace

    from inburgering.compare.report import _draws

    fit = pd.DataFrame(
        [{"scenario": "wi2021", "draw": d, "target": "t", "residual": float(np.sqrt(x))} for d, x in enumerate(losses)]
    )
    weights = draw_weights(fit, list(range(15)))
    c = SimpleNamespace(tables={"trekkingsgewichten": weights}, request=SimpleNamespace(draws=15))
    assert _draws(c) >= 5  # type: ignore[arg-type]
