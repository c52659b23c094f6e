"""A backup in format version 1, written as Wayhome 0.1 wrote it before version 2 (one
AES-GCM message, the database as JSON fixtures), for the test that it still restores."""

from __future__ import annotations

import base64
import io
import json
import os
import tarfile
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core import management

from wayhome.adapters.vault.keys import KDF, derive


def write(out: Path, passphrase: str, vault: Path) -> None:
    fixtures = io.StringIO()
    management.call_command("dumpdata", "auth.user", "wayhome", indent=1, stdout=fixtures)
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w") as tar:
        _add(tar, "database.json", fixtures.getvalue().encode("utf-8"))
        for path in sorted(p for p in vault.rglob("*") if p.is_file()):
            _add(tar, f"vault/{path.relative_to(vault).as_posix()}", path.read_bytes())
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(derive(passphrase, salt, KDF)).encrypt(
        nonce, tar_bytes.getvalue(), b"wayhome-backup-v1"
    )
    header = json.dumps(
        {"version": 1, "kdf": "argon2id", **KDF, "salt": base64.b64encode(salt).decode()}
    ).encode()
    out.write_bytes(b"WAYHOME-BACKUP\n" + header + b"\n" + nonce + sealed)


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))
