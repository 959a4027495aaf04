"""The national synthetic population: yearly cohorts of newcomers who become obliged.

Cohort sizes and compositions come from the behavioural parameters (``sim/behaviour``), which
cite CBS and the Rekenkamer for 2022-2024 and say ``assumption`` for later years. A cohort is
defined as the CBS defines it: by the year the obligation starts (the permit). Asylum
applicants who follow their own procedure enter the simulation at their application, a drawn
procedure time before the permit; nareizigers, family and other migrants enter at the permit.

Every attribute is a pure function of (seed, person id) through :mod:`inburgering.sim.rng`,
so the population does not depend on the scenario, and a person keeps their attributes in
every run with the same seed.

Children, unaccompanied minors, the AOW-aged and the stock of status holders in COA on
1 January 2022 follow them (:mod:`inburgering.sim.companions`; column ``rol``), and last the
status holders of 2014-2021 who live here under the Wi2013 (:mod:`inburgering.sim.stock_wi2013`).

Rejected asylum applicants (group ``afgewezen``) are generated after the obliged, so adding
them changes no other person: per decision year, as many as the rejection share of decisions
implies next to that year's own-procedure permits. They arrive at their application, wait in
COA during the procedure and leave COA a drawn time after the rejection; they never become
obliged. Their cohort is the year of the decision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from inburgering.codes import GROEPEN, Groep
from inburgering.dates import DAYS_PER_MONTH, MonthIndex, month_numbers
from inburgering.i18n import N_, Said
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.companions import add_companions
from inburgering.sim.rng import choice, normal, uniform
from inburgering.sim.stock_wi2013 import exams_of_the_coa_stock, wi2013_stock
from inburgering.sim.traits import (
    AGE_BANDS,
    BAND_KEYS,
    by_year,
    nationality,
    procedure_months,
    schooling,
    sponsor_permit,
)
from inburgering.sim.traits import HOOG as HOOG  # education levels, re-exported
from inburgering.sim.traits import LAAG as LAAG
from inburgering.sim.traits import MIDDEN as MIDDEN

ASIEL, NAREIZIGER, GEZIN, OVERIG, AFGEWEZEN = Groep
GROUP_NAMES = GROEPEN
COA_GROUPS = (ASIEL, AFGEWEZEN)  # arrive at their own asylum application
MAN, VROUW = 0, 1
_AGE_BANDS, _BAND_KEYS = AGE_BANDS, BAND_KEYS


MIN_SCALE = 0.001  # below it the cohorts round to a handful of persons, or to nobody


def scale_problem(scale: object, most: float) -> str | None:
    """Why ``scale`` cannot be used, or ``None``: a finite number from :data:`MIN_SCALE` to ``most``.

    One check for every door (command line, API, web page, Python), so that ``1e-6`` or ``1e400``
    is refused before any work rather than failing after it, or giving an empty population.
    """
    text = N_("value {value} is not allowed; allowed: a number from {low} to {high}")
    bounds = {"low": MIN_SCALE, "high": f"{most:g}"}
    if not isinstance(scale, int | float) or isinstance(scale, bool):
        return Said(text, value=repr(str(scale)[:40]), **bounds)
    try:
        value = float(scale)
    except OverflowError:  # a whole number beyond any float
        return Said(text, value=f"{str(scale)[:40]}...", **bounds)
    if not math.isfinite(value) or not MIN_SCALE <= value <= most:
        return Said(text, value=repr(scale), **bounds)
    return None


@dataclass(frozen=True)
class PopulationConfig:
    """What to generate. ``schaal`` multiplies every cohort (0.1 for quick runs)."""

    eerste_jaar: int = 2022
    laatste_instroomjaar: int = 2030
    schaal: float = 1.0
    seed: int = 20260202


@dataclass(frozen=True)
class Population:
    """Persons as columns; row ``i`` is person id ``i``."""

    columns: dict[str, np.ndarray] = field(repr=False)

    def __len__(self) -> int:
        return len(self.columns["groep"])

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]


def clock_from(pop: Population, clock: np.ndarray, idx: np.ndarray | None = None) -> np.ndarray:
    """Month numbers from which a constant-hazard clock runs: ``clock``, or the month a person became known.

    A caseload file describes persons still present on its date (column ``bekendOp``); with a
    constant hazard the time left is again geometric from then (memoryless), so such a clock
    restarts there. The synthetic population has no such column and is unchanged.
    ``idx`` picks the persons ``clock`` is for (all when omitted).
    """
    if "bekendOp" not in pop.columns:
        return clock
    known = pop["bekendOp"] if idx is None else pop["bekendOp"][idx]
    month = month_numbers(known)
    return np.where(np.isnat(known), clock, np.maximum(clock, month))


def cohort_sizes(b: Behaviour, config: PopulationConfig) -> list[tuple[int, int, int]]:
    """(year, asylum persons, family-and-other persons) per cohort, scaled."""
    out = []
    for year in range(config.eerste_jaar, config.laatste_instroomjaar + 1):
        asiel = b.v(f"instroom.asiel_{year}") if f"instroom.asiel_{year}" in b else b.v("instroom.asiel_vanaf_2025")
        gezin = b.v(f"instroom.gezin_{year}") if f"instroom.gezin_{year}" in b else b.v("instroom.gezin_vanaf_2024")
        out.append((year, round(asiel * config.schaal), round(gezin * config.schaal)))
    return out


def rejection_share(b: Behaviour, year: int) -> float:
    """Share of first-instance asylum decisions in ``year`` that are rejections."""
    key = f"instroom.afwijzing_{year}"
    return b.v(key) if key in b else b.v("instroom.afwijzing_vanaf_2025")


def generate_population(b: Behaviour, config: PopulationConfig) -> Population:
    """All cohorts from ``eerste_jaar`` to ``laatste_instroomjaar``, the rejected applicants, then the companions."""
    sizes = cohort_sizes(b, config)
    year = np.concatenate([np.full(a + g, y, np.int16) for y, a, g in sizes])
    is_asiel = np.concatenate([np.r_[np.ones(a, bool), np.zeros(g, bool)] for _, a, g in sizes])
    n_obliged = len(year)
    s = config.seed

    def u_for(ids: np.ndarray, name: str) -> np.ndarray:
        return uniform(s, ids, f"populatie.{name}", 0)

    nareis = is_asiel & (u_for(np.arange(n_obliged), "nareiziger") < by_year(b, "instroom.aandeel_nareizigers", year))
    # rejected applicants next to each year's own-procedure permits, appended after everyone
    own = np.bincount(year[is_asiel & ~nareis] - config.eerste_jaar, minlength=len(sizes))
    rejected_per_year = [
        round(int(k) * rejection_share(b, y) / (1 - rejection_share(b, y)))
        for (y, _, _), k in zip(sizes, own, strict=True)
    ]
    year = np.concatenate(
        [year, *[np.full(k, y, np.int16) for (y, _, _), k in zip(sizes, rejected_per_year, strict=True)]]
    )
    n = len(year)
    rejected = np.arange(n) >= n_obliged
    is_asiel = np.r_[is_asiel, np.ones(n - n_obliged, bool)]
    nareis = np.r_[nareis, np.zeros(n - n_obliged, bool)]
    pid = np.arange(n, dtype=np.int64)

    def u(name: str) -> np.ndarray:
        return u_for(pid, name)

    overig = ~is_asiel & (u("nareiziger") < b.v("instroom.aandeel_overig_in_gezin"))
    groep = np.select(
        [rejected, is_asiel & ~nareis, nareis, ~is_asiel & ~overig], [AFGEWEZEN, ASIEL, NAREIZIGER, GEZIN], OVERIG
    ).astype(np.int8)

    # the permit (start of the obligation): a uniform day in the cohort year
    start = (
        np.array([f"{y}-01-01" for y in year.tolist()], dtype="datetime64[D]") if n else np.array([], "datetime64[D]")
    )
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    vergunning = start + (u("dag") * np.where(leap, 366, 365)).astype("timedelta64[D]")

    man_share = np.where(year == 2022, b.v("populatie.man_asiel_2022"), b.v("populatie.man_asiel"))
    man_share = np.where(is_asiel, man_share, 1 - b.v("populatie.vrouw_gezin"))
    geslacht = np.where(u("geslacht") < man_share, MAN, VROUW).astype(np.int8)

    band_a = [b.v(f"populatie.leeftijd_asiel_{k}") for k in _BAND_KEYS]
    band_g = [b.v(f"populatie.leeftijd_gezin_{k}") for k in _BAND_KEYS]
    band = np.where(
        is_asiel,
        choice(s, pid, "populatie.leeftijd", 0, _norm(band_a)),
        choice(s, pid, "populatie.leeftijd", 0, _norm(band_g)),
    )
    low = np.array([lo for lo, _ in _AGE_BANDS])[band]
    high = np.array([hi for _, hi in _AGE_BANDS])[band]
    # born between the calendar birthdays: at least `low` and under `high` years old at the permit
    permit_months = MonthIndex(vergunning)
    latest = permit_months.plus(-12 * low)
    earliest = permit_months.plus(-12 * high) + np.timedelta64(1, "D")
    span = (latest - earliest).astype(np.int64)
    geboortedatum = latest - np.floor(u("leeftijdbinnen") * (span + 1)).astype(np.int64).astype("timedelta64[D]")
    age_days = (vergunning - geboortedatum).astype(np.int64)

    nationaliteit = nationality(b, s, pid, is_asiel)
    age_years = age_days / 365.2425
    traits = schooling(b, s, pid, age_years)
    jong_kind = (
        (geslacht == VROUW) & (age_years >= 18) & (age_years < 45) & (u("jongkind") < b.v("populatie.jong_kind_vrouw"))
    )
    amv = is_asiel & (age_years < 18) & (u("amv") < b.v("populatie.amv_16_17_asiel"))
    # the class is set at the application, before the outcome: most later permit holders, and some of the
    # later rejected (one draw, two shares, so the permit holders' class is what it was)
    share = np.where(rejected, b.v("asiel.kansrijk_onder_afgewezenen"), b.v("asiel.kansrijk_onder_vergunninghouders"))
    kansrijk = u("kansrijk") < share

    # own asylum procedure before the permit: log-normal months
    months = procedure_months(b, year, normal(s, pid, "populatie.procedureduur", 0))
    own_procedure = np.isin(groep, COA_GROUPS)
    aanvraag = np.where(
        own_procedure, vergunning - (months * DAYS_PER_MONTH).astype("timedelta64[D]"), np.datetime64("NaT", "D")
    )
    instroom = np.where(own_procedure, aanvraag, vergunning)
    # for the rejected the drawn decision day is the rejection; they leave COA a drawn time later
    nat = np.datetime64("NaT", "D")
    afwijzing = np.where(rejected, vergunning, nat)
    stay = -np.log1p(-u("vertrekcoa")) * b.v("asiel.verblijf_na_afwijzing_maanden") * DAYS_PER_MONTH
    vertrek_coa = np.where(rejected, vergunning + stay.astype("timedelta64[D]"), nat)
    vergunning = np.where(rejected, nat, vergunning)

    sponsor = _sponsors(b, s, pid, groep, vergunning)
    cols = {
        "groep": groep,
        "sponsor": sponsor,
        "cohort": year,
        "geslacht": geslacht,
        "geboortedatum": geboortedatum,
        "nationaliteit": nationaliteit,
        "opleiding": traits["opleiding"],
        "geletterd": traits["geletterd"],
        "jongKind": jong_kind,
        "amv": amv,
        "kansrijk": kansrijk,
        "datumAsielaanvraag": aanvraag,
        "datumVerblijfsrecht": vergunning,
        "datumAfwijzing": afwijzing,
        "vertrekUitCoa": vertrek_coa,
        "instroom": instroom,
        "leerbaarheid": traits["leerbaarheid"],
    }
    cols = add_companions(b, s, config.schaal, cols)
    cols = _with_wi2013_stock(cols, wi2013_stock(b, s, len(cols["groep"]), config.schaal), b, s)
    cols["sponsorVergunning"] = _outside_sponsor_permit(b, s, cols)
    cols["beroepSchorsend"] = _suspended(b, s, cols)
    cols["versneld"] = _accelerated(b, s, cols)
    return Population(cols)


def _accelerated(b: Behaviour, seed: int, cols: dict[str, np.ndarray]) -> np.ndarray:
    """Boolean: the applicant's procedure is an accelerated one (Regulation (EU) 2024/1348 art. 42.1).

    Only an applicant whose chance is not high can be in one; a share of them is
    (``asiel.versneld_onder_niet_kansrijk``, an assumption), the rest in the regular procedure.
    The Migration Pact bars only the accelerated procedure from work (Directive 2024/1346 art.
    17.1); before, every applicant drawn as not high-chance was barred (decision 0022). One draw
    per household (a child's is its parent's), as the class is.
    """
    n = len(cols["groep"])
    head = np.where(cols["ouder"] >= 0, cols["ouder"], np.arange(n, dtype=np.int64))
    drawn = uniform(seed, head, "populatie.versneld", 0) < b.v("asiel.versneld_onder_niet_kansrijk")
    return np.asarray(np.isin(cols["groep"], COA_GROUPS) & ~cols["kansrijk"] & drawn)


def _with_wi2013_stock(
    cols: dict[str, np.ndarray], stock: dict[str, np.ndarray], b: Behaviour, seed: int
) -> dict[str, np.ndarray]:
    """``cols`` with the Wi2013 stock appended; its own columns are NaT or False for everyone else.

    But for the exam and release of the status holders in COA on 1 January 2022, whom the old Act
    obliges as well (:func:`inburgering.sim.stock_wi2013.exams_of_the_coa_stock`).
    """
    n = len(cols["groep"])
    cols = {**cols, **without_wi2013_stock(n), **exams_of_the_coa_stock(b, seed, cols)}
    return {name: np.concatenate([column, stock[name]]) for name, column in cols.items()}


def without_wi2013_stock(n: int) -> dict[str, np.ndarray]:
    """The Wi2013 stock's own columns for ``n`` persons who are not in it (a caseload file's rows, too)."""
    nat = np.full(n, np.datetime64("NaT", "D"))
    return {
        "examenWi2013": nat,
        "onthevenWi2013": np.zeros(n, bool),
        "naturalisatieVroegstVoorraad": nat.copy(),
        "naturalisatieVerzoekVoorraad": nat.copy(),
    }


def _sponsors(b: Behaviour, seed: int, pid: np.ndarray, groep: np.ndarray, vergunning: np.ndarray) -> np.ndarray:
    """For each nareiziger, the asylum permit holder they join (-1 for everyone else).

    The sponsor is the one whose permit lies nearest a drawn reunification wait before the
    nareiziger's; -1 when that falls before the first cohort (a sponsor outside this population).
    """
    sponsor = np.full(len(pid), -1, np.int64)
    holders = np.flatnonzero(groep == ASIEL)
    followers = np.flatnonzero(groep == NAREIZIGER)
    if len(holders) == 0 or len(followers) == 0:
        return sponsor
    target = sponsor_permit(b, seed, pid[followers], vergunning[followers])
    order = np.argsort(vergunning[holders], kind="stable")
    sorted_dates = vergunning[holders][order]
    at = np.clip(np.searchsorted(sorted_dates, target), 0, len(order) - 1)
    inside = target >= sorted_dates[0]
    sponsor[followers[inside]] = holders[order[at[inside]]]
    return sponsor


def _outside_sponsor_permit(b: Behaviour, seed: int, cols: dict[str, np.ndarray]) -> np.ndarray:
    """For a nareiziger whose sponsor got the permit before 2022 (outside the population), that permit's day.

    The sponsor is not simulated, but whether they still wait in COA when their family arrives
    is (:func:`inburgering.sim.phases.opvang.arrive`); a nareiziger's child takes the parent's
    day. ``NaT`` for everyone else, including nareizigers whose sponsor is in the population.
    """
    groep, sponsor, ouder = cols["groep"], cols["sponsor"], cols["ouder"]
    out = np.full(len(groep), np.datetime64("NaT", "D"))
    outside = np.flatnonzero((groep == NAREIZIGER) & (sponsor < 0))
    key = np.where(ouder[outside] >= 0, ouder[outside], outside)
    out[outside] = sponsor_permit(b, seed, key, cols["datumVerblijfsrecht"][key])
    return out


def _suspended(b: Behaviour, seed: int, cols: dict[str, np.ndarray]) -> np.ndarray:
    """Whether an appeal suspends a rejection's effect (Vw 2000 art. 82), so that the stay stays lawful.

    Drawn once per family (a child takes its parent's draw); ``False`` for everyone not rejected.
    When the suspension ends is not drawn here: the engine dates it from the person's stay in
    COA and the departure term (:func:`inburgering.sim.phases.werk.access`).
    """
    rejected = np.flatnonzero(~np.isnat(cols["datumAfwijzing"]))
    key = np.where(cols["ouder"][rejected] >= 0, cols["ouder"][rejected], rejected)
    out = np.zeros(len(cols["groep"]), bool)
    u = uniform(seed, key, "populatie.afwijzing.schorsing", 0)
    out[rejected] = u < b.v("asiel.afwijzing_opgeschort_aandeel")
    return out


def _norm(shares: list[float]) -> list[float]:
    total = sum(shares)
    return [x / total for x in shares]
