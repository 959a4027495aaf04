"""The persons who come with the newcomers but do not (yet) have to integrate, and those already here in 2022.

The newcomers of :mod:`inburgering.sim.population` are the persons CBS counts as obliged
(16 up to the AOW age) and the rejected applicants. Reception, guidance and the letter's
proposals also concern others, added here as blocks after everyone else, so that adding them
changes no earlier person (every attribute is a pure function of seed and person id):

1. **Children 0-15 with a parent in their own asylum procedure** (``rol`` KIND): they share the
   parent's application, decision and departure from COA, move into the parent's home
   (``sponsor``) and leave the country with the parent (``ouder``). A parent is drawn among the
   newcomers aged 20 or more who are not unaccompanied minors, and is at least 16 years older.
2. **Unaccompanied minors under 16** (AMV, ``amv``): their procedure is that of a drawn asylum
   newcomer of the same stream; no parent.
3. **Children 0-15 of nareizigers**, who arrive with the nareiziger parent and join the same home.
4. **Asylum newcomers of AOW age** (``rol`` AOW): never obliged (art. 3.1), they appear for
   reception and for the guidance a scenario may give them.
5. **The stock on 1 January 2022** (``rol`` VOORRAAD): status holders who got their permit
   before the Act and still wait in COA for a home. Their obligation, if any, is that of the old
   Act (art. 54.1), except for minors still in compulsory schooling then, whom this Act obliges
   from 18 (the rulebook decides; :func:`inburgering.rules.plicht.under_old_act`); they matter for
   COA occupancy and housing.
6. **The rest of COA's residents on 1 January 2022** (``rol`` VOORRAAD, group ``afgewezen``):
   applicants rejected before 2022 who await departure or an appeal, Dublin claimants and repeat
   applicants, sized as COA's occupancy less the IND's pending cases and the status holders.
   They leave COA as rejected applicants do. (The applicants pending on that day are newcomers
   or rejected applicants of 2022 and later: their application lies before their decision.)

Family migrants' children are not generated: they do not enter COA and get no MB, so nothing
the model reports depends on them yet.
"""

from __future__ import annotations

import numpy as np

from inburgering.codes import Groep
from inburgering.dates import DAYS_PER_MONTH
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.rng import choice, normal, uniform
from inburgering.sim.traits import AGE_BANDS, BAND_KEYS, born_at_age, nationality, procedure_months, schooling

ASIEL, NAREIZIGER, _GEZIN, _OVERIG, AFGEWEZEN = Groep
NIEUWKOMER, KIND, AOW, VOORRAAD, WI2013 = 0, 1, 2, 3, 4  # the ``rol`` column (WI2013: sim.stock_wi2013)
ROLLEN = ("nieuwkomer", "kind", "aowLeeftijd", "voorraad2022", "wi2013Voorraad")
STOCK_DAY = np.datetime64("2022-01-01", "D")
NAT = np.datetime64("NaT", "D")
UNDER_16 = 15.99  # years: the oldest child, safely short of the 16th birthday (plicht.minimumleeftijd)
MIN_PARENT_AGE = 20  # years: a parent is an adult at least 16 years older than the child (assumed)

Columns = dict[str, np.ndarray]


def add_companions(b: Behaviour, seed: int, scale: float, cols: Columns) -> Columns:
    """``cols`` (the newcomers) with the six blocks appended, in the order of the module's docstring."""
    cols = {**cols, "rol": np.zeros(len(cols["groep"]), np.int8), "ouder": np.full(len(cols["groep"]), -1, np.int64)}
    own = np.flatnonzero(np.isin(cols["groep"], (ASIEL, AFGEWEZEN)))
    nareis = np.flatnonzero(cols["groep"] == NAREIZIGER)
    age = _age_at_decision(cols, np.arange(len(cols["groep"])))
    can_parent = (age >= MIN_PARENT_AGE) & ~cols["amv"]
    own_parents, nareis_parents = own[can_parent[own]], nareis[can_parent[nareis]]
    per_kid, per_nareis = b.v("populatie.kinderen_per_asielzoeker"), b.v("populatie.kinderen_per_nareiziger")
    steps = (
        lambda c, first: _with_parent(b, seed, c, first, own_parents, _count(per_kid, own), "kind"),
        lambda c, first: _unaccompanied(b, seed, c, first, own),
        lambda c, first: _with_parent(b, seed, c, first, nareis_parents, _count(per_nareis, nareis), "nareis"),
        lambda c, first: _aow_aged(b, seed, c, first, own),
        lambda c, first: _stock(b, seed, first, scale),
        lambda c, first: _stock_rejected(b, seed, first, scale),
    )
    for step in steps:
        block = step(cols, len(cols["groep"]))
        cols = {name: np.concatenate([column, block[name]]) for name, column in cols.items()}
    return cols


def _copies(cols: Columns, template: np.ndarray, pid: np.ndarray, seed: int) -> Columns:
    """Columns for new persons ``pid`` that take their procedure dates and group from ``template`` persons."""
    n = len(pid)
    out = {
        name: cols[name][template].copy()
        for name in (
            "groep",
            "cohort",
            "datumAsielaanvraag",
            "datumVerblijfsrecht",
            "datumAfwijzing",
            "vertrekUitCoa",
            "instroom",
            "kansrijk",
            "nationaliteit",
        )
    }
    out["sponsor"] = np.full(n, -1, np.int64)
    out["ouder"] = np.full(n, -1, np.int64)
    out["geslacht"] = (uniform(seed, pid, "populatie.geslacht", 0) < 0.5).astype(np.int8)  # girls and boys alike
    out["jongKind"] = np.zeros(n, bool)
    out["amv"] = np.zeros(n, bool)
    return out


def _decision_day(cols: Columns, idx: np.ndarray) -> np.ndarray:
    """The permit, or for a rejected applicant the rejection: the day the age of a companion is set on."""
    return np.where(
        np.isnat(cols["datumVerblijfsrecht"][idx]), cols["datumAfwijzing"][idx], cols["datumVerblijfsrecht"][idx]
    )


def _finish(b: Behaviour, seed: int, out: Columns, pid: np.ndarray, years: np.ndarray, rol: int) -> Columns:
    """Birth dates from the age on the decision day (not after arrival, nor an application before them), traits and the role."""
    on = _decision_day(out, np.arange(len(pid)))
    out["geboortedatum"] = np.minimum(born_at_age(on, years), out["instroom"])
    if "datumAsielaanvraag" in out:  # a child born during the procedure applied at birth, not before it (a review)
        out["datumAsielaanvraag"] = np.maximum(out["datumAsielaanvraag"], out["geboortedatum"])
    out.update(schooling(b, seed, pid, years))
    out["rol"] = np.full(len(pid), rol, np.int8)
    return out


def _pick(seed: int, pid: np.ndarray, pool: np.ndarray, name: str) -> np.ndarray:
    """One person of ``pool`` for each of ``pid``, uniformly."""
    u = uniform(seed, pid, f"populatie.{name}", 0)
    return pool[np.minimum((u * len(pool)).astype(np.int64), len(pool) - 1)]


def _count(per: float, pool: np.ndarray) -> int:
    return round(per * len(pool)) if len(pool) else 0


def _age_at_decision(cols: Columns, idx: np.ndarray) -> np.ndarray:
    """Age in years on the permit, or for a rejected applicant on the rejection."""
    return (_decision_day(cols, idx) - cols["geboortedatum"][idx]).astype(np.int64) / 365.2425


def _with_parent(b: Behaviour, seed: int, cols: Columns, first: int, parents: np.ndarray, n: int, name: str) -> Columns:
    """``n`` children 0-15 of ``parents`` (adults who are not unaccompanied minors): same dates, home and departure.

    A child is at least ``MIN_PARENT_AGE - 4`` years younger than its parent.
    """
    pid = first + np.arange(n if len(parents) else 0, dtype=np.int64)
    parent = _pick(seed, pid, parents, f"ouder.{name}") if len(pid) else pid
    out = _copies(cols, parent, pid, seed)
    # an asylum child moves into the parent's home; a nareiziger's child joins the same sponsor
    out["sponsor"] = np.where(cols["groep"][parent] == NAREIZIGER, cols["sponsor"][parent], parent)
    out["ouder"] = parent
    oldest = np.minimum(UNDER_16, _age_at_decision(cols, parent) - (MIN_PARENT_AGE - 4))
    years = oldest * uniform(seed, pid, "populatie.leeftijd", 0)  # ages spread evenly (assumed)
    return _finish(b, seed, out, pid, years, KIND)


def _unaccompanied(b: Behaviour, seed: int, cols: Columns, first: int, own: np.ndarray) -> Columns:
    """Unaccompanied minors under 16, each with the procedure of a drawn asylum newcomer."""
    pid = first + np.arange(_count(b.v("populatie.amv_onder_16_per_asielzoeker"), own), dtype=np.int64)
    out = _copies(cols, _pick(seed, pid, own, "amv.procedure") if len(pid) else pid, pid, seed)
    out["amv"] = np.ones(len(pid), bool)
    older = uniform(seed, pid, "populatie.amv.leeftijd", 0) < b.v("populatie.amv_14_15_aandeel")
    within = uniform(seed, pid, "populatie.leeftijdbinnen", 0)
    years = np.where(older, 14 + (UNDER_16 - 14) * within, 10 + 4 * within)  # 14-15, or 10-13 (assumed)
    return _finish(b, seed, out, pid, years, KIND)


def _aow_aged(b: Behaviour, seed: int, cols: Columns, first: int, own: np.ndarray) -> Columns:
    """Asylum newcomers aged 68-79 at the decision: above the AOW age of every year the model covers."""
    pid = first + np.arange(_count(b.v("populatie.aow_per_asielzoeker"), own), dtype=np.int64)
    out = _copies(cols, _pick(seed, pid, own, "aow.procedure") if len(pid) else pid, pid, seed)
    years = 68 + 12 * uniform(seed, pid, "populatie.leeftijdbinnen", 0)
    return _finish(b, seed, out, pid, years, AOW)


def _stock(b: Behaviour, seed: int, first: int, scale: float) -> Columns:
    """Status holders in COA on 1 January 2022, waiting for a home; they enter the run on that day.

    The time since their permit is under 3 months for a published share, otherwise 3 months
    plus an exponential wait at the later housing hazard. Their ages follow the asylum stream,
    children included; a child here has no parent in the model.
    """
    n = round(b.v("instroom.voorraad_coa_vergunninghouders_2022") * scale)
    pid = first + np.arange(n, dtype=np.int64)
    u_wait = uniform(seed, pid, "populatie.voorraad.wacht", 0)
    recent = uniform(seed, pid, "populatie.voorraad.kort", 0) < b.v("instroom.voorraad_korter_dan_3_maanden")
    months = np.where(recent, 3 * u_wait, 3 - np.log1p(-u_wait) / b.v("asiel.huisvesting_maandkans"))
    permit = STOCK_DAY - np.ceil(months * DAYS_PER_MONTH).astype(np.int64).astype("timedelta64[D]")
    out = _stock_columns(b, seed, pid, permit)
    out.update(
        groep=np.full(n, ASIEL, np.int8),
        datumVerblijfsrecht=permit,
        datumAfwijzing=np.full(n, NAT),
        vertrekUitCoa=np.full(n, NAT),
        kansrijk=np.ones(n, bool),
    )
    return _finish(b, seed, out, pid, _asylum_ages(b, seed, pid), VOORRAAD)


def _stock_rejected(b: Behaviour, seed: int, first: int, scale: float) -> Columns:
    """COA's other residents on 1 January 2022: rejected (or not to be decided here), waiting to leave.

    The stay after a rejection is exponential, so both the time already spent since the
    rejection and the time left from 1 January 2022 are exponential with the same mean
    (``asiel.verblijf_na_afwijzing_maanden``). Ages follow the asylum stream, children included.
    """
    n = round(b.v("instroom.voorraad_coa_overig_2022") * scale)
    pid = first + np.arange(n, dtype=np.int64)
    mean = b.v("asiel.verblijf_na_afwijzing_maanden") * DAYS_PER_MONTH
    since = -np.log1p(-uniform(seed, pid, "populatie.voorraad.afwijzing", 0)) * mean
    left = -np.log1p(-uniform(seed, pid, "populatie.voorraad.vertrek", 0)) * mean
    rejected = STOCK_DAY - np.ceil(since).astype(np.int64).astype("timedelta64[D]")
    out = _stock_columns(b, seed, pid, rejected)
    out.update(
        groep=np.full(n, AFGEWEZEN, np.int8),
        datumVerblijfsrecht=np.full(n, NAT),
        datumAfwijzing=rejected,
        vertrekUitCoa=STOCK_DAY + np.ceil(left).astype(np.int64).astype("timedelta64[D]"),
        kansrijk=np.zeros(n, bool),
    )
    return _finish(b, seed, out, pid, _asylum_ages(b, seed, pid), VOORRAAD)


def _stock_columns(b: Behaviour, seed: int, pid: np.ndarray, decided: np.ndarray) -> Columns:
    """What the two stock blocks of 2022 share: entry on 1 January 2022, an application a procedure before the decision.

    Decisions before 2022 take the default procedure median (the application day matters for
    no indicator); traits follow the asylum stream, with no parent or sponsor in the model.
    """
    n = len(pid)
    year = decided.astype("datetime64[Y]").astype(np.int64) + 1970
    procedure = procedure_months(b, year, normal(seed, pid, "populatie.procedureduur", 0))
    return {
        "cohort": year.astype(np.int16),
        "datumAsielaanvraag": decided - (procedure * DAYS_PER_MONTH).astype(np.int64).astype("timedelta64[D]"),
        "instroom": np.full(n, STOCK_DAY),
        "nationaliteit": nationality(b, seed, pid, np.ones(n, bool)),
        "sponsor": np.full(n, -1, np.int64),
        "ouder": np.full(n, -1, np.int64),
        "geslacht": (uniform(seed, pid, "populatie.geslacht", 0) >= b.v("populatie.man_asiel")).astype(np.int8),
        "jongKind": np.zeros(n, bool),
        "amv": np.zeros(n, bool),
    }


def _asylum_ages(b: Behaviour, seed: int, pid: np.ndarray) -> np.ndarray:
    """Ages in years for a stock block: children 0-15 in the share of the asylum stream, adults by its age bands."""
    kids = b.v("populatie.kinderen_per_asielzoeker") + b.v("populatie.amv_onder_16_per_asielzoeker")
    child = uniform(seed, pid, "populatie.voorraad.kind", 0) < kids / (1 + kids)
    shares = [b.v(f"populatie.leeftijd_asiel_{k}") for k in BAND_KEYS]
    band = choice(seed, pid, "populatie.leeftijd", 0, [x / sum(shares) for x in shares])
    low = np.array([lo for lo, _ in AGE_BANDS])[band]
    high = np.array([hi for _, hi in AGE_BANDS])[band]
    within = uniform(seed, pid, "populatie.leeftijdbinnen", 0)
    return np.asarray(np.where(child, UNDER_16 * within, low + (high - low) * within))
