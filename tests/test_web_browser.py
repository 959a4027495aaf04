"""The web page in a real browser: Debian's Chromium driven by Playwright, checked with axe-core.

``make browser`` (called by ``make test``) installs Chromium with apt-get where it is missing.
With ``SCREENSHOTS=1`` the tests also write a screenshot of each page to docs/screenshots/
(``make screenshots``).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import playwright.sync_api as playwright_api
import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe

from inburgering.api.app import create_app

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(store_root=tmp_path_factory.mktemp("store"), scheduler="sync")
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    assert Path(CHROMIUM).is_file(), "Chromium is missing: run 'make browser' (make test does)"
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        yield context.new_page()
        browser.close()


def _shot(page: object, name: str, at: str = "") -> None:
    """docs/screenshots/NAME.png with ``make screenshots``; ``at`` scrolls that element to the top first."""
    if os.environ.get("SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        if at:
            page.eval_on_selector(at, "e => e.scrollIntoView()")  # type: ignore[attr-defined]
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def _no_violations(page: object) -> None:
    results = Axe().run(page)
    violations = results.response["violations"]
    assert not violations, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.parametrize(
    "path", ["/", "/persoon", "/scenario", "/vergelijken", "/caseload", "/?taal=en", "/persoon?taal=en"]
)
def test_every_page_has_no_accessibility_violations(page: object, server: str, path: str) -> None:
    page.goto(server + path)  # type: ignore[attr-defined]
    _no_violations(page)
    _fits_a_phone(page, path)


def test_the_page_works_by_keyboard(page: object, server: str) -> None:
    page.goto(server + "/persoon")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.className") == "skip-link"  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    # after the skip link, focus lands inside the main content, not in the menu
    assert page.evaluate("document.activeElement.closest('main') !== null")  # type: ignore[attr-defined]


def test_the_person_form_gives_the_end_of_the_term(page: object, server: str) -> None:
    page.goto(server + "/persoon?taal=en")  # type: ignore[attr-defined]
    page.select_option("#nationaliteit", label="Syria")  # type: ignore[attr-defined]
    page.select_option("#verblijfsdoel", label="Asylum (asylum seeker or status holder)")  # type: ignore[attr-defined]
    for field, value in {
        "geboortedatum": "1991-03-14",
        "datumVerblijfsrecht": "2023-10-02",
        "datumKennisgeving": "2023-11-20",
        "datumInschrijvingBrp": "2024-07-15",
        "datumPip": "2024-09-20",
        "peildatum": "2026-11-28",
    }.items():
        page.fill(f"#{field}", value)  # type: ignore[attr-defined]
    page.check("#sc-coalitie-2026")  # type: ignore[attr-defined]  # a second scenario: a column beside the first
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    cell = page.locator('tr[data-regel="eindeTermijn"] td.value').first  # type: ignore[attr-defined]
    assert cell.inner_text() == "20 September 2027"
    assert page.locator('tr[data-regel="eindeTermijn"] td.value').count() == 2  # type: ignore[attr-defined]
    assert page.locator('tr[data-regel="eindeTermijn"] a[href*="wetten.overheid.nl"]').count() > 0  # type: ignore[attr-defined]
    # what is coming: the end of the term is one of this person's own dates ahead
    own = page.locator('#tijdlijn ~ section li[data-regel="eindeTermijn"] time').first  # type: ignore[attr-defined]
    assert own.get_attribute("datetime") == "2027-09-20" and own.inner_text() == "20 September 2027"
    _no_violations(page)
    _shot(page, "persoon", at="#uitkomst")
    _shot(page, "persoon-tijdlijn", at="#tijdlijn")
    _fits_a_phone(page, "the person page with two scenarios")


def test_the_person_form_leads_to_each_problem(page: object, server: str) -> None:
    """The NL Design System error summary: focus on it, a link per problem that takes focus to its field."""
    page.goto(server + "/persoon")  # type: ignore[attr-defined]
    page.fill("#geboortedatum", "1990-01-01")  # type: ignore[attr-defined]
    page.fill("#datumVerblijfsrecht", "2024-05-01")  # type: ignore[attr-defined]
    page.fill("#datumPip", "2024-03-01")  # type: ignore[attr-defined]  # a PIP before the permit
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    for _ in range(50):  # autofocus acts at the next frame (no wait_for_function: the page's CSP forbids eval)
        if page.evaluate("document.activeElement.id") == "foutmeldingen":  # type: ignore[attr-defined]
            break
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.id") == "foutmeldingen"  # type: ignore[attr-defined]
    links = page.locator("#foutmeldingen a")  # type: ignore[attr-defined]
    texts = links.all_inner_texts()
    assert any(t.startswith("Nationaliteit:") for t in texts)
    assert any(t.startswith("Datum eerste PIP (persoonlijk plan):") and "1 mei 2024" in t for t in texts)
    page.locator("#foutmeldingen a[href='#datumPip']").click()  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.id") == "datumPip"  # type: ignore[attr-defined]
    assert page.get_attribute("#datumPip", "aria-invalid") == "true"  # type: ignore[attr-defined]
    _no_violations(page)
    _shot(page, "persoon-fouten")
    _fits_a_phone(page, "the person page with its problems")


def test_a_built_scenario_is_validated(page: object, server: str) -> None:
    page.goto(server + "/scenario")  # type: ignore[attr-defined]
    page.fill("#id", "minder-uren")  # type: ignore[attr-defined]
    page.fill("#titel", "Geen urengrens")  # type: ignore[attr-defined]
    page.fill("#toelichting", "Voorstel uit de brief van VluchtelingenWerk")  # type: ignore[attr-defined]
    page.select_option('[name="p.afschaling.urenvereiste"]', "nee")  # type: ignore[attr-defined]
    page.click('button[value="controleer"]')  # type: ignore[attr-defined]
    assert "Het scenario is geldig" in page.locator("[role=status]").inner_text()  # type: ignore[attr-defined]
    _shot(page, "scenario")
    page.fill("#toelichting", "")  # type: ignore[attr-defined]
    page.click('button[value="controleer"]')  # type: ignore[attr-defined]
    assert "verplicht" in page.locator("[role=alert]").inner_text()  # type: ignore[attr-defined]
    page.fill("#toelichting", "Voorstel uit de brief van VluchtelingenWerk")  # type: ignore[attr-defined]
    page.click('button[value="controleer"]')  # type: ignore[attr-defined]
    page.click("text=Gebruik voor één persoon")  # type: ignore[attr-defined]  # used at once, no file in between
    assert page.is_checked("#sc-minder-uren")  # type: ignore[attr-defined]
    _no_violations(page)


def test_a_small_comparison_shows_its_chart_and_table(page: object, server: str) -> None:
    page.goto(server + "/vergelijken?taal=en")  # type: ignore[attr-defined]
    page.select_option("#scenario1", "vwn-2026")  # type: ignore[attr-defined]
    page.select_option("#scenario2", "")  # type: ignore[attr-defined]
    page.fill("#trekkingen", "1")  # type: ignore[attr-defined]
    page.fill("#schaal", "0.02")  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector(".chart .main-svg", timeout=120_000)  # type: ignore[attr-defined]
    assert page.locator("table").count() >= 1  # type: ignore[attr-defined]
    assert page.locator("figcaption").count() == page.locator(".chart").count() >= 3  # type: ignore[attr-defined]
    assert page.locator('a[href$="tabellen.xlsx"]').count() == 1  # type: ignore[attr-defined]
    _no_violations(page)
    _shot(page, "vergelijken")
    _fits_a_phone(page, "the comparison page")


def _fits_a_phone(page: object, what: str) -> None:
    """No sideways scroll at 390 px: wide tables scroll in their own region (WCAG 1.4.10 reflow)."""
    page.set_viewport_size({"width": 390, "height": 844})  # type: ignore[attr-defined]  # a phone
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # plotly redraws at the new width
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= 390, f"{what} scrolls sideways at 390 px ({width} px wide)"
    page.set_viewport_size({"width": 1200, "height": 900})  # type: ignore[attr-defined]


def test_an_uploaded_caseload_shows_its_forecast(page: object, server: str, tmp_path: Path) -> None:
    import datetime as dt

    from inburgering.caseload.example import write_example

    file = tmp_path / "caseload.csv"
    write_example(file, dt.date(2026, 11, 30), scale=0.002, seed=5)
    page.goto(server + "/caseload")  # type: ignore[attr-defined]
    page.set_input_files("#bestand", str(file))  # type: ignore[attr-defined]
    page.fill("#peildatum", "2026-11-30")  # type: ignore[attr-defined]
    page.fill("#trekkingen", "2")  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector(".chart .main-svg", timeout=120_000)  # type: ignore[attr-defined]
    assert page.locator("figcaption").count() == page.locator(".chart").count() == 3  # type: ignore[attr-defined]
    assert page.locator('a[download="kwartalen.csv"]').count() == 1  # type: ignore[attr-defined]
    _no_violations(page)
    _shot(page, "caseload")
    _fits_a_phone(page, "the caseload page")


def test_the_offline_report_has_no_accessibility_violations(page: object, tmp_path: Path) -> None:
    from inburgering.compare.report import write
    from inburgering.compare.request import CompareRequest
    from inburgering.compare.run import compare

    request = CompareRequest(draws=1, scale=0.02, last_inflow_year=2023, horizon="2029-12")
    result = compare(request, scheduler="sync", store_root=tmp_path / "store")
    report = write(result, tmp_path / "rapport-nl.html", "nl")
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())  # type: ignore[attr-defined]
    page.goto(report.as_uri())  # type: ignore[attr-defined]
    page.wait_for_selector(".main-svg", timeout=60_000)  # type: ignore[attr-defined]  # drawn offline
    _no_violations(page)
    page.set_viewport_size({"width": 390, "height": 844})  # type: ignore[attr-defined]  # a phone
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # plotly redraws at the new width
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= 390, f"the report scrolls sideways at 390 px ({width} px wide)"
    page.set_viewport_size({"width": 1200, "height": 900})  # type: ignore[attr-defined]
    page.unroute("**/*")  # type: ignore[attr-defined]


def test_the_offline_caseload_report_fits_a_phone(page: object, tmp_path: Path) -> None:
    """The second offline report (caseload forecast): no accessibility violations, no sideways scroll at 390 px."""
    import datetime as dt

    from inburgering.caseload.check import check_table
    from inburgering.caseload.columns import COLUMNS
    from inburgering.caseload.example import example_rows
    from inburgering.caseload.forecast import ForecastRequest, forecast
    from inburgering.caseload.output import write_forecast
    from inburgering.caseload.reader import Table
    from inburgering.caseload.tables import all_tables

    day = dt.date(2026, 11, 30)
    rows = example_rows(day, 0.002, 5)
    checked = check_table(Table([c.name for c in COLUMNS], [[r[c.name] for c in COLUMNS] for r in rows]), b"k" * 40)
    result = forecast(checked.rows, ForecastRequest(day, ("wi2021", "coalitie-2026"), draws=1, months=24))
    written = write_forecast(result, all_tables(result, False), tmp_path / "prognose", "nl", len(rows))
    report = next(p for p in written if p.suffix == ".html")
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())  # type: ignore[attr-defined]
    try:
        page.goto(report.as_uri())  # type: ignore[attr-defined]
        page.wait_for_selector(".main-svg", timeout=60_000)  # type: ignore[attr-defined]  # drawn offline
        _no_violations(page)
        _fits_a_phone(page, "the caseload report")
    finally:
        page.unroute("**/*")  # type: ignore[attr-defined]


def test_the_api_document_is_browsable_from_this_server(page: object, server: str) -> None:
    """Issue #19: Swagger UI at /v1/docs from the server itself, no CDN (other hosts are refused here)."""
    outside: list[str] = []

    def only_here(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(server):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", only_here)  # type: ignore[attr-defined]
    try:
        page.goto(server + "/v1/docs")  # type: ignore[attr-defined]
        page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)  # type: ignore[attr-defined]
        assert "inburgering API" in page.locator(".swagger-ui .info .title").inner_text()  # type: ignore[attr-defined]
        assert page.locator(".opblock").count() >= 5  # type: ignore[attr-defined]
    finally:
        page.unroute("**/*")  # type: ignore[attr-defined]
    assert outside == []


def test_the_comparison_form_estimates_its_run_time(page: object, server: str) -> None:
    """Issue #19: the time before starting, and the server's cap said before the form is sent."""
    page.goto(server + "/vergelijken?taal=en")  # type: ignore[attr-defined]
    estimate = page.locator("#schatting")  # type: ignore[attr-defined]
    assert "Run time: about" in estimate.inner_text()
    page.fill("#trekkingen", "200")  # type: ignore[attr-defined]
    page.fill("#schaal", "1")  # type: ignore[attr-defined]
    assert "Too much for this server" in estimate.inner_text()
    page.fill("#schaal", "0.01")  # type: ignore[attr-defined]
    assert "minutes" in estimate.inner_text()
    _no_violations(page)
