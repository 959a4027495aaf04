"""The simulation's Python API: one call from scenario to DataFrames (for notebooks and the CLI)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from inburgering.law.scenario import ScenarioLayer, resolve
from inburgering.sim.behaviour import Behaviour, load_behaviour
from inburgering.sim.engine import ProgressFn, SimConfig, SimResult, simulate_population
from inburgering.sim.output import indicators, persons
from inburgering.sim.output_werk import job_spells
from inburgering.sim.population import PopulationConfig, generate_population


@dataclass
class Simulation:
    """A finished run: the tidy indicator table, the raw result and, on first use, the person table.

    The person table copies every date of every person (about 330 bytes a person, as pandas keeps
    dates in seconds); built only when asked, a national run at scale 10 stays within 4 GB
    (issue #20). ``inburgering simulate`` writes it in slices (:func:`write_persons`).
    """

    indicators: pd.DataFrame
    result: SimResult

    @cached_property
    def persons(self) -> pd.DataFrame:
        """One row per synthetic person (:func:`inburgering.sim.output.persons`); built once, on first use."""
        return persons(self.result)

    @property
    def timings(self) -> dict[str, float]:
        """Seconds per phase."""
        return self.result.timings

    @cached_property
    def banen(self) -> pd.DataFrame:
        """Every job spell (person, number, begin, end, started in COA); built once, on first use."""
        return job_spells(self.result)


PERSONS_PER_SLICE = 500_000  # about 170 MB of person table at a time


def write_persons(sim: Simulation, path: Path, per_slice: int = PERSONS_PER_SLICE) -> None:
    """Write the person table to Parquet a slice at a time (one row group each), never whole in memory.

    Reading the file gives :attr:`Simulation.persons`; the table is built from the run's state
    slice by slice, so writing it adds a slice's worth of memory, not the whole table's.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if "persons" in sim.__dict__:  # already built: write it as it is
        sim.persons.to_parquet(path, index=False)
        return
    n = len(sim.result.state.pop)
    nationalities = pd.Categorical(sim.result.state.pop["nationaliteit"])
    writer: pq.ParquetWriter | None = None
    try:
        for start in range(0, max(n, 1), per_slice):
            frame = persons(sim.result, slice(start, start + per_slice), nationalities)
            table = pa.Table.from_pandas(frame, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()


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
    return Simulation(indicators(result), result)
