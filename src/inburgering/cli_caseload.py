"""``inburgering caseload``: template, schema, key and check for a municipality's caseload file.

Problems go to stderr, one per line, each with row, column, value and what is allowed; the
exit status is 2 when the file cannot be used. Nothing from the file is logged or kept.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from inburgering.cli_help import commands, progress_bar
from inburgering.compare.request import DEFAULT_SCENARIOS
from inburgering.i18n import N_, Said, say

if TYPE_CHECKING:
    from inburgering.caseload.check import Checked

caseload_app = commands("A municipality's own caseload: template, check and forecast under each scenario.")
KeyOption = Annotated[
    Path | None,
    typer.Option(
        "--key",
        "--sleutel",
        help="File with the pseudonymisation key (else $INBURGERING_SLEUTEL); needed only to write pseudonyms "
        "(forecast --per-person).",
    ),
]


def _fail(lines: list[str]) -> NoReturn:
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
    if not path.parent.is_dir():  # a clear line, not a traceback (a robustness test)
        _fail([f"--out: the folder {str(path.parent)!r} does not exist; allowed: a file in an existing folder"])
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
    if not out.parent.is_dir():
        _fail([f"--out: the folder {str(out.parent)!r} does not exist; allowed: a file in an existing folder"])
    out.touch(mode=0o600)
    out.write_text(new_key() + "\n", encoding="utf-8")
    typer.echo(f"wrote a new key to {out}; keep it safe: without it pseudonyms cannot be matched again")


@caseload_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="The caseload file (CSV or XLSX).")],
    sleutel_file: KeyOption = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Use the valid rows; report the rest.")] = False,
    peildatum: Annotated[
        str | None,
        typer.Option(
            "--date", "--peildatum", help="The date the file describes, dd-mm-jjjj or YYYY-MM-DD (default today)."
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the messages: en or nl.")] = "en",
) -> None:
    """Check a caseload file and report every problem at once (row, column, value, what is allowed).

    Against the file's date as ``forecast`` does (a robustness test found ``check`` approving a
    file ``forecast`` refused: a PIP after the file's date).
    """
    from inburgering.caseload.check import parse_date

    day = parse_date(peildatum) if peildatum else _dt.date.today()
    problems = []
    if day is None:
        problems.append(f"--date: value {peildatum!r} is not allowed; allowed: a date dd-mm-jjjj or jjjj-mm-dd")
    if lang not in ("en", "nl"):
        problems.append(f"--lang: value {lang!r} is not allowed; allowed: en, nl")
    if problems:
        _fail(problems)
    checked = _checked(file, sleutel_file, skip_invalid, pseudonyms_written=False, peil=day, lang=lang)
    verdict = N_("; the valid rows can be used") if checked.problems else N_("; the file can be used")
    typer.echo(_summary(checked, lang) + say(Said(verdict), lang))


def _summary(checked: Checked, lang: str) -> str:
    """The summary line (rows read, valid, problems) in ``lang``: one wording for ``check`` and a refused file."""
    counts = {"read": checked.rows_read, "valid": len(checked.rows), "problems": len(checked.problems)}
    return say(Said(N_("{read} rows read, {valid} valid, {problems} problem(s)"), **counts), lang)


def _checked(
    file: Path,
    sleutel_file: Path | None,
    skip_invalid: bool,
    pseudonyms_written: bool,
    peil: _dt.date | None = None,
    lang: str = "en",
) -> Checked:
    """The checked file, every problem on stderr; exits (status 2) when the file cannot be used.

    The key is needed only when pseudonyms are written (the person table): a check, or a
    forecast without ``--per-person``, pseudonymises with a fresh key that is thrown away
    (its numbers do not depend on the key: :func:`inburgering.caseload.start.order`).
    """
    from inburgering.caseload.check import check_table
    from inburgering.caseload.privacy import KEY_ENV, PrivacyError, load_key, new_key
    from inburgering.caseload.reader import ReadError, read_table

    try:
        given = pseudonyms_written or sleutel_file is not None or os.environ.get(KEY_ENV)
        key = load_key(sleutel_file) if given else new_key().encode()
        checked = check_table(read_table(file), key, peil)
    except ReadError as exc:
        _fail([say(exc.said, lang)])  # in the messages' language (a robustness test found English under nl)
    except PrivacyError as exc:
        _fail([say(reason, lang) for reason in exc.reasons])
    for problem in checked.problems:
        typer.echo(problem.message(lang), err=True)  # in the report's language (a review found English under nl)
    if checked.problems and not (skip_invalid and checked.rows):
        used = Said(N_("; the file is not used (--skip-invalid uses the valid rows)"))
        _fail([_summary(checked, lang) + ("" if skip_invalid else say(used, lang))])
    return checked


@caseload_app.command("voorbeeld")
def voorbeeld(
    out: Annotated[Path, typer.Option("--out", help="CSV file to write.")] = Path("caseload-voorbeeld.csv"),
    peildatum: Annotated[
        str | None, typer.Option("--date", "--peildatum", help="Date of the example (default today).")
    ] = None,
    scale: Annotated[
        float, typer.Option("--scale", "--schaal", help="Share of the national population (0.001-0.1).")
    ] = 0.01,
) -> None:
    """Write an example caseload of synthetic persons (no personal data) to try check and forecast with."""
    from inburgering.caseload.check import parse_date
    from inburgering.caseload.example import write_example

    day = parse_date(peildatum) if peildatum else _dt.date.today()
    problems = []
    if day is None or not _dt.date(2022, 6, 1) <= day <= _dt.date(2040, 12, 31):
        problems.append(
            f"--date: value {peildatum!r} is not allowed; allowed: a date from 01-06-2022 to 31-12-2040 (dd-mm-jjjj or YYYY-MM-DD)"
        )
    if not 0.001 <= scale <= 0.1:
        problems.append(f"--scale: value {scale!r} is not allowed; allowed: a number from 0.001 to 0.1")
    if problems or day is None:
        _fail(problems)
    if not out.parent.is_dir():  # a clear line, not a traceback (a robustness test)
        _fail([f"--out: the folder {str(out.parent)!r} does not exist; allowed: a file in an existing folder"])
    n = write_example(out, day, scale)
    typer.echo(f"wrote {n} synthetic persons on {day.isoformat()} to {out}")


@caseload_app.command("forecast")
def forecast(
    file: Annotated[Path, typer.Argument(help="The caseload file (CSV or XLSX).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the report and the tables.")] = Path("runs/prognose"),
    peildatum: Annotated[
        str | None,
        typer.Option(
            "--date", "--peildatum", help="The date the file describes, dd-mm-jjjj or YYYY-MM-DD (default today)."
        ),
    ] = None,
    scenarios: Annotated[
        str, typer.Option("--scenarios", help="Comma-separated; the first is the baseline.")
    ] = ",".join(DEFAULT_SCENARIOS),
    draws: Annotated[int, typer.Option("--draws", help="Uncertainty draws (1-1000).")] = 20,
    seed: Annotated[int, typer.Option("--seed")] = 1,
    months: Annotated[int, typer.Option("--months", "--maanden", help="Months to forecast (12-240).")] = 60,
    lang: Annotated[str, typer.Option("--lang", help="Report language: en or nl.")] = "nl",
    per_person: Annotated[
        bool,
        typer.Option(
            "--per-person", "--per-persoon", help="Also write the person table (pseudonymised) to OUT/personen."
        ),
    ] = False,
    sleutel_file: KeyOption = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Use the valid rows; report the rest.")] = False,
) -> None:
    """Forecast each person of the file under each scenario; write an HTML report and CSV/Parquet/XLSX tables."""
    from rich.console import Console

    from inburgering.caseload.check import parse_date
    from inburgering.caseload.forecast import ForecastRequest
    from inburgering.caseload.forecast import forecast as run_forecast
    from inburgering.caseload.output import write_forecast
    from inburgering.caseload.tables import all_tables
    from inburgering.compare.request import RequestError
    from inburgering.publish import out_problem

    problems = []
    day = parse_date(peildatum) if peildatum else _dt.date.today()
    if day is None:
        problems.append(f"--date: value {peildatum!r} is not allowed; allowed: a date dd-mm-jjjj or jjjj-mm-dd")
    if lang not in ("en", "nl"):
        problems.append(f"--lang: value {lang!r} is not allowed; allowed: en, nl")
    if problem := out_problem(out):
        problems.append(problem)
    request = ForecastRequest(
        day or _dt.date.today(), tuple(s.strip() for s in scenarios.split(",") if s.strip()), draws, seed, months
    )
    try:
        request.validate()
    except RequestError as exc:
        problems += [f"--{p}" for p in exc.problems]
    if problems:
        _fail(problems)
    checked = _checked(
        file, sleutel_file, skip_invalid, pseudonyms_written=per_person, peil=request.peildatum, lang=lang
    )
    with progress_bar("forecasting", Console(stderr=True)) as bar:
        job = bar.add_task("runs", total=None)
        result = run_forecast(
            checked.rows, request, progress=lambda done, total: bar.update(job, completed=done, total=total)
        )
    tables = all_tables(result, per_person)
    written = write_forecast(result, tables, out, lang, checked.rows_read)
    report = next(p for p in written if p.suffix == ".html")
    typer.echo(f"{len(checked.rows)} persons forecast; report: {report}; tables: {out / 'tabellen'}")
    if per_person:
        typer.echo(f"person table (pseudonymised, personal data): {out / 'personen'}; delete it when done")
