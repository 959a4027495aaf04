"""Run a comparison end to end: from the store if it is there, else the missing tasks, then summarise.

This is the Python API behind ``inburgering compare``::

    from inburgering.compare.run import compare
    result = compare(CompareRequest(draws=10))
    result.tables["kernindicatoren"]
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from inburgering.compare.live import live_parameters
from inburgering.compare.request import CompareRequest
from inburgering.compare.runner import LOCAL, Task, change_units_of, make_tasks, run_tasks
from inburgering.compare.store import RunStore
from inburgering.compare.summary import summarise, unchanged
from inburgering.law.scenario import Scenario, simulation_notes, warnings_for
from inburgering.sim.behaviour import Behaviour, load_behaviour

Progress = Callable[[int, int], None]  # (tasks done, tasks in all)


@dataclass
class Comparison:
    """A finished comparison: its tables and what the report needs to say about them."""

    request: CompareRequest
    key: str
    tables: dict[str, pd.DataFrame]
    from_store: bool
    seconds: float
    notes: list[str] = field(default_factory=list)  # scenarios that change nothing, and why

    @property
    def unchanged(self) -> list[str]:
        """Scenarios equal to the baseline in every draw."""
        return unchanged(self.tables["kernindicatoren"], self.request.baseline)


def compare(
    request: CompareRequest,
    *,
    scheduler: str = LOCAL,
    store: RunStore | None = None,
    store_root: Path | None = None,
    progress: Progress | None = None,
    waiting: Callable[[], None] | None = None,
) -> Comparison:
    """Run (or fetch) ``request``; only tasks not yet stored are run.

    While it runs this process owns the run in the store; if another process (the CLI, a
    server) is running the same request, ``waiting`` is called and this one waits for it, then
    takes its stored result.
    """
    scenarios = request.validate()
    behaviour = load_behaviour()
    store = store or RunStore(store_root)
    key = request.key(behaviour)
    notes = [w for s in scenarios[1:] for w in (*warnings_for(s, f"{request.horizon}-28"), *simulation_notes(s))]
    start = time.perf_counter()
    stored = store.result(key)
    if stored is not None:
        return Comparison(request, key, stored, True, time.perf_counter() - start, notes)
    store.claim(key, waiting=waiting)
    try:
        stored = store.result(key)  # the process we waited for may have finished it
        if stored is not None:
            return Comparison(request, key, stored, True, time.perf_counter() - start, notes)
        tables = _run(request, key, store, scheduler, behaviour, scenarios, progress)
        seconds = time.perf_counter() - start
        store.finish(key, tables, seconds)  # still the owner: no one sees it interrupted meanwhile
    finally:
        store.release(key)
    return Comparison(request, key, tables, False, seconds, notes)


def _run(
    request: CompareRequest,
    key: str,
    store: RunStore,
    scheduler: str,
    behaviour: Behaviour,
    scenarios: list[Scenario],
    progress: Progress | None,
) -> dict[str, pd.DataFrame]:
    """Run the tasks not yet stored, storing each as it finishes, and summarise all of them."""
    store.begin(key, request.describe())
    tasks = make_tasks(request, behaviour)
    todo = make_tasks(request, behaviour, skip=store.done_parts(key))
    finished = len(tasks) - len(todo)
    if progress:
        progress(finished, len(tasks))

    def done(task: Task, frames: dict[str, pd.DataFrame]) -> None:
        nonlocal finished
        store.put_part(key, task.name, frames)
        finished += 1
        if progress:
            progress(finished, len(tasks))

    run_tasks(todo, scheduler, done, dict(request.extra) or None)
    live = live_parameters(scenarios, behaviour, request.last_inflow_year, f"{request.horizon}")
    units = change_units_of(request) if request.per_change else None
    return summarise(store.parts(key), request.baseline, behaviour, request.seed, live, units)
