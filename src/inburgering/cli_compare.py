"""Command line for the comparison: ``inburgering compare`` and ``inburgering runs``.

Kept apart from :mod:`inburgering.cli` so that the person calculator does not import Dask,
DuckDB or plotly; the commands are registered on the same Typer app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inburgering.cli_help import commands, progress_bar
from inburgering.compare.request import DEFAULT_SCENARIOS, LANGUAGES
from inburgering.i18n import gettext_for

if TYPE_CHECKING:
    from rich.console import Console

    from inburgering.compare.request import CompareRequest
    from inburgering.compare.run import Comparison

runs_app = commands("List, show and delete stored comparison runs.")
StoreOption = Annotated[Path | None, typer.Option("--store", help="Run-store folder (default: the user cache).")]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def compare(
    scenarios: Annotated[
        str, typer.Option("--scenarios", help="Comma-separated scenarios; the first is the baseline.")
    ] = ",".join(DEFAULT_SCENARIOS),
    draws: Annotated[int, typer.Option("--draws", help="Draws of the behavioural parameters.")] = 15,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same result.")] = 1,
    scale: Annotated[
        float, typer.Option("--scale", help="Population scale (1 = the full national population).")
    ] = 0.15,
    last_inflow_year: Annotated[
        int, typer.Option("--last-inflow-year", "--laatste-instroomjaar", help="Last cohort year.")
    ] = 2030,
    horizon: Annotated[str, typer.Option("--end", "--eind", help="Last simulated month, YYYY-MM.")] = "2040-12",
    scheduler: Annotated[
        str, typer.Option("--scheduler", help="'local' (a Dask cluster on this machine), 'sync', or tcp://host:8786.")
    ] = "local",
    out: Annotated[Path, typer.Option("--out", help="Folder for the report and the tables.")] = Path(
        "runs/vergelijking"
    ),
    lang: Annotated[str, typer.Option("--lang", help="Report language: en or nl.")] = "en",
    per_change: Annotated[
        bool,
        typer.Option(
            "--per-change",
            "--per-wijziging",
            help="Also show which change does what: each change alone, each scenario without it, and Shapley "
            "shares for up to 4 changes. Extra runs per scenario and draw: 2 per change, or 2^k - 2 for k <= 4 "
            "changes (14 for 4); the command says how many before it starts.",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Compare scenarios with uncertainty and write an HTML report and CSV/Parquet/XLSX tables."""
    from rich.console import Console

    from inburgering.compare.export import export_tables, run_about
    from inburgering.compare.report import write
    from inburgering.compare.request import CompareRequest, RequestError
    from inburgering.compare.run import compare as run_compare
    from inburgering.compare.store import RunStore
    from inburgering.publish import out_problem, publish

    problems = []
    if lang not in LANGUAGES:
        problems.append(f"--lang: value {lang!r} is not allowed; allowed: {', '.join(LANGUAGES)}")
    if scheduler not in ("local", "sync") and not scheduler.startswith(("tcp://", "tls://", "inproc://")):
        problems.append(
            f"--scheduler: value {scheduler!r} is not allowed; allowed: local, sync or a Dask address tcp://host:port"
        )
    request = CompareRequest(
        tuple(s.strip() for s in scenarios.split(",") if s.strip()),
        draws,
        seed,
        scale,
        last_inflow_year,
        horizon,
        per_change,
    )
    try:
        request.validate()
    except RequestError as exc:
        problems += [f"--{p.split(':', 1)[0].replace('_', '-')}:{p.split(':', 1)[1]}" for p in exc.problems]
    if problem := out_problem(out):
        problems.append(problem)
    if problems:
        _fail("\n".join(problems))
    console = Console(stderr=True)
    if per_change:
        _announce_variants(request, console)
    with progress_bar("simulating", console) as bar:
        job = bar.add_task("tasks", total=None)
        result = run_compare(
            request,
            scheduler=scheduler,
            store=RunStore(store),
            progress=lambda done, total: bar.update(job, completed=done, total=total),
            waiting=lambda: console.print("another process is running this same comparison; waiting for its result"),
        )

    def write_all(staging: Path) -> None:
        write(result, staging / f"rapport-{lang}.html", lang)
        export_tables(result.tables, staging / "tabellen", run_about(result.key, result.request.describe()))

    publish(out, write_all, replace=("tabellen",))  # all or nothing; the previous tables go as a whole
    report = out / f"rapport-{lang}.html"
    _print_summary(result, lang)
    origin = "from the run store" if result.from_store else f"in {result.seconds:.0f} s"
    typer.echo(f"run {result.key} ({origin}); report: {report}; tables: {out / 'tabellen'}")


def _announce_variants(request: CompareRequest, console: Console) -> None:
    """Say how many runs the attribution adds before they start: it can multiply the run time."""
    from inburgering.compare.attribution import variants
    from inburgering.compare.runner import change_units_of

    for spec, units in change_units_of(request).items():
        extra = len(variants(len(units)))
        console.print(f"{spec}: {len(units)} changes, {extra} extra runs per draw ({extra * request.draws} in all)")


def _print_summary(result: Comparison, lang: str) -> None:
    _ = gettext_for(lang)
    from rich.console import Console
    from rich.table import Table

    from inburgering.compare.report import headlines, key_rows

    console = Console()
    title = _("Key indicators (median, 90% interval)")
    table = Table(title=title)
    table.add_column("indicator")
    table.add_column("group")
    for s in result.request.scenarios:
        table.add_column(s, justify="right")
    for name, group, row in key_rows(result, lang):
        cells = [name, group]
        for s, cell in zip(result.request.scenarios, row, strict=True):
            if cell is None:
                cells.append("")
            elif s == result.request.baseline:
                cells.append(cell.median)
            else:
                cells.append(f"{cell.median} ({cell.diff}; {cell.diff_low}..{cell.diff_high})")
        table.add_row(*cells)
    console.print(table)
    for line in headlines(result, lang):
        console.print(f"- {line}")
    for note in result.notes:
        console.print(f"[yellow]note:[/] {note}")


@runs_app.command("list")
def runs_list(store: StoreOption = None) -> None:
    """List stored runs, newest first."""
    from inburgering.compare.store import RunStore

    for r in RunStore(store).list():
        req = r["request"]
        typer.echo(
            f"{r['key']}  {r['status']:<8}  {r['parts']:>4} parts  {','.join(req['scenarios'])}  "
            f"draws {req['draws']} seed {req['seed']} scale {req['scale']}  {r['created']:%Y-%m-%d %H:%M}"
        )


@runs_app.command("show")
def runs_show(
    key: Annotated[str, typer.Argument(help="Run key (a unique prefix is enough).")], store: StoreOption = None
) -> None:
    """Show one run: its request, status and stored tables."""
    import json

    from inburgering.compare.store import RunStore

    runs = RunStore(store)
    entry = runs.get(key)
    if entry is None:
        _fail(f"run {key!r}: no such run (or the prefix is not unique); see 'inburgering runs list'")
        return
    tables = runs.result(entry["key"]) or {}
    shown = {k: (str(v) if k in ("created", "finished") else v) for k, v in entry.items()}
    shown["tables"] = {name: len(frame) for name, frame in tables.items()}
    typer.echo(json.dumps(shown, indent=2, ensure_ascii=False))


@runs_app.command("delete")
def runs_delete(
    key: Annotated[str, typer.Argument(help="Run key (a unique prefix is enough).")], store: StoreOption = None
) -> None:
    """Delete a stored run and its files."""
    from inburgering.compare.store import RunStore

    if not RunStore(store).delete(key):
        _fail(f"run {key!r}: no such run (or the prefix is not unique); see 'inburgering runs list'")
    typer.echo(f"deleted {key}")
