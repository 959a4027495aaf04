"""The application: the API under ``/v1``, the web page at ``/``, headers, problems, the OpenAPI document.

Every response carries ``API-Version`` (the package's SemVer version) and the security headers
of the API Design Rules; CORS is open (``*``) for reading the API, as the document must be
readable without authentication, and closed for the HTML pages and every POST. The server
answers only its allowed Host names and no cross-site POST (:mod:`inburgering.api.edge`), and
bounds every body (:mod:`inburgering.api.limits`). There are no redirects: a trailing slash is
a 404 problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from inburgering.api import docs, problems, routes_law, routes_sim
from inburgering.api.edge import LOCAL_HOSTS, ApiOnlyCors, EdgeGuard, HeadAsGet
from inburgering.api.limits import BodyLimit
from inburgering.api.openapi import build_document
from inburgering.api.problems import SECURITY_HEADERS
from inburgering.version import __version__
from inburgering.web import caseload as caseload_page
from inburgering.web import pages


def create_app(
    store_root: Path | None = None,
    scheduler: str = "local",
    allowed_hosts: Sequence[str] = LOCAL_HOSTS,
    contact: Mapping[str, str] | None = None,
) -> FastAPI:
    """The API app; ``store_root`` is the run store, ``scheduler`` runs the comparisons.

    ``allowed_hosts`` are the Host names it answers (``*``: any; docs/security.md).
    """
    app = FastAPI(
        title="inburgering",
        version=__version__,
        openapi_url=None,  # served below, under /v1, with the rules' additions
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
    )
    app.router.redirect_slashes = False
    app.state.jobs = routes_sim.make_jobs(store_root, scheduler)
    app.state.contact = dict(contact or {})  # name, email, url of whoever runs this server
    problems.install(app)
    app.include_router(routes_law.router, prefix="/v1")
    app.include_router(routes_sim.router, prefix="/v1")
    app.include_router(docs.router)
    app.mount("/v1/docs/assets", GZipMiddleware(docs.assets(), minimum_size=1000, compresslevel=6), name="docs")
    app.include_router(pages.router)
    app.include_router(caseload_page.router)
    static = Path(str(resources.files("inburgering.web").joinpath("static")))
    # compressed (plotly.min.js: 4.6 MB to 1.5 MB); the API's answers are not, to keep their latency
    app.mount(
        "/static", GZipMiddleware(StaticFiles(directory=static), minimum_size=1000, compresslevel=6), name="static"
    )

    @app.get("/v1/openapi.json", include_in_schema=False)
    def openapi_document() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_document(app)
        return app.openapi_schema

    app.add_middleware(BodyLimit)  # inner: their early answers (and CORS preflights) get the headers below
    app.add_middleware(EdgeGuard, allowed_hosts=tuple(allowed_hosts))
    app.add_middleware(ApiOnlyCors)
    app.add_middleware(HeadAsGet)  # outside the edge checks and CORS: a HEAD passes them as the GET it is

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response((static / "favicon.svg").read_bytes(), media_type="image/svg+xml")

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["API-Version"] = __version__
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app
