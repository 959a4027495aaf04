"""Counter-based random numbers: every draw is a pure function of (seed, person, decision, month).

Why: two scenarios must see the same random numbers for the same person, decision and month,
so that a difference between them is the policy and not noise (common random numbers), and a
run must be bit-for-bit reproducible however it is split into tasks. A stateful generator
cannot give that once scenarios make people take different paths; a hash of the counter can.

The hash is the SplitMix64 finaliser applied in three rounds (seed and decision, then month,
then person), on ``uint64`` with wrap-around. Each decision has a fixed id in ``DECISIONS``,
so no two phases share a stream.

>>> import numpy as np
>>> a = uniform(7, np.arange(5), "huisvesting", 24)
>>> bool(np.all((a >= 0) & (a < 1))), bool(np.array_equal(a, uniform(7, np.arange(5), "huisvesting", 24)))
(True, True)
>>> bool(np.array_equal(a, uniform(7, np.arange(5), "huisvesting", 25)))
False
"""

from __future__ import annotations

import operator
from functools import lru_cache
from typing import Any

import numpy as np

DECISIONS = {
    # population generation (month = 0)
    "populatie.geslacht": 1,
    "populatie.leeftijd": 2,
    "populatie.nationaliteit": 3,
    "populatie.opleiding": 4,
    "populatie.geletterd": 5,
    "populatie.jongkind": 6,
    "populatie.amv": 7,
    "populatie.instroommaand": 8,
    "populatie.procedureduur": 9,
    "populatie.nareiziger": 10,
    "populatie.kansrijk": 11,
    "populatie.leerbaarheid": 12,
    "populatie.dag": 13,
    "populatie.leeftijdbinnen": 14,
    "populatie.nareis": 15,
    "populatie.vertrekcoa": 16,
    "populatie.ouder.kind": 17,
    "populatie.ouder.nareis": 18,
    "populatie.amv.procedure": 19,
    "populatie.amv.leeftijd": 20,
    "populatie.aow.procedure": 21,
    "populatie.voorraad.wacht": 22,
    "populatie.voorraad.kort": 23,
    "populatie.voorraad.kind": 24,
    "populatie.voorraad.afwijzing": 25,
    "populatie.voorraad.vertrek": 26,
    "populatie.afwijzing.schorsing": 27,
    "populatie.versneld": 36,
    **{
        f"populatie.wi2013.{name}": 28 + i
        for i, name in enumerate(
            ("dag", "examen", "examenwacht", "ontheffing", "vertrek", "aanvraag", "besluit", "woning")
        )
    },
    # monthly decisions
    "huisvesting": 101,
    "kennisgeving": 102,
    "intake": 103,
    "pip": 104,
    "route": 105,
    "emigratie": 106,
    "huisvesting.dag": 107,
    "nareis.sponsorwacht": 110,
    "nareis.intrek": 111,
    "nareis.intrek.dag": 112,
    "intake.dag": 108,
    "emigratie.dag": 109,
    **{f"examen.poging.{part}": 120 + part for part in range(5)},
    **{f"examen.uitslag.{part}": 125 + part for part in range(5)},
    "examen.dag": 130,
    "afschaling": 131,
    "afschaling.dag": 132,
    "a2.keuze": 133,
    "verlenging.aanvraag": 134,
    "verlenging.geenverwijt": 135,
    "ontheffing": 136,
    "ontheffing.dag": 137,
    "werk.coa": 140,
    "werk.baan": 141,
    "werk.verlies": 142,
    "werk.dag": 143,
    "werk.gezin_snel": 144,  # a trait (month 0): the quick group of family migrants
    "werk.verhuizing": 145,  # a COA job kept at the move to a municipality or not
    "naturalisatie.aanvraag": 150,
    "naturalisatie.besluit": 151,
    "voorinburgering.gevraagd": 160,
    "voorinburgering.toestemming": 161,
    "routewissel": 162,
    "naturalisatie.hardheid": 152,
    "boete.intake": 170,
    "boete.pip": 171,
    "boete.pip.dag": 172,
    "amv.kwetsbaar": 180,
    "gemeente.traag": 181,
    # a caseload forecast's imputations (month = 0)
    "caseload.donor": 200,
}

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_MASK = 0xFFFFFFFFFFFFFFFF


def _mix(z: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser, in place on ``z`` (uint64; wraps around)."""
    z ^= z >> np.uint64(30)
    z *= _M1
    z ^= z >> np.uint64(27)
    z *= _M2
    z ^= z >> np.uint64(31)
    return z


def _mix_int(z: int) -> int:
    """:func:`_mix` on one Python integer (the per-call key, without numpy's overhead)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


@lru_cache(maxsize=4096)
def _key(seed: int, decision: int, month: int) -> np.uint64:
    """The first two rounds (seed and decision, then month): one number per call."""
    golden = 0x9E3779B97F4A7C15
    key = _mix_int(((seed & _MASK) * golden + decision) & _MASK)
    return np.uint64(_mix_int(key ^ (((month & 0xFFFFFFFF) * golden) & _MASK)))


_PERSON = np.uint64((0x9E3779B97F4A7C15 + 1) & _MASK)  # id * golden + id, in one multiplication


def bits(seed: int, person: Any, decision: str, month: int) -> np.ndarray:
    """64 random bits per person for ``decision`` in ``month`` (a pure function)."""
    if decision not in DECISIONS:
        raise KeyError(f"unknown decision {decision!r}; register it in inburgering.sim.rng.DECISIONS")
    z = np.atleast_1d(np.asarray(person, dtype=np.int64)).astype(np.uint64)  # a copy, mixed in place below
    z *= _PERSON
    z += _key(operator.index(seed), DECISIONS[decision], operator.index(month))  # integers only, numpy's too
    return _mix(z)


def uniform(seed: int, person: Any, decision: str, month: int) -> np.ndarray:
    """Uniform draws in [0, 1) with 53 bits of precision."""
    raw = bits(seed, person, decision, month)
    raw >>= np.uint64(11)
    return raw.astype(np.float64) * (2.0**-53)


def normal(seed: int, person: Any, decision: str, month: int) -> np.ndarray:
    """Standard normal draws (Box-Muller on two halves of one 64-bit draw)."""
    raw = bits(seed, person, decision, month)
    u1 = ((raw >> np.uint64(32)).astype(np.float64) + 0.5) / 2.0**32
    u2 = ((raw & np.uint64(0xFFFFFFFF)).astype(np.float64) + 0.5) / 2.0**32
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def choice(seed: int, person: Any, decision: str, month: int, shares: Any) -> np.ndarray:
    """Index into ``shares`` (which sum to 1) per person, by inverse CDF of a uniform draw."""
    cdf = np.cumsum(np.asarray(shares, dtype=np.float64))
    cdf[-1] = 1.0
    return np.searchsorted(cdf, uniform(seed, person, decision, month), side="right").astype(np.int8)
