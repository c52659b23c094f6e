"""Temporary files in the data folder: removed on every path, and after a crash by the
next run. Public surface: :func:`temp_path`, :func:`folder`, :func:`tidy`, :func:`release_all`.

A process that needs one gets a private folder ``tmp/<pid>-<random>/`` in the data
folder, held by a lock (``tmp/<same name>.lock``, the ``filelock`` package) for as
long as the process lives. Never the system's temp folder, where a plaintext copy of
an upload could outlive us, and on the same disk as what a temporary file becomes, so
a finished file is renamed into place (os.replace), never copied.

A path from :func:`temp_path` is removed when its block ends, by an error or Ctrl-C
too. A process killed outright (kill -9, a power cut) cannot clean up: the next
process to use the data folder removes every folder whose lock nobody holds any more.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from filelock import FileLock, Timeout

TMP: Final = "tmp"
# Folders kept at once, each holding a lock file open: past this many data folders
# (only a test run uses several), the oldest is let go.
MAX_HELD: Final = 8

_guard = threading.Lock()
# data folder -> this process's folder in it, and the lock that says we are alive
_mine: dict[Path, tuple[Path, FileLock]] = {}
_pinned: set[Path] = set()


def folder(data_dir: Path, *, pin: bool = False) -> Path:
    """This process's private temporary folder in ``data_dir`` (made on first use,
    after removing the folders of processes that are gone). ``pin`` keeps it for the
    process's life (a setting names it)."""
    key = data_dir.resolve()
    if pin:
        _pinned.add(key)
    with _guard:
        held = _mine.get(key)
        if held is not None and held[0].is_dir():
            return held[0]
        if held is not None:  # removed under us (the data folder was deleted)
            _let_go(key)
        # A process has one data folder; a test run many: past MAX_HELD, the oldest
        # (but a pinned one, named in settings) is let go.
        evictable = [k for k in _mine if k not in _pinned]
        while evictable and len(_mine) >= MAX_HELD:
            _let_go(evictable.pop(0))
        root = key / TMP
        root.mkdir(parents=True, exist_ok=True)
        sweep(root)
        name, lock = _claim(root)
        path = root / name
        path.mkdir(mode=0o700)
        _mine[key] = (path, lock)
        return path


def _claim(root: Path) -> tuple[str, FileLock]:
    """A fresh name in ``root`` and its lock, held. Another process's sweep may open
    the new lock file in the instant between our creating and locking it: then we
    either fail to lock it or find it unlinked under us, and take another name."""
    for _ in range(20):
        name = f"{os.getpid()}-{secrets.token_hex(4)}"
        lock_path = root / f"{name}.lock"
        lock = FileLock(lock_path, timeout=0)
        try:
            lock.acquire()
        except Timeout:
            continue  # a sweep holds it for now; it will remove it
        if lock_path.exists():  # a sweep unlinks while it holds, so ours is live
            return name, lock
        lock.release()
    raise OSError(f"could not make a temporary folder in {root}: try again")


def tidy(data_dir: Path) -> list[str]:
    """Remove what processes that are gone left in ``data_dir``'s temporary area (every
    command and the web app do this as they start)."""
    root = data_dir.resolve() / TMP
    with _guard:
        return sweep(root) if root.is_dir() else []


def sweep(root: Path) -> list[str]:
    """Remove the folders (and stray files) left in ``root`` by processes that are gone;
    returns their names. A folder whose lock is held belongs to a live process."""
    ours = {held[0].name for held in _mine.values()}
    removed = []
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        name = entry.name.removesuffix(".lock")
        if name in ours or (entry.suffix != ".lock" and (root / f"{name}.lock").exists()):
            continue  # ours, or judged by its lock below
        if entry.suffix == ".lock":
            lock = FileLock(entry, timeout=0)
            try:
                lock.acquire()
            except Timeout:
                continue  # its process is alive
            try:
                _remove(root / name)
                # Unlinked while held (POSIX), so a process that opened this file a
                # moment ago and locks it after us sees it gone (see _claim).
                unlinked = _unlink_quietly(entry)
            finally:
                lock.release()
            if not unlinked:  # Windows: an open file cannot be removed
                entry.unlink(missing_ok=True)
        else:
            _remove(entry)  # no lock at all: a process that died while making its folder
        removed.append(name)
    return removed


@contextmanager
def temp_path(data_dir: Path, suffix: str = "") -> Iterator[Path]:
    """A fresh path in this process's folder (nothing is created there): the caller
    makes a file or a folder at it, and whatever it made is removed afterwards."""
    path = folder(data_dir) / f"{secrets.token_hex(8)}{suffix}"
    try:
        yield path
    finally:
        _remove(path)


def _unlink_quietly(path: Path) -> bool:
    try:
        path.unlink(missing_ok=True)
    except PermissionError:
        return False
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _let_go(key: Path) -> None:
    path, lock = _mine.pop(key)
    _remove(path)
    lock.release()
    lock_file = Path(lock.lock_file)
    lock_file.unlink(missing_ok=True)


@atexit.register
def release_all() -> None:
    """Remove this process's folders and let go of their locks (run at exit)."""
    with _guard:
        for key in list(_mine):
            _let_go(key)


def _forget_in_child() -> None:
    # A forked child has its own life: it must not remove, or claim, its parent's folder.
    _mine.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
