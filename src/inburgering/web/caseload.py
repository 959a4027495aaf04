"""The caseload upload form at ``/caseload``: a forecast from an uploaded file, kept nowhere.

The upload is read from the request body into memory (never a temporary file: the multipart
parser's spool limit is raised to the upload limit), checked, pseudonymised with a key made for
this request only, forecast, and rendered. Nothing is stored: no file, no run, no log line; the
optional person table travels back inside the page as a download link (a ``data:`` URL) and
names persons by their row in the user's own file, since the one-off key makes pseudonyms
meaningless.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import io
import itertools
from collections.abc import AsyncGenerator
from typing import Any

import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from inburgering.caseload.check import check_table, parse_date
from inburgering.caseload.forecast import ForecastRequest, forecast
from inburgering.caseload.output import GUIDE, workbook_about
from inburgering.caseload.privacy import PrivacyError, new_key
from inburgering.caseload.reader import MAX_BYTES, ReadError, read_bytes
from inburgering.caseload.report import cost_chart, headlines, quarter_chart, summary_table
from inburgering.caseload.tables import all_tables
from inburgering.compare.export import dutch_csv, safe_frame, write_workbook
from inburgering.compare.report import scrollable
from inburgering.compare.request import DEFAULT_SCENARIOS, RequestError
from inburgering.i18n import format_number, gettext_for, say
from inburgering.web.forms import compare_context
from inburgering.web.pages import render
from inburgering.web.scope import TOO_LARGE

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = MAX_BYTES + 100_000  # the file plus the other fields
MAX_DRAWS = 10  # a page waits for its answer: keep it under a minute
SHOWN_PROBLEMS = 50


class TooLarge(ValueError):
    """The request body is larger than an upload may be."""


class _InMemoryParser(MultiPartParser):
    spool_max_size = MAX_UPLOAD  # never roll over to a temporary file on disk


async def _form(request: Request) -> FormData:
    if TOO_LARGE in request.scope:  # declared over the limit: refused before a byte was read (api.limits)
        raise TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD:
            raise TooLarge
    data = bytes(body)

    async def once() -> AsyncGenerator[bytes, None]:
        yield data

    return await _InMemoryParser(request.headers, once(), max_files=1, max_fields=20).parse()


def _context(form: dict[str, str]) -> dict[str, Any]:
    return {**compare_context(form), "max_draws": MAX_DRAWS, "today": _dt.date.today().isoformat()}


@router.get("/caseload")
def caseload_form(request: Request) -> HTMLResponse:
    """The upload form."""
    return render(request, "caseload.html", "caseload", "caseload", **_context({}))


def _request(form: dict[str, str], lang: str) -> tuple[ForecastRequest | None, list[str]]:
    _ = gettext_for(lang)
    errors = []
    day = parse_date(form.get("peildatum", "").strip() or _dt.date.today().isoformat())
    if day is None:
        errors.append(_("reference date: {value} is not a date").format(value=repr(form.get("peildatum"))))
    scenarios = tuple(dict.fromkeys(v for k in ("scenario0", "scenario1", "scenario2") if (v := form.get(k, ""))))
    try:
        draws = int(form.get("trekkingen", "5"))
    except ValueError:
        draws = -1
    if not 1 <= draws <= MAX_DRAWS:
        errors.append(f"trekkingen: {form.get('trekkingen')!r}; " + _("allowed: 1 to {most}").format(most=MAX_DRAWS))
    if errors or day is None:
        return None, errors
    request = ForecastRequest(day, scenarios or DEFAULT_SCENARIOS, draws=draws, months=60)
    try:
        request.validate()
    except RequestError as exc:
        return None, [say(p, lang) for p in exc.problems]
    return request, []


@router.post("/caseload")
async def caseload_result(request: Request) -> HTMLResponse:
    """Check and forecast the uploaded file; the form again with every problem if it cannot be used."""
    lang = "en" if request.query_params.get("taal") == "en" else "nl"
    _ = gettext_for(lang)
    try:
        raw = await _form(request)
    except TooLarge:
        limit = format_number(MAX_BYTES, lang)
        message = _("file: larger than {limit} bytes").format(limit=limit)
        return render(request, "caseload.html", "caseload", "caseload", status=400, errors=[message], **_context({}))
    except (MultiPartException, KeyError, ValueError) as exc:  # KeyError: no Content-Type; ValueError: a bad one
        message = str(exc) if isinstance(exc, MultiPartException) else _("file: send the form as multipart/form-data")
        return render(request, "caseload.html", "caseload", "caseload", status=400, errors=[message], **_context({}))
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    upload = raw.get("bestand")
    forecast_request, errors = _request(form, lang)
    data = await upload.read() if isinstance(upload, UploadFile) else b""
    if not data:
        errors.append(_("file: choose a file"))
    rows: list[dict[str, Any]] = []
    rows_read = 0
    if data:  # the file's problems too, so every problem is listed at once
        try:
            # off the event loop: a large or hostile file must not stop the server answering others
            table = await run_in_threadpool(read_bytes, data, "bestand")
            day = forecast_request.peildatum if forecast_request is not None else None
            checked = await run_in_threadpool(check_table, table, new_key().encode(), day)
        except (ReadError, PrivacyError) as exc:
            errors += [say(m, lang) for m in getattr(exc, "reasons", None) or [getattr(exc, "said", str(exc))]]
        else:
            problems = [p.message(lang) for p in checked.problems]
            errors += problems[:SHOWN_PROBLEMS]
            if len(problems) > SHOWN_PROBLEMS:
                errors.append(_("… {count} more").format(count=len(problems) - SHOWN_PROBLEMS))
            rows, rows_read = checked.rows, checked.rows_read
    del data
    if errors or forecast_request is None:
        return render(request, "caseload.html", "caseload", "caseload", status=400, errors=errors, **_context(form))
    result = await run_in_threadpool(forecast, rows, forecast_request)
    tables = all_tables(result, per_person=form.get("perpersoon") == "ja")
    shown = [
        quarter_chart(tables["kwartalen"], "afgerond", lang),
        quarter_chart(tables["kwartalen"], "termijnOverschreden", lang),
    ]
    shown.append(cost_chart(tables["kostenPerJaar"], lang))
    if "personen" in tables:
        tables["personen"] = tables["personen"].drop(columns="id")  # a one-off key: only the row number means anything
    regions = itertools.count(1)  # every table scrolls by itself on a phone, each region its own name
    return render(
        request,
        "caseload.html",
        "caseload",
        "caseload",
        result=True,
        rows_read=rows_read,
        persons=len(rows),
        headlines=headlines(tables["samenvatting"], tables["kosten3Jaar"], result, lang),
        summary=scrollable(summary_table(tables["samenvatting"], forecast_request.scenarios, lang), lang, regions),
        charts=[
            {"id": c.id, "caption": c.caption, "json": c.spec(), "table": scrollable(c.table(lang), lang, regions)}
            for c in shown
        ],
        downloads=[
            {"name": "tabellen.xlsx", "href": _xlsx_link(tables, workbook_about(result, rows_read))},
            *({"name": f"{name}.csv", "href": _csv_link(frame)} for name, frame in tables.items()),
        ],
        **_context(form),
    )


def _csv_link(frame: pd.DataFrame) -> str:
    """A table as a ``data:`` URL in Dutch Excel's dialect (``;``, decimal comma, rounded), kept nowhere."""
    text = dutch_csv(safe_frame(frame)).to_csv(index=False, sep=";")
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(text.encode("utf-8-sig")).decode("ascii")


def _xlsx_link(tables: dict[str, pd.DataFrame], about: dict[str, object]) -> str:
    """Every table in one workbook (labels, units, formats; what it covers first), as a ``data:`` URL."""
    buffer = io.BytesIO()
    write_workbook(buffer, tables, about, GUIDE)
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return f"data:{kind};base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@router.get("/caseload/sjabloon.{fmt}")
def template_download(fmt: str) -> Response:
    """The empty template (CSV or XLSX with a sheet explaining each column), from the page."""
    from inburgering.caseload.template import template_bytes

    if fmt not in ("csv", "xlsx"):
        return Response("Niet gevonden", status_code=404, media_type="text/plain")
    kind = "text/csv; charset=utf-8" if fmt == "csv" else XLSX
    headers = {"Content-Disposition": f'attachment; filename="caseload-sjabloon.{fmt}"'}
    return Response(template_bytes(fmt), media_type=kind, headers=headers)


@router.get("/caseload/voorbeeld.csv")
def example_download() -> Response:
    """A synthetic example file (no personal data) to try the page with, dated today."""
    data = _example(_dt.date.today())
    headers = {"Content-Disposition": 'attachment; filename="caseload-voorbeeld.csv"'}
    return Response(data, media_type="text/csv; charset=utf-8", headers=headers)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@functools.lru_cache(maxsize=2)
def _example(day: _dt.date) -> bytes:
    """The example of ``day``, made once (it simulates a small population: about a second)."""
    from inburgering.caseload.example import example_csv

    return example_csv(day, scale=0.005, seed=7)[0]
