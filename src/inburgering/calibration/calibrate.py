"""``inburgering calibrate``: estimate behavioural parameters from the ``fit`` targets.

Simulated method of moments: the residual of a target is (model - published) / tolerance, and
a bounded least-squares solver (scipy, trust-region reflective) moves the parameters inside
their prior ranges, scaled to [0, 1]. Every evaluation is the same validation run with the same
seed, so common random numbers keep the objective smooth enough; because each decision is a
threshold on a fixed draw, small steps change nothing, so finite differences use a large step
(5% of the prior range). Why this method: docs/decisions/0003-calibration.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from inburgering.calibration.fit import FitRow, fit_table
from inburgering.calibration.targets import Target, load_targets
from inburgering.calibration.validate import HORIZON, LAST_INFLOW
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.simulate import simulate
from inburgering.version import __version__

# the behavioural parameters the fit targets identify, one (or two) per target
FITTED = (
    "asiel.huisvesting_maandkans",  # huisvesting_weken
    "gemeente.intake_maandkans_asiel",  # intake_asiel_2022_eind2022
    "gemeente.intake_maandkans_gezin",  # intake_gezin_2022_eind2022
    "leren.taal_per_100_uur",  # afschaling_asiel with b1_bezig_asiel (the 92% hardly moves with the pace)
    "leren.afschaling_kans",  # afschaling_asiel, weakly (the share lowered moves ~5 points over its prior)
    "werk.baan_maandkans_asiel",  # werk_ooit_3j_na_start_2022
    "werk.baanverlies_maandkans",  # werk_96m_asiel
    "leren.examen_klaar_marge",  # examen_b1_eerste_poging
    "asiel.huisvesting_maandkans_vroeg",  # huisvesting_3m_asiel_2022
    "gemeente.intake_maandkans_coa",  # intake_asiel_2022_eind2023
    "werk.vrouw_factor",  # werk_42m_vrouwen
    "werk.baan_maandkans_gezin",  # werk_gezin_10j
    "werk.gezin_snel_aandeel",  # werk_gezin_aankomstjaar
    "leren.taal_factor_gezin",  # b1_bezig_gezin
    "gemeente.intake_maandkans_asiel_vroeg",  # intake_3m_asiel_2022
    "asiel.procedure_mediaan_2022",  # ind_wachtend_2022_begin
    "asiel.procedure_mediaan_2023",  # ind_wachtend_2023_begin
    "asiel.procedure_mediaan_2024",  # ind_wachtend_2023_juni
    "werk.coa_maandkans",  # werk_coa_na_kennisgeving
    "werk.procedure_factor",  # werk_coa_asielzoekers_2023
    "werk.coa_vergunning_aanloop_maanden",  # werk_coa_voor_kennisgeving
    "werk.vrouw_factor_coa",  # werk_coa_na_kennisgeving_vrouwen
    "asiel.nareis_intrek_maandkans",  # coa_nareizigers_met_woning_2025
    # the intake's pace (decision 0014): together with the intake rates above, the share by the end
    # of 2022, the early share within 3 months and the share a year later of the asylum cohort 2022
    "gemeente.intake_traag_aandeel",
    "gemeente.intake_traag_factor",
    "gemeente.intake_coa_factor_start",
    "gemeente.intake_coa_aanloop_maanden",
)


# scipy's finite-difference step is relative to the point (x * diff_step): near a prior's lower
# bound it shrinks towards nothing. And a measure of a finite population moves in steps and with
# Monte Carlo noise: a step of 1-2% of the prior's width moved a share by less than its noise at
# scale 0.03, so the Jacobian had the wrong sign and the fit stopped half-way (the recovery test).
# The optimiser works on the prior's position plus SHIFT, so every step is 8-16% of the prior's
# width wherever the parameter is: a secant over the noise rather than a tangent into it.
SHIFT = 1.0
DIFF_STEP = 0.08


@dataclass
class Calibration:
    """The result: values, loss, the fit table and how long it took."""

    values: dict[str, float]
    loss: float
    rows: list[FitRow]
    evaluations: int
    seconds: float


OUTSIDE_WEIGHT = 3.0


def _residuals(rows: list[FitRow]) -> np.ndarray:
    """Each fit target's miss in tolerances, then a steeper penalty for the part beyond the tolerance.

    The second half tilts the search towards points with every target within its tolerance over
    points that fit most targets a little better but leave one outside ("every fit target within
    tolerance" is what the fit table is judged by); a soft penalty makes that likelier, not certain.
    """
    r = np.nan_to_num(
        np.array([(r.model - r.target.value) / r.target.tolerance for r in rows if r.target.use == "fit"]), nan=10.0
    )
    return np.concatenate([r, OUTSIDE_WEIGHT * np.maximum(np.abs(r) - 1.0, 0.0)])


def calibrate(
    scale: float = 0.2,
    seed: int = 1,
    targets: list[Target] | None = None,
    budget_minutes: float = 10.0,
    progress: Callable[[int, float], None] | None = None,
    parameters: tuple[str, ...] = FITTED,
    warm: bool = True,
) -> Calibration:
    """Fit ``parameters`` (default ``FITTED``) to the ``fit`` targets within their priors; stops at the time budget.

    ``warm`` starts from the shipped calibrated values (fewer runs when little changed); without
    it, from the base values.
    """
    from scipy.optimize import least_squares

    targets = targets or load_targets()
    base = load_behaviour(calibrated=False)
    low = np.array([base[p].prior[0] for p in parameters])
    high = np.array([base[p].prior[1] for p in parameters])
    # warm start from the shipped calibration, where it has a value (a new parameter starts at its
    # default); the parameters not fitted keep it too, so a refit of some (--only) moves only those
    start_from = load_behaviour() if warm else base
    start = time.perf_counter()
    best = Calibration({}, float("inf"), [], 0, 0.0)  # the best point seen; evaluations counts them all

    class _Budget(Exception):
        pass

    def evaluate(x: np.ndarray) -> np.ndarray:
        if time.perf_counter() - start > budget_minutes * 60:
            raise _Budget
        values = dict(zip(parameters, (low + np.clip(x - SHIFT, 0, 1) * (high - low)).tolist(), strict=True))
        sim = simulate(
            "wi2021",
            scale=scale,
            seed=seed,
            last_inflow_year=LAST_INFLOW,
            horizon=HORIZON,
            behaviour=start_from.with_values(values),  # the others at their calibrated values (--only)
        )
        rows = fit_table(sim, targets, scale)
        res = _residuals(rows)
        loss = float((res**2).sum())
        best.evaluations += 1
        if loss < best.loss:
            best.values, best.loss, best.rows = values, loss, rows
        if progress is not None:
            progress(best.evaluations, best.loss)
        return res

    x0 = np.clip((np.array([start_from[p].value for p in parameters]) - low) / (high - low), 0, 1)
    with contextlib.suppress(_Budget):
        least_squares(
            evaluate, x0 + SHIFT, bounds=(SHIFT, SHIFT + 1.0), method="trf", diff_step=DIFF_STEP, max_nfev=200
        )
    best.seconds = time.perf_counter() - start
    return best


def targets_hash(path: Path | None) -> str:
    """SHA-256 of what the fit reads: each fit target's id, value, tolerance, measure and parameters.

    Not the file's bytes: a check's gap text or a description changes nothing the calibration
    did, and a hash over the bytes went stale with every such edit (a review could not tell a
    stale calibration from a reworded file). ``tests/test_calibration.py`` holds the shipped
    calibration to the shipped fit targets.
    """
    fit = [
        {"id": t.id, "value": t.value, "tolerance": t.tolerance, "measure": t.measure, "params": t.params}
        for t in load_targets(path)
        if t.use == "fit"
    ]
    data = json.dumps(fit, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()


def write_calibrated(
    result: Calibration,
    path: Path,
    targets_file: Path | None,
    scale: float,
    seed: int,
    keep: dict[str, float] | None = None,
) -> None:
    """Write the calibrated values with their provenance (atomically).

    ``keep``: the values of parameters this run did not fit (a refit of some, ``--only``); they are
    written beside the new ones, in ``FITTED``'s order, and the provenance names what was refitted.
    """
    values = {**(keep or {}), **result.values}
    order = [p for p in FITTED if p in values] + [p for p in values if p not in FITTED]
    doc = {
        "provenance": {
            "date": dt.date.today().isoformat(),
            "code_version": __version__,
            "targets_sha256": targets_hash(targets_file),
            "run": {
                "scenario": "wi2021",
                "scale": scale,
                "seed": seed,
                "last_inflow_year": LAST_INFLOW,
                "horizon": HORIZON,
            },
            **({"refitted": list(result.values)} if keep else {}),
            "loss": round(result.loss, 4),
            "evaluations": result.evaluations,
            "fit": {
                r.target.id: {"published": r.target.value, "model": round(r.model, 4)}
                for r in result.rows
                if r.target.use == "fit"
            },
        },
        "values": {k: float(f"{values[k]:.6g}") for k in order},
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    tmp.replace(path)
