"""The Wi2013 stock: asylum status holders of 2014-2021 who live here, not naturalised, on 1 January 2022.

Why they are in the model: the coalition's naturalisation rules (six years, two temporary
permits, B1) apply to every request from their start, so they reach the status holders of the
Wet inburgering 2013 as much as the new ones, and those are the larger group for years. Without
them a comparison shows the effect on naturalisation only for the Wi2021 cohorts, which
become eligible from 2027.

Who: per permit year 2014-2021, the persons obliged under the Wi2013 (adults at the permit),
scaled like every cohort. Their history up to 2022 is drawn with the model's own hazards, and
only those still here and not naturalised on 1 January 2022 enter the run:

- **Wi2013 exam**: a share passes the A2 inburgeringsexamen (every part), a drawn time after
  the permit (a delay, then an exponential wait, fitted to CBS's 2014 permit cohort: 6% passed
  after about 2.25 years, 58% after about 4.25); a share of the others is released
  (ontheffing); the rest never passes.
- **Housing**: a wait at the run's housing hazards (``asiel.huisvesting_maandkans_vroeg`` in the
  first months, then ``asiel.huisvesting_maandkans``); who still waited in COA on 1 January
  2022 is in the stock of :mod:`inburgering.sim.companions` instead.
- **Leaving**: the yearly emigration hazard of status holders (``vertrek``), from the permit.
- **Naturalised before 2022**: a passer may request it once the residence years are complete
  (RWN art. 8.1.c; the law's first value of ``naturalisatie.verblijfsjaren``, which the RWN
  had before 2022 as well), after the model's request wait; granted with the model's chance
  and decision time (``naturalisatie``). Who was naturalised by then is not in the stock; the
  day one could first ask, if before 2022 (``naturalisatieVroegstVoorraad``: the rulebook's
  parameters start in 2022), and a request made before 2022 and decided later
  (``naturalisatieVerzoekVoorraad``) are kept.

In the run they live in a municipality from its first day (``vertrekUitCoa`` before the entry
marks them housed), are not obliged under the Wi2021 (art. 54.1; the rulebook's ``plicht``
says ``wi2013``), pass their exam on its drawn day if still here (``examenWi2013``), and ask
the rulebook when they may naturalise (:mod:`inburgering.sim.phases.wi2013`). Their work is
not simulated: their job history since the permit is not in the model, so they are outside the
working ages (:func:`inburgering.sim.phases.werk.working_age`). Children, family migrants and
the B1 level that about 2% reached are left out (docs/decisions/0016).
"""

from __future__ import annotations

import numpy as np

from inburgering.codes import Groep
from inburgering.dates import DAYS_PER_MONTH, MonthIndex
from inburgering.law.parameters import law_start, load_parameters
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.companions import VOORRAAD, WI2013
from inburgering.sim.rng import choice, normal, uniform
from inburgering.sim.traits import AGE_BANDS, BAND_KEYS, nationality, procedure_months, schooling

YEARS = tuple(range(2014, 2022))  # permit years of the stock (the Wi2013 applied from 2013-01-01)
STOCK_DAY = np.datetime64("2022-01-01", "D")
ASIEL = int(Groep.ASIEL)
_NAT = np.datetime64("NaT", "D")
_YEAR_DAYS = 365.2425

Columns = dict[str, np.ndarray]


def wi2013_stock(b: Behaviour, seed: int, first: int, scale: float) -> Columns:
    """The stock's columns, for person ids ``first`` onwards (see the module docstring)."""
    per_year = [
        round(b.v(f"instroom.wi2013_vergunningen_{y}") * b.v("instroom.wi2013_plichtig_aandeel") * scale) for y in YEARS
    ]
    year = np.concatenate([np.full(k, y, np.int16) for y, k in zip(YEARS, per_year, strict=True)])
    key = first + np.arange(len(year), dtype=np.int64)  # candidates' keys: unique, above every earlier person

    def u(name: str) -> np.ndarray:
        return uniform(seed, key, f"populatie.wi2013.{name}", 0)

    start = np.array([f"{y}-01-01" for y in year.tolist()], dtype="datetime64[D]")
    permit = start + (u("dag") * 365).astype(np.int64).astype("timedelta64[D]")
    procedure = procedure_months(b, year, normal(seed, key, "populatie.procedureduur", 0))
    application = permit - (procedure * DAYS_PER_MONTH).astype(np.int64).astype("timedelta64[D]")
    exam, released = _exam(b, u("examen"), u("examenwacht"), u("ontheffing"), permit)
    gone = permit + (_years(u("vertrek"), b.v("vertrek.emigratie_asiel_per_jaar")) * _YEAR_DAYS).astype(
        np.int64
    ).astype("timedelta64[D]")
    naturalised, eligible, pending = _naturalised_before(b, u("aanvraag"), u("besluit"), application, exam, gone)
    # housed before 2022: those still waiting in COA then are the stock of companions._stock
    housed = permit + np.ceil(_housing_months(b, u("woning")) * DAYS_PER_MONTH).astype(np.int64).astype(
        "timedelta64[D]"
    )
    keep = np.flatnonzero((gone >= STOCK_DAY) & ~naturalised & (housed < STOCK_DAY))
    years = _adult_ages(b, seed, key[keep])
    n = len(keep)
    cols: Columns = {
        "groep": np.full(n, ASIEL, np.int8),
        "sponsor": np.full(n, -1, np.int64),
        "cohort": year[keep],
        "geslacht": (uniform(seed, key[keep], "populatie.geslacht", 0) >= b.v("populatie.man_asiel")).astype(np.int8),
        "geboortedatum": permit[keep] - np.round(years * _YEAR_DAYS).astype(np.int64).astype("timedelta64[D]"),
        "nationaliteit": nationality(b, seed, key[keep], np.ones(n, bool)),
        "jongKind": np.zeros(n, bool),  # only read by the job search, which the stock is outside
        "amv": np.zeros(n, bool),
        "kansrijk": np.ones(n, bool),
        "datumAsielaanvraag": application[keep],
        "datumVerblijfsrecht": permit[keep],
        "datumAfwijzing": np.full(n, _NAT),
        "vertrekUitCoa": housed[keep],  # housed before the run
        "instroom": np.full(n, STOCK_DAY),
        "rol": np.full(n, WI2013, np.int8),
        "ouder": np.full(n, -1, np.int64),
        "examenWi2013": exam[keep],
        "onthevenWi2013": released[keep],
        "naturalisatieVroegstVoorraad": eligible[keep],
        "naturalisatieVerzoekVoorraad": pending[keep],
    }
    traits = schooling(b, seed, key[keep], years)
    cols.update(opleiding=traits["opleiding"], geletterd=traits["geletterd"], leerbaarheid=traits["leerbaarheid"])
    return cols


def exams_of_the_coa_stock(b: Behaviour, seed: int, cols: Columns) -> Columns:
    """The Wi2013 exam and release of the status holders in COA on 1 January 2022 (``rol`` voorraad2022).

    They got their permit before the Act, so the old Act obliges the adults among them (art. 54.1),
    as it obliges the housed stock above; their exam and release are drawn as the stock's (the same
    hazards from the permit). Whoever was a minor on 1 January 2022 is left out (this Act may oblige
    them from 18; the rulebook decides). A simulation audit found them never assessed for
    naturalisation: without an exam in the model they could never meet the requirement.
    """
    n = len(cols["groep"])
    out = {"examenWi2013": np.full(n, _NAT), "onthevenWi2013": np.zeros(n, bool)}
    adult = MonthIndex(cols["geboortedatum"]).reaching(12 * 18) <= STOCK_DAY
    who = np.flatnonzero((cols["rol"] == VOORRAAD) & (cols["groep"] == ASIEL) & adult)
    key = who.astype(np.int64)

    def u(name: str) -> np.ndarray:
        return uniform(seed, key, f"populatie.wi2013.{name}", 0)

    exam, released = _exam(b, u("examen"), u("examenwacht"), u("ontheffing"), cols["datumVerblijfsrecht"][who])
    out["examenWi2013"][who], out["onthevenWi2013"][who] = exam, released
    return out


def _housing_months(b: Behaviour, u: np.ndarray) -> np.ndarray:
    """Months from the permit to a home at the run's stepped hazard (stage 2): early, then later."""
    early = -np.log1p(-b.v("asiel.huisvesting_maandkans_vroeg"))  # continuous-time rates
    late = -np.log1p(-b.v("asiel.huisvesting_maandkans"))
    window = b.v("asiel.huisvesting_vroeg_maanden")
    need = -np.log1p(-u)  # the cumulative hazard at the move
    return np.where(need < early * window, need / early, window + (need - early * window) / late)


def _years(u: np.ndarray, yearly: float) -> np.ndarray:
    """Years until an event with a constant ``yearly`` chance (continuous time; at most 1000)."""
    if yearly <= 0:
        return np.full(len(u), 1000.0)
    return np.minimum(np.log1p(-u) / np.log1p(-yearly), 1000.0)


def _exam(
    b: Behaviour, u_pass: np.ndarray, u_wait: np.ndarray, u_release: np.ndarray, permit: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The day the A2 exam was (or will be) passed, NaT if never; and who is released instead."""
    share = b.v("leren.wi2013_geslaagd_aandeel")
    passes = u_pass < share
    after = b.v("leren.wi2013_examen_vertraging_jaren") - np.log1p(-u_wait) / b.v("leren.wi2013_examen_per_jaar")
    day = permit + np.round(after * _YEAR_DAYS).astype(np.int64).astype("timedelta64[D]")
    released = ~passes & (u_release < b.v("leren.wi2013_ontheffing_aandeel") / max(1 - share, 1e-9))
    return np.where(passes, day, _NAT), released


def _naturalised_before(
    b: Behaviour,
    u_request: np.ndarray,
    u_grant: np.ndarray,
    application: np.ndarray,
    exam: np.ndarray,
    gone: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Who was a Dutch national before 2022; the day they could first ask, if before 2022; a request pending then.

    Eligible once the residence years from the application (Vw 2000 art. 44.2) are complete and
    the exam is passed (the A2 requirement of the time); the request follows the model's monthly
    request chance, the decision its decision time. Naturalised: granted and still here at the
    decision, before 2022. Pending: requested before 2022, decided from 2022 on (in the run).
    """
    law = load_parameters()
    years = int(law.value("naturalisatie.verblijfsjaren", law_start(law)))
    eligible = np.maximum(MonthIndex(application).plus(12 * years), exam)  # NaT (never passed) stays NaT
    wait = np.floor(np.log1p(-u_request) / np.log1p(-b.v("naturalisatie.aanvraag_maandkans"))).astype(np.int64)
    months = wait + round(b.v("naturalisatie.beslisduur_maanden"))  # from eligibility to the decision
    ok = ~np.isnat(eligible)
    request, decision = np.full(len(eligible), _NAT), np.full(len(eligible), _NAT)
    request[ok] = MonthIndex(eligible[ok]).plus(wait[ok])
    decision[ok] = MonthIndex(request[ok]).plus(months[ok] - wait[ok])
    granted = u_grant < b.v("naturalisatie.toekenning")
    naturalised = ok & granted & (decision < STOCK_DAY) & (decision < gone)
    pending = ok & (request < STOCK_DAY) & (decision >= STOCK_DAY)
    return naturalised, np.where(eligible < STOCK_DAY, eligible, _NAT), np.where(pending, request, _NAT)


def _adult_ages(b: Behaviour, seed: int, key: np.ndarray) -> np.ndarray:
    """Ages in years at the permit: the asylum stream's adult bands (the Wi2013 obliged from 18)."""
    bands = [(i, b.v(f"populatie.leeftijd_asiel_{k}")) for i, k in enumerate(BAND_KEYS) if AGE_BANDS[i][0] >= 18]
    total = sum(share for _, share in bands)
    pick = choice(seed, key, "populatie.leeftijd", 0, [share / total for _, share in bands])
    index = np.array([i for i, _ in bands])[pick]
    low = np.array([lo for lo, _ in AGE_BANDS])[index]
    high = np.array([hi for _, hi in AGE_BANDS])[index]
    return np.asarray(low + (high - low) * uniform(seed, key, "populatie.leeftijdbinnen", 0))
