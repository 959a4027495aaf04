"""A fingerprint of the installed code, for keys of stored results.

The version number alone does not change when the rules or the engine do between releases,
and a run store keyed on it served results of the old code after a rule was fixed. The
fingerprint hashes every Python source file of the package (path and content), so any change
to the code gives new keys. Parameter and behaviour files are hashed where they are used.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from inburgering.version import __version__

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The package version and a hash of its Python sources, e.g. ``0.1.0+3f2a9c1d0b7e``."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"
