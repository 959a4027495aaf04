"""The wait for a job is a whole number of months, at least one, for any job chance a draw can give.

The chance is a product of uncertain factors and can pass 1 in a draw; a review found NaN waits
(cast to a month that never comes) for the quickest job finders.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from inburgering.sim.phases.werk import _geometric

units = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)
chances = st.floats(min_value=0.0, max_value=5.0)


@given(u=units, rate=chances)
def test_the_wait_is_at_least_a_month_and_never_runs_off(u: float, rate: float) -> None:
    wait = int(_geometric(np.array([u]), np.array([rate]))[0])
    assert 1 <= wait <= 10**6 + 1


@given(u=units, low=chances, high=chances)
def test_a_higher_chance_never_waits_longer(u: float, low: float, high: float) -> None:
    low, high = sorted((low, high))
    waits = _geometric(np.array([u, u]), np.array([low, high]))
    assert waits[1] <= waits[0]


def test_no_chance_never_comes() -> None:
    # a review: a chance of 0 gave a month in the past (-inf cast to int64)
    assert (_geometric(np.array([0.2, 0.9]), np.array([0.0, -0.1])) > 10**5).all()


def test_a_certain_chance_waits_one_month() -> None:
    assert _geometric(np.array([0.0, 0.5, 0.999]), np.array([1.0, 1.3, 4.0])).tolist() == [1, 1, 1]
