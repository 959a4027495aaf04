"""Behavioural parameter draws for the uncertainty analysis.

Each draw samples every uncertain behavioural parameter from a triangular distribution over
its prior range with its mode at the value in use (the calibrated one where it was fitted),
so the draws sit around the calibration and never leave the priors. The draw is a pure
function of (seed, draw number): any machine, worker or order gives the same values.

A fitted parameter (one in ``sim/behaviour/calibrated.yaml``) is drawn from a narrower range:
a quarter of its prior's width on either side of the calibrated value, cut to the prior. The
published figures pin it down more than the prior says; how much is an assumption until the
calibration reports standard errors (docs/decisions/0004-comparison.md).

Held fixed on purpose (docs/decisions/0004-comparison.md): parameters with status
``confirmed`` (published counts and legal-practice facts), and the population's size and
composition (``instroom.*``, ``populatie.*``), whose shares must keep summing to one and
whose uncertainty is small next to the behavioural one.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import yaml

from inburgering.sim.behaviour import Behaviour

FIXED_PREFIXES = ("instroom.", "populatie.")


def uncertain(behaviour: Behaviour) -> list[str]:
    """The parameters that vary between draws, in a stable order."""
    return sorted(
        path
        for path, a in behaviour.items()
        if a.prior[0] < a.prior[1] and a.status != "confirmed" and not path.startswith(FIXED_PREFIXES)
    )


FITTED_HALF_WIDTH = 0.25  # share of the prior's width on each side of a calibrated value


def ranges(behaviour: Behaviour) -> dict[str, tuple[float, float, float]]:
    """(low, mode, high) of every uncertain parameter."""
    fitted = _fitted()
    out = {}
    for path in uncertain(behaviour):
        a = behaviour[path]
        low, high = a.prior
        mode = min(max(a.value, low), high)
        if path in fitted:
            half = FITTED_HALF_WIDTH * (high - low)
            low, high = max(low, mode - half), min(high, mode + half)
        out[path] = (low, mode, high)
    return out


@cache
def _fitted() -> frozenset[str]:
    from inburgering.sim.behaviour import shipped_path

    path = shipped_path()
    if not path.is_file():
        return frozenset()
    return frozenset(str(k) for k in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("values", {}))


def draw_values(behaviour: Behaviour, seed: int, draw: int) -> dict[str, float]:
    """The values of draw ``draw`` (triangular over each parameter's range, mode at the value in use)."""
    spans = ranges(behaviour)
    rng = np.random.default_rng(np.random.SeedSequence([seed, draw, 5]))
    u = rng.random(len(spans))
    return {path: _triangular_quantile(float(ui), *span) for (path, span), ui in zip(spans.items(), u, strict=True)}


def _triangular_quantile(u: float, low: float, mode: float, high: float) -> float:
    """Inverse CDF of the triangular distribution (exact, so a draw is one uniform number)."""
    width = high - low
    if width <= 0:
        return mode
    cut = (mode - low) / width
    if u < cut:
        return low + float(np.sqrt(u * width * (mode - low)))
    return high - float(np.sqrt((1 - u) * width * (high - mode)))


def simulation_seed(seed: int, draw: int) -> int:
    """The random-number seed of the runs in draw ``draw`` (shared by every scenario in it)."""
    return int(np.random.SeedSequence([seed, draw, 11]).generate_state(1)[0])
