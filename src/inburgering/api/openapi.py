"""The OpenAPI document at ``/v1/openapi.json``, shaped to the NL API Design Rules.

FastAPI generates the operations; this module adds what the rules ask and FastAPI does not
know: ``servers`` with ``/v1`` (paths are relative to it), ``info.contact``, the ``API-Version``
header on every 2xx and 3xx response, problem-details responses (400, 404, 500; never 422),
the request bodies that the routes read as raw JSON or YAML, and the ``Location`` of a 202.
The Logius linter checks the result in the test suite.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from inburgering.api import schemas
from inburgering.api.problems import PROBLEM
from inburgering.version import __version__

PREFIX = "/v1"
CONTACT = {
    "name": "inburgering maintainers",
    "email": "inburgering@example.org",
    "url": "https://github.com/inburgering/inburgering",
}
"""The software's own address, until the organisation that runs a server gives its own
(``inburgering serve --contact-name/--contact-email/--contact-url``): the document names whom
its users can reach (NL API Design Rules, /core/doc-openapi-contact)."""
TAGS = [
    {"name": "scenarios", "description": "The law as it is and the proposals, as dated, cited changes."},
    {"name": "parameters", "description": "The law's parameters by date, with citations."},
    {"name": "berekeningen", "description": "What applies to a person, with the article behind each answer."},
    {"name": "simulaties", "description": "Scenario comparisons with uncertainty (run outside the request)."},
]
BODIES = {
    ("/berekeningen", "post"): {"application/json": {"schema": {"$ref": "#/components/schemas/BerekeningVerzoek"}}},
    ("/simulaties", "post"): {"application/json": {"schema": {"$ref": "#/components/schemas/SimulatieVerzoek"}}},
    ("/scenario-validaties", "post"): {
        "application/yaml": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "object", "additionalProperties": True}},
    },
}
VERSION_HEADER = {"API-Version": {"$ref": "#/components/headers/API-Version"}}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": VERSION_HEADER,
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Probleem"}}},
    }


def build_document(app: FastAPI) -> dict[str, Any]:
    """The document for ``app``."""
    doc = get_openapi(
        title="inburgering API",
        version=__version__,
        summary="The Wet inburgering 2021 and the 2026 proposals as executable, cited rules.",
        description=(
            "Person calculator, scenarios, law parameters and scenario comparisons. Personal data go "
            "in request bodies only, never in paths or query strings, and are not stored."
        ),
        routes=app.routes,
    )
    doc["info"]["contact"] = getattr(app.state, "contact", None) or CONTACT  # one contact, never a mix
    doc["info"]["license"] = {"name": "EUPL-1.2", "url": "https://interoperable-europe.ec.europa.eu/collection/eupl"}
    doc["servers"] = [{"url": PREFIX, "description": "This server, version 1"}]
    doc["tags"] = TAGS
    paths: dict[str, Any] = {}
    for path, item in doc["paths"].items():
        short = path[len(PREFIX) :] if path.startswith(PREFIX) else path
        for method, op in item.items():
            _shape(short, method, op)
        paths[short] = item
    doc["paths"] = paths
    components = doc.setdefault("components", {})
    components["schemas"] = {
        name: s for name, s in components.get("schemas", {}).items() if "ValidationError" not in name
    } | schemas.components()
    components["headers"] = {
        "API-Version": {
            "description": "The full version of this API (SemVer).",
            "schema": {"type": "string", "example": __version__},
        }
    }
    return doc


def _shape(path: str, method: str, op: dict[str, Any]) -> None:
    responses = op.setdefault("responses", {})
    responses.pop("422", None)
    for code, response in responses.items():
        if code.startswith(("2", "3")):
            response.setdefault("headers", {}).update(VERSION_HEADER)
            for media in response.get("content", {}).values():
                media["schema"] = {"type": "object", "additionalProperties": True}
    if (path, method) in BODIES:
        op["requestBody"] = {"required": True, "content": BODIES[(path, method)]}
    if path == "/simulaties" and method == "post":
        responses.pop("200", None)
        responses["202"] = {
            "description": "Accepted: the comparison runs outside the request; see the Location.",
            "headers": {
                **VERSION_HEADER,
                "Location": {"description": "Where to follow the run.", "schema": {"type": "string"}},
            },
            "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
        }
    if path.endswith("/tabellen/{tabel}"):
        responses["200"]["content"]["text/csv"] = {"schema": {"type": "string"}}
        responses["409"] = _problem("The comparison is not finished yet.")
    responses["400"] = _problem("Invalid input: every problem is listed in 'fouten'.")
    if "{" in path or method == "post":
        responses["404"] = _problem("No such resource.")
    if method == "post":
        responses["413"] = _problem("The request is too large.")
        responses["415"] = _problem("Unsupported media type.")
    responses["500"] = _problem("Unexpected error.")
