"""`wayhome backup` and `wayhome restore`: one encrypted archive of everything.

The archive holds the database (as Django fixtures, so it restores into SQLite
or PostgreSQL alike) and the vault (its encrypted files and keyring), as a tar
file encrypted with AES-GCM under a key derived from the passphrase (Argon2id,
a fresh salt each time). A restore goes only into an empty data folder.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
import tarfile
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core import management

from wayhome.adapters.db import store
from wayhome.adapters.files import write_atomic
from wayhome.adapters.vault.keys import KDF, derive
from wayhome.services.vault import vault_dir

MAGIC: Final = b"WAYHOME-BACKUP\n"
AAD: Final = b"wayhome-backup-v1"
APPS: Final = ("auth.user", "wayhome")


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


def backup(out: Path, passphrase: str) -> int:
    """Write the archive; returns its size in bytes."""
    fixtures = io.StringIO()
    management.call_command("dumpdata", *APPS, indent=1, stdout=fixtures)
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w") as tar:
        _add(tar, "database.json", fixtures.getvalue().encode("utf-8"))
        root = vault_dir()
        if root.is_dir():
            for path in sorted(
                p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")
            ):
                _add(tar, f"vault/{path.relative_to(root).as_posix()}", path.read_bytes())
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(derive(passphrase, salt, KDF)).encrypt(nonce, tar_bytes.getvalue(), AAD)
    header = json.dumps(
        {"version": 1, "kdf": "argon2id", **KDF, "salt": base64.b64encode(salt).decode()}
    ).encode()
    data = MAGIC + header + b"\n" + nonce + sealed
    write_atomic(out, data)
    return len(data)


def restore(archive: Path, passphrase: str) -> None:
    if store.has_any_data():
        raise BackupError(
            "this data folder is not empty: restore into a new one "
            "(set WAYHOME_DATA_DIR to an empty folder)"
        )
    if vault_dir().is_dir() and any(vault_dir().iterdir()):
        raise BackupError("this data folder already has a vault: restore into a new one")
    raw = archive.read_bytes()
    if not raw.startswith(MAGIC):
        raise BackupError(f"{archive} is not a Wayhome backup")
    header_line, _, rest = raw[len(MAGIC) :].partition(b"\n")
    header = json.loads(header_line)
    key = derive(passphrase, base64.b64decode(header["salt"]), header)
    try:
        plain = AESGCM(key).decrypt(rest[:12], rest[12:], AAD)
    except InvalidTag:
        raise BackupError(
            "that passphrase does not open this backup, or the file is damaged"
        ) from None
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r") as tar:
        members = {m.name: m for m in tar.getmembers()}
        for name, member in members.items():
            if not member.isfile() or ".." in Path(name).parts or Path(name).is_absolute():
                raise BackupError(f"the backup holds an unexpected entry: {name}")
        fixtures = tar.extractfile(members["database.json"])
        assert fixtures is not None
        data = fixtures.read()
        for name, member in members.items():
            if name.startswith("vault/"):
                target = vault_dir() / name.removeprefix("vault/")
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                assert source is not None
                write_atomic(target, source.read())
    # Loaded from memory ("-" is standard input to loaddata): the decrypted database
    # never touches the disk.
    stdin = sys.stdin
    sys.stdin = io.StringIO(data.decode("utf-8"))
    try:
        management.call_command("loaddata", "-", format="json", verbosity=0)
    finally:
        sys.stdin = stdin


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0  # the same content gives the same archive content
    tar.addfile(info, io.BytesIO(data))
