"""The web pages without a browser: security policy, no inline script, forms, downloads."""

from __future__ import annotations

import html
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


def _summary(html: str) -> list[tuple[str, str]]:
    """The error summary's (link target, text) pairs."""
    box = html.split('id="foutmeldingen"')[1].split("</div>")[0]
    return re.findall(r'<li><a href="#([^"]+)">([^<]*)</a></li>', box)


WRONG = {
    "geboortedatum": "1991-02-30",
    "nationaliteit": "XX",
    "verblijfsdoel": "asiel",
    "datumVerblijfsrecht": "2024-05-01",
    "datumPip": "2024-03-01",  # a PIP before the permit
    "examens-1-datum": "2024-06-01",  # the second exam row half filled in
    **{f"ontheffingOnderdelen-{part}": "ja" for part in ("lezen", "luisteren", "schrijven", "spreken")},
}


def test_the_person_form_lists_every_problem_with_a_link_to_its_field(client: TestClient) -> None:
    response = client.post("/persoon", data=WRONG)
    assert response.status_code == 400
    html = response.text
    assert 'id="foutmeldingen" tabindex="-1" autofocus' in html  # focus moves to the summary
    problems = dict(_summary(html))
    assert set(problems) >= {
        "geboortedatum",
        "nationaliteit",
        "datumPip",
        "examens-1-onderdeel",
        "examens-1-niveau",
        "examens-1-geslaagd",
        "ontheffingOnderdelen-lezen",
    }
    assert "examens-1-datum" not in problems and not any(k.startswith("examens-0") for k in problems)
    # visible labels and Dutch words, never the parser's codes or English
    assert problems["geboortedatum"] == "Geboortedatum: toegestaan is een bestaande datum, geschreven als JJJJ-MM-DD"
    assert problems["datumPip"].startswith("Datum eerste PIP (persoonlijk plan): toegestaan is een datum op of na")
    assert "‘Datum van het besluit tot verlening van de verblijfsvergunning’ (1 mei 2024)" in problems["datumPip"]
    assert problems["examens-1-onderdeel"].startswith("Examen 2: onderdeel: vul dit in")
    assert not any(re.search(r"datum[A-Z]|allowed|existing", text) for text in problems.values())
    for fid in problems:  # each linked field exists, says it is invalid and points at its message
        tag = re.search(rf'<(?:input|select) id="{re.escape(fid)}"[^>]*>', html)
        assert (
            tag
            and 'aria-invalid="true"' in tag.group(0)
            and f"{fid.split('-')[0] if 'Onderdelen' in fid else fid}-fout" in tag.group(0)
        )
    # what was typed stays in the form
    assert (
        'value="2024-06-01"' in html
        and 'id="ontheffingOnderdelen-lezen" type="checkbox" name="ontheffingOnderdelen-lezen" value="ja" checked'
        in html
    )
    english = dict(_summary(client.post("/persoon?taal=en", data=WRONG).text))
    assert english["geboortedatum"] == "Date of birth: allowed: an existing date written YYYY-MM-DD"
    assert "‘Date of the decision granting the residence permit’ (1 May 2024)" in english["datumPip"]


def test_the_person_form_takes_every_input_of_the_api(client: TestClient) -> None:
    """Each key of the API's person object has a field; codes show as words; countries by name."""
    from inburgering.rules.person import ALL_FIELDS

    html = client.get("/persoon").text
    for key in set(ALL_FIELDS) - {"id", "examens", "verblijfsvergunningen", *PART_KEYS}:
        assert f'id="{key}"' in html, key
    for key in PART_KEYS:
        assert f'id="{key}-lezen"' in html
    assert 'id="examens-4-geslaagd"' in html and 'id="verblijfsvergunningen-2-einde"' in html
    assert '<option value="gezin">Gezinsmigratie' in html and '<option value="SY">Syrië</option>' in html
    assert '<option value="z">Z-route' in html and ">asiel<" not in html and ">b1<" not in html
    assert '<option value="SY">Syria</option>' in client.get("/persoon?taal=en").text


PART_KEYS = ("ontheffingOnderdelen", "afgeschaaldeOnderdelen")


def test_the_person_form_answers_with_lists_and_dutch_dates(client: TestClient) -> None:
    """Exams, permits and parts reach the rulebook; dates read as Dutch people write them."""
    data = {
        "geboortedatum": "1990-01-01",
        "nationaliteit": "ER",
        "verblijfsdoel": "asiel",
        "datumAsielaanvraag": "2022-01-01",
        "datumVerblijfsrecht": "2022-06-01",
        "datumKennisgeving": "2022-07-01",
        "datumInschrijvingBrp": "2022-07-15",
        "datumPip": "2022-10-01",
        "leerroute": "b1",
        "verlengingMaanden": "6",
        "datumPvtAfgerond": "2023-01-01",
        "datumMapAfgerond": "2023-02-01",
        "verblijfsvergunningen-0-soort": "asiel-bepaald",
        "verblijfsvergunningen-0-begin": "2022-06-01",
        "verblijfsvergunningen-0-einde": "2027-05-31",
        **{
            f"examens-{i}-{k}": v
            for i, part in enumerate(("lezen", "luisteren", "schrijven", "spreken", "knm"))
            for k, v in (("onderdeel", part), ("niveau", "B1"), ("datum", "2024-03-01"), ("geslaagd", "ja"))
        },
        "peildatum": "2026-12-06",
        "scenario": ["wi2021", "coalitie-2026"],
    }
    response = client.post("/persoon", data=data)
    assert response.status_code == 200, _summary(response.text)
    html = response.text
    row = re.search(r'<tr data-regel="plichtVoldaanOp".*?</tr>', html, re.S).group(0)
    assert re.findall(r'<td class="value">([^<]*)</td>', row) == ["1 maart 2024", "1 maart 2024"]
    assert "Peildatum 6 december 2026" in html
    timeline = html.split('id="tijdlijn"')[1]
    assert '<section class="timeline" aria-labelledby="tijdlijn-coalitie-2026">' in timeline
    law = re.search(
        r'<li data-regel="naturalisatieOntbreekt" data-soort="wet"><time datetime="2027-01-01">1 januari 2027</time>.*?</li>\s*</ul>',
        timeline,
        re.S,
    )
    assert law and "de verblijfsjaren" in law.group(0) and "5 → 6" in law.group(0)


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

    # the workbook says what it covers, as the command line's does (a robustness test found it bare)
    xlsx = re.search(r'<a href="data:[^;"]+spreadsheetml.sheet;base64,([^"]+)" download="tabellen.xlsx"', html)
    sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(xlsx.group(1))))["toelichting"]
    said = {row[1]: row[2] for row in sheet.iter_rows(values_only=True)}
    assert said["peildatum"] == "2026-11-30" and said["scenarios"] == "wi2021, coalitie-2026"
    assert said["horizon"].startswith("60 maanden")

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


@pytest.mark.parametrize(
    ("query", "said", "not_said"),
    [
        (
            "",
            ("rij 2, kolom", "is niet toegestaan", "een datum die bestaat", "bevat namen", "elk zaaknummer één keer"),
            ("row 2", "allowed"),
        ),
        (
            "?taal=en",
            ("row 2, column", "is not allowed", "a date that exists", "holds name", "each case number once"),
            ("rij 2", "toegestaan"),
        ),
    ],
)
def test_the_files_problems_are_said_in_the_pages_language(
    client: TestClient,
    caseload_csv: tuple[bytes, list[str]],
    query: str,
    said: tuple[str, ...],
    not_said: tuple[str, ...],
) -> None:
    """Issue #19: a municipal team's Dutch page lists the file's problems in Dutch, the English page in English."""
    refused = client.post("/caseload" + query, files={"bestand": ("c.csv", b"naam;id\nJan;1\n", "text/csv")}).text
    data, ids = caseload_csv
    lines = data.decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    first = lines[1].split(";")
    first[header.index("geboortedatum")] = "31-02-1990"  # no such day
    second = lines[2].replace(ids[1], ids[0], 1)  # the first row's case number again
    bad = "\n".join([lines[0], ";".join(first), second]).encode()
    problems = client.post("/caseload" + query, files={"bestand": ("c.csv", bad, "text/csv")}).text
    text = html.unescape(refused + problems)
    for words in said:
        assert words in text, words
    for words in not_said:
        assert words not in text, words
    assert "Jan" not in text


def test_an_upload_over_the_limit_is_refused_without_reading_it_all(client: TestClient) -> None:
    from inburgering.web.caseload import MAX_UPLOAD

    big = b"a" * (MAX_UPLOAD + 10)
    response = client.post("/caseload", files={"bestand": ("c.csv", big, "text/csv")})
    assert response.status_code == 400
    assert "bytes" in response.text


def test_a_browser_upload_over_the_body_limit_gets_the_pages_error_summary(client: TestClient) -> None:
    """A robustness test: a 21 MB file got the API's raw problem+json; a browser asks for HTML."""
    from inburgering.api.limits import limit_for

    response = client.post(
        "/caseload?taal=en",
        content=b"x" * 10,
        headers={
            "accept": "text/html,application/xhtml+xml",
            "content-type": "multipart/form-data; boundary=b",
            "content-length": str(limit_for("/caseload") + 1),
        },
    )
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    assert "larger than" in response.text and "error-summary" in response.text
    api = client.post(
        "/caseload",
        content=b"x" * 10,
        headers={"content-type": "multipart/form-data; boundary=b", "content-length": str(limit_for("/caseload") + 1)},
    )
    assert api.status_code == 413 and api.headers["content-type"].startswith("application/problem+json")


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
