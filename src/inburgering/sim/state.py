"""Columnar simulation state: one row per person, two state machines and event dates.

Where a person is (``verblijf``) and where they are in the obligation (``traject``) are kept
apart because they move independently: an exempt 17-year-old still waits in COA for a home,
a housed person can still wait for the intake. Every person is in exactly one state of each
machine every month; the tests check that counts are conserved.

Dates read and write as ``datetime64[D]`` with ``NaT`` for "not (yet)", stored as 32-bit day
numbers (:mod:`inburgering.sim.days`); a date, once set, never moves back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from inburgering.codes import LEERROUTES, ONDERDELEN
from inburgering.sim.agenda import Agenda
from inburgering.sim.days import EMPTY, DateColumns, DayColumn, narrow
from inburgering.sim.population import Population

# verblijf: where the person is
NIET_AANWEZIG, COA_PROCEDURE, COA_VERGUNNING, GEMEENTE, VERTROKKEN = 0, 1, 2, 3, 4
VERBLIJF_NAMES = ("nietAanwezig", "coaProcedure", "coaVergunning", "gemeente", "vertrokken")
# traject: where the person is in the obligation
GEEN, NIET_PLICHTIG, WACHT_INTAKE, INTAKE, TERMIJN, VERLENGD, OVERSCHREDEN = 0, 1, 2, 3, 4, 5, 6
VOLDAAN_IN_TERMIJN, VOLDAAN_MET_VERLENGING, VOLDAAN_NA_TERMIJN, ONTHEVEN, TRAJECT_VERTROKKEN = 7, 8, 9, 10, 11
TRAJECT_NAMES = (
    "geen",
    "nietPlichtig",
    "wachtOpIntake",
    "intake",
    "termijnLoopt",
    "verlengd",
    "termijnOverschreden",
    "voldaanInTermijn",
    "voldaanMetVerlenging",
    "voldaanNaTermijn",
    "ontheven",
    "vertrokken",
)
LEREND = (TERMIJN, VERLENGD, OVERSCHREDEN)  # in a trajectory, not finished
UNSCHEDULED = np.iinfo(np.int64).max  # baan_start / baan_einde: no month drawn (or the drawn one no longer holds)
N_ONDERDELEN = len(ONDERDELEN)  # the rulebook's order (inburgering.codes)
ROUTE_NAMES = LEERROUTES  # leerroute codes (inburgering.codes.Leerroute); -1 none yet

DATE_COLUMNS = (
    "datumInschrijvingBrp",
    "datumKennisgeving",
    "datumIntake",
    "datumPip",
    "deadlinePip",
    "eindeTermijn",
    "laatsteDagRoutewijziging",
    "datumVertrek",
    "datumPvtAfgerond",
    "datumMapAfgerond",
    "afschalingMogelijkVanaf",
    "datumAfschaling",
    "datumA2Evaluatie",
    "datumVoldaan",
    "datumOntheffing",
    "magWerkenVanaf",
    "magWerkenTot",
    "datumBsn",
    "datumEersteBaan",
    "naturalisatieVroegst",
    "datumNaturalisatieAanvraag",
    "datumNaturalisatie",
    "voorinburgeringVanaf",
    "rechtmatigVerblijfTot",
    "datumVoorinburgeringStart",
    "datumVoorinburgeringAfgerond",
    "datumRoutewijziging",
    "datumBoete",
    "eindeNieuweTermijn",
    "datumCollegeBoete",
    "amvBegeleidingTot",
    "datumRechtMb",
)


@dataclass
class State:
    """Mutable per-run state; the population it starts from is never changed."""

    pop: Population
    verblijf: np.ndarray
    traject: np.ndarray
    leerroute: np.ndarray
    dates: DateColumns  # the event dates by name (DATE_COLUMNS)
    route_bij_pip: np.ndarray  # the route the PIP set (leerroute can change later)
    uren: np.ndarray  # NT2 lesson (or Z-route course) hours followed, float32
    taal: np.ndarray  # latent language level on the CEFR scale (1 = A1 ... 4 = B2), float32
    niveau: np.ndarray  # (persons, 5) highest level passed per component (0 none, 1 A1 ... 4 B2)
    behaald: DayColumn  # (persons, 5) date of that pass, as 32-bit day numbers like the dates
    doel_a2: np.ndarray  # the language target is A2 (after afschaling or the reform's A2 choice)
    verlenging: np.ndarray  # months of extension granted
    werkt: np.ndarray  # in paid work now
    werkte_in_coa: np.ndarray  # ever in paid work while in COA
    mb: np.ndarray  # has a right to maatschappelijke begeleiding (asked of the rulebook at the start)
    genaturaliseerd: np.ndarray  # became a Dutch national
    pogingen: np.ndarray  # exam attempts (all components)
    baan_start: np.ndarray  # month number in which the next job starts (int64 max: none drawn)
    baan_einde: np.ndarray  # month number in which the current job ends
    vi_gestopt: np.ndarray  # stopped voorinburgering early (moved or left)
    boete: np.ndarray  # euros of DUO fines imposed when the term was exceeded
    college_boete: np.ndarray  # euros of college fines (intake and PIP) over the term, for the cap
    college_laatst: np.ndarray  # euros of the last PIP fine, for the repeat rise (Besluit 7.1 lid 3)
    duo_boetes: np.ndarray  # DUO fines imposed so far (int8): after the second, one every two years (art. 24.4)
    mb_tot_ontheffing: np.ndarray  # the right to MB ended with DUO's release (the rulebook, asked then)
    # every fine as (kind, persons, dates, euros), so its cost lands in its month
    boetes_log: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)
    # every exam attempt as (month number, persons, component, level, passed)
    examens_log: list[tuple[int, np.ndarray, int, np.ndarray, np.ndarray]] = field(default_factory=list)
    # every job start as (month number, persons, start days, in COA) and every end as (month number, persons)
    banen_log: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)
    banen_einde_log: list[tuple[int, np.ndarray]] = field(default_factory=list)
    # persons by (event, month number) of a future event a phase has fixed (see Run.schedule)
    agenda: Agenda = field(default_factory=Agenda)
    # small sets a phase keeps between months (the voorinburgering participants)
    open: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def start(cls, pop: Population) -> State:
        """Everyone not yet arrived, no dates set."""
        n = len(pop)
        return cls(
            pop,
            np.zeros(n, np.int8),
            np.zeros(n, np.int8),
            np.full(n, -1, np.int8),
            DateColumns(DATE_COLUMNS, n),
            np.full(n, -1, np.int8),
            np.zeros(n, np.float32),
            np.zeros(n, np.float32),
            np.zeros((n, N_ONDERDELEN), np.int8),
            DayColumn(np.full((n, N_ONDERDELEN), EMPTY, np.int32)),
            np.zeros(n, bool),
            np.zeros(n, np.int16),
            np.zeros(n, bool),
            np.zeros(n, bool),
            np.zeros(n, bool),
            np.zeros(n, bool),
            np.zeros(n, np.int16),
            np.full(n, np.iinfo(np.int64).max, np.int64),
            np.full(n, np.iinfo(np.int64).max, np.int64),
            np.zeros(n, bool),
            np.zeros(n, np.float64),
            np.zeros(n, np.float64),
            np.zeros(n, np.float64),
            np.zeros(n, np.int8),
            np.zeros(n, bool),
        )

    def set_date(self, name: str, idx: np.ndarray, values: np.ndarray) -> None:
        """Set a date for ``idx``; dates are set once and never moved back."""
        if len(idx) == 0:
            return
        column = self.dates[name].days
        current, new = column[idx], narrow(values)
        if np.any((current != EMPTY) & (new != EMPTY) & (new < current)):
            raise AssertionError(f"{name} would move back in time")
        column[idx] = new


def finished_at_a2_by_choice(st: State, idx: np.ndarray | None = None) -> np.ndarray:
    """Boolean per person (of ``idx``, or everyone): chose at VWN's interim evaluation to finish at A2.

    Not lowered by the college later (afschaling). One reading for the indicator ``afgerondOpA2``,
    the cost of the support that follows the choice (``rijk.a2Vervolg``) and the job chance's A2
    factor, so the three count the same persons.
    """
    sel = slice(None) if idx is None else idx
    d = st.dates
    return np.asarray(st.doel_a2[sel] & ~np.isnat(d["datumA2Evaluatie"][sel]) & np.isnat(d["datumAfschaling"][sel]))
