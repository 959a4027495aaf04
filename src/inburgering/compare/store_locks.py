"""Locks that let several processes (the CLI and a server) share one run store.

DuckDB lets one process at a time open a database file; a second one fails at once with
"Could not set lock on file". Two locks make sharing safe instead:

- The **catalogue lock** (``catalogue.lock``) is held for every short catalogue access, so
  processes wait their turn instead of failing. A process that keeps the catalogue busy longer
  than :data:`CATALOGUE_WAIT` (for example a DuckDB shell left open on it) gives
  :class:`StoreBusy`, one clear line, instead of a traceback.
- An **owner lock** per run (``<key>/.owner.lock``) is held by the process that has the run
  queued or running. The operating system drops it when that process ends, however it ends, so
  a run whose catalogue row says "running" but whose owner lock is free was interrupted: the
  catalogue never keeps saying "running" after a crash. A second process asked for the same
  run waits for the owner and then takes the stored result (parts are identical by construction).

The locks are advisory locks on a lock file (``flock`` on POSIX, ``msvcrt.locking`` on
Windows); the files are never removed, so two processes always lock the same file. Within a
process an owner lock is counted (a server queues a run, then its worker runs it), because two
handles of one process on one file block each other, as two threads' catalogue handles should.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from inburgering.publish import WriteError, is_write_failure, reason

CATALOGUE_WAIT = 30.0  # seconds a process waits for the catalogue before it gives up with StoreBusy


class StoreBusy(RuntimeError):
    """The run store's catalogue stayed in use by another program for too long."""

    said_in_one_line = True  # the command line prints it as it is, exit status 1

    def __init__(self, root: Path, seconds: float):
        super().__init__(
            f"the run store {root} is in use by another program (waited {seconds:.0f} s); "
            "try again when it is done, or use a store of your own with --store"
        )
        self.root = root


class FileLock:
    """An exclusive advisory lock on ``path``, held through an open handle (gone when the process is)."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; True if this handle holds it now."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK):
                return False  # held by someone else
            raise  # locks not supported here (ENOLCK, EOPNOTSUPP): say so, do not wait for ever
        self._fd = fd
        return True

    def acquire(self, timeout: float | None = None) -> bool:
        """Wait for the lock (at most ``timeout`` seconds, else for ever); False if it stayed taken."""
        deadline = None if timeout is None else time.monotonic() + timeout
        pause = 0.005
        while not self.try_acquire():
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
        return True

    def release(self) -> None:
        """Give the lock up (closing the handle releases it)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _unlock(fd)
            os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def catalogue(root: Path, wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to ``root``'s catalogue, held alone by this thread of this process meanwhile."""
    wait = CATALOGUE_WAIT if wait is None else wait
    deadline = time.monotonic() + wait
    lock = FileLock(root / "catalogue.lock")
    if not lock.acquire(timeout=wait):
        raise StoreBusy(root, wait)
    try:
        while True:  # a program that does not take our lock (a DuckDB shell) may still hold the file
            try:
                db = duckdb.connect(str(root / "catalogue.duckdb"))
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise _broken(root, exc) from exc
                if time.monotonic() > deadline:
                    raise StoreBusy(root, wait) from None
                time.sleep(0.05)
        try:
            with db:
                yield db
        except duckdb.IOException as exc:  # a full disk while the catalogue writes, or a damaged file
            raise _broken(root, exc) from exc
    finally:
        lock.release()


def _broken(root: Path, exc: Exception) -> Exception:
    """The catalogue could not be used: a full disk as such, else the file itself (one line either way)."""
    if is_write_failure(exc):
        return WriteError(f"could not write the run store's catalogue in {root}: {reason(exc)}")
    first = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
    return StoreBroken(
        f"the run store's catalogue {root / 'catalogue.duckdb'} cannot be used ({first}); "
        "move it away to start a new one, or use --store for another store"
    )


class StoreBroken(RuntimeError):
    """The catalogue file is damaged or not a DuckDB file."""

    said_in_one_line = True  # the command line prints it as it is, exit status 1


class Holds:
    """The lock files this process holds, counted per file (a claim of one process is reentrant)."""

    def __init__(self) -> None:
        self._held: dict[Path, tuple[FileLock, int]] = {}
        self._guard = threading.Lock()

    def claim(self, path: Path, *, block: bool = True, waiting: Callable[[], None] | None = None) -> bool:
        """Hold the lock ``path``; True when held.

        If another process holds it, ``block`` waits for it (calling ``waiting`` once first);
        without ``block`` the answer is False at once.
        """
        with self._guard:
            if path in self._held:
                lock, count = self._held[path]
                self._held[path] = (lock, count + 1)
                return True
        lock = FileLock(path)
        if not lock.try_acquire():
            if not block:
                return False
            if waiting is not None:
                waiting()
            lock.acquire()
        with self._guard:
            if path in self._held:  # another thread of this process took it meanwhile: count this claim there
                held, count = self._held[path]
                self._held[path] = (held, count + 1)
                lock.release()
            else:
                self._held[path] = (lock, 1)
        return True

    def release(self, path: Path) -> None:
        """Give up one claim on ``path``; the lock goes when the last claim of this process does."""
        with self._guard:
            if path not in self._held:
                return
            lock, count = self._held[path]
            if count > 1:
                self._held[path] = (lock, count - 1)
                return
            del self._held[path]
        lock.release()

    def holds(self, path: Path) -> bool:
        """Whether this process holds ``path``."""
        with self._guard:
            return path in self._held

    def held(self, path: Path) -> bool:
        """Whether some live process (this one included) holds ``path``.

        Another process is probed by taking the lock for an instant: a claim at that very
        instant sees it as taken (a blocking claim then waits a moment; a non-blocking one
        answers False, which callers treat as "someone else has it").
        """
        if self.holds(path):
            return True
        if not path.exists():
            return False
        probe = FileLock(path)
        if not probe.try_acquire():
            return True
        probe.release()
        return False


HOLDS = Holds()  # one per process: the locks belong to the process, not to a RunStore object
