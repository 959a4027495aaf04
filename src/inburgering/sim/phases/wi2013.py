"""The Wi2013 stock in the run: its exam, and when it may naturalise (:mod:`inburgering.sim.stock_wi2013`).

The stock's Wi2013 exam is the A2 inburgeringsexamen; passing it is recorded as A2 in every
part the rulebook reads (the four language parts and KNM), on the drawn day, so that the
rulebook's naturalisation rule decides with the same inputs as for anyone else. Whoever passed
before the run, or was released (ontheffing) before it, is asked at entry; a later pass is
asked in its month, if the person still lives here.
"""

from __future__ import annotations

import numpy as np

from inburgering.sim.observe import living_here
from inburgering.sim.run import EventIndex, Run
from inburgering.sim.sets import union
from inburgering.sim.state import State

A2 = 2  # the level code of A2 in ``State.niveau`` (1 A1 ... 4 B2)


def enter(run: Run, arrived: np.ndarray) -> np.ndarray:
    """Of persons ``arrived`` this month, the Wi2013 obliged with a pass or a release on record: to be asked.

    The housed stock (``rol`` wi2013Voorraad) and the adults of COA's stock of 2022 (``voorraad2022``)
    have the old Act's exam drawn; a release is known on entry (before the run for the housed
    stock, drawn with it for the COA stock).
    """
    st, pop = run.state, run.state.pop
    stock = arrived[~np.isnat(pop["examenWi2013"][arrived]) | pop["onthevenWi2013"][arrived]]
    passed = stock[pop["examenWi2013"][stock] < pop["instroom"][stock]]
    _record(st, passed)
    return union(passed, stock[pop["onthevenWi2013"][stock]])


def exams(run: Run, month: np.datetime64, passes: EventIndex) -> np.ndarray:
    """The Wi2013 obliged who pass their exam this month while living here (housed or in COA): to be asked."""
    st = run.state
    who = passes.at(month)
    who = who[living_here(st.verblijf[who])]
    _record(st, who)
    return who


def _record(st: State, who: np.ndarray) -> None:
    st.niveau[who] = np.maximum(st.niveau[who], A2)
    st.behaald[who] = st.pop["examenWi2013"][who][:, None]
