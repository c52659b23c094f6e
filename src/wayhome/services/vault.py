"""The vault: ingest files, import a folder, check everything stored.

Every stored file is encrypted (wayhome.adapters.vault); the passphrase comes
from WAYHOME_PASSPHRASE or is asked for by the caller.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.db import transaction

from wayhome.adapters.db import store
from wayhome.adapters.vault import keys as vault_keys
from wayhome.adapters.vault.sniff import RefusedError, safe_name, sniff
from wayhome.adapters.vault.storage import CorruptObjectError, Vault

DEFAULT_MAX_MB: Final = 50


def vault_dir() -> Path:
    return Path(settings.DATA_DIR) / "vault"


def max_bytes() -> int:
    return int(os.environ.get("WAYHOME_VAULT_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def is_set_up() -> bool:
    return vault_keys.exists(vault_dir())


def open_vault(passphrase: str, *, create: bool = False) -> Vault:
    folder = vault_dir()
    if not vault_keys.exists(folder):
        if not create:
            raise vault_keys.WrongPassphraseError("there is no vault yet")
        return Vault(folder, vault_keys.create(folder, passphrase))
    return Vault(folder, vault_keys.unlock(folder, passphrase))


@dataclass(frozen=True)
class Ingested:
    name: str
    status: str  # stored | duplicate | refused
    reason: str = ""
    object_id: str = ""


def _too_large(shown: str) -> Ingested:
    limit = max_bytes() // (1024 * 1024)
    return Ingested(
        shown, "refused", f"larger than {limit} MB (WAYHOME_VAULT_MAX_MB sets the limit)"
    )


def ingest(owner: Any, vault: Vault, name: str, data: bytes) -> Ingested:
    shown = safe_name(name)
    if len(data) > max_bytes():
        return _too_large(shown)
    try:
        kind = sniff(data)
    except RefusedError as e:
        return Ingested(shown, "refused", str(e))
    oid, fresh = vault.put(data)
    try:
        with transaction.atomic():
            created = store.add_vault_file(
                owner, oid, shown, kind.media_type, len(data), hashlib.sha256(data).hexdigest()
            )
    except BaseException:
        if fresh:
            vault.delete(oid)  # nothing half-written: no file without its record
        raise
    return Ingested(
        shown,
        "stored" if created else "duplicate",
        "" if created else "the same content is already in the vault",
        oid,
    )


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def import_folder(
    owner: Any,
    vault: Vault,
    paths: Iterable[Path],
    step: Callable[[Ingested], None] = lambda _: None,
) -> list[Ingested]:
    out = []
    for path in paths:
        try:
            # A file over the limit is refused before it is read into memory.
            too_large = path.stat().st_size > max_bytes()
            data = b"" if too_large else path.read_bytes()
        except OSError as e:
            result = Ingested(safe_name(path.name), "refused", e.strerror or str(e))
        else:
            result = (
                _too_large(safe_name(path.name))
                if too_large
                else ingest(owner, vault, path.name, data)
            )
        out.append(result)
        step(result)
    return out


@dataclass
class CheckReport:
    checked: int = 0
    missing: list[str] = field(default_factory=list)  # recorded, but no file
    orphans: list[str] = field(default_factory=list)  # a file nothing records
    damaged: list[str] = field(default_factory=list)  # does not decrypt or match

    @property
    def ok(self) -> bool:
        return not (self.missing or self.orphans or self.damaged)


def check(vault: Vault) -> CheckReport:
    """Decrypt and re-hash every stored file; find orphans and missing files."""
    report = CheckReport()
    recorded = store.all_vault_hashes()
    on_disk = vault.ids()
    report.orphans = sorted(on_disk - set(recorded))
    report.missing = sorted(set(recorded) - on_disk)
    for oid in sorted(set(recorded) & on_disk):
        report.checked += 1
        try:
            data = vault.get(oid)
        except CorruptObjectError as e:
            report.damaged.append(str(e))
            continue
        if hashlib.sha256(data).hexdigest() not in recorded[oid]:
            report.damaged.append(f"{oid[:12]}… does not match its recorded SHA-256")
    return report
