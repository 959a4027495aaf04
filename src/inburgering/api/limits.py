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

from inburgering.api.problems import Problem, problem_response

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


def too_large(limit: int) -> Problem:
    """The 413 problem for ``limit`` bytes."""
    return Problem(413, f"Het verzoek is groter dan {limit:,} bytes.".replace(",", "."))


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
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            problem = too_large(limit) if declared.isdigit() else Problem(400, "Content-Length is geen getal.")
            await problem_response(problem.status, problem.detail)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise too_large(limit)  # answered as a 413 problem by the app's handler
            return message

        await self.app(scope, counted, send)
