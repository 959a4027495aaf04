"""Personal traits drawn for a person of the synthetic population: nationality, education, literacy, learnability.

One place for these draws, so that newcomers and the persons who come with them (children, the
AOW-aged, the stock of 2022) get them the same way. Every trait is a pure function of (seed,
person id) through :mod:`inburgering.sim.rng`.
"""

from __future__ import annotations

import numpy as np

from inburgering.dates import DAYS_PER_MONTH
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.rng import choice, normal, uniform

LAAG, MIDDEN, HOOG = 0, 1, 2
OPLEIDINGEN = ("laag", "midden", "hoog")  # labels of the education codes
AGE_BANDS = ((16, 18), (18, 25), (25, 35), (35, 45), (45, 67))  # ages at the permit, in years [low, high)
BAND_KEYS = ("16_17", "18_24", "25_34", "35_44", "45_66")  # their behavioural parameters' suffixes
NAT_ASIEL = np.array(["SY", "ER", "TR", "YE", "AF", "XX"], dtype="U2")
NAT_GEZIN = np.array(["MA", "TR", "XX"], dtype="U2")


def nationality(b: Behaviour, seed: int, pid: np.ndarray, is_asiel: np.ndarray) -> np.ndarray:
    """Two-letter nationality codes: the CBS shares for asylum and for family migrants (``XX``: any other)."""
    quarter = b.v("populatie.eritrea_turkije_jemen_afghanistan") / 4
    syr = b.v("populatie.syrisch_asiel")
    idx_a = choice(
        seed, pid, "populatie.nationaliteit", 0, [syr, quarter, quarter, quarter, quarter, 1 - syr - 4 * quarter]
    )
    third = b.v("populatie.marokko_turkije_azie_gezin") / 3
    idx_g = choice(seed, pid, "populatie.nationaliteit", 0, [third, third, 1 - 2 * third])
    return np.where(is_asiel, NAT_ASIEL[idx_a], NAT_GEZIN[np.minimum(idx_g, 2)])


def schooling(b: Behaviour, seed: int, pid: np.ndarray, age_years: np.ndarray) -> dict[str, np.ndarray]:
    """Education level, literacy and the learnability score that orders route assignment.

    Learnability adds education, subtracts illiteracy and age above 25, plus noise (all weights
    are behavioural parameters).
    """
    lo_share, hi_share = b.v("populatie.laag_opgeleid"), b.v("populatie.hoog_opgeleid")
    opleiding = choice(seed, pid, "populatie.opleiding", 0, [lo_share, 1 - lo_share - hi_share, hi_share])
    low_literate = uniform(seed, pid, "populatie.geletterd", 0) < b.v("populatie.ongeletterd_laag_opgeleid")
    geletterd = ~((opleiding == LAAG) & low_literate)
    leerbaarheid = (
        b.v("populatie.leerbaarheid_opleiding") * opleiding
        - b.v("populatie.leerbaarheid_ongeletterd") * (~geletterd)
        - b.v("populatie.leerbaarheid_leeftijd") * np.maximum(age_years - 25, 0)
        + normal(seed, pid, "populatie.leerbaarheid", 0)
    ).astype(np.float32)
    return {"opleiding": opleiding.astype(np.int8), "geletterd": geletterd, "leerbaarheid": leerbaarheid}


def born_at_age(on: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Birth dates of persons who are ``years`` old (a real number) on ``on``."""
    return on - np.round(years * 365.2425).astype(np.int64).astype("timedelta64[D]")


def procedure_months(b: Behaviour, decision_year: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Months from the asylum application to the decision: log-normal, its median by the decision's year.

    The IND's waiting times rose from 2022 on (a backlog of 20,400 at the start of 2022, 35,790
    at its end, about 50,000 at the end of 2023), so a decision in 2024 looks back further
    than one in 2022; years without their own value (the stock of 2022, and from 2025) take
    ``asiel.procedure_mediaan``.
    """
    median = by_year(b, "asiel.procedure_mediaan", decision_year)
    return median * np.exp(b.v("asiel.procedure_spreiding") * z)


def by_year(b: Behaviour, key: str, years: np.ndarray) -> np.ndarray:
    """Per person, the parameter ``{key}_{year}`` of their year where the behaviour has one, else ``key``."""
    out = np.full(len(years), b.v(key))
    for year in np.unique(years).tolist():
        if f"{key}_{year}" in b:
            out[years == year] = b.v(f"{key}_{year}")
    return out


def sponsor_permit(b: Behaviour, seed: int, pid: np.ndarray, permit: np.ndarray) -> np.ndarray:
    """The day a nareiziger's sponsor got the asylum permit: a drawn reunification wait before ``permit``.

    One place for the wait, so that the sponsor found in the population and the sponsor of a
    nareiziger whose family came before 2022 (outside the population) lie equally far back.
    """
    months = b.v("instroom.nareis_wachttijd_mediaan") * np.exp(
        b.v("instroom.nareis_wachttijd_spreiding") * normal(seed, pid, "populatie.nareis", 0)
    )
    return permit - (months * DAYS_PER_MONTH).astype("timedelta64[D]")
