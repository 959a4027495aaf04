"""``inburgering serve``: the API under /v1 (and, with issue #6's web page, the page at /)."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    store: Annotated[Path | None, typer.Option("--store", help="Run-store folder (default: the user cache).")] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A Host name to answer besides localhost (repeat it; the name users reach the server by).",
        ),
    ] = None,
    scheduler: Annotated[
        str,
        typer.Option(
            "--scheduler", help="Where comparisons run: local (Dask on this machine), sync or tcp://host:port."
        ),
    ] = "local",
    contact_name: Annotated[
        str | None, typer.Option("--contact-name", help="Who runs this server, for the API document.")
    ] = None,
    contact_email: Annotated[
        str | None, typer.Option("--contact-email", help="Their e-mail address, for the API document.")
    ] = None,
    contact_url: Annotated[
        str | None, typer.Option("--contact-url", help="Their web page, for the API document.")
    ] = None,
) -> None:
    """Serve the REST API (NL API Design Rules) on one port."""
    import uvicorn

    from inburgering.api.app import create_app
    from inburgering.api.edge import LOCAL_HOSTS, allowed_name

    problems = [] if 0 < port < 65536 else [f"--port: value {port} is not allowed; allowed: 1 to 65535"]
    names = []
    for value in allowed_host or ():
        try:
            names.append(allowed_name(value))
        except ValueError as exc:
            problems.append(str(exc))
    if contact_email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact_email):
        problems.append(f"--contact-email: value {contact_email!r} is not allowed; allowed: an e-mail address")
    if contact_url is not None and not re.fullmatch(r"https?://\S+", contact_url):
        problems.append(f"--contact-url: value {contact_url!r} is not allowed; allowed: an http(s) address")
    given = {"name": contact_name, "email": contact_email, "url": contact_url}
    if any(given.values()) and not all(given.values()):
        problems.append("--contact-name, --contact-email, --contact-url: give all three or none (one contact)")
    if problems:
        for problem in problems:
            typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1") and not names:
        typer.echo(
            f"note: listening on {host}, but answering only the Host names {', '.join(LOCAL_HOSTS)}; "
            "add the name users type with --allowed-host",
            err=True,
        )
    contact = {k: v for k, v in given.items() if v}
    if host not in ("127.0.0.1", "localhost", "::1") and not contact.get("email"):
        typer.echo(
            "note: the API document names the software's contact, not yours; give yours with --contact-name, "
            "--contact-email and --contact-url",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"inburgering serves http://{shown}:{port}/ (the web page; the API at /v1); Ctrl+C stops it", err=True)
    app = create_app(store, scheduler, (*LOCAL_HOSTS, *names), contact)
    # the objects made at start (the app, the law's parameters, citations, catalogues) into the permanent
    # generation: the cyclic collector then does not walk them on every full collection during requests,
    # which was part of the API's latency tail (issue #20; benchmarks/bench_api_gc.py: a lower p99 in most
    # rounds at 200 requests per second, the machine's noise as large; docs/performance.md)
    gc.collect()
    gc.freeze()
    # access logs off: paths hold no personal data, but a log of every request is not needed either
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        server_header=False,
    )
