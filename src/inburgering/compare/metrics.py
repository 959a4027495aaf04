"""The key indicators of one run, computed straight from its final state (vectorised).

Everything here is a pure function of a :class:`SimResult`, so a task gives the same tables
on any worker. Counts and euros are scaled back to the national population. Four tables:

- ``kern``: one value per indicator and cut (``group`` asiel/gezin/alle, ``route`` at the
  PIP, ``sex``), the figures the comparison table and headlines are made of;
- ``curves``: shares by months since the notice (finished) or since the permit (in paid
  work, by sex), for the progress and employment charts;
- ``flows``: persons from the obligation through the route to the outcome five years after
  the notice, for the Sankey chart;
- ``kosten``: euros per calendar year by payer and item; the SPUK is income to municipalities
  (negative) and a cost to the state, so a sum over payers is the spending on integration.

Definitions (also in the report): "obliged" is everyone DUO notified; the outcome is the
situation 60 months after the notice, so every cohort is judged over the same span.
Naturalisation is also counted at the end of the run: everyone naturalised by then, and the
share of the Wi2013 stock (status holders of 2014-2021, all past their residence years soon)
who are, the group the naturalisation proposals reach first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.compare.finance import reclaim
from inburgering.dates import DAYS_PER_MONTH, shift_months
from inburgering.rules.plicht import aow_datum
from inburgering.sim.companions import ROLLEN
from inburgering.sim.costs import cost_rows
from inburgering.sim.engine import SimResult
from inburgering.sim.output_leren import pip_lateness
from inburgering.sim.population import AFGEWEZEN, GEZIN, NAREIZIGER, OVERIG, VROUW
from inburgering.sim.spells import mb_received
from inburgering.sim.state import ROUTE_NAMES, VOLDAAN_IN_TERMIJN, VOLDAAN_MET_VERLENGING, VOLDAAN_NA_TERMIJN

OUTCOME_MONTHS = 60
CURVE_MONTHS = 96
WORK_MONTHS = (12, 36, 60)
NATURALISATION_YEARS = (6, 10)
OUTCOMES = (
    "voldaanInTermijn",
    "voldaanMetVerlenging",
    "voldaanNaTermijn",
    "ontheven",
    "termijnOverschreden",
    "aowLeeftijd",
    "vertrokken",
    "nogBezig",
)
_FAR = np.datetime64("2200-01-01")


def _d(result: SimResult, name: str) -> np.ndarray:
    """An event date of the run, or a date the population fixed (the permit)."""
    dates = result.state.dates
    return dates[name] if name in dates else result.state.pop[name].astype("datetime64[D]")


def _plus_months(dates: np.ndarray, months: int) -> np.ndarray:
    """Calendar months later, as a day; not clamped (see :func:`inburgering.dates.shift_months`).

    These are the indicators' own windows (an outcome 60 months after the notice), not legal
    periods: those count with :func:`inburgering.dates.add_months`.
    """
    return shift_months(dates, months)


def _horizon(result: SimResult) -> np.datetime64:
    return (result.months[-1] + np.timedelta64(1, "M")).astype("datetime64[D]")


def group_masks(result: SimResult) -> dict[str, np.ndarray]:
    """Status holders (asylum and nareizigers), family and other migrants, and both."""
    g = result.state.pop["groep"]
    asiel, gezin = g <= NAREIZIGER, (g == GEZIN) | (g == OVERIG)
    return {"asiel": asiel, "gezin": gezin, "alle": asiel | gezin}


def outcomes(result: SimResult) -> tuple[np.ndarray, np.ndarray]:
    """Each obliged person's outcome code (index in OUTCOMES) 60 months after the notice, and who is observed."""
    st = result.state
    notice = _d(result, "datumKennisgeving")
    at = _plus_months(notice, OUTCOME_MONTHS)
    observed = ~np.isnat(notice) & (at < _horizon(result))
    done = _d(result, "datumVoldaan") <= at
    released = ~done & (_d(result, "datumOntheffing") <= at)
    left = ~done & ~released & (_d(result, "datumVertrek") <= at)
    # the obligation ends at the AOW age (art. 3.1): not an overrun (a review found most "term
    # exceeded" were people who reached it)
    pension = aow_datum(result.parameters, st.pop["geboortedatum"])
    aged = ~done & ~released & ~left & (pension <= at)
    term_end = np.fmax(_d(result, "eindeTermijn"), _d(result, "eindeNieuweTermijn"))
    overdue = ~done & ~released & ~left & ~aged & (term_end < at)
    # a completion is final, so the final state says in which way it was met
    code = np.full(len(notice), OUTCOMES.index("nogBezig"), np.int8)
    for state, name in (
        (VOLDAAN_IN_TERMIJN, "voldaanInTermijn"),
        (VOLDAAN_MET_VERLENGING, "voldaanMetVerlenging"),
        (VOLDAAN_NA_TERMIJN, "voldaanNaTermijn"),
    ):
        code[done & (st.traject == state)] = OUTCOMES.index(name)
    code[released] = OUTCOMES.index("ontheven")
    code[left] = OUTCOMES.index("vertrokken")
    code[overdue] = OUTCOMES.index("termijnOverschreden")
    code[aged] = OUTCOMES.index("aowLeeftijd")
    return code, observed


def _row(rows: list[dict[str, object]], indicator: str, value: float, **cut: str) -> None:
    rows.append({"indicator": indicator, "group": "alle", "route": "alle", "sex": "alle", **cut, "value": value})


def _share(flags: np.ndarray, among: np.ndarray) -> float:
    n = int(among.sum())
    return float((flags & among).sum() / n) if n else float("nan")


def kern(result: SimResult, scale: float) -> pd.DataFrame:
    """The key indicators (see the module docstring for the definitions)."""
    st = result.state
    rows: list[dict[str, object]] = []
    notice, permit, pip = _d(result, "datumKennisgeving"), _d(result, "datumVerblijfsrecht"), _d(result, "datumPip")
    obliged = ~np.isnat(notice)
    code, observed = outcomes(result)
    route = st.route_bij_pip
    language = st.niveau[:, :4].min(axis=1)
    received = mb_received(result)
    deadline_known, days_late = pip_lateness(result)  # as simulate's aandeelPipNaDeadline counts it
    for gname, gmask in group_masks(result).items():
        mine = obliged & gmask
        _row(rows, "aantalInburgeringsplichtigen", float(mine.sum() / scale), group=gname)
        has_pip = mine & ~np.isnat(pip)
        months = (pip[has_pip] - permit[has_pip]).astype(np.int64) / DAYS_PER_MONTH
        _row(rows, "maandenVergunningTotLeerroute", float(months.mean()) if len(months) else np.nan, group=gname)
        # the PIP's legal deadline (Besluit 5.3) acts in a comparison through this share: the model's
        # PIPs follow the municipalities' observed pace, so a shorter deadline is missed more often (a
        # simulation audit found the lever moving no compared indicator)
        _row(rows, "aandeelPipNaDeadline", _share(days_late > 0, mine & deadline_known), group=gname)
        for rname, rmask in [("alle", np.ones_like(mine))] + [(r, route == i) for i, r in enumerate(ROUTE_NAMES)]:
            base = mine & observed & ~np.isnat(pip) & rmask
            for i, name in enumerate(OUTCOMES):
                _row(rows, f"aandeel.{name}", _share(code == i, base), group=gname, route=rname)
            with_pip = has_pip & rmask
            _row(rows, "aandeelB1Behaald", _share(language >= 3, with_pip), group=gname, route=rname)
            _row(rows, "aandeelA2Behaald", _share(language >= 2, with_pip), group=gname, route=rname)
            _row(
                rows,
                "aandeelAfgeschaald",
                _share(~np.isnat(_d(result, "datumAfschaling")), with_pip),
                group=gname,
                route=rname,
            )
            _row(
                rows,
                "aandeelRoutewissel",
                _share(~np.isnat(_d(result, "datumRoutewijziging")), with_pip),
                group=gname,
                route=rname,
            )
        for i, rname in enumerate(ROUTE_NAMES):  # the route the municipality pays for: the last one
            _row(
                rows,
                "aantalMetLeerroute",
                float((has_pip & (st.leerroute == i)).sum() / scale),
                group=gname,
                route=rname,
            )
        _row(
            rows,
            "aantalAfschalingen",
            float((mine & ~np.isnat(_d(result, "datumAfschaling"))).sum() / scale),
            group=gname,
        )
        _row(
            rows,
            "aantalRoutewissels",
            float((mine & ~np.isnat(_d(result, "datumRoutewijziging"))).sum() / scale),
            group=gname,
        )
        # MB goes to everyone with the right, obliged or not (VWN: also the AOW-aged), counted per role;
        # it starts with the BRP registration (art. 13.3), so whoever left COA before being housed had
        # none (the same persons as the cost of MB; a review found them counted)
        right = gmask & received
        _row(rows, "aantalMetBegeleiding", float(right.sum() / scale), group=gname)
        for i, role in enumerate(ROLLEN):
            if role != "wi2013Voorraad":  # MB under this Act (art. 13) is not theirs
                _row(
                    rows,
                    f"aantalMetBegeleiding.{role}",
                    float((right & (st.pop["rol"] == i)).sum() / scale),
                    group=gname,
                )
        # naturalised by the end of the run: everyone, and the share of the Wi2013 stock (who all may ask)
        naturalised = gmask & st.genaturaliseerd
        _row(rows, "aantalGenaturaliseerd", float(naturalised.sum() / scale), group=gname)
        stock = gmask & (st.pop["rol"] == ROLLEN.index("wi2013Voorraad"))
        _row(rows, "aandeelGenaturaliseerd.wi2013Voorraad", _share(naturalised, stock), group=gname)
        eligible = _d(result, "naturalisatieVroegst")
        # both spans over the same persons: those observed for the longest one
        seen = mine & (_plus_months(permit, 12 * max(NATURALISATION_YEARS)) < _horizon(result))
        for years in NATURALISATION_YEARS:
            until = _plus_months(permit, 12 * years)
            _row(rows, f"aandeelNaturalisatieMogelijkBinnen{years}j", _share(eligible <= until, seen), group=gname)
    rows += _work_rows(result)
    return pd.DataFrame(rows)


def _cell_groups(result: SimResult) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Per group (asiel, gezin, alle: everyone but rejected applicants) the cells that hold it; and each cell's sex."""
    _, group, sex = result.cells.labels()
    groups = {"asiel": group <= NAREIZIGER, "gezin": (group == GEZIN) | (group == OVERIG), "alle": group != AFGEWEZEN}
    return groups, sex


def _work_rows(result: SimResult) -> list[dict[str, object]]:
    """Share in paid work k months after the permit of those living here (``observe.living_here``), by group and sex."""
    groups, sex = _cell_groups(result)
    rows: list[dict[str, object]] = []
    sexes = {"man": sex != VROUW, "vrouw": sex == VROUW, "alle": np.ones_like(sex, bool)}
    for gname, gcells in groups.items():
        for sname, scells in sexes.items():
            cells = gcells & scells
            for k in WORK_MONTHS:
                present = result.since["aanwezig"][cells, k].sum()
                value = result.since["betaald"][cells, k].sum() / present if present else np.nan
                _row(rows, f"aandeelBetaaldWerk{k}m", float(value), group=gname, sex=sname)
    return rows


def curves(result: SimResult) -> pd.DataFrame:
    """Finished (any way) by months since the notice per group; in paid work by months since the permit per sex."""
    frames = []
    notice, done = _d(result, "datumKennisgeving"), _d(result, "datumVoldaan")
    horizon_month = result.months[-1].astype("datetime64[M]").astype(np.int64)
    ks = np.arange(CURVE_MONTHS + 1)
    for gname, gmask in group_masks(result).items():
        mine = gmask & ~np.isnat(notice)
        start = notice[mine].astype("datetime64[M]").astype(np.int64)
        finished = np.where(np.isnat(done[mine]), _FAR, done[mine]).astype("datetime64[M]").astype(np.int64) - start
        observable = horizon_month - start  # months since the notice still inside the run
        share = _finished_share(finished, observable, ks) if len(start) else np.full(len(ks), np.nan)
        frames.append(pd.DataFrame({"curve": "aandeelVoldaan", "group": gname, "sex": "alle", "k": ks, "value": share}))
    present, paid = result.since["aanwezig"], result.since["betaald"]
    # per group as well: a review found the chart's women at twice the status holders' share, the family
    # migrants (68% women, quicker to work) pooled in without the caption saying so
    groups, sex = _cell_groups(result)
    for gname, gcells in groups.items():
        for sname, scells in (("man", sex != VROUW), ("vrouw", sex == VROUW)):
            cells = scells & gcells
            p = present[cells, : CURVE_MONTHS + 1].sum(axis=0)
            w = paid[cells, : CURVE_MONTHS + 1].sum(axis=0)
            share = np.divide(w, p, out=np.full(len(p), np.nan), where=p > 0)
            frames.append(
                pd.DataFrame({"curve": "aandeelBetaaldWerk", "group": gname, "sex": sname, "k": ks, "value": share})
            )
    return pd.concat(frames, ignore_index=True)


def _finished_share(finished: np.ndarray, observable: np.ndarray, ks: np.ndarray) -> np.ndarray:
    """For each k: of persons observed at least k months, the share finished within k months."""
    # counts by (observable cap) and (finished month) via sorted searches: O(n log n), no loop over persons
    obs_sorted = np.sort(observable)
    n_seen = len(observable) - np.searchsorted(obs_sorted, ks, side="left")
    order = np.argsort(finished, kind="stable")
    f_sorted, o_by_f = finished[order], observable[order]
    out = np.full(len(ks), np.nan)
    for i, k in enumerate(ks):  # 97 values of k, each vectorised over persons
        upto = np.searchsorted(f_sorted, k, side="right")
        hits = int((o_by_f[:upto] >= k).sum())
        out[i] = hits / n_seen[i] if n_seen[i] else np.nan
    return out


def flows(result: SimResult, scale: float) -> pd.DataFrame:
    """Obliged persons from the group through the route at the PIP to the outcome after 60 months."""
    st = result.state
    code, observed = outcomes(result)
    pip = _d(result, "datumPip")
    rows = []
    for gname, gmask in list(group_masks(result).items())[:2]:
        mine = gmask & observed
        route = np.where(np.isnat(pip[mine]), len(ROUTE_NAMES), st.route_bij_pip[mine])
        names = (*ROUTE_NAMES, "geenPip")
        pair = route * len(OUTCOMES) + code[mine]
        counts = np.bincount(pair, minlength=len(names) * len(OUTCOMES)).reshape(len(names), len(OUTCOMES))
        for r, rname in enumerate(names):
            if counts[r].sum():
                rows.append({"source": gname, "target": f"route.{rname}", "value": counts[r].sum() / scale})
            for o, oname in enumerate(OUTCOMES):
                if counts[r, o]:
                    rows.append(
                        {"source": f"route.{rname}", "target": f"uitkomst.{oname}", "value": counts[r, o] / scale}
                    )
    frame = pd.DataFrame(rows, columns=["source", "target", "value"])
    return frame.groupby(["source", "target"], as_index=False, sort=True)["value"].sum()


def kosten(result: SimResult, scale: float) -> pd.DataFrame:
    """Euros per calendar year by payer and item (``gemeente.spukInkomsten`` is income, negative)."""
    rows = cost_rows(result)
    if rows.empty:
        return pd.DataFrame(columns=["year", "payer", "item", "value"])
    year = pd.to_datetime(rows["month"]).dt.year
    frame = pd.DataFrame({"year": year, "indicator": rows["indicator"], "value": rows["value"] / scale})
    # summed per (year, indicator) first: the same groups, rows in the same order, and the names
    # split once per group instead of once per row (~150,000 rows at national scale; issue #20)
    frame = frame.groupby(["year", "indicator"], as_index=False, sort=True)["value"].sum()
    parts = frame["indicator"].str.split(".", n=2, expand=True)
    frame = pd.DataFrame({"year": frame["year"], "payer": parts[1], "item": parts[2], "value": frame["value"]})
    frame = frame.sort_values(["year", "payer", "item"], ignore_index=True)
    fund = gemeentefonds(result)
    # the state pays what municipalities receive, so a sum over payers nets the transfer out
    spuk = frame[(frame["payer"] == "gemeente") & (frame["item"] == "spukInkomsten")]
    paid = spuk.assign(payer="rijk", item="spukUitkering", value=-spuk["value"])
    out = pd.concat([frame, paid, fund], ignore_index=True)
    out = pd.concat([out, reclaim(out)], ignore_index=True)  # unspent SPUK goes back to the state (art. 42)
    return out.sort_values(["year", "payer", "item"], ignore_index=True)


def gemeentefonds(result: SimResult) -> pd.DataFrame:
    """National funds that do not follow the caseload: the gemeentefonds and the SPUK onderwijsroute 2022-2025.

    The gemeentefonds's execution funds (``kosten.gemeentefonds_uitvoering_per_jaar``) are paid
    through the algemene uitkering from 2023 (Divosa), a twelfth a month. After the last year with
    arrivals the model's population has no newcomers and its execution dwindles: the fund follows
    the caseload it is for there, the persons whose DUO notice came in that year or the
    ``_FUND_YEARS - 1`` before and who still live here, in proportion to the last arrivals year's
    (:func:`fund_caseload`). So neither a structural sum beside a vanishing caseload (a surplus that
    says nothing) nor a fund stopped while execution goes on (own funds that say nothing; a cost
    review found 140 million in the year after) shows. The caseload is the same in every scenario
    (notices and departures do not depend on the law's levers), so a scenario that saves execution
    keeps the saving as the municipalities'; a simulation audit found the fund following each
    scenario's own execution, which showed about 28% of VWN's municipal saving after the last
    arrivals year as the state's. The four years follow the baseline's execution within a few
    points a year (2028-2032: 0.75, 0.53, 0.30, 0.08 of the last year against 0.87, 0.56, 0.28,
    0.12). The separate SPUK onderwijsroute of 2022-2025 (``kosten.spuk_onderwijsroute_2022_2025``
    in all) is spread evenly over those years. Both are transfers: paid by the state, received by
    municipalities. Not scaled: they are national sums whatever the run's scale (the ratio is the
    same at any scale).
    """
    months = result.months.astype("datetime64[M]")
    permits = result.state.pop["datumVerblijfsrecht"]
    last = int(np.nanmax(permits[~np.isnat(permits)].astype("datetime64[Y]").astype(np.int64))) + 1970
    year = pd.Series(months.astype("datetime64[Y]").astype(np.int64) + 1970)
    b = result.behaviour.v
    frames = []
    for item, per_year, first, until in (
        ("gemeentefonds", b("kosten.gemeentefonds_uitvoering_per_jaar"), 2023, None),
        ("spukOnderwijsroute", b("kosten.spuk_onderwijsroute_2022_2025") / 4, 2022, 2025),
    ):
        counted = year[(year >= first) & (year <= (until or year.max()))].value_counts().sort_index() * per_year / 12
        if until is None:  # after the last year with arrivals, in proportion to the caseload it is for
            caseload = fund_caseload(result, [int(y) for y in counted.index])
            base = float(caseload.get(last, 0.0))
            share = pd.Series(
                [1.0 if y <= last else (min(1.0, caseload[y] / base) if base > 0 else 0.0) for y in counted.index],
                index=counted.index,
            )
            counted = (counted * share)[lambda c: c > 0]
        received = pd.DataFrame(
            {
                "year": counted.index.astype(int),
                "payer": "gemeente",
                "item": f"{item}Inkomsten",
                "value": -counted.values,
            }
        )
        frames += [received, received.assign(payer="rijk", item=f"{item}Uitkering", value=counted.values)]
    return pd.concat(frames, ignore_index=True)


# an assumption: the notice's year and the three after (the 36-month term and the wait for the PIP before it);
# its decay follows the baseline's execution within a few points a year (decision 0023)
_FUND_YEARS = 4


def fund_caseload(result: SimResult, years: list[int]) -> pd.Series:
    """Per year: the persons whose DUO notice came in it or the ``_FUND_YEARS - 1`` before, still here at its start.

    What the gemeentefonds's execution money follows after the last arrivals year
    (:func:`gemeentefonds`): notices and departures are the population's, the same in every scenario.
    """
    d = result.state.dates
    notice = d["datumKennisgeving"][:]
    left = d["datumVertrek"][:]
    known = ~np.isnat(notice)
    notice_year = notice[known].astype("datetime64[Y]").astype(np.int64) + 1970
    left_year = np.where(np.isnat(left[known]), 10**6, left[known].astype("datetime64[Y]").astype(np.int64) + 1970)
    out = {}
    for y in years:
        within = (notice_year <= y) & (notice_year > y - _FUND_YEARS)
        out[y] = int((within & (left_year >= y)).sum())  # leaving during the year still counts in it
    return pd.Series(out, dtype=float)


def tables(result: SimResult, scale: float) -> dict[str, pd.DataFrame]:
    """All four tables of one run."""
    return {
        "kern": kern(result, scale),
        "curves": curves(result),
        "flows": flows(result, scale),
        "kosten": kosten(result, scale),
    }
