"""The Wi2013 stock in the run: its exam, and when it may naturalise (:mod:`inburgering.sim.stock_wi2013`).

The stock's Wi2013 exam is the A2 inburgeringsexamen; passing it is recorded as A2 in every
part the rulebook reads (the four language parts and KNM), on the drawn day, so that the
rulebook's naturalisation rule decides with the same inputs as for anyone else. Whoever passed
before the run, or was released (ontheffing) before it, is asked at entry; a later pass is
asked in its month, if the person still lives here.
"""

from __future__ import annotations

import numpy as np

from inburgering.sim.companions import WI2013
from inburgering.sim.run import EventIndex, Run
from inburgering.sim.sets import union
from inburgering.sim.state import GEMEENTE, State

A2 = 2  # the level code of A2 in ``State.niveau`` (1 A1 ... 4 B2)


def enter(run: Run, arrived: np.ndarray) -> np.ndarray:
    """Of persons ``arrived`` this month, the Wi2013 stock with a pass or a release on record: to be asked."""
    st, pop = run.state, run.state.pop
    stock = arrived[pop["rol"][arrived] == WI2013]
    passed = stock[pop["examenWi2013"][stock] < pop["instroom"][stock]]
    _record(st, passed)
    return union(passed, stock[pop["onthevenWi2013"][stock]])


def exams(run: Run, month: np.datetime64, passes: EventIndex) -> np.ndarray:
    """The Wi2013 stock who pass their exam this month while living here: to be asked."""
    st = run.state
    who = passes.at(month)
    who = who[st.verblijf[who] == GEMEENTE]
    _record(st, who)
    return who


def _record(st: State, who: np.ndarray) -> None:
    st.niveau[who] = np.maximum(st.niveau[who], A2)
    st.behaald[who] = st.pop["examenWi2013"][who][:, None]
