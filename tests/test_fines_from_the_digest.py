"""The fine functions of the rulebook against amounts read from the law digest (W 22-27, Besluit 7.1-7.2).

Fines have no output in the person calculator, so a case file cannot hold them; an independent
legal tester wrote these expectations from the digest before reading rules/handhaving.py
(2026-12-07). The model takes Besluit 7.1 lid 4 c (neither intent nor gross negligence, 50%) for
every PIP fine, and DUO's route fine as a share of the maximum (the Regeling's matrix was not read).
"""

from __future__ import annotations

import numpy as np
import pytest

from inburgering.law.scenario import resolve
from inburgering.rules import handhaving as h

P = resolve("wi2021").parameters
DAY = "2026-03-01"
NAT = np.datetime64("NaT", "D")


def _pip(previous: float, previous_date: np.datetime64, total: float) -> float:
    prev_day = np.array([previous_date], "datetime64[D]")
    return float(h.pip_fine(P, DAY, np.array([previous]), prev_day, np.array([total]))[0])


def _duo(day: str, statushouder: bool, modules: bool, route: bool) -> tuple[bool, float]:
    who, amount = h.duo_fine(P, day, np.array([statushouder]), np.array([modules]), np.array([route]), 0.5)
    return bool(who[0]), float(amount[0])


def test_the_intake_fine_is_250() -> None:  # W 22.1, B 7.1 lid 1
    assert h.intake_fine(P, DAY) == 250


@pytest.mark.parametrize(
    ("previous", "previous_date", "total", "expected", "why"),
    [
        (0.0, NAT, 0.0, 25.0, "B 7.1 lid 2, 4 c: 50 euro at 50%"),
        (25.0, np.datetime64("2025-09-01"), 25.0, 50.0, "lid 3: a repeat within 12 months doubles"),
        (25.0, np.datetime64("2025-02-01"), 25.0, 25.0, "lid 3: no fine in the 12 months before, the base again"),
        (400.0, np.datetime64("2025-12-01"), 775.0, 400.0, "lid 3 raises to at most 800, lid 4 then takes 50%"),
        (0.0, NAT, 2390.0, 10.0, "lid 5: at most 2,400 over the term, 10 of room left"),
        (0.0, NAT, 2400.0, 0.0, "lid 5: no room left"),
    ],
)
def test_pip_fines(previous: float, previous_date: np.datetime64, total: float, expected: float, why: str) -> None:
    assert _pip(previous, previous_date, total) == pytest.approx(expected), why


def test_duo_fines_before_keren() -> None:
    assert _duo("2024-06-01", False, True, False) == (True, 340.0)  # W 24.1, B 7.2 lid 1
    assert _duo("2024-06-01", False, True, True) == (True, 840.0)  # plus 50% of 1,000 (W 25.1, 26.1.d)
    assert _duo("2024-06-01", True, True, False) == (True, 340.0)  # the Act's wording is mandatory


def test_duo_spares_status_holders_after_keren_by_the_policy_switch() -> None:
    # the Act has no exception; boetes.duo_boetes_asielstatushouders is off from the Keren judgment
    # (decision 0020 on whom it covers); others are fined as before
    assert _duo("2026-06-01", True, True, False) == (False, 0.0)
    assert _duo("2026-06-01", False, True, False) == (True, 340.0)


def test_new_terms_and_repeat_fines() -> None:
    assert h.new_term_end(P, "2027-09-01", 30) == h.new_term_end(P, "2027-09-01", 24)  # at most 2 years (W 24.2)
    due = [str(x) for x in np.asarray(h.next_fine_due(P, "2027-09-01", 24, np.array([0, 1, 2]))).tolist()]
    assert due == ["2029-09-01", "2029-09-01", "2029-09-01"]  # W 24.2-24.4
