"""Guardian guidance of unaccompanied minors (AMV): until when, asked of the rulebook at 18.

The guardian's guidance ends at majority (BW 1:233); the coalition agreement extends it for
vulnerable unaccompanied minors to 21. In the month an AMV who is still here turns 18, the
rulebook gives the last day of guidance under the rules then in force
(``amvBegeleidingTot``), told who is vulnerable: a drawn share (``begeleiding.amv_kwetsbaar_aandeel``,
an assumption); the extension beyond 18 is theirs, the others' guidance ends at 18.
Its count and cost follow from the date (``aantal.metAmvBegeleiding``, ``kosten.rijk.amvBegeleiding``).
"""

from __future__ import annotations

import numpy as np

from inburgering.law.parameters import law_start
from inburgering.rules.begeleiding import MEERDERJARIG
from inburgering.rules.logic import FALSE, TRUE
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
    vulnerable = run.draw(turning, "amv.kwetsbaar", np.datetime64("1970-01", "M")) < run.v(
        "begeleiding.amv_kwetsbaar_aandeel"
    )
    # the drawn vulnerability is the input the rulebook reads (``kwetsbareAmv``): it decides the end
    peil = max(last, law_start(run.params))
    given = {"kwetsbareAmv": np.where(vulnerable, TRUE, FALSE).astype(np.int8)}
    until = ask(st, turning, peil, run.params, "amvBegeleidingTot", given=given)["amvBegeleidingTot"]
    st.set_date("amvBegeleidingTot", turning, until)
