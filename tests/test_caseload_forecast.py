"""The caseload forecast: the file's state carried forward, checked against the simulation itself.

The example caseload is the synthetic population run up to a date; forecasting it must give
what simply running the simulation on gives (within sampling noise), whatever the row order,
and the same tables every time. Outputs hold no raw id and no key, nothing person-level
unless asked, no count under 10, and nothing at all when the run fails.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import html
import io
import random
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from inburgering.caseload import output, tables
from inburgering.caseload.check import check_table
from inburgering.caseload.columns import COLUMNS
from inburgering.caseload.donors import match, reference
from inburgering.caseload.example import caseload_of, example_rows
from inburgering.caseload.forecast import ForecastRequest, forecast
from inburgering.caseload.parsed import FileColumns
from inburgering.caseload.privacy import pseudonym
from inburgering.caseload.reader import Table
from inburgering.caseload.start import build, order
from inburgering.cli import app
from inburgering.compare.request import RequestError
from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.costs import cost_rows
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.population import PopulationConfig, generate_population
from inburgering.sim.state import (
    COA_VERGUNNING,
    GEMEENTE,
    NIET_PLICHTIG,
    ONTHEVEN,
    OVERSCHREDEN,
    TERMIJN,
    TRAJECT_VERTROKKEN,
    VOLDAAN_IN_TERMIJN,
    VOLDAAN_MET_VERLENGING,
    VOLDAAN_NA_TERMIJN,
    WACHT_INTAKE,
    State,
)

KEY = "k" * 40
PEIL = dt.date(2026, 11, 30)
runner = CliRunner(env={"INBURGERING_SLEUTEL": KEY})


def checked(rows: list[dict[str, str]]) -> list[dict]:
    table = Table([c.name for c in COLUMNS], [[r[c.name] for c in COLUMNS] for r in rows])
    result = check_table(table, KEY.encode())
    assert not result.problems, result.problems[:3]
    return result.rows


@pytest.fixture(scope="module")
def example() -> list[dict[str, str]]:
    return example_rows(PEIL, scale=0.005, seed=11)


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c.name for c in COLUMNS], delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return path


def test_the_forecast_reproduces_running_the_simulation_on() -> None:
    """Persons in the obligation on a date, forecast from the file, end like the simulation continued."""
    b, scenario = load_behaviour(), resolve("wi2021")
    pop = generate_population(b, PopulationConfig(schaal=0.02, seed=8, laatste_instroomjaar=2026))
    first = simulate_population(pop, scenario, b, SimConfig(eind="2026-11", seed=8))
    rows = caseload_of(first)
    present = (first.state.verblijf == GEMEENTE) | (first.state.verblijf == COA_VERGUNNING)
    who = np.flatnonzero(present & (first.state.traject >= WACHT_INTAKE) & (first.state.traject <= OVERSCHREDEN))
    who = who[pop["groep"][who] != 4]
    state = copy.deepcopy(first.state)
    truth = simulate_population(state.pop, scenario, b, SimConfig(begin="2026-12", eind="2031-11", seed=8), state=state)
    final = truth.state.traject[who]
    f = forecast(checked(rows), ForecastRequest(PEIL, ("wi2021",), draws=4, months=60, uncertainty=False), b)
    runs = np.stack([f.runs[("wi2021", d)].traject for d in range(4)])
    for outcome in (VOLDAAN_IN_TERMIJN, VOLDAAN_MET_VERLENGING, VOLDAAN_NA_TERMIJN, ONTHEVEN, TRAJECT_VERTROKKEN):
        assert abs((runs == outcome).mean() - (final == outcome).mean()) < 0.04, outcome


def test_the_same_file_gives_the_same_forecast_whatever_the_key(example: list[dict[str, str]]) -> None:
    """Every web upload draws a new key: the numbers must not move with it (issue #19)."""
    table = Table([c.name for c in COLUMNS], [[r[c.name] for c in COLUMNS] for r in example[:150]])
    request = ForecastRequest(PEIL, ("wi2021", "coalitie-2026"), draws=2, months=24)
    results = []
    for key in (b"a" * 40, b"b" * 40):
        rows = check_table(table, key).rows
        f = forecast(rows, request)
        raw = {pseudonym(key, r["id"]): r["id"] for r in example[:150]}
        person = tables.persons(f)
        person["id"] = person["id"].map(raw)  # the same person under either key
        results.append(
            (tables.summary(f), tables.quarters(f), person.sort_values(["scenario", "id"], ignore_index=True))
        )
    for one, other in zip(*results, strict=True):
        pd.testing.assert_frame_equal(one, other)


def test_row_order_does_not_change_a_persons_forecast(example: list[dict[str, str]]) -> None:
    rows = checked(example[:150])
    shuffled = rows[:]
    random.Random(3).shuffle(shuffled)
    request = ForecastRequest(PEIL, ("wi2021", "coalitie-2026"), draws=2, months=24)
    a = tables.persons(forecast(rows, request)).sort_values(["scenario", "id"], ignore_index=True)
    b = tables.persons(forecast(shuffled, request)).sort_values(["scenario", "id"], ignore_index=True)
    pd.testing.assert_frame_equal(a, b)


def test_other_rows_do_not_change_a_persons_forecast(example: list[dict[str, str]]) -> None:
    """Adding rows to a file leaves the forecast of the persons already in it as it was.

    A robustness test found one person's outcome shifting when rows were added: the draws
    followed the row's place in the sorted file. They now follow what the row says.
    """
    small, large = checked(example[:120]), checked(example[:200])
    request = ForecastRequest(PEIL, ("wi2021", "coalitie-2026"), draws=2, months=24)
    a = tables.persons(forecast(small, request))
    b = tables.persons(forecast(large, request))
    b = b[b["id"].isin(set(a["id"]))]
    assert len(b) == len(a)
    key = ["scenario", "id"]
    pd.testing.assert_frame_equal(a.sort_values(key, ignore_index=True), b.sort_values(key, ignore_index=True))


def test_the_same_request_gives_the_same_tables(example: list[dict[str, str]]) -> None:
    rows = checked(example[:120])
    request = ForecastRequest(PEIL, ("wi2021", "coalitie-2026+vwn-2026"), draws=2, months=36, seed=5)
    one, two = tables.all_tables(forecast(rows, request), True), tables.all_tables(forecast(rows, request), True)
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name])


def _row(**cells: str) -> dict[str, str]:
    base = {c.name: "" for c in COLUMNS}
    base.update(id="X-1", geboortedatum="01-01-1990", nationaliteit="SY", verblijfsdoel="asiel")
    base.update(datumVerblijfsrecht="01-02-2024", datumKennisgeving="01-03-2024", datumInschrijvingBrp="01-06-2024")
    base.update(cells)
    return base


def _start(rows: list[dict[str, str]]) -> tuple[State, list[dict]]:
    b = load_behaviour()
    ref = reference(b, PEIL, 0.01, 4)
    typed = order(checked(rows))
    return build(FileColumns(typed), PEIL, resolve("wi2021"), b, ref, 4).state, typed


def test_the_start_follows_the_file() -> None:
    rows = [
        _row(id="A", datumPip="01-09-2024", leerroute="b1", eindeTermijn="01-09-2026", lesurenNt2="700"),
        _row(id="B", vrijgesteld="ja"),
        _row(id="C", datumPip="01-09-2024", leerroute="z", ontheffing="ja"),
        _row(
            id="D", datumPip="01-09-2024", leerroute="b1", eindeTermijn="31-12-2028", maatschappelijkeBegeleiding="nee"
        ),
        _row(id="E", datumInschrijvingBrp=""),
        _row(id="F", datumPip="01-09-2024", leerroute="b1", niveauLezen="B1", datumAfschaling="01-10-2026"),
    ]
    state, typed = _start(rows)
    at = {pseudonym(KEY.encode(), r["id"]): i for i, r in enumerate(rows)}
    row_of = {at[r["id"]]: i for i, r in enumerate(typed)}
    a, b_, c, d, e, f = (row_of[k] for k in range(6))
    assert state.traject[a] == OVERSCHREDEN  # the term ran out before the file's date
    assert state.traject[b_] == NIET_PLICHTIG and state.traject[c] == ONTHEVEN
    # neither exempt nor released is obliged, so neither has MB (art. 13.1; a review found both costed)
    assert not state.mb[b_] and not state.mb[c]
    assert state.dates["eindeTermijn"][d] == np.datetime64("2028-12-31")  # DUO's date wins over the rulebook's
    assert not state.mb[d]
    assert state.verblijf[e] == COA_VERGUNNING and state.traject[e] == WACHT_INTAKE
    assert np.isnat(state.dates["deadlinePip"][e])  # a status holder not yet registered: not yet known (B 5.3 lid 1)
    assert state.doel_a2[f] and state.niveau[f, 0] == 3 and state.taal[f] >= 3 - 0.5
    assert abs(state.uren[a] - 700) < 1e-3


def test_past_one_off_costs_are_not_booked_in_the_forecast() -> None:
    rows = [_row(id=f"M{i}", datumPip="01-09-2024", leerroute="b1", datumMapAfgerond="01-05-2025") for i in range(12)]
    state, _ = _start(rows)
    b = load_behaviour()
    result = simulate_population(
        state.pop, resolve("wi2021"), b, SimConfig(begin="2026-12", eind="2027-12", seed=4), state=state
    )
    assert not (cost_rows(result)["indicator"] == "kosten.gemeente.map").any()


def test_no_one_emigrates_before_the_file_says_they_are_here() -> None:
    rows = [_row(id=f"E{i}", datumVerblijfsrecht="01-02-2022") for i in range(200)]
    state, _ = _start(rows)
    result = simulate_population(
        state.pop, resolve("wi2021"), load_behaviour(), SimConfig(begin="2026-12", eind="2031-11", seed=4), state=state
    )
    left = result.state.dates["datumVertrek"]
    assert (left[~np.isnat(left)] >= np.datetime64("2026-12-01")).all()
    assert 0 < (~np.isnat(left)).sum() < 200  # the hazard runs from the file's date, not from the old permit


def test_donor_matching_drops_the_least_important_key_first() -> None:
    mine = np.array([[0, 0, 1], [1, 2, 5]])
    pool = np.array([[0, 0, 1, 1], [1, 7, 6, 6]])
    found = match(mine, pool, np.array([0.5, 0.5, 0.0]))
    assert found.tolist() == [0, 1, 2]  # exact; then among the two with the first key, twice
    assert match(np.array([[9]]), pool, np.array([0.1])).tolist() == [-1]


def test_counts_under_ten_are_suppressed(example: list[dict[str, str]]) -> None:
    f = forecast(checked(example[:6]), ForecastRequest(PEIL, ("wi2021",), draws=2, months=24))
    out = tables.all_tables(f, False)
    for name, table in out.items():
        shown = table[~table["onderdrukt"]]
        if name in ("samenvatting", "kwartalen"):
            assert ((shown["median"] == 0) | (shown["median"] >= 10)).all(), name
        else:  # euros over fewer than 10 persons
            assert shown.empty, name


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(1, 60), months=st.integers(12, 48), start=st.integers(0, 400))
def test_person_results_are_consistent(example: list[dict[str, str]], size: int, months: int, start: int) -> None:
    rows = checked(example[start : start + size] or example[:1])
    f = forecast(rows, ForecastRequest(PEIL, ("wi2021", "coalitie-2026"), draws=3, months=months))
    p = tables.persons(f)
    chances = [c for c in p.columns if c.startswith("kansVoldaan")] + ["kansOntheffing", "kansVertrek"]
    assert (p[chances].sum(axis=1) <= 1 + 1e-9).all()
    assert ((p[chances] >= 0) & (p[chances] <= 1)).all().all()
    later = p["afrondingVerwacht"].str.startswith(">")
    assert (~later | p["afrondingLaat"].str.startswith(">")).all()
    inside = ~p["afrondingLaat"].str.startswith(">")
    assert (p.loc[inside, "afrondingVroeg"] <= p.loc[inside, "afrondingLaat"]).all()
    q = tables.quarters(f)
    assert q["median"].fillna(0).groupby([q["scenario"], q["indicator"]]).sum().max() <= 3 * len(rows)


def test_bad_requests_name_the_field() -> None:
    with pytest.raises(RequestError) as err:
        ForecastRequest(dt.date(2019, 1, 1), ("wi2021", "nope"), draws=0, months=5).validate()
    text = "; ".join(err.value.problems)
    for field in ("peildatum", "nope", "draws", "months"):
        assert field in text


def _forecast_cli(file: Path, out: Path, *extra: str) -> None:
    args = ["caseload", "forecast", str(file), "--peildatum", "30-11-2026", "--draws", "2", "--maanden", "24"]
    result = runner.invoke(app, [*args, "--out", str(out), "--scenarios", "wi2021", *extra])
    assert result.exit_code == 0, result.output


def _text(path: Path) -> str:
    """What a file says, decompressed: XLSX cell values, Parquet as CSV, anything else as text."""
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row)
    if path.suffix == ".parquet":
        return pd.read_parquet(path).to_csv(index=False)
    return path.read_text(encoding="utf-8-sig")


def test_the_cli_writes_no_raw_id_no_key_and_persons_only_on_request(tmp_path: Path, example: list) -> None:
    rows = example[:40]
    file = write(tmp_path / "caseload.csv", rows)
    out = tmp_path / "uit"
    _forecast_cli(file, out)
    assert not (out / "personen").exists()
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {p.suffix for p in written} == {".html", ".csv", ".parquet", ".xlsx"}
    pseudonyms = [pseudonym(KEY.encode(), r["id"]) for r in rows]
    for path in written:
        text = _text(path)
        assert KEY not in text
        assert not any(r["id"] in text for r in rows), path
        assert not any(p in text for p in pseudonyms), path  # aggregates only
    _forecast_cli(file, out, "--per-persoon")
    for name in ("personen.csv", "personen.parquet", "tabellen.xlsx"):
        text = _text(out / "personen" / name)
        assert all(p in text for p in pseudonyms), name
        assert KEY not in text and not any(r["id"] in text for r in rows), name
        assert (out / "personen" / name).stat().st_mode & 0o077 == 0, "personal data: for its owner only"
    assert (out / "personen").stat().st_mode & 0o077 == 0


def test_a_failed_write_leaves_nothing(tmp_path: Path, example: list, monkeypatch: pytest.MonkeyPatch) -> None:
    f = forecast(checked(example[:20]), ForecastRequest(PEIL, ("wi2021",), draws=1, months=12))
    made = tables.all_tables(f, True)

    def broken(*args: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(output.report, "build", broken)
    with pytest.raises(RuntimeError):
        output.write_forecast(f, made, tmp_path / "uit", "en", 20)
    assert not [p for p in (tmp_path / "uit").rglob("*")]


def test_a_killed_run_and_an_earlier_forecast_leave_nothing_behind(tmp_path: Path, example: list) -> None:
    f = forecast(checked(example[:20]), ForecastRequest(PEIL, ("wi2021",), draws=1, months=12))
    out = tmp_path / "uit"
    output.write_forecast(f, tables.all_tables(f, True), out, "en", 20)  # with the person table
    assert (out / "personen" / "personen.csv").is_file()
    killed = out / ".prognose-abc123"  # what a run killed while writing leaves (no finally ran)
    killed.mkdir()
    (killed / "personen.csv").write_text("p-0123456789abcdef;...", encoding="utf-8")
    (out / "tabellen" / "oud.csv").write_text("x", encoding="utf-8")  # a file the new run does not write
    (out / "rapport-nl.html").write_text("<p>een eerder bestand</p>", encoding="utf-8")  # the other language's
    written = output.write_forecast(f, tables.all_tables(f, False), out, "en", 20)  # without persons
    assert not killed.exists() and not (out / "personen").exists()
    assert not (out / "rapport-nl.html").exists()  # a robustness test found it left beside the new tables
    assert not (out / "tabellen" / "oud.csv").exists()
    assert sorted(p for p in out.rglob("*") if p.is_file()) == sorted(written)


def test_the_cli_refuses_bad_options_with_the_field_named(tmp_path: Path, example: list) -> None:
    file = write(tmp_path / "c.csv", example[:5])
    result = runner.invoke(app, ["caseload", "forecast", str(file), "--draws", "0", "--peildatum", "31-02-2026"])
    assert result.exit_code == 2
    assert "--draws" in result.output and "--date" in result.output
    assert "Traceback" not in result.output


def test_afschaling_is_labelled_by_the_situation_on_the_files_date() -> None:
    rows = [
        _row(id="F", datumPip="01-09-2024", leerroute="b1", datumAfschaling="01-10-2026"),
        _row(id="Z", datumPip="01-09-2024", leerroute="z", lesurenNt2="300"),
        _row(id="H", datumPip="01-03-2024", leerroute="b1", lesurenNt2="1200"),
        _row(id="N", datumPip="01-10-2026", leerroute="b1", lesurenNt2="20"),
    ]
    f = forecast(checked(rows), ForecastRequest(PEIL, ("wi2021",), draws=2, months=36))
    p = tables.persons(f).set_index("rij")["afschalingMogelijkVanaf"]
    assert p[2] == "afgeschaald" and p[3] == ""  # done already; not on the B1 route
    assert p[4] == "al mogelijk"  # 1200 hours: the rulebook allows it on the file's date
    assert p[5] == ">2029-11" or p[5][:4].isdigit()  # a month ahead, or not within the horizon


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_has_every_section_and_no_person(example: list[dict[str, str]], lang: str) -> None:
    from markupsafe import escape

    from inburgering.caseload import report

    rows = checked(example[:60])
    f = forecast(rows, ForecastRequest(PEIL, ("wi2021", "coalitie-2026+vwn-2026"), draws=2, months=36))
    page = report.build(f, tables.all_tables(f, False), lang, len(rows))
    for key in ("headline", "summary", "quarters", "costs", "scenarios", "imputed", "privacy", "fit"):
        assert f"<h2>{escape(report.t(key, lang))}</h2>" in page, key
    assert "coalitie-2026+vwn-2026:" in page  # a headline per scenario
    assert "wetten.overheid.nl" in page  # the scenario's changes cite the law
    assert page.count("<figure") == 3 and page.count("<figcaption>") == 3
    assert not any(r["id"] in page for r in rows)
    # a municipal review: the SPUK's amounts are assumptions and unspent SPUK is reclaimed; two draws are
    # too few for an interval, and the report says so
    words = {"en": ("assumptions", "reclaimed", "examples"), "nl": ("aannames", "teruggevorderd", "voorbeelden")}
    assert all(w in html.unescape(page) for w in words[lang])


def test_the_charts_have_headings_and_whole_years(example: list[dict[str, str]]) -> None:
    """Issue #19: the year axis read "2,027.5"; a chart without a heading was hard to find."""
    from inburgering.caseload.report import cost_chart, quarter_chart

    f = forecast(checked(example[:80]), ForecastRequest(PEIL, ("wi2021",), draws=1, months=24))
    all_of = tables.all_tables(f, False)
    costs = cost_chart(all_of["kostenPerJaar"], "nl").fig
    assert costs.layout.xaxis.tickformat == "d" and costs.layout.xaxis.dtick == 1
    assert costs.layout.title.text == "Tekort van de gemeente per jaar"
    quarters = quarter_chart(all_of["kwartalen"], "voldaanInTermijn", "en").fig
    assert quarters.layout.title.text and quarters.layout.title.text.endswith("per quarter")


def test_a_suppressed_quarter_is_a_gap_in_the_chart_not_squeezed_out() -> None:
    """A robustness test: the line joined the quarters either side of a suppressed one, which left the axis."""
    from inburgering.caseload.report import quarter_chart

    quarters = pd.DataFrame(
        {
            "scenario": ["wi2021"] * 4,
            "indicator": ["afgerond"] * 4,
            "kwartaal": ["2027-K1", "2027-K2", "2027-K3", "2027-K4"],
            "median": [12.0, 4.0, 15.0, 20.0],
            "laag": [10.0, 2.0, 11.0, 14.0],
            "hoog": [16.0, 6.0, 19.0, 25.0],
            "verschilMedian": [np.nan] * 4,
        }
    )
    fig = quarter_chart(tables.suppress(quarters), "afgerond", "en").fig
    line = [trace for trace in fig.data if trace.fill != "toself"]
    bands = [trace for trace in fig.data if trace.fill == "toself"]
    assert len(line) == 1 and list(line[0].x) == ["2027-K1", "2027-K2", "2027-K3", "2027-K4"]
    assert np.isnan(line[0].y[1]) and not line[0].connectgaps  # the suppressed 4 neither shown nor bridged
    assert [list(b.x) for b in bands] == [["2027-K1", "2027-K1"], ["2027-K3", "2027-K4", "2027-K4", "2027-K3"]]
    assert all(4.0 not in list(b.y) for b in bands)


def test_someone_housed_before_a_permit_dated_ahead_is_forecast() -> None:
    # issue #20 review: a file may date the permit after the BRP registration and the file's date;
    # the months since the permit start at the permit (before it there is no such month)
    rows = [
        _row(
            id="F-1",
            verblijfsdoel="gezin",
            datumVerblijfsrecht="01-03-2027",
            datumKennisgeving="",
            datumInschrijvingBrp="01-03-2026",
        ),
        _row(
            id="F-2",
            datumVerblijfsrecht="01-06-2025",
            datumKennisgeving="01-07-2025",
            datumInschrijvingBrp="01-09-2025",
        ),
    ]
    state, _ = _start(rows)
    result = simulate_population(
        state.pop, resolve("wi2021"), load_behaviour(), SimConfig(begin="2026-12", eind="2028-12", seed=4), state=state
    )
    assert result.since["aanwezig"].sum() > 0  # the second person is counted; the first from the permit's month on
    assert (result.since["aanwezig"] >= result.since["betaald"]).all()


def test_the_obligation_ends_at_the_aow_age_in_a_forecast_too() -> None:
    # review of issue #20: art. 3.1 obliges only those below the AOW age; the caseload's persons
    # were never asked again when they reached it (the simulation's own persons are)
    rows = [
        _row(id=f"A{i}", geboortedatum="15-01-1960", datumPip="01-09-2024", leerroute="b1", eindeTermijn="01-09-2027")
        for i in range(10)
    ]
    state, _ = _start(rows)
    result = simulate_population(
        state.pop, resolve("wi2021"), load_behaviour(), SimConfig(begin="2026-12", eind="2028-12", seed=4), state=state
    )
    still = (result.state.traject >= WACHT_INTAKE) & (result.state.traject <= OVERSCHREDEN)
    assert not still.any()  # at the AOW age in force (67 and 3 months for 1960: April 2027) the obligation ended
    assert (result.state.traject == NIET_PLICHTIG).sum() >= 5  # most had not finished by then


def test_execution_stops_at_the_aow_age_and_exempt_rows_cost_nothing() -> None:
    # review of the caseload's money: execution ran to the horizon for whoever was no longer obliged,
    # and an exempt row got a notice, execution costs and SPUK income
    old = [
        _row(id=f"A{i}", geboortedatum="15-01-1960", datumPip="01-09-2024", leerroute="b1", eindeTermijn="01-09-2027")
        for i in range(10)
    ]
    exempt = [_row(id=f"V{i}", vrijgesteld="ja") for i in range(10)]
    config = SimConfig(begin="2026-12", eind="2029-12", seed=4)
    state, _ = _start(old)
    rows = cost_rows(simulate_population(state.pop, resolve("wi2021"), load_behaviour(), config, state=state))
    execution = rows[rows["indicator"] == "kosten.gemeente.uitvoering"]
    assert len(execution) and execution["month"].max() <= pd.Timestamp("2027-04-30")  # AOW age in April 2027
    state, _ = _start(exempt)
    assert np.isnat(state.dates["datumKennisgeving"]).all()
    rows = cost_rows(simulate_population(state.pop, resolve("wi2021"), load_behaviour(), config, state=state))
    assert not rows["indicator"].isin(["kosten.gemeente.uitvoering", "kosten.gemeente.spukInkomsten"]).any()


def test_a_status_holder_who_moved_here_counts_for_the_spuk_by_the_first_housing() -> None:
    # Besluit 10.2/10.4: the SPUK counts the cohorts housed in t, t-1 and t-2 where they live; one
    # housed in 2024 who moved here in 2026 is in the 2024 cohort, not in a new 2026 one
    here = dict(datumInschrijvingBrp="01-06-2026", datumPip="01-09-2026", leerroute="b1")
    config = SimConfig(begin="2026-12", eind="2029-12", seed=4)
    income = {}
    for label, extra in (("new", {}), ("moved", {"datumEersteInschrijvingBrp": "01-06-2024"})):
        state, _ = _start([_row(id=f"{label}{i}", **here, **extra) for i in range(10)])
        rows = cost_rows(simulate_population(state.pop, resolve("wi2021"), load_behaviour(), config, state=state))
        spuk = rows[rows["indicator"] == "kosten.gemeente.spukInkomsten"]
        income[label] = spuk.groupby(pd.to_datetime(spuk["month"]).dt.year)["value"].sum()
    years = int(resolve("wi2021").parameters.value("financiering.spuk_jaren_asiel", "2026-01-01"))
    assert income["new"].get(2026 + years - 1, 0) < 0  # SPUK income is a negative cost
    assert income["moved"].get(2024 + years, 0) == 0 and income["moved"].get(2027, 0) >= income["new"][2027]


def test_the_gap_is_the_provisions_minus_the_spuk(example: list[dict[str, str]]) -> None:
    # art. 40.1: the SPUK pays provisions, not execution (the gemeentefonds does): the gap leaves execution out
    f = forecast(checked(example), ForecastRequest(PEIL, ("wi2021",), draws=2, months=24, uncertainty=False))
    for run in f.runs.values():
        year = pd.to_datetime(run.kosten["month"]).dt.year
        wide = tables._balance(run.kosten, year).pivot(index="key", columns="post", values="value")
        assert (wide["uitvoering"] > 0).all() and (wide["voorzieningen"] > 0).all()
        np.testing.assert_allclose(wide["tekort"], wide["voorzieningen"] - wide["spukInkomsten"])
        np.testing.assert_allclose(wide["kosten"], wide["uitvoering"] + wide["voorzieningen"])


def test_the_workbook_explains_the_caseload_tables_not_the_national_ones(tmp_path: Path, example: list) -> None:
    # a review: the caseload workbook said "landelijk, opgeschaald; inkomsten zijn negatief" (the comparison's notes)
    f = forecast(checked(example), ForecastRequest(PEIL, ("wi2021",), draws=2, months=24, uncertainty=False))
    output.write_forecast(f, tables.all_tables(f, False), tmp_path / "out", "nl", len(example))
    sheet = openpyxl.load_workbook(tmp_path / "out" / "tabellen" / "tabellen.xlsx")["toelichting"]
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "landelijk, opgeschaald" not in text and "inkomsten zijn negatief" not in text
    assert "voorzieningen min SPUK" in text and "niet opgeschaald" in text


def test_duos_term_places_a_row_without_a_pip_date_in_its_term() -> None:
    # W 11.2-11.3: the term starts the day after the first PIP and does not move with a later PIP;
    # DUO's start of the term is that day's authority (a review found such rows given a second term)
    rows = [
        _row(id="T", startTermijn="02-10-2024", eindeTermijn="01-10-2027", leerroute="b1"),
        _row(id="L", datumPip="15-03-2025", startTermijn="02-10-2024", eindeTermijn="01-10-2027", leerroute="b1"),
        _row(id="P", datumPip="01-10-2024", leerroute="b1"),
    ]
    state, typed = _start(rows)
    at = {pseudonym(KEY.encode(), r["id"]): i for i, r in enumerate(rows)}
    row_of = {at[r["id"]]: i for i, r in enumerate(typed)}
    t, later, p = (row_of[k] for k in range(3))
    for i in (t, later):
        assert state.traject[i] == TERMIJN and state.verblijf[i] == GEMEENTE
        assert state.dates["datumPip"][i] == np.datetime64("2024-10-01")
        assert state.dates["eindeTermijn"][i] == np.datetime64("2027-10-01")
    # the route-change window counts from the same first PIP as the row with only a PIP date
    assert state.dates["laatsteDagRoutewijziging"][t] == state.dates["laatsteDagRoutewijziging"][p]
    assert state.dates["laatsteDagRoutewijziging"][later] == state.dates["laatsteDagRoutewijziging"][p]


def test_rows_the_law_does_not_oblige_or_that_met_it_have_no_trajectory_to_come() -> None:
    # a municipal review: rows with a PIP were forecast as obliged whatever the law said (an EU national,
    # someone under the old Act, someone of the AOW age), and a row with every part done as a completion to come
    done = dict(niveauLezen="B1", niveauLuisteren="B1", niveauSchrijven="B1", niveauSpreken="B1", knmBehaald="ja")
    done.update(datumPvtAfgerond="01-12-2024", datumMapAfgerond="01-03-2025")
    pip = dict(datumPip="01-09-2024", leerroute="b1", maatschappelijkeBegeleiding="ja")
    rows = [
        _row(id="EU", nationaliteit="DE", **pip),
        _row(id="OLD", datumVerblijfsrecht="01-05-2021", datumKennisgeving="01-06-2021", **pip),
        _row(id="AOW", geboortedatum="01-01-1958", **pip),
        _row(id="MET", **pip, **done),
        _row(id="BUSY", **pip),
    ]
    state, typed = _start(rows)
    at = {pseudonym(KEY.encode(), r["id"]): i for i, r in enumerate(rows)}
    eu, old, aow, met, busy = ({at[r["id"]]: i for i, r in enumerate(typed)}[k] for k in range(5))
    for i in (eu, old, aow):
        assert state.traject[i] == NIET_PLICHTIG and not state.mb[i]
        assert np.isnat(state.dates["datumPip"][i]) and np.isnat(state.dates["datumKennisgeving"][i])
    assert state.traject[met] == VOLDAAN_IN_TERMIJN and not np.isnat(state.dates["datumVoldaan"][met])
    assert state.traject[busy] == TERMIJN and state.mb[busy]


def test_a_suppressed_count_cannot_be_read_back_from_a_difference() -> None:
    # a municipal review: the baseline's 1 was suppressed, the other scenario showed "0; -1"
    table = pd.DataFrame(
        {
            "kwartaal": ["2029-K4", "2029-K4", "2030-K1", "2030-K1"],
            "indicator": ["termijnOverschreden"] * 4,
            "scenario": ["wi2021", "vwn-2026", "wi2021", "vwn-2026"],
            "median": [1.0, 0.0, 0.0, 25.0],
            "laag": [0.0, 0.0, 0.0, 20.0],
            "hoog": [2.0, 0.0, 3.0, 30.0],
            "verschilMedian": [0.0, -1.0, 0.0, 25.0],
            "verschilLaag": [0.0, -2.0, 0.0, 20.0],
            "verschilHoog": [0.0, 0.0, 0.0, 30.0],
        }
    )
    out = tables.suppress(table)
    assert out.loc[0, ["median", "laag", "hoog"]].isna().all()  # the baseline's 1
    assert out.loc[1, ["verschilMedian", "verschilLaag", "verschilHoog"]].isna().all()  # and its trace in the other
    assert out.loc[2, ["median", "hoog"]].isna().all()  # an interval reaching 3 is a small count too
    assert out.loc[3, "median"] == 25.0 and out.loc[3, ["verschilMedian"]].isna().all()
    assert out["onderdrukt"].all()


def test_an_event_after_the_files_date_is_refused(tmp_path: Path) -> None:
    # a municipal review: a PIP two months after the forecast's date was taken as a fact
    rows = [_row(id="AHEAD", datumPip="15-01-2027", leerroute="b1"), _row(id="FINE")]
    file = write(tmp_path / "caseload.csv", rows)
    out = tmp_path / "uit"
    done = runner.invoke(
        app, ["caseload", "forecast", str(file), "--date", "30-11-2026", "--out", str(out), "--draws", "1"]
    )
    assert done.exit_code == 2
    assert "datumPip" in done.output and "2027-01-15" in done.output and "2026-11-30" in done.output
    assert not out.exists()
    table = Table([c.name for c in COLUMNS], [[r[c.name] for c in COLUMNS] for r in rows])
    assert check_table(table, KEY.encode()).problems == []  # the check alone has no date and refuses nothing
    assert [p.column for p in check_table(table, KEY.encode(), dt.date(2026, 11, 30)).problems] == ["datumPip"]


def test_the_files_judgement_of_effort_holds_afschaling_back() -> None:
    # Besluit 5.5: 600 hours and sufficient effort; a municipal review found the column ignored
    base = dict(datumPip="01-09-2024", leerroute="b1", lesurenNt2="700")
    rows = [_row(id="NEE", voldoendeInzet="nee", **base), _row(id="JA", voldoendeInzet="ja", **base)]
    state, typed = _start(rows)
    at = {pseudonym(KEY.encode(), r["id"]): i for i, r in enumerate(rows)}
    nee, ja = ({at[r["id"]]: i for i, r in enumerate(typed)}[k] for k in range(2))
    assert np.isnat(state.dates["afschalingMogelijkVanaf"][nee])
    assert not np.isnat(state.dates["afschalingMogelijkVanaf"][ja])


def test_what_the_file_did_not_say_suppresses_small_counts_and_says_how_in_words() -> None:
    # docs/privacy.md: every count of 1 to 9 persons is suppressed (a review found them printed)
    from inburgering.caseload.report import imputed_lines

    lines = dict(imputed_lines({"nietPlichtig (rulebook)": 1, "lesurenNt2": 9, "leerroute (donor)": 12, "x": 0}, "nl"))
    assert lines == {
        "nietPlichtig (besloten door het regelboek)": "<10",
        "lesurenNt2": "<10",
        "leerroute (overgenomen van een vergelijkbare synthetische persoon uit het landelijke model)": "12",
    }


def test_a_minor_counts_for_the_spuk_from_the_obligation_not_from_housing() -> None:
    # B 1.1, 10.2: the SPUK counts obliged status holders; a 15-year-old housed in 2026 is obliged at 18
    # (art. 3.1, 4.1.c). A review found him counted from 2026, and the more the further ahead one looked.
    adults = [
        _row(
            id=f"B{i}",
            datumVerblijfsrecht="01-10-2025",
            datumKennisgeving="15-11-2025",
            datumInschrijvingBrp="01-03-2026",
        )
        for i in range(12)
    ]
    minor = _row(id="M", geboortedatum="20-05-2011", datumVerblijfsrecht="01-02-2026", datumKennisgeving="")
    minor.update(datumInschrijvingBrp="01-06-2026")

    def spuk(months: int) -> dict[int, float]:
        request = ForecastRequest(PEIL, ("wi2021",), 1, 1, months, uncertainty=False)
        k = forecast(checked([*adults, minor]), request).runs[("wi2021", 0)].kosten
        k = k[k["post"] == "spukInkomsten"]
        return k.groupby(pd.to_datetime(k["month"]).dt.year)["value"].sum().to_dict()

    short, long = spuk(24), spuk(60)
    assert short[2026] == pytest.approx(long[2026]) and short[2027] == pytest.approx(long[2027])
    params = resolve("wi2021").parameters
    # the SPUK pays the route's average price and the MB, PVT and MAP beside it, in force at the housing
    amount = sum(
        params.value(f"financiering.{name}", "2026-06-01")
        for name in ("spuk_prijs_traject_asiel", "spuk_prijs_voorzieningen_asiel")
    )
    share = amount / params.value("financiering.spuk_jaren_asiel", "2029-06-01")
    assert long[2029] == pytest.approx(share)  # his first year is 2029, when he turns 18: his share alone


def test_a_forecast_says_the_files_problems_in_the_reports_language(tmp_path: Path) -> None:
    # a review found English problems under --lang nl, though the catalogue has them in Dutch
    bad = _row(id="X", geboortedatum="31-02-1990")
    file = tmp_path / "f.csv"
    file.write_text(";".join(bad) + "\n" + ";".join(bad.values()) + "\n", encoding="utf-8")
    out = tmp_path / "uit"
    args = ["caseload", "forecast", str(file), "--date", "30-11-2026", "--out", str(out), "--scenarios", "wi2021"]
    dutch = runner.invoke(app, [*args, "--lang", "nl"])
    assert dutch.exit_code == 2 and "rij 2, kolom 'geboortedatum'" in dutch.output and not out.exists()
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert english.exit_code == 2 and "row 2, column 'geboortedatum'" in english.output


def test_a_pip_deadline_already_past_is_shown_in_the_person_table() -> None:
    # B 5.3 lid 1: the PIP 10 weeks after DUO's notice; a review found a deadline missed months before the
    # file's date hidden, as only deadlines ahead were shown
    late = [_row(id=f"L{i}", verblijfsdoel="overig", datumVerblijfsrecht="01-03-2026") for i in range(10)]
    for r in late:
        r.update(datumKennisgeving="15-04-2026", datumInschrijvingBrp="05-03-2026")
    request = ForecastRequest(PEIL, ("wi2021",), 1, 1, 12, uncertainty=False)
    p = tables.persons(forecast(checked(late), request))
    assert (p["pipDeadlineVerstreken"] == "2026-06-24").all()  # 10 weeks after 15 April
    on_time = [_row(id=f"T{i}", datumPip="01-09-2024", leerroute="b1") for i in range(10)]
    q = tables.persons(forecast(checked(on_time), request))
    assert (q["pipDeadlineVerstreken"] == "").all()  # a PIP made: nothing overdue


def test_a_row_that_met_the_obligation_is_not_taken_as_late_for_want_of_exam_dates() -> None:
    # the file gives no exam dates; dated on the file's date, a row whose term had ended read as met after
    # the term (with DUO's fine), which the file does not show (a municipal review)
    exams = {f"niveau{c}": "B1" for c in ("Lezen", "Luisteren", "Schrijven", "Spreken")}
    row = _row(id="D", datumVerblijfsrecht="01-02-2023", datumKennisgeving="01-03-2023", **exams)
    row.update(datumInschrijvingBrp="01-05-2023", datumPip="01-07-2023", leerroute="b1", knmBehaald="ja")
    row.update(datumPvtAfgerond="01-12-2023", datumMapAfgerond="01-06-2024")
    state, _ = _start([row])
    assert state.traject[0] == VOLDAAN_IN_TERMIJN
    assert state.dates["datumVoldaan"][0] == np.datetime64("2024-06-01")  # the latest day the file gives


def test_the_workbook_says_what_period_and_run_it_covers(tmp_path: Path) -> None:
    # a review: a municipal controller could not read the period, the draws or the version from the workbook
    from inburgering.caseload.output import write_forecast

    rows = checked([_row(id=f"W{i}", datumPip="01-09-2024", leerroute="b1") for i in range(10)])
    request = ForecastRequest(PEIL, ("wi2021",), 2, 1, 24)
    f = forecast(rows, request)
    write_forecast(f, tables.all_tables(f, False), tmp_path / "uit", "nl", len(rows))
    about = pd.read_excel(tmp_path / "uit" / "tabellen" / "tabellen.xlsx", sheet_name="toelichting")
    head = about[about["soort"] == "berekening"]
    run = dict(zip(head["naam"], head["omschrijving"], strict=True))
    assert run["peildatum"] == PEIL.isoformat() and str(request.horizon) in run["horizon"]
    assert str(run["trekkingen"]) == "2" and run["scenarios"] == "wi2021"


def test_someone_who_moved_here_before_a_pip_has_ten_weeks_from_the_registration_here() -> None:
    # Besluit 5.3 lid 3; a municipal review found the first municipality's deadline kept (and passed)
    rows = [
        _row(id="M", datumEersteInschrijvingBrp="01-06-2024", datumInschrijvingBrp="01-10-2026"),
        _row(id="S"),  # housed here on 01-06-2024, never moved
    ]
    state, typed = _start(rows)
    at = {pseudonym(KEY.encode(), r["id"]): i for i, r in enumerate(rows)}
    row_of = {at[r["id"]]: i for i, r in enumerate(typed)}
    moved, stayed = row_of[0], row_of[1]
    assert state.dates["deadlinePip"][moved] == np.datetime64("2026-12-10")
    assert state.dates["deadlinePip"][stayed] == np.datetime64("2024-08-12")  # 10 August 2024 was a Saturday
    # the SPUK's cohort and the MB still count from the first registration (Besluit 10.2, 10.4)
    assert state.dates["datumInschrijvingBrp"][moved] == np.datetime64("2024-06-01")


def test_a_status_holder_counts_for_the_spuk_from_the_year_of_housing_not_of_the_notice() -> None:
    # Besluit 10.2 counts the cohort housed in a year; a municipal review found an adult housed in
    # December 2025 with DUO's notice in January 2026 counted in 2026-2028; a minor exempt when housed
    # (art. 4.1.c) counts from the year the exemption ends
    # (the adults' PIP with the B1-route and no change of route: the onderwijsroute's top-up counts in the
    # year its route is set, which for a PIP still to come may be 2028)
    config = SimConfig(begin="2026-12", eind="2030-12", seed=4)
    cells = dict(datumVerblijfsrecht="01-10-2025", datumInschrijvingBrp="15-12-2025", datumKennisgeving="10-01-2026")
    b = load_behaviour().with_values({"leren.routewissel_kans": 0.0})
    pip = {"adult": dict(datumPip="01-03-2026", leerroute="b1"), "minor": {}}
    income = {}
    for label, born in (("adult", "01-01-1990"), ("minor", "01-06-2009")):
        state, _ = _start([_row(id=f"{label}{i}", geboortedatum=born, **cells, **pip[label]) for i in range(10)])
        rows = cost_rows(simulate_population(state.pop, resolve("wi2021"), b, config, state=state))
        spuk = rows[rows["indicator"] == "kosten.gemeente.spukInkomsten"]
        income[label] = spuk.groupby(pd.to_datetime(spuk["month"]).dt.year)["value"].sum()
    assert income["adult"].get(2027, 0) < 0 and income["adult"].get(2028, 0) == 0  # 2025, 2026 and 2027
    assert income["minor"].get(2029, 0) < 0  # 18 in June 2027: 2027, 2028 and 2029


def test_a_term_that_ran_out_before_the_files_date_carries_duos_fine_and_its_new_term() -> None:
    # art. 25.1-25.2 (and 24.4 for the repeat); a municipal review found such rows never fined again
    cells = dict(
        datumVerblijfsrecht="01-02-2023",
        datumKennisgeving="01-03-2023",
        datumInschrijvingBrp="01-04-2023",
        datumPip="01-06-2023",
        startTermijn="02-06-2023",
        eindeTermijn="01-06-2026",
        verlengingMaanden="0",
        leerroute="b1",
    )
    family = [_row(id=f"G{i}", verblijfsdoel="gezin", **cells) for i in range(5)]
    asylum = [_row(id=f"A{i}", **cells) for i in range(5)]  # status holders: not fined after Keren (2025)
    state, typed = _start(family + asylum)
    at = {pseudonym(KEY.encode(), r["id"]): r["id"] for r in family + asylum}
    kinds = np.array([at[r["id"]][0] for r in typed])
    new_term = state.dates["eindeNieuweTermijn"]
    assert (~np.isnat(new_term[kinds == "G"])).all() and (new_term[kinds == "G"] > np.datetime64("2026-06-01")).all()
    assert np.isnat(new_term[kinds == "A"]).all()
    assert (state.duo_boetes[kinds == "G"] == 1).all() and not state.boetes_log  # the past fine is not booked


def test_a_route_or_a_term_end_without_a_pip_is_said_to_be_unused() -> None:
    # a municipal review found both dropped silently
    rows = [_row(id="R", leerroute="b1"), _row(id="E", eindeTermijn="01-06-2027"), _row(id="P", datumPip="01-09-2024")]
    b = load_behaviour()
    start = build(FileColumns(order(checked(rows))), PEIL, resolve("wi2021"), b, reference(b, PEIL, 0.01, 4), 4)
    assert start.imputed["leerroute (unused)"] == 1 and start.imputed["eindeTermijn (unused)"] == 1
    from inburgering.caseload.report import imputed_lines

    assert ("leerroute (given without a PIP or start of the term, so not used)", "<10") in imputed_lines(
        dict(start.imputed), "en"
    )


def test_the_onderwijsroutes_18_month_day_is_no_next_deadline() -> None:
    # Besluit 5.4 lid 1: onderwijsroute to B1-route is allowed throughout the term (a municipal review)
    rows = [
        _row(id="O", datumPip="01-09-2026", leerroute="onderwijs", lesurenNt2="20"),
        _row(id="B", datumPip="01-09-2026", leerroute="b1", lesurenNt2="20"),
    ]
    f = forecast(checked(rows), ForecastRequest(PEIL, ("wi2021",), draws=1, months=12))
    table = tables.persons(f).set_index("rij")
    assert table.loc[2, "eerstvolgendeTermijn"] == "eindeTermijn"
    assert table.loc[3, "eerstvolgendeTermijn"] == "laatsteDagRoutewijziging"
