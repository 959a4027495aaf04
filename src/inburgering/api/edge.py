"""The edge of the network: which Host names the server answers, and no state change from another site.

Why: a server on 127.0.0.1 is reachable from any web page the user opens, through DNS rebinding
(a hostile name that resolves to 127.0.0.1: the browser then sends that name as ``Host``) or a
cross-site form post (which needs no CORS and put runs on the queue). So the server answers
only the Host names it is told (by default the local ones), and refuses a POST that a browser
marks as coming from another site (``Sec-Fetch-Site``) or whose ``Origin`` is not this server.
Clients that are not browsers send neither header and are not affected.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.middleware.cors import CORSMiddleware
from starlette.types import Message

from inburgering.api.limits import ASGIApp, Receive, Scope, Send
from inburgering.api.problems import problem_response, request_language
from inburgering.i18n import gettext_for

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
"""The default: the names of this machine; ``inburgering serve --allowed-host`` adds others."""


def _host_name(value: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_name(value: str) -> str:
    """An ``--allowed-host`` value as the name it matches: a port or the brackets of an IPv6 address dropped.

    ``Gemeente.NL:8443`` -> ``gemeente.nl``; ``[2001:db8::1]:8000`` -> ``2001:db8::1``; ``*`` stays.
    :class:`ValueError` names the value and what is allowed when it is no host name (a URL, a path).
    """
    text = value.strip()
    name = _host_name(text).lower()
    if text == "*":
        return text
    if not name or any(c in name for c in "/\\ @?#") or "://" in text or (text.startswith("[") and "]" not in text):
        raise ValueError(
            f"--allowed-host: value {value[:80]!r} is not allowed; allowed: a host name or address as users "
            "type it, such as inburgering.gemeente.nl, inburgering.gemeente.nl:8443 or [2001:db8::1] (or * for any)"
        )
    return name


class EdgeGuard:
    """ASGI middleware: 400 for a Host not allowed, 403 for a cross-site POST."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str] = LOCAL_HOSTS):
        self.app = app
        self.allowed = {allowed_name(h) for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the Host, and the origin of a state-changing request, before the app sees it."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        host = headers.get("host", "")
        if "*" not in self.allowed and _host_name(host).lower() not in self.allowed:
            lang = request_language(headers)
            _ = gettext_for(lang)
            detail = _("This server does not answer for this host name (see inburgering serve --allowed-host).")
            await problem_response(400, detail, lang=lang)(scope, receive, send)
            return
        if scope.get("method") not in ("GET", "HEAD", "OPTIONS") and self._cross_site(headers, host):
            lang = request_language(headers)
            _ = gettext_for(lang)
            detail = _("A request that changes something must come from this site itself, not from another one.")
            await problem_response(403, detail, lang=lang)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _cross_site(headers: dict[str, str], host: str) -> bool:
        """A browser says the request comes from elsewhere: another site, or another origin of this one.

        ``Sec-Fetch-Site`` is the browser's own word (``same-site`` is another port of this host, as
        another local app would be). The pages say ``Referrer-Policy: same-origin``, so their own
        forms carry their Origin; ``Origin: null`` (a page that hides its origin, or a sandbox) is
        another site unless the browser says ``same-origin``.
        """
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return True
        origin = headers.get("origin")
        if origin is None:
            return False  # not a browser's cross-origin request (those always carry one)
        if origin == "null":
            return site != "same-origin"
        return urlsplit(origin).netloc.lower() != host.lower()


class ApiOnlyCors:
    """CORS ``*`` for reading the API (``/v1``, GET) only; the HTML pages and every POST get none."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=["*"],
            allow_methods=["GET"],
            allow_headers=["*"],
            expose_headers=["API-Version", "Location"],
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The API's paths through CORS; everything else as it is."""
        if scope["type"] == "http" and str(scope.get("path", "")).startswith("/v1/"):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


class HeadAsGet:
    """ASGI middleware: HEAD wherever GET is (RFC 9110 section 9.3.2), answered as GET without its body.

    FastAPI routes answer only the methods they name, so a HEAD (a link checker, a monitor,
    ``curl -I``) was a 405. The headers, Content-Length included, are the GET's.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Route a HEAD as a GET and drop the body it sends."""
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
