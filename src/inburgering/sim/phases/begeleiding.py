"""Guardian guidance of unaccompanied minors (AMV): until when, asked of the rulebook at 18.

The guardian's guidance ends at majority (BW 1:233); the coalition agreement extends it for
vulnerable unaccompanied minors to 21. In the month an AMV who is still here turns 18, the
rulebook gives the last day of guidance under the rules then in force
(``amvBegeleidingTot``); the extension beyond 18 goes to the vulnerable among them, a drawn
share (``begeleiding.amv_kwetsbaar_aandeel``, an assumption), the others' guidance ends at 18.
Its count and cost follow from the date (``aantal.metAmvBegeleiding``, ``kosten.rijk.amvBegeleiding``).
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import ONE_DAY, MonthIndex
from inburgering.law.parameters import law_start
from inburgering.rules.begeleiding import MEERDERJARIG
from inburgering.sim.bridge import ask
from inburgering.sim.run import EventIndex, Run, month_bounds
from inburgering.sim.state import NIET_AANWEZIG, VERTROKKEN


def amv_guidance(run: Run, month: np.datetime64, births: EventIndex) -> None:
    """AMVs who turn 18 this month: the last day of their guidance."""
    st, pop = run.state, run.state.pop
    turning = births.at(month - np.timedelta64(MEERDERJARIG * 12, "M"))
    turning = turning[pop["amv"][turning] & (st.verblijf[turning] != VERTROKKEN)]
    turning = turning[st.verblijf[turning] != NIET_AANWEZIG]
    if len(turning) == 0:
        return
    _, last = month_bounds(month)
    until = ask(st, turning, max(last, law_start(run.params)), run.params, "amvBegeleidingTot")["amvBegeleidingTot"]
    at_18 = MonthIndex(pop["geboortedatum"][turning]).plus(12 * MEERDERJARIG) - ONE_DAY
    vulnerable = run.draw(turning, "amv.kwetsbaar", np.datetime64("1970-01", "M")) < run.v(
        "begeleiding.amv_kwetsbaar_aandeel"
    )
    st.set_date("amvBegeleidingTot", turning, np.where(vulnerable, until, np.minimum(until, at_18)))
