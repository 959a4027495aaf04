"""The forecast of a municipality's caseload: each person from the file's state, forward, per scenario.

For each draw the uncertain behavioural assumptions are drawn as in the national comparison
(:mod:`inburgering.compare.draws`), donors are drawn for what the file does not say, and every
scenario runs from the same start with the same random numbers, so differences between
scenarios are the policy alone. The past is the law as it was; a scenario acts from the
month after the file's date, as far as its own dates say.

Runs stay in this process on purpose: the persons are personal data, and a remote Dask
cluster would mean sending them elsewhere. A caseload of a few thousand persons runs in well
under a second per scenario and draw (docs/performance.md).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from inburgering.caseload.donors import reference
from inburgering.caseload.parsed import FileColumns
from inburgering.caseload.start import Start, build, order
from inburgering.compare.draws import draw_values, simulation_seed
from inburgering.compare.finance import FINANCE
from inburgering.compare.request import DEFAULT_SCENARIOS, RequestError
from inburgering.i18n import N_, Said
from inburgering.law.scenario import Scenario, ScenarioError, resolve
from inburgering.sim.behaviour import Behaviour, load_behaviour
from inburgering.sim.costs import cost_rows
from inburgering.sim.engine import SimConfig, SimResult, simulate_population
from inburgering.sim.state import OVERSCHREDEN, VOLDAAN_NA_TERMIJN, WACHT_INTAKE

Progress = Callable[[int, int], None]
NOT_YET = np.iinfo(np.int32).max  # month number of something that does not happen in the horizon
ALREADY = -1  # month number of something that was so on the file's date already


@dataclass(frozen=True)
class ForecastRequest:
    """What to forecast: the file's date, the scenarios (the first is the baseline), draws and horizon."""

    peildatum: _dt.date
    scenarios: tuple[str, ...] = DEFAULT_SCENARIOS
    draws: int = 20
    seed: int = 1
    months: int = 60
    reference_scale: float = 0.05
    uncertainty: bool = True  # draw the behavioural assumptions; False keeps them at their values in use

    def validate(self) -> list[Scenario]:
        """The resolved scenarios; raises :class:`RequestError` listing every problem."""
        problems: list[str] = []
        resolved: list[Scenario] = []
        if not self.scenarios or len(set(self.scenarios)) != len(self.scenarios):
            problems.append(
                Said(
                    N_("scenarios: {value!r}; allowed: one or more different scenario ids"),
                    value=",".join(self.scenarios),
                )
            )
        for spec in self.scenarios:
            try:
                resolved.append(resolve(spec))
            except ScenarioError as exc:
                problems += [Said(N_("scenarios: {spec!r}: {problem}"), spec=spec, problem=e) for e in exc.errors]
        if not 1 <= self.draws <= 1000:
            problems.append(
                Said(
                    N_("draws: value {value!r} is not allowed; allowed: a whole number from 1 to 1000"),
                    value=self.draws,
                )
            )
        if not 12 <= self.months <= 240:
            problems.append(
                Said(
                    N_("months: value {value!r} is not allowed; allowed: a whole number from 12 to 240"),
                    value=self.months,
                )
            )
        if not _dt.date(2022, 1, 1) <= self.peildatum <= _dt.date(2040, 12, 31):
            problems.append(
                Said(
                    N_(
                        "peildatum: value {value!r} is not allowed; allowed: a date from 2022-01-01 (the Wet inburgering "
                        "2021) to 2040-12-31"
                    ),
                    value=self.peildatum.isoformat(),
                )
            )
        if problems:
            raise RequestError(problems)
        return resolved

    @property
    def horizon(self) -> np.datetime64:
        """The last month forecast."""
        return np.datetime64(self.peildatum, "M") + np.timedelta64(self.months, "M")


@dataclass
class Outcome:
    """What one scenario in one draw gives, per person and for the municipality."""

    traject: np.ndarray  # final state of the obligation
    voldaan: np.ndarray  # month number of completion (NOT_YET if none)
    afschaling: np.ndarray  # month number from which afschaling is possible (NOT_YET: not in the horizon; ALREADY)
    overschreden: np.ndarray  # month number in which the term ran out unmet (NOT_YET if not in the horizon)
    ontheffing: np.ndarray  # month number of an ontheffing in the horizon (NOT_YET if none)
    kosten: pd.DataFrame  # month, post (kosten or spukInkomsten), euros


@dataclass(frozen=True)
class Situation:
    """Each person on the file's date under one scenario (copied before the run moves the state on)."""

    traject: np.ndarray
    leerroute: np.ndarray
    doel_a2: np.ndarray  # lowered to A2 already (afschaling)
    mb: np.ndarray
    deadlines: dict[str, np.ndarray]  # the legal deadlines the rulebook (or DUO's file) set

    @classmethod
    def of(cls, start: Start) -> Situation:
        """A copy of what the report needs from ``start``."""
        st = start.state
        names = ("deadlinePip", "laatsteDagRoutewijziging", "eindeTermijn")
        deadlines = {n: st.dates[n].copy() for n in names}
        return cls(st.traject.copy(), st.leerroute.copy(), st.doel_a2.copy(), st.mb.copy(), deadlines)


@dataclass
class Forecast:
    """All runs of a forecast and each scenario's situation on the file's date."""

    request: ForecastRequest
    ids: list[str]  # pseudonyms, in the order of every array
    rows: list[int]  # each person's row in the file (header = 1), to find them in one's own file
    starts: dict[str, Situation]  # per scenario (the first draw's; the law's dates do not depend on the draw)
    runs: dict[tuple[str, int], Outcome] = field(default_factory=dict)
    imputed: Counter[str] = field(default_factory=Counter)

    @property
    def in_caseload(self) -> np.ndarray:
        """Persons in the obligation on the file's date (not exempt, released or not obliged)."""
        traject = next(iter(self.starts.values())).traject
        return (traject >= WACHT_INTAKE) & (traject <= OVERSCHREDEN)


def _months(dates: np.ndarray, begin: np.datetime64) -> np.ndarray:
    """Month numbers of ``dates``; NaT and dates before ``begin`` (the file's past) as NOT_YET."""
    m = dates.astype("datetime64[M]").astype(np.int64)
    keep = ~np.isnat(dates) & (dates >= begin.astype("datetime64[D]"))
    return np.where(keep, m, NOT_YET).astype(np.int64)


def _costs(result: SimResult) -> pd.DataFrame:
    """The municipality's euros per month: ``uitvoering``, ``voorzieningen`` and ``spukInkomsten`` (positive).

    Why apart: the SPUK pays for provisions, not for execution (art. 40.1), which the algemene
    uitkering of the gemeentefonds funds; the gap against the SPUK is that of the provisions, split
    as in the national comparison (``compare.finance.FINANCE``). Unlike the comparison, which books
    the reclaim of a national surplus (``compare.finance.reclaim``), the forecast keeps the
    municipality's signed gap: below zero it is the part of its own SPUK that goes back (art. 42),
    which the report says.
    """
    rows = cost_rows(result)
    mine = rows[rows["indicator"].str.startswith("kosten.gemeente.")]
    item = mine["indicator"].to_numpy()
    execution = np.isin(item, [f"kosten.gemeente.{i}" for i in FINANCE["uitvoering"]])  # as the comparison counts it
    post = np.where(
        item == "kosten.gemeente.spukInkomsten", "spukInkomsten", np.where(execution, "uitvoering", "voorzieningen")
    )
    frame = pd.DataFrame({"month": mine["month"].to_numpy(), "post": post, "value": mine["value"]})
    frame.loc[frame["post"] == "spukInkomsten", "value"] *= -1
    return frame.groupby(["month", "post"], as_index=False)["value"].sum()


def outcome(result: SimResult, start: Start) -> Outcome:
    """One run's per-person outcomes and the municipality's costs by month.

    A term overrun is dated by the end of the term that ran out; it counts for those who end
    the horizon over the term or who finished after it (one who overran and then left or was
    released is not counted: a small undercount).
    """
    st, begin = result.state, start.begin
    d = st.dates
    afschaling = d["afschalingMogelijkVanaf"]
    term_end = d["eindeTermijn"]
    overran = (st.traject == OVERSCHREDEN) | (st.traject == VOLDAAN_NA_TERMIJN)
    return Outcome(
        traject=st.traject.copy(),
        voldaan=_months(d["datumVoldaan"], begin),
        afschaling=np.where(afschaling < begin.astype("datetime64[D]"), ALREADY, _months(afschaling, begin)),
        overschreden=_months(np.where(overran, term_end, np.datetime64("NaT", "D")), begin),
        ontheffing=_months(d["datumOntheffing"], begin),
        kosten=_costs(result),
    )


def forecast(
    rows: Sequence[dict[str, Any]],
    request: ForecastRequest,
    behaviour: Behaviour | None = None,
    progress: Progress | None = None,
) -> Forecast:
    """Forecast the checked ``rows`` under every scenario of ``request``, ``request.draws`` times."""
    scenarios = request.validate()
    if not rows:
        raise RequestError(["rows: none; allowed: one or more valid rows of a caseload file"])
    base = behaviour or load_behaviour()
    rows = order(rows)
    out = Forecast(request, [str(r["id"]) for r in rows], [int(r.get("rij", 0)) for r in rows], {})
    cols = FileColumns(rows)  # parsed once for every scenario and draw
    total, done = request.draws * len(scenarios), 0
    for draw in range(request.draws):
        b = base.with_values(draw_values(base, request.seed, draw)) if request.uncertainty else base
        seed = simulation_seed(request.seed, draw)
        ref = reference(b, request.peildatum, request.reference_scale, seed)
        for spec, scenario in zip(request.scenarios, scenarios, strict=True):
            start = build(cols, request.peildatum, scenario, b, ref, seed)
            if draw == 0:
                out.starts[spec] = Situation.of(start)
                out.imputed = start.imputed
            config = SimConfig(eind=str(request.horizon), seed=seed, begin=str(start.begin))
            result = simulate_population(
                start.pop, scenario, b, config, state=start.state, route_cutoffs=start.route_cutoffs
            )
            out.runs[(spec, draw)] = outcome(result, start)
            done += 1
            if progress is not None:
                progress(done, total)
    return out
