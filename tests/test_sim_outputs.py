"""The indicator tables reconcile with the final state of the run they describe."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inburgering.dates import MonthIndex
from inburgering.sim.companions import WI2013
from inburgering.sim.output import PLANNED_AHEAD, RIGHTS_FROM, persons
from inburgering.sim.output_leren import HOUR_BANDS
from inburgering.sim.phases.werk import suspension_end
from inburgering.sim.run import Run
from inburgering.sim.simulate import Simulation, simulate, write_persons
from inburgering.sim.spells import fines
from inburgering.sim.state import ONTHEVEN, VOLDAAN_IN_TERMIJN


@pytest.fixture(scope="module")
def sim():
    # the reform's A2 step and VWN's fine-free overlay; horizon long enough for fines and new terms
    return simulate("coalitie-2026+vwn-2026", scale=0.05, seed=3, last_inflow_year=2024, horizon="2034-12")


def total(ind: pd.DataFrame, indicator: str) -> float:
    return float(ind.loc[ind["indicator"] == indicator, "value"].sum())


def test_exam_counts_match_the_state(sim) -> None:
    ind, st = sim.indicators, sim.result.state
    attempts = ind[ind["indicator"].str.startswith("aantal.examenPogingen.")]["value"].sum()
    assert attempts == st.pogingen.sum() > 0
    # the old Act's exam (the Wi2013 stock's, and that of the adults in COA on 1 January 2022) is not a
    # Wi2021 exam: its pass is in the state, not among the sittings
    pop = sim.result.state.pop
    wi2013 = (pop["rol"] == WI2013) | ~np.isnat(pop["examenWi2013"])
    assert (st.niveau[pop["rol"] == WI2013] == 2).any()
    for p, name in enumerate(("lezen", "luisteren", "schrijven", "spreken")):
        # a component is sat at B1 only below B1 and a pass sets it to B1: one B1 pass per person at B1
        assert total(ind, f"aantal.examenGeslaagd.{name}.B1") == (st.niveau[:, p] == 3).sum()
        assert total(ind, f"aantal.examenGeslaagd.{name}.A2") >= (st.niveau[~wi2013, p] == 2).sum()
        for level in ("A2", "B1"):
            assert total(ind, f"aantal.examenGeslaagd.{name}.{level}") <= total(
                ind, f"aantal.examenPogingen.{name}.{level}"
            )
    assert total(ind, "aantal.examenGeslaagd.knm.A2") == (st.niveau[~wi2013, 4] > 0).sum()


def test_lesson_hours_add_up(sim) -> None:
    ind, st = sim.indicators, sim.result.state
    assert total(ind, "aantal.lesuren") == pytest.approx(float(st.uren.sum()), rel=1e-6)
    bands = ind[ind["indicator"].str.startswith("aandeelLesuren.")]
    assert {f"aandeelLesuren.{b}" for b in HOUR_BANDS} >= set(bands["indicator"])
    per_cell = bands.groupby(["cohort", "group", "sex", "route"], observed=True)["value"].sum()
    np.testing.assert_allclose(per_cell.to_numpy(), 1.0)
    finished = (st.traject >= VOLDAAN_IN_TERMIJN) & (st.traject <= ONTHEVEN)
    means = ind[ind["indicator"] == "gemiddeldeLesuren"]["value"]
    assert means.between(st.uren[finished].min(), st.uren[finished].max()).all()


def test_coa_shares_by_months_since_application(sim) -> None:
    ind = sim.indicators
    coa = ind[ind["indicator"].str.endswith("SindsAanvraag")]
    assert coa["value"].between(0, 1).all() and coa["months_since_application"].notna().all()
    assert set(coa["group"]) == {"asiel", "afgewezen"}  # only own-procedure applicants have an application
    wide = coa.pivot_table(
        index=["cohort", "group", "sex", "months_since_application"], columns="indicator", values="value"
    )
    assert (wide["aandeelInProcedureSindsAanvraag"] <= wide["aandeelInCoaSindsAanvraag"] + 1e-12).all()
    start = wide.xs(0, level="months_since_application")
    assert (start["aandeelInCoaSindsAanvraag"] > 0.95).all()
    # the rejected never get a home: for them, in COA and in the procedure are the same
    rejected = wide.xs("afgewezen", level="group")
    np.testing.assert_allclose(rejected["aandeelInCoaSindsAanvraag"], rejected["aandeelInProcedureSindsAanvraag"])


def test_costs_are_never_negative_and_income_never_positive(sim) -> None:
    costs = sim.indicators[sim.indicators["indicator"].str.startswith("kosten.")]
    income = costs["indicator"].str.endswith("Inkomsten")
    assert (costs.loc[~income, "value"] >= 0).all()
    assert (costs.loc[income, "value"] <= 0).all()


def test_fines_reconcile_with_the_log_and_the_state(sim) -> None:
    ind, result = sim.indicators, sim.result
    st = result.state
    for kind, amounts in (("duo", st.boete), ("college", st.college_boete)):
        who, _, amount = fines(result, kind)
        assert total(ind, f"aantal.{kind}Boetes") == len(who)
        assert total(ind, f"kosten.persoon.{kind}Boetes") == pytest.approx(amounts.sum())
        assert (amount > 0).all()
    # the caps of Besluit 7.1 hold for every person
    assert st.college_boete.max() <= 2400
    assert len(fines(result, "college")[0]) > 0


def test_naturalisation_counts_match_the_dates(sim) -> None:
    ind, st = sim.indicators, sim.result.state
    horizon = sim.result.months[-1] + np.timedelta64(1, "M")
    for indicator, column in (
        ("aantal.naturalisatieMogelijk", "naturalisatieVroegst"),
        ("aantal.naturalisatieAanvragen", "datumNaturalisatieAanvraag"),
    ):
        dates = st.dates[column]
        inside = ~np.isnat(dates) & (dates.astype("datetime64[M]") < horizon)
        inside &= dates >= st.pop["instroom"]  # the Wi2013 stock's days before its entry are not the run's
        assert total(ind, indicator) == inside.sum()
        assert (~np.isnat(dates) & (dates < st.pop["instroom"])).any()  # and the exclusion is exercised
    assert total(ind, "aantal.naturalisaties") == st.genaturaliseerd.sum() > 0


def test_late_pips_reconcile_with_the_state(sim) -> None:
    ind, d = sim.indicators, sim.result.state.dates
    share = ind[ind["indicator"] == "aandeelPipNaDeadline"]
    assert ((share["value"] >= 0) & (share["value"] <= 1)).all() and len(share)
    known = ~np.isnat(d["datumPip"]) & ~np.isnat(d["deadlinePip"])
    late = (d["datumPip"] > d["deadlinePip"]) & known
    # the per-cell shares, weighted back by PIPs per cell, give the number of late PIPs
    key = sim.result.cells.key
    per_cell = np.bincount(key[known], minlength=sim.result.cells.n)
    cohort, group, sex = sim.result.cells.labels()
    cells = {(c, g, s): i for i, (c, g, s) in enumerate(zip(cohort, group, sex, strict=True))}
    from inburgering.sim.population import GROUP_NAMES

    rebuilt = sum(
        row.value
        * per_cell[
            cells[(row.cohort, GROUP_NAMES.index(row.group), 0 if row.sex == share["sex"].cat.categories[0] else 1)]
        ]
        for row in share.itertuples()
    )
    assert rebuilt == pytest.approx(late.sum())
    days = ind[ind["indicator"] == "gemiddeldDagenPipTeLaat"]["value"]
    assert (days > 0).all()


def test_months_since_the_obligation_count_from_the_end_of_the_minors_exemption(sim) -> None:
    # the share with an intake at k months, recomputed per person with the obligation starting at the
    # later of the permit and the 18th birthday (a minor is exempt until then, art. 4.1.c)
    from inburgering.dates import add_months
    from inburgering.sim.output import months_until

    result, ind = sim.result, sim.indicators
    pop, d = result.state.pop, result.state.dates
    obliged = ~np.isnat(d["datumKennisgeving"])
    start = np.maximum(pop["datumVerblijfsrecht"], add_months(pop["geboortedatum"], 216))
    horizon = (result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")
    observed = months_until(start, np.full(len(start), horizon))
    k = 12
    k_intake = months_until(start, d["datumIntake"])
    counted = obliged & (observed > k)
    with_intake = counted & (k_intake >= 0) & (k_intake <= k)
    key = result.cells.key
    cell = np.bincount(key[counted]).argmax()
    expected = with_intake[key == cell].sum() / counted[key == cell].sum()
    cohort, group, _ = result.cells.labels()
    from inburgering.sim.population import GROUP_NAMES

    rows = ind[
        (ind["indicator"] == "aandeelMetIntake")
        & (ind["months_since_obligation"] == k)
        & (ind["cohort"] == cohort[cell])
        & (ind["group"] == GROUP_NAMES[group[cell]])
    ]
    assert any(v == pytest.approx(expected) for v in rows["value"])  # one row per sex; the cell is one of them
    minors = obliged & (add_months(pop["geboortedatum"], 216) > pop["datumVerblijfsrecht"])
    assert minors.any()


def test_coa_counts_match_the_monthly_stocks(sim) -> None:
    """The validation's COA measure, the engine's stocks and the minors indicator count the same persons."""
    from inburgering.calibration.measures import coa_count, coa_share_waiting

    ind = sim.indicators
    for when in ("2022-06", "2023-06", "2024-12"):  # month ends with status holders in COA
        month = np.datetime64(when, "M")
        k = int(np.flatnonzero(sim.result.months == month)[0])
        last = ((month + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")).astype(str)
        stock = sim.result.stocks["verblijf"][k]
        assert coa_count(sim, {"date": last, "status": "alle"}, 1.0) == stock[:, 1:3].sum()
        assert coa_count(sim, {"date": last, "status": "vergunning"}, 1.0) == stock[:, 2].sum()
        at = pd.Timestamp(month.astype("datetime64[D]"))
        minors = ind[(ind["indicator"] == "aantal.minderjarigenInCoa") & (ind["month"] == at)]["value"].sum()
        assert coa_count(sim, {"date": last, "status": "alle", "under_age": 18}, 1.0) == minors > 0
        share = coa_share_waiting(sim, {"date": last, "weeks": 14}, 1.0)
        assert 0 < share < 1
        # nobody waits longer than forever: with a limit of 0 weeks, everyone there has waited longer
        assert coa_share_waiting(sim, {"date": last, "weeks": 0}, 1.0) == pytest.approx(1.0, abs=0.02)


def test_pending_asylum_applicants_are_those_in_coa_before_their_decision(sim) -> None:
    """The IND measure counts the procedure stock of COA less the rejected still waiting to leave."""
    from inburgering.calibration.measures import asylum_applications, asylum_pending

    pop = sim.result.state.pop
    for when in ("2022-06", "2023-06", "2024-06"):
        month = np.datetime64(when, "M")
        k = int(np.flatnonzero(sim.result.months == month)[0])
        last = (month + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
        in_procedure = sim.result.stocks["verblijf"][k][:, 1].sum()
        rejected_waiting = (
            (pop["datumAfwijzing"] <= last) & (pop["vertrekUitCoa"] > last) & (pop["datumAsielaanvraag"] <= last)
        ).sum()
        assert asylum_pending(sim, {"date": str(last)}, 1.0) == in_procedure - rejected_waiting > 0
    has = ~np.isnat(pop["datumAsielaanvraag"])
    years = pop["datumAsielaanvraag"][has].astype("datetime64[Y]").astype(int) + 1970
    applied = sum(asylum_applications(sim, {"year": y}, 1.0) for y in range(years.min(), years.max() + 1))
    assert applied == has.sum() > 0


def test_job_spells_agree_with_the_state_and_never_overlap(sim) -> None:
    """The spells log every job: the first is the first job, they do not overlap, minors never work."""
    from inburgering.sim.output_werk import working_on

    spells, st, pop = sim.banen, sim.result.state, sim.result.state.pop
    assert len(spells) > 0 and (spells["volgnummer"] > 1).any() and spells["inCoa"].any()
    first = spells[spells["volgnummer"] == 1].set_index("persoon")["begin"]
    dates = pd.Series(st.dates["datumEersteBaan"]).dropna()
    assert (first.sort_index().to_numpy() == dates.sort_index().to_numpy().astype("datetime64[ns]")).all()
    assert first.index.sort_values().tolist() == dates.index.tolist()
    # one job at a time: a spell ends before the next begins, and only the last may still run
    nxt = spells.groupby("persoon")["begin"].shift(-1)
    later = nxt.notna()
    assert (spells.loc[later, "einde"].notna()).all() and (spells.loc[later, "einde"] <= nxt[later]).all()
    ended = spells["einde"].notna()
    assert (spells.loc[ended, "einde"] > spells.loc[ended, "begin"]).all()
    # of age at the start, and nobody works after leaving the country
    born = pop["geboortedatum"][spells["persoon"].to_numpy()].astype("datetime64[ns]")
    assert ((spells["begin"].to_numpy() - born) >= np.timedelta64(18 * 365, "D")).all()
    left = pd.Series(st.dates["datumVertrek"][spells["persoon"].to_numpy()]).astype("datetime64[ns]")
    gone = left.notna().to_numpy()
    assert (spells["einde"].to_numpy()[gone] <= left.to_numpy()[gone]).all()
    # working at the horizon: the open spells of those still here are exactly the state's workers
    here = st.verblijf != 4
    open_now = spells.loc[spells["einde"].isna(), "persoon"].to_numpy()
    assert set(open_now[here[open_now]]) == set(np.flatnonzero(st.werkt & here))
    # started in COA: the state's flag
    assert set(spells.loc[spells["inCoa"], "persoon"]) == set(np.flatnonzero(st.werkte_in_coa))
    end = (sim.result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    on_last_day = working_on(spells, end)
    assert set(on_last_day[here[on_last_day]]) == set(np.flatnonzero(st.werkt & here))
    assert len(working_on(spells, spells["begin"].min() - pd.Timedelta(days=1))) == 0


def test_work_in_coa_before_and_after_the_notice_covers_every_coa_job(sim) -> None:
    """Over a wide window, a job in COA lies before DUO's notice, after it, or both; nothing else counts."""
    from inburgering.calibration.measures import coa_work_ever
    from inburgering.sim.output_leren import coa_stay

    pop, st = sim.result.state.pop, sim.result.state
    wide = {"groups": ["asiel", "nareiziger"], "cohorts": [2022, 2023, 2024], "from": "1990-01-01", "by": "2034-12-31"}
    before = coa_work_ever(sim, {**wide, "period": "voor"}, 1.0)
    after = coa_work_ever(sim, {**wide, "period": "na"}, 1.0)
    entry, out = coa_stay(sim.result)
    chosen = (
        (pop["groep"] <= 1)
        & np.isin(pop["cohort"], [2022, 2023, 2024])
        & (pop["rol"] == 0)
        & ~np.isnat(st.dates["datumKennisgeving"])
        & ~np.isnat(entry)
        & (np.isnat(out) | (entry < out))  # lived in COA: a nareiziger joining a housed sponsor never did
    )
    ever = st.werkte_in_coa[chosen].mean()
    assert 0 < before < ever and 0 < after <= ever <= before + after
    men = coa_work_ever(sim, {**wide, "period": "na", "sexes": ["man"]}, 1.0)
    women = coa_work_ever(sim, {**wide, "period": "na", "sexes": ["vrouw"]}, 1.0)
    assert women < after < men


def test_ever_worked_by_a_date_reads_every_spell(sim) -> None:
    """ "Ever worked" since the permit lies between "first job after the permit" and "ever worked", and grows with the date."""
    from inburgering.calibration.measures import _select, share_worked_by

    p = {"groups": ["asiel", "nareiziger"], "cohorts": [2022, 2023], "among": "obliged", "since": "datumVerblijfsrecht"}
    per = _select(sim, p)
    permit = per["datumVerblijfsrecht"].to_numpy()
    first = per["datumEersteBaan"].to_numpy()
    late = share_worked_by(sim, {**p, "by": "2034-12-31"}, 1.0)
    assert (first >= permit).mean() <= late <= (~np.isnat(first)).mean()
    shares = [share_worked_by(sim, {**p, "by": f"{y}-12-31"}, 1.0) for y in (2023, 2025, 2027)]
    assert shares == sorted(shares) and shares[0] < late
    # a job held when the period starts counts: from the PIP, no fewer had one than began one since
    pip = {**p, "since": "datumPip", "started_in": 2023, "by": "2026-12-31"}
    started = _select(sim, pip)
    started = started[started["datumPip"].dt.year == 2023]
    first_job = started["datumEersteBaan"]
    began_after = ((first_job >= started["datumPip"]) & (first_job <= "2026-12-31")).mean()
    assert began_after <= share_worked_by(sim, pip, 1.0) <= (first_job <= "2026-12-31").mean()


def test_months_until_keeps_missing_events_off_the_slow_calendar_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #20: a start without an event once overflowed to a huge month count and took everyone down the slow path."""
    from inburgering.dates import MonthIndex
    from inburgering.sim.output import months_until

    def slow(self: MonthIndex, months: object) -> None:
        raise AssertionError("the slow path is for dates outside 1600-2599 only")

    monkeypatch.setattr(MonthIndex, "_slow", slow)
    start = np.array(["2024-01-31", "2024-01-31", "NaT", "2030-05-01"], dtype="datetime64[D]")
    event = np.array(["2024-02-29", "NaT", "2024-03-01", "NaT"], dtype="datetime64[D]")
    assert months_until(start, event).tolist() == [1, -1, -1, -1]


def test_person_table_written_in_slices_reads_back_whole(sim, tmp_path) -> None:
    # a fresh Simulation over the same run: its person table is not built yet, so it is written in slices
    fresh = Simulation(sim.indicators, sim.result)
    assert "persons" not in fresh.__dict__  # built only when asked (issue #20: memory at scale 10)
    write_persons(fresh, tmp_path / "personen.parquet", per_slice=997)
    assert "persons" not in fresh.__dict__
    back = pd.read_parquet(tmp_path / "personen.parquet")
    assert len(back) == len(sim.result.state.pop) > 3 * 997
    sim.persons.to_parquet(tmp_path / "whole.parquet", index=False)  # Parquet keeps dates in ms, not s
    pd.testing.assert_frame_equal(back, pd.read_parquet(tmp_path / "whole.parquet"))


def test_person_rows_picked_are_the_whole_tables_rows(sim) -> None:
    rows = np.array([5, 0, len(sim.persons) - 1])
    picked = persons(sim.result, rows)
    pd.testing.assert_frame_equal(picked, sim.persons.iloc[rows].reset_index(drop=True))


def test_person_table_holds_only_events_inside_the_horizon(sim) -> None:
    table = sim.persons
    end = pd.Timestamp(sim.result.months[-1].astype("datetime64[D]")) + pd.offsets.MonthBegin(1)
    for column in PLANNED_AHEAD:
        assert not (table[column] >= end).any(), column
    # a naturalisation in the table is one that happened: the date and the flag agree
    assert (table["datumNaturalisatie"].notna() == table["genaturaliseerd"]).all()
    assert table["genaturaliseerd"].any()
    # the state keeps the decisions dated beyond the horizon (the engine planned them)
    assert (sim.result.state.dates["datumNaturalisatie"] >= end.to_datetime64()).any()


def test_person_table_holds_no_right_that_began_after_leaving(sim) -> None:
    table = sim.persons
    for column in RIGHTS_FROM:
        assert not (table[column] > table["datumVertrek"]).any(), column
    # the state keeps the right as decided: the table is what hides it (a child's voorinburgering
    # from a 16th birthday after the family left); deadlines stay as the notice set them
    d = sim.result.state.dates
    assert any((d[c] > d["datumVertrek"]).any() for c in RIGHTS_FROM)
    assert (table["eindeTermijn"] > table["datumVertrek"]).any()


def test_nothing_dated_after_leaving_or_a_release(sim) -> None:
    d = sim.result.state.dates
    gone = d["datumVertrek"]
    for column in ("datumKennisgeving", "datumBsn", "naturalisatieVroegst", "datumNaturalisatieAanvraag"):
        assert not (d[column] >= gone).any(), column
    assert (~np.isnat(gone) & ~np.isnat(d["naturalisatieVroegst"])).any()  # some who left had a day before
    assert not (d["datumBoete"] > d["datumOntheffing"]).any()  # no DUO fine after DUO's release


def test_within_a_month_events_keep_the_laws_order(sim) -> None:
    """An audit found, each for under 1% of the persons, the month's order breaking the law's."""
    st = sim.result.state
    d = st.dates
    last_pass = np.fmax.reduce(st.behaald[:], axis=1)
    done = np.fmax(last_pass, np.fmax(d["datumPvtAfgerond"][:], d["datumMapAfgerond"][:]))
    # finished in term: every dated part met by the term's last day (else the term's end came first)
    in_term = st.traject == VOLDAAN_IN_TERMIJN
    assert in_term.sum() > 100 and not (done[in_term] > d["eindeTermijn"][in_term]).any()
    # a release is not dated before an exam passed that month
    released = ~np.isnat(d["datumOntheffing"][:])
    assert released.any() and not (last_pass[released] > d["datumOntheffing"][released]).any()
    # nor before a PVT or MAP finished, an afschaling or an A2 evaluation (a review found a few)
    for column in ("datumPvtAfgerond", "datumMapAfgerond", "datumAfschaling", "datumA2Evaluatie"):
        assert not (d[column][released] > d["datumOntheffing"][released]).any(), column
    # DUO fines after the term's last day, never on it; college fines (not the intake's) after the PIP
    who, when, _ = fines(sim.result, "duo")
    assert len(who) and (when > d["eindeTermijn"][who]).all()
    who, when, _ = fines(sim.result, "college")
    pip_fine = when != d["datumIntake"][who]
    assert pip_fine.any() and (when[pip_fine] > d["datumPip"][who[pip_fine]]).all()
    # the right to MB does not begin before the 18th birthday
    right = ~np.isnat(d["datumRechtMb"][:])
    eighteen = MonthIndex(st.pop["geboortedatum"][right]).reaching(12 * 18)
    assert right.sum() > 100 and (d["datumRechtMb"][right] >= eighteen).all()


def test_voorinburgering_from_the_application_ends_with_the_lawful_stay() -> None:
    """VWN's voorinburgering from the application: an audit found rejected applicants in it after their stay ended."""
    sim = simulate("coalitie-2026+vwn-2026", scale=0.05, seed=1)
    st = sim.result.state
    # the end of the stay restated here from the facts (Vw 2000 art. 82): the rejection's day, or the
    # suspension's end; the engine asks the rulebook's rechtmatigVerblijfTot
    run = Run(st, sim.result.parameters, sim.result.behaviour, 1)
    everyone = np.arange(len(st.pop))
    ended = suspension_end(run, everyone, np.datetime64("2022-01-01", "D"))
    stay = np.where(st.pop["beroepSchorsend"], ended, st.pop["datumAfwijzing"])
    asked = st.dates["rechtmatigVerblijfTot"][:]
    took_part = ~np.isnat(st.dates["datumVoorinburgeringStart"][:])
    assert np.array_equal(asked[took_part].view("i8"), stay[took_part].view("i8"))
    started, finished = st.dates["datumVoorinburgeringStart"][:], st.dates["datumVoorinburgeringAfgerond"][:]
    assert (~np.isnat(stay) & ~np.isnat(started)).sum() > 100  # rejected applicants who took part
    assert not (started >= stay).any() and not (finished > stay).any()


def test_free_exam_attempts_are_counted_per_component(sim) -> None:
    from collections import Counter

    from inburgering.sim.spells import exam_sittings

    who, _, _, rank = exam_sittings(sim.result)
    free = np.bincount(who, weights=rank < 2, minlength=len(sim.result.state.pop))  # two free per component
    per = Counter()
    for _, who, part, _, _ in sim.result.state.examens_log:
        for person in who.tolist():
            per[(person, part)] += 1
    expected = np.zeros(len(sim.result.state.pop))
    for (person, _), count in per.items():
        expected[person] += min(count, 2)
    np.testing.assert_array_equal(free, expected)
    attempts = sim.result.state.pogingen
    assert (free <= attempts).all()
    # someone failed one component more than twice while others passed: not all their attempts are free
    assert (free < np.minimum(attempts, 10)).any()


def test_the_spuk_stops_counting_those_who_left(sim) -> None:
    """Besluit 10.4 counts by residence at the year's end: a departure ends the SPUK from that year on."""
    import copy

    from inburgering.sim.costs import cost_rows

    def spuk(result) -> float:  # type: ignore[no-untyped-def]
        rows = cost_rows(result)
        return float(-rows.loc[rows["indicator"] == "kosten.gemeente.spukInkomsten", "value"].sum())

    stayed = copy.copy(sim.result)
    stayed.state = copy.copy(sim.result.state)
    stayed.state.dates = dict(sim.result.state.dates)
    stayed.state.dates["datumVertrek"] = np.full(len(sim.result.state.pop), np.datetime64("NaT", "D"))
    assert spuk(stayed) > spuk(sim.result) > 0


def test_nothing_of_the_obligation_follows_the_aow_day(sim) -> None:
    """No notice on or after the AOW day, and no MB or SPUK for whoever is housed after it (art. 3.1, W 13.1).

    A review found DUO notices dated after the AOW day, and MB and SPUK income for status holders who
    reached it while waiting in COA.
    """
    from inburgering.rules.plicht import aow_datum
    from inburgering.sim.spells import mb_received

    st = sim.result.state
    pension = aow_datum(sim.result.parameters, st.pop["geboortedatum"])
    notice = st.dates["datumKennisgeving"]
    assert not (notice >= pension).any()
    housed = st.dates["datumInschrijvingBrp"]
    late = ~np.isnat(housed) & (housed >= pension) & (st.pop["groep"] <= 1)
    assert late.sum() > 0, "the run has status holders housed after their AOW day"
    assert not mb_received(sim.result)[late].any()
    # the SPUK is the same with them never housed: they count for none of it (Besluit 10.2)
    from dataclasses import replace

    from inburgering.sim.costs import cost_rows
    from inburgering.sim.days import DateColumns

    dates = DateColumns(tuple(st.dates), len(st.pop))
    for name in st.dates:
        dates[name] = st.dates[name].copy()
    dates["datumInschrijvingBrp"][late] = np.datetime64("NaT", "D")
    unhoused = replace(sim.result, state=replace(st, dates=dates))

    def spuk(result) -> float:
        rows = cost_rows(result)
        return float(rows.loc[rows["indicator"] == "kosten.gemeente.spukInkomsten", "value"].sum())

    assert spuk(sim.result) == pytest.approx(spuk(unhoused), rel=1e-12) and spuk(sim.result) < 0


def test_no_mb_for_whoever_is_housed_on_or_after_the_aow_day_in_that_month() -> None:
    """Under the law (no MB for the AOW-aged), housed in the AOW month but after the day: no MB (W 13.1).

    An audit found MB for status holders housed later in the very month they reached the AOW age:
    the obligation's end was judged then only for the unhoused.
    """
    from inburgering.rules.plicht import aow_datum
    from inburgering.sim.spells import mb_received

    run = simulate("wi2021", scale=0.1, seed=1, last_inflow_year=2024, horizon="2026-12").result
    st = run.state
    pension = aow_datum(run.parameters, st.pop["geboortedatum"])
    housed = st.dates["datumInschrijvingBrp"][:]
    late = ~np.isnat(housed) & (housed >= pension) & (st.pop["groep"] <= 1)
    same_month = late & (housed.astype("datetime64[M]") == pension.astype("datetime64[M]"))
    assert same_month.sum() > 0, "the run has status holders housed in their AOW month after the day"
    assert not mb_received(run)[late].any()


def test_mb_begun_below_the_aow_age_ends_there(sim) -> None:
    """W 13.1 offers MB to the inburgeringsplichtige: a spell begun below the AOW age ends at it (a review)."""
    from inburgering.rules.plicht import aow_datum
    from inburgering.sim.spells import mb_spells

    who, start, end = mb_spells(sim.result)
    pension = aow_datum(sim.result.parameters, sim.result.state.pop["geboortedatum"])[who]
    start, end = start[who], end[who]
    below = start < pension
    assert below.any()
    cut = below & (start + np.timedelta64(365, "D") > pension)  # the AOW day falls within a year's MB
    assert cut.any(), "the run has MB spells that reach the AOW day"
    assert not (end[below] > pension[below]).any() and (end[cut] == pension[cut]).any()


def test_participation_support_is_priced_for_the_months_in_the_b1_or_onderwijsroute() -> None:
    # its effect on the job chance follows the route month by month (werk._rate), so its price does;
    # a review found it keyed on the final route (a B1 learner moved to the Z-route priced at nothing)
    from inburgering.sim.costs_levers import _in_b1_or_onderwijs

    run = simulate("vwn-2026", scale=0.03, seed=2, last_inflow_year=2027, horizon="2031-12").result
    st, end = run.state, np.full(len(run.state.pop), np.datetime64("2031-12-31"), "datetime64[D]")
    learning = np.flatnonzero(~np.isnat(st.dates["datumPip"]))
    who, first, last, _ = _in_b1_or_onderwijs(run, learning, end)
    spans = pd.DataFrame({"who": who, "first": first, "last": last}).set_index("who")
    pip, changed = st.dates["datumPip"], st.dates["datumRoutewijziging"]
    b1_to_z = learning[(st.route_bij_pip[learning] <= 1) & (st.leerroute[learning] == 2)]
    z_to_b1 = learning[(st.route_bij_pip[learning] == 2) & (st.leerroute[learning] <= 1)]
    z_only = learning[(st.route_bij_pip[learning] == 2) & (st.leerroute[learning] == 2)]
    assert len(b1_to_z) and len(z_only)  # (a move from the Z-route to B1 is rare: checked where there is one)
    assert (spans.loc[b1_to_z, "first"].to_numpy() == pip[b1_to_z]).all()
    assert (spans.loc[b1_to_z, "last"].to_numpy() == changed[b1_to_z]).all()
    assert (spans.loc[z_to_b1, "first"].to_numpy() == changed[z_to_b1]).all()
    assert not spans.index.isin(z_only).any()
    assert spans.index.is_unique and (spans["first"] <= spans["last"]).all()


def test_voorinburgering_is_paid_only_up_to_the_end_of_the_lawful_stay(monkeypatch) -> None:
    """The price is booked for the part of the programme taken part in; a review found it booked past the stay's end."""
    from inburgering.sim.costs import cost_rows
    from inburgering.sim.ledger import Ledger

    sim = simulate("coalitie-2026+vwn-2026", scale=0.05, seed=1)
    booked: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    original = Ledger.events

    def record(self, item, who, when, amount):  # type: ignore[no-untyped-def]
        booked[item] = (who.copy(), np.broadcast_to(np.asarray(amount, np.float64), who.shape).copy())
        return original(self, item, who, when, amount)

    monkeypatch.setattr(Ledger, "events", record)
    cost_rows(sim.result)
    d, b = sim.result.state.dates, sim.result.behaviour.v
    who, amount = booked["rijk.voorinburgering"]
    planned = round(b("asiel.voorinburgering_weken") * 7)
    stay_days = (d["rechtmatigVerblijfTot"][who] - d["datumVoorinburgeringStart"][who]).astype(np.float64)
    cut = ~np.isnat(d["rechtmatigVerblijfTot"][who]) & (stay_days < planned)
    assert cut.sum() > 20  # rejected applicants whose stay ended during the programme
    ceiling = b("kosten.voorinburgering_per_deelnemer") * np.clip(stay_days[cut], 0, planned) / planned
    assert (amount[cut] <= ceiling + 1e-6).all()


def test_no_naturalisation_day_before_the_permit_or_the_decision_that_shows_the_inability(sim) -> None:
    """A review found earliest days years before the afschaling, Z-route or release the hardship clause rests on."""
    st = sim.result.state
    d = st.dates
    when = d["naturalisatieVroegst"][:]
    dated = ~np.isnat(when)
    assert not (when[dated] < st.pop["datumVerblijfsrecht"][dated]).any()
    # the Z-route from the PIP shows it from the PIP; nothing before (the route's own completion comes later too)
    z = dated & (st.leerroute == 2) & (st.route_bij_pip == 2)
    assert z.sum() > 20
    assert not (when[z] < d["datumPip"][z]).any()
