"""A headline per scenario: its largest effects beyond noise, not one fixed indicator.

Why: an analyst reads the headline first. A fixed indicator (completion in term) says "no
change" for a scenario whose effect is on work or naturalisation, and a difference whose 90%
interval spans zero is noise at this number of draws, however large its median. So each
scenario's sentence names up to ``TOP`` of its effects on status holders whose interval
excludes zero (by more than the last digit shown), largest first (shares in percentage points,
months as a wait), and every harmful one beyond noise besides, then its total cost difference
when that too is beyond noise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from inburgering.compare.text import euros, label, number, pct
from inburgering.i18n import gettext_for

TOP = 3
CANDIDATES = (  # (indicator, group): what the letter argues about, for status holders
    ("aandeel.voldaanInTermijn", "asiel"),
    ("aandeelB1Behaald", "asiel"),
    ("aandeelBetaaldWerk36m", "asiel"),
    ("aandeelNaturalisatieMogelijkBinnen6j", "asiel"),
    ("aandeelNaturalisatieMogelijkBinnen10j", "asiel"),
    ("aandeel.termijnOverschreden", "asiel"),
    ("maandenVergunningTotLeerroute", "asiel"),
)
MONTHS_AS_POINTS = 0.01  # one month of waiting ranks like one percentage point
WORSE_WHEN = {  # the direction in which a change of the indicator harms status holders
    "aandeel.voldaanInTermijn": -1,
    "aandeelB1Behaald": -1,
    "aandeelBetaaldWerk36m": -1,
    "aandeelNaturalisatieMogelijkBinnen6j": -1,
    "aandeelNaturalisatieMogelijkBinnen10j": -1,
    "aandeel.termijnOverschreden": 1,
    "maandenVergunningTotLeerroute": 1,
}
SAME_MEASURE = {"aandeelNaturalisatieMogelijkBinnen10j": "aandeelNaturalisatieMogelijkBinnen6j"}
"""Near-copies of another candidate: one of each pair is named, so two slots do not say one thing."""
# half the last digit shown (0.1 pp, 0.1 month, a million euros): a review found costs named where the
# interval read "€0m to +€1m"
RESOLUTION = {"shares": 0.0005, "months": 0.05, "euros": 500_000.0}
# below this an effect beyond noise is too small to lead a headline as one of the "largest" (a review
# found "+0.2 pp" named among a scenario's largest effects): half a point, half a month
MATERIAL = {"shares": 0.005, "months": 0.5}
# a harmful median at least this large is named even where its interval still spans zero, said as
# uncertain: a review found VWN's -13 pp at B1 (in four of five draws) absent from its headline
LARGE_HARM = {"shares": 0.05, "months": 3.0}


def beyond_noise(low: float, high: float, resolution: float = 0.0) -> bool:
    """The 90% interval of a paired difference excludes zero, by more than ``resolution``.

    Why the resolution: a bound of +0.03 pp is shown as "0.0 pp"; an interval that reads "0.0 pp to
    +2.0 pp" is no evidence of an effect to a reader, whatever its unrounded bound.
    """
    return bool(low > resolution or high < -resolution)


def effects(kern: pd.DataFrame, scenario: str) -> pd.DataFrame:
    """The scenario's candidate effects beyond noise, largest first."""
    rows = kern[
        (kern["scenario"] == scenario)
        & (kern["route"] == "alle")
        & (kern["sex"] == "alle")
        & kern.set_index(["indicator", "group"]).index.isin(CANDIDATES)
    ]
    months = rows["indicator"].astype(str).str.startswith("maanden").to_numpy()
    resolution = [RESOLUTION["months"] if m else RESOLUTION["shares"] for m in months]
    keep = [
        beyond_noise(lo, hi, r)
        for lo, hi, r in zip(rows["verschilLaag"], rows["verschilHoog"], resolution, strict=True)
    ]
    # a harm beyond noise is named whatever its size (pick's promise); only gains need to be material
    material = [
        abs(d) >= (MATERIAL["months"] if m else MATERIAL["shares"]) or WORSE_WHEN.get(str(i), 0) * d > 0
        for d, m, i in zip(rows["verschilMedian"], months, rows["indicator"], strict=True)
    ]
    rows = rows[np.array(keep, dtype=bool) & np.array(material, dtype=bool)]
    shown = set(rows["indicator"].astype(str))
    rows = rows[np.array([SAME_MEASURE.get(str(i)) not in shown for i in rows["indicator"]], dtype=bool)]
    size = rows["verschilMedian"].abs() * [
        MONTHS_AS_POINTS if str(i).startswith("maanden") else 1.0 for i in rows["indicator"]
    ]
    harm = [WORSE_WHEN.get(str(i), 0) * d > 0 for i, d in zip(rows["indicator"], rows["verschilMedian"], strict=True)]
    return rows.assign(grootte=size, schadelijk=harm).sort_values("grootte", ascending=False, kind="stable")


def uncertain_harms(kern: pd.DataFrame, scenario: str) -> pd.DataFrame:
    """Harmful candidate effects large in the median (:data:`LARGE_HARM`) whose interval still spans zero.

    Why: with 15 draws (about 5 effective after weighting) one odd draw keeps a large trade-off
    inside "noise"; a headline that names only gains then misleads. These are named apart, as
    uncertain, never as findings.
    """
    rows = kern[
        (kern["scenario"] == scenario)
        & (kern["route"] == "alle")
        & (kern["sex"] == "alle")
        & kern.set_index(["indicator", "group"]).index.isin(CANDIDATES)
    ]
    out = []
    for _index, r in rows.iterrows():
        months = str(r["indicator"]).startswith("maanden")
        resolution = RESOLUTION["months"] if months else RESOLUTION["shares"]
        large = abs(r["verschilMedian"]) >= (LARGE_HARM["months"] if months else LARGE_HARM["shares"])
        harmful = WORSE_WHEN.get(str(r["indicator"]), 0) * r["verschilMedian"] > 0
        if large and harmful and not beyond_noise(r["verschilLaag"], r["verschilHoog"], resolution):
            out.append(r)
    return pd.DataFrame(out, columns=rows.columns)


def pick(found: pd.DataFrame) -> pd.DataFrame:
    """The ``TOP`` largest effects, and every harmful one beyond noise besides: a trade-off is never crowded out."""
    top = found.head(TOP)
    rest = found.iloc[TOP:]
    return pd.concat([top, rest[rest["schadelijk"]]])


def _phrase(row: pd.Series, lang: str) -> str:
    _ = gettext_for(lang)
    if str(row["indicator"]).startswith("maanden"):
        unit = _(" months")
        diff, low, high = (number(row[k], lang, signed=True, decimals=1) + unit for k in _DIFF)
    else:
        diff, low, high = (pct(row[k], lang, points=True) for k in _DIFF)
    between = _("to")
    name = label(str(row["indicator"]), lang)
    return f"{name[:1].lower()}{name[1:]} {diff} ({low} {between} {high})"


_DIFF = ("verschilMedian", "verschilLaag", "verschilHoog")


MIN_DRAWS = 5  # below this a 90% interval is about the range of a few draws: no basis to tell noise


def scenario_headline(
    kern: pd.DataFrame,
    cost: pd.Series | None,
    scenario: str,
    baseline: str,
    lang: str,
    draws: int = MIN_DRAWS,
    includes: tuple[str, ...] = (),
) -> str:
    """One plain sentence for ``scenario`` against ``baseline`` (90% intervals of the paired differences).

    ``includes``: the other proposals the scenario is built on (the coalition's on the Migration
    Pact), named so that a reader does not credit one proposal with another's effects and costs (a
    review found the coalition's cost mostly the Pact's).
    """
    _ = gettext_for(lang)
    name = scenario
    if includes:
        name = _("{scenario} (which includes {others})").format(scenario=scenario, others=", ".join(includes))
    if draws < MIN_DRAWS:
        return _(
            "{scenario}: with {draws} draw(s) effects cannot be told from noise; the table gives the differences, but this summary names effects only from {MIN_DRAWS} draws."
        ).format(scenario=name, draws=draws, MIN_DRAWS=MIN_DRAWS)
    top = pick(effects(kern, scenario))
    parts = [_phrase(r, lang) for _index, r in top.iterrows()]
    cost_text = ""
    if cost is not None and beyond_noise(cost["verschilLaag"], cost["verschilHoog"], RESOLUTION["euros"]):
        d, lo, hi = (euros(cost[k], lang, True) for k in _DIFF)
        cost_text = _(
            " Total costs to the end of the horizon change by {d} ({lo} to {hi}); savings on benefits from more "
            "work are not counted."
        ).format(d=d, lo=lo, hi=hi)
    elif cost is not None:
        cost_text = _(" Total costs do not change beyond noise.")
    doubt = uncertain_harms(kern, scenario)
    doubt_text = ""
    if not doubt.empty:
        doubt_text = _(" Large in the median but not beyond noise: {listed}.").format(
            listed="; ".join(_phrase(r, lang) for _index, r in doubt.iterrows())
        )
    if not parts:
        lead = _(
            "{scenario}: no key indicator for status holders changes beyond noise compared with {baseline}."
        ).format(scenario=name, baseline=baseline)
        return lead + doubt_text + cost_text
    listed = "; ".join(parts)
    lead = _(
        "{scenario}: largest effects for status holders compared with {baseline} (90% interval): {listed}."
    ).format(scenario=name, baseline=baseline, listed=listed)
    return lead + doubt_text + cost_text
