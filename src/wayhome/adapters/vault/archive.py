"""The backup file's format: a header, then the archive sealed under the passphrase.

    WAYHOME-BACKUP\\n
    {"chunk_size": 1048576, "format": "wayhome-backup", "hkdf_salt": "...",
     "kdf": "argon2id", "key": "hkdf-sha256", "memory_cost": 65536,
     "nonce_prefix": "...", "parallelism": 1, "salt": "...", "time_cost": 3,
     "version": 3}\\n
    chunk 0 | chunk 1 | ... | final chunk

Version 3 (written since #28): the key is HKDF-SHA-256 of an Argon2id key, with the
header's ``hkdf_salt`` (fresh for each backup) and ``INFO_V3``; the Argon2id key is that
of the passphrase with the header's ``salt`` and parameters. A backup of a data folder
with a vault takes the salt and parameters of its keyring's passphrase wrapping, so the
one derivation that checks the passphrase (it opens the keyring) also gives the
backup's key (:func:`key_from`); without a keyring, a fresh salt (:func:`new_key`).
Either way a backup and a restore each run Argon2id once. The archive is sealed in
chunks (adapters/vault/stream.py), each bound to its index, a final-chunk flag and the
two header lines (the associated data), so a header altered (weaker parameters, another
salt) fails like a damaged chunk. Written and read in constant memory.

Version 2 (read only): as version 3 without ``key`` and ``hkdf_salt``; the key is the
Argon2id key itself, always from a fresh salt (a backup derived twice: that key and the
keyring's, to check the passphrase).

Version 1 (read only): the same header without chunk_size and nonce_prefix, then a
12-byte nonce and the whole archive as one AES-GCM message (``wayhome-backup-v1`` as
associated data), decrypted in memory.

Public surface: :func:`new_key`, :func:`key_from`, :func:`strong_enough`,
:func:`writer`, :func:`reader`, :class:`ArchiveError`.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import os
from collections.abc import Callable
from typing import Any, BinaryIO, Final

from argon2.exceptions import HashingError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from msgspec import Struct

from wayhome.adapters.vault import keys
from wayhome.adapters.vault.stream import CHUNK, PREFIX, SealedReader, SealedWriter, StreamError

MAGIC: Final = b"WAYHOME-BACKUP\n"
AAD_V1: Final = b"wayhome-backup-v1"
AAD_V2: Final = b"wayhome-backup-v2\n"
AAD_V3: Final = b"wayhome-backup-v3\n"
INFO_V3: Final = b"wayhome-backup-v3 archive key"
MAX_HEADER: Final = 4096
BUFFER: Final = 64 * 1024
VERSION: Final = 3

WRONG: Final = "that passphrase does not open this backup, or the file is damaged"


class ArchiveError(Exception):
    """Not a backup Wayhome can read, or one that does not open; the message says why."""


class BackupKey(Struct, frozen=True):
    """A new backup's key: HKDF of an Argon2id key (salt and parameters as given) with
    a fresh ``hkdf_salt``."""

    salt: bytes
    key: bytes
    kdf: dict[str, Any]
    hkdf_salt: bytes


def strong_enough(params: dict[str, int]) -> bool:
    """Whether Argon2id with ``params`` costs at least what a new key's does
    (keys.KDF): only then may a backup reuse the keyring's derivation."""
    return all(params[k] >= keys.KDF[k] for k in ("time_cost", "memory_cost"))


def key_from(kek: bytes, salt: bytes, params: dict[str, int]) -> BackupKey:
    """A backup's key from an Argon2id key already derived (the keyring's: ``salt`` and
    ``params`` are those it was derived with, written in the header to derive it again
    at a restore)."""
    hkdf_salt = os.urandom(32)
    return BackupKey(salt, _expand(kek, hkdf_salt), dict(params), hkdf_salt)


def new_key(passphrase: str, kdf: dict[str, Any]) -> BackupKey:
    """A backup's key from Argon2id of the passphrase with a fresh salt (a fraction of a
    second, on purpose), where there is no keyring's derivation to build on."""
    salt = os.urandom(16)
    return key_from(keys.derive(passphrase, salt, kdf), salt, kdf)


def _expand(kek: bytes, hkdf_salt: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=hkdf_salt, info=INFO_V3).derive(kek)


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
        "key": "hkdf-sha256",
        "hkdf_salt": _b64(key.hkdf_salt),
        "nonce_prefix": _b64(prefix),
        "chunk_size": chunk_size,
    }
    line = json.dumps(header, sort_keys=True).encode("ascii") + b"\n"
    out.write(MAGIC + line)
    return SealedWriter(out, key.key, prefix, AAD_V3 + MAGIC + line, chunk_size)


def reader(src: BinaryIO, passphrase: str) -> tuple[BinaryIO, Callable[[], None]]:
    """The archive in a backup, to read as a stream, and a function to call once it is
    read: it authenticates whatever is left up to the final chunk (ArchiveError if
    the file was cut short or added to). Reading raises ArchiveError on damage; a wrong
    passphrase fails at the first chunk, before anything is read from the archive."""
    if src.read(len(MAGIC)) != MAGIC:
        raise ArchiveError("this is not a Wayhome backup")
    line = src.readline(MAX_HEADER)
    try:
        header = json.loads(line)
        version = header["version"]
        salt = base64.b64decode(header["salt"], validate=True)
        params = {k: int(header[k]) for k in ("time_cost", "memory_cost", "parallelism")}
        keys.check_params(params)
        if version == 3:
            if header["key"] != "hkdf-sha256":
                raise ValueError("an unknown key derivation")
            hkdf_salt = base64.b64decode(header["hkdf_salt"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ArchiveError("this backup's header is damaged") from None
    if version == 1:
        return _version_1(src, keys.derive(passphrase, salt, params))
    if version not in (2, VERSION):
        raise ArchiveError(
            f"this backup is of format version {version}, newer than this Wayhome reads: "
            "update Wayhome, then restore it"
        )
    try:
        prefix = base64.b64decode(header["nonce_prefix"], validate=True)
        chunk_size = int(header["chunk_size"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ArchiveError("this backup's header is damaged") from None
    try:
        derived = keys.derive(passphrase, salt, params)
    except HashingError:  # parameters Argon2 itself refuses
        raise ArchiveError("this backup's header is damaged") from None
    if version == 2:
        key, aad = derived, AAD_V2 + MAGIC + line
    else:
        key, aad = _expand(derived, hkdf_salt), AAD_V3 + MAGIC + line
    try:
        plain = _Checked(SealedReader(src, key, prefix, aad, chunk_size))
    except StreamError:
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
