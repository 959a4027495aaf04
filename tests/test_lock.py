"""The lock files pin, with hashes, everything pyproject.toml asks for (issue #19).

`make run` installs requirements/run.txt and `make test` requirements/dev.txt with pip's
--require-hashes; a dependency added to pyproject.toml but not locked would be missing there.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return Requirement(requirement).name.lower().replace("_", "-")


def _locked(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)(.*?)(?=^\S|\Z)", text, re.M | re.S)
    for name, version, rest in entries:
        assert "--hash=sha256:" in rest, f"{path.name}: {name}=={version} has no hash"
    return {name.lower().replace("_", "-"): version for name, version, _ in entries}


def test_every_dependency_is_locked_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    run, dev = _locked(ROOT / "requirements/run.txt"), _locked(ROOT / "requirements/dev.txt")
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    wanted = [(r, (run, dev)) for r in [*project["dependencies"], *build]]
    wanted += [(r, (dev,)) for r in project["optional-dependencies"]["dev"]]
    for text, locks in wanted:
        requirement = Requirement(text)
        for lock in locks:
            name = _name(text)
            assert name in lock, f"a lock file lacks {text}: run 'make lock'"
            assert requirement.specifier.contains(lock[name], prereleases=True), f"{name}=={lock[name]} is not {text}"
    assert "distributed" in run  # dask[distributed]: the extra's packages are locked too
    assert all(dev[name] == version for name, version in run.items()), "the two lock files pin different versions"
    assert "pytest" not in run and "ruff" not in run  # running needs no dev tools
