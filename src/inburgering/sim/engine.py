"""The monthly loop: prepare, transitions (each phase asks the rulebook), observe.

The engine only orders the phases and collects what they observe; every legal question is
answered by the rulebook (through ``bridge.ask``) and every behavioural number comes from
``sim/behaviour``. A run is a pure function of (population, scenario, behaviour, seed).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from inburgering.law.parameters import ParameterSet, law_start
from inburgering.law.scenario import Scenario
from inburgering.sim.behaviour import Behaviour
from inburgering.sim.observe import Cells, Observer
from inburgering.sim.phases import (
    begeleiding,
    gemeente,
    handhaving,
    leren,
    naturalisatie,
    opvang,
    vertrek,
    voorinburgering,
    werk,
    wi2013,
)
from inburgering.sim.population import Population
from inburgering.sim.run import EventIndex, Run, month_number
from inburgering.sim.sets import union
from inburgering.sim.state import (
    ONTHEVEN,
    TRAJECT_NAMES,
    VERBLIJF_NAMES,
    VOLDAAN_IN_TERMIJN,
    State,
)

ProgressFn = Callable[[int, int], None]


class PhaseClock:
    """Seconds spent per phase over a run (for the benchmark's per-phase timings)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        """Time the block as phase ``name``."""
        start = time.perf_counter()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


@dataclass(frozen=True)
class SimConfig:
    """Horizon, seed and (to continue a run) the first month of a run."""

    eind: str = "2040-12"
    seed: int = 1
    begin: str | None = None  # default: the month of the first arrival


@dataclass
class SimResult:
    """Monthly stocks (arrays), the final state and timings per phase."""

    scenario: str
    months: np.ndarray
    stocks: dict[str, np.ndarray]
    state: State
    cells: Cells
    parameters: ParameterSet
    behaviour: Behaviour
    timings: dict[str, float] = field(default_factory=dict)
    watched: list[tuple[np.datetime64, int, int, int]] = field(default_factory=list)
    since: dict[str, np.ndarray] = field(default_factory=dict)  # (cells, k) counts by months since the permit


def simulate_population(
    pop: Population,
    scenario: Scenario,
    behaviour: Behaviour,
    config: SimConfig,
    progress: ProgressFn | None = None,
    watch: int | None = None,
    state: State | None = None,
    route_cutoffs: dict[bool, tuple[float, float]] | None = None,
) -> SimResult:
    """Run ``pop`` month by month under ``scenario`` until ``config.eind``.

    ``state`` is where the persons are when the run begins (everyone not yet arrived when
    omitted); it is continued in place, so a run that stops in one month and continues from
    its state the next gives the same result as one run (tested). With a state, set
    ``config.begin`` to the month after the one it describes.

    ``route_cutoffs`` are the learnability cut-offs of the route at the PIP (asylum or not); by
    default the quantiles of ``pop`` itself, which suits a population as a whole. A caseload
    file is not one, so its forecast passes the cut-offs of the national population.
    """
    if state is None:
        state = State.start(pop)
    elif state.pop is not pop:
        raise ValueError("the initial state must describe the same population (state.pop is not pop)")
    run = Run(state, scenario.parameters, behaviour, config.seed)
    if config.begin is not None:
        start = np.datetime64(config.begin, "M")
    else:
        start = pop["instroom"].min().astype("datetime64[M]") if len(pop) else np.datetime64("2022-01", "M")
    months = np.arange(start, np.datetime64(config.eind, "M") + np.timedelta64(1, "M"))
    thresholds = route_cutoffs if route_cutoffs is not None else gemeente.route_thresholds(run)
    leave_month = vertrek.schedule(run)
    leavers = EventIndex.of_months(leave_month)
    release_after = leren.schedule_ontheffing(run)
    years = naturalisatie.permit_years(run)
    ages = werk.working_age(run)
    entries, permits, births, departures, wi2013_passes = (
        EventIndex(pop[c])
        for c in ("instroom", "datumVerblijfsrecht", "geboortedatum", "vertrekUitCoa", "examenWi2013")
    )
    cells = Cells.of(pop)
    stocks: dict[str, np.ndarray] = {
        "verblijf": np.zeros((len(months), cells.n, len(VERBLIJF_NAMES)), np.int32),
        "traject": np.zeros((len(months), cells.n, len(TRAJECT_NAMES)), np.int32),
        "werk": np.zeros((len(months), cells.n, 1), np.int32),
        "lesuren": np.zeros((len(months), cells.n, 1), np.float64),  # hours followed in the month
    }
    watched: list[tuple[np.datetime64, int, int, int]] = []
    observer = Observer(pop, cells, ages)
    clock = PhaseClock()
    law_from = law_start(scenario.parameters).astype("datetime64[M]")
    learning = np.zeros(0, np.int64)  # no trajectories before the Act
    for k, month in enumerate(months):
        # those who leave this month leave first, so that nothing is dated on or after the day they
        # left (an event of this month before that day is not simulated: a shift of under a month)
        with clock("vertrek"):
            vertrek.emigrate(run, month, leavers)
        with clock("aankomst"):
            arrived_with_permit, applicants = opvang.arrive(run, month, entries)
        with clock("vergunning"):
            granted = opvang.permit(run, month, permits)
            opvang.leave_after_rejection(run, month, departures)
        with clock("huisvesting"):
            moved = opvang.housing(run, month)
            werk.leave_coa(run, month, moved)
        with clock("voorinburgering"):
            voorinburgering.offer(run, month, np.concatenate([applicants, granted]))
            voorinburgering.progress(run, month)
        with clock("werk"):
            werk.access(run, month, applicants)  # also for procedures begun before the Act (asked as of its start)
        if month >= law_from:  # the municipal trajectory exists from the Act's entry into force
            with clock("plicht"):
                # not obliged (exempt, at the AOW age): the rulebook is asked once when they may naturalise
                # (a simulation audit found about 17,000 never asked, in every scenario)
                not_obliged = gemeente.start_obligation(
                    run, month, np.concatenate([arrived_with_permit, granted]), births, leave_month
                )
                not_obliged = union(not_obliged, gemeente.end_at_aow(run, month))
                begeleiding.amv_guidance(run, month, births)
            with clock("intake"):
                handhaving.intake_fines(run, month, gemeente.intake(run, month))
            with clock("pip"):
                new_pips = gemeente.pip(run, month, thresholds)
                leren.start_learning(run, new_pips)
                leren.afschaling_at_pip(run, month, new_pips)
            with clock("lessen"):
                learning = leren.find_learners(run)  # once a month; the phases below do not change it
                hours = leren.lessons(run, month, learning)
                stocks["lesuren"][k, :, 0] = np.bincount(cells.key[learning], weights=hours, minlength=cells.n)
                leren.modules(run, month, learning)
            with clock("examens"):
                leren.route_change(run, month, learning)
                leren.exams(run, month, learning)
            with clock("afschaling"):
                leren.a2_evaluation(run, month, learning)
                leren.afschaling(run, month, learning)
            with clock("afronding"):
                held = leren.completion(run, month, learning)
                # a release drawn for this month comes before the term's end is judged: DUO does not
                # fine on the month's last day someone it released earlier that month (a review found 4)
                leren.ontheffing(run, month, release_after, learning)
                handhaving.term_end(run, month, learning)
                leren.completion(run, month, held)  # met after their term's end, judged first
                handhaving.pip_fines(run, month, learning)
            with clock("werk"):
                werk.jobs(run, month, ages, learning)
            with clock("naturalisatie"):
                # those who finished this month were learners at its start; the Wi2013 stock on its own clock
                now = state.traject[learning]
                finished = learning[(now >= VOLDAAN_IN_TERMIJN) & (now <= ONTHEVEN)]
                old_act = union(wi2013.enter(run, arrived_with_permit), wi2013.exams(run, month, wi2013_passes))
                naturalisatie.assess(run, month, union(finished, old_act, not_obliged), years, leave_month)
                naturalisatie.grant(run, month)
        with clock("observe"):
            # one joint count per (cell, verblijf, traject, in paid work), kept from who changed; the stocks are its marginals
            observer.add(state, month_number(month), learning)
            stocks["verblijf"][k], stocks["traject"][k], stocks["werk"][k, :, 0] = observer.stocks()
            if watch is not None:
                watched.append(
                    (month, int(state.verblijf[watch]), int(state.traject[watch]), int(state.leerroute[watch]))
                )
        if progress is not None:
            progress(k + 1, len(months))
    since = observer.close(month_number(months[-1]) if len(months) else 0)
    return SimResult(
        scenario.id, months, stocks, state, cells, scenario.parameters, behaviour, clock.seconds, watched, since
    )
