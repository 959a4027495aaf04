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

The moves at the end are renames within one folder, which need no room for data; what they
replace is moved aside first and put back if a move fails. Only the machine refusing a write
(a full disk, a quota, no permission) becomes a :class:`WriteError`; any other error is raised
as it is, after the same clean-up, so a bug is not reported as a full disk. A staging folder
carries its process id, and only those of ended processes (or older than a day) are removed,
so two runs into one folder do not remove each other's.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import shutil
import sys
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
        return "no permission (or a read-only disk)"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def is_write_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is the machine refusing a write (disk full, quota, permission), not a bug."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    return code in DISK_FULL | {errno.EACCES, errno.EPERM, errno.EROFS} or any(
        words in text for words in ("No space left", "File too large", "Disk quota")
    )


def out_problem(out: Path, option: str = "--out") -> str | None:
    """Why ``out`` cannot take a command's output, checked before any work, or ``None``.

    A file in its place, or a folder (or the nearest existing parent) this user may not write,
    is said at the start in one line, not after minutes of work.
    """
    if out.exists() and not out.is_dir():
        return f"{option}: {str(out)!r} is a file; allowed: a folder (new or existing)"
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing != out and not existing.is_dir():
        return f"{option}: {str(out)!r} lies under the file {str(existing)!r}; allowed: a folder (new or existing)"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{option}: {str(out)!r} cannot be written (no permission in {str(existing)!r}); allowed: a folder you may write"
    return None


def publish(
    out: Path,
    write: Callable[[Path], None],
    *,
    prefix: str = ".inburgering-",
    replace: Iterable[str] = (),
) -> list[Path]:
    """Run ``write(staging)``, then move every file it wrote into ``out``; returns the files in ``out``.

    ``replace`` names subfolders of ``out`` that are replaced whole (so no file of a previous
    run stays beside the new ones); other files of ``out`` are replaced one by one. What is
    replaced is first moved aside and put back if the moving fails half-way.
    """
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        _remove_stale(out, prefix)
        staging = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=out))
        try:
            write(staging)
            return _move_into(staging, out, tuple(replace))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        if not is_write_failure(exc):
            raise
        raise WriteError(f"could not write {out}: {reason(exc)}; nothing was written") from exc


def _move_into(staging: Path, out: Path, replace: tuple[str, ...]) -> list[Path]:
    """Move the staged files into ``out``, the old ones aside first; all back as they were on failure."""
    new = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
    aside = staging / ".aside"
    aside.mkdir()
    old = [Path(f) for f in replace if (out / f).exists()]
    old += [f for f in new if f.parts[0] not in replace and (out / f).exists()]
    moved_aside: list[Path] = []
    moved_in: list[Path] = []
    try:
        for f in old:
            (aside / f).parent.mkdir(parents=True, exist_ok=True)
            (out / f).rename(aside / f)
            moved_aside.append(f)
        for f in new:
            (out / f).parent.mkdir(parents=True, exist_ok=True)
            (staging / f).replace(out / f)
            moved_in.append(f)
    except BaseException:
        for f in reversed(moved_in):
            (out / f).unlink(missing_ok=True)
        for f in reversed(moved_aside):
            (out / f).parent.mkdir(parents=True, exist_ok=True)
            (aside / f).rename(out / f)
        raise
    return [out / f for f in new]


STALE_AFTER = 24 * 3600  # seconds after which a staging folder is left over whatever its process


def _remove_stale(out: Path, prefix: str) -> None:
    """Remove staging folders left by killed runs (no ``finally`` runs then); never a live run's."""
    for left in out.glob(f"{prefix}*"):
        pid = left.name[len(prefix) :].split("-", 1)[0]
        try:
            old = _dt.datetime.now().timestamp() - left.stat().st_mtime > STALE_AFTER
        except OSError:
            continue
        if old or not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(left, ignore_errors=True)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (on Windows: assumed so; the age rule removes its leftovers)."""
    if sys.platform == "win32":  # pragma: no cover - os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
