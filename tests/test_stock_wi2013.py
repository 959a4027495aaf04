"""The Wi2013 stock (sim/stock_wi2013.py) and the naturalisation request judged by the rules of its day.

Properties of the generated stock for any seed, and of a run: the stock lives in a municipality
from its entry, never works, is never obliged under the Wi2021, and, under the coalition's rules
from 2027, asks for naturalisation only where the hardship clause applies (it never reaches B1).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.companions import WI2013
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.population import PopulationConfig, generate_population
from inburgering.sim.state import GEMEENTE, NIET_PLICHTIG, TRAJECT_VERTROKKEN, VERTROKKEN
from inburgering.sim.stock_wi2013 import wi2013_stock

B = load_behaviour()
DAY = np.datetime64("2022-01-01", "D")


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_the_stock_is_who_lives_here_unnaturalised_on_1_january_2022(seed: int) -> None:
    cols = wi2013_stock(B, seed, 1000, 0.01)
    n = len(cols["groep"])
    assert n > 0 and (cols["rol"] == WI2013).all()
    permit = cols["datumVerblijfsrecht"]
    assert (permit >= np.datetime64("2014-01-01")).all() and (permit < DAY).all()
    assert (cols["cohort"] == permit.astype("datetime64[Y]").astype(int) + 1970).all()
    assert ((permit - cols["geboortedatum"]).astype(int) >= 18 * 365).all()  # obliged adults
    assert (cols["datumAsielaanvraag"] <= permit).all()
    assert (cols["vertrekUitCoa"] >= permit).all() and (cols["vertrekUitCoa"] < DAY).all()  # housed before
    assert (cols["instroom"] == DAY).all()
    exam = cols["examenWi2013"]
    assert (exam[~np.isnat(exam)] > permit[~np.isnat(exam)]).all()
    assert not (cols["onthevenWi2013"] & ~np.isnat(exam)).any()  # released only who never passes
    pending = cols["naturalisatieVerzoekVoorraad"]
    assert (pending[~np.isnat(pending)] < DAY).all()
    assert (exam[~np.isnat(pending)] <= pending[~np.isnat(pending)]).all()  # asked once passed
    assert {len(v) for v in cols.values()} == {n}


def test_the_stock_scales_with_the_population() -> None:
    small, large = (len(wi2013_stock(B, 5, 0, s)["groep"]) for s in (0.02, 0.08))
    assert 3.5 < large / small < 4.5


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple[np.ndarray, object]]:
    pop = generate_population(B, PopulationConfig(laatste_instroomjaar=2022, schaal=0.02, seed=4))
    out = {}
    for scenario in ("wi2021", "coalitie-2026"):
        out[scenario] = (pop, simulate_population(pop, resolve(scenario), B, SimConfig(eind="2031-12", seed=4)).state)
    return out


def test_the_stock_lives_here_is_not_obliged_and_does_not_work(runs) -> None:
    pop, state = runs["wi2021"]
    stock = pop["rol"] == WI2013
    assert stock.sum() > 500
    assert np.isin(state.verblijf[stock], (GEMEENTE, VERTROKKEN)).all()
    assert np.isin(state.traject[stock], (NIET_PLICHTIG, TRAJECT_VERTROKKEN)).all()
    assert not state.werkt[stock].any() and np.isnat(state.dates["datumEersteBaan"][stock]).all()
    # registered in the municipality on the day it left COA, before the run
    assert (state.dates["datumInschrijvingBrp"][stock] == pop["vertrekUitCoa"][stock]).all()


def test_the_stock_naturalises_only_while_here(runs) -> None:
    pop, state = runs["wi2021"]
    stock = pop["rol"] == WI2013
    done = stock & state.genaturaliseerd
    assert done.sum() > 100
    left = state.dates["datumVertrek"][done]
    assert (np.isnat(left) | (state.dates["datumNaturalisatie"][done] < left)).all()
    # a request pending on 1 January 2022 stands as made
    pending = stock & ~np.isnat(pop["naturalisatieVerzoekVoorraad"])
    made = ~np.isnat(state.dates["datumNaturalisatieAanvraag"][pending])
    assert made.any()
    np.testing.assert_array_equal(
        state.dates["datumNaturalisatieAanvraag"][pending][made], pop["naturalisatieVerzoekVoorraad"][pending][made]
    )


def test_under_the_coalition_a_request_from_2027_needs_b1_or_the_hardship_clause(runs) -> None:
    """The stock never reaches B1: from 2027 only the released (hardship clause) can still ask."""
    pop, base = runs["wi2021"]
    _, coalition = runs["coalitie-2026"]
    stock = pop["rol"] == WI2013
    start = np.datetime64("2027-01-01")
    late = stock & (coalition.dates["datumNaturalisatieAanvraag"] >= start)
    assert (pop["onthevenWi2013"][late]).all()
    # under the law in force the same persons keep asking after 2027
    assert (stock & (base.dates["datumNaturalisatieAanvraag"] >= start)).sum() > 5 * max(late.sum(), 1)
