"""Command line: ``inburgering explain`` (the person calculator) and ``inburgering scenarios``.

Invalid input exits with status 2 and a message on stderr that names the person, the field,
the value and what is allowed; nothing else is printed to stdout then.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from inburgering.cli_help import commands
from inburgering.i18n import gettext_for
from inburgering.law.scenario import (
    Scenario,
    ScenarioError,
    ScenarioLayer,
    load_scenario_file,
    resolve,
    shipped_layers,
    simulation_notes,
    warnings_for,
)
from inburgering.version import __version__

app = commands("The Dutch civic-integration system (Wet inburgering 2021) as cited, executable rules.")
scenarios_app = commands("List, show and validate scenarios.")
app.add_typer(scenarios_app, name="scenarios")


def fail(message: str) -> None:
    """Print ``message`` to stderr and exit with status 2 (invalid input)."""
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _read_json(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")


def _extra_layers(files: list[Path]) -> dict[str, ScenarioLayer]:
    """User scenario files by id; exit 2 with every error if one is invalid."""
    extra = {}
    for path in files:
        try:
            layer = load_scenario_file(path)
        except ScenarioError as exc:
            fail(str(exc))
        extra[layer.id] = layer
    return extra


def _scenarios(specs: list[str], files: list[Path]) -> list[Scenario]:
    extra = _extra_layers(files)
    out = []
    for spec in specs:
        try:
            out.append(resolve(spec, extra or None))
        except ScenarioError as exc:
            fail(str(exc))
    return out


def _peildatum(value: str | None) -> _dt.date:
    if value is None:
        return _dt.date.today()
    from inburgering.dates import parse_day

    day = parse_day(value)
    if day is None:
        fail(f"--date: value {value!r} is not allowed; allowed: an existing date, YYYY-MM-DD or dd-mm-jjjj")
        raise AssertionError  # unreachable: fail() exits
    return day


@app.command()
def explain(
    person: Annotated[str, typer.Option("--person", help="JSON file with one person or a list; '-' reads stdin.")],
    scenario: Annotated[
        list[str] | None, typer.Option("--scenario", help="Scenario id or stack (a+b); repeatable. Default wi2021.")
    ] = None,
    scenario_file: Annotated[
        list[Path] | None,
        typer.Option("--scenario-file", help="A user scenario YAML file; its id can then be used in --scenario."),
    ] = None,
    peildatum: Annotated[
        str | None,
        typer.Option("--date", "--peildatum", help="Reference date, YYYY-MM-DD or dd-mm-jjjj; default today."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    lang: Annotated[str, typer.Option("--lang", help="en or nl.")] = "en",
    coming: Annotated[
        bool,
        typer.Option(
            "--coming/--no-coming",
            help="Add what is coming: the person's own dates ahead and the days on which a change in the law "
            "changes an answer for them.",
        ),
    ] = True,
) -> None:
    """What applies to one person (or several) on a date, under each scenario, and why; and what is coming."""
    from inburgering.rules.person import PersonInputError, parse_persons
    from inburgering.rules.trace import PeildatumError, results_json

    if fmt not in ("text", "json"):
        fail(f"--format: value {fmt!r} is not allowed; allowed: text | json")
    if lang not in ("en", "nl"):
        fail(f"--lang: value {lang!r} is not allowed; allowed: en | nl")
    day = _peildatum(peildatum)
    chosen = _scenarios(scenario or ["wi2021"], scenario_file or [])
    try:
        persons = parse_persons(_read_json(person))
    except PersonInputError as exc:
        # in the language asked for (a review found the heading English under --lang nl)
        _ = gettext_for(lang)
        count = len(exc.errors)
        head = _("invalid person input (1 problem):") if count == 1 else _("invalid person input ({n} problems):")
        fail(head.format(n=count) + "\n" + "\n".join(f"  {e.message(lang)}" for e in exc.errors))
    try:
        result = results_json(persons, day.isoformat(), chosen, lang)
    except PeildatumError as exc:
        _ = gettext_for(lang)
        text = _("value {value} is not allowed; allowed: {allowed}")
        fail("--date/--peildatum: " + text.format(value=repr(exc.day), allowed=exc.allowed(lang)))
    timelines = _timelines(persons, day, chosen) if coming else []
    if fmt == "json":
        if coming:
            result["tijdlijnen"] = timelines
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        from inburgering.explain_text import coming_lines, render
        from inburgering.rules.timeline import HORIZON_YEARS

        text = render(result, lang)
        for entry in timelines:
            head = f"{entry['persoon']} · {entry['scenario']}"
            text += f"\n{head}\n" + "\n".join(coming_lines(entry["gebeurtenissen"], lang, HORIZON_YEARS)) + "\n"
        typer.echo(text)


def _timelines(persons: Any, day: _dt.date, chosen: list[Scenario]) -> list[dict[str, Any]]:
    """What is coming for each person under each scenario (JSON), the rulebook asked on each change day."""
    from inburgering.rules.timeline import coming

    out = []
    for scenario in chosen:
        for pid, events in zip(persons.ids, coming(persons, day, scenario), strict=True):
            out.append({"persoon": pid, "scenario": scenario.id, "gebeurtenissen": [e.to_json() for e in events]})
    return out


@scenarios_app.command("list")
def scenarios_list() -> None:
    """The shipped scenarios with their base and hash."""
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "base", "hash", "title")
    for sid, layer in shipped_layers().items():
        table.add_row(sid, layer.base or "-", resolve(sid).hash, layer.title["en"])
    Console().print(table)


@scenarios_app.command("show")
def scenarios_show(
    spec: Annotated[str, typer.Argument(help="Scenario id or stack (a+b).")],
    lang: Annotated[str, typer.Option("--lang", help="en or nl.")] = "en",
) -> None:
    """Every change a scenario makes: old and new value, from when, and the source."""
    from inburgering.law.scenario_report import describe

    scenario = _scenarios([spec], [])[0]
    typer.echo(describe(scenario, lang))


@scenarios_app.command("validate")
def scenarios_validate(
    file: Annotated[Path, typer.Argument(help="A scenario YAML file.")],
    horizon: Annotated[
        str, typer.Option("--horizon", help="Last date that counts for the 'changes nothing' warning.")
    ] = "2040-12-31",
) -> None:
    """Check a user scenario: every error at once; warn when it changes nothing."""
    try:
        layer = load_scenario_file(file)
        scenario = resolve(layer.id, {layer.id: layer})
    except ScenarioError as exc:
        fail(str(exc))
    for warning in (*warnings_for(scenario, horizon), *simulation_notes(scenario)):
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(
        f"{layer.id}: valid ({len(layer.changes)} changes on top of {layer.base or 'wi2021'}; hash {scenario.hash})"
    )


@app.command()
def simulate(
    scenario: Annotated[str, typer.Option("--scenario", help="Scenario id or stack (a+b).")] = "wi2021",
    scenario_file: Annotated[
        list[Path] | None, typer.Option("--scenario-file", help="A user scenario YAML file.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the output files.")] = Path("runs/basis"),
    scale: Annotated[float, typer.Option("--scale", help="Multiplies every cohort (0.1 quick, 10 stress).")] = 1.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same run.")] = 1,
    last_inflow_year: Annotated[
        int, typer.Option("--last-inflow-year", "--laatste-instroomjaar", help="Last cohort year.")
    ] = 2030,
    horizon: Annotated[str, typer.Option("--end", "--eind", help="Last simulated month, YYYY-MM.")] = "2040-12",
    trace_person: Annotated[
        int | None, typer.Option("--trace-person", help="Follow one synthetic person month by month.")
    ] = None,
) -> None:
    """Simulate every national cohort month by month under a scenario; write Parquet tables."""
    from inburgering.cli_simulate import run_simulate

    extra = _extra_layers(scenario_file or [])
    try:
        resolved = resolve(scenario, extra or None)
    except ScenarioError as exc:
        fail(str(exc))
    from inburgering.sim.population import scale_problem

    if problem := scale_problem(scale, 100):
        fail(f"--scale: {problem}")
    if not 2022 <= last_inflow_year <= 2040:
        fail(f"--last-inflow-year: value {last_inflow_year} is not allowed; allowed: 2022 to 2040")
    try:
        end = _dt.date.fromisoformat(horizon + "-01")
    except ValueError:
        fail(f"--end: value {horizon!r} is not allowed; allowed: a month written YYYY-MM")
    if end.year < last_inflow_year:
        fail(f"--end: value {horizon!r} is not allowed; allowed: a month in or after {last_inflow_year}")
    from inburgering.publish import out_problem

    if problem := out_problem(out):
        fail(problem)
    for warning in (*warnings_for(resolved, f"{horizon}-28"), *simulation_notes(resolved)):
        typer.echo(f"warning: {warning}", err=True)
    run_simulate(scenario, extra, out, scale, seed, last_inflow_year, horizon, trace_person)


@app.command()
def calibrate(
    budget: Annotated[float, typer.Option("--budget", help="Minutes at most.")] = 10.0,
    scale: Annotated[float, typer.Option("--scale", help="Population scale of each evaluation.")] = 0.2,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (common to every evaluation).")] = 1,
    targets: Annotated[Path | None, typer.Option("--targets", help="A targets YAML file.")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write the values; default the shipped file.")
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="Refit only this parameter (repeat for more); the other calibrated values stay."),
    ] = None,
) -> None:
    """Fit the behavioural parameters to the fit targets and write them with their provenance."""
    from rich.console import Console
    from rich.progress import Progress

    from inburgering.calibration.calibrate import FITTED, write_calibrated
    from inburgering.calibration.calibrate import calibrate as run_calibration
    from inburgering.calibration.targets import TargetError, load_targets
    from inburgering.calibration.validate import print_table
    from inburgering.sim.behaviour import shipped_path, shipped_values

    if not 0 < budget <= 120:
        fail(f"--budget: value {budget} is not allowed; allowed: more than 0 and at most 120 minutes")
    from inburgering.sim.population import scale_problem

    if problem := scale_problem(scale, 10):
        fail(f"--scale: {problem}")
    try:
        loaded = load_targets(targets)
    except (TargetError, OSError) as exc:
        fail(f"--targets: {exc}")
    for name in only or []:
        if name not in FITTED:
            fail(f"--only: value {name!r} is not allowed; allowed: a fitted parameter ({', '.join(FITTED)})")
    parameters = tuple(dict.fromkeys(only)) if only else FITTED
    keep = {k: v for k, v in shipped_values().items() if k not in parameters} if only else None
    with Progress() as bar:
        task = bar.add_task("calibrating", total=None)

        def step(n: int, loss: float) -> None:
            bar.update(task, description=f"evaluation {n}, best loss {loss:.3g}")

        result = run_calibration(scale, seed, loaded, budget, step, parameters=parameters)
    print_table(result.rows, Console())
    path = out or shipped_path()
    write_calibrated(result, path, targets, scale, seed, keep)
    typer.echo(f"wrote {path} (loss {result.loss:.3g}, {result.evaluations} runs, {result.seconds:.0f} s)")


@app.command()
def validate(
    scale: Annotated[float, typer.Option("--scale", help="Population scale of the validation run.")] = 0.2,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 1,
    targets: Annotated[Path | None, typer.Option("--targets", help="A targets YAML file.")] = None,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Also write the fit table here.")] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the fit table as JSON (the report reads it).")
    ] = None,
) -> None:
    """Run the baseline and print the fit to every published figure (target, model, tolerance)."""
    from rich.console import Console

    from inburgering.calibration.targets import TargetError
    from inburgering.calibration.validate import print_table, run_validation, write_json, write_markdown
    from inburgering.sim.population import scale_problem

    if problem := scale_problem(scale, 10):
        fail(f"--scale: {problem}")
    if targets is not None and not targets.is_file():
        fail(f"--targets: file {str(targets)!r} does not exist")
    try:
        rows = run_validation(scale, seed, targets)
    except TargetError as exc:
        fail("\n".join(f"--targets: {problem}" for problem in exc.problems))
    print_table(rows, Console())
    if markdown is not None:
        write_markdown(rows, markdown, scale, seed)
        typer.echo(f"wrote {markdown}")
    if json_out is not None:
        write_json(rows, json_out, scale, seed)
        typer.echo(f"wrote {json_out}")


@app.command()
def parameters(
    scenario: Annotated[str, typer.Option("--scenario", help="Scenario id or stack.")] = "wi2021",
    peildatum: Annotated[
        str | None, typer.Option("--date", "--peildatum", help="Date, YYYY-MM-DD or dd-mm-jjjj; default today.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """The law's parameters: path, unit, value on a date, and where it comes from."""
    from inburgering.law.citations import Citation

    if fmt not in ("text", "json"):
        fail(f"--format: value {fmt!r} is not allowed; allowed: text | json")
    day = _peildatum(peildatum)
    params = _scenarios([scenario], [])[0].parameters
    rows = []
    for path in sorted(params):
        dated = params[path].at(day)
        value = dated.value.isoformat() if hasattr(dated.value, "isoformat") else dated.value
        cites: tuple[Citation, ...] = dated.citations
        row = {"pad": path, "waarde": value, "eenheid": params[path].unit, "bronnen": [c.label for c in cites]}
        rows.append({**row, "gemodelleerd": params[path].modelled})
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        mark = "" if row["gemodelleerd"] else "  (not modelled: a scenario cannot change it)"
        typer.echo(f"{row['pad']} = {row['waarde']} {row['eenheid']}  [{'; '.join(row['bronnen'])}]{mark}")


@app.command()
def version() -> None:
    """Print the package version."""
    typer.echo(__version__)


def _register_compare() -> None:
    """The comparison commands live in their own module (heavy imports stay lazy inside them)."""
    from inburgering.cli_compare import compare, runs_app

    app.command()(compare)
    app.add_typer(runs_app, name="runs")
    from inburgering.api.serve import serve

    app.command()(serve)
    from inburgering.cli_caseload import caseload_app

    app.add_typer(caseload_app, name="caseload")


_register_compare()


def main() -> None:  # pragma: no cover - console script entry
    """Console script entry point."""
    app()
