"""The command group of every ``inburgering`` command: readable help, and one-line refusals.

Help: every option shows what to type (``N``, ``DATE``, ``FOLDER``) instead of a type name
(``<int>``, ``<path>``, ``<bool>`` for a flag), and every command ends with one example, from
:data:`EXAMPLES` (one place, so a test can check that no command lacks one). The help is
Click's plain layout (``rich_markup_mode=None``), which shows these names and reads well in a
screen reader.

Refusals: the machine refusing work (a full disk, a busy store) is neither the user's input
(exit 2) nor a bug (a traceback): the message says what could not be done and why, with exit
status 1; :mod:`inburgering.publish` has made sure that nothing half-written is left.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

EXAMPLES = {
    "explain": "inburgering explain --person examples/persoon.json --date 01-01-2027 --scenario coalitie-2026",
    "scenarios list": "inburgering scenarios list",
    "scenarios show": "inburgering scenarios show coalitie-2026",
    "scenarios validate": "inburgering scenarios validate mijn-scenario.yaml",
    "simulate": "inburgering simulate --scenario coalitie-2026 --scale 0.1 --out runs/coalitie",
    "calibrate": "inburgering calibrate --scale 0.1",
    "validate": "inburgering validate --scale 0.1",
    "parameters": "inburgering parameters --scenario coalitie-2026 --date 01-01-2027",
    "version": "inburgering version",
    "compare": "inburgering compare --scenarios wi2021,coalitie-2026 --draws 20 --out runs/vergelijking",
    "runs list": "inburgering runs list",
    "runs show": "inburgering runs show 3f2a",
    "runs delete": "inburgering runs delete 3f2a",
    "serve": "inburgering serve --port 8000",
    "caseload template": "inburgering caseload template --format xlsx --out caseload.xlsx",
    "caseload schema": "inburgering caseload schema > caseload-rij.schema.json",
    "caseload sleutel": "inburgering caseload sleutel --out sleutel.txt",
    "caseload check": "inburgering caseload check caseload.xlsx",
    "caseload forecast": "inburgering caseload forecast caseload.xlsx --date 30-11-2026 --out runs/prognose",
    "caseload voorbeeld": "inburgering caseload voorbeeld --out voorbeeld.csv --date 30-11-2026",
}

# what to type, by option name first, else by type
_BY_NAME = {
    "peildatum": "DATE",
    "eind": "YYYY-MM",
    "scenarios": "A,B,...",
    "scenario": "SCENARIO",
    "scenario_file": "FILE",
    "lang": "en|nl",
    "fmt": "FORMAT",
    "scheduler": "local|sync|tcp://HOST:PORT",
    "out": "PATH",
    "store": "FOLDER",
    "person": "FILE",
    "sleutel_file": "FILE",
    "targets": "FILE",
    "allowed_host": "NAME",
    "host": "ADDRESS",
    "horizon": "YYYY-MM",
    "last_inflow_year": "YEAR",
    "file": "FILE",
    "spec": "SCENARIO",
    "key": "KEY",
    "months": "N",
    "contact_name": "NAME",
    "contact_email": "EMAIL",
    "contact_url": "URL",
    "port": "PORT",
}
_BY_TYPE = {"int": "N", "float": "NUMBER", "str": "TEXT", "path": "PATH"}


def _no_type_name(ctx: Any) -> str:
    return ""


class Commands(TyperGroup):
    """A group whose commands have readable help and whose refusals are one line."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:  # a click Context (typer vendors click)
        """The command, its options named by what to type and its example appended."""
        command = super().get_command(ctx, cmd_name)
        if command is None:
            return None
        for param in command.params:
            if getattr(param, "is_flag", False) or param.name == "help":
                continue
            if param.metavar is None:
                kind = param.bare_type() if hasattr(param, "bare_type") else "str"
                param.metavar = _BY_NAME.get(param.name or "", _BY_TYPE.get(kind, "VALUE"))
            param.display_type = _no_type_name  # type: ignore[attr-defined]  # else an argument shows "<path>"
        path = " ".join([*ctx.command_path.split()[1:], cmd_name])
        if path in EXAMPLES and not command.epilog:
            command.epilog = f"\b\nExample: {EXAMPLES[path]}"  # \b: kept on one line, not rewrapped
        return command

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a refusal of the machine is one line with exit status 1."""
        from inburgering.publish import is_write_failure, reason

        try:
            return super().invoke(ctx)
        except Exception as exc:
            if getattr(exc, "said_in_one_line", False):  # WriteError, StoreBusy, RunInUse, StoreBroken
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(1) from None
            if isinstance(exc, OSError) and is_write_failure(exc):  # the machine refused, outside a writer
                typer.echo(f"error: {reason(exc)}: {exc.filename or 'a file'}", err=True)
                raise typer.Exit(1) from None
            raise


def progress_bar(label: str, console: Any) -> Any:
    """The progress bar of every long command: done of all, time taken and time left (a rich Progress)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
    )


def commands(help_text: str) -> typer.Typer:
    """A command group with this module's help and refusals."""
    return typer.Typer(cls=Commands, help=help_text, no_args_is_help=True, add_completion=False, rich_markup_mode=None)
