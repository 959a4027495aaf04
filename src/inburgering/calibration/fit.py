"""The fit table: each target next to the model's value from one run.

Shared by ``inburgering validate`` (terminal and Markdown) and, later, the comparison report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from inburgering.calibration.measures import MEASURES
from inburgering.calibration.targets import Target
from inburgering.sim.simulate import Simulation


@dataclass(frozen=True)
class FitRow:
    """One target with the model's value."""

    target: Target
    model: float

    @property
    def difference(self) -> float:
        """Model minus published."""
        return self.model - self.target.value

    @property
    def within(self) -> bool:
        """Within the target's tolerance (a missing model value never is)."""
        return not math.isnan(self.model) and abs(self.difference) <= self.target.tolerance


def fit_table(sim: Simulation, targets: list[Target], scale: float) -> list[FitRow]:
    """The model's value for every target."""
    return [FitRow(t, MEASURES[t.measure](sim, t.params, scale)) for t in targets]


def _fmt(x: float) -> str:
    if math.isnan(x):
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def summary(rows: list[FitRow]) -> dict[str, tuple[int, int]]:
    """(within, total) for fit, check, derived, input and context targets."""
    out = {}
    for use in ("fit", "check", "derived", "input", "context"):
        mine = [r for r in rows if r.target.use == use]
        out[use] = (sum(r.within for r in mine), len(mine))
    return out


def markdown(rows: list[FitRow], heading: str) -> str:
    """The fit table as Markdown, with the counts of targets met."""
    counts = summary(rows)
    lines = [
        heading,
        "",
        f"Within tolerance: {counts['fit'][0]} of {counts['fit'][1]} fit targets, "
        f"{counts['check'][0]} of {counts['check'][1]} independent check targets "
        f"(and {counts['derived'][0]} of {counts['derived'][1]} figures that follow from fit targets and inputs or "
        "helped choose the model's structure, "
        f"{counts['input'][0]} of {counts['input'][1]} inputs reproduced, which are no validation, "
        f"and {counts['context'][0]} of {counts['context'][1]} figures of another regime, measure or cohort, shown for context).",
        "",
        "| target | use | status | published | model | difference | tolerance | within | source |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        t = r.target
        lines.append(
            f"| {t.description} (`{t.id}`) | {t.use} | {t.status} | {_fmt(t.value)} | {_fmt(r.model)} | "
            f"{_fmt(r.difference)} | {_fmt(t.tolerance)} | {'yes' if r.within else 'no'} | {t.source} |"
        )
    missed = [r for r in rows if not r.within]
    if missed:
        lines += ["", "Where the model misses, and why:", ""]
        lines += [f"- `{r.target.id}`: {r.target.gap or 'no reason recorded yet.'}" for r in missed]
    # a caveat holds whether or not the model meets the figure (a calibration review found those of
    # targets within tolerance printed nowhere: a provider's expectation fitted as if measured, say)
    noted = [r for r in rows if r.within and r.target.gap]
    if noted:
        lines += ["", "Caveats on figures the model meets (read the 'yes' with them):", ""]
        lines += [f"- `{r.target.id}`: {r.target.gap}" for r in noted]
    return "\n".join(lines) + "\n"
