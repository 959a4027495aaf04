"""From per-draw tables to the comparison: medians, 90% intervals, differences, sensitivity.

Differences against the baseline are taken draw by draw (same parameters, same population,
same random numbers) and only then summarised, so the interval of a difference is the
uncertainty of the policy effect, not the spread of two independent runs. A scenario whose
every indicator equals the baseline's in every draw is flagged as changing nothing in the
horizon, rather than being shown as "no effect".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

import numpy as np
import pandas as pd

from inburgering.compare.attribution import Unit, contributions, summarise_contributions
from inburgering.compare.conditioning import draw_weights, weighted_quantiles
from inburgering.compare.draws import draw_values
from inburgering.compare.finance import FINANCE, REPAID
from inburgering.sim.behaviour import Behaviour

LOW, HIGH = 0.05, 0.95  # the 90% interval
Weights: TypeAlias = "pd.Series | None"  # weight per draw (conditioning on the fit), or None: all draws alike
CUT = ["indicator", "group", "route", "sex"]
HEADLINE = ("aandeel.voldaanInTermijn", "asiel", "alle", "alle")


def _quantiles(frame: pd.DataFrame, by: list[str], column: str = "value", weights: Weights = None) -> pd.DataFrame:
    """Median and 90% interval of ``column`` per group; weighted by draw when ``weights`` is given."""
    if weights is not None:
        out = weighted_quantiles(frame, by, column, weights, (0.5, LOW, HIGH))
        return out.rename(columns={"q0.5": "median", f"q{LOW}": "laag", f"q{HIGH}": "hoog"})
    g = frame.groupby(by, sort=False, observed=True)[column]
    out = g.median().rename("median").to_frame()
    out["laag"] = g.quantile(LOW)
    out["hoog"] = g.quantile(HIGH)
    return out.reset_index()


def differences(frame: pd.DataFrame, keys: list[str], baseline: str) -> pd.DataFrame:
    """Per draw: each scenario's value minus the baseline's (``verschil``) for the same keys."""
    base = frame[frame["scenario"] == baseline][["draw", *keys, "value"]].rename(columns={"value": "basis"})
    merged = frame.merge(base, on=["draw", *keys], how="left")
    merged["verschil"] = merged["value"] - merged["basis"]
    return merged


def summarise_kern(kern: pd.DataFrame, baseline: str, weights: Weights = None) -> pd.DataFrame:
    """Median and 90% interval of each indicator and of its difference with the baseline."""
    diff = differences(kern, CUT, baseline)
    levels = _quantiles(kern, ["scenario", *CUT], weights=weights)
    d = _quantiles(diff, ["scenario", *CUT], "verschil", weights).rename(
        columns={"median": "verschilMedian", "laag": "verschilLaag", "hoog": "verschilHoog"}
    )
    out = levels.merge(d, on=["scenario", *CUT])
    same = diff.assign(same=np.isclose(diff["value"], diff["basis"], equal_nan=True, rtol=0, atol=0))
    out = out.merge(same.groupby(["scenario", *CUT], observed=True)["same"].all().reset_index(), on=["scenario", *CUT])
    return out.rename(columns={"same": "gelijkAanBasis"})


def unchanged(kern_summary: pd.DataFrame, baseline: str) -> list[str]:
    """Scenarios (other than the baseline) equal to it on every indicator in every draw."""
    flags = kern_summary[kern_summary["scenario"] != baseline].groupby("scenario", sort=False)["gelijkAanBasis"].all()
    return [s for s, same in flags.items() if same]


def summarise_curves(curves: pd.DataFrame, weights: Weights = None) -> pd.DataFrame:
    """Median and 90% interval of each curve point."""
    return _quantiles(curves, ["scenario", "curve", "group", "sex", "k"], weights=weights)


def summarise_flows(flows: pd.DataFrame, weights: Weights = None) -> pd.DataFrame:
    """Median persons on each flow (a Sankey of medians; the intervals are in the key table).

    Weighted by draw like every other median (a review found the flows unweighted); medians of
    flows need not balance at a node, as no median of a sum is the sum of medians.
    """
    by = ["scenario", "source", "target"]
    return _quantiles(flows, by, weights=weights)[[*by, "median"]].rename(columns={"median": "value"})


def summarise_costs(
    kosten: pd.DataFrame, kern: pd.DataFrame, baseline: str, weights: Weights = None
) -> dict[str, pd.DataFrame]:
    """Costs by year, payer and item; totals per payer and item, and per obliged person.

    Also the municipal balance per year. Every total comes with its per-draw difference.
    """
    by_item = _quantiles(kosten, ["scenario", "year", "payer", "item"], weights=weights)
    item_totals = _with_zeros(
        kosten.groupby(["scenario", "draw", "payer", "item"], as_index=False)["value"].sum(), ["payer", "item"]
    )
    totals = kosten.groupby(["scenario", "draw", "payer"], as_index=False)["value"].sum()
    everyone = kosten.groupby(["scenario", "draw"], as_index=False)["value"].sum().assign(payer="alle")
    totals = pd.concat([totals, everyone], ignore_index=True)
    totals_summary = summarise_generic(totals, ["payer"], baseline, weights)
    obliged = kern[
        (kern["indicator"] == "aantalInburgeringsplichtigen") & (kern["group"] == "alle") & (kern["sex"] == "alle")
    ][["scenario", "draw", "value"]].rename(columns={"value": "personen"})
    # per person obliged without COA reception: most of that is for asylum seekers who are never
    # obliged (rejected applicants), so dividing it by the obliged says nothing (a review)
    care = kosten[~((kosten["payer"] == "rijk") & (kosten["item"] == "opvang"))]
    no_coa = care.groupby(["scenario", "draw", "payer"], as_index=False)["value"].sum()
    no_coa = pd.concat(
        [no_coa, care.groupby(["scenario", "draw"], as_index=False)["value"].sum().assign(payer="alle")],
        ignore_index=True,
    )
    per_person = no_coa.merge(obliged, on=["scenario", "draw"])
    per_person["value"] = per_person["value"] / per_person["personen"]
    gemeente = kosten[kosten["payer"] == "gemeente"]
    income = gemeente["item"] == "spukInkomsten"
    spend = gemeente[~income].groupby(["scenario", "draw", "year"])["value"].sum().rename("kosten")
    spuk = (-gemeente[income].groupby(["scenario", "draw", "year"])["value"].sum()).rename("spuk")
    balance = pd.concat([spend, spuk], axis=1).fillna(0.0).reset_index()
    balance["value"] = balance["kosten"] - balance["spuk"]  # the gap municipalities pay themselves
    gap = _quantiles(balance, ["scenario", "year"], weights=weights)
    coa = (
        kosten[(kosten["payer"] == "rijk") & (kosten["item"] == "opvang")].groupby(["scenario", "draw"])["value"].sum()
    )
    every = kosten.groupby(["scenario", "draw"])["value"].sum()
    split = pd.DataFrame({"opvang": coa.reindex(every.index, fill_value=0.0)})
    split["overig"] = every - split["opvang"]
    split = split.reset_index().melt(id_vars=["scenario", "draw"], var_name="deel", value_name="value")
    return {
        # COA reception apart from the rest: its billions would swamp every other change in one chart
        "kostenOpvangApart": summarise_generic(split, ["deel"], baseline, weights),
        "kostenPerRoute": _per_route(kosten, kern, baseline, weights),
        "gemeenteFinanciering": _municipal_finance(kosten, weights),
        "kostenPerJaar": by_item,
        "kostenPerPost": summarise_generic(item_totals, ["payer", "item"], baseline, weights),
        "kostenTotaal": totals_summary,
        "kostenPerPersoon": summarise_generic(per_person.drop(columns="personen"), ["payer"], baseline, weights),
        "gemeenteTekort": gap,
    }


ROUTE_ITEMS = {"b1": "leerrouteB1", "onderwijs": "leerrouteOnderwijs", "z": "leerrouteZ"}


def _per_route(kosten: pd.DataFrame, kern: pd.DataFrame, baseline: str, weights: Weights) -> pd.DataFrame:
    """The municipality's learning-route cost per status holder with that route (the letter: B1 lowest).

    Over the horizon: the route's cost item summed, over the status holders whose last route it is.
    A trajectory still running at the horizon's end counts whole in the persons and in part in the
    cost, so a short horizon understates the cost per person.
    """
    items = kosten[(kosten["payer"] == "gemeente") & kosten["item"].isin(ROUTE_ITEMS.values())]
    cost = items.groupby(["scenario", "draw", "item"], as_index=False)["value"].sum()
    cost["route"] = cost["item"].map({v: k for k, v in ROUTE_ITEMS.items()})
    persons = kern[(kern["indicator"] == "aantalMetLeerroute") & (kern["group"] == "asiel")]
    persons = persons[["scenario", "draw", "route", "value"]].rename(columns={"value": "personen"})
    per = cost.merge(persons, on=["scenario", "draw", "route"])
    per["value"] = per["value"] / per["personen"].where(per["personen"] > 0)
    columns = ["scenario", "route", "median", "laag", "hoog", "verschilMedian", "verschilLaag", "verschilHoog"]
    if per.empty:
        return pd.DataFrame(columns=columns)
    return summarise_generic(per[["scenario", "draw", "route", "value"]], ["route"], baseline, weights)


def _municipal_finance(kosten: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """Per year: execution costs against the gemeentefonds, provisions against the SPUK, and the own funds.

    ``eigenMiddelenUitvoering`` is execution (with the BRP registration in COA and the A2 evaluation)
    minus the gemeentefonds (the letter: 31-46 million a year); ``tekortVoorzieningen`` is every
    other municipal cost (routes, MB, MAP, PVT, exams, the proposals' offers; fines received netted)
    minus the SPUK kept (received less ``spukTerugbetaling``, the unspent part paid back after a
    shortfall carried from the year before, :func:`inburgering.compare.finance.reclaim`);
    ``eigenMiddelen`` is their sum.
    Income is shown as a positive amount.
    """
    g = kosten[kosten["payer"] == "gemeente"]
    by = ["scenario", "draw", "year"]
    total = g.groupby(by)["value"].sum().rename("totaal")
    parts = {name: g[g["item"].isin(items)].groupby(by)["value"].sum().rename(name) for name, items in FINANCE.items()}
    repaid = g[g["item"] == REPAID].groupby(by)["value"].sum().rename(REPAID)
    wide = pd.concat([total, *parts.values(), repaid], axis=1).fillna(0.0)
    wide["gemeentefonds"] = -wide["gemeentefonds"]
    wide["spuk"] = -wide["spuk"]
    kept = wide["spuk"] - wide[REPAID]
    wide["voorzieningen"] = wide["totaal"] - wide["uitvoering"] + wide["gemeentefonds"] + kept
    wide["eigenMiddelenUitvoering"] = wide["uitvoering"] - wide["gemeentefonds"]
    wide["tekortVoorzieningen"] = wide["voorzieningen"] - kept
    wide["eigenMiddelen"] = wide["totaal"]
    long = wide.drop(columns="totaal").reset_index().melt(id_vars=by, var_name="post", value_name="value")
    return _quantiles(long, ["scenario", "year", "post"], weights=weights)


def _with_zeros(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``frame`` with a zero row for every (scenario, draw) that lacks one of the ``keys`` some other has.

    Why: a cost item only a scenario has (its childcare, its language buddies) costs nothing in
    the baseline, so its difference is its whole cost, not "n/a" (a review found most of a
    package's extra cost shown without a difference).
    """
    runs = frame[["scenario", "draw"]].drop_duplicates()
    cells = frame[keys].drop_duplicates()
    grid = runs.merge(cells, how="cross")
    out = grid.merge(frame, on=["scenario", "draw", *keys], how="left")
    out["value"] = out["value"].fillna(0.0)
    return out


def summarise_generic(frame: pd.DataFrame, keys: list[str], baseline: str, weights: Weights = None) -> pd.DataFrame:
    """Median and interval of ``value`` and of its per-draw difference with the baseline, by ``keys``."""
    diff = differences(frame, keys, baseline)
    levels = _quantiles(frame, ["scenario", *keys], weights=weights)
    d = _quantiles(diff, ["scenario", *keys], "verschil", weights).rename(
        columns={"median": "verschilMedian", "laag": "verschilLaag", "hoog": "verschilHoog"}
    )
    return levels.merge(d, on=["scenario", *keys])


def sensitivity(
    kern: pd.DataFrame,
    behaviour: Behaviour,
    seed: int,
    baseline: str,
    live: Mapping[str, frozenset[str]] | None = None,
    top: int = 10,
) -> pd.DataFrame:
    """Which drawn assumptions move each scenario's headline difference most (Spearman rank correlation).

    Over the draws, the rank correlation between a parameter's drawn value and the scenario's
    difference with the baseline in the headline indicator. Only parameters that can move that
    difference are ranked: those the scenario's or the baseline's run reads (``live``, see
    :mod:`inburgering.compare.live`), and no cost price, since the headline is not a cost.
    ``p`` is a permutation p-value adjusted for the number of parameters tested (max-T, see
    :func:`_permutation_test`) and ``bovenRuis`` marks ``p <= 0.05``: ranking dozens of
    assumptions finds a few strong correlations by chance alone. Draws in which the indicator
    could not be measured are left out; with fewer than 5 left the scenario is not ranked.
    """
    ind, group, route, sex = HEADLINE
    pick = kern[(kern["indicator"] == ind) & (kern["group"] == group) & (kern["route"] == route) & (kern["sex"] == sex)]
    diff = differences(pick, CUT, baseline)
    draws = sorted(pick["draw"].unique())
    columns = ["scenario", "parameter", "rho", "p", "rank", "bovenRuis", "getoetst"]
    if len(draws) < 5:
        return pd.DataFrame(columns=columns)
    values = pd.DataFrame([draw_values(behaviour, seed, int(d)) for d in draws], index=draws)
    rows = []
    for scenario, part in diff[diff["scenario"] != baseline].groupby("scenario", sort=False):
        y = part.set_index("draw")["verschil"].reindex(draws)
        measured = y.notna().to_numpy()  # a draw without the indicator (nobody observed) cannot be ranked
        if measured.sum() < 5 or y[measured].nunique() < 2:
            continue
        ranks = values[measured].rank()
        tested = [c for c in ranks.columns if _may_move(c, scenario, baseline, live) and ranks[c].nunique() > 1]
        if not tested:
            continue
        rho, p = _permutation_test(ranks[tested].to_numpy(), y[measured].rank().to_numpy(), seed)
        keep = p <= ALPHA
        order = np.argsort(-np.abs(rho), kind="stable")[:top]
        for i, k in enumerate(order, start=1):
            rows.append(
                {
                    "scenario": scenario,
                    "parameter": tested[k],
                    "rho": float(rho[k]),
                    "p": float(p[k]),
                    "rank": i,
                    "bovenRuis": bool(keep[k]),
                    "getoetst": len(tested),
                }
            )
    return pd.DataFrame(rows, columns=columns)


PERMUTATIONS = 1999


def _may_move(parameter: str, scenario: str, baseline: str, live: Mapping[str, frozenset[str]] | None) -> bool:
    """Whether ``parameter`` can move the headline difference of ``scenario`` against ``baseline``."""
    if parameter.startswith("kosten."):
        return False  # a price moves costs, never who completes in term
    if live is None:
        return True
    return parameter in live.get(scenario, frozenset()) or parameter in live.get(baseline, frozenset())


def _permutation_test(x: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Correlation of each column of ``x`` with ``y``, and its family-wise adjusted permutation p-value.

    ``y`` is shuffled ``PERMUTATIONS`` times (one generator per seed, so a rerun gives the same
    p-values); all columns are tested against the same shuffles. The adjusted p-value of a column
    is the share of shuffles whose largest |correlation| over all columns tested reaches the
    column's own (Westfall and Young's single-step max-T): it controls the chance of naming any
    assumption by chance alone at ``ALPHA`` however many are tested, with no floor of
    1/``PERMUTATIONS`` against a divided threshold (as Holm's first step would need).
    """
    xs = (x - x.mean(axis=0)) / x.std(axis=0)
    ys = (y - y.mean()) / y.std()
    n = len(y)
    rho = xs.T @ ys / n
    rng = np.random.default_rng(np.random.SeedSequence([seed, 17]))
    shuffled = np.array([rng.permutation(ys) for _ in range(PERMUTATIONS)])
    largest = np.abs(shuffled @ xs / n).max(axis=1)  # per shuffle: the strongest chance correlation
    hits = (largest[:, None] >= np.abs(rho)[None, :] - 1e-12).sum(axis=0)
    return rho, (hits + 1) / (PERMUTATIONS + 1)


ALPHA = 0.05


def summarise(
    parts: dict[str, pd.DataFrame],
    baseline: str,
    behaviour: Behaviour,
    seed: int,
    live: Mapping[str, frozenset[str]] | None = None,
    units: Mapping[str, list[Unit]] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table of the finished comparison (what the report, the exports and the store hold).

    With a fit per draw (``parts["fit"]``, from the draws' ``wi2021`` runs), every interval is
    weighted by it (:mod:`inburgering.compare.conditioning`); ``trekkingsgewichten`` holds each
    draw's loss and weight. With the variants' runs (``parts["variant"]``) and each scenario's
    ``units``, ``bijdragen`` gives each change's contribution (:mod:`inburgering.compare.attribution`).
    """
    draws = sorted(int(d) for d in parts["kern"]["draw"].unique())
    table = draw_weights(parts.get("fit", pd.DataFrame()), draws)
    weights = None if table.empty else table.set_index("draw")["gewicht"]
    kern = summarise_kern(parts["kern"], baseline, weights)
    out = {
        "trekkingsgewichten": table,
        "kernindicatoren": kern,
        "kernindicatorenPerTrekking": parts["kern"],
        "voortgang": summarise_curves(parts["curves"], weights),
        "stromen": summarise_flows(parts["flows"], weights),
        "gevoeligheid": sensitivity(parts["kern"], behaviour, seed, baseline, live),
    }
    out.update(summarise_costs(parts["kosten"], parts["kern"], baseline, weights))
    variant = parts.get("variant", pd.DataFrame())
    if units is not None:  # asked for: a scenario of one change runs no variant but still gets its row
        per_draw = contributions(variant, parts["kern"], parts["kosten"], units, baseline)
        out["bijdragen"] = summarise_contributions(per_draw, weights)
    return out
