"""Fines and new terms (art. 22-27, Besluit 7.1-7.2): what the law attaches to a violation.

The simulation decides *whether* a violation happens (how often people miss the intake or the
PIP's activities is behaviour); these functions decide what follows, so the amounts, the repeat
rise, the caps, which parts of the obligation a DUO fine is for, and the new term live in the
rulebook only. All are vectorised over persons and read the parameters in force on ``date``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from inburgering.dates import MonthIndex, add_months
from inburgering.law.parameters import ParameterSet


def intake_fine(params: ParameterSet, date: Any) -> float:
    """The college's fine for not appearing after the second summons to the intake (art. 22.1, Besluit 7.1 lid 1)."""
    return float(params.value("boetes.intake", date))


def pip_fine(
    params: ParameterSet, date: Any, previous: np.ndarray, previous_date: np.ndarray, total: np.ndarray
) -> np.ndarray:
    """The college's PIP fine (art. 23.1, Besluit 7.1 lid 2-5): 0 where the cap leaves no room.

    A first fine is the base amount times the culpability share of lid 4; the model takes lid 4 c
    (neither intent nor gross negligence, ``boetes.pip_aandeel_geen_opzet``) for everyone.
    ``previous`` is each person's last PIP fine (0: none) and ``previous_date`` its date; a repeat
    within ``boetes.herhaling_maanden`` doubles the previous fine (decision 0002 reads "100 procent"
    as doubling) up to ``boetes.pip_maximum`` (lid 3), and lid 4's share applies to the raised
    amount, so the most a fine of lid 4 c reaches is half the maximum. ``total`` is what the
    college has fined in this term and extension; the sum is capped at ``boetes.college_plafond_termijn``.

    >>> from inburgering.law.parameters import load_parameters
    >>> p = load_parameters()
    >>> d = np.datetime64("2025-06-30")
    >>> prev = np.array(["2025-01-15", "2025-01-15", "2024-01-15", "2025-01-15"], dtype="datetime64[D]")
    >>> pip_fine(p, d, np.array([0.0, 200.0, 400.0, 400.0]), prev, np.array([0.0, 0.0, 2380.0, 0.0])).tolist()
    [25.0, 400.0, 20.0, 400.0]
    """
    window = int(params.value("boetes.herhaling_maanden", date))
    recent = (previous > 0) & (MonthIndex(previous_date).plus(window) >= np.datetime64(date, "D"))
    share = float(params.value("boetes.pip_aandeel_geen_opzet", date))
    base = float(params.value("boetes.pip_basis", date)) * share
    most = float(params.value("boetes.pip_maximum", date)) * share  # lid 4 sets the amount after lid 3's raise
    amount = np.where(recent, np.minimum(previous * 2, most), base)
    room = float(params.value("boetes.college_plafond_termijn", date)) - total
    return np.asarray(np.minimum(amount, np.maximum(room, 0.0)))


def duo_fine(
    params: ParameterSet,
    date: Any,
    statushouder: np.ndarray,
    modules_missing: np.ndarray,
    route_missing: np.ndarray,
    route_share: float,
) -> tuple[np.ndarray, np.ndarray]:
    """DUO's fines for an exceeded term: (who is fined, amount).

    PVT or MAP not completed: the fixed amount (art. 24.1, Besluit 7.2 lid 1). The route not
    achieved: ``route_share`` of the maximum (art. 25.1, 26.1.d; the matrix of Besluit 7.2 lid 2
    is in the Regeling, which was not read, so the share is an assumption the caller passes).
    Asylum status holders only while ``boetes.duo_boetes_asielstatushouders`` is on (Keren).
    """
    allowed = ~statushouder | bool(params.value("boetes.duo_boetes_asielstatushouders", date))
    amount = np.where(modules_missing, float(params.value("boetes.pvt_map", date)), 0.0)
    amount = amount + np.where(route_missing, float(params.value("boetes.leerroute_maximum", date)) * route_share, 0.0)
    fined = allowed & (amount > 0)
    return fined, np.where(fined, amount, 0.0)


def new_term_end(params: ParameterSet, date: Any, months: float) -> np.datetime64:
    """End of the new term DUO sets with a fine: ``months``, at most ``boetes.nieuwe_termijn_maximum`` (art. 24.2, 25.2)."""
    period = min(round(months), int(params.value("boetes.nieuwe_termijn_maximum", date)))
    return np.datetime64(add_months(np.datetime64(date, "D"), period), "D")


def next_fine_due(params: ParameterSet, date: Any, months: float, earlier: np.ndarray) -> np.ndarray:
    """When DUO fines next, for fines imposed on ``date`` after ``earlier`` DUO fines each.

    The first fine (art. 24.1, 25.1) and the second (art. 24.3) each set a new term of ``months``
    (at most two years, art. 24.2); after the third, a fine follows every
    ``boetes.herhaalboete_interval`` months (art. 24.4, applied to the route by 25.2), whatever
    length DUO gave the new terms.

    >>> from inburgering.law.parameters import load_parameters
    >>> next_fine_due(load_parameters(), "2027-09-01", 6, np.array([0, 1, 2, 5])).tolist()
    [datetime.date(2028, 3, 1), datetime.date(2028, 3, 1), datetime.date(2029, 9, 1), datetime.date(2029, 9, 1)]
    """
    every = int(params.value("boetes.herhaalboete_interval", date))
    repeat = np.datetime64(add_months(np.datetime64(date, "D"), every), "D")
    return np.where(np.asarray(earlier) >= 2, repeat, new_term_end(params, date, months))
