"""The REST API's behaviour: headers, problems, resources, and comparisons outside the request."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from inburgering import __version__
from inburgering.api.app import SECURITY_HEADERS, create_app
from inburgering.compare.store import RunStore
from inburgering.law.scenario import resolve
from inburgering.rules.person import ALL_FIELDS, parse_persons
from inburgering.rules.trace import results_json

ROOT = Path(__file__).resolve().parents[1]
PERSON = json.loads((ROOT / "examples" / "persoon.json").read_text(encoding="utf-8"))
SMALL_RUN = {
    "scenarios": ["wi2021", "vwn-2026"],
    "trekkingen": 1,
    "schaal": 0.02,
    "laatsteInstroomjaar": 2022,
    "eind": "2026-12",
}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")


def test_every_response_carries_the_version_and_security_headers(client: TestClient) -> None:
    for response in (
        client.get("/v1/scenarios"),
        client.get("/v1/nergens"),
        client.post("/v1/berekeningen", json={}),
        client.get("/v1/openapi.json"),
    ):
        assert response.headers["API-Version"] == __version__
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value
    cors = client.get("/v1/openapi.json", headers={"Origin": "https://example.org"})
    assert cors.headers["access-control-allow-origin"] == "*"


def test_the_document_has_what_the_rules_ask(client: TestClient) -> None:
    doc = client.get("/v1/openapi.json").json()
    assert doc["info"]["version"] == __version__
    assert {"name", "email", "url"} <= set(doc["info"]["contact"])
    assert any(s["url"].endswith("/v1") for s in doc["servers"])
    for path, item in doc["paths"].items():
        assert not path.startswith("/v1") and not path.endswith("/")
        for op in item.values():
            assert "422" not in op["responses"] and "400" in op["responses"]
            for code, response in op["responses"].items():
                if code.startswith("2"):
                    assert "API-Version" in response["headers"]
            names = {p["name"] for p in op.get("parameters", [])}
            assert not names & set(ALL_FIELDS), f"personal data in the path or query of {path}"
    assert "API-Version" in doc["components"]["headers"]


def test_a_trailing_slash_is_not_found_and_not_redirected(client: TestClient) -> None:
    response = client.get("/v1/scenarios/", follow_redirects=False)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert {"status", "title", "detail"} <= set(response.json())


def test_calculations_are_the_calculators_json(client: TestClient) -> None:
    body = {
        "peildatum": "2026-11-28",
        "scenarios": ["wi2021", "coalitie-2026+vwn-2026"],
        "taal": "en",
        "personen": [PERSON],
    }
    response = client.post("/v1/berekeningen", json=body)
    assert response.status_code == 200
    expected = results_json(
        parse_persons([PERSON]), "2026-11-28", [resolve("wi2021"), resolve("coalitie-2026+vwn-2026")], "en"
    )
    assert response.json() == json.loads(json.dumps(expected))


def test_invalid_input_is_400_with_every_problem_at_once(client: TestClient) -> None:
    bad: dict[str, Any] = dict(PERSON, nationaliteit="XX", geboortedatum="1990-02-30")
    bad.pop("verblijfsdoel")
    body = {"peildatum": "2026-02-30", "scenarios": ["nope"], "taal": "fr", "extra": 1, "personen": [bad]}
    response = client.post("/v1/berekeningen", json=body)
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"
    fields = {f.get("veld") for f in response.json()["fouten"]}
    assert {"extra", "peildatum", "taal", "scenarios", "nationaliteit", "geboortedatum", "verblijfsdoel"} <= fields
    assert (
        client.post("/v1/berekeningen", content=b"{", headers={"content-type": "application/json"}).status_code == 400
    )
    assert client.post("/v1/berekeningen", content=b"x", headers={"content-type": "text/plain"}).status_code == 415
    early = client.post("/v1/berekeningen", json={"peildatum": "2021-06-01", "personen": [PERSON]})
    assert early.status_code == 400


def test_scenarios_and_parameters(client: TestClient) -> None:
    listed = {s["id"] for s in client.get("/v1/scenarios").json()["scenarios"]}
    assert {"wi2021", "coalitie-2026", "vwn-2026", "migratiepact-2026"} <= listed
    stack = client.get("/v1/scenarios/coalitie-2026+vwn-2026").json()
    assert stack["hash"] == resolve("coalitie-2026+vwn-2026").hash and stack["wijzigingen"]
    assert client.get("/v1/scenarios/bestaat-niet").status_code == 404
    params = client.get("/v1/parameters", params={"peildatum": "2027-06-01", "scenario": "vwn-2026"}).json()
    first = next(p for p in params["parameters"] if p["pad"] == "afschaling.urenvereiste")
    assert first["waarde"] is False and first["waarden"] and params["peildatum"] == "2027-06-01"
    cited = [p for p in params["parameters"] if p["bronnen"]]
    assert len(cited) == len(params["parameters"])
    assert client.get("/v1/parameters", params={"peildatum": "2027-02-30"}).status_code == 400


def test_a_user_scenario_is_validated_as_yaml_or_json(client: TestClient) -> None:
    good = (
        "id: mijn-scenario\ntitle: {en: Mine, nl: Mijn}\nbase: wi2021\ndescription: test\n"
        "sources: [{document: vwn-brief-2026-02-02}]\ndates: {start: 2027-01-01}\n"
        "changes:\n  - parameter: afschaling.urenvereiste\n    values: {start: false}\n"
    )
    ok = client.post("/v1/scenario-validaties", content=good, headers={"content-type": "application/yaml"})
    assert ok.status_code == 200 and ok.json()["geldig"] is True and ok.json()["id"] == "mijn-scenario"
    as_json = {
        "id": "mijn-scenario",
        "title": {"en": "Mine", "nl": "Mijn"},
        "base": "wi2021",
        "description": "test",
        "sources": [{"document": "vwn-brief-2026-02-02"}],
        "changes": [{"parameter": "afschaling.urenvereiste", "values": {"2027-01-01": False}}],
    }
    assert client.post("/v1/scenario-validaties", json=as_json).json()["hash"] == ok.json()["hash"]
    bad = dict(as_json, changes=[{"parameter": "geen.parameter", "values": {"2027-01-01": 1}}], title={"en": "x"})
    response = client.post("/v1/scenario-validaties", json=bad)
    assert response.status_code == 400 and len(response.json()["fouten"]) >= 2


def _wait(client: TestClient, location: str) -> dict[str, Any]:
    for _ in range(600):
        status = client.get(location).json()
        if status["status"] in ("gereed", "mislukt"):
            return status
        time.sleep(0.1)
    raise AssertionError("the comparison did not finish")


def test_a_comparison_runs_outside_the_request_and_survives_a_restart(tmp_path: Path) -> None:
    client = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
    started = client.post("/v1/simulaties", json=SMALL_RUN)
    assert started.status_code == 202
    location = started.headers["Location"]
    assert location.startswith("/v1/simulaties/")
    status = _wait(client, location)
    assert status["status"] == "gereed" and status["voortgang"]["klaar"] == status["voortgang"]["totaal"] == 2
    table = client.get(status["links"]["kernindicatoren"])
    assert table.status_code == 200 and table.json()["rijen"]
    csv = client.get(status["links"]["kernindicatoren"], headers={"accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith("scenario,")
    # a new server process on the same store still serves the finished run
    again = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
    assert again.get(location).json()["status"] == "gereed"
    assert again.get(status["links"]["kernindicatoren"]).json() == table.json()
    assert location.rsplit("/", 1)[1] in {s["id"] for s in again.get("/v1/simulaties").json()["simulaties"]}


def test_a_run_cut_off_by_a_restart_shows_as_interrupted(tmp_path: Path) -> None:
    RunStore(tmp_path).begin("abc123def4567890abcd", {"scenarios": ["wi2021"]})
    client = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
    assert client.get("/v1/simulaties/abc123def4567890abcd").json()["status"] == "onderbroken"
    assert client.get("/v1/simulaties/abc123def4567890abcd/tabellen/kernindicatoren").status_code == 409
    assert client.get("/v1/simulaties/onbekend").status_code == 404


def test_progress_after_a_restart_counts_the_tasks_actually_done(tmp_path: Path) -> None:
    import pandas as pd

    store = RunStore(tmp_path)
    key = "0123456789abcdef0123"
    store.begin(key, {"scenarios": ["wi2021", "vwn-2026"], "draws": 200})
    for k in range(20):  # 20 of 400 tasks were stored when the server stopped
        store.put_part(key, f"taak{k:03d}", {"kern": pd.DataFrame({"x": [k]})})
    client = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
    status = client.get(f"/v1/simulaties/{key}").json()
    assert status["status"] == "onderbroken" and status["voortgang"] == {"klaar": 20, "totaal": 400}


def test_a_bad_comparison_request_lists_every_problem(client: TestClient) -> None:
    body = {
        "scenarios": ["wi2021", "nope"],
        "trekkingen": 0,
        "schaal": 5,
        "eind": "2040-13",
        "x": 1,
        "perWijziging": "ja",
    }
    response = client.post("/v1/simulaties", json=body)
    assert response.status_code == 400
    fields = {f["veld"] for f in response.json()["fouten"]}
    assert {"x", "trekkingen", "schaal", "perWijziging"} <= fields


def test_a_comparison_per_change_serves_each_changes_contribution(client: TestClient) -> None:
    body = {**SMALL_RUN, "scenarios": ["wi2021", "migratiepact-2026"], "perWijziging": True}
    started = client.post("/v1/simulaties", json=body)
    assert started.status_code == 202
    status = _wait(client, started.headers["Location"])
    assert status["status"] == "gereed" and status["voortgang"]["totaal"] == 2 + 6  # 3 changes: 6 variants
    rows = client.get(f"{started.headers['Location']}/tabellen/bijdragen").json()["rijen"]
    assert {r["unit"] for r in rows} >= {"asiel.vergunning_duur", ""}
    assert {r["method"] for r in rows} == {"alleen", "zonder", "shapley", "totaal"}


def test_head_wherever_get_is_gzip_for_static_files_and_a_favicon(client: TestClient) -> None:
    """Issue #19: HEAD answered (a 405 before), static files compressed, a favicon instead of a 404."""
    for path in ("/", "/persoon", "/v1/scenarios", "/v1/openapi.json", "/static/app.css", "/favicon.ico"):
        head, get = client.head(path), client.get(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-length"] == get.headers["content-length"], path
        assert head.headers["X-Frame-Options"] == "DENY"
    assert client.post("/v1/scenarios").headers["Allow"] == "GET, HEAD"
    for path in ("/static/app.css", "/static/plotly.min.js"):
        assert client.get(path, headers={"Accept-Encoding": "gzip"}).headers["content-encoding"] == "gzip", path
    assert "content-encoding" not in client.get("/static/app.css", headers={"Accept-Encoding": "identity"}).headers
    assert client.get("/favicon.ico").headers["content-type"].startswith("image/svg+xml")
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").text


def test_problems_speak_one_language_per_request(client: TestClient) -> None:
    """Issue #19: the title, the detail and every message of a problem in the language asked, Dutch by default."""
    body = {"personen": [{"id": "p", "geboortedatum": "1990-02-30", "nationaliteit": "SY", "verblijfsdoel": "x"}]}
    dutch = client.post("/v1/berekeningen", json=body)
    english = client.post("/v1/berekeningen", json=body, headers={"Accept-Language": "de-DE, en-GB;q=0.9, nl;q=0.5"})
    assert dutch.status_code == english.status_code == 400
    assert dutch.headers["content-language"] == "nl" and english.headers["content-language"] == "en"
    nl, en = dutch.json(), english.json()
    assert (nl["title"], en["title"]) == ("Ongeldige invoer", "Invalid input")
    assert (nl["detail"], en["detail"]) == ("2 probleem/problemen in de invoer.", "2 problem(s) in the input.")
    assert {f["veld"] for f in nl["fouten"]} == {f["veld"] for f in en["fouten"]} == {"geboortedatum", "verblijfsdoel"}
    for fout in nl["fouten"]:
        assert "toegestaan is" in fout["melding"] and "allowed" not in fout["melding"]
    for fout in en["fouten"]:
        assert "allowed: " in fout["melding"] and "toegestaan" not in fout["melding"]
    missing = client.get("/v1/simulaties/bestaat-niet", headers={"Accept-Language": "en"}).json()
    assert missing["detail"] == "Simulation 'bestaat-niet' does not exist."
    assert client.get("/v1/simulaties/bestaat-niet").json()["detail"] == "Simulatie 'bestaat-niet' bestaat niet."
