"""`wayhome backup` and `wayhome restore`: one encrypted archive of everything.

The archive holds the database (as Django fixtures, one object a line, so it restores
into SQLite or PostgreSQL alike) and the vault (its encrypted files and keyring), as a
tar stream sealed under a key derived from the passphrase (adapters/vault/archive.py:
the format, version 3, and versions 2 and 1 still read). Both directions stream in constant
memory, through temporary files in the data folder (adapters/scratch.py) that are
removed on every path; the database on its way is itself sealed, under a key that
lives only in memory, so no plaintext touches the disk.

- A backup first checks the passphrase against the vault's keyring (a backup made
  with another passphrase could not be restored), and that one Argon2id derivation
  gives the backup's key too (:func:`backup_key`); it is written whole to a temporary
  file and renamed into place, so FILE holds the old backup or the new, never a part.
- A restore goes only into an empty data folder. It unpacks everything into a
  temporary folder, authenticates the archive to its last byte, then loads the
  database in one transaction and moves the vault into place inside it.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Final, cast

from django.core import management
from django.db import transaction

from wayhome.adapters import locks, scratch
from wayhome.adapters.db import store
from wayhome.adapters.files import fsync_dir
from wayhome.adapters.vault import archive
from wayhome.adapters.vault import keys as vault_keys
from wayhome.adapters.vault.keys import KDF
from wayhome.adapters.vault.stream import CHUNK, PREFIX, SealedReader, SealedWriter, WrittenBack
from wayhome.services import cases
from wayhome.services.vault import data_dir, refuse_without_keyring, vault_dir

APPS: Final = ("auth.user", "wayhome")
DATABASE: Final = {"database.jsonl": "jsonl", "database.json": "json"}  # version 2, 1
# Left in the vault folder while a restore moves it into place, removed once the
# database is committed: a vault holding it, beside an empty database, is what an
# interrupted restore left, and the next restore replaces it.
RESTORING: Final = ".restoring"
COPY_BUFFER: Final = 64 * 1024
# What a restore's tar reader asks of the archive at a time: tarfile's default (10 KiB)
# made a third of a restore's CPU time (ten thousand reads and joins for 100 MB); a
# megabyte would save a little more but hold more in memory at once.
TAR_READ: Final = 256 * 1024


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


def backup(out: Path, passphrase: str, *, chunk_size: int = CHUNK) -> int:
    """Write the archive; returns its size in bytes."""
    if out.is_dir():
        raise BackupError(f"{out} is a folder: give the name of the backup file to write")
    if not out.parent.is_dir():
        raise BackupError(f"the folder {out.parent} does not exist: make it first")
    key = backup_key(passphrase)
    with scratch.temp_path(data_dir(), ".wbk") as tmp:
        with tmp.open("xb") as f:
            sealed = archive.writer(cast(BinaryIO, WrittenBack(f)), key, chunk_size)
            # The database first, then the files: every file its records name is
            # already on disk (stored files are never changed, only added). The tar is
            # written in whole chunks, which the sealed writer takes without a copy
            # (copybufsize: TarFile's own keyword, which typeshed leaves out of open).
            with tarfile.open(  # type: ignore[call-overload]
                fileobj=sealed, mode="w|", bufsize=CHUNK, copybufsize=CHUNK
            ) as tar:
                _add_database(tar)
                _add_vault(tar)
            sealed.finish()
            f.flush()
            os.fsync(f.fileno())
        size = tmp.stat().st_size
        _move_into_place(tmp, out)
    return size


def backup_key(passphrase: str) -> archive.BackupKey:
    """The backup's key, once ``passphrase`` is checked against the vault's keyring
    (BackupError before anything is written when it does not open it): one Argon2id
    derivation, the keyring's, which opens the keyring and from which the key is
    derived (format version 3). A keyring made with a lower Argon2id cost than a new
    key's gets a second derivation at today's cost; a data folder without a vault, one
    derivation with a fresh salt. The passphrase is never shown or
    logged."""
    folder = vault_dir()
    try:
        if not vault_keys.exists(folder):
            refuse_without_keyring()
            return archive.new_key(passphrase, KDF)
        opened = vault_keys.unlock_with_kek(folder, passphrase)
        if archive.strong_enough(opened.params):
            return archive.key_from(opened.kek, opened.salt, opened.params)
        return archive.new_key(passphrase, KDF)  # the keyring's cost is below today's
    except (vault_keys.KeyringMissingError, vault_keys.KeyringDamagedError) as e:
        raise BackupError(f"{e}. Nothing was written.") from None
    except vault_keys.WrongPassphraseError:
        raise BackupError(
            "that passphrase does not open your vault, and a backup made with it could "
            "not be restored: give the vault's passphrase. Nothing was written."
        ) from None


def restore(source: Path, passphrase: str) -> None:
    _refuse_unless_empty()
    try:
        src = source.open("rb")
    except OSError as e:
        raise BackupError(f"{source} cannot be read ({e.strerror or e})") from None
    with src, scratch.temp_path(data_dir()) as staging:
        staging.mkdir()
        try:
            plain, finish = archive.reader(src, passphrase)
            database = _unpack(plain, staging)
            finish()
        except archive.ArchiveError as e:
            raise BackupError(f"{source}: {e}") from None
        except tarfile.TarError:
            raise BackupError(f"{source}: the archive inside is damaged") from None
        with locks.vault(data_dir()):
            _refuse_unless_empty()
            _load_and_move(database, staging / "vault")


def _refuse_unless_empty() -> None:
    if store.has_any_data():
        raise BackupError(
            "this data folder is not empty: restore into a new one "
            "(set WAYHOME_DATA_DIR to an empty folder)"
        )
    folder = vault_dir()
    if folder.is_dir() and any(folder.iterdir()):
        if (folder / RESTORING).exists():
            shutil.rmtree(folder)  # left by an interrupted restore; the database is empty
        else:
            raise BackupError("this data folder already has a vault: restore into a new one")


class _Spool:
    """The database on its way through the disk, sealed under a key held in memory."""

    def __init__(self, path: Path, fmt: str = "jsonl") -> None:
        self.path = path
        self.format = fmt
        self._key, self._prefix = os.urandom(32), os.urandom(PREFIX)
        self.size = 0

    @contextmanager
    def writing(self) -> Iterator[SealedWriter]:
        """A writer into the spool, finished (complete) only if the block ends well."""
        with self.path.open("xb") as f:
            sealed = SealedWriter(f, self._key, self._prefix, b"spool")
            yield sealed
            sealed.finish()
            self.size = sealed.written

    def open(self) -> io.BufferedReader:
        raw = SealedReader(self.path.open("rb"), self._key, self._prefix, b"spool")
        return io.BufferedReader(raw, COPY_BUFFER)


def _add_database(tar: tarfile.TarFile) -> None:
    with scratch.temp_path(data_dir(), ".spool") as path:
        spool = _Spool(path)
        with spool.writing() as sealed:
            text = io.TextIOWrapper(
                cast(BinaryIO, sealed), encoding="utf-8", newline="\n", write_through=True
            )
            management.call_command("dumpdata", *APPS, format="jsonl", stdout=text)
            text.flush()
            text.detach()  # the spool's writer stays open until it is finished
        info = tarfile.TarInfo("database.jsonl")
        info.size = spool.size
        info.mtime = 0  # the same content gives the same archive content
        with spool.open() as f:
            tar.addfile(info, f)


def _add_vault(tar: tarfile.TarFile) -> None:
    root = vault_dir()
    if not root.is_dir():
        return
    for path in sorted(p for p in root.rglob("*") if not p.name.startswith(".")):
        try:
            f = path.open("rb")
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            continue  # a folder (or a file removed meanwhile: an orphan repaired)
        with f:
            info = tarfile.TarInfo(f"vault/{path.relative_to(root).as_posix()}")
            info.size = os.fstat(f.fileno()).st_size
            info.mtime = 0
            tar.addfile(info, f)


def _move_into_place(tmp: Path, out: Path) -> None:
    """Rename the finished backup to ``out``. On another disk (a USB drive) it is
    copied beside ``out`` first, and that copy is removed if anything fails."""
    try:
        os.replace(tmp, out)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        fd, part = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
        try:
            with os.fdopen(fd, "wb") as f, tmp.open("rb") as src:
                shutil.copyfileobj(src, f, COPY_BUFFER)
                f.flush()
                os.fsync(f.fileno())
            os.replace(part, out)
        except BaseException:
            Path(part).unlink(missing_ok=True)
            raise
    fsync_dir(out.parent)


def _unpack(plain: BinaryIO, staging: Path) -> _Spool:
    """Every entry into ``staging``: the vault's files as they are (encrypted), the
    database into a sealed spool. Returns the spool."""
    database: _Spool | None = None
    with tarfile.open(fileobj=plain, mode="r|", bufsize=TAR_READ) as tar:
        for member in tar:
            name = PurePosixPath(member.name)
            if not member.isfile() or ".." in name.parts or name.is_absolute():
                raise BackupError(f"the backup holds an unexpected entry: {member.name}")
            source = tar.extractfile(member)
            assert source is not None  # a regular file
            if member.name in DATABASE and database is None:
                database = _Spool(staging / "database.spool", DATABASE[member.name])
                with database.writing() as sealed:
                    shutil.copyfileobj(source, sealed, COPY_BUFFER)
            elif name.parts[0] == "vault" and len(name.parts) > 1:
                target = staging.joinpath(*name.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("xb") as f:
                    shutil.copyfileobj(source, cast(BinaryIO, WrittenBack(f)), CHUNK)
                    f.flush()
                    os.fsync(f.fileno())
            else:
                raise BackupError(f"the backup holds an unexpected entry: {member.name}")
    if database is None:
        raise BackupError("the backup holds no database")
    return database


def _load_and_move(database: _Spool, new_vault: Path) -> None:
    """Load the database and move the vault into place, in one transaction: a failure
    leaves the data folder empty, as it was."""
    target = vault_dir()
    moved = False
    try:
        with transaction.atomic():
            _loaddata(database)
            cases.restored()  # a procedure log kept as JSON rows before: into its columns
            if new_vault.is_dir():
                (new_vault / RESTORING).touch()
                if target.is_dir():
                    target.rmdir()  # empty: checked before
                os.replace(new_vault, target)
                fsync_dir(target.parent)
                moved = True
    except BaseException:
        if moved:
            shutil.rmtree(target, ignore_errors=True)
        raise
    (target / RESTORING).unlink(missing_ok=True)


def _loaddata(database: _Spool) -> None:
    # Read from the sealed spool through standard input ("-" to loaddata), one object
    # at a time for version 2: the decrypted database never touches the disk.
    stdin = sys.stdin
    with database.open() as raw:
        sys.stdin = io.TextIOWrapper(raw, encoding="utf-8")
        try:
            management.call_command("loaddata", "-", format=database.format, verbosity=0)
        finally:
            sys.stdin = stdin
