"""The engine's observer (sim/observe.py) against counting everyone every month (issue #20).

The observer keeps the stocks from the persons whose (verblijf, traject, work) changed and work
by months since the permit as runs of months; the reference below counts every person at every
month's end, as the engine did before. They must agree exactly, in one run and in a run that
stops and continues from its state.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.dates import month_numbers
from inburgering.law.scenario import resolve
from inburgering.sim import observe
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.observe import PROGRESS_K, Cells, Observer, state_codes
from inburgering.sim.population import Population, PopulationConfig, generate_population
from inburgering.sim.state import COA_VERGUNNING, GEMEENTE, State

B = load_behaviour()


class Counted:
    """Wraps ``Observer.add``: after each month, the joint count and since-permit counts of everyone."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.months: list[int] = []
        self.joint_ok: list[bool] = []
        self.since: dict[str, np.ndarray] = {}
        self.adult = self.pension = self.permit = np.zeros(0, np.int64)
        original, original_init = Observer.add, Observer.__init__
        counted = self

        def init(self: Observer, pop: Population, cells: Cells, ages: tuple[np.ndarray, ...]) -> None:
            original_init(self, pop, cells, ages)
            # the reference's own window, from the engine's ages and the permit, not the observer's columns
            counted.adult, counted.pension = ages[0], ages[1]
            counted.permit = month_numbers(pop["datumVerblijfsrecht"])

        def add(self: Observer, state: State, m: int, learning: np.ndarray) -> None:
            original(self, state, m, learning)
            n = self.cells.n
            joint = np.bincount(self.key + state_codes(state), minlength=n * observe.N_CODES)
            counted.joint_ok.append(bool(np.array_equal(joint, self.joint)))
            here = np.flatnonzero((state.verblijf == GEMEENTE) | (state.verblijf == COA_VERGUNNING))
            k = m - counted.permit[here]
            idx = here[(counted.adult[here] <= m) & (m < counted.pension[here]) & (k >= 0) & (k < PROGRESS_K)]
            key = self.cells.key[idx] * PROGRESS_K + (m - counted.permit[idx])
            both = np.bincount(key * 2 + state.werkt[idx], minlength=2 * n * PROGRESS_K).reshape(n, PROGRESS_K, 2)
            for name, part in (("aanwezig", both.sum(axis=2)), ("betaald", both[:, :, 1])):
                counted.since[name] = counted.since.get(name, 0) + part
            counted.months.append(m)

        monkeypatch.setattr(Observer, "add", add)
        monkeypatch.setattr(Observer, "__init__", init)


def _population(seed: int) -> Population:
    return generate_population(B, PopulationConfig(laatste_instroomjaar=2024, schaal=0.01, seed=seed))


@settings(max_examples=4, deadline=None)
@given(st.integers(1, 10_000), st.sampled_from(["wi2021", "coalitie-2026+vwn-2026"]))
def test_observer_counts_what_counting_everyone_counts(seed: int, scenario_id: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        counted = Counted(mp)
        result = simulate_population(
            _population(seed % 7), resolve(scenario_id), B, SimConfig(eind="2030-12", seed=seed)
        )
    assert counted.months and all(counted.joint_ok)
    for name in ("aanwezig", "betaald"):
        np.testing.assert_array_equal(result.since[name], counted.since[name], err_msg=name)
    assert result.since["aanwezig"].sum() > 0 and result.since["betaald"].sum() > 0  # the comparison counted something


def test_a_run_continued_from_its_state_counts_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    pop, scenario = _population(2), resolve("wi2021")
    whole = simulate_population(pop, scenario, B, SimConfig(eind="2029-12", seed=4))
    first = simulate_population(pop, scenario, B, SimConfig(eind="2026-06", seed=4))
    rest = simulate_population(pop, scenario, B, SimConfig(eind="2029-12", seed=4, begin="2026-07"), state=first.state)
    for name in ("aanwezig", "betaald", "vrijwillig"):
        np.testing.assert_array_equal(whole.since[name], first.since[name] + rest.since[name], err_msg=name)
    np.testing.assert_array_equal(whole.stocks["traject"][-1], rest.stocks["traject"][-1])
