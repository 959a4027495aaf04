"""Bounded work per request (issue #18): each test sends the hostile request and checks the answer."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from inburgering.api.app import create_app
from inburgering.api.limits import MAX_BODY
from inburgering.api.routes_law import INLINE_ANSWERS
from inburgering.api.schemas import MAX_PERSONS, MAX_RESULTS
from inburgering.cli import app as cli
from inburgering.compare.request import MAX_WAITING, CompareRequest
from inburgering.law import scenario as scenario_module
from inburgering.law.scenario import normalise_spec, resolve

PERSON = {"id": "p", "geboortedatum": "1990-01-01", "nationaliteit": "SY", "verblijfsdoel": "asiel"}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")


def test_a_declared_oversize_body_is_refused_before_it_is_read(client: TestClient) -> None:
    response = client.post(
        "/v1/berekeningen",
        content=b"x" * 10,
        headers={"content-type": "application/json", "content-length": str(MAX_BODY + 1)},
    )
    assert response.status_code == 413 and response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # the security headers on the early answer too


def test_a_chunked_body_is_a_413(client: TestClient) -> None:
    def chunks():  # no Content-Length: the body streams in pieces
        for _ in range(MAX_BODY // 100_000 + 5):
            yield b" " * 100_000

    response = client.post("/v1/berekeningen", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_the_limit_stops_reading_while_the_body_streams_in() -> None:
    """At the ASGI level (the test client buffers a body): nothing past the limit is asked of the server."""
    import asyncio

    from inburgering.api.limits import BodyLimit
    from inburgering.api.problems import Problem

    received = 0

    async def endless() -> dict[str, object]:
        nonlocal received
        received += 65_536
        return {"type": "http.request", "body": b" " * 65_536, "more_body": True}

    async def app(scope: object, receive, send) -> None:  # reads the body whole, as request.body() does
        while (await receive()).get("more_body"):
            pass

    async def send(message: object) -> None:
        raise AssertionError("nothing is sent before the limit stops the read")

    scope = {"type": "http", "path": "/v1/berekeningen", "headers": []}
    with pytest.raises(Problem) as stopped:
        asyncio.run(BodyLimit(app)(scope, endless, send))
    assert stopped.value.status == 413 and received <= MAX_BODY + 65_536


def test_a_large_calculation_runs_off_the_event_loop(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A few answers are computed on the loop (a thread costs more); more go to a worker thread."""
    from inburgering.rules import trace

    threads: list[str] = []
    original = trace.results_json

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(trace, "results_json", recorded)
    few = [dict(PERSON, id=f"p{i}") for i in range(INLINE_ANSWERS)]
    many = [dict(PERSON, id=f"p{i}") for i in range(INLINE_ANSWERS + 1)]
    assert client.post("/v1/berekeningen", json={"personen": few}).status_code == 200
    assert client.post("/v1/berekeningen", json={"personen": many}).status_code == 200
    on_loop, in_worker = threads
    assert "worker" not in on_loop.lower() and "worker" in in_worker.lower(), threads


def test_a_calculation_is_bounded_in_persons_and_answers(client: TestClient) -> None:
    too_many = [dict(PERSON, id=f"p{i}") for i in range(MAX_PERSONS + 1)]
    response = client.post("/v1/berekeningen", json={"personen": too_many})
    assert response.status_code == 400 and str(MAX_PERSONS) in response.text
    per_scenario = MAX_RESULTS // 4 + 1
    many = [dict(PERSON, id=f"p{i}") for i in range(per_scenario)]
    specs = ["wi2021", "vwn-2026", "coalitie-2026", "migratiepact-2026"]
    response = client.post("/v1/berekeningen", json={"personen": many, "scenarios": specs})
    assert response.status_code == 400 and f"ten hoogste {MAX_RESULTS} antwoorden" in response.text
    ok = client.post("/v1/berekeningen", json={"personen": many[:-1], "scenarios": specs})
    assert ok.status_code == 200
    document = client.get("/v1/openapi.json").json()
    schema = document["components"]["schemas"]
    assert any(s.get("properties", {}).get("personen", {}).get("maxItems") == MAX_PERSONS for s in schema.values())


@pytest.mark.parametrize("scale", [5e-324, 1e-6, 0.0, -1, 2, "0.1", True, 1e308])
def test_absurd_scales_are_a_400_at_the_start(client: TestClient, scale: object) -> None:
    response = client.post("/v1/simulaties", json={"scenarios": ["wi2021"], "schaal": scale, "trekkingen": 1})
    assert response.status_code == 400 and "schaal" in response.text


@pytest.mark.parametrize("scale", ["1e-6", "1e400", "nan", "0"])
def test_absurd_scales_are_exit_2_on_the_command_line(scale: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["simulate", "--scale", scale, "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "--scale" in result.output
    assert not (tmp_path / "x").exists()


def test_too_much_work_for_a_server_is_refused(client: TestClient) -> None:
    response = client.post(
        "/v1/simulaties", json={"scenarios": ["wi2021", "vwn-2026", "coalitie-2026"], "trekkingen": 200, "schaal": 1}
    )
    assert response.status_code == 400 and "draws x scale x scenarios" in response.text


def test_a_full_queue_answers_429_with_retry_after(tmp_path: Path) -> None:
    app = create_app(store_root=tmp_path, scheduler="sync")
    jobs = app.state.jobs
    gate = threading.Event()

    def busy(request: object, key: str, job, held: bool) -> None:  # the worker is busy: every later job waits
        job.status = "bezig"
        gate.wait(30)
        if held:
            jobs.store.release_queued(key)

    jobs._run = busy
    client = TestClient(app, base_url="http://localhost")
    try:
        codes = []
        for seed in range(MAX_WAITING + 2):
            body = {"scenarios": ["wi2021"], "trekkingen": 1, "schaal": 0.01, "seed": seed}
            codes.append(client.post("/v1/simulaties", json=body))
        assert [r.status_code for r in codes[: MAX_WAITING + 1]] == [202] * (MAX_WAITING + 1)
        full = codes[-1]
        assert full.status_code == 429 and int(full.headers["Retry-After"]) > 0
        page = client.post("/vergelijken", data={"scenario0": "wi2021", "trekkingen": "1", "schaal": "0.02"})
        assert page.status_code == 429 and "Retry-After" in page.headers
    finally:
        gate.set()
        jobs.pool.shutdown(wait=True)  # the process ends: its claims on the queued runs end with it
    # after a restart the waiting runs are reported as not started, not forgotten
    again = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
    states = [again.get(r.headers["Location"]).json()["status"] for r in codes[1 : MAX_WAITING + 1]]
    assert states == ["nietGestart"] * MAX_WAITING


def test_a_server_forgets_old_finished_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that runs for months keeps a bounded list of jobs; finished runs stay in the store."""
    from inburgering.api import routes_sim

    monkeypatch.setattr(routes_sim, "FINISHED_KEPT", 5)  # the bound's value does not matter, its working does
    app = create_app(store_root=tmp_path, scheduler="sync")
    jobs = app.state.jobs

    def instant(request: object, key: str, job, held: bool) -> None:
        job.status = "gereed"
        if held:
            jobs.store.release_queued(key)

    jobs._run = instant
    client = TestClient(app, base_url="http://localhost")
    for seed in range(5 + 10):
        body = {"scenarios": ["wi2021"], "trekkingen": 1, "schaal": 0.01, "seed": seed}
        assert client.post("/v1/simulaties", json=body).status_code == 202
        jobs.pool.submit(lambda: None).result()  # the worker has finished this one
    jobs.pool.shutdown(wait=True)
    assert 5 <= len(jobs.jobs) <= 5 + 1
    assert len(client.get("/v1/simulaties").json()["simulaties"]) == 5 + 10  # the store remembers all


def test_scenario_specs_are_normalised_and_the_cache_is_bounded() -> None:
    assert normalise_spec(" coalitie-2026 +vwn-2026+ coalitie-2026 ") == "coalitie-2026+vwn-2026"
    assert resolve(" wi2021 ").id == resolve("wi2021").id == "wi2021"
    before = scenario_module._resolve_cached.cache_info().currsize
    for spaces in range(200):
        resolve(" " * spaces + "vwn-2026")
    assert scenario_module._resolve_cached.cache_info().currsize <= max(before + 1, 64)
    assert scenario_module._resolve_cached.cache_info().maxsize == 64


def test_a_comparison_request_refuses_a_scale_that_gives_nobody() -> None:
    from inburgering.compare.request import RequestError

    with pytest.raises(RequestError, match="scale"):
        CompareRequest(("wi2021",), 1, 1, 1e-6).validate()


@pytest.mark.parametrize(
    "path",
    [
        "/vergelijken/%2e%2e/tabellen/geheim.csv",
        "/vergelijken/..%2f..%2fetc/tabellen/passwd.csv",
        "/vergelijken/%2e%2e/tabellen.xlsx",
        "/vergelijken/%2e%2e",
        "/v1/simulaties/%2e%2e/tabellen/kernindicatoren",
    ],
)
def test_no_path_leaves_the_run_store(tmp_path: Path, path: str) -> None:
    import pandas as pd

    from inburgering.compare.store import RunStore

    store = tmp_path / "store"
    (tmp_path / "result").mkdir()  # a folder beside the store that looks like a run's result
    pd.DataFrame({"bsn": ["123456782"]}).to_parquet(tmp_path / "result" / "geheim.parquet")
    client = TestClient(create_app(store_root=store, scheduler="sync"), base_url="http://localhost")
    response = client.get(path)
    assert response.status_code == 404 and "123456782" not in response.text
    with pytest.raises(ValueError, match="not a run key"):
        RunStore(store)._folder("..")
    assert RunStore(store).result("../x") is None


def test_only_the_allowed_host_names_are_answered(tmp_path: Path) -> None:
    """DNS rebinding: a hostile name that resolves to 127.0.0.1 arrives as the Host header."""
    local = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost:8000")
    assert local.get("/v1/scenarios").status_code == 200
    assert TestClient(local.app, base_url="http://127.0.0.1:8000").get("/").status_code == 200
    assert TestClient(local.app, base_url="http://[::1]:8000").get("/").status_code == 200
    rebound = TestClient(local.app, base_url="http://evil.example:8000").get("/v1/scenarios")
    assert rebound.status_code == 400 and rebound.headers["X-Frame-Options"] == "DENY"
    named = create_app(store_root=tmp_path, scheduler="sync", allowed_hosts=("localhost", "inburgering.gemeente.nl"))
    assert TestClient(named, base_url="https://inburgering.gemeente.nl").get("/").status_code == 200
    # a name given with its port, in capitals, or an IPv6 address in brackets matches as users type it
    typed = create_app(
        store_root=tmp_path, scheduler="sync", allowed_hosts=("Inburgering.Gemeente.NL:8443", "[2001:db8::1]:8000")
    )
    assert TestClient(typed, base_url="https://inburgering.gemeente.nl:8443").get("/").status_code == 200
    assert TestClient(typed, base_url="http://[2001:db8::1]:8000").get("/").status_code == 200
    assert TestClient(typed, base_url="http://evil.example:8443").get("/").status_code == 400


@pytest.mark.parametrize("value", ["https://inburgering.gemeente.nl", "gemeente.nl/inburgering", "[2001:db8::1", " "])
def test_serve_refuses_an_allowed_host_that_is_no_host_name(value: str) -> None:
    result = CliRunner().invoke(cli, ["serve", "--allowed-host", value, "--port", "0"])
    assert result.exit_code == 2
    assert f"--allowed-host: value {value!r} is not allowed" in result.output and "--port" in result.output


def test_no_state_change_from_another_site(client: TestClient) -> None:
    form = {"scenario0": "wi2021", "trekkingen": "1", "schaal": "0.01"}
    hostile = (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},  # a page that hides its origin (meta referrer no-referrer), no Sec-Fetch-Site
        {"Origin": "http://localhost:3000", "Sec-Fetch-Site": "same-site"},  # another local app
    )
    for headers in hostile:
        response = client.post("/vergelijken", data=form, headers=headers, follow_redirects=False)
        assert response.status_code == 403, headers
        body = {"scenarios": ["wi2021"], "trekkingen": 1, "schaal": 0.01}
        assert client.post("/v1/simulaties", json=body, headers=headers).status_code == 403
    same = client.post("/vergelijken", data=form, headers={"Origin": "http://localhost"}, follow_redirects=False)
    assert same.status_code == 303  # the page's own form
    # what Chromium sends for the page's own form under Referrer-Policy: no-referrer
    own = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/vergelijken", data=form, headers=own, follow_redirects=False).status_code == 303


def test_cors_is_open_for_reading_the_api_only(client: TestClient) -> None:
    origin = {"Origin": "https://elders.example"}
    assert client.get("/v1/scenarios", headers=origin).headers.get("access-control-allow-origin") == "*"
    assert "access-control-allow-origin" not in client.get("/", headers=origin).headers
    preflight = client.options("/v1/simulaties", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "POST" not in preflight.headers.get("access-control-allow-methods", "")


def test_odd_inputs_are_a_400_with_the_security_headers_never_a_500(client: TestClient) -> None:
    json_kind = {"content-type": "application/json"}
    lone = client.post("/v1/berekeningen", content=b'{"\\ud800": 1, "personen": []}', headers=json_kind)
    assert lone.status_code == 400 and "?" in lone.text
    scenario = client.post(
        "/v1/scenario-validaties", content=b'id: "\\ud800"\n', headers={"content-type": "application/yaml"}
    )
    assert scenario.status_code == 400
    deep = client.post("/v1/berekeningen", content=b"[" * 100_000 + b"]" * 100_000, headers=json_kind)
    assert deep.status_code == 400
    huge = client.post(
        "/v1/simulaties", content=b'{"scenarios": ["wi2021"], "schaal": 1' + b"0" * 400 + b"}", headers=json_kind
    )
    assert huge.status_code == 400 and "schaal" in huge.text
    bare = client.post("/caseload", content=b"x")  # no Content-Type at all
    assert bare.status_code == 400
    for response in (lone, scenario, deep, huge):
        assert response.headers["X-Frame-Options"] == "DENY" and response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_500_carries_the_security_headers() -> None:
    from inburgering.api.problems import SECURITY_HEADERS, problem_response

    response = problem_response(500, "Er ging iets mis.")
    assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())


def test_a_405_lists_what_the_path_allows(client: TestClient) -> None:
    assert client.post("/static/app.css").headers.get("allow") in ("GET, HEAD", "HEAD, GET")
    assert client.delete("/v1/scenarios").headers["allow"] == "GET, HEAD"  # HEAD wherever GET is
    assert client.options("/v1/simulaties").headers["allow"] == "GET, HEAD, POST"  # two routes share the path


def test_the_person_page_takes_a_bounded_number_of_scenarios(client: TestClient) -> None:
    form = [("geboortedatum", "1990-01-01"), ("nationaliteit", "SY"), ("verblijfsdoel", "asiel")]
    form += [("scenario", "wi2021")] * 500
    from urllib.parse import urlencode

    kind = {"content-type": "application/x-www-form-urlencoded"}
    response = client.post("/persoon", content=urlencode(form), headers=kind)
    assert response.status_code == 200 and response.text.count("wi2021") < 200


def test_a_cors_preflight_carries_the_security_headers(client: TestClient) -> None:
    preflight = client.options(
        "/v1/scenarios", headers={"Origin": "https://elders.example", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.headers.get("access-control-allow-origin") == "*"
    assert preflight.headers["X-Content-Type-Options"] == "nosniff"


def test_a_targets_file_with_aliases_or_bad_yaml_is_exit_2(tmp_path: Path) -> None:
    for text in ("- &a {id: x}\n- *a\n", "- [unclosed\n", b"\xff\xfe".decode("latin-1")):
        path = tmp_path / "targets.yaml"
        path.write_text(text, encoding="latin-1" if "\xff" in text else "utf-8")
        result = CliRunner().invoke(cli, ["validate", "--targets", str(path)])
        assert result.exit_code == 2 and "--targets" in result.output, result.output


@pytest.mark.parametrize("written", ["123456782", "1234.56.782", "123 456 782", "BSN123456782", "bsn: 123-456-782"])
def test_a_bsn_however_written_is_refused_as_an_id(client: TestClient, written: str) -> None:
    from inburgering.caseload.privacy import bsn_columns

    response = client.post("/v1/berekeningen", json={"personen": [dict(PERSON, id=written)]})
    assert response.status_code == 400 and "elfproef" in response.text  # Dutch unless English is asked for
    assert "123456782" not in response.text and "12345678" not in response.text  # never echoed
    rows = [["V-00001"], ["V-00002"], [written], ["V-00004"]]  # one BSN among the case numbers
    assert bsn_columns(["id"], rows) == ["id"]


def test_case_numbers_that_only_look_numeric_are_not_refused() -> None:
    from inburgering.caseload.privacy import bsn_columns

    assert bsn_columns(["id"], [[f"V-{k:05d}"] for k in range(50)]) == []
    # nine-digit case numbers: about 9% pass by chance, which is no sign of BSNs
    numbers = [[str(100_000_000 + 7919 * k)] for k in range(200)]
    assert bsn_columns(["id"], numbers) == []
    dates = [[f"1990-0{m}-{d:02d}"] for d in range(1, 29) for m in range(1, 10)]
    assert bsn_columns(["geboortedatum"], dates[:2]) == []  # dates are never read as BSNs, however few
    assert bsn_columns(["id"], [["V-2023-0042"], ["V-2024-1234"]]) == []
