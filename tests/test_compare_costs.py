"""The letter's cost points: actual route prices, the gemeentefonds beside the SPUK, and the own funds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.compare.metrics import kern, kosten
from inburgering.compare.summary import ROUTE_ITEMS, _municipal_finance, _per_route
from inburgering.law.scenario import resolve
from inburgering.sim.behaviour import load_behaviour
from inburgering.sim.engine import SimConfig, simulate_population
from inburgering.sim.population import ASIEL, NAREIZIGER, PopulationConfig, generate_population

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


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    return _tables()


def test_the_gemeentefonds_is_a_transfer_of_the_yearly_sum(run) -> None:  # type: ignore[no-untyped-def]
    result, frames = run
    k = frames["kosten"]
    received = k[(k["payer"] == "gemeente") & (k["item"] == "gemeentefondsInkomsten")].set_index("year")["value"]
    paid = k[(k["payer"] == "rijk") & (k["item"] == "gemeentefondsUitkering")].set_index("year")["value"]
    assert (received < 0).all() and np.allclose(received, -paid)
    months = pd.Series(result.months.astype("datetime64[Y]").astype(np.int64) + 1970).value_counts()
    per_year = B.v("kosten.gemeentefonds_uitvoering_per_jaar")
    for year, n in months.items():
        assert paid[year] == pytest.approx(per_year * n / 12)  # the national sum, whatever the scale
    transfers = k["item"].isin(["gemeentefondsInkomsten", "gemeentefondsUitkering", "spukInkomsten", "spukUitkering"])
    assert k["value"].sum() == pytest.approx(k.loc[~transfers, "value"].sum())  # a sum over payers nets them out


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
        # nobody pays more than the whole trajectory: the price is spread over at most 36 months of the route
        assert 0 < per[route] <= B.v(factor) * highest * (1 + 1e-9)


def test_from_2026_the_spuk_adds_the_onderwijsroutes_own_price(run) -> None:  # type: ignore[no-untyped-def]
    result, frames = run
    k = frames["kosten"]
    spuk = k[(k["payer"] == "gemeente") & (k["item"] == "spukInkomsten")].set_index("year")["value"]
    st = result.state
    pip = st.dates["datumPip"]
    onderwijs = (st.leerroute == 1) & ~np.isnat(pip) & (pip >= np.datetime64("2026-01-01"))
    onderwijs &= np.isin(st.pop["groep"], (ASIEL, NAREIZIGER))
    assert onderwijs.sum() > 0
    params = result.parameters
    extra = (
        params["financiering.spuk_prijs_onderwijsroute"].values_at(pip[onderwijs])
        - params["financiering.spuk_prijs_traject_asiel"].values_at(pip[onderwijs])
    ).sum() / SCALE
    assert extra > 0
    assert -spuk[spuk.index >= 2026].sum() > extra  # the top-up is part of the SPUK from 2026


@settings(max_examples=30, deadline=None)
@given(
    amounts=st.lists(st.floats(0, 1e7), min_size=6, max_size=6),
    fund=st.floats(0, 1e7),
    spuk=st.floats(0, 1e7),
)
def test_own_funds_split_into_execution_and_provisions(amounts: list[float], fund: float, spuk: float) -> None:
    items = ["uitvoering", "leerrouteB1", "begeleiding", "map", "pvt", "collegeBoeteInkomsten"]
    rows = [{"item": i, "value": a if not i.endswith("Inkomsten") else -a} for i, a in zip(items, amounts, strict=True)]
    rows += [{"item": "gemeentefondsInkomsten", "value": -fund}, {"item": "spukInkomsten", "value": -spuk}]
    frame = pd.DataFrame(rows).assign(scenario="s", draw=0, year=2027, payer="gemeente")
    out = _municipal_finance(frame, None).set_index("post")["median"]
    assert out["eigenMiddelenUitvoering"] == pytest.approx(amounts[0] - fund, abs=1e-6)
    assert out["eigenMiddelenUitvoering"] + out["tekortVoorzieningen"] == pytest.approx(out["eigenMiddelen"], abs=1e-6)
    assert out["eigenMiddelen"] == pytest.approx(frame["value"].sum(), abs=1e-6)
    assert out["gemeentefonds"] == pytest.approx(fund) and out["spuk"] == pytest.approx(spuk)
