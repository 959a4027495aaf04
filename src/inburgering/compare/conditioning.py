"""Uncertainty conditioned on what was measured: each draw weighted by its fit to the published figures.

Why: the draws take every behavioural assumption from its prior range, and most combinations
break the model's fit to what was measured (today only a few of a handful of draws meet every
fit target), so intervals computed from all draws alike are far too wide. Each draw's run of
the law in force (``wi2021``, the law the figures were measured under) yields its fit table at
no extra simulation. A draw's weight is the likelihood of its fit under a normal discrepancy
with the target's tolerance as its standard deviation, ``w = exp(-0.5 * sum(r_i ** 2))`` with
``r_i = (model - published) / tolerance`` over the ``fit`` targets (importance sampling from
the prior to the posterior, as in approximate Bayesian computation with a Gaussian kernel).
Every interval, on levels and on differences, is a weighted quantile; the effective number of
draws, ``(sum w) ** 2 / sum(w ** 2)``, says how many draws the intervals really rest on. When
the weights would rest on fewer than a quarter of the draws (at least 5), the kernel is widened
by a temperature (``exp(-0.5 * sum(r ** 2) / T)``, ``T >= 1``) until they do, as ABC widens its
tolerance until enough draws are accepted; the report gives both numbers.

Why not pyabc (ABC-SMC): it would run new simulations until enough draws meet the figures; a
comparison's draws are fixed by its request and run once per scenario, so weighting the draws
it has is the step that adds no simulation. docs/compare.md records this.

When the comparison does not include ``wi2021``, or a draw has no fit, the draws are weighted
alike and the report says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FIT_SCENARIO = "wi2021"
FIT_COLUMNS = ["target", "model", "published", "tolerance", "residual"]


def fit_frame(sim: object, scale: float) -> pd.DataFrame:
    """The fit targets' model values for one run (the runner calls this for the ``wi2021`` task)."""
    from inburgering.calibration.fit import fit_table
    from inburgering.calibration.targets import load_targets

    rows = fit_table(sim, [t for t in load_targets() if t.use == "fit"], scale)  # type: ignore[arg-type]
    return pd.DataFrame(
        {
            "target": [r.target.id for r in rows],
            "model": [r.model for r in rows],
            "published": [r.target.value for r in rows],
            "tolerance": [r.target.tolerance for r in rows],
            "residual": [(r.model - r.target.value) / r.target.tolerance for r in rows],
        }
    )


def draw_weights(fit: pd.DataFrame, draws: list[int]) -> pd.DataFrame:
    """Per draw: the fit loss (sum of squared residuals), the normalised weight; empty if no fit was measured.

    A residual that could not be measured (NaN: the run stops before the figure's date) is left
    out of that draw's loss; a draw with no fit at all gets no weight.
    """
    if fit.empty or not set(draws) <= set(fit["draw"]):
        return pd.DataFrame(columns=["draw", "verlies", "gewicht", "temperatuur"])
    r = fit.assign(sq=fit["residual"].astype(float) ** 2)
    loss = r.groupby("draw")["sq"].sum(min_count=1).reindex(draws).to_numpy(float)
    finite = ~np.isnan(loss)
    if not finite.any():
        return pd.DataFrame(columns=["draw", "verlies", "gewicht"])
    excess = np.where(finite, loss - np.nanmin(loss), np.inf)
    target = min(float(finite.sum()), max(MIN_EFFECTIVE, SHARE_EFFECTIVE * finite.sum()))
    tau = _temperature(excess, target)
    w = np.exp(-0.5 * excess / tau)
    return pd.DataFrame({"draw": draws, "verlies": loss, "gewicht": w / w.sum(), "temperatuur": tau})


MIN_EFFECTIVE = 5.0  # the intervals should rest on at least this many draws' worth of weight
SHARE_EFFECTIVE = 0.25  # and on at least this share of the draws (ABC's accepted fraction)


def _ess(w: np.ndarray) -> float:
    return float(w.sum() ** 2 / (w**2).sum())


def _temperature(excess: np.ndarray, target: float) -> float:
    """The smallest temperature (at least 1) whose weights reach ``target`` effective draws.

    At 1 the tolerance is the discrepancy's standard deviation. With wide priors few draws meet
    every figure, and weights at 1 fall on one or two draws, whose "interval" is then a point:
    falsely precise. Raising the temperature widens the kernel, as ABC widens its tolerance
    until enough draws are accepted; the temperature is reported with the weights.
    """
    if _ess(np.exp(-0.5 * excess)) >= target:
        return 1.0
    low, high = 0.0, 30.0  # log temperature; e^30 weighs every finite draw alike
    for _ in range(60):
        mid = (low + high) / 2
        if _ess(np.exp(-0.5 * excess / np.exp(mid))) >= target:
            high = mid
        else:
            low = mid
    return float(np.exp(high))


def effective_draws(weights: pd.DataFrame) -> float:
    """Kish's effective sample size of the weights."""
    w = weights["gewicht"].to_numpy(float)
    return float(w.sum() ** 2 / (w**2).sum()) if len(w) and (w**2).sum() > 0 else float("nan")


def weighted_quantiles(
    frame: pd.DataFrame, by: list[str], column: str, weights: pd.Series, qs: tuple[float, ...]
) -> pd.DataFrame:
    """Per group of ``by``: the weighted quantiles ``qs`` of ``column`` (inverse of the weighted CDF).

    ``weights`` maps a draw to its weight. Vectorised: one sort over (group, value) and a search
    in the cumulative weight fraction, so a table of many curve points costs no Python loop.
    """
    keys = frame[by].drop_duplicates().reset_index(drop=True)
    codes = frame.groupby(by, sort=False, observed=True).ngroup().to_numpy()
    v = frame[column].to_numpy(float)
    w = frame["draw"].map(weights).fillna(0.0).to_numpy(float)
    ok = ~np.isnan(v) & (w > 0)
    c, v, w = codes[ok], v[ok], w[ok]
    order = np.lexsort((v, c))
    c, v, w = c[order], v[order], w[order]
    out = {f"q{q}": np.full(len(keys), np.nan) for q in qs}
    if len(c):
        starts = np.r_[0, np.flatnonzero(np.diff(c)) + 1]
        lengths = np.diff(np.r_[starts, len(c)])
        cum = np.cumsum(w)
        before = np.repeat(cum[starts] - w[starts], lengths)
        total = np.repeat(np.add.reduceat(w, starts), lengths)
        key = c + (cum - before) / total  # increasing: group code plus the fraction within it
        groups = c[starts]
        ends = starts + lengths - 1
        for q in qs:
            pos = np.minimum(np.searchsorted(key, groups + q - 1e-12, side="left"), ends)
            out[f"q{q}"][groups] = v[pos]
    return pd.concat([keys, pd.DataFrame(out)], axis=1)
