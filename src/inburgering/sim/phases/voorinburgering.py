"""Voorinburgering in COA: who may join (the rulebook), who takes part, who finishes.

Eligibility is ``voorinburgeringVanaf``, asked when an applicant arrives and again at the
permit: under the law as it stands, permit holders in reception; under a reform, also
applicants from the application. Of those eligible some are asked and some consent; the
programme lasts a fixed number of weeks and ends early when the person moves to a home
first. Its NT2 hours give a head start in the latent language level at the PIP, through the
same learning rate as the lessons.
"""

from __future__ import annotations

import numpy as np

from inburgering.law.parameters import law_start
from inburgering.sim.bridge import ask
from inburgering.sim.phases.werk import suspension_end
from inburgering.sim.run import Run, month_bounds
from inburgering.sim.sets import union
from inburgering.sim.state import VERTROKKEN


def offer(run: Run, month: np.datetime64, idx: np.ndarray) -> None:
    """Ask when persons ``idx`` may join (once it has an answer); decide whether they take part."""
    st = run.state
    idx = idx[np.isnat(st.dates["voorinburgeringVanaf"][idx])]
    if len(idx) == 0:
        return
    _, last = month_bounds(month)
    peil = max(last, law_start(run.params))
    # a rejected applicant's lawful stay, as for work (an audit found starts after it had ended)
    given = {"datumEindeSchorsing": suspension_end(run, idx, peil)}
    out = ask(st, idx, peil, run.params, "voorinburgeringVanaf", "rechtmatigVerblijfTot", given=given)
    vanaf = out["voorinburgeringVanaf"]
    ok = ~np.isnat(vanaf)
    who, start = idx[ok], vanaf[ok]
    st.set_date("voorinburgeringVanaf", who, start)
    # the rulebook's end of a rejected applicant's lawful stay, which ends the programme (see progress)
    st.set_date("rechtmatigVerblijfTot", who, out["rechtmatigVerblijfTot"][ok])
    now = start <= last  # a child in reception may join only from the 16th birthday: decided in that month
    later = who[~now]
    if len(later):
        run.open["voorinburgering.later"] = union(run.open.get("voorinburgering.later", _NONE), later)
    _decide(run, month, who[now], start[now])


_NONE = np.zeros(0, np.int64)


def _decide(run: Run, month: np.datetime64, who: np.ndarray, start: np.ndarray) -> None:
    """Of those who may join from ``start``, some are asked and some consent."""
    st = run.state
    asked = run.draw(who, "voorinburgering.gevraagd", month) < run.v("asiel.voorinburgering_gevraagd")
    joins = asked & (run.draw(who, "voorinburgering.toestemming", month) < run.v("asiel.voorinburgering_toestemming"))
    st.set_date("datumVoorinburgeringStart", who[joins], start[joins])
    run.open["voorinburgering"] = union(run.open.get("voorinburgering", _NONE), who[joins])


def _start_waiting(run: Run, month: np.datetime64) -> None:
    """Those whose eligibility starts this month (the 16th birthday) and are still in reception decide now."""
    st = run.state
    _, last = month_bounds(month)
    waiting = run.open.get("voorinburgering.later", _NONE)
    if len(waiting) == 0:
        return
    start = st.dates["voorinburgeringVanaf"][waiting]
    brp = st.dates["datumInschrijvingBrp"][waiting]
    gone = (~np.isnat(brp) & (brp <= start)) | (st.verblijf[waiting] == VERTROKKEN)
    due = ~gone & (start <= last)
    _decide(run, month, waiting[due], start[due])
    run.open["voorinburgering.later"] = waiting[~gone & ~due]


def progress(run: Run, month: np.datetime64) -> None:
    """Participants finish at the planned end, or stop when they move (or leave) before it."""
    _start_waiting(run, month)
    st = run.state
    _, last = month_bounds(month)
    start = st.dates["datumVoorinburgeringStart"]
    active = run.open.get("voorinburgering", np.zeros(0, np.int64))  # started, neither finished nor stopped
    if len(active) == 0:
        return
    planned_end = start[active] + np.timedelta64(round(run.v("asiel.voorinburgering_weken") * 7), "D")
    brp = st.dates["datumInschrijvingBrp"][active]
    moved_first = (~np.isnat(brp) & (brp < planned_end)) | (st.verblijf[active] == VERTROKKEN)
    # a rejected applicant's programme stops with the lawful stay (the rulebook's
    # rechtmatigVerblijfTot, asked at the offer; an audit found it finished months after)
    moved_first |= st.dates["rechtmatigVerblijfTot"][active] < planned_end
    st.vi_gestopt[active[moved_first]] = True
    done = ~moved_first & (planned_end <= last)
    st.set_date("datumVoorinburgeringAfgerond", active[done], planned_end[done])
    run.open["voorinburgering"] = active[~moved_first & ~done]
