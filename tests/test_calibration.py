"""Calibration targets, the model's measures of them, and `inburgering validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from inburgering.calibration.calibrate import FITTED
from inburgering.calibration.fit import fit_table
from inburgering.calibration.measures import MEASURES
from inburgering.calibration.targets import TargetError, load_targets
from inburgering.calibration.validate import (
    HEADING,
    fit_records,
    page,
    parameters_at_bounds,
    run_validation,
    shipped_fit,
)
from inburgering.cli import app
from inburgering.sim.simulate import simulate

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_shipped_targets_are_valid_and_keep_a_real_share_for_checking() -> None:
    targets = load_targets()
    assert len({t.id for t in targets}) == len(targets) >= 15
    checks = [t for t in targets if t.use == "check"]
    # each check is its own model number: none compares the model value a fit target or another check
    # already compares (a simulation audit found three cohorts' work shares at 36 months set against one
    # model value and counted as three checks; the older cohorts became context)
    compared = [(t.measure, repr(sorted(t.params.items()))) for t in targets if t.use in ("fit", "check")]
    assert len(compared) == len(set(compared)), [c for c in compared if compared.count(c) > 1]
    # and a real share for checking: a calibration review moved an undefined measure and a Wi2013 figure
    # to context, an audit three repeated cohorts, and the next audit two COA counts of 2022 that were
    # mostly the input stock of January (derived); 16 checks remain, each its own model number
    assert len(checks) >= 0.2 * len(targets) and len(checks) >= 16
    assert {t.measure for t in targets} == set(MEASURES)  # every measure is exercised
    assert all(t.source and t.tolerance > 0 for t in targets)


def test_bad_targets_file_lists_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "targets.yaml"
    bad.write_text(
        "- {id: a, description: x, value: 1, measure: nope, params: {}, tolerance: 0, source: s, status: Q, use: fit}\n"
        "- {id: a, description: x, value: one, measure: count, params: {}, tolerance: 1, source: s, status: C, use: maybe}\n"
        "- {id: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(TargetError) as err:
        load_targets(bad)
    text = "\n".join(err.value.problems)
    for expected in (
        "measure 'nope' unknown",
        "status 'Q'",
        "tolerance 0",
        "id used twice",
        "use 'maybe'",
        "value 'one'",
        "target b: missing",
    ):
        assert expected in text
    result = runner.invoke(app, ["validate", "--scale", "0.01", "--targets", str(bad)])
    assert result.exit_code == 2 and "measure 'nope' unknown" in result.output


def test_measures_reproduce_what_the_population_is_built_from() -> None:
    # cohort sizes and route shares are inputs of the synthetic population: the measures must find them
    sim = simulate("wi2021", scale=0.1, last_inflow_year=2024, horizon="2027-12")
    rows = {r.target.id: r for r in fit_table(sim, load_targets(), 0.1)}
    for name in ("cohort_asiel_2023", "cohort_gezin_2023", "route_onderwijs_asiel", "route_z_asiel"):
        assert rows[name].within, (name, rows[name].model)
    assert 0 <= rows["b1_bezig_asiel"].model <= 1


def test_validate_prints_the_table_and_writes_markdown(tmp_path: Path) -> None:
    out = tmp_path / "fit.md"
    result = runner.invoke(app, ["validate", "--scale", "0.05", "--markdown", str(out)])
    assert result.exit_code == 0, result.output
    assert "Model fit to published figures" in result.output and "fit targets" in result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(HEADING) and all(f"`{t.id}`" in text for t in load_targets())
    # the fitted parameters at a bound of their prior are named (a calibration review found them nowhere)
    assert "## Fitted parameters" in text
    assert all(f"`{path}`" in text for path, _, _ in parameters_at_bounds())
    assert runner.invoke(app, ["validate", "--scale", "0"]).exit_code == 2


def test_the_fit_page_is_current() -> None:
    rows = run_validation(0.2, 1, None)
    assert (ROOT / "docs/model/calibration.md").read_text(encoding="utf-8") == page(rows, 0.2, 1), "run 'make docs'"
    assert shipped_fit() == json.loads(json.dumps(fit_records(rows, 0.2, 1))), "run 'make docs'"


def test_shipped_calibrated_values_meet_the_fit_targets_with_another_seed() -> None:
    # a different seed gives other draws: allow half a tolerance more for sampling noise
    rows = run_validation(0.2, 7, None)
    for r in rows:
        if r.target.use == "fit":
            assert abs(r.difference) <= 1.5 * r.target.tolerance, (r.target.id, r.model)


def test_simulation_uses_the_calibrated_values_by_default() -> None:
    import yaml

    from inburgering.sim.behaviour import load_behaviour, shipped_path

    values = yaml.safe_load(shipped_path().read_text(encoding="utf-8"))["values"]
    calibrated, base = load_behaviour(), load_behaviour(calibrated=False)
    for name, value in values.items():
        assert calibrated.v(name) == pytest.approx(value)
        assert base[name].prior[0] <= value <= base[name].prior[1]
    assert any(calibrated.v(n) != base.v(n) for n in values)


def test_calibrated_file_is_checked(tmp_path: Path) -> None:
    from inburgering.sim.behaviour import apply_calibrated, load_behaviour

    bad = tmp_path / "c.yaml"
    bad.write_text("values: {werk.baanverlies_maandkans: 0.9, geen.parameter: 1}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside its prior") as err:
        apply_calibrated(load_behaviour(calibrated=False), bad)
    assert "unknown behavioural parameter" in str(err.value)


def test_calibrate_writes_values_with_provenance(tmp_path: Path) -> None:
    import yaml

    out = tmp_path / "calibrated.yaml"
    result = runner.invoke(app, ["calibrate", "--budget", "0.03", "--scale", "0.02", "--out", str(out)])
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert {"date", "code_version", "targets_sha256", "loss", "fit", "run"} <= set(doc["provenance"])
    assert set(doc["values"]) == set(FITTED)
    assert runner.invoke(app, ["calibrate", "--budget", "0"]).exit_code == 2


def test_the_shipped_calibration_was_fitted_to_the_shipped_fit_targets() -> None:
    # a review found the record stale: fit targets changed after the last `inburgering calibrate`
    from importlib import resources

    import yaml

    from inburgering.calibration.calibrate import targets_hash

    text = resources.files("inburgering.sim.behaviour").joinpath("calibrated.yaml").read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    assert doc["provenance"]["targets_sha256"] == targets_hash(None), "fit targets changed: run inburgering calibrate"
    assert set(doc["values"]) == set(FITTED)
    assert set(doc["provenance"]["fit"]) == {t.id for t in load_targets() if t.use == "fit"}


def test_first_pass_counts_each_persons_first_sitting_per_component() -> None:
    sim = simulate("wi2021", scale=0.02, seed=3, last_inflow_year=2022, horizon="2027-12")
    params = {"groups": ["asiel", "nareiziger", "gezin", "overig"], "cohorts": [2022], "level": "B1"}
    params["components"] = ["lezen", "spreken"]
    # plainly: walk the log in order, keep the first result per (person, component)
    first: dict[tuple[int, int], bool] = {}
    cohort = sim.persons["cohort"].to_numpy()
    for _, who, part, levels, ok in sim.result.state.examens_log:
        if part not in (0, 3):
            continue
        for person, level, result in zip(who.tolist(), levels.tolist(), ok.tolist(), strict=True):
            if level == 3 and cohort[person] == 2022:
                first.setdefault((person, part), bool(result))
    assert len(first) > 50
    assert MEASURES["first_pass"](sim, params, 0.02) == pytest.approx(sum(first.values()) / len(first))


def test_all_attempts_count_every_sitting() -> None:
    # the Wi2013 A2 rates are pass rates of all sittings (a calibration review found them set beside
    # first attempts): with attempts: all, every sitting of the selection counts
    sim = simulate("wi2021", scale=0.02, seed=3, last_inflow_year=2022, horizon="2027-12")
    params = {"groups": ["asiel", "nareiziger", "gezin", "overig"], "cohorts": [2022], "level": "B1"}
    params.update(components=["lezen", "spreken"], attempts="all")
    cohort = sim.persons["cohort"].to_numpy()
    results = [
        bool(result)
        for _, who, part, levels, ok in sim.result.state.examens_log
        if part in (0, 3)
        for person, level, result in zip(who.tolist(), levels.tolist(), ok.tolist(), strict=True)
        if level == 3 and cohort[person] == 2022
    ]
    assert len(results) > 50
    assert MEASURES["first_pass"](sim, params, 0.02) == pytest.approx(sum(results) / len(results))


def test_calibrate_only_refits_the_named_parameters_and_keeps_the_others(tmp_path: Path) -> None:
    import yaml

    from inburgering.sim.behaviour import shipped_values

    out = tmp_path / "calibrated.yaml"
    args = ["calibrate", "--budget", "0.03", "--scale", "0.02", "--out", str(out), "--only", "werk.vrouw_factor"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert list(doc["values"]) == list(FITTED)  # every value, in the order of FITTED
    shipped = shipped_values()
    assert {k: v for k, v in doc["values"].items() if k != "werk.vrouw_factor"} == {
        k: pytest.approx(v) for k, v in shipped.items() if k != "werk.vrouw_factor"
    }
    assert doc["provenance"]["refitted"] == ["werk.vrouw_factor"]
    refused = runner.invoke(app, ["calibrate", "--only", "werk.onzin"])
    assert refused.exit_code == 2 and "--only" in refused.output and "werk.onzin" in refused.output


def test_every_missed_check_target_says_why() -> None:
    rows = run_validation(0.2, 1, None)
    for r in rows:
        if not r.within:
            assert r.target.gap, f"{r.target.id} misses its tolerance without a recorded reason"


def test_calibration_recovers_known_parameters_from_targets_the_model_made() -> None:
    """Synthetic truth: set two parameters away from their base, take the model's own figures
    as the published ones, and calibrate from the base values (same scale and seed)."""
    from dataclasses import replace

    from inburgering.calibration.calibrate import calibrate
    from inburgering.calibration.validate import HORIZON, LAST_INFLOW
    from inburgering.sim.behaviour import load_behaviour

    base = load_behaviour(calibrated=False)
    truth = {"asiel.huisvesting_maandkans": 0.13, "werk.baan_maandkans_asiel": 0.016}
    scale, seed = 0.03, 5
    sim = simulate(
        "wi2021",
        scale=scale,
        seed=seed,
        last_inflow_year=LAST_INFLOW,
        horizon=HORIZON,
        behaviour=base.with_values(truth),
    )
    chosen = [t for t in load_targets() if t.id in ("huisvesting_weken", "werk_36m_asiel")]
    synthetic = [
        replace(t, value=r.model, use="fit") for t, r in zip(chosen, fit_table(sim, chosen, scale), strict=True)
    ]
    result = calibrate(scale, seed, synthetic, budget_minutes=3, parameters=tuple(truth), warm=False)
    for name, value in truth.items():
        # the start (base value) is about a fifth of the prior's width away from the truth; at this
        # small scale the measures move in steps, so recovery is close, not exact
        low, high = base[name].prior
        assert abs(base[name].value - value) > 0.15 * (high - low)
        assert abs(result.values[name] - value) < 0.08 * (high - low), (name, result.values[name], value)
    assert result.loss < 0.05


def test_derived_figures_are_shown_but_not_counted_as_checks() -> None:
    """A figure that follows from fit targets and inputs is its own kind, apart from the checks."""
    from inburgering.calibration.fit import FitRow, summary
    from inburgering.calibration.targets import load_targets

    targets = load_targets()
    derived = [t for t in targets if t.use == "derived"]
    context = [t for t in targets if t.use == "context"]  # another regime or an undefined measure
    assert derived and context and all(t.use != "check" for t in derived + context)
    rows = [FitRow(t, t.value) for t in targets]  # every figure met exactly
    counts = summary(rows)
    assert counts["derived"] == (len(derived), len(derived))
    assert counts["context"] == (len(context), len(context))
    assert counts["check"][1] == sum(t.use == "check" for t in targets)
    assert sum(total for _, total in counts.values()) == len(targets)


def test_a_fit_target_outside_its_tolerance_costs_more_than_its_square() -> None:
    """The calibration prefers every fit target within tolerance (the fit table is judged by that)."""
    from dataclasses import replace

    from inburgering.calibration.calibrate import _residuals
    from inburgering.calibration.fit import FitRow
    from inburgering.calibration.targets import load_targets

    target = replace(next(t for t in load_targets() if t.use == "fit"), value=1.0, tolerance=0.1)
    inside = _residuals([FitRow(target, 1.09)])
    outside = _residuals([FitRow(target, 1.11)])
    assert (inside**2).sum() == ((1.09 - 1.0) / 0.1) ** 2
    assert (outside**2).sum() > ((1.11 - 1.0) / 0.1) ** 2 + 0.005
    assert _residuals([FitRow(target, float("nan"))])[0] == 10.0
