"""Encrypted, content-addressed file storage.

Each file is stored as ``nonce || AES-GCM(data)`` under ``objects/ab/<id>``, where
``id`` is HMAC-SHA-256 of the content under a key of its own: the same file is
stored once, and the names reveal nothing about what is held. The id is the
ciphertext's associated data, so a file moved to another name fails to decrypt.

A stored file that cannot be read as one (cut short, a folder in its place, unreadable)
is a :class:`CorruptObjectError` like one that fails to decrypt, so a check reports it
and goes on.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wayhome.adapters.files import write_atomic
from wayhome.adapters.vault.keys import Keys


class CorruptObjectError(Exception):
    """A stored file does not decrypt, or does not match its name."""


def object_path(root: Path, oid: str) -> Path:
    """Where a stored file lives under the vault folder (no key needed to find it)."""
    return root / "objects" / oid[:2] / oid


def stored_ids(root: Path) -> set[str]:
    """The names under objects/ (no key needed; a folder where a file should be is
    named too, so a check reports it)."""
    objects = root / "objects"
    if not objects.is_dir():
        return set()
    return {p.name for p in objects.glob("*/*") if not p.name.startswith(".")}


class Vault:
    def __init__(self, root: Path, keys: Keys, tmp_dir: Callable[[], Path] | None = None) -> None:
        """``tmp_dir`` gives the folder for files being written (the data folder's
        scratch, swept after a crash); default: beside each file."""
        self.root = root
        self.objects = root / "objects"
        # Kept for the keyring's own uses (its recovery code, a rewrap); never written.
        self.keys = keys
        self._aead = AESGCM(keys.data_key)
        self._mac_key = keys.mac_key
        self._tmp_dir = tmp_dir

    def object_id(self, data: bytes) -> str:
        return hmac.new(self._mac_key, data, hashlib.sha256).hexdigest()

    def path(self, oid: str) -> Path:
        return object_path(self.root, oid)

    def has(self, oid: str) -> bool:
        return self.path(oid).is_file()

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store ``data``; returns (id, newly stored). Writes are atomic."""
        oid = self.object_id(data)
        target = self.path(oid)
        if target.is_file():
            return oid, False
        target.parent.mkdir(parents=True, exist_ok=True)
        nonce = os.urandom(12)
        blob = nonce + self._aead.encrypt(nonce, data, oid.encode())
        write_atomic(target, blob, self._tmp_dir() if self._tmp_dir else None)
        return oid, True

    def get(self, oid: str) -> bytes:
        path = self.path(oid)
        if path.is_dir():
            raise CorruptObjectError(f"{oid[:12]}… is a folder, not a stored file")
        try:
            blob = path.read_bytes()
        except OSError as e:
            raise CorruptObjectError(f"{oid[:12]}… cannot be read ({e.strerror or e})") from None
        if len(blob) < 12 + 16:
            raise CorruptObjectError(f"{oid[:12]}… is cut short ({len(blob)} bytes)")
        try:
            data = self._aead.decrypt(blob[:12], blob[12:], oid.encode())
        except InvalidTag:
            raise CorruptObjectError(
                f"{oid[:12]}… does not decrypt: damaged or tampered with"
            ) from None
        if not hmac.compare_digest(self.object_id(data), oid):
            raise CorruptObjectError(f"{oid[:12]}… does not match its name")
        return data

    def seal(self, data: bytes, label: str) -> bytes:
        """Encrypt something derived from a file (its text) under the vault's key,
        bound to ``label`` (the file's id) so it cannot be swapped onto another file."""
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data, b"sealed:" + label.encode())

    def unseal(self, blob: bytes, label: str) -> bytes:
        try:
            return self._aead.decrypt(blob[:12], blob[12:], b"sealed:" + label.encode())
        except InvalidTag:
            raise CorruptObjectError(f"the text read from {label[:12]}… does not decrypt") from None

    def delete(self, oid: str) -> None:
        self.path(oid).unlink(missing_ok=True)

    def ids(self) -> set[str]:
        return stored_ids(self.root)
