"""Random person tables built directly as columns, for benchmarks and property tests.

Not the calibrated population of the simulation (that needs sourced cohort sizes and
mixes); this is a spread of plausible and edge-case inputs, generated without a
per-person loop so that a million rows take a fraction of a second.
"""

from __future__ import annotations

import numpy as np

from inburgering.rules.logic import FALSE, TRUE, UNKNOWN
from inburgering.rules.person import Persons, sort_exams


def random_persons(n: int, seed: int = 0) -> Persons:
    """``n`` random persons (all fields filled in varying proportions)."""
    rng = np.random.default_rng(seed)
    base = np.datetime64("2022-01-01", "D")

    def days(lo: int, hi: int) -> np.ndarray:
        return base + rng.integers(lo, hi, n).astype("timedelta64[D]")

    def maybe(dates: np.ndarray, share: float) -> np.ndarray:
        return np.where(rng.random(n) < share, dates, np.datetime64("NaT", "D"))

    def tri(share_known: float = 0.8) -> np.ndarray:
        value = np.where(rng.random(n) < 0.5, TRUE, FALSE)
        return np.where(rng.random(n) < share_known, value, UNKNOWN).astype(np.int8)

    app = days(-400, 1800)
    vr = maybe(app + rng.integers(30, 700, n).astype("timedelta64[D]"), 0.8)
    notice = vr + rng.integers(10, 90, n).astype("timedelta64[D]")
    brp = vr + rng.integers(0, 500, n).astype("timedelta64[D]")
    pip = maybe(np.maximum(notice, brp) + rng.integers(20, 200, n).astype("timedelta64[D]"), 0.7)
    cols = {
        "geboortedatum": days(-70 * 365, -14 * 365),
        "datumVerblijfsrecht": vr,
        "datumAsielaanvraag": maybe(app, 0.6),
        "datumKennisgeving": notice,
        "datumInschrijvingBrp": brp,
        "datumPip": pip,
        "datumPvtAfgerond": maybe(pip + rng.integers(30, 900, n).astype("timedelta64[D]"), 0.5),
        "datumMapAfgerond": maybe(pip + rng.integers(60, 1000, n).astype("timedelta64[D]"), 0.4),
        "gezinVanStatushouder": tri(),
        "kansrijk": tri(),
        "voldoendeInzet": tri(),
        "vrijstellendDiploma": tri(0.9),
        "volgtVrijstellendeOpleiding": tri(0.9),
        "ontheffing": tri(0.95),
        "alleenstaandeMinderjarige": tri(),
        "kwetsbareAmv": tri(),
        "leerbaarheidstoetsA2": tri(),
        "lesurenNt2": np.where(rng.random(n) < 0.8, rng.uniform(0, 1200, n), np.nan),
        "jarenLeerplichtNl": np.where(rng.random(n) < 0.3, rng.integers(0, 12, n).astype(float), np.nan),
        "verlengingMaanden": rng.choice(np.array([0, 0, 0, 6, 12], dtype=np.int32), n),
        "nationaliteit": rng.choice(np.array(["SY", "ER", "TR", "AF", "PL", "UA", "MA", "GB"], dtype="U2"), n),
        "verblijfsdoel": rng.choice(np.array([0, 0, 1, 2, 3], dtype=np.int8), n),
        "leerroute": rng.choice(np.array([-1, 0, 0, 0, 1, 2, 2], dtype=np.int8), n),
        "heeftVergunningenlijst": np.where(rng.random(n) < 0.5, TRUE, FALSE).astype(np.int8),
    }
    n_exams = 3 * n
    examens: dict[str, np.ndarray] = {
        "persoon": rng.integers(0, n, n_exams),
        "onderdeel": rng.integers(0, 5, n_exams).astype(np.int8),
        "niveau": rng.integers(1, 5, n_exams).astype(np.int8),
        "datum": base + rng.integers(0, 1800, n_exams).astype("timedelta64[D]"),
        "geslaagd": rng.random(n_exams) < 0.7,
    }
    who = np.flatnonzero(cols["heeftVergunningenlijst"] == TRUE)
    vergunningen: dict[str, np.ndarray] = {
        "persoon": np.concatenate([who, who]),
        "soort": rng.choice(np.array([0, 2], dtype=np.int8), 2 * len(who)),
        "begin": np.concatenate([vr[who], vr[who] + np.timedelta64(5 * 365, "D")]),
        "einde": np.full(2 * len(who), np.datetime64("NaT", "D")),
    }
    cols["aantoonbaarNietInStaatTaaleis"] = tri()  # drawn last: the other columns keep their stream
    cols["afgeschaald"] = tri(0.8)
    # partial decisions for a few (drawn after the rest, which keeps its stream)
    one_part = (1 << rng.integers(0, 5, n)).astype(np.int8)
    cols["ontheffingOnderdelen"] = np.where(rng.random(n) < 0.05, one_part, 0).astype(np.int8)
    cols["ontheffingOnderdelen"][cols["ontheffing"] == TRUE] = 0
    cols["afgeschaaldeOnderdelen"] = np.where(rng.random(n) < 0.05, rng.integers(1, 16, n), 0).astype(np.int8)
    cols["alleLessenGevolgd"] = tri()
    cols["lesurenKnm"] = np.where(rng.random(n) < 0.5, rng.uniform(0, 100, n), np.nan)
    # a rejection for a fifth of the applicants without a permit (drawn last: the rest keeps its stream)
    rejected = maybe(app + rng.integers(20, 600, n).astype("timedelta64[D]"), 0.2)
    nat = np.datetime64("NaT", "D")
    cols["datumAfwijzing"] = np.where(np.isnat(vr) & ~np.isnat(cols["datumAsielaanvraag"]), rejected, nat)
    cols["beroepSchorsend"] = tri()
    ended = maybe(cols["datumAfwijzing"] + rng.integers(28, 400, n).astype("timedelta64[D]"), 0.5)
    cols["datumEindeSchorsing"] = np.where(cols["beroepSchorsend"] == FALSE, nat, ended)
    # an intended naturalisation request for a third (drawn last: the rest keeps its stream)
    cols["datumNaturalisatieverzoek"] = maybe(vr + rng.integers(365, 4000, n).astype("timedelta64[D]"), 0.33)
    # the Z-route's participation hours and final interview for some (drawn last: the rest keeps its stream)
    cols["participatieurenZroute"] = np.where(rng.random(n) < 0.4, rng.uniform(0, 1200, n), np.nan)
    cols["datumEindgesprekZroute"] = maybe(pip + rng.integers(200, 1200, n).astype("timedelta64[D]"), 0.3)
    # a tenth born 5 to 13 years before 2022: minors still guided, exempt or turning 16 or 18 under
    # a reform of 2027 (drawn last: the rest keeps its stream)
    young = base + rng.integers(-13 * 365, -5 * 365, n).astype("timedelta64[D]")
    cols["geboortedatum"] = np.where(rng.random(n) < 0.1, young, cols["geboortedatum"])
    # a Wi2013 education exemption on 31-12-2021 for a few (drawn last: the rest keeps its stream)
    cols["vrijstellingOpleidingWi2013"] = tri(0.95)
    # a first registration elsewhere, 1 to 3 years before the one here, for a tenth who moved (drawn last)
    earlier = brp - rng.integers(365, 3 * 365, n).astype("timedelta64[D]")
    cols["datumEersteInschrijvingBrp"] = maybe(np.maximum(earlier, cols["geboortedatum"]), 0.1)
    # the accelerated procedure the Migration Pact bars from work (drawn last: the rest keeps its stream)
    cols["versneldeProcedure"] = tri()
    ids = np.char.add("s", np.arange(n).astype(str))
    return Persons(tuple(ids.tolist()), cols, sort_exams(examens), vergunningen)
