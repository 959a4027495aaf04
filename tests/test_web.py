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

PAGES = [
    "/",
    "/persoon",
    "/scenario",
    "/vergelijken",
    "/caseload",
    "/?taal=en",
    "/scenario?taal=en",
    "/caseload?taal=en",
]


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(store_root=tmp_path, scheduler="sync"), base_url="http://localhost")


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
    # the Dutch page says what is allowed in Dutch, the English page in English
    assert any("bestaande datum" in p for p in problems) and any("landcode" in p for p in problems)
    assert not any("allowed" in p or "existing date" in p for p in problems)
    english = client.post("/persoon?taal=en", data={"geboortedatum": "1991-02-30", "nationaliteit": "XX"})
    assert "an existing date" in english.text and "bestaande datum" not in english.text


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
    assert "beleid.taalmaatjes" in html  # the scenarios' own changes are on the page
    csv = client.get(page + "/tabellen/kernindicatoren.csv")
    assert csv.status_code == 200 and csv.text.startswith("scenario,")
    dutch = client.get(page + "/tabellen/kernindicatoren.csv?dialect=nl")  # what the Dutch page links to
    assert dutch.content.startswith(b"\xef\xbb\xbfscenario;") and "kernindicatoren.csv?dialect=nl" in html
    assert re.search(r";\d+,\d+", dutch.content.decode("utf-8-sig"))  # a decimal comma
    book = openpyxl.load_workbook(io.BytesIO(client.get(page + "/tabellen.xlsx").content))
    assert "kernindicatoren" in book.sheetnames and book.sheetnames[0] == "toelichting"
    assert client.get(page + "/tabellen/bestaat-niet.csv").status_code == 404
    assert client.post("/vergelijken", data={"scenario0": "nope", "trekkingen": "0"}).status_code == 400
    # issue #19: the whole report to download, and the run listed on the form among earlier ones
    report = client.get(page + "/rapport-nl.html")
    assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]
    assert report.text.startswith("<!DOCTYPE html>") and "vwn-2026" in report.text
    assert client.get(page + "/rapport-de.html").status_code == 404
    form = client.get("/vergelijken").text
    key = page.rsplit("/", 1)[1]
    assert f'href="/vergelijken/{key}?taal=nl"' in form and "Eerdere vergelijkingen" in form
    assert 'id="schatting"' in form and 'data-seconds-per-unit="' in form


@pytest.fixture(scope="module")
def caseload_csv() -> tuple[bytes, list[str]]:
    """A small example caseload (synthetic persons) as a Dutch CSV, and its case numbers."""
    import csv
    import datetime as dt

    from inburgering.caseload.columns import COLUMNS
    from inburgering.caseload.example import example_rows

    rows = example_rows(dt.date(2026, 11, 30), scale=0.002, seed=5)[:40]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c.name for c in COLUMNS], delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig"), [r["id"] for r in rows]


def test_an_uploaded_caseload_is_forecast_and_nothing_is_kept(
    client: TestClient, tmp_path: Path, caseload_csv: tuple[bytes, list[str]]
) -> None:
    data, ids = caseload_csv
    before = sorted(p.name for p in tmp_path.rglob("*"))
    form = {
        "peildatum": "2026-11-30",
        "scenario0": "wi2021",
        "scenario1": "coalitie-2026",
        "trekkingen": "1",
        "perpersoon": "ja",
    }
    response = client.post("/caseload", data=form, files={"bestand": ("c.csv", data, "text/csv")})
    assert response.status_code == 200, response.text[-2000:]
    html = response.text
    assert "wi2021:" in html and "coalitie-2026:" in html  # a headline per scenario
    links = dict(re.findall(r'<a href="(data:text/csv[^"]+)" download="([^"]+)"', html))
    names = set(links.values())
    assert {"samenvatting.csv", "kwartalen.csv", "kostenPerJaar.csv", "personen.csv"} <= names
    assert 'download="tabellen.xlsx"' in html
    import base64

    person_csv = next(
        base64.b64decode(h.split(",", 1)[1]).decode("utf-8-sig") for h, n in links.items() if n == "personen.csv"
    )
    header = person_csv.splitlines()[0].split(";")  # Dutch Excel's dialect
    assert "rij" in header and "id" not in header  # a one-off key: only the row in one's own file means anything
    assert not any(i in html for i in ids)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing stored


def test_an_upload_with_a_refused_column_and_a_bad_field_lists_both(client: TestClient) -> None:
    response = client.post(
        "/caseload", data={"trekkingen": "99"}, files={"bestand": ("c.csv", b"naam;id\nJan;1\n", "text/csv")}
    )
    assert response.status_code == 400
    assert "trekkingen" in response.text and "naam" in response.text
    assert "Jan" not in response.text


def test_an_upload_over_the_limit_is_refused_without_reading_it_all(client: TestClient) -> None:
    from inburgering.web.caseload import MAX_UPLOAD

    big = b"a" * (MAX_UPLOAD + 10)
    response = client.post("/caseload", files={"bestand": ("c.csv", big, "text/csv")})
    assert response.status_code == 400
    assert "bytes" in response.text


def test_the_person_page_is_one_table_with_a_column_per_scenario(client: TestClient) -> None:
    """Issue #19: the baseline first, whatever the checkbox order, and a row that differs is marked."""
    form = {
        "nationaliteit": "SY",
        "verblijfsdoel": "asiel",
        "geboortedatum": "1991-03-14",
        "datumVerblijfsrecht": "2025-06-01",
        "peildatum": "2027-06-01",
        "scenario": ["coalitie-2026", "wi2021"],
    }
    html = client.post("/persoon", data=form).text
    assert html.count("<table") == 1
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    assert head.index(">wi2021<") < head.index(">coalitie-2026<")
    rows = re.findall(r'<tr data-regel="(\w+)"( class="differs")?>(.*?)</tr>', html, re.S)
    assert len(rows) > 20
    for rule, marked, cells in rows:
        values = re.findall(r'<td class="value">(.*?)</td>', cells, re.S)
        assert len(values) == 2 and bool(marked) == (values[0] != values[1]), rule
    assert any(marked for _, marked, _ in rows)  # the coalition changes something for this person


def test_the_caseload_page_offers_the_template_and_an_example(client: TestClient) -> None:
    """Issue #19: a municipal team starts from the page, not from the command line."""
    page = client.get("/caseload").text
    for link in ("/caseload/sjabloon.xlsx", "/caseload/sjabloon.csv", "/caseload/voorbeeld.csv"):
        assert f'href="{link}"' in page
    book = openpyxl.load_workbook(io.BytesIO(client.get("/caseload/sjabloon.xlsx").content))
    assert book.sheetnames == ["caseload", "toelichting"]
    example = client.get("/caseload/voorbeeld.csv")
    assert example.status_code == 200 and example.content.startswith(b"\xef\xbb\xbfid;")
    again = client.post(  # the example is a file the page itself accepts
        "/caseload", data={"trekkingen": "1", "scenario0": "wi2021"}, files={"bestand": ("v.csv", example.content)}
    )
    assert again.status_code == 200, again.text[-1000:]
    assert client.get("/caseload/sjabloon.pdf").status_code == 404
