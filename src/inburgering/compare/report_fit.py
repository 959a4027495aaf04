"""The report's account of the model's fit to published figures: the table, and the misses beside the key table.

Kept apart from :mod:`inburgering.compare.report` (which assembles the page) because the caseload
report shows the same fit section.
"""

from __future__ import annotations

import html
from functools import cache

import pandas as pd

from inburgering.calibration.targets import Target, load_targets
from inburgering.calibration.validate import shipped_fit
from inburgering.compare.text import number
from inburgering.i18n import N_, format_significant, gettext_for

FIT_USES = {
    "fit": N_("fitted"),
    "check": N_("independent check"),
    "derived": N_("follows from fitted figures"),
    "input": N_("input, reproduced"),
    "context": N_("context: another regime, measure or cohort"),
}
FIT_STATUSES = {
    "C": N_("primary source"),
    "S": N_("secondary report"),
    "L": N_("the VWN letter only"),
    "D": N_("derived"),
}


def _figure(x: float, lang: str) -> str:
    """A published or model figure: whole numbers for counts, three decimals for shares and rates."""
    return number(x, lang) if abs(x) >= 100 else number(x, lang, decimals=3)


@cache
def _shipped_targets() -> dict[str, Target]:
    """The shipped targets by id (read once: each report asks twice, for its fit section and its warning)."""
    return {t.id: t for t in load_targets()}


def _texts(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The fit table with each target's description and gap in ``lang``, from targets.yaml (the one place for them)."""
    targets = _shipped_targets()
    out = frame.copy()
    for field in ("description", "gap"):
        out[field] = [
            targets[key].text(field, lang) if key in targets else text
            for key, text in zip(frame["id"], frame[field], strict=True)
        ]
    return out


def fit_section(lang: str) -> str:
    """The shipped calibration's fit to published figures, with the reasons for every miss."""
    _ = gettext_for(lang)
    fit = shipped_fit()
    frame = _texts(pd.DataFrame(fit["targets"]), lang)
    within = frame.groupby("use")["within"].agg(["sum", "count"])
    summary = ", ".join(f"{_(FIT_USES[str(use)])}: {int(r['sum'])}/{int(r['count'])}" for use, r in within.iterrows())
    # the calibration's own run, not this comparison's: a review found a reader taking "23/23" for the draws
    # behind the report's numbers, each of which varies the assumptions and fits less well
    intro = _(
        "The calibration's run ({scenario}, scale {scale}, seed {seed}, the assumptions at their calibrated "
        "values), not this comparison's draws: each draw varies the assumptions within their ranges, so its own "
        "fit is looser. Within tolerance — {summary}."
    ).format(
        scenario=fit["run"]["scenario"],
        scale=format_significant(float(fit["run"]["scale"]), lang, 3),
        seed=fit["run"]["seed"],
        summary=summary,
    )
    shown = pd.DataFrame(
        {
            (_("Figure")): frame["description"],
            (_("Use")): [_(FIT_USES[u]) for u in frame["use"]],
            (_("Source kind")): [_(FIT_STATUSES[x]) for x in frame["status"]],
            (_("Published")): [_figure(x, lang) for x in frame["published"]],
            "Model": [_figure(x, lang) for x in frame["model"]],
            (_("Tolerance")): [_figure(x, lang) for x in frame["tolerance"]],
            (_("Within")): [(_("yes")) if w else (_("no")) for w in frame["within"]],
            (_("Source")): frame["source"],
            (_("Key")): frame["id"],
        }
    )
    table = shown.to_html(index=False, escape=True, border=0)
    misses = "".join(
        f"<li><code>{html.escape(r.id)}</code>: {html.escape(r.gap)}</li>" for r in frame[~frame["within"]].itertuples()
    )
    return f"<p>{html.escape(intro)}</p>{table}" + (f"<ul>{misses}</ul>" if misses else "")


def fit_warning(lang: str) -> str:
    """Beside the key table: the published figures the model misses, so a reader weighs those rows.

    Why here and not only in the fit section at the end: a reader quotes the key table; a miss on
    work or reception (a review) belongs next to the numbers it touches.
    """
    _ = gettext_for(lang)
    frame = _texts(pd.DataFrame(shipped_fit()["targets"]), lang)
    # an input the model does not reproduce misses too (a review: the family job rate, 60% published
    # and about 19% in the model, was left out while the work chart pools family migrants)
    # and a figure that follows from fit targets and inputs (a review found the 2022 and 2023 permits left out);
    # a figure of another regime or cohort (context) is no miss of this model
    missed = frame[~frame["within"] & frame["use"].isin(["check", "fit", "input", "derived"])]
    if missed.empty:
        return ""
    published, model = _("published"), _("model")
    items = "".join(
        f"<li>{html.escape(str(r.description))} (<code>{html.escape(str(r.id))}</code>): "
        f"{published} {format_significant(float(r.published), lang, 3)}, "
        f"{model} {format_significant(float(r.model), lang, 3)}</li>"
        for r in missed.itertuples()
    )
    lead = _(
        "The model misses these published figures (the fit section at the end gives each figure, the model's value and the reason); read the rows on the same topics with that in mind:"
    )
    return f"<p>{html.escape(lead)}</p><ul>{items}</ul>"
