"""The web pages without a browser: security policy, no inline script, forms, downloads."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from inburgering.api.app import create_app

PAGES = ["/", "/persoon", "/scenario", "/vergelijken", "/?taal=en", "/scenario?taal=en"]


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(store_root=tmp_path, scheduler="sync"))


@pytest.mark.parametrize("path", PAGES)
def test_pages_forbid_inline_script_and_load_nothing_from_elsewhere(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src is not None and "unsafe-inline" not in script_src.group(1)
    html = response.text
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"(src|href)=\"https?://(?!wetten\.overheid\.nl)", html.split("</head>")[0])
    assert f'lang="{"en" if "taal=en" in path else "nl"}"' in html


def test_a_person_is_not_kept_and_never_in_a_url(client: TestClient, tmp_path: Path) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    form = {"nationaliteit": "SY", "verblijfsdoel": "asiel", "geboortedatum": "1991-03-14", "peildatum": "2026-11-28"}
    response = client.post("/persoon", data=form)
    assert response.status_code == 200 and 'data-regel="moetInburgeren"' in response.text
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert 'method="post"' in client.get("/persoon").text


def test_the_person_form_lists_every_problem(client: TestClient) -> None:
    response = client.post("/persoon", data={"geboortedatum": "1991-02-30", "nationaliteit": "XX"})
    assert response.status_code == 400
    problems = re.findall(r"<li>([^<]*)</li>", response.text.split('role="alert"')[1])
    assert len(problems) >= 2 and any("geboortedatum" in p for p in problems)


def test_a_finished_comparison_offers_csv_and_xlsx(client: TestClient) -> None:
    start = client.post(
        "/vergelijken",
        data={"scenario0": "wi2021", "scenario1": "vwn-2026", "trekkingen": "1", "schaal": "0.02"},
        follow_redirects=False,
    )
    assert start.status_code == 303
    page = start.headers["location"].split("?")[0]
    for _ in range(600):
        html = client.get(page).text
        if "tabellen.xlsx" in html:
            break
        time.sleep(0.1)
    assert 'class="chart-data"' in html and "<figcaption" in html
    csv = client.get(page + "/tabellen/kernindicatoren.csv")
    assert csv.status_code == 200 and csv.text.startswith("scenario,")
    book = openpyxl.load_workbook(io.BytesIO(client.get(page + "/tabellen.xlsx").content))
    assert "kernindicatoren" in book.sheetnames
    assert client.get(page + "/tabellen/bestaat-niet.csv").status_code == 404
    assert client.post("/vergelijken", data={"scenario0": "nope", "trekkingen": "0"}).status_code == 400
