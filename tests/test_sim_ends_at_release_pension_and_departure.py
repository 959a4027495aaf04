"""What a simulation audit found running past its end: MB after DUO's release, jobs past the AOW
age, the onderwijsroute's SPUK top-up for a year in which the person left; and no rejected
applicant ever classed high-chance at the application.

Each is checked on one small run per scenario, against the state's own dates.
"""

from __future__ import annotations

import numpy as np
import pytest

from inburgering.law.scenario import resolve
from inburgering.rules.plicht import aow_datum
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.costs_prices import onderwijs_top_up
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.output_werk import job_spells
from inburgering.sim.population import AFGEWEZEN, PopulationConfig, generate_population
from inburgering.sim.spells import mb_spells

B = load_behaviour()


@pytest.fixture(scope="module")
def result() -> SimResult:
    pop = generate_population(B, PopulationConfig(laatste_instroomjaar=2027, schaal=0.03, seed=8))
    # a release chance raised so that enough MB spells meet one
    b = B.with_values({"leren.ontheffing_maandkans": 0.01})
    return simulate_population(pop, resolve("wi2021"), b, SimConfig(eind="2040-12", seed=8))


def test_mb_ends_at_the_release_where_the_rulebook_ends_the_right(result: SimResult) -> None:
    st, d = result.state, result.state.dates
    who, _, end = mb_spells(result)
    released = ~np.isnat(d["datumOntheffing"][who])
    assert released.sum() > 20
    # under the law every released person loses the right (art. 13.1 is the obliged's)
    assert st.mb_tot_ontheffing[who[released]].all()
    assert (end[who[released]] <= d["datumOntheffing"][who[released]]).all()
    # and nobody else's MB is cut
    assert not st.mb_tot_ontheffing[who[~released]].any()


def test_no_job_runs_past_the_aow_age(result: SimResult) -> None:
    spells = job_spells(result)
    assert len(spells) > 500
    pension = aow_datum(result.parameters, result.state.pop["geboortedatum"][spells["persoon"].to_numpy()])
    pension_month = pension.astype("datetime64[M]").astype("datetime64[D]")
    end = spells["einde"].to_numpy().astype("datetime64[D]")
    open_ = np.isnat(end)
    horizon = (result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")
    # a job ended by the AOW month (a departure in that month ends it that day), or still open only for
    # someone below the AOW age at the horizon
    assert (end[~open_].astype("datetime64[M]") <= pension_month[~open_].astype("datetime64[M]")).all()
    assert (pension[open_] >= horizon).all()
    # it moves something: some jobs do end in the AOW month
    assert (end[~open_] == pension_month[~open_]).sum() > 0


def test_the_top_up_is_not_paid_for_a_year_in_which_the_person_left(result: SimResult) -> None:
    from inburgering.sim.costs import _trajectory_end

    pension = aow_datum(result.parameters, result.state.pop["geboortedatum"])
    who, amount, day = onderwijs_top_up(result, _trajectory_end(result, pension))
    assert len(who) > 0 and (amount > 0).all()
    left = result.state.dates["datumVertrek"][who]
    assert (np.isnat(left) | (left.astype("datetime64[Y]") > day.astype("datetime64[Y]"))).all()


def test_some_rejected_applicants_were_classed_high_chance() -> None:
    pop = generate_population(B, PopulationConfig(laatste_instroomjaar=2027, schaal=0.05, seed=8))
    own = pop["ouder"] < 0  # the applicants themselves (children share their parents' class)
    rejected = own & (pop["groep"] == AFGEWEZEN)
    assert rejected.sum() > 500
    assert abs(pop["kansrijk"][rejected].mean() - B.v("asiel.kansrijk_onder_afgewezenen")) < 0.04
