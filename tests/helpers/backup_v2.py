"""A backup in format version 2, as Wayhome wrote it before version 3 (#28): the key is
Argon2id of the passphrase with a fresh salt of the backup's own, for the test that it
still restores. The archive inside is taken from a backup made now (opened with the
passphrase), then sealed again as version 2 sealed it."""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path

from wayhome.adapters.vault import archive
from wayhome.adapters.vault.keys import KDF, derive
from wayhome.adapters.vault.stream import PREFIX, SealedWriter


def write(out: Path, passphrase: str, made_now: Path, chunk_size: int = 4096) -> None:
    with made_now.open("rb") as f:
        plain, finish = archive.reader(f, passphrase)
        content = plain.read()
        finish()
    salt, prefix = os.urandom(16), os.urandom(PREFIX)
    header = {
        "format": "wayhome-backup",
        "version": 2,
        "kdf": "argon2id",
        **KDF,
        "salt": base64.b64encode(salt).decode(),
        "nonce_prefix": base64.b64encode(prefix).decode(),
        "chunk_size": chunk_size,
    }
    line = json.dumps(header, sort_keys=True).encode("ascii") + b"\n"
    body = io.BytesIO()
    sealed = SealedWriter(
        body,
        derive(passphrase, salt, KDF),
        prefix,
        b"wayhome-backup-v2\n" + archive.MAGIC + line,
        chunk_size,
    )
    sealed.write(content)
    sealed.finish()
    out.write_bytes(archive.MAGIC + line + body.getvalue())
