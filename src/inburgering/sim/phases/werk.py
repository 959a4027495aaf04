"""Work: during the asylum procedure (when the rulebook allows it) and after the permit.

Access during the procedure is ``magWerkenVanaf`` from the rulebook, asked once at the
application. In COA a job is found with a low monthly hazard, lower while employers need a
TWV (a documented effect parameter, so a scenario that drops the TWV acts through it). After
the permit, adults find and lose jobs with monthly hazards whose steady state matches the
long-run employment plateau; women and parents of a child under 4 find work less often.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import MonthIndex
from inburgering.people.population import ASIEL, NAREIZIGER, VROUW
from inburgering.sim.bridge import ask
from inburgering.sim.run import Run, day_in_month, month_bounds
from inburgering.sim.state import COA_PROCEDURE, COA_VERGUNNING, GEMEENTE

_LAW_FROM = np.datetime64("2022-01-01", "D")


def access(run: Run, month: np.datetime64, applicants: np.ndarray) -> None:
    """Ask the rulebook when new asylum applicants may work (rules apply from 2022)."""
    _, last = month_bounds(month)
    law_from = run.params["plicht.ingangsdatum_wet"].values[0].vanaf
    peil = max(last, law_from)
    out = ask(run.state, applicants, peil, run.params, "magWerkenVanaf")["magWerkenVanaf"]
    run.state.set_date("magWerkenVanaf", applicants, out)


def working_age(run: Run) -> tuple[np.ndarray, np.ndarray]:
    """Each person's 18th and 67th birthday (computed once per run)."""
    born = MonthIndex(run.state.pop["geboortedatum"])
    return born.plus(18 * 12), born.plus(67 * 12)


def jobs(run: Run, month: np.datetime64, ages: tuple[np.ndarray, np.ndarray]) -> None:
    """Finding and losing paid work this month."""
    st, pop = run.state, run.state.pop
    first, last = month_bounds(month)
    # in COA, with access to the labour market
    in_coa = np.flatnonzero(((st.verblijf == COA_PROCEDURE) | (st.verblijf == COA_VERGUNNING)) & ~st.werkt)
    allowed = in_coa[(st.dates["magWerkenVanaf"][in_coa] <= last) | (st.verblijf[in_coa] == COA_VERGUNNING)]
    hazard = run.v("werk.coa_maandkans")
    if last >= _LAW_FROM and run.params.value("asiel.twv_vereist", last):
        hazard *= run.v("werk.twv_factor")
    found = allowed[run.draw(allowed, "werk.coa", month) < hazard]
    _start(run, month, found)
    st.werkte_in_coa[found] = True
    # in a municipality, aged 18 to 66
    adults = np.flatnonzero((st.verblijf == GEMEENTE) & ~st.werkt & (ages[0] <= last) & (ages[1] > first))
    asylum = np.isin(pop["groep"][adults], (ASIEL, NAREIZIGER))
    rate = np.where(asylum, run.v("werk.baan_maandkans_asiel"), run.v("werk.baan_maandkans_gezin"))
    rate = np.where(pop["geslacht"][adults] == VROUW, rate * run.v("werk.vrouw_factor"), rate)
    rate = np.where(pop["jongKind"][adults], rate * run.v("werk.jong_kind_factor"), rate)
    chose_a2 = st.doel_a2[adults] & ~np.isnat(st.dates["datumA2Evaluatie"][adults])
    rate = np.where(chose_a2, rate * run.v("werk.a2_werk_factor"), rate)
    _start(run, month, adults[run.draw(adults, "werk.baan", month) < rate])
    # losing work
    working = np.flatnonzero(st.werkt & (st.verblijf == GEMEENTE))
    st.werkt[working[run.draw(working, "werk.verlies", month) < run.v("werk.baanverlies_maandkans")]] = False


def _start(run: Run, month: np.datetime64, who: np.ndarray) -> None:
    st = run.state
    st.werkt[who] = True
    first_job = who[np.isnat(st.dates["datumEersteBaan"][who])]
    st.set_date("datumEersteBaan", first_job, day_in_month(month, run.draw(first_job, "werk.dag", month)))
