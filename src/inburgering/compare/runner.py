"""Draws x scenarios as independent tasks, run in this process or on Dask distributed.

A task is plain data (:class:`Task`) and :func:`run_task` is a pure function of it, so the
same task gives the same tables whether it runs here, on a local cluster or on a remote
worker. Within a draw every scenario gets the same drawn values and the same seed: the
population and the random numbers are shared, so differences are the policy alone.

Tasks finish in any order; each is handed to ``on_done`` (the run store writes it at once),
so a comparison that is killed keeps everything finished so far.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from inburgering.compare.attribution import COLUMNS as VARIANT_COLUMNS
from inburgering.compare.attribution import Unit, change_units, measures, resolve_subset, variants
from inburgering.compare.conditioning import FIT_COLUMNS, FIT_SCENARIO, fit_frame
from inburgering.compare.draws import draw_values, simulation_seed
from inburgering.compare.metrics import kern, kosten, tables
from inburgering.compare.request import CompareRequest
from inburgering.law.scenario import ScenarioLayer
from inburgering.sim.behaviour import Behaviour, load_behaviour

SYNC = "sync"  # run in this process, one task after another
LOCAL = "local"  # a Dask LocalCluster sized to the machine


@dataclass(frozen=True)
class Task:
    """One scenario in one draw."""

    scenario: str
    scenario_index: int
    draw: int
    seed: int
    scale: float
    last_inflow_year: int
    horizon: str
    values: tuple[tuple[str, float], ...]  # the drawn behavioural values
    baseline: str = ""  # for a variant: the scenario whose chain stays whole
    keep: tuple[str, ...] | None = None  # for a variant: the parameters of the changes kept (see attribution)
    variant: str = ""  # for a variant: which units are kept, as a bit string

    @property
    def name(self) -> str:
        """Stable name, used as the stored part's folder."""
        own = f"d{self.draw:05d}-s{self.scenario_index:02d}"
        return f"{own}-v{self.variant}" if self.variant else own


def make_tasks(request: CompareRequest, behaviour: Behaviour, skip: Iterable[str] = ()) -> list[Task]:
    """Every (draw, scenario) task of a request, in draw order, leaving out names in ``skip``.

    With ``request.per_change`` each draw also runs every scenario's variants (its changes in
    part, see :mod:`inburgering.compare.attribution`).
    """
    done = set(skip)
    units = change_units_of(request) if request.per_change else {}
    out = []
    for draw in range(request.draws):
        values = tuple(sorted(draw_values(behaviour, request.seed, draw).items()))
        common = (simulation_seed(request.seed, draw), request.scale, request.last_inflow_year, request.horizon, values)
        for i, spec in enumerate(request.scenarios):
            out.append(Task(spec, i, draw, *common))
            its = units.get(spec, [])
            for name in variants(len(its)):
                keep = tuple(p for unit, bit in zip(its, name, strict=True) if bit == "1" for p in unit.parameters)
                out.append(Task(spec, i, draw, *common, baseline=request.baseline, keep=keep, variant=name))
    return [task for task in out if task.name not in done]


def change_units_of(request: CompareRequest) -> dict[str, list[Unit]]:
    """The units of each scenario other than the baseline (see :func:`change_units`)."""
    extra = dict(request.extra) or None
    return {spec: change_units(spec, request.baseline, extra) for spec in request.scenarios[1:]}


def run_task(task: Task, extra: Mapping[str, ScenarioLayer] | None = None) -> dict[str, pd.DataFrame]:
    """Simulate one task and return its four tables, tagged with scenario and draw."""
    from inburgering.law.scenario import resolve
    from inburgering.sim.engine import SimConfig, simulate_population
    from inburgering.sim.population import PopulationConfig, generate_population

    behaviour = load_behaviour().with_values(dict(task.values))
    config = PopulationConfig(laatste_instroomjaar=task.last_inflow_year, schaal=task.scale, seed=task.seed)
    pop = _population(task.values, config, lambda: generate_population(behaviour, config))
    layers = dict(extra) if extra else None
    if task.keep is not None:
        scenario = resolve_subset(task.scenario, task.baseline, task.keep, layers)
    else:
        scenario = resolve(task.scenario, layers)
    result = simulate_population(pop, scenario, behaviour, SimConfig(eind=task.horizon, seed=task.seed))
    if task.keep is not None:  # a variant keeps only what the contributions need
        own = {"scenario": task.scenario, "draw": task.draw}
        variant = measures(kern(result, task.scale).assign(**own), kosten(result, task.scale).assign(**own))
        return {"variant": variant.assign(variant=task.variant)[VARIANT_COLUMNS]}
    out = tables(result, task.scale)
    out["fit"] = _fit(result, task) if task.scenario == FIT_SCENARIO else pd.DataFrame(columns=FIT_COLUMNS)
    for frame in out.values():
        frame.insert(0, "draw", task.draw)
        frame.insert(0, "scenario", task.scenario)
    return out


_POPULATION: dict[tuple[Any, ...], Any] = {}  # this process's last population, by (drawn values, config)
_POPULATION_LOCK = threading.Lock()


def _population(values: tuple[tuple[str, float], ...], config: Any, generate: Callable[[], Any]) -> Any:
    """The draw's population, generated once for the scenarios of a draw that run here one after another.

    Every scenario of a draw starts from the same population (same drawn values, same seed), so
    the next task of the draw in this process reuses it instead of generating it again (~7% of a
    national task; issue #20). Only the last one is kept (~80 MB at national scale). Its arrays
    are made read-only: the engine reads a population and never writes it, and a write would
    otherwise leak from one scenario's run into the next.
    """
    key = (values, config)
    with _POPULATION_LOCK:
        if key not in _POPULATION:
            _POPULATION.clear()
            pop = generate()
            for column in pop.columns.values():
                column.flags.writeable = False
            _POPULATION[key] = pop
        return _POPULATION[key]


def _fit(result: object, task: Task) -> pd.DataFrame:
    """The fit targets' values in this draw's run of the law in force (weights the draws, see conditioning)."""
    from inburgering.sim.output import indicators
    from inburgering.sim.simulate import Simulation

    sim = Simulation(indicators(result), result)  # type: ignore[arg-type]
    return fit_frame(sim, task.scale).astype({"model": float, "residual": float})


Done = Callable[[Task, dict[str, pd.DataFrame]], None]


def local_cluster(workers: int) -> Any:
    """A local Dask cluster of ``workers`` single-threaded processes, with glibc's own malloc tuning.

    Dask's nanny sets ``MALLOC_TRIM_THRESHOLD_`` in its workers so that they hand memory back to
    the system. Setting it also switches off glibc's dynamic mmap threshold, so every large numpy
    temporary of the monthly loop is mapped and zeroed afresh: a national task took 13.9 s in a
    worker against 10.5 s without it (docs/performance.md). The simulation's memory is short-lived
    per task, so trimming gains nothing here.
    """
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )


@contextlib.contextmanager
def _script_not_rerun() -> Iterator[None]:
    """Start worker processes without running the user's script again in each of them.

    Python starts a worker process ("spawn") by importing the parent's main script in it. A
    plain script that calls ``compare()`` without an ``if __name__ == "__main__":`` guard then
    calls it again in every worker, which fails with "Nanny failed to start". The workers need
    nothing from the script (a task names functions of this package), so while they start the
    main module is made to look like an interactive session's, which Python does not re-import.
    """
    with _MAIN_HIDDEN:  # one at a time: a second thread must not see (and keep) the hidden state
        main = sys.modules.get("__main__")
        if main is None or not hasattr(main, "__file__"):
            yield  # a notebook or the interactive prompt: nothing is re-imported anyway
            return
        saved_file, saved_spec = main.__file__, getattr(main, "__spec__", None)
        del main.__file__
        main.__spec__ = None
        try:
            yield
        finally:
            main.__file__, main.__spec__ = saved_file, saved_spec


_MAIN_HIDDEN = threading.Lock()


def run_tasks(
    tasks: list[Task], scheduler: str, on_done: Done, extra: Mapping[str, ScenarioLayer] | None = None
) -> None:
    """Run ``tasks`` with ``scheduler`` (``sync``, ``local`` or a Dask address) and hand each result to ``on_done``."""
    if not tasks:
        return
    if scheduler == SYNC:
        for task in tasks:
            on_done(task, run_task(task, extra))
        return
    from dask.distributed import Client

    if scheduler != LOCAL:
        client = Client(scheduler, timeout="10s")
        try:
            same_code(client)
            _collect(client, tasks, on_done, extra)
        finally:
            client.close()
        return
    with _script_not_rerun():  # for the cluster's whole life: a worker the nanny restarts spawns again
        cluster = local_cluster(max(1, min(os.cpu_count() or 1, len(tasks))))
        client = Client(cluster)
        try:
            _collect(client, tasks, on_done, extra)
        finally:
            client.close()
            cluster.close()


class OtherCode(RuntimeError):
    """A worker of the cluster runs other code than this machine: its tables would be stored under this code's key."""

    said_in_one_line = True  # the command line prints it as it is, exit status 1


def same_code(client: Any) -> None:
    """Refuse a cluster whose workers run another version of the package (checked when the run starts).

    The run store keys a comparison by this machine's code (``code_fingerprint``); a worker with
    other code would compute other tables under that key, silently. Workers that join later are
    not checked: install the same package everywhere (docs/deploy.md).
    """
    from inburgering import fingerprint

    mine = fingerprint.code_fingerprint()
    theirs = client.run(_worker_code)
    other = sorted(f"{address} has {code}" for address, code in theirs.items() if code != mine)
    if other:
        raise OtherCode(
            f"the cluster's workers must run this machine's code ({mine}): {'; '.join(other)}; "
            "install the same inburgering on every worker (docs/deploy.md)"
        )


def _worker_code() -> str:
    """The code fingerprint, computed on the worker (sent by name: the worker imports its own package)."""
    from inburgering.fingerprint import code_fingerprint

    return code_fingerprint()


def _collect(client: Any, tasks: list[Task], on_done: Done, extra: Mapping[str, ScenarioLayer] | None) -> None:
    """Submit every task and hand each result to ``on_done`` as it finishes."""
    from dask.distributed import as_completed

    futures = {client.submit(run_task, task, extra, pure=False): task for task in tasks}
    for future in as_completed(futures):
        on_done(futures[future], future.result())
