"""The letter's cost points: actual route prices, the gemeentefonds beside the SPUK, and the own funds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.compare.metrics import fund_caseload, kern, kosten
from inburgering.compare.summary import ROUTE_ITEMS, _municipal_finance, _per_route
from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.population import ASIEL, NAREIZIGER, PopulationConfig, generate_population

from .layers import layer_of

SCALE = 0.03
B = load_behaviour()


def _tables(behaviour=B):  # type: ignore[no-untyped-def]
    pop = generate_population(behaviour, PopulationConfig(laatste_instroomjaar=2026, schaal=SCALE, seed=4))
    result = simulate_population(pop, resolve("wi2021"), behaviour, SimConfig(eind="2031-12", seed=4))
    frames = {"kern": kern(result, SCALE), "kosten": kosten(result, SCALE)}
    for frame in frames.values():
        frame.insert(0, "draw", 0)
        frame.insert(0, "scenario", "wi2021")
    return result, frames


def _with_change(sid: str, parameter: str, value: object):  # type: ignore[no-untyped-def]
    """The run of :func:`_tables`' population with ``parameter`` set to ``value`` from 2022 (layer ``sid``)."""
    layer = layer_of(sid, {parameter: value})
    pop = generate_population(B, PopulationConfig(laatste_instroomjaar=2026, schaal=SCALE, seed=4))
    return simulate_population(pop, resolve(sid, {sid: layer}), B, SimConfig(eind="2031-12", seed=4))


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    return _tables()


def test_the_national_funds_are_transfers_in_their_own_years(run) -> None:  # type: ignore[no-untyped-def]
    result, frames = run
    k = frames["kosten"]
    months = pd.Series(result.months.astype("datetime64[Y]").astype(np.int64) + 1970).value_counts()
    permits = result.state.pop["datumVerblijfsrecht"]
    last = int(permits[~np.isnat(permits)].max().astype("datetime64[Y]").astype(np.int64)) + 1970
    assert last == 2026  # the run's last cohort
    for item, per_year, first, until in (
        ("gemeentefonds", B.v("kosten.gemeentefonds_uitvoering_per_jaar"), 2023, last),
        ("spukOnderwijsroute", B.v("kosten.spuk_onderwijsroute_2022_2025") / 4, 2022, 2025),
    ):
        received = k[(k["payer"] == "gemeente") & (k["item"] == f"{item}Inkomsten")].set_index("year")["value"]
        paid = k[(k["payer"] == "rijk") & (k["item"] == f"{item}Uitkering")].set_index("year")["value"]
        assert np.allclose(received, -paid)
        assert {y for y in months.index if first <= y <= until} <= set(received.index)  # nothing before the law
        assert min(received.index) == first
        for year in received.index[received.index <= until]:
            assert paid[year] == pytest.approx(per_year * months[year] / 12)  # the national sum, whatever the scale
    # after the last year with arrivals the fund follows the dwindling caseload it is for (a cost review found
    # it stopped while execution went on, which showed as own funds), the same in every scenario
    caseload = fund_caseload(result, list(range(last, int(months.index.max()) + 1)))
    fund = k[(k["payer"] == "rijk") & (k["item"] == "gemeentefondsUitkering")].set_index("year")["value"]
    later = [y for y in months.index if y > last]
    assert later and all(y in fund.index for y in later)
    per_year = B.v("kosten.gemeentefonds_uitvoering_per_jaar")
    for year in later:
        share = min(1.0, caseload[year] / caseload[last])
        assert fund[year] == pytest.approx(per_year * months[year] / 12 * share)
        assert 0 < share < 1
    transfers = k["item"].str.startswith(("gemeentefonds", "spuk"))
    assert k["value"].sum() == pytest.approx(k.loc[~transfers, "value"].sum())  # a sum over payers nets them out


def test_the_fund_is_the_same_whatever_a_scenario_saves_on_execution(run) -> None:  # type: ignore[no-untyped-def]
    """A simulation audit found the fund following each scenario's own execution after the last arrivals
    year, so part of a scenario's municipal saving showed as a saving of the state."""
    _, frames = run
    shorter = kosten(_with_change("korter", "termijn.duur", 24), SCALE)

    def item(k: pd.DataFrame, name: str) -> pd.Series:
        return k[k["item"] == name].set_index(["year", "payer"])["value"]

    execution = item(frames["kosten"], "uitvoering"), item(shorter, "uitvoering")
    assert execution[1].sum() < execution[0].sum()  # the scenario saves execution
    for name in ("gemeentefondsInkomsten", "gemeentefondsUitkering"):
        pd.testing.assert_series_equal(item(frames["kosten"], name), item(shorter, name))


def test_every_route_is_priced_by_its_own_factor(run) -> None:  # type: ignore[no-untyped-def]
    _, frames = run
    doubled = B.with_values({"kosten.leerroute_factor_b1": 2 * B.v("kosten.leerroute_factor_b1")})
    _, other = _tables(doubled)

    def route_cost(f: dict[str, pd.DataFrame], item: str) -> float:
        k = f["kosten"]
        return float(k[(k["payer"] == "gemeente") & (k["item"] == item)]["value"].sum())

    assert route_cost(other, "leerrouteB1") == pytest.approx(2 * route_cost(frames, "leerrouteB1"), rel=1e-9)
    for item in ("leerrouteZ", "leerrouteOnderwijs"):
        assert route_cost(other, item) == pytest.approx(route_cost(frames, item), rel=1e-9)  # the others stay
    per = _per_route(frames["kosten"], frames["kern"], "wi2021", None).set_index("route")["median"]
    assert set(per.index) == set(ROUTE_ITEMS)
    params = resolve("wi2021").parameters
    highest = max(float(v.value) for v in params["financiering.spuk_prijs_traject_asiel"].values)
    for route, factor in (
        ("b1", "kosten.leerroute_factor_b1"),
        ("z", "kosten.leerroute_factor_z"),
        ("onderwijs", "kosten.leerroute_factor_onderwijs"),
    ):
        # nobody pays more than the whole trajectory: a route met costs its price, one cut short a 36th a month
        assert 0 < per[route] <= B.v(factor) * highest * (1 + 1e-9)
    # the dearest route costs most per person (a review found it the cheapest, its price spread over 36 months)
    assert per["onderwijs"] > max(per["b1"], per["z"])


def test_a_route_met_costs_its_whole_price_and_one_cut_short_less(run) -> None:  # type: ignore[no-untyped-def]
    """The price is per trajectory: a review found every route spread over 36 months, so one met in 15
    months cost 15/36 of its price and the onderwijsroute, the dearest, came out the cheapest."""
    from inburgering.rules.plicht import aow_datum
    from inburgering.sim.costs import _capped, _route_price, _trajectory_end
    from inburgering.sim.costs_prices import route_booking
    from inburgering.sim.ledger import Ledger

    result, _ = run
    st, pip = result.state, result.state.dates["datumPip"]
    capped = _capped(result, _trajectory_end(result, aow_datum(result.parameters, st.pop["geboortedatum"])))
    met = ~np.isnat(st.dates["datumVoldaan"]) & (st.dates["datumVoldaan"] <= capped)
    status = np.flatnonzero((st.pop["groep"] <= NAREIZIGER) & ~np.isnat(pip))
    price = _route_price(result)
    rate, rest = route_booking(pip, capped, met, price)
    assert np.all(rest[~met] == 0) and np.allclose(rate, price / 36)  # a month's cost does not wait on the end
    for who, whole in ((status[met[status]], True), (status[~met[status]], False)):
        assert len(who) > 50
        ledger = Ledger(result)
        ledger.interval("route", who, pip, capped, rate[who])
        ledger.once("route", who, capped, rest[who])
        booked = float(ledger.frame("kosten.")["value"].sum())
        if whole:  # each route met (within the horizon) costs all its price
            assert booked == pytest.approx(float(price[who].sum()), rel=1e-9)
        else:  # cut short or still running at the horizon: a 36th a month, less than the price
            assert 0 < booked < float(price[who].sum())


def test_from_2026_the_spuk_adds_the_onderwijsroutes_own_price(run) -> None:  # type: ignore[no-untyped-def]
    result, frames = run
    # the onderwijsroute priced below the average, so the SPUK adds nothing
    other = _with_change("geen-ophoging", "financiering.spuk_prijs_onderwijsroute", 0)

    def spuk(k: pd.DataFrame) -> float:
        return float(k[(k["payer"] == "gemeente") & (k["item"] == "spukInkomsten")]["value"].sum())

    from inburgering.rules.plicht import aow_datum
    from inburgering.sim.costs import _trajectory_end
    from inburgering.sim.costs_prices import onderwijs_top_up

    st, params = result.state, result.parameters
    end = _trajectory_end(result, aow_datum(params, st.pop["geboortedatum"]))
    who, extra, day = onderwijs_top_up(result, end)
    # each once, from the top-up's first year (2026) on, for status holders in the onderwijsroute then
    assert len(who) > 0 and len(np.unique(who)) == len(who)
    assert (day >= np.datetime64("2026-01-01")).all() and np.isin(st.pop["groep"][who], (ASIEL, NAREIZIGER)).all()
    assert ((st.route_bij_pip[who] == 1) | (st.leerroute[who] == 1)).all()
    within = day.astype("datetime64[Y]") <= np.datetime64("2031")  # paid within the horizon
    top_up = spuk(kosten(other, SCALE)) - spuk(frames["kosten"])  # income is negative: less without it
    assert top_up == pytest.approx(extra[within].sum() / SCALE, rel=1e-6)


def test_a_spuk_at_actual_cost_pays_no_status_holder_less(run) -> None:  # type: ignore[no-untyped-def]
    # VWN asks the SPUK in line with actual costs because it falls short (letter p. 8-9); a review found
    # the lever cutting it, as the model's provisions cost less than its average price
    _, frames = run
    other = _with_change("spuk-feitelijk", "financiering.spuk_feitelijke_kosten", True)

    def spuk(k: pd.DataFrame) -> pd.Series:
        rows = k[(k["payer"] == "gemeente") & (k["item"] == "spukInkomsten")]
        return rows.groupby("year")["value"].sum()

    base, at_cost = spuk(frames["kosten"]), spuk(kosten(other, SCALE))
    assert (at_cost <= base + 1e-6).all()  # income is negative: never less in any year
    assert at_cost.sum() < base.sum()  # and more where a person's provisions cost more (the onderwijsroute)


@settings(max_examples=30, deadline=None)
@given(
    amounts=st.lists(st.floats(0, 1e7), min_size=8, max_size=8),
    fund=st.floats(0, 1e7),
    spuk=st.floats(0, 1e7),
)
def test_own_funds_split_into_execution_and_provisions(amounts: list[float], fund: float, spuk: float) -> None:
    # a BRP registration and the A2 evaluation are municipal tasks, no provision for the person (a review
    # found them in the provisions the SPUK does not cover)
    items = ["uitvoering", "brpInschrijvingCoa", "a2Evaluatie", "leerrouteB1", "begeleiding", "map", "pvt"]
    items.append("collegeBoeteInkomsten")
    rows = [{"item": i, "value": a if not i.endswith("Inkomsten") else -a} for i, a in zip(items, amounts, strict=True)]
    rows += [{"item": "gemeentefondsInkomsten", "value": -fund}, {"item": "spukInkomsten", "value": -spuk}]
    frame = pd.DataFrame(rows).assign(scenario="s", draw=0, year=2027, payer="gemeente")
    out = _municipal_finance(frame, None).set_index("post")["median"]
    assert out["eigenMiddelenUitvoering"] == pytest.approx(sum(amounts[:3]) - fund, abs=1e-6)
    assert out["eigenMiddelenUitvoering"] + out["tekortVoorzieningen"] == pytest.approx(out["eigenMiddelen"], abs=1e-6)
    assert out["eigenMiddelen"] == pytest.approx(frame["value"].sum(), abs=1e-6)
    assert out["gemeentefonds"] == pytest.approx(fund) and out["spuk"] == pytest.approx(spuk)


def test_coa_reception_and_the_rest_add_up_to_the_whole() -> None:
    from inburgering.compare.summary import summarise_costs

    rows = [
        ("rijk", "opvang", 500.0),
        ("rijk", "taalmaatjes", 20.0),
        ("gemeente", "leerrouteB1", 70.0),
        ("gemeente", "spukInkomsten", -60.0),
        ("rijk", "spukUitkering", 60.0),
        ("persoon", "examens", 5.0),
    ]
    frames = []
    for scenario, factor in (("basis", 1.0), ("voorstel", 1.5)):
        frames.append(
            pd.DataFrame(
                [
                    {
                        "scenario": scenario,
                        "draw": 0,
                        "year": 2027,
                        "payer": p,
                        "item": i,
                        "value": v * (factor if i == "opvang" else 1),
                    }
                    for p, i, v in rows
                ]
            )
        )
    kosten = pd.concat(frames, ignore_index=True)
    kern = pd.DataFrame(
        [
            {
                "scenario": sc,
                "draw": 0,
                "indicator": "aantalInburgeringsplichtigen",
                "group": "alle",
                "route": "alle",
                "sex": "alle",
                "value": 10.0,
            }
            for sc in ("basis", "voorstel")
        ]
    )
    out = summarise_costs(kosten, kern, "basis")
    split = out["kostenOpvangApart"].set_index(["scenario", "deel"])
    whole = out["kostenTotaal"].set_index(["scenario", "payer"])
    for scenario in ("basis", "voorstel"):
        assert split.loc[(scenario, "opvang"), "median"] + split.loc[(scenario, "overig"), "median"] == pytest.approx(
            whole.loc[(scenario, "alle"), "median"]
        )
    assert split.loc[("voorstel", "opvang"), "verschilMedian"] == pytest.approx(250.0)
    # per person obliged leaves COA reception out (mostly rejected applicants', who are never obliged)
    per = out["kostenPerPersoon"].set_index(["scenario", "payer"])
    assert per.loc[("voorstel", "alle"), "median"] == pytest.approx((20 + 70 - 60 + 60 + 5) / 10)
    assert per.loc[("voorstel", "alle"), "verschilMedian"] == pytest.approx(0.0)
    assert split.loc[("voorstel", "overig"), "verschilMedian"] == pytest.approx(0.0)


def test_an_item_only_a_scenario_has_differs_by_its_whole_cost() -> None:
    """Childcare exists only in the proposal: the baseline's cost of it is 0, not unknown (a review found 'n/a')."""
    from inburgering.compare.summary import summarise_costs

    cells = [
        ("basis", "gemeente", "leerrouteB1"),
        ("voorstel", "gemeente", "leerrouteB1"),
        ("voorstel", "rijk", "kinderopvang"),
    ]
    rows = [
        {
            "scenario": sc,
            "draw": draw,
            "year": 2027,
            "payer": payer,
            "item": item,
            "value": 70.0 if item != "kinderopvang" else 30.0 + draw,
        }
        for draw in (0, 1, 2)
        for sc, payer, item in cells
    ]
    kosten = pd.DataFrame(rows)
    kern = pd.DataFrame(
        [
            {
                "scenario": sc,
                "draw": d,
                "indicator": "aantalInburgeringsplichtigen",
                "group": "alle",
                "route": "alle",
                "sex": "alle",
                "value": 10.0,
            }
            for sc in ("basis", "voorstel")
            for d in (0, 1, 2)
        ]
    )
    items = summarise_costs(kosten, kern, "basis")["kostenPerPost"].set_index(["scenario", "payer", "item"])
    childcare = items.loc[("voorstel", "rijk", "kinderopvang")]
    assert childcare["verschilMedian"] == pytest.approx(31.0)
    assert items.loc[("basis", "rijk", "kinderopvang"), "median"] == 0.0
    assert not items[["verschilMedian", "verschilLaag", "verschilHoog"]].isna().any().any()


def test_the_execution_check_says_in_numbers_whether_it_holds() -> None:
    from inburgering.compare.report_costs import _check

    medians = pd.DataFrame({"eigenMiddelenUitvoering": [120e6, 125e6, 200e6]}, index=[2023, 2024, 2031])
    text = _check(medians, 2030, "en")
    assert "above the letter's range" in text and "2023-2030" in text
    assert "200" not in text  # 2031 has no fund in the model: not part of the check
    inside = _check(pd.DataFrame({"eigenMiddelenUitvoering": [35e6, 40e6]}, index=[2023, 2024]), 2030, "nl")
    assert "binnen de bandbreedte" in inside


def test_the_flows_are_weighted_medians_like_every_other() -> None:
    # docs/compare.md: every median is weighted by the draws' fit (a review found the Sankey's unweighted)
    from inburgering.compare.summary import summarise_flows

    flows = pd.DataFrame(
        {"scenario": "s", "draw": [0, 1, 2, 3], "source": "asiel", "target": "b1", "value": [1.0, 2.0, 3.0, 10.0]}
    )
    assert summarise_flows(flows)["value"].tolist() == [2.5]
    heavy_last = pd.Series([0.1, 0.1, 0.1, 0.7], index=[0, 1, 2, 3])
    assert summarise_flows(flows, heavy_last)["value"].tolist() == [10.0]


def test_a_status_holders_execution_runs_from_the_move_or_an_intake_not_from_the_notice(run) -> None:  # type: ignore[no-untyped-def]
    """A cost review found months of COA waiting charged as municipal execution (from DUO's notice)."""
    from dataclasses import replace

    from inburgering.rules.plicht import aow_datum
    from inburgering.sim.costs import _execution, _trajectory_end
    from inburgering.sim.days import DateColumns
    from inburgering.sim.ledger import Ledger

    result, _ = run
    st = result.state
    status = st.pop["groep"] <= NAREIZIGER
    assert (status & ~np.isnat(st.dates["datumKennisgeving"])).sum() > 100

    def execution(dates: DateColumns) -> float:
        changed = replace(result, state=replace(st, dates=dates))
        pension = aow_datum(result.parameters, st.pop["geboortedatum"])
        ledger = Ledger(changed)
        _execution(changed, ledger, _trajectory_end(changed, pension), pension)
        return float(ledger.frame("kosten.")["value"].sum())

    def copy(**empty: np.ndarray) -> DateColumns:
        dates = DateColumns(tuple(st.dates), len(st.pop))
        for name in st.dates:
            dates[name] = st.dates[name].copy()
        for name, who in empty.items():
            dates[name][who] = np.datetime64("NaT", "D")
        return dates

    whole = execution(copy())
    # never moved nor taken in: their municipality has no case yet, whatever DUO's notice says
    never = execution(copy(datumInschrijvingBrp=status, datumIntake=status))
    without = execution(copy(datumKennisgeving=status))
    assert never == pytest.approx(without, rel=1e-12) and never < whole


@settings(max_examples=40, deadline=None)
@given(
    provisions=st.lists(st.floats(0, 1e7), min_size=4, max_size=4),
    execution=st.floats(0, 1e7),
    fund=st.floats(0, 1e7),
    spuk=st.floats(0, 2e7),
)
def test_unspent_spuk_goes_back_to_the_state(
    provisions: list[float], execution: float, fund: float, spuk: float
) -> None:
    """Art. 42: the SPUK not spent on provisions in a year is paid back; the municipality keeps no surplus.

    A review found the model's SPUK surplus kept by municipalities, so that more provisions under a
    proposal looked like a municipal cost where the state in fact got less back.
    """
    from inburgering.compare.finance import REPAID, reclaim
    from inburgering.compare.summary import _municipal_finance

    items = ["leerrouteB1", "begeleiding", "map", "pvt"]
    rows = [{"payer": "gemeente", "item": i, "value": a} for i, a in zip(items, provisions, strict=True)]
    rows += [
        {"payer": "gemeente", "item": "uitvoering", "value": execution},
        {"payer": "gemeente", "item": "gemeentefondsInkomsten", "value": -fund},
        {"payer": "gemeente", "item": "spukInkomsten", "value": -spuk},
        {"payer": "rijk", "item": "spukUitkering", "value": spuk},
    ]
    costs = pd.DataFrame(rows).assign(year=2027)
    back = reclaim(costs)
    unspent = max(spuk - sum(provisions), 0.0)
    repaid = back[back["payer"] == "gemeente"]["value"].sum()
    assert repaid == pytest.approx(unspent, abs=1e-3)
    assert back["value"].sum() == pytest.approx(0.0, abs=1e-3)  # a transfer: nets out over payers
    whole = pd.concat([costs, back], ignore_index=True).assign(scenario="s", draw=0)
    out = _municipal_finance(whole, None).set_index("post")["median"]
    assert out["tekortVoorzieningen"] == pytest.approx(max(sum(provisions) - spuk, 0.0), abs=1e-3)
    assert out[REPAID] == pytest.approx(unspent, abs=1e-3)
    assert out["voorzieningen"] == pytest.approx(sum(provisions), abs=1e-3)
    assert out["eigenMiddelen"] == pytest.approx(whole[whole["payer"] == "gemeente"]["value"].sum(), abs=1e-3)


def test_more_provisions_under_a_surplus_cost_the_state_not_the_municipality() -> None:
    from inburgering.compare.finance import reclaim

    def municipal_and_state(route: float) -> tuple[float, float]:
        costs = pd.DataFrame(
            [
                {"payer": "gemeente", "item": "leerrouteB1", "value": route},
                {"payer": "gemeente", "item": "spukInkomsten", "value": -100.0},
                {"payer": "rijk", "item": "spukUitkering", "value": 100.0},
            ]
        ).assign(year=2027)
        whole = pd.concat([costs, reclaim(costs)], ignore_index=True)
        return tuple(float(whole[whole["payer"] == p]["value"].sum()) for p in ("gemeente", "rijk"))  # type: ignore[return-value]

    base, more = municipal_and_state(60.0), municipal_and_state(80.0)
    assert more[0] == pytest.approx(base[0])  # the surplus pays for it: the municipality pays nothing more
    assert more[1] == pytest.approx(base[1] + 20.0)  # the state gets 20 less back
    beyond = municipal_and_state(130.0)
    assert beyond[0] == pytest.approx(30.0) and beyond[1] == pytest.approx(100.0)


def test_a_shortfall_is_carried_into_the_next_years_reclaim() -> None:
    """Besluit 10.6: net costs above the uitkering are booked to the next year, so they lower its reclaim.

    The review of the day's change found a year's deficit ignored and the next year's surplus reclaimed whole.
    """
    from inburgering.compare.finance import REPAID, reclaim

    rows = []
    for year, route in ((2031, 110.0), (2032, 70.0), (2033, 80.0)):
        rows += [
            {"year": year, "payer": "gemeente", "item": "leerrouteB1", "value": route},
            {"year": year, "payer": "gemeente", "item": "spukInkomsten", "value": -100.0},
        ]
    back = reclaim(pd.DataFrame(rows))
    repaid = back[back["item"] == REPAID].set_index("year")["value"]
    assert 2031 not in repaid.index  # a shortfall of 10, carried
    assert repaid[2032] == pytest.approx(20.0)  # 30 unspent less the 10 carried
    assert repaid[2033] == pytest.approx(20.0)


def test_a_shorter_term_does_not_make_a_met_route_cheaper() -> None:
    """The price is per trajectory: a simulation audit found a 24-month term charging routes met in an
    extension or after the term two thirds of their price, a 'saving' of 138 million euros on routes
    that were still met. Each route met after the shorter term costs its whole price, as in the Act's."""
    from inburgering.rules.plicht import aow_datum
    from inburgering.sim.costs import _capped, _route_price, _trajectory_end
    from inburgering.sim.costs_prices import route_booking
    from inburgering.sim.ledger import Ledger

    result = _with_change("kort", "termijn.duur", 24)
    st, d = result.state, result.state.dates
    pip, met = d["datumPip"], d["datumVoldaan"]
    status = (st.pop["groep"] <= NAREIZIGER) & ~np.isnat(pip) & ~np.isnat(met)
    months = (met - pip).astype(np.int64)
    late = np.flatnonzero(status & (months > 24 * 31) & (months < 35 * 30))  # met after the 24 months
    assert len(late) > 30
    capped = _capped(result, _trajectory_end(result, aow_datum(result.parameters, st.pop["geboortedatum"])))
    price = _route_price(result)
    rate, rest = route_booking(pip, capped, ~np.isnat(met) & (met <= capped), price)
    ledger = Ledger(result)
    ledger.interval("route", late, pip, capped, rate[late])
    ledger.once("route", late, capped, rest[late])
    assert float(ledger.frame("kosten.")["value"].sum()) == pytest.approx(float(price[late].sum()), rel=1e-9)
