"""The data folder kept to its owner on POSIX systems: the folder 0700, the database,
the keyring and the secret key 0600, as ssh keeps ~/.ssh.

:func:`make_private` runs once as the data layer's settings are read
(adapters/db/settings.py), before anything is stored: it makes the folder 0700, or
tightens a folder that others could read (an older Wayhome made it 0755 under the
usual umask) and says so on stderr; it makes an SQLite database 0600 before Django
creates it (SQLite gives its -wal and -shm files the database's mode) and tightens
the files Wayhome keeps there. Files Wayhome writes later are 0600 already
(``tempfile.mkstemp``, ``os.open(..., 0o600)``).

On Windows none of this applies: the default data folder is under the user's own
profile (%LOCALAPPDATA%), whose access list already keeps other users out, and POSIX
modes mean nothing to NTFS.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

FOLDER_MODE: Final = 0o700
FILE_MODE: Final = 0o600
# What Wayhome keeps in the data folder that says most about a person.
PRIVATE_FILES: Final = (
    "wayhome.sqlite3",
    "wayhome.sqlite3-wal",
    "wayhome.sqlite3-shm",
    "secret_key",
    "vault/keyring.json",
)
PRIVATE_FOLDERS: Final = ("vault", "vault/objects")


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def make_private(
    folder: Path,
    database: Mapping[str, object] | None = None,
    say: Callable[[str], None] = _say,
) -> list[str]:
    """Make ``folder`` (and the SQLite file of ``database``, when it is one) its
    owner's alone; tighten what others could read. Returns the notes it said."""
    if os.name == "nt":  # the profile's access list protects it; see the module's text
        folder.mkdir(parents=True, exist_ok=True)
        return []
    notes: list[str] = []
    if folder.is_dir():
        notes += _tighten(folder, FOLDER_MODE)
    else:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
        notes += _tighten(folder, FOLDER_MODE)  # in case it was made meanwhile
    for name in PRIVATE_FOLDERS:
        if (folder / name).is_dir():
            notes += _tighten(folder / name, FOLDER_MODE)
    for name in PRIVATE_FILES:
        if (folder / name).is_file():
            notes += _tighten(folder / name, FILE_MODE)
    sqlite = _sqlite_file(database)
    if sqlite is not None and not sqlite.exists():
        # An empty file is a new SQLite database; made here, it is never readable by others.
        os.close(os.open(sqlite, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    elif sqlite is not None and sqlite.is_file():
        notes += _tighten(sqlite, FILE_MODE)
    for note in notes:
        say(note)
    return notes


def _sqlite_file(database: Mapping[str, object] | None) -> Path | None:
    if not database or "sqlite" not in str(database.get("ENGINE", "")):
        return None
    name = database.get("NAME")
    return Path(str(name)) if name and str(name) != ":memory:" else None


def _tighten(path: Path, mode: int) -> list[str]:
    """``path`` set to ``mode`` when group or others have any access; the note if so.
    A path owned by someone else is left alone (only its owner may change it)."""
    info = path.stat()
    if not stat.S_IMODE(info.st_mode) & 0o077 or info.st_uid != os.getuid():
        return []
    os.chmod(path, mode)
    was = stat.S_IMODE(info.st_mode)
    return [
        f"Note: {path} could be read by other users of this computer (mode {was:04o}); "
        f"it is now {mode:04o}, yours alone."
    ]
