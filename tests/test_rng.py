"""The counter-based random numbers (sim/rng.py) against a plain, one-number-at-a-time reference.

Issue #20 made the hash cheaper (the per-call key in Python integers, the person round in
place); the stream must stay the same, or every run's results would change.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.sim.rng import DECISIONS, bits, uniform

MASK = 2**64 - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def reference(seed: int, person: int, decision: str, month: int) -> int:
    key = mix(((seed & MASK) * GOLDEN + DECISIONS[decision]) & MASK)
    key = mix(key ^ (((month & 0xFFFFFFFF) * GOLDEN) & MASK))
    return mix((key + (person & MASK) * GOLDEN + (person & MASK)) & MASK)


@settings(max_examples=200)
@given(
    st.integers(-(2**63), 2**63 - 1),
    st.lists(st.integers(0, 2**40), min_size=1, max_size=20),
    st.sampled_from(sorted(DECISIONS)),
    st.integers(-(2**40), 2**40),
)
def test_bits_are_the_reference_stream(seed: int, persons: list[int], decision: str, month: int) -> None:
    got = bits(seed, np.array(persons), decision, month)
    assert got.tolist() == [reference(seed, p, decision, month) for p in persons]
    u = uniform(seed, np.array(persons), decision, month)
    assert u.tolist() == [(reference(seed, p, decision, month) >> 11) * 2.0**-53 for p in persons]


def test_the_persons_array_is_not_changed_and_a_scalar_gives_one_draw() -> None:
    persons = np.array([3, 1, 2])
    kept = persons.copy()
    bits(1, persons, "huisvesting", 600)
    assert np.array_equal(persons, kept)
    assert uniform(1, 2, "huisvesting", 600).shape == (1,)
    assert uniform(1, 2, "huisvesting", 600)[0] == uniform(1, persons, "huisvesting", 600)[2]


def test_numpy_integers_count_and_other_numbers_are_refused() -> None:
    ids = np.arange(4)
    assert np.array_equal(bits(np.int64(1), ids, "huisvesting", np.int64(650)), bits(1, ids, "huisvesting", 650))
    for month in (650.7, "650"):
        try:
            bits(1, ids, "huisvesting", month)  # type: ignore[arg-type]
        except TypeError:
            continue
        raise AssertionError(f"month {month!r} was taken as a month number")
