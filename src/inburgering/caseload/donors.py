"""Donors: for each person of a caseload file, a synthetic person in the same situation.

A file says where a person is (route, months since the PIP, components passed) but not what
the model needs to carry them forward: sex, a young child, learnability, the latent language
level. Those are drawn from a *donor*: a person of the national synthetic population, run
under the law up to the file's date, who is in the same situation on that date. The draw is
then from the model's own conditional distribution (statistical matching), which matters: the
people still on the B1 route after two years are not a random draw of those who started it.

Matching keys, most important first: asylum or family/other, the route, whether the hours
so far are well under the route's pace (a young child, absence), months since the PIP (bands), language components passed (none, some, all four) and the age band at the
permit. A person without an exact match is matched on fewer keys, the least important
dropped first. Persons without a PIP are matched on kind and age band among those waiting
for the intake or the PIP (whose voorinburgering they then share), else among everyone.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from inburgering.caseload.parsed import FileColumns
from inburgering.dates import DAYS_PER_MONTH
from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.companions import NIEUWKOMER
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.population import _AGE_BANDS, AFGEWEZEN, NAREIZIGER, PopulationConfig, generate_population
from inburgering.sim.rng import uniform
from inburgering.sim.state import INTAKE, OVERSCHREDEN, TERMIJN, WACHT_INTAKE, State

BASELINE = "wi2021"  # the past is the law as it was
_MONTH_EDGES = (6.0, 12.0, 24.0, 36.0)  # months since the PIP: bands
_PASSED_EDGES = (1.0, 4.0)  # language components passed: none, some, all four
ANY_ROUTE = 3
SLOW = 0.9  # hours under this share of the route's pace mark a slow learner


def reference(b: Behaviour, peildatum: _dt.date, scale: float, seed: int) -> State:
    """The national synthetic population at ``scale``, simulated up to the end of ``peildatum``'s month."""
    config = PopulationConfig(laatste_instroomjaar=max(peildatum.year, 2022), schaal=scale, seed=seed)
    pop = generate_population(b, config)
    config_sim = SimConfig(eind=str(np.datetime64(peildatum, "M")), seed=seed)
    return simulate_population(pop, resolve(BASELINE), b, config_sim).state


def age_band(born: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Index of the population's age band at ``on`` (ages outside the bands go to the nearest)."""
    years = (on - born).astype(np.int64) / 365.2425
    lows = np.array([lo for lo, _ in _AGE_BANDS])
    return np.clip(np.searchsorted(lows, years, side="right") - 1, 0, len(lows) - 1).astype(np.int64)


def _bands(values: np.ndarray, edges: Sequence[float]) -> np.ndarray:
    return np.searchsorted(np.asarray(edges), np.nan_to_num(values), side="right").astype(np.int64)


def match(mine: np.ndarray, pool: np.ndarray, u: np.ndarray) -> np.ndarray:
    """For each column of keys ``mine``, a column of ``pool`` with the same keys, drawn with ``u``.

    Without an exact match the last key is dropped, then the one before, and so on. Returns
    positions in ``pool``; -1 where not even the first key matches.

    >>> match(np.array([[0, 1], [5, 9]]), np.array([[0, 0, 1], [5, 6, 7]]), np.array([0.0, 0.99])).tolist()
    [0, 2]
    """
    out = np.full(mine.shape[1], -1, np.int64)
    todo = np.arange(mine.shape[1])
    for depth in range(mine.shape[0], 0, -1):
        if len(todo) == 0:
            break
        combos, inverse = np.unique(mine[:depth, todo], axis=1, return_inverse=True)
        for j in range(combos.shape[1]):
            who = todo[inverse.ravel() == j]
            cand = np.flatnonzero((pool[:depth] == combos[:, j : j + 1]).all(axis=0))
            if len(cand):
                out[who] = cand[np.minimum((u[who] * len(cand)).astype(np.int64), len(cand) - 1)]
        todo = todo[out[todo] < 0]
    return out


@dataclass(frozen=True)
class Donors:
    """Each person's donor in ``ref``, and in which situation it was matched."""

    ref: State
    row: np.ndarray
    learner: np.ndarray  # matched among learners in the same situation
    waiting: np.ndarray  # matched among those waiting for the intake or the PIP


def _slow(hours: np.ndarray, months: np.ndarray, route: np.ndarray, pace: np.ndarray) -> np.ndarray:
    """1 where the hours so far are well under the route's pace (a young child, absence), else 0; unknown is 0."""
    expected = pace[np.clip(route, 0, len(pace) - 1)] * np.maximum(np.nan_to_num(months), 0)
    return ((expected >= 1) & (np.nan_to_num(hours, nan=np.inf) < SLOW * expected)).astype(np.int64)


def _learner_keys(
    asylum: np.ndarray,
    route: np.ndarray,
    hours: np.ndarray,
    months: np.ndarray,
    passed: np.ndarray,
    band: np.ndarray,
    pace: np.ndarray,
) -> np.ndarray:
    """Kind, route, slow or not, months since the PIP, components passed, age band (most important first)."""
    return np.stack(
        [
            asylum.astype(np.int64),
            route.astype(np.int64),
            _slow(hours, months, route, pace),
            _bands(months, _MONTH_EDGES),
            _bands(passed, _PASSED_EDGES),
            band,
        ]
    )


def find(cols: FileColumns, ref: State, permit: np.ndarray, peil: np.datetime64, seed: int, pace: np.ndarray) -> Donors:
    """A donor in ``ref`` for every row of the file (one uniform draw per row, keyed by what the row says).

    ``pace`` is the hours per month of each route (b1, onderwijs, z) for someone who misses
    nothing; a learner well under it is matched with donors who are too.
    """
    rp, n = ref.pop, len(cols)
    asylum = cols.text("verblijfsdoel") == "asiel"
    pip = cols.first_pip()
    route = np.where(cols.route() < 0, ANY_ROUTE, cols.route()).astype(np.int64)
    passed = (cols.levels() > 0).sum(axis=1).astype(np.float64)
    hours = cols.number("lesurenNt2")
    born = cols.dates("geboortedatum")
    months = (peil - pip).astype("float64") / DAYS_PER_MONTH
    mine = _learner_keys(asylum, route, hours, months, passed, age_band(born, permit), pace)
    u = uniform(seed, cols.keys(), "caseload.donor", 0)
    out = np.full(n, -1, np.int64)
    learner = np.zeros(n, bool)

    in_term = np.flatnonzero((ref.traject >= TERMIJN) & (ref.traject <= OVERSCHREDEN) & (rp["groep"] != AFGEWEZEN))
    pool = _learner_keys(
        rp["groep"][in_term] <= NAREIZIGER,
        ref.leerroute[in_term],
        ref.uren[in_term],
        (peil - ref.dates["datumPip"][in_term]).astype("float64") / DAYS_PER_MONTH,
        (ref.niveau[in_term, :4] > 0).sum(axis=1).astype(np.float64),
        age_band(rp["geboortedatum"][in_term], rp["datumVerblijfsrecht"][in_term]),
        pace,
    )
    has_pip = ~np.isnat(pip)
    # without a route in the file: neither the route nor the pace can be matched
    for sel, keys in (
        (has_pip & (route != ANY_ROUTE), [0, 1, 2, 3, 4, 5]),
        (has_pip & (route == ANY_ROUTE), [0, 3, 4, 5]),
    ):
        idx = np.flatnonzero(sel)
        found = match(mine[keys][:, idx], pool[keys], u[idx])
        out[idx[found >= 0]] = in_term[found[found >= 0]]
        learner[idx[found >= 0]] = True

    # the others among those waiting for the intake or the PIP, then among everyone, by kind and age
    waiting = np.zeros(n, bool)
    for among_waiting in (True, False):
        rest = np.flatnonzero(out < 0)
        ok = (rp["groep"] != AFGEWEZEN) & (rp["rol"] == NIEUWKOMER)  # a newcomer, not a child or the AOW-aged
        if among_waiting:
            ok &= (ref.traject == WACHT_INTAKE) | (ref.traject == INTAKE)
        members = np.flatnonzero(ok)
        pool_any = np.stack(
            [
                (rp["groep"][members] <= NAREIZIGER).astype(np.int64),
                age_band(rp["geboortedatum"][members], rp["datumVerblijfsrecht"][members]),
            ]
        )
        found = match(mine[[0, 5]][:, rest], pool_any, u[rest])
        out[rest[found >= 0]] = members[found[found >= 0]]
        waiting[rest[found >= 0]] = among_waiting
    if np.any(out < 0):
        raise ValueError("the reference population has no person of a needed kind; raise its scale")
    return Donors(ref, out, learner, waiting & ~has_pip)
