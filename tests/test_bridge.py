"""The simulation's bridge to the rulebook (sim/bridge.py): the inputs it builds keep the rulebook's contracts."""

from __future__ import annotations

import numpy as np
import pytest

from inburgering.law.scenario import resolve
from inburgering.rules.person import sort_exams
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.bridge import persons_for
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.population import PopulationConfig, generate_population


@pytest.fixture(scope="module")
def state():  # type: ignore[no-untyped-def]
    b = load_behaviour()
    pop = generate_population(b, PopulationConfig(laatste_instroomjaar=2024, schaal=0.01, seed=4))
    return simulate_population(pop, resolve("wi2021"), b, SimConfig(eind="2026-06", seed=4)).state


def test_the_exam_table_is_in_the_rulebooks_order(state) -> None:  # type: ignore[no-untyped-def]
    """Issue #20: built without a sort, the table must already be ordered as sort_exams orders it."""
    rng = np.random.default_rng(0)
    passed = np.flatnonzero((state.niveau > 0).any(axis=1))
    assert len(passed) > 50  # the run got far enough for exams to be passed
    for size in (1, 7, len(passed)):
        idx = np.sort(rng.choice(passed, size, replace=False))
        table = persons_for(state, idx).examens
        expected = sort_exams(dict(table))
        for key in expected:
            assert np.array_equal(table[key], expected[key]), key
        assert len(table["persoon"]) == int((state.niveau[idx] > 0).sum())
        assert np.array_equal(table["datum"], state.behaald[idx][table["persoon"], table["onderdeel"]])
