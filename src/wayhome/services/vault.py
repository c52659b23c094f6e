"""The vault: ingest files, import a folder, check everything stored, repair.

Every stored file is encrypted (wayhome.adapters.vault); the passphrase comes
from WAYHOME_PASSPHRASE or is asked for by the caller.

Several processes may use one data folder at once (two imports, the web app and a
command): a file and its record are committed under the vault's lock
(wayhome.adapters.locks), and so are the keyring's creation and a repair, so none
deletes or replaces what another has just written.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Final, cast

from django.conf import settings
from django.db import transaction
from msgspec import Struct, field

from wayhome.adapters import locks, scratch
from wayhome.adapters.db import store
from wayhome.adapters.vault import keys as vault_keys
from wayhome.adapters.vault.sniff import Kind, RefusedError, safe_name, sniff, sniff_file
from wayhome.adapters.vault.storage import (
    CorruptObjectError,
    TooLargeError,
    Vault,
    object_path,
    stored_ids,
)

DEFAULT_MAX_MB: Final = 50
REPAIR_LOG: Final = "repairs.log"
OBJECT_ID: Final = re.compile(r"[0-9a-f]{64}")


def data_dir() -> Path:
    return Path(settings.DATA_DIR)


def vault_dir() -> Path:
    return data_dir() / "vault"


def max_bytes() -> int:
    return int(os.environ.get("WAYHOME_VAULT_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def is_set_up() -> bool:
    return vault_keys.exists(vault_dir())


def open_vault(passphrase: str, *, create: bool = False) -> Vault:
    """The vault opened with ``passphrase``; with ``create``, made first when there is
    none. Never a new keyring where files are stored (:func:`refuse_without_keyring`)."""
    folder = vault_dir()
    if not vault_keys.exists(folder):
        refuse_without_keyring()
        if not create:
            raise vault_keys.WrongPassphraseError("there is no vault yet")
        # Held across the check and the creation: two first runs at once make one
        # keyring, and the second opens it (keys.create never replaces one either).
        with locks.vault(data_dir()):
            if not vault_keys.exists(folder):
                refuse_without_keyring()
                try:
                    return _vault(vault_keys.create(folder, passphrase))
                except FileExistsError:
                    pass  # made meanwhile without the lock (or a folder in its place)
    return _vault(vault_keys.unlock(folder, passphrase))


def _vault(keys: vault_keys.Keys) -> Vault:
    return Vault(vault_dir(), keys, tmp_dir=lambda: scratch.folder(data_dir()))


def refuse_without_keyring() -> None:
    """KeyringMissingError when files are stored (on disk or in the records) but the
    keyring is gone: a new key would not open them, and would hide that they are lost."""
    on_disk = len(stored_ids(vault_dir()))
    recorded = store.count_vault_files()
    if on_disk or recorded:
        n = max(on_disk, recorded)
        raise vault_keys.KeyringMissingError(
            f"the vault holds {n} stored file{'s' if n != 1 else ''} but its keyring "
            f"({vault_dir() / vault_keys.KEYRING}) is missing, and only that keyring opens "
            "them. Restore keyring.json from a backup (wayhome restore into an empty "
            "folder, then copy its vault/keyring.json here). No new keyring was made."
        )


class Ingested(Struct, frozen=True):
    name: str
    status: str  # stored | duplicate | refused | skipped (not a file to read: scan)
    reason: str = ""
    object_id: str = ""


def _too_large(shown: str) -> Ingested:
    limit = max_bytes() // (1024 * 1024)
    return Ingested(
        shown, "refused", f"larger than {limit} MB (WAYHOME_VAULT_MAX_MB sets the limit)"
    )


def ingest(owner: Any, vault: Vault, name: str, data: bytes) -> Ingested:
    """Store a file held in memory (an upload) and record it."""
    shown = safe_name(name)
    if len(data) > max_bytes():
        return _too_large(shown)
    try:
        kind = sniff(data)
    except RefusedError as e:
        return Ingested(shown, "refused", str(e))
    return _store(owner, vault, shown, kind, io.BytesIO(data))


def ingest_file(owner: Any, vault: Vault, path: Path) -> Ingested:
    """Store a file on disk and record it, reading it once, a chunk at a time: its type
    from its first and last bytes, then hashed and encrypted on the way to the vault
    (constant memory, whatever its size). A file over the limit is not read."""
    shown = safe_name(path.name)
    try:
        if path.stat().st_size > max_bytes():
            return _too_large(shown)  # not even opened
        f = path.open("rb")
    except OSError as e:
        return Ingested(shown, "refused", e.strerror or str(e))
    with f:
        try:
            kind = sniff_file(f)
        except RefusedError as e:
            return Ingested(shown, "refused", str(e))
        except OSError as e:
            return Ingested(shown, "refused", e.strerror or str(e))
        return _store(owner, vault, shown, kind, cast(BinaryIO, _Source(f)))


class _SourceError(Exception):
    """The file being stored could not be read (the file's problem, not the vault's)."""


class _Source:
    """A file on its way into the vault: a failure to read it refuses the file, where a
    failure to write (a full disk) is raised as it is."""

    def __init__(self, f: BinaryIO) -> None:
        self._f = f

    def read(self, size: int = -1) -> bytes:
        try:
            return self._f.read(size)
        except OSError as e:
            raise _SourceError(e.strerror or str(e)) from None


def _store(owner: Any, vault: Vault, shown: str, kind: Kind, src: BinaryIO) -> Ingested:
    try:
        # Sealed before the lock is taken (it may take seconds); placed and recorded
        # under it, together: the removal below can then only ever remove a file this
        # call placed, never one that another process found here and recorded.
        with vault.sealing(src, max_bytes()) as sealed, locks.vault(data_dir()):
            fresh = vault.place(sealed)
            try:
                with transaction.atomic():
                    created = store.add_vault_file(
                        owner, sealed.oid, shown, kind.media_type, sealed.size, sealed.sha256
                    )
            except BaseException:
                if fresh:
                    vault.delete(sealed.oid)  # nothing half-written: no file without its record
                raise
    except TooLargeError:
        return _too_large(shown)  # it grew while it was read
    except _SourceError as e:
        return Ingested(shown, "refused", str(e))
    return Ingested(
        shown,
        "stored" if created else "duplicate",
        "" if created else "the same content is already in the vault",
        sealed.oid,
    )


def files_in(folder: Path) -> list[Path]:
    return scan(folder)[0]


def scan(folder: Path) -> tuple[list[Path], list[Ingested]]:
    """The regular files under ``folder``, and each entry left out, with why: a link
    (never followed: it may lead out of the folder, or round in a loop), something that
    is not a file (a pipe would never end), a folder that cannot be read."""
    files: list[Path] = []
    skipped: list[Ingested] = []

    def shown(path: Path) -> str:
        parts = path.relative_to(folder).parts if path != folder else (path.name,)
        return "/".join(safe_name(p) for p in parts)

    def skip(path: Path, why: str) -> None:
        skipped.append(Ingested(shown(path), "skipped", why))

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        skip(where, f"a folder that cannot be read ({error.strerror or error}): not imported")

    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(root)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                skip(here / name, "a link to a folder, not followed: import that folder itself")
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        for name in sorted(names):
            path = here / name
            if path.is_symlink():
                skip(path, "a link, not followed: add the file it points to itself")
            elif path.is_file():
                files.append(path)
            else:
                skip(path, "not a file (a pipe, a socket or a device)")
    return sorted(files), skipped


def import_folder(
    owner: Any,
    vault: Vault,
    paths: Iterable[Path],
    step: Callable[[Ingested], None] = lambda _: None,
) -> list[Ingested]:
    out = []
    for path in paths:
        result = ingest_file(owner, vault, path)
        out.append(result)
        step(result)
    return out


class CheckReport(Struct):
    checked: int = 0
    missing: list[str] = field(default_factory=list)  # recorded, but no file
    orphans: list[str] = field(default_factory=list)  # a file nothing records
    damaged: list[str] = field(default_factory=list)  # does not decrypt or match
    keyring: str = ""  # why the keyring cannot open the files ("" when it can)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.orphans or self.damaged or self.keyring)


def check(vault: Vault | None, keyring_problem: str = "") -> CheckReport:
    """Decrypt and re-hash every stored file; find orphans and missing files.

    Without a vault (its keyring is missing or damaged: ``keyring_problem`` says so)
    the files cannot be decrypted, but missing files and orphans are still found. Each
    problem is a finding; nothing here raises on a damaged vault.
    """
    report = CheckReport(keyring=keyring_problem)
    recorded = store.all_vault_hashes()
    on_disk = stored_ids(vault_dir())
    report.orphans = sorted(on_disk - set(recorded))
    report.missing = sorted(set(recorded) - on_disk)
    if vault is None:
        return report
    for oid in sorted(set(recorded) & on_disk):
        report.checked += 1
        digest = hashlib.sha256()
        try:
            for piece in vault.chunks(oid):  # constant memory, whatever the file's size
                digest.update(piece)
        except CorruptObjectError as e:
            report.damaged.append(str(e))
            continue
        if digest.hexdigest() not in recorded[oid]:
            report.damaged.append(f"{oid[:12]}… does not match its recorded SHA-256")
    return report


class Repaired(Struct, frozen=True):
    removed: list[str]  # orphans removed
    left: list[str]  # entries not named like a stored file: not ours to remove
    log: Path  # where each removal is recorded


def repair() -> Repaired:
    """Remove the orphans (stored files no record names), recording each in the vault's
    repairs.log. Under the vault's lock, so a file another process has just stored,
    and is about to record, is never taken for an orphan."""
    root = vault_dir()
    log = root / REPAIR_LOG
    removed: list[str] = []
    left: list[str] = []
    with locks.vault(data_dir()):
        recorded = set(store.all_vault_hashes())
        lines = []
        for oid in sorted(stored_ids(root) - recorded):
            if not OBJECT_ID.fullmatch(oid):
                left.append(oid)
                continue
            path = object_path(root, oid)
            what = "a folder" if path.is_dir() else f"{path.stat().st_size} bytes"
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(oid)
            when = datetime.now(UTC).isoformat(timespec="seconds")
            lines.append(f"{when} removed orphan {oid} ({what}): no record names it\n")
        if lines:
            with log.open("a", encoding="utf-8") as f:
                f.writelines(lines)
                f.flush()
                os.fsync(f.fileno())
    return Repaired(removed, left, log)
