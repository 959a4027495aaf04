"""The API against its own OpenAPI document (schemathesis) and the Logius linter (Spectral)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from inburgering.api.app import create_app

ROOT = Path(__file__).resolve().parents[1]
RULESET = ROOT / "standards" / "nl-api-design-rules" / "linter.yaml"
SPECTRAL = ROOT / ".tools" / "node_modules" / ".bin" / "spectral"

app = create_app(store_root=None, scheduler="sync", allowed_hosts=("localhost", "testserver"))  # its client's name
schema = schemathesis.openapi.from_asgi("/v1/openapi.json", app)


@schema.exclude(method="POST", path="/simulaties").parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_its_document(case: schemathesis.Case) -> None:
    # No 5xx, and every response (status, headers, body) as documented. Not checked: that every
    # schema-valid body is accepted, because some rules span fields (a date after the birth date,
    # a peildatum from 2022, a known parameter in a scenario) and answer 400 by design.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


def test_the_document_passes_the_nl_api_design_rules_linter(tmp_path: Path) -> None:
    assert SPECTRAL.is_file(), "Spectral is missing: run 'make tools' (make test does)"
    from fastapi.testclient import TestClient

    doc = TestClient(app, base_url="http://localhost").get("/v1/openapi.json").json()
    target = tmp_path / "openapi.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    out = subprocess.run(
        [str(SPECTRAL), "lint", "-r", str(RULESET), str(target), "--fail-severity", "error"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "No results with a severity of 'error'" in out.stdout


def test_the_shipped_ruleset_is_the_logius_one() -> None:
    shared = ROOT.parent / "shared" / "standards" / "nl-api-design-rules" / "linter.yaml"
    if shared.is_file():  # beside the project in the workplace; the copy must not drift
        assert shared.read_bytes() == RULESET.read_bytes()
    text = RULESET.read_text(encoding="utf-8")
    assert "nlgov:missing-version-header" in text and "nlgov:use-problem-schema" in text
