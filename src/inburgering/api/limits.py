"""Bounded work per request: the body is refused while it streams in, not after it is read whole.

Why a middleware: a route that calls ``request.body()`` reads the whole body before it can check
its size, so a 300 MB chunked body cost 744 MB before the 413. Here a declared
``Content-Length`` over the limit is answered at once, and a body without one (chunked) is
counted as it arrives and stopped at the limit. The caseload upload may be larger than the rest
(an Excel file of a municipality's caseload); everything else is small.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from inburgering.api.problems import Problem, problem_response, request_language
from inburgering.i18n import format_number, gettext_for
from inburgering.web.scope import TOO_LARGE

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 2_000_000  # bytes: the API's and the forms' bodies (a thousand persons fit easily)
UPLOAD_EXTRA = 1_000_000  # bytes of multipart framing and form fields beside the caseload file


def limit_for(path: str) -> int:
    """The largest body accepted on ``path``."""
    if path.startswith("/caseload"):
        from inburgering.caseload.reader import MAX_BYTES

        return MAX_BYTES + UPLOAD_EXTRA
    return MAX_BODY


def too_large(limit: int, lang: str) -> Problem:
    """The 413 problem for ``limit`` bytes."""
    _ = gettext_for(lang)
    return Problem(413, _("The request is larger than {limit} bytes.").format(limit=format_number(limit, lang)))


def _page_upload(scope: Scope) -> bool:
    """A browser's form post to the caseload page (it asks for HTML), not a call of the API."""
    headers = dict(scope.get("headers") or [])
    return scope.get("path", "").startswith("/caseload") and b"text/html" in headers.get(b"accept", b"")


async def _empty() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


class BodyLimit:
    """ASGI middleware: 413 for a body over :func:`limit_for` its path, before or while it is read."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 413 for a declared oversize body; count an undeclared one as it arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        lang = request_language(
            {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        )
        _ = gettext_for(lang)
        if declared is not None and declared.isdigit() and int(declared) > limit and _page_upload(scope):
            # the upload page answers with its own error summary, not a problem+json a browser shows raw
            # (a robustness test): the route sees the mark and an empty body, and nothing of the file is read
            scope[TOO_LARGE] = limit
            await self.app(scope, _empty, send)
            return
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            problem = (
                too_large(limit, lang) if declared.isdigit() else Problem(400, _("Content-Length is not a number."))
            )
            await problem_response(problem.status, problem.detail, lang=lang)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise too_large(limit, lang)  # answered as a 413 problem by the app's handler
            return message

        await self.app(scope, counted, send)
