"""``/v1/docs``: the API document as a browsable page, served from this server (no CDN).

Swagger UI (version 5, which reads OpenAPI 3.1) comes with the ``fastapi-offline`` package; only
its static files are used, mounted under ``/v1/docs/assets``. The page starts it from a script
file of ours, so it keeps a Content-Security-Policy without inline scripts, like the other pages.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>inburgering API</title><link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/v1/docs/assets/swagger-ui.css"></head>
<body><main id="swagger-ui" aria-label="inburgering API"></main>
<script src="/v1/docs/assets/swagger-ui-bundle.js"></script><script src="/static/swagger-init.js"></script>
</body></html>"""


def assets() -> StaticFiles:
    """Swagger UI's own files, from the installed package."""
    return StaticFiles(directory=Path(str(resources.files("fastapi_offline").joinpath("static"))))


@router.get("/v1/docs")
def docs_page() -> HTMLResponse:
    """The API document in Swagger UI."""
    return HTMLResponse(PAGE, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store"})
