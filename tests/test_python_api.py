"""The Python API (docs/python.md): the page's example runs as written, and compare() from a plain script."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import inburgering
from inburgering.compare.request import RequestError

ROOT = Path(__file__).resolve().parents[1]


def test_the_worked_example_of_docs_python_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # its comparison goes to a store of its own
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs/python.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 4
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/python.md", "exec"), namespace)
    answers = namespace["answers"]
    assert list(answers.columns) == [
        "persoon",
        "vraag",
        "omschrijving",
        "wi2021",
        "coalitie-2026",
        "waarom",
        "soort.wi2021",
        "soort.coalitie-2026",
        "waarom.coalitie-2026",
    ]
    kern = namespace["kern"]
    assert set(kern["scenario"]) == {"wi2021", "coalitie-2026"}


def test_the_api_checks_its_arguments_first() -> None:
    with pytest.raises(ValueError, match="scale"):
        inburgering.simulate(scale=0)
    with pytest.raises(RequestError, match="draws: value 0 is not allowed"):
        inburgering.compare_scenarios(["wi2021"], draws=0)
    with pytest.raises(ValueError, match="lang"):
        inburgering.explain({"id": "a"}, lang="de")
    with pytest.raises(ValueError, match="on: value '31-02-2027' is not allowed"):
        inburgering.explain({"id": "a"}, on="31-02-2027")


def test_explain_takes_dates_and_a_scenario_as_people_write_them() -> None:
    person = {"id": "a", "geboortedatum": "1990-01-01", "nationaliteit": "SY", "verblijfsdoel": "asiel"}
    dutch = inburgering.explain(person, on="01-06-2027", scenarios="coalitie-2026")  # one id, not its letters
    iso = inburgering.explain(person, on="2027-06-01", scenarios=["coalitie-2026"])
    assert list(dutch.columns) == list(iso.columns) and "coalitie-2026" in dutch.columns
    assert dutch.equals(iso)


def test_a_comparison_works_from_a_plain_script_without_a_main_guard(tmp_path: Path) -> None:
    """Dask's worker processes used to run the script again: "Nanny failed to start"."""
    script = tmp_path / "analyse.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import inburgering
            run = inburgering.compare_scenarios(
                ["wi2021"], draws=2, scale=0.002, last_inflow_year=2022, horizon="2023-06", store={str(tmp_path)!r}
            )
            print("scenarios", sorted(run.tables["kernindicatoren"]["scenario"].unique()))
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "scenarios ['wi2021']"


def test_explain_tells_unknown_from_not_applicable_and_gives_each_scenarios_reason() -> None:
    # a counsellor's review: None meant "unknown", "not applicable" and "none" alike, and the baseline's
    # reason stood beside another scenario's different answer
    person = {"id": "a", "geboortedatum": "1994-06-01", "nationaliteit": "SY", "verblijfsdoel": "asiel"}
    person["datumAsielaanvraag"] = "2025-06-01"
    eu = {"id": "b", "geboortedatum": "1990-01-01", "nationaliteit": "PL", "verblijfsdoel": "gezin"}
    eu["datumVerblijfsrecht"] = "2024-01-01"
    answers = inburgering.explain([person, eu], on="2026-12-06", scenarios=["wi2021", "coalitie-2026"])
    rows = answers.set_index(["persoon", "vraag"])
    assert rows.loc[("a", "startTermijn"), "wi2021"] is None and rows.loc[("a", "startTermijn"), "soort.wi2021"]
    assert rows.loc[("b", "deadlinePip"), "soort.wi2021"] == "nietVanToepassing"  # never obliged
    assert rows.loc[("b", "inburgeringsplichtig"), "soort.wi2021"] == "waarde"
    work = rows.loc[("a", "magWerkenVanaf")]
    assert work["waarom.coalitie-2026"] and isinstance(work["waarom.coalitie-2026"], str)


def test_someone_under_the_old_act_is_told_so_not_just_no() -> None:
    """A legal review: 'Must integrate: no' for a Wi2013 case read as no obligation at all."""
    person = {"id": "w", "geboortedatum": "1985-01-01", "nationaliteit": "SY", "verblijfsdoel": "asiel",
              "datumAsielaanvraag": "2019-03-01", "datumVerblijfsrecht": "2020-01-15"}  # fmt: skip
    for lang, words in (("en", "old Wet inburgering (Wi2013) still applies"), ("nl", "Wi2013) blijft gelden")):
        table = inburgering.explain(person, on="2026-06-01", lang=lang)
        row = table[table["vraag"] == "moetInburgeren"].iloc[0]
        assert row["wi2021"] is False and words in row["waarom"]
