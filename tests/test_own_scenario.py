"""A scenario of one's own, used at once: from the builder on the person and comparison pages, and in the API."""

from __future__ import annotations

import html as htmllib
import re
import time
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from inburgering.api.app import create_app

SHORTER = {
    "id": "korter",
    "title": {"nl": "Korter", "en": "Shorter"},
    "base": "wi2021",
    "sources": [{"bron": "aanname", "toelichting": "test"}],
    "dates": {"ingangsdatum": "2022-01-01"},
    "changes": [{"parameter": "termijn.duur", "values": {"ingangsdatum": 24}}],
}
PERSON = {
    "geboortedatum": "1991-03-14",
    "nationaliteit": "SY",
    "verblijfsdoel": "asiel",
    "datumVerblijfsrecht": "2023-10-02",
    "datumKennisgeving": "2023-11-20",
    "datumInschrijvingBrp": "2024-07-15",
    "datumPip": "2024-09-20",
    "peildatum": "2026-11-28",
}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")


def _yaml(doc: dict) -> str:
    """A scenario document as a YAML file writes it (dates unquoted, read as dates)."""
    return yaml.safe_dump(doc).replace("'2022-01-01'", "2022-01-01")


def _hidden(html: str, action: str) -> dict[str, str]:
    """The hidden fields of the form that posts to ``action``."""
    form = re.search(rf'<form method="post" action="{re.escape(action)}[^"]*"[^>]*>(.*?)</form>', html, re.S)
    assert form, action
    return {
        k: htmllib.unescape(v) for k, v in re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1))
    }


def _built(client: TestClient) -> str:
    """The builder's page for a valid scenario: the term 24 months."""
    form = {"id": "korter", "titel": "Korter", "basis": "wi2021", "ingang": "2022-01-01", "toelichting": "test"}
    page = client.post("/scenario", data={**form, "p.termijn.duur": "24", "actie": "controleer"})
    assert page.status_code == 200, page.text[:500]
    return page.text


def _term_row(html: str) -> list[str]:
    row = re.search(r'<tr data-regel="eindeTermijn".*?</tr>', html, re.S)
    assert row, "no answer table"
    return re.findall(r'<td class="value">([^<]*)</td>', row.group(0))


def test_a_built_scenario_is_used_at_once_for_one_person(client: TestClient) -> None:
    use = _hidden(_built(client), "/persoon")
    assert use["actie"] == "laden" and "termijn.duur" in use["eigenScenario"]
    loaded = client.post("/persoon", data=use)
    assert loaded.status_code == 200 and 'id="uitkomst"' not in loaded.text  # loaded, nothing computed yet
    assert re.search(r'id="sc-korter" name="scenario" value="korter" checked', loaded.text)
    carried = _hidden(loaded.text, "/persoon")
    assert carried["eigenScenario"].strip() == use["eigenScenario"].strip()  # the page carries it on
    answer = client.post(
        "/persoon", data={**PERSON, "scenario": ["wi2021", "korter"], "eigenScenario": carried["eigenScenario"]}
    )
    assert answer.status_code == 200
    assert _term_row(answer.text) == ["20 september 2027", "20 september 2026"]  # 36 months, then 24
    # what is coming names the person's own end of term under each
    assert '<li data-regel="eindeTermijn" data-soort="datum"><time datetime="2027-09-20">' in answer.text


def test_an_uploaded_scenario_file_is_checked_and_linked(client: TestClient) -> None:
    good = _yaml(SHORTER)
    page = client.post(
        "/persoon", data={**PERSON, "scenario": ["wi2021"]}, files={"eigenScenarioBestand": ("korter.yaml", good)}
    )
    assert page.status_code == 200
    assert _term_row(page.text) == ["20 september 2027", "20 september 2026"]  # just uploaded: ticked and shown
    bad = client.post(
        "/persoon",
        data=PERSON,
        files={"eigenScenarioBestand": ("x.yaml", _yaml({**SHORTER, "base": "bestaat-niet"}))},
    )
    assert bad.status_code == 400
    link = re.search(r'<li><a href="#eigenScenarioBestand">(Eigen scenario[^<]*)</a></li>', bad.text)
    assert link and "bestaat-niet" in link.group(1)
    assert 'name="eigenScenario"' not in bad.text  # a scenario that does not load is not carried on
    binary = client.post("/persoon", data=PERSON, files={"eigenScenarioBestand": ("x.yaml", b"\xff\xfe\x00")})
    assert binary.status_code == 400 and "geen UTF-8-tekst" in binary.text
    big = client.post("/persoon", data=PERSON, files={"eigenScenarioBestand": ("x.yaml", "é" * 60_000)})
    assert big.status_code == 400 and "groter dan 100.000 bytes" in big.text  # not "not UTF-8": the size first
    evil = _yaml({**SHORTER, "sources": [{"bron": "aanname", "toelichting": "t", "url": "javascript:alert(1)"}]})
    refused = client.post("/persoon", data=PERSON, files={"eigenScenarioBestand": ("x.yaml", evil)})
    assert refused.status_code == 400 and 'href="javascript:' not in refused.text


def test_a_built_scenario_is_compared_and_the_stored_run_shows_it(client: TestClient, tmp_path: Path) -> None:
    use = _hidden(_built(client), "/vergelijken")
    loaded = client.post("/vergelijken", data=use)
    assert loaded.status_code == 200
    assert re.search(r'<select id="scenario1" name="scenario1">.*?<option value="korter" selected>', loaded.text, re.S)
    start = client.post(
        "/vergelijken",
        data={
            "scenario0": "wi2021",
            "scenario1": "korter",
            "trekkingen": "1",
            "schaal": "0.02",
            "eigenScenario": use["eigenScenario"],
        },
        follow_redirects=False,
    )
    assert start.status_code == 303, start.text[:800]
    page = start.headers["location"].split("?")[0]
    for _ in range(600):
        html = client.get(page).text
        if "tabellen.xlsx" in html:
            break
        time.sleep(0.1)
    assert "termijn.duur" in html and "korter" in html  # the scenario section, rebuilt from the store
    report = client.get(page + "/rapport-nl.html")
    assert report.status_code == 200 and "termijn.duur" in report.text
    # a new server with the same store reads the run and its scenario without the file
    again = TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")
    assert "termijn.duur" in again.get(page).text


def test_two_users_scenarios_with_one_id_and_the_same_values_are_two_runs() -> None:
    """The run store shows a stored scenario's text: another text (title, sources) is another run."""
    from inburgering.compare.request import CompareRequest
    from inburgering.law.scenario import load_scenario_text

    mine = load_scenario_text(_yaml(SHORTER))
    theirs = load_scenario_text(_yaml({**SHORTER, "title": {"nl": "Iets anders", "en": "Something else"}}))
    assert mine.changes == theirs.changes
    ask = {"scenarios": ("wi2021", "korter"), "draws": 1, "scale": 0.02}
    assert CompareRequest(**ask, extra={"korter": mine}).key() != CompareRequest(**ask, extra={"korter": theirs}).key()
    assert CompareRequest(**ask, extra={"korter": mine}).key() == CompareRequest(**ask, extra={"korter": mine}).key()


def test_the_api_takes_own_scenarios(client: TestClient) -> None:
    person = {"id": "p", **{k: v for k, v in PERSON.items() if k != "peildatum"}}
    body = {
        "peildatum": "2026-11-28",
        "scenarios": ["wi2021", "korter"],
        "eigenScenarios": [SHORTER],
        "personen": [person],
    }
    answer = client.post("/v1/berekeningen", json=body)
    assert answer.status_code == 200, answer.text
    ends = {r["scenario"]: r["eindeTermijn"] for r in answer.json()["resultaten"]}
    assert ends == {"wi2021": "2027-09-20", "korter": "2026-09-20"}
    stacked = client.post("/v1/berekeningen", json={**body, "scenarios": ["coalitie-2026+korter"]})
    assert stacked.status_code == 200 and stacked.json()["resultaten"][0]["eindeTermijn"] == "2026-09-20"
    wrong = client.post("/v1/berekeningen", json={**body, "eigenScenarios": [{**SHORTER, "id": "wi2021"}]})
    assert wrong.status_code == 400
    assert any(f["veld"] == "eigenScenarios[0]" and "meegeleverd" in f["melding"] for f in wrong.json()["fouten"])
    huge = {**SHORTER, "description": "x" * 100_001}
    too_big = client.post("/v1/berekeningen", json={**body, "eigenScenarios": [huge]})
    assert too_big.status_code == 400 and "ten hoogste 100.000 bytes" in too_big.text
    # keys that look like dates, a date that does not exist, mixed with text keys: refused by name, never a 500
    # (the schema fuzzer found both: "year 0 is out of range", and sorting a date key among text keys)
    for odd in ({**SHORTER, "2026-01-01": 1, "x": 2}, {**SHORTER, "0000-01-01": 1}):
        refused = client.post("/v1/berekeningen", json={**body, "eigenScenarios": [odd]})
        assert refused.status_code == 400, refused.text
    unknown = client.post("/v1/berekeningen", json={k: v for k, v in body.items() if k != "eigenScenarios"})
    assert unknown.status_code == 400  # without the document, its id is unknown
    run = client.post(
        "/v1/simulaties",
        json={"scenarios": ["wi2021", "korter"], "trekkingen": 1, "schaal": 0.02, "eigenScenarios": [SHORTER]},
    )
    assert run.status_code == 202, run.text
    plain = client.post("/v1/simulaties", json={"scenarios": ["wi2021", "korter"], "trekkingen": 1, "schaal": 0.02})
    assert plain.status_code == 400
