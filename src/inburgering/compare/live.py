"""Which drawn assumptions can move a scenario's results: the behavioural parameters its run reads.

Why: the sensitivity table ranks assumptions by how much they move a scenario's difference from
the baseline. Over a few draws, an assumption that the run never reads (a lever's effect while
the lever is off in both scenarios) correlates with the difference by chance alone and can top
the table. Only what one of the two runs reads can move the difference, so only that is ranked.

A small national run per scenario, with a behaviour that records each lookup, finds the reads;
the population's own reads count for every scenario (both runs start from the same population).
"""

from __future__ import annotations

from inburgering.compare.metrics import tables
from inburgering.law.scenario import Scenario
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.population import PopulationConfig, generate_population

PROBE_SCALE = 0.005  # a few thousand persons: every mechanism occurs; about 4 s per scenario
PROBE_SEED = 3


def live_parameters(
    scenarios: list[Scenario], behaviour: Behaviour, last_inflow_year: int, horizon: str
) -> dict[str, frozenset[str]]:
    """Per scenario id, the behavioural parameters its run (population, engine, costs, tables) reads.

    The read sets were the same at scales 0.005 and 0.02, for two seeds and two horizons, for
    every shipped scenario: no read depends on a drawn value.
    """
    shared: set[str] = set()
    config = PopulationConfig(laatste_instroomjaar=last_inflow_year, schaal=PROBE_SCALE, seed=PROBE_SEED)
    pop = generate_population(behaviour.traced(shared.add), config)
    out = {}
    for scenario in scenarios:
        read: set[str] = set()
        result = simulate_population(
            pop, scenario, behaviour.traced(read.add), SimConfig(eind=horizon, seed=PROBE_SEED)
        )
        tables(result, PROBE_SCALE)  # the comparison's own tables: their cost and indicator reads count
        out[scenario.id] = frozenset(read | shared)
    return out
