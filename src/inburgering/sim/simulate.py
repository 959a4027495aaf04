"""The simulation's Python API: one call from scenario to DataFrames (for notebooks and the CLI)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from inburgering.law.scenario import ScenarioLayer, resolve
from inburgering.sim.behaviour import Behaviour, load_behaviour
from inburgering.sim.engine import ProgressFn, SimConfig, SimResult, simulate_population
from inburgering.sim.output import indicators, persons
from inburgering.sim.output_werk import job_spells
from inburgering.sim.population import PopulationConfig, generate_population


@dataclass
class Simulation:
    """A finished run: the tidy indicator table, the person table and the raw result."""

    indicators: pd.DataFrame
    persons: pd.DataFrame
    result: SimResult

    @property
    def timings(self) -> dict[str, float]:
        """Seconds per phase."""
        return self.result.timings

    @cached_property
    def banen(self) -> pd.DataFrame:
        """Every job spell (person, number, begin, end, started in COA); built once, on first use."""
        return job_spells(self.result)


def simulate(
    scenario: str = "wi2021",
    *,
    scale: float = 1.0,
    seed: int = 1,
    last_inflow_year: int = 2030,
    horizon: str = "2040-12",
    behaviour: Behaviour | None = None,
    extra_scenarios: Mapping[str, ScenarioLayer] | None = None,
    progress: ProgressFn | None = None,
    watch: int | None = None,
) -> Simulation:
    """Simulate the national synthetic population under ``scenario`` (a stack like ``a+b`` works).

    >>> sim = simulate("wi2021", scale=0.01, last_inflow_year=2022, horizon="2024-12")
    >>> {"aandeelMetIntake", "aandeelMetPip", "kosten.rijk.opvang"} <= set(sim.indicators["indicator"])
    True
    """
    b = behaviour or load_behaviour()
    pop = generate_population(b, PopulationConfig(laatste_instroomjaar=last_inflow_year, schaal=scale, seed=seed))
    result = simulate_population(
        pop, resolve(scenario, extra_scenarios), b, SimConfig(eind=horizon, seed=seed), progress, watch
    )
    return Simulation(indicators(result), persons(result), result)
