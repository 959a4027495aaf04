"""The Python API for notebooks and scripts: typed entry points, re-exported by the package.

    import inburgering
    sim = inburgering.simulate("coalitie-2026", scale=0.1)
    run = inburgering.compare_scenarios(["wi2021", "coalitie-2026"], draws=10)
    inburgering.explain({"id": "a", "geboortedatum": "1990-01-01", ...}, on="2027-01-01")
    inburgering.coming({"id": "a", ...}, on="2026-12-01", scenarios=["coalitie-2026"])

Each function imports its machinery when called, so ``import inburgering`` stays light (the
person calculator does not pay for pandas or Dask). The work is done by the same code as the
command line; these functions only give it names, types and defaults a reader can see.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from inburgering.compare.run import Comparison
    from inburgering.sim.simulate import Simulation

DEFAULT_SCENARIOS = ("wi2021", "coalitie-2026", "coalitie-2026+vwn-2026")


def simulate(
    scenario: str = "wi2021",
    *,
    scale: float = 1.0,
    seed: int = 1,
    last_inflow_year: int = 2030,
    horizon: str = "2040-12",
) -> Simulation:
    """Simulate the national population month by month under ``scenario`` (a stack ``a+b`` works).

    ``scale`` multiplies every cohort (0.1 is quick); the result holds ``indicators`` and
    ``persons`` (DataFrames) and the final state. :class:`ValueError` names a bad argument.
    """
    from inburgering.sim.population import scale_problem
    from inburgering.sim.simulate import simulate as run

    if problem := scale_problem(scale, 100):
        raise ValueError(f"scale: {problem}")
    return run(scenario, scale=scale, seed=seed, last_inflow_year=last_inflow_year, horizon=horizon)


def compare_scenarios(
    scenarios: Sequence[str] = DEFAULT_SCENARIOS,
    *,
    draws: int = 15,
    seed: int = 1,
    scale: float = 0.15,
    last_inflow_year: int = 2030,
    horizon: str = "2040-12",
    per_change: bool = False,
    scheduler: str = "local",
    store: Path | None = None,
) -> Comparison:
    """Compare ``scenarios`` (the first is the baseline) with uncertainty; a stored run is served at once.

    ``scheduler`` is ``local`` (Dask worker processes on this machine), ``sync`` (in this
    process) or a Dask address ``tcp://host:port``. It works from a notebook and from a plain
    script alike: no ``if __name__ == "__main__"`` guard is needed. The result's ``tables``
    hold ``kernindicatoren``, ``kostenTotaal`` and the others of docs/compare.md.
    :class:`inburgering.compare.request.RequestError` lists every problem of the arguments.
    """
    from inburgering.compare.request import CompareRequest
    from inburgering.compare.run import compare as run

    request = CompareRequest(_specs(scenarios), draws, seed, scale, last_inflow_year, horizon, per_change)
    return run(request, scheduler=scheduler, store_root=store)


def explain(
    person: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    *,
    on: _dt.date | str | None = None,
    scenarios: Sequence[str] = ("wi2021",),
    lang: str = "en",
) -> pd.DataFrame:
    """What applies to a person (or several) on a date under each scenario, and why, as a table.

    One row per person and question (``vraag``: the rule's name, ``omschrijving``: it in words),
    a column per scenario with the answer as a plain value (a date, True/False, a number, a
    list), and ``waarom``: the baseline's reason with the article of law behind it. A null answer
    can mean "unknown", "not applicable" or "none": ``soort.<scenario>`` says which (``waarde``
    where there is an answer, else ``onbekend``, ``nietVanToepassing`` or ``geen``, as the API's
    ``uitkomstSoort``), and ``waarom.<scenario>``
    gives each further scenario's own reason (a review found the baseline's reason beside another
    scenario's different answer). The person is a dict with the fields of docs/api.md
    (``examples/persoon.json``); ``on`` defaults to today.
    :class:`inburgering.rules.person.PersonInputError` names every bad field.
    """
    import pandas as pd

    from inburgering.dates import parse_day
    from inburgering.explain_text import question
    from inburgering.law.scenario import resolve
    from inburgering.rules.person import parse_persons
    from inburgering.rules.trace import OUTPUTS, results_json

    if lang not in ("en", "nl"):
        raise ValueError(f"lang: value {lang!r} is not allowed; allowed: en, nl")
    scenarios = _specs(scenarios)
    when = parse_day(on) if isinstance(on, str) else (on or _dt.date.today())
    if when is None:
        raise ValueError(f"on: value {on!r} is not allowed; allowed: a date, YYYY-MM-DD or dd-mm-jjjj")
    day = when.isoformat()
    raw = [dict(person)] if isinstance(person, Mapping) else [dict(p) for p in person]
    persons = parse_persons(raw)
    result = results_json(persons, day, [resolve(s) for s in scenarios], lang)["resultaten"]
    rows = []
    for pid in persons.ids:
        mine = {r["scenario"]: r for r in result if r["persoon"] == pid}
        steps = {spec: {step["regel"]: step for step in mine[resolve(spec).id]["spoor"]} for spec in scenarios}
        for name in OUTPUTS:
            row: dict[str, Any] = {"persoon": pid, "vraag": name, "omschrijving": question(name, lang)}
            for spec in scenarios:
                row[spec] = _plain(mine[resolve(spec).id][name])
            row["waarom"] = steps[scenarios[0]].get(name, {}).get("toelichting", "")
            for spec in scenarios:
                row[f"soort.{spec}"] = steps[spec].get(name, {}).get("uitkomstSoort", "waarde")
            for spec in scenarios[1:]:
                row[f"waarom.{spec}"] = steps[spec].get(name, {}).get("toelichting", "")
            rows.append(row)
    return pd.DataFrame(rows)


def coming(
    person: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    *,
    on: _dt.date | str | None = None,
    scenarios: Sequence[str] = ("wi2021",),
    lang: str = "en",
) -> pd.DataFrame:
    """What is coming for a person (or several) from ``on``: their own dates and the law's dated changes.

    One row per event (``datum`` a date, ``soort`` ``datum`` for one of the person's own dates
    or ``wet`` for an answer that a change in the law alters that day), the question, the answer
    before and after in words, and for ``wet`` the parameters that cause it (``wijzigingen``:
    ``path old -> new``). The same timeline as ``inburgering explain`` and the person page.
    """
    import pandas as pd

    from inburgering.dates import parse_day
    from inburgering.explain_text import question, show_step
    from inburgering.law.scenario import resolve
    from inburgering.rules.person import parse_persons
    from inburgering.rules.timeline import coming as timeline

    if lang not in ("en", "nl"):
        raise ValueError(f"lang: value {lang!r} is not allowed; allowed: en, nl")
    when = parse_day(on) if isinstance(on, str) else (on or _dt.date.today())
    if when is None:
        raise ValueError(f"on: value {on!r} is not allowed; allowed: a date, YYYY-MM-DD or dd-mm-jjjj")
    raw = [dict(person)] if isinstance(person, Mapping) else [dict(p) for p in person]
    persons = parse_persons(raw)
    rows = []
    for spec in _specs(scenarios):
        for pid, events in zip(persons.ids, timeline(persons, when.isoformat(), resolve(spec)), strict=True):
            for e in events:
                rows.append(
                    {
                        "persoon": pid,
                        "scenario": spec,
                        "datum": _dt.date.fromisoformat(e.day),
                        "soort": e.kind,
                        "vraag": e.rule,
                        "omschrijving": question(e.rule, lang) if e.rule else "",
                        "was": show_step(e.before, lang) if e.before else "",
                        "wordt": show_step(e.after, lang),
                        "wijzigingen": "; ".join(f"{c.path} {c.old} -> {c.new}" for c in e.changes),
                    }
                )
    columns = ["persoon", "scenario", "datum", "soort", "vraag", "omschrijving", "was", "wordt", "wijzigingen"]
    return pd.DataFrame(rows, columns=columns)


def _specs(scenarios: Sequence[str]) -> tuple[str, ...]:
    """Scenario ids as a tuple; a single string is one scenario, not its letters."""
    return (scenarios,) if isinstance(scenarios, str) else tuple(scenarios)


def _plain(value: Any) -> Any:
    """A JSON answer as a Python value: ISO dates become dates."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
