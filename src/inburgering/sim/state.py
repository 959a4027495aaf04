"""Columnar simulation state: one row per person, two state machines and event dates.

Where a person is (``verblijf``) and where they are in the obligation (``traject``) are kept
apart because they move independently: an exempt 17-year-old still waits in COA for a home,
a housed person can still wait for the intake. Every person is in exactly one state of each
machine every month; the tests check that counts are conserved.

Dates are ``datetime64[D]`` with ``NaT`` for "not (yet)"; a date, once set, never moves back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from inburgering.people.population import Population

# verblijf: where the person is
NIET_AANWEZIG, COA_PROCEDURE, COA_VERGUNNING, GEMEENTE, VERTROKKEN = 0, 1, 2, 3, 4
VERBLIJF_NAMES = ("nietAanwezig", "coaProcedure", "coaVergunning", "gemeente", "vertrokken")
# traject: where the person is in the obligation
GEEN, NIET_PLICHTIG, WACHT_INTAKE, INTAKE, TERMIJN, TRAJECT_VERTROKKEN = 0, 1, 2, 3, 4, 5
TRAJECT_NAMES = ("geen", "nietPlichtig", "wachtOpIntake", "intake", "termijnLoopt", "vertrokken")
# leerroute codes follow the rulebook: 0 b1, 1 onderwijs, 2 z; -1 none yet
ROUTE_NAMES = ("b1", "onderwijs", "z")

DATE_COLUMNS = (
    "datumInschrijvingBrp",
    "datumKennisgeving",
    "datumIntake",
    "datumPip",
    "deadlinePip",
    "eindeTermijn",
    "laatsteDagRoutewijziging",
    "datumVertrek",
)


@dataclass
class State:
    """Mutable per-run state; the population it starts from is never changed."""

    pop: Population
    verblijf: np.ndarray
    traject: np.ndarray
    leerroute: np.ndarray
    dates: dict[str, np.ndarray]

    @classmethod
    def start(cls, pop: Population) -> State:
        """Everyone not yet arrived, no dates set."""
        n = len(pop)
        nat = np.full(n, np.datetime64("NaT", "D"))
        return cls(
            pop,
            np.zeros(n, np.int8),
            np.zeros(n, np.int8),
            np.full(n, -1, np.int8),
            {name: nat.copy() for name in DATE_COLUMNS},
        )

    def set_date(self, name: str, idx: np.ndarray, values: np.ndarray) -> None:
        """Set a date for ``idx``; dates are set once and never moved back."""
        current = self.dates[name][idx]
        if np.any(~np.isnat(current) & (values < current)):
            raise AssertionError(f"{name} would move back in time")
        self.dates[name][idx] = values
