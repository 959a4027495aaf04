"""Write a command's output folder all or nothing, and say in one line why writing failed.

Every writer of an output folder (``compare``, ``simulate``, ``caseload forecast``) writes into a
fresh hidden folder inside ``out`` first and moves the files into place only when all of them
are written. So a full disk, a read-only folder or an interrupted run leaves the previous
output as it was and no partial one:

- the hidden folder is removed on any error (and a later run removes one left by a killed run:
  no ``finally`` runs then);
- ``out`` itself is removed again if this run created it and nothing could be written;
- the error becomes a :class:`WriteError` whose message names the folder and the reason, which
  the command line prints as one line (exit status 1) instead of a traceback.

The moves at the end are renames within one folder, which need no room for data.
"""

from __future__ import annotations

import errno
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class WriteError(Exception):
    """Output could not be written; the message is one line for the user."""

    said_in_one_line = True  # the command line prints it as it is, exit status 1


def reason(exc: BaseException) -> str:
    """Why writing failed, in words: the OS's reason, the disk-full cases said plainly."""
    code = getattr(exc, "errno", None)
    if code in DISK_FULL or "No space left" in str(exc) or "File too large" in str(exc):
        return "the disk is full (no space left to write)"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "no permission to write there"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def is_write_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is the machine refusing a write (disk full, quota, permission), not a bug."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    return code in DISK_FULL | {errno.EACCES, errno.EPERM, errno.EROFS} or "No space left" in text


def publish(
    out: Path,
    write: Callable[[Path], None],
    *,
    prefix: str = ".inburgering-",
    replace: Iterable[str] = (),
) -> list[Path]:
    """Run ``write(staging)``, then move every file it wrote into ``out``; returns the files in ``out``.

    ``replace`` names subfolders of ``out`` that are replaced whole (so no file of a previous
    run stays beside the new ones); other files of ``out`` are replaced one by one.
    """
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        for left in out.glob(f"{prefix}*"):  # an earlier run killed while writing
            shutil.rmtree(left, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=out))
        try:
            write(staging)
            for folder in replace:
                shutil.rmtree(out / folder, ignore_errors=True)
            written = []
            for path in sorted(p for p in staging.rglob("*") if p.is_file()):
                target = out / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                path.replace(target)
                written.append(target)
            return written
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise WriteError(f"could not write {out}: {reason(exc)}; nothing was written") from exc
