"""Scenario comparison with uncertainty (issue #5): ``inburgering compare`` and its Python API.

A comparison runs every scenario for every draw of the behavioural parameters. Within a draw
all scenarios share the drawn values, the population and the random numbers, so a difference
between two scenarios in one draw is the policy alone; the spread of those differences over
the draws is how sure we are. Draws x scenarios are independent tasks, run in-process or on
Dask, and stored as they finish in the run store, so an interrupted run resumes.
"""

from __future__ import annotations

from inburgering.compare.request import CompareRequest, RequestError

__all__ = ["CompareRequest", "RequestError"]
