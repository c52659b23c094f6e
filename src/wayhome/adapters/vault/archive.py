"""The backup file's format: a header, then the archive sealed under the passphrase.

    WAYHOME-BACKUP\\n
    {"chunk_size": 1048576, "format": "wayhome-backup", "kdf": "argon2id",
     "memory_cost": 65536, "nonce_prefix": "...", "parallelism": 1, "salt": "...",
     "time_cost": 3, "version": 2}\\n
    chunk 0 | chunk 1 | ... | final chunk

Version 2 (written since 0.1): the key is Argon2id of the passphrase with the header's
salt and parameters; the archive is sealed in chunks (adapters/vault/stream.py), each
bound to its index, a final-chunk flag and the two header lines (the associated data),
so a header altered (weaker parameters, another salt) fails like a damaged chunk.
Written and read in constant memory.

Version 1 (read only): the same header without chunk_size and nonce_prefix, then a
12-byte nonce and the whole archive as one AES-GCM message (``wayhome-backup-v1`` as
associated data), decrypted in memory.

Public surface: :func:`new_key`, :func:`writer`, :func:`reader`, :class:`ArchiveError`.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wayhome.adapters.vault.keys import check_params, derive
from wayhome.adapters.vault.stream import CHUNK, PREFIX, SealedReader, SealedWriter, StreamError

MAGIC: Final = b"WAYHOME-BACKUP\n"
AAD_V1: Final = b"wayhome-backup-v1"
AAD_V2: Final = b"wayhome-backup-v2\n"
MAX_HEADER: Final = 4096
BUFFER: Final = 64 * 1024
VERSION: Final = 2

WRONG: Final = "that passphrase does not open this backup, or the file is damaged"


class ArchiveError(Exception):
    """Not a backup Wayhome can read, or one that does not open; the message says why."""


@dataclass(frozen=True)
class BackupKey:
    """A new backup's key, derived from the passphrase with a fresh salt."""

    salt: bytes
    key: bytes
    kdf: dict[str, Any]


def new_key(passphrase: str, kdf: dict[str, Any]) -> BackupKey:
    """Argon2id of the passphrase with a fresh salt (a fraction of a second, on purpose:
    a caller may do other work meanwhile, in another thread)."""
    salt = os.urandom(16)
    return BackupKey(salt, derive(passphrase, salt, kdf), dict(kdf))


def writer(out: BinaryIO, key: BackupKey, chunk_size: int = CHUNK) -> SealedWriter:
    """Write the header to ``out``; what is written to the returned writer is sealed
    after it. Call its ``finish()`` once everything is written."""
    prefix = os.urandom(PREFIX)
    header = {
        "format": "wayhome-backup",
        "version": VERSION,
        "kdf": "argon2id",
        **key.kdf,
        "salt": _b64(key.salt),
        "nonce_prefix": _b64(prefix),
        "chunk_size": chunk_size,
    }
    line = json.dumps(header, sort_keys=True).encode("ascii") + b"\n"
    out.write(MAGIC + line)
    return SealedWriter(out, key.key, prefix, AAD_V2 + MAGIC + line, chunk_size)


def reader(src: BinaryIO, passphrase: str) -> tuple[BinaryIO, Callable[[], None]]:
    """The archive in a backup, to read as a stream, and a function to call once it is
    read: it authenticates whatever is left up to the final chunk (ArchiveError if
    the file was cut short or added to). Reading raises ArchiveError on damage."""
    if src.read(len(MAGIC)) != MAGIC:
        raise ArchiveError("this is not a Wayhome backup")
    line = src.readline(MAX_HEADER)
    try:
        header = json.loads(line)
        version = header["version"]
        salt = base64.b64decode(header["salt"], validate=True)
        params = {k: int(header[k]) for k in ("time_cost", "memory_cost", "parallelism")}
        check_params(params)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ArchiveError("this backup's header is damaged") from None
    if version == 1:
        return _version_1(src, derive(passphrase, salt, params))
    if version != VERSION:
        raise ArchiveError(
            f"this backup is of format version {version}, newer than this Wayhome reads: "
            "update Wayhome, then restore it"
        )
    try:
        prefix = base64.b64decode(header["nonce_prefix"], validate=True)
        plain = _Checked(
            SealedReader(
                src,
                derive(passphrase, salt, params),
                prefix,
                AAD_V2 + MAGIC + line,
                int(header["chunk_size"]),
            )
        )
    except (StreamError, ValueError, KeyError, TypeError, binascii.Error):
        raise ArchiveError("this backup's header is damaged") from None
    return io.BufferedReader(plain, BUFFER), plain.drain


def _version_1(src: BinaryIO, key: bytes) -> tuple[BinaryIO, Callable[[], None]]:
    rest = src.read()
    try:
        plain = AESGCM(key).decrypt(rest[:12], rest[12:], AAD_V1)
    except (InvalidTag, ValueError):
        raise ArchiveError(WRONG) from None
    return io.BytesIO(plain), lambda: None


class _Checked(io.RawIOBase):
    """A SealedReader whose refusals are ArchiveErrors in words."""

    def __init__(self, inner: SealedReader) -> None:
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            return self._inner.readinto(buffer)
        except StreamError as e:
            raise ArchiveError(f"{WRONG} ({e})") from None

    def drain(self) -> None:
        try:
            self._inner.drain()
        except StreamError as e:
            raise ArchiveError(f"{WRONG} ({e})") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
