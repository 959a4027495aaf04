"""A fingerprint of the installed code, for keys of stored results.

The version number alone does not change when the rules or the engine do between releases,
and a run store keyed on it served results of the old code after a rule was fixed. The
fingerprint hashes every Python source file and every data file the tables depend on (the law's
parameters and scenarios, the behaviour, the article index: ``*.yaml``, ``*.tsv``, ``*.json``) by
path and content, so any change to either gives new keys, and a Dask worker whose law files
differ from the asking machine's is told apart (``compare.runner.same_code``). Translations and
templates change no table and are left out.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from inburgering.version import __version__

PACKAGE = Path(__file__).resolve().parent
KINDS = ("py", "yaml", "tsv", "json")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The package version and a hash of its sources and data, e.g. ``0.1.0+3f2a9c1d0b7e``."""
    digest = hashlib.sha256()
    files = [f for kind in KINDS for f in PACKAGE.rglob(f"*.{kind}") if "__pycache__" not in f.parts]
    for path in sorted(files):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"
