"""The terminal side of ``inburgering simulate``: progress bar, summary table, files, person trace.

Kept out of ``cli.py`` so that the command module stays small and the person calculator does
not import pandas or the engine.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

from inburgering.cli_help import progress_bar
from inburgering.law.scenario import ScenarioLayer
from inburgering.publish import publish
from inburgering.sim.output import persons as person_table
from inburgering.sim.population import GROUP_NAMES
from inburgering.sim.simulate import Simulation, simulate, write_persons
from inburgering.sim.state import ROUTE_NAMES, TRAJECT_NAMES, VERBLIJF_NAMES, VERTROKKEN, VOLDAAN_IN_TERMIJN


def run_simulate(
    scenario: str,
    extra: Mapping[str, ScenarioLayer],
    out: Path,
    scale: float,
    seed: int,
    last_inflow_year: int,
    horizon: str,
    trace_person: int | None,
) -> None:
    """Run, write the tables atomically, print a summary (and a person trace if asked)."""
    console = Console(stderr=True)
    with progress_bar("{task.description}", console) as bar:
        task = bar.add_task(f"simulating {scenario}", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"simulating {scenario} (months)")

        sim = simulate(
            scenario,
            scale=scale,
            seed=seed,
            last_inflow_year=last_inflow_year,
            horizon=horizon,
            extra_scenarios=extra or None,
            progress=progress,
            watch=trace_person,
        )
    files = write_tables(
        sim,
        out,
        {"scenario": scenario, "scale": scale, "seed": seed, "last_inflow_year": last_inflow_year, "horizon": horizon},
    )
    out_console = Console(width=max(Console().width, 100))  # the summary needs about 90 columns
    out_console.print(summary_table(sim))
    for path in files:
        out_console.print(f"wrote {path}")
    if trace_person is not None:
        print_trace(sim, trace_person, out_console)


def write_tables(sim: Simulation, out: Path, meta: dict[str, object]) -> list[Path]:
    """Write the Parquet files and ``run.json`` into ``out``, all or nothing (:func:`inburgering.publish.publish`)."""

    def write(staging: Path) -> None:
        sim.indicators.to_parquet(staging / "indicatoren.parquet", index=False)
        write_persons(sim, staging / "personen.parquet")
        sim.banen.to_parquet(staging / "banen.parquet", index=False)
        (staging / "run.json").write_text(json.dumps({**meta, "timings": sim.timings}, indent=2), encoding="utf-8")

    return publish(out, write)


def summary_table(sim: Simulation) -> Table:
    """Per cohort: persons, obliged, PIP within 2 years, routes, completed in term, work, naturalised, left."""
    st = sim.result.state
    pop = st.pop
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"{sim.result.scenario}: cohorts by the horizon",
        caption=(
            "persons with a permit (rejected applicants are counted apart); of the obliged: PIP within 2 years "
            "of the permit, completed in term; of the persons: ever in paid work, naturalised, left"
        ),
    )
    for col in ("cohort", "persons", "obliged", "PIP<2y", "B1/O/Z %", "in term", "worked", "Dutch", "left", "rejected"):
        table.add_column(col, justify="right", no_wrap=True)
    obliged = ~np.isnat(st.dates["datumKennisgeving"])
    within = (st.dates["datumPip"] - pop["datumVerblijfsrecht"]) <= np.timedelta64(730, "D")
    in_term = st.traject == VOLDAAN_IN_TERMIJN
    worked = ~np.isnat(st.dates["datumEersteBaan"])
    rejected = pop["groep"] == GROUP_NAMES.index("afgewezen")
    # from the run's arrays, not the person table: that table is built only when asked (issue #20)
    for cohort in np.unique(pop["cohort"]):
        idx = np.flatnonzero(pop["cohort"] == cohort)
        n_rejected = int(rejected[idx].sum())
        idx = idx[~rejected[idx]]
        ob = obliged[idx]
        route = st.route_bij_pip[idx]
        route = route[route >= 0]
        table.add_row(
            str(cohort),
            f"{len(idx):,}",
            f"{ob.sum():,}",
            _share(within[idx], ob),
            "/".join(f"{100 * (route == r).mean():.0f}" for r in range(len(ROUTE_NAMES))) if len(route) else "-",
            _share(in_term[idx], ob),
            f"{worked[idx].mean():.0%}",
            f"{st.genaturaliseerd[idx].mean():.0%}",
            f"{(st.verblijf[idx] == VERTROKKEN).mean():.0%}",
            f"{n_rejected:,}",
        )
    return table


def _share(flags: np.ndarray, among: np.ndarray) -> str:
    return f"{flags[among].mean():.0%}" if among.any() else "-"


def print_trace(sim: Simulation, person: int, console: Console) -> None:
    """One synthetic person month by month, then the rule traces on the PIP's date."""
    from inburgering.explain_text import render
    from inburgering.law.scenario import resolve
    from inburgering.rules.trace import results_json
    from inburgering.sim.bridge import persons_for

    n = len(sim.result.state.pop)
    if not 0 <= person < n:
        console.print(f"--trace-person: value {person} is not allowed; allowed: 0 to {n - 1}")
        return
    row = person_table(sim.result, np.array([person])).iloc[0]
    console.print(row.to_frame(name=f"person {person}").to_string())
    table = Table("month", "verblijf", "traject", "leerroute", title=f"person {person}, month by month (changes only)")
    last = None
    for month, verblijf, traject, route in sim.result.watched:
        now = (VERBLIJF_NAMES[verblijf], TRAJECT_NAMES[traject], ROUTE_NAMES[route] if route >= 0 else "-")
        if now != last:
            table.add_row(str(month), *now)
            last = now
    console.print(table)
    day = row["datumPip"] if pd.notna(row["datumPip"]) else row["datumVerblijfsrecht"]
    rule_persons = dataclasses.replace(
        persons_for(sim.result.state, np.array([person]), params=sim.result.parameters), ids=(f"synthetic-{person}",)
    )
    result = results_json(rule_persons, str(pd.Timestamp(day).date()), [resolve(sim.result.scenario)])
    console.print(render(result), soft_wrap=True, markup=False, highlight=False)
