"""The pages at ``/``: forms that post, results rendered on the server.

Persons and scenarios travel in POST bodies, never in URLs; nothing posted is stored, except a
comparison's (non-personal) tables in the run store. Every page carries a Content-Security-Policy
without inline script; charts are drawn by ``static/charts.js`` from JSON data blocks.
"""

from __future__ import annotations

import datetime as _dt
import functools
import gzip
import io
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from inburgering import templating
from inburgering.compare.request import QueueFull
from inburgering.i18n import N_, format_day, gettext_for, is_iso_day
from inburgering.version import __version__
from inburgering.web import forms, own_scenario, person_page, results

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
router = APIRouter(include_in_schema=False)
TITLES = {  # each page's title (and its menu entry's words)
    "site": N_("Civic integration: the law, the proposals and what they mean"),
    "home": N_("Home"),
    "persoon": N_("Person calculator"),
    "scenario": N_("Build a scenario"),
    "vergelijken": N_("Compare"),
    "caseload": N_("Caseload forecast"),
}


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("taal") == "en" else "nl"


def render(
    request: Request, template: str, page: str, title_key: str, status: int = 200, **context: Any
) -> HTMLResponse:
    """A page in the visitor's language with the page CSP."""
    lang = _lang(request)
    _ = gettext_for(lang)
    other = "en" if lang == "nl" else "nl"
    html = templating.render(
        template,
        lang,
        page=page,
        title=_(TITLES[title_key]),
        version=__version__,
        switch_url=f"{request.url.path}?taal={other}",
        **context,
    )
    html = html.encode("utf-8", "replace").decode("utf-8")  # an echoed lone surrogate must not break the page
    # the page's own forms then carry their Origin, and no other site learns where a visitor came from
    headers = {"Content-Security-Policy": CSP, "Cache-Control": "no-store", "Referrer-Policy": "same-origin"}
    return HTMLResponse(html, status_code=status, headers=headers)


MAX_SCENARIOS = 10  # scenarios per person on the page, as on the API


@router.get("/")
def home(request: Request) -> HTMLResponse:
    """The start page."""
    return render(request, "index.html", "home", "site")


@router.get("/persoon")
def person_form(request: Request) -> HTMLResponse:
    """The person calculator's empty form."""
    return render(request, "persoon.html", "persoon", "persoon", **forms.person_context(_lang(request), {}, ["wi2021"]))


@router.post("/persoon")
async def person_result(request: Request) -> HTMLResponse:
    """The person calculator's answer, or the form again with every problem listed.

    ``actie=laden`` (from the scenario builder) or an uploaded scenario with no person yet only
    loads the scenario into the form.
    """
    lang = _lang(request)
    posted = await own_scenario.read(request)
    extra, scenario_problems = own_scenario.layers(posted, lang)
    data, chosen = posted.data, (posted.chosen or ["wi2021"])[:MAX_SCENARIOS]  # bounded, as on the API
    context = forms.person_context(lang, data, chosen, list(extra))
    loading = data.get("actie") == "laden" or (posted.uploaded and not data.get("geboortedatum"))
    problems = [person_page.Problem(p, own_scenario.FILE) for p in scenario_problems]
    answer = None
    if not problems and not loading:
        answer, problems = await run_in_threadpool(person_page.answer, data, chosen, lang, extra)  # off the loop
    day = data.get("peildatum") or _dt.date.today().isoformat()
    return render(
        request,
        "persoon.html",
        "persoon",
        "persoon",
        status=400 if problems else 200,
        errors=problems,
        invalid={p.id: p.text for p in problems if p.id},
        answer=answer,
        peildatum=format_day(day, lang) if is_iso_day(day) else day,
        own=data.get(own_scenario.TEXT, ""),
        **context,
    )


@router.get("/scenario")
def scenario_form(request: Request) -> HTMLResponse:
    """The scenario builder."""
    return render(request, "scenario.html", "scenario", "scenario", **forms.scenario_context(_lang(request), {}))


@router.post("/scenario", response_model=None)
async def scenario_check(request: Request) -> Response:
    """Check the built scenario, or download it as YAML when it is valid."""
    lang = _lang(request)
    data = {k: str(v) for k, v in (await request.form()).items()}
    text, layer_hash, errors = results.scenario(data, lang)
    if data.get("actie") == "download" and not errors:
        name = data.get("id", "scenario")
        return Response(
            text,
            media_type="application/yaml",
            headers={"Content-Disposition": f'attachment; filename="{name}.yaml"', "Content-Security-Policy": CSP},
        )
    return render(
        request,
        "scenario.html",
        "scenario",
        "scenario",
        status=400 if errors else 200,
        errors=errors,
        valid=None if errors else layer_hash,
        yaml=text,
        **forms.scenario_context(lang, data),
    )


@router.get("/vergelijken")
def compare_form(request: Request) -> HTMLResponse:
    """The comparison form, with the estimate of its run time and the comparisons run before."""
    return render(
        request,
        "vergelijken.html",
        "vergelijken",
        "vergelijken",
        earlier=_earlier(request),
        **forms.compare_context({}),
    )


def _earlier(request: Request, shown: int = 10) -> list[dict[str, Any]]:
    """The newest comparisons in the run store, as the form lists them."""
    runs = request.app.state.jobs.store.list()[:shown]
    return [
        {
            "key": r["key"],
            "scenarios": ", ".join(r["request"].get("scenarios", [])),
            "draws": r["request"].get("draws"),
            "scale": r["request"].get("scale"),
            "status": r["status"],
            "created": f"{r['created']:%Y-%m-%d %H:%M}",
        }
        for r in runs
    ]


@router.post("/vergelijken", response_model=None)
async def compare_start(request: Request) -> Response:
    """Start a comparison in the background and go to its page (303, so a reload does not post again)."""
    lang = _lang(request)
    posted = await own_scenario.read(request)
    extra, errors = own_scenario.layers(posted, lang)
    data = posted.data
    if extra and (data.get("actie") == "laden" or posted.uploaded) and not errors:
        data["scenario1"] = next(iter(extra))  # just loaded: compared with the baseline
        context = forms.compare_context(data, list(extra))
        own = data[own_scenario.TEXT]
        return render(
            request, "vergelijken.html", "vergelijken", "vergelijken", earlier=_earlier(request), own=own, **context
        )
    compare_request = None
    if not errors:
        compare_request, errors = forms.compare_request(data, extra, lang)
    if errors or compare_request is None:
        return render(
            request,
            "vergelijken.html",
            "vergelijken",
            "vergelijken",
            status=400,
            errors=errors,
            own=data.get(own_scenario.TEXT, ""),
            **forms.compare_context(data, list(extra)),
        )
    jobs = request.app.state.jobs
    key = await run_in_threadpool(compare_request.key)
    try:
        await run_in_threadpool(jobs.submit, compare_request, key)  # the shared catalogue may make it wait
    except QueueFull as full:
        _ = gettext_for(lang)
        text = _("{waiting} comparisons are waiting already; try again in {seconds} seconds.")
        text = text.format(waiting=full.waiting, seconds=full.retry_after)
        page = render(
            request,
            "vergelijken.html",
            "vergelijken",
            "vergelijken",
            status=429,
            errors=[text],
            **forms.compare_context(data),
        )
        page.headers["Retry-After"] = str(full.retry_after)
        return page
    return RedirectResponse(f"/vergelijken/{key}?taal={lang}", status_code=303)


@router.get("/vergelijken/{key}")
def compare_page(key: str, request: Request) -> HTMLResponse:
    """Progress while it runs (the page refreshes itself), then headlines, tables and charts."""
    lang = _lang(request)
    jobs = request.app.state.jobs
    status = jobs.status(key)
    if status is None:
        return render(request, "index.html", "home", "site", status=404)
    tables = jobs.store.result(key) if status["status"] == "gereed" else None
    context = results.comparison(jobs, key, tables, lang) if tables else {}
    return render(request, "resultaat.html", "vergelijken", "vergelijken", run=status, tables=bool(tables), **context)


@router.get("/vergelijken/{key}/tabellen/{name}.csv")
def compare_csv(key: str, name: str, request: Request, dialect: str = "") -> Response:
    """One table as CSV (formula-like cells neutralised); ``dialect=nl``: as Dutch Excel reads it.

    Dutch Excel splits on ``;`` and reads a decimal comma; a point-decimal CSV opens there as
    text or as wrong thousands. The page's Dutch links ask for that dialect, rounded for reading.
    """
    from inburgering.compare.export import NL_CSV, dutch_csv, safe_frame

    tables = request.app.state.jobs.store.result(key) or {}
    if name not in tables:
        return Response("Niet gevonden", status_code=404, media_type="text/plain")
    frame = safe_frame(tables[name])
    text = dutch_csv(frame).to_csv(index=False, sep=NL_CSV["sep"]) if dialect == "nl" else frame.to_csv(index=False)
    return Response(
        text.encode("utf-8-sig" if dialect == "nl" else "utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/vergelijken/{key}/rapport-{lang}.html")
def compare_report(key: str, lang: str, request: Request) -> Response:
    """The whole report of a finished comparison, one HTML file that opens offline (as ``compare --out`` writes)."""
    from inburgering.compare.report import build
    from inburgering.compare.request import CompareRequest
    from inburgering.compare.run import Comparison
    from inburgering.law.scenario import ScenarioError

    store = request.app.state.jobs.store
    tables, entry = store.result(key), store.get(key)
    if not tables or entry is None or entry["key"] != key or lang not in ("nl", "en"):
        return Response("Niet gevonden", status_code=404, media_type="text/plain")
    try:
        compare_request = CompareRequest.from_description(entry["request"])
    except ScenarioError:  # a stored user scenario this version can no longer read
        return Response("Het opgeslagen scenario is niet meer leesbaar", status_code=409, media_type="text/plain")
    comparison = Comparison(compare_request, key, tables, True, entry.get("seconds") or 0.0)
    return Response(
        build(comparison, lang),
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="rapport-{lang}.html"'},
    )


@router.get("/vergelijken/{key}/tabellen.xlsx")
def compare_xlsx(key: str, request: Request) -> Response:
    """Every table in one workbook."""
    from inburgering.compare.export import run_about, write_workbook

    store = request.app.state.jobs.store
    tables = store.result(key)
    if not tables:
        return Response("Niet gevonden", status_code=404, media_type="text/plain")
    entry = store.get(key)
    buffer = io.BytesIO()
    write_workbook(buffer, tables, run_about(key, entry["request"] if entry else {}))
    return Response(
        buffer.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="tabellen.xlsx"'},
    )


@router.get("/static/plotly.min.js")
def plotly_js(request: Request) -> Response:
    """plotly.js from the installed Python package (no CDN), gzipped for a browser that takes it (4.6 to 1.4 MB)."""
    headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(
            _plotly(gzipped=True), media_type="text/javascript", headers={**headers, "Content-Encoding": "gzip"}
        )
    return Response(_plotly(gzipped=False), media_type="text/javascript", headers=headers)


@functools.lru_cache(maxsize=2)
def _plotly(gzipped: bool) -> bytes:
    """The script once per process (compressing 4.6 MB takes a moment)."""
    from plotly.offline import get_plotlyjs

    text = get_plotlyjs().encode("utf-8")
    return gzip.compress(text, compresslevel=6, mtime=0) if gzipped else text
