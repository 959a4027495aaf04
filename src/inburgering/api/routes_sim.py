"""``simulaties``: comparisons run outside the request, served from the run store.

``POST /v1/simulaties`` answers 202 with a ``Location`` at once; the comparison runs in a
background worker (one at a time, on Dask by default) and writes every finished task to the
run store. ``GET /v1/simulaties/{id}`` shows status and progress; the tables come as JSON or,
with ``Accept: text/csv``, as CSV. A finished run lives in the store, so a restarted server
still serves it; a run that was cut off by a restart shows as ``onderbroken`` (or
``nietGestart`` if it was still waiting: a queued run is registered in the store when it is
queued) and the same POST resumes it from the tasks already stored.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from inburgering.api.problems import Problem, problems_in_input, request_language
from inburgering.api.routes_law import own_scenarios, read_json
from inburgering.compare.request import (
    MAX_WAITING,
    CompareRequest,
    QueueFull,
    RequestError,
    server_work_problem,
)
from inburgering.compare.store import RunStore
from inburgering.i18n import gettext_for, say
from inburgering.sim.population import MIN_SCALE, scale_problem

router = APIRouter()
LIMITS = {"trekkingen": (1, 200), "laatsteInstroomjaar": (2022, 2030)}
FINISHED_KEPT = 100  # finished jobs a server remembers (a failed one's reason, the rest is in the store)
KEYS = ("scenarios", "trekkingen", "seed", "schaal", "laatsteInstroomjaar", "eind", "perWijziging", "eigenScenarios")


@dataclass
class Job:
    """A comparison this server process is running or has queued."""

    status: str = "wachtrij"
    done: int = 0
    total: int = 0
    error: str | None = None


@dataclass
class Jobs:
    """The background worker and what it is doing; the run store is the memory that survives."""

    store: RunStore
    scheduler: str
    jobs: dict[str, Job] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(max_workers=1))

    def submit(self, request: CompareRequest, key: str) -> Job:
        """Queue ``request`` unless it is running, queued or stored already; :class:`QueueFull` past the bound."""
        with self.lock:
            job = self.jobs.get(key)
            if job is not None and job.status in ("wachtrij", "bezig", "gereed"):
                return job
            waiting = sum(1 for j in self.jobs.values() if j.status == "wachtrij")
            if waiting >= MAX_WAITING:
                raise QueueFull(waiting, retry_after=60 * (waiting + 1))
            job = self.jobs[key] = Job()
            self._forget_old()
        # registered, and marked as waiting in this server's queue, so that a restart reports it as not
        # started instead of forgetting it; the mark is not the owner's lock: nobody waits for a queued run
        try:
            held = self.store.hold_queued(key)
            try:
                self.store.begin(key, request.describe(), "queued")
                self.pool.submit(self._run, request, key, job, held)
            except BaseException:
                if held:
                    self.store.release_queued(key)
                raise
        except BaseException:
            with self.lock:
                self.jobs.pop(key, None)
            raise
        return job

    def _forget_old(self) -> None:
        """Keep the newest :data:`FINISHED_KEPT` finished jobs: a finished run is in the store anyway."""
        finished = [k for k, j in self.jobs.items() if j.status in ("gereed", "mislukt")]
        for key in finished[: max(len(finished) - FINISHED_KEPT, 0)]:  # dicts keep insertion order: oldest first
            del self.jobs[key]

    def _run(self, request: CompareRequest, key: str, job: Job, held: bool) -> None:
        from inburgering.compare.run import compare

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        job.status = "bezig"
        try:
            compare(request, scheduler=self.scheduler, store=self.store, progress=progress)
            job.status = "gereed"
        except Exception as exc:  # reported through the resource, not raised into the worker
            job.status, job.error = "mislukt", type(exc).__name__
        finally:
            if held:
                self.store.release_queued(key)

    def status(self, key: str) -> dict[str, Any] | None:
        """Status and progress from this process, else from the catalogue (after a restart)."""
        entry = self.store.get(key)
        job = self.jobs.get(key)
        if entry is None and job is None:
            return None
        if entry is not None and entry["key"] != key:
            return None  # ids are whole keys here, not prefixes
        if job is not None and not (job.status == "gereed" and entry is None):
            state, done, total = job.status, job.done, job.total
        else:  # after a restart, or run by another process sharing the store
            state = STATES.get(entry["status"], "onderbroken") if entry else "onderbroken"
            done = entry["parts"] if entry else 0
            total = max(done, _planned(entry["request"])) if entry else 0  # after a restart: done of planned
        out: dict[str, Any] = {
            "id": key,
            "status": state,
            "voortgang": {"klaar": done, "totaal": total},
            "links": {"self": f"/v1/simulaties/{key}"},
        }
        if entry is not None:
            out["verzoek"] = entry["request"]
        if state == "gereed":
            out["links"]["kernindicatoren"] = f"/v1/simulaties/{key}/tabellen/kernindicatoren"
        if job is not None and job.error:
            out["fout"] = job.error
        return out


STATES = {  # the store's status (read with its owner lock) as the API says it
    "complete": "gereed",
    "running": "bezig",
    "queued": "wachtrij",
    "interrupted": "onderbroken",
    "notStarted": "nietGestart",
}


def _planned(request: dict[str, Any]) -> int:
    """Tasks a stored request plans: a run per draw and scenario (a per-change run has more; at least these)."""
    draws, scenarios = request.get("draws"), request.get("scenarios")
    return draws * len(scenarios) if isinstance(draws, int) and isinstance(scenarios, list) else 0


def _jobs(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


def _whole(
    raw: dict[str, Any], name: str, default: int, span: tuple[int, int], fouten: list[dict[str, Any]], lang: str
) -> int:
    """A whole number within ``span``, or the default with a problem recorded."""
    _ = gettext_for(lang)
    value = raw.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not span[0] <= value <= span[1]:
        message = _("a whole number from {low} to {high}").format(low=span[0], high=span[1])
        fouten.append({"veld": name, "waarde": str(value)[:40], "melding": message})
        return default
    return value


def _compare_request(raw: Any, lang: str) -> CompareRequest:
    _ = gettext_for(lang)
    if not isinstance(raw, dict):
        raise Problem(400, _("The body must be an object with 'scenarios'."))
    unknown = _("unknown field; allowed: {keys}").format(keys=", ".join(KEYS))
    fouten: list[dict[str, Any]] = [{"veld": k, "melding": unknown} for k in raw if k not in KEYS]
    specs = raw.get("scenarios")
    if not (isinstance(specs, list) and 1 <= len(specs) <= 5 and all(isinstance(s, str) for s in specs)):
        fouten.append({"veld": "scenarios", "melding": _("a list of 1 to 5 scenario ids; the first is the baseline")})
        specs = ["wi2021"]
    draws = _whole(raw, "trekkingen", 15, LIMITS["trekkingen"], fouten, lang)
    seed = _whole(raw, "seed", 1, (0, 2_147_483_647), fouten, lang)
    last = _whole(raw, "laatsteInstroomjaar", 2030, LIMITS["laatsteInstroomjaar"], fouten, lang)
    scale = raw.get("schaal", 0.15)
    if scale_problem(scale, 1):
        message = _("a number from {low} to 1").format(low=MIN_SCALE)
        fouten.append({"veld": "schaal", "waarde": str(scale)[:40], "melding": message})
        scale = 0.15
    horizon = raw.get("eind", "2040-12")
    if not isinstance(horizon, str):
        fouten.append({"veld": "eind", "waarde": str(horizon)[:40], "melding": _("a month YYYY-MM")})
        horizon = "2040-12"
    per_change = raw.get("perWijziging", False)
    if not isinstance(per_change, bool):
        fouten.append({"veld": "perWijziging", "waarde": str(per_change)[:40], "melding": _("true or false")})
        per_change = False
    extra = own_scenarios(raw.get("eigenScenarios"), fouten, lang)
    request = CompareRequest(tuple(specs), draws, seed, float(scale), last, horizon, per_change, extra)
    if not fouten:
        try:
            request.validate()
        except RequestError as exc:
            fouten += [{"veld": p.split(":", 1)[0], "melding": say(p, lang)} for p in exc.problems]
    if not fouten and (too_much := server_work_problem(request)):
        fouten.append({"veld": "trekkingen", "melding": too_much})
    if fouten:
        raise Problem(400, problems_in_input(len(fouten), lang), fouten)
    return request


@router.post(
    "/simulaties", status_code=202, summary="Start a comparison", tags=["simulaties"], operation_id="startSimulation"
)
async def start(request: Request) -> JSONResponse:
    """Queue a comparison of scenarios with uncertainty; see its status at the Location."""
    lang = request_language(request)
    _ = gettext_for(lang)
    compare_request = await run_in_threadpool(_compare_request, await read_json(request), lang)  # scenarios resolve
    jobs = _jobs(request)
    key = await run_in_threadpool(compare_request.key)  # hashes the code and any own scenario's text
    try:
        await run_in_threadpool(jobs.submit, compare_request, key)  # the catalogue may make it wait
    except QueueFull as full:
        raise Problem(
            429,
            _("{waiting} comparisons are waiting already; try again in {seconds} seconds.").format(
                waiting=full.waiting, seconds=full.retry_after
            ),
            headers={"Retry-After": str(full.retry_after)},
        ) from None
    body = await run_in_threadpool(jobs.status, key) or {"id": key, "status": "wachtrij"}
    return JSONResponse(body, status_code=202, headers={"Location": f"/v1/simulaties/{key}"})


@router.get(
    "/simulaties", summary="Stored and running comparisons", tags=["simulaties"], operation_id="listSimulations"
)
def list_runs(request: Request) -> dict[str, Any]:
    """Every comparison in the run store and every one this server has queued, newest first."""
    jobs = _jobs(request)
    keys = [r["key"] for r in jobs.store.list()]
    keys += [k for k in jobs.jobs if k not in keys]
    return {"simulaties": [s for s in (jobs.status(k) for k in keys) if s is not None]}


@router.get(
    "/simulaties/{simulatieId}", summary="Status of a comparison", tags=["simulaties"], operation_id="getSimulation"
)
def get_run(simulatieId: str, request: Request) -> dict[str, Any]:
    """Status (wachtrij, bezig, gereed, mislukt, onderbroken, nietGestart) and progress in tasks."""
    found = _jobs(request).status(simulatieId)
    if found is None:
        _ = gettext_for(request_language(request))
        raise Problem(404, _("Simulation {key} does not exist.").format(key=repr(simulatieId)))
    return found


@router.get(
    "/simulaties/{simulatieId}/tabellen/{tabel}",
    summary="A table of a finished comparison (JSON or CSV)",
    tags=["simulaties"],
    operation_id="getSimulationTable",
)
def get_table(simulatieId: str, tabel: str, request: Request) -> Response:
    """One result table; ``Accept: text/csv`` gives CSV (formula-like cells neutralised)."""
    from inburgering.compare.export import safe_frame

    _ = gettext_for(request_language(request))
    store = _jobs(request).store
    entry = store.get(simulatieId)
    if entry is None or entry["key"] != simulatieId:
        raise Problem(404, _("Simulation {key} does not exist.").format(key=repr(simulatieId)))
    tables = store.result(simulatieId)
    if tables is None:
        raise Problem(409, _("This simulation is not finished yet; see its status."))
    if tabel not in tables:
        detail = _("Table {name} does not exist; there are: {names}.")
        raise Problem(404, detail.format(name=repr(tabel), names=", ".join(sorted(tables))))
    frame = tables[tabel]
    if "text/csv" in request.headers.get("accept", ""):
        return Response(safe_frame(frame).to_csv(index=False), media_type="text/csv; charset=utf-8")
    rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")  # JSON has no NaN
    return JSONResponse({"tabel": tabel, "rijen": rows})


def make_jobs(store_root: Path | None, scheduler: str) -> Jobs:
    """The background worker of one app."""
    return Jobs(RunStore(store_root), scheduler)
