"""Fill the parameter tables of the stage pages in docs/model/stages/ from the behaviour files.

The prose of each stage page is written by hand; its tables of behavioural parameters are
not, so that a value changed in a YAML file or by ``inburgering calibrate`` cannot leave a
page out of date. A page marks each table with

    <!-- parameters: asiel.huisvesting_maandkans asiel.procedure_ -->
    ...generated...
    <!-- /parameters -->

where each word is a parameter path or a prefix ending in ``_`` or ``.``. ``make docs``
rewrites the part between the markers; a test checks that the pages are current.

Run as ``python -m inburgering.sim.behaviour.reference docs/model/stages``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from inburgering.sim.behaviour import Behaviour, load_behaviour

_BLOCK = re.compile(r"(<!-- parameters: (?P<spec>[^>]*?) -->\n)(?P<body>.*?)(<!-- /parameters -->)", re.S)


class ReferenceError(ValueError):
    """A stage page that names a parameter or prefix matching nothing."""


def _paths(spec: str, behaviour: Behaviour) -> list[str]:
    out: list[str] = []
    for word in spec.split():
        if word.endswith(("_", ".")):
            found = [p for p in behaviour if p.startswith(word)]
        else:
            found = [word] if word in behaviour else []
        if not found:
            raise ReferenceError(f"no behavioural parameter matches {word!r}")
        out += [p for p in found if p not in out]
    return out


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def table(paths: list[str], behaviour: Behaviour, base: Behaviour) -> str:
    """Markdown rows: the value used (calibrated where it was), prior, unit, status and source."""
    lines = ["| parameter | value | prior | unit | status | source |", "|---|---|---|---|---|---|"]
    for path in paths:
        a = behaviour[path]
        value = _fmt(a.value)
        if a.value != base[path].value:
            value += f" (calibrated; base {_fmt(base[path].value)})"
        source = a.source + (f" ({a.note})" if a.note else "")
        cells = (f"`{path}`", value, f"{_fmt(a.prior[0])}-{_fmt(a.prior[1])}", a.unit, a.status, source)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def fill(text: str, behaviour: Behaviour | None = None, base: Behaviour | None = None) -> str:
    """The page with every parameter block regenerated."""
    behaviour = behaviour or load_behaviour()
    base = base or load_behaviour(calibrated=False)

    def one(m: re.Match[str]) -> str:
        return m.group(1) + table(_paths(m.group("spec"), behaviour), behaviour, base) + m.group(4)

    return _BLOCK.sub(one, text)


def main(folder: str) -> None:
    """Regenerate every page in ``folder`` (each written whole, then renamed)."""
    for page in sorted(Path(folder).glob("*.md")):
        new = fill(page.read_text(encoding="utf-8"))
        tmp = page.with_suffix(".md.tmp")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(page)


if __name__ == "__main__":
    main(sys.argv[1])
