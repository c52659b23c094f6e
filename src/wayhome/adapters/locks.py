"""Locks between processes (and threads) that share one data folder, on every OS.

A lock is a file in the data folder held with the operating system's file lock
(the ``filelock`` package: fcntl on Linux and macOS, msvcrt on Windows); it is let
go when its holder ends, however it ends, so a killed process never leaves the
folder locked. Public surface: :func:`vault` and :class:`BusyError`.

- ``vault``: held while files and their records are committed together, while the
  keyring is created, and while a repair removes orphans (services/vault.py), so no
  process replaces or deletes what another has just written.
- ``migrate.lock``: held while the tables are created or brought up to date
  (adapters/db/store.py), so two first runs at once do not both create them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Final

from filelock import FileLock, Timeout

# How long a command or a page waits for another Wayhome process to finish its step.
# Steps held under a lock are short (one file stored, one keyring made).
WAIT_SECONDS: Final = 120.0
VAULT_LOCK: Final = "vault.lock"
MIGRATE_LOCK: Final = "migrate.lock"


class BusyError(Exception):
    """Another Wayhome process held the lock for longer than we wait."""


@contextmanager
def held(path: Path, what: str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock at ``path`` for the block; a fresh lock object each time, so two
    threads of one process exclude each other as two processes do."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise BusyError(
            f"another Wayhome window or command is still busy with {what} "
            f"(waited {wait:.0f} s): try again when it has finished"
        ) from None
    try:
        yield
    finally:
        lock.release()


def vault(data_dir: Path, wait: float = WAIT_SECONDS) -> AbstractContextManager[None]:
    """The vault's commit lock (see the module's docstring)."""
    return held(data_dir / VAULT_LOCK, "the vault", wait)
