"""Whoever is not obliged may still naturalise: the simulation asks the rulebook for them too.

A simulation audit found about 17,000 persons (nationally) who lived here for years and were
never asked: children exempt by their schooling here who came of age, exempt adults, the
AOW-aged, and the status holders in COA on 1 January 2022, whom the old Act obliges but who had
no exam in the model. Now the not obliged adults are asked once (when found not obliged) and the
COA stock of 2022 has the old Act's exam drawn as the housed Wi2013 stock has.
"""

from __future__ import annotations

import numpy as np
import pytest

from inburgering.dates import MonthIndex
from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.companions import KIND, VOORRAAD
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.population import ASIEL, PopulationConfig, generate_population
from inburgering.sim.state import NIET_PLICHTIG

B = load_behaviour()


@pytest.fixture(scope="module")
def result() -> SimResult:
    pop = generate_population(B, PopulationConfig(laatste_instroomjaar=2025, schaal=0.05, seed=3))
    return simulate_population(pop, resolve("wi2021"), B, SimConfig(eind="2034-12", seed=3))


def test_children_exempt_by_their_schooling_may_naturalise_once_adult(result: SimResult) -> None:
    st = result.state
    kids = np.flatnonzero((st.pop["rol"] == KIND) & (st.traject == NIET_PLICHTIG))
    eligible = kids[~np.isnat(st.dates["naturalisatieVroegst"][kids])]
    assert len(eligible) > 20
    # never before their 18th birthday (the minimum age of RWN art. 8.1 a)
    eighteen = MonthIndex(st.pop["geboortedatum"][eligible]).reaching(12 * 18)
    assert (st.dates["naturalisatieVroegst"][eligible] >= eighteen).all()


def test_the_coa_stock_of_2022_has_the_old_acts_exam_and_naturalises(result: SimResult) -> None:
    st, pop = result.state, result.state.pop
    stock = np.flatnonzero((pop["rol"] == VOORRAAD) & (pop["groep"] == ASIEL))
    drawn = ~np.isnat(pop["examenWi2013"][stock]) | pop["onthevenWi2013"][stock]
    assert drawn.mean() > 0.5  # the adults have a pass day or a release drawn
    assert st.genaturaliseerd[stock].sum() > 20
    # a naturalised adult of the stock passed the exam (recorded at A2) or was released (its children,
    # obliged by this Act from 18 or exempt by their schooling here, naturalise on the rules of either)
    adults = stock[drawn]
    natd = adults[st.genaturaliseerd[adults]]
    assert len(natd) > 20
    assert ((st.niveau[natd] >= 2).all(axis=1) | pop["onthevenWi2013"][natd]).all()


def test_nobody_naturalises_who_left_first(result: SimResult) -> None:
    st = result.state
    done = ~np.isnat(st.dates["datumNaturalisatie"])
    left = st.dates["datumVertrek"]
    assert not (done & ~np.isnat(left) & (left <= st.dates["datumNaturalisatie"])).any()
