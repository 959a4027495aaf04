"""Which change does what: each change of a scenario alone, the scenario without it, and Shapley shares.

Why: a scenario of several changes has one total effect, and the first question an analyst
gets is which proposal gives it and which one costs the money. Effects of changes need not
add up (work from the first month does little without a BSN), so one number per change is a
choice of method; the table gives three and says which is which:

- ``alleen`` (alone): the baseline plus only this change, minus the baseline;
- ``zonder`` (last in): the whole scenario minus the scenario without this change;
- ``shapley``: the change's average contribution over every order in which the changes could
  be added (exact, from all 2^k subsets), which sums to the total effect. Only when the
  scenario has at most ``SHAPLEY_MAX`` units, since it needs 2^k runs per draw.

A scenario's *units* are the parameters on which it differs from the baseline once both are
resolved. Changes that act only together (``werkt_samen_met``) form one unit, since apart they
move nothing by design; changes the simulation cannot show (``niet_in_simulatie``) are left out.
A parameter changed by two layers (the coalition and VWN both set the early language offer) is
one unit, and one that a later layer sets back to the baseline's value is none. A variant is the
baseline's law with the scenario's values for the parameters kept.

Every variant runs in every draw with the draw's behaviour, population and random numbers
(common random numbers), so a contribution is a paired difference like the scenario's own, and
its interval is weighted by the draw's fit exactly like the key indicators'.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from inburgering.compare.conditioning import weighted_quantiles
from inburgering.compare.headline import CANDIDATES
from inburgering.law.parameters import load_parameters
from inburgering.law.scenario import Scenario, ScenarioLayer, resolve

SHAPLEY_MAX = 4  # 2^4 = 16 runs per draw and scenario; beyond that, alone and last-in only
PAYERS = ("alle", "rijk", "gemeente", "coa", "duo", "persoon")
COST_PREFIX = "kosten."
COLUMNS = ["scenario", "draw", "variant", "indicator", "group", "value"]


@dataclass(frozen=True)
class Unit:
    """One change as the analyst sees it: its parameters, name and the layers that set them (``a + b``)."""

    parameters: tuple[str, ...]
    label: Mapping[str, str]  # en, nl
    layer: str


def change_units(spec: str, baseline: str, extra: Mapping[str, ScenarioLayer] | None = None) -> list[Unit]:
    """The units of ``spec`` against ``baseline``: the simulated parameters on which the two differ.

    Defined on the resolved parameters, not on the layers, so that it holds for any pair: a
    baseline that is not an ancestor of the scenario (the scenario then also lacks the baseline's
    own changes), a change that a later layer overrides with the baseline's value (no unit), a
    parameter set by two layers (one unit). Parameters that some change of either side declares
    ``niet_in_simulatie`` are left out; ``werkt_samen_met`` joins parameters into one unit.
    """
    scenario, base = resolve(spec, extra), resolve(baseline, extra)
    changes = [(layer.id, c) for side in (base, scenario) for layer in side.layers for c in layer.changes]
    params = load_parameters()
    # nor the parameters the law marks as the person calculator's only (``simulatie: nee``)
    silent = {c.parameter for _, c in changes if c.not_simulated} | {p for p in params if params[p].not_simulated}
    order = [p for p in _changed_in_order(scenario, base) if p not in silent]
    # every layer of the scenario that sets a unit's parameter proposed it (a review found only the last
    # named: the work unit credited to VWN alone though the Migration Pact's 6 -> 3 months is in it)
    proposers: dict[str, list[str]] = {}
    for layer in scenario.layers:
        for c in layer.changes:
            if c.parameter in order and layer.id not in proposers.setdefault(c.parameter, []):
                proposers[c.parameter].append(layer.id)
    group = {p: p for p in order}

    def root(p: str) -> str:
        while group[p] != p:
            p = group[p]
        return p

    for _, change in changes:
        present = [p for p in (change.parameter, *change.together) if p in group]
        for other in present[1:]:
            group[root(other)] = root(present[0])
    units: dict[str, list[str]] = {}
    for p in order:
        units.setdefault(root(p), []).append(p)
    out = []
    for members in units.values():
        en = " + ".join(params[p].description.get("en", p) for p in members)
        nl = " + ".join(params[p].description.get("nl", p) for p in members)
        layers = list(dict.fromkeys(lid for p in members for lid in proposers.get(p, [])))
        out.append(Unit(tuple(members), {"en": en, "nl": nl}, " + ".join(layers)))
    return out


def _changed_in_order(scenario: Scenario, base: Scenario) -> list[str]:
    """Parameters whose resolved values differ, in the order the layers (scenario first) name them."""
    named = [c.parameter for side in (scenario, base) for layer in side.layers for c in layer.changes]
    differ = {p for p in dict.fromkeys(named) if scenario.parameters[p].values != base.parameters[p].values}
    return [p for p in dict.fromkeys(named) if p in differ]


def resolve_subset(
    spec: str, baseline: str, keep: tuple[str, ...], extra: Mapping[str, ScenarioLayer] | None = None
) -> Scenario:
    """The baseline with the scenario's values for the parameters in ``keep`` (a variant's law).

    Keeping nothing is the baseline exactly and keeping every unit's parameters is the scenario
    on every simulated parameter (those the simulation cannot show keep the baseline's values).
    """
    scenario, base = resolve(spec, extra), resolve(baseline, extra)
    params = base.parameters
    for path in keep:
        params = params.replaced(path, scenario.parameters[path].values)
    return Scenario(f"{spec}[{','.join(sorted(keep))}]", base.layers, params, scenario.dates)


def variants(k: int) -> list[str]:
    """The subsets to run for ``k`` units, as bit strings (``"1010"``: units 0 and 2 kept).

    Not the empty set (the baseline) or the full set (the scenario): both are run anyway.
    Every subset when ``k <= SHAPLEY_MAX``; else each unit alone and the scenario without each.
    """
    if k == 0:
        return []
    if k <= SHAPLEY_MAX:
        subsets = [set(c) for n in range(1, k) for c in combinations(range(k), n)]
    else:
        subsets = [{i} for i in range(k)] + [set(range(k)) - {i} for i in range(k)]
    out = []
    for s in subsets:
        name = bits(s, k)
        if name not in out:
            out.append(name)
    return out


def bits(subset: set[int] | frozenset[int], k: int) -> str:
    """The bit string of ``subset`` of ``k`` units."""
    return "".join("1" if i in subset else "0" for i in range(k))


def measures(kern: pd.DataFrame, kosten: pd.DataFrame) -> pd.DataFrame:
    """The outcomes contributions are given for: the headline's candidates and the costs per payer.

    Long format ``scenario, draw, indicator, group, value``; costs are totals over the horizon,
    as ``kosten.<payer>`` (``kosten.alle`` over every payer).
    """
    pick = kern[(kern["route"] == "alle") & (kern["sex"] == "alle")]
    pick = pick[pick.set_index(["indicator", "group"]).index.isin(CANDIDATES)]
    rows = [pick[["scenario", "draw", "indicator", "group", "value"]]]
    if not kosten.empty:
        per_payer = kosten.groupby(["scenario", "draw", "payer"], as_index=False)["value"].sum()
        every = kosten.groupby(["scenario", "draw"], as_index=False)["value"].sum().assign(payer="alle")
        costs = pd.concat([per_payer, every], ignore_index=True)
        costs = costs[costs["payer"].isin(PAYERS)].assign(
            value=lambda f: f["value"].round(2)
        )  # to the cent: sums in another order differ in the last bits
        rows.append(
            costs.assign(indicator=COST_PREFIX + costs["payer"].astype(str), group="alle")[
                ["scenario", "draw", "indicator", "group", "value"]
            ]
        )
    return pd.concat(rows, ignore_index=True)


def contributions(
    variant: pd.DataFrame,
    kern: pd.DataFrame,
    kosten: pd.DataFrame,
    units: Mapping[str, list[Unit]],
    baseline: str,
) -> pd.DataFrame:
    """Per draw, each unit's contribution by each method (``scenario, draw, unit, method, indicator, group, value``).

    ``variant`` holds the variants' measures; the baseline (no unit) and the whole scenario
    (every unit) come from the comparison's own ``kern`` and ``kosten``.
    """
    whole = measures(kern, kosten)
    if not len(variant.columns):  # no variant ran (one change only): a frame with no rows
        variant = pd.DataFrame(columns=COLUMNS)
    base = whole[whole["scenario"] == baseline].drop(columns="scenario")
    rows = []
    for scenario, its_units in units.items():
        k = len(its_units)
        if k == 0:
            continue
        full = whole[whole["scenario"] == scenario].drop(columns="scenario")
        mine = variant[variant["scenario"] == scenario].drop(columns="scenario")
        frames = [base.assign(variant=bits(set(), k)), full.assign(variant=bits(set(range(k)), k)), mine]
        stacked = pd.concat([f for f in frames if not f.empty], ignore_index=True).astype({"value": float})
        # one row per (draw, outcome) that occurs, a column per variant; an unmeasured value stays NaN
        table = stacked.set_index(["draw", "indicator", "group", "variant"])["value"].unstack("variant")
        v = {name: table[name].to_numpy() for name in table.columns}
        everything, nothing = bits(set(range(k)), k), bits(set(), k)
        for i, unit in enumerate(its_units):
            name = " + ".join(unit.parameters)
            alone, without = bits({i}, k), bits(set(range(k)) - {i}, k)
            found = {"alleen": (alone, nothing), "zonder": (everything, without)}
            for method, (a, b) in found.items():
                if a in v and b in v:
                    rows.append(_frame(table.index, v[a] - v[b], scenario, name, method))
            if k <= SHAPLEY_MAX:
                rows.append(_frame(table.index, _shapley(v, i, k), scenario, name, "shapley"))
        rows.append(_frame(table.index, v[everything] - v[nothing], scenario, "", "totaal"))
    columns = ["scenario", "draw", "unit", "method", "indicator", "group", "value"]
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)


def _shapley(v: Mapping[str, np.ndarray], i: int, k: int) -> np.ndarray:
    """Unit ``i``'s Shapley value: its marginal effect averaged over every order of adding the ``k`` units."""
    others = [j for j in range(k) if j != i]
    total = np.zeros_like(next(iter(v.values())), dtype=float)
    for n in range(k):
        weight = math.factorial(n) * math.factorial(k - n - 1) / math.factorial(k)
        for s in combinations(others, n):
            total = total + weight * (v[bits({*s, i}, k)] - v[bits(set(s), k)])
    return total


def _frame(index: pd.MultiIndex, values: np.ndarray, scenario: str, unit: str, method: str) -> pd.DataFrame:
    out = index.to_frame(index=False)
    return out.assign(scenario=scenario, unit=unit, method=method, value=values)


def summarise_contributions(per_draw: pd.DataFrame, weights: pd.Series | None) -> pd.DataFrame:
    """Median and 90% interval of each contribution, weighted by the draws' fit like every other table."""
    by = ["scenario", "unit", "method", "indicator", "group"]
    if per_draw.empty:
        return pd.DataFrame(columns=[*by, "median", "laag", "hoog"])
    if weights is not None:
        out = weighted_quantiles(per_draw, by, "value", weights, (0.5, 0.05, 0.95))
        return out.rename(columns={"q0.5": "median", "q0.05": "laag", "q0.95": "hoog"})
    g = per_draw.groupby(by, sort=False, observed=True)["value"]
    out = g.median().rename("median").to_frame()
    out["laag"] = g.quantile(0.05)
    out["hoog"] = g.quantile(0.95)
    return out.reset_index()
