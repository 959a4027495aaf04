"""``inburgering caseload``: template, schema, key and check for a municipality's caseload file.

Problems go to stderr, one per line, each with row, column, value and what is allowed; the
exit status is 2 when the file cannot be used. Nothing from the file is logged or kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

caseload_app = typer.Typer(
    help="A municipality's own caseload: template, check (forecast: coming).", no_args_is_help=True
)
KeyOption = Annotated[
    Path | None, typer.Option("--sleutel", help="File with the pseudonymisation key (else $INBURGERING_SLEUTEL).")
]


def _fail(lines: list[str]) -> None:
    for line in lines:
        typer.echo(f"error: {line}", err=True)
    raise typer.Exit(2)


@caseload_app.command("template")
def template(
    fmt: Annotated[str, typer.Option("--format", help="csv or xlsx.")] = "xlsx",
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default caseload-template.<format>).")
    ] = None,
) -> None:
    """Write an empty template with the documented columns."""
    from inburgering.caseload.template import write_template

    if fmt not in ("csv", "xlsx"):
        _fail([f"--format: value {fmt!r} is not allowed; allowed: csv, xlsx"])
    path = out or Path(f"caseload-template.{fmt}")
    write_template(path, fmt)
    typer.echo(f"wrote {path}")


@caseload_app.command("schema")
def schema() -> None:
    """Print the JSON Schema of one caseload row."""
    from inburgering.caseload.template import schema_text

    typer.echo(schema_text(), nl=False)


@caseload_app.command("sleutel")
def sleutel(out: Annotated[Path, typer.Option("--out", help="File for the new key (must not exist).")]) -> None:
    """Make a new random pseudonymisation key in a file only you can read."""
    from inburgering.caseload.privacy import new_key

    if out.exists():
        _fail([f"--out: {str(out)!r} exists; allowed: a new file (a key is never overwritten)"])
    out.touch(mode=0o600)
    out.write_text(new_key() + "\n", encoding="utf-8")
    typer.echo(f"wrote a new key to {out}; keep it safe: without it pseudonyms cannot be matched again")


@caseload_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="The caseload file (CSV or XLSX).")],
    sleutel_file: KeyOption = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Use the valid rows; report the rest.")] = False,
) -> None:
    """Check a caseload file and report every problem at once (row, column, value, what is allowed)."""
    from inburgering.caseload.check import check_table
    from inburgering.caseload.privacy import PrivacyError, load_key
    from inburgering.caseload.reader import ReadError, read_table

    try:
        key = load_key(sleutel_file)
        checked = check_table(read_table(file), key)
    except (ReadError, PrivacyError) as exc:
        _fail(getattr(exc, "reasons", None) or [str(exc)])
        return
    for problem in checked.problems:
        typer.echo(problem.message(), err=True)
    valid, total = len(checked.rows), checked.rows_read
    summary = f"{total} rows read, {valid} valid, {len(checked.problems)} problem(s)"
    if checked.problems and not (skip_invalid and valid):
        _fail([summary + ("" if skip_invalid else "; the file is not used (--skip-invalid uses the valid rows)")])
    typer.echo(summary + ("; the valid rows can be used" if checked.problems else "; the file can be used"))
