"""Errors as RFC 9457 problem details (``application/problem+json``), as the API rules require.

Invalid input is 400 with every problem listed at once in ``fouten`` (never FastAPI's 422);
an unknown path, including one with a trailing slash, is 404; an unexpected failure is 500
with a generic detail, so no internals or personal data leak into the response.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from inburgering.compare.store_locks import StoreBusy
from inburgering.i18n import N_, gettext_for
from inburgering.publish import WriteError

PROBLEM = "application/problem+json"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"  # a Dutch government API: Dutch unless the client asks for English
TITLES = {
    400: N_("Invalid input"),
    404: N_("Not found"),
    405: N_("Method not allowed"),
    406: N_("Not acceptable"),
    403: N_("Forbidden"),
    409: N_("Conflict"),
    413: N_("Request too large"),
    415: N_("Media type not supported"),
    429: N_("Too many requests"),
    500: N_("Internal error"),
    503: N_("Temporarily unavailable"),
    507: N_("Insufficient storage"),
}
ERROR = N_("Error")  # the title of any other status
log = logging.getLogger("inburgering.api")
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
"""The API Design Rules' headers: on every response, a 500 answered outside the middleware too."""


def clean(value: Any) -> Any:
    """``value`` with every lone surrogate replaced (``?``): an echoed input must not break the answer."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


class Problem(Exception):
    """Raise to answer with a problem: ``status``, a ``detail`` in words and, for input errors, ``fouten``."""

    def __init__(
        self,
        status: int,
        detail: str,
        fouten: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status, self.detail, self.fouten, self.headers = status, detail, fouten, headers or {}


def request_language(headers: Any) -> str:
    """The language of a request's messages: the first of Accept-Language's choices we offer, else Dutch.

    ``headers`` is a Request, or a mapping of lower-case header names (middleware has only the scope).

    >>> request_language({"accept-language": "de-DE, en-GB;q=0.8, nl;q=0.5"}), request_language({})
    ('en', 'nl')
    >>> request_language({"accept-language": "*;q=0.5, nl;q=0"}), request_language({"accept-language": "en;Q=0.5"})
    ('en', 'en')
    """
    raw = (
        headers.headers.get("accept-language", "")
        if hasattr(headers, "headers")
        else headers.get("accept-language", "")
    )
    weights: dict[str, float] = {}
    star = None
    for part in str(raw).split(",")[:20]:
        tag, *params = (p.strip() for p in part.split(";"))
        weight = 1.0
        for param in params:
            name, _eq, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weight = weight if 0.0 <= weight <= 1.0 else 0.0  # NaN and out-of-range weights count as a refusal
        lang = tag.replace("_", "-").split("-")[0].lower()
        if lang == "*":
            star = weight
        elif lang in LANGUAGES:
            weights.setdefault(lang, weight)  # the first mention of a language counts
    for lang in LANGUAGES:  # "*" stands for every language not named
        if lang not in weights and star is not None:
            weights[lang] = star
    best = max(weights.values(), default=0.0)
    if best > 0:
        chosen = [lang for lang in LANGUAGES if weights.get(lang) == best]
        return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in chosen else chosen[0]
    return DEFAULT_LANGUAGE


def problem_response(
    status: int, detail: str, fouten: list[dict[str, Any]] | None = None, lang: str = "nl"
) -> JSONResponse:
    """A problem-details response; ``detail`` and ``fouten`` are in ``lang`` already, the title is put in it here."""
    _ = gettext_for(lang)
    body: dict[str, Any] = {
        "type": "about:blank",
        "status": status,
        "title": _(TITLES.get(status, ERROR)),
        "detail": detail,
    }
    if fouten:
        body["fouten"] = fouten
    from inburgering.version import __version__

    # set here too: a 500 is answered outside the app's header middleware
    headers = {"API-Version": __version__, "Content-Language": lang, **SECURITY_HEADERS}
    return JSONResponse(clean(body), status_code=status, media_type=PROBLEM, headers=headers)


def problems_in_input(count: int, lang: str) -> str:
    """The detail of a 400 that lists ``count`` problems."""
    _ = gettext_for(lang)
    return _("{count} problem(s) in the input.").format(count=count)


def _allowed(app: FastAPI, request: Request) -> set[str]:
    """The methods some route of ``app`` answers on this path (asked of the routes, however they are nested)."""
    routes = [r for r in app.routes if not isinstance(r, Mount)]
    found = {
        method
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    }
    return found | ({"HEAD"} if "GET" in found else set())  # edge.HeadAsGet answers HEAD wherever GET is


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        response = problem_response(exc.status, exc.detail, exc.fouten, request_language(request))
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        fouten = [
            {
                "veld": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                "melding": str(e.get("msg", "")),
            }
            for e in exc.errors()
        ]
        lang = request_language(request)
        return problem_response(400, problems_in_input(len(fouten), lang), fouten, lang)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        lang = request_language(request)
        _ = gettext_for(lang)
        detail = (
            exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else _("This resource does not exist.")
        )
        response = problem_response(exc.status_code, detail, lang=lang)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        if exc.status_code == 405:  # Allow must list every method of the path, not only the first route's
            methods = _allowed(app, request)
            if methods:  # else a mounted app's own Allow (the static files: GET, HEAD) stands
                response.headers["Allow"] = ", ".join(sorted(methods))
        return response

    @app.exception_handler(StoreBusy)
    async def _busy(request: Request, exc: StoreBusy) -> JSONResponse:  # another program holds the run store
        lang = request_language(request)
        _ = gettext_for(lang)
        response = problem_response(503, _("The store of runs is busy for a moment; try again shortly."), lang=lang)
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(WriteError)
    async def _full(request: Request, exc: WriteError) -> JSONResponse:  # the server's disk is full
        log.error("could not write on %s %s: %s", request.method, request.url.path, exc)
        lang = request_language(request)
        _ = gettext_for(lang)
        detail = _("The server cannot store anything more (the disk is full); nothing was half kept.")
        return problem_response(507, detail, lang=lang)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        lang = request_language(request)
        _ = gettext_for(lang)
        return problem_response(500, _("Something went wrong while handling the request."), lang=lang)
