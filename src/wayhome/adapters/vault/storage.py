"""Encrypted, content-addressed file storage.

Each file lives under ``objects/ab/<id>``, where ``id`` is HMAC-SHA-256 of its content
under a key of its own: the same file is stored once, and the names reveal nothing
about what is held. The id is bound to the ciphertext, so a file moved to another name
fails to decrypt. Two formats (docs/vault.md has the layout):

- **Version 2** (every file stored now): a 43-byte header (``MAGIC``, a random salt, a
  nonce prefix, the chunk size), then the content in authenticated chunks
  (adapters/vault/stream.py, as in backups) under a key of the object's own
  (HKDF-SHA-256 of the data key with the salt). Every chunk's associated data is the
  header, and the final chunk's is the header and the id: the id is known only once
  the content has gone through, so a file is hashed, encrypted and written in one
  pass, in constant memory (:meth:`Vault.sealing`), and read back the same way
  (:meth:`Vault.chunks`).
- **Version 1** (read only): ``nonce || AES-GCM(data)``, one message with the id as
  associated data, under the data key; decrypted whole, in memory.

A stored file that cannot be read as one (cut short, a folder in its place, unreadable)
is a :class:`CorruptObjectError` like one that fails to decrypt, so a check reports it
and goes on.

Public surface: :class:`Vault`, :class:`Sealed`, :func:`object_path`,
:func:`stored_ids`, :func:`object_version`, :class:`CorruptObjectError`,
:class:`TooLargeError`.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import struct
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Final, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from msgspec import Struct

from wayhome.adapters.files import fsync_dir
from wayhome.adapters.vault.keys import Keys
from wayhome.adapters.vault.stream import (
    CHUNK,
    MAX_CHUNK,
    PREFIX,
    SealedReader,
    SealedWriter,
    StreamError,
    WrittenBack,
)

# Version 2's first 16 bytes. A version 1 file starts with a random nonce, which is
# these bytes once in 2^128.
MAGIC: Final = b"wayhome-object\x00\x02"
SALT: Final = 16
HEADER: Final = len(MAGIC) + SALT + PREFIX + 4  # 43 bytes
INFO: Final = b"wayhome-object-v2"  # HKDF's info: the object keys are for this alone
V1_NONCE: Final = 12
V1_TAG: Final = 16


class CorruptObjectError(Exception):
    """A stored file does not decrypt, or does not match its name."""


class TooLargeError(Exception):
    """More was read than the limit given to :meth:`Vault.sealing` (a file that grew)."""


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


def object_version(path: Path) -> int:
    """The format of the stored file at ``path``: 2, or 1 (no key needed)."""
    with path.open("rb") as f:
        return 2 if f.read(len(MAGIC)) == MAGIC else 1


class Sealed(Struct, frozen=True):
    """A file encrypted into a temporary file, not yet in place (:meth:`Vault.place`)."""

    oid: str
    size: int  # bytes of content
    sha256: str  # of the content, hex
    path: Path  # the temporary file


class Vault:
    def __init__(self, root: Path, keys: Keys, tmp_dir: Callable[[], Path] | None = None) -> None:
        """``tmp_dir`` gives the folder for files being written (the data folder's
        scratch, swept after a crash); default: the objects folder, under a hidden name."""
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

    # --- writing ----------------------------------------------------------------------

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store ``data``; returns (id, newly stored). Writes are atomic."""
        with self.sealing(io.BytesIO(data)) as sealed:
            return sealed.oid, self.place(sealed)

    @contextmanager
    def sealing(self, src: BinaryIO, limit: int | None = None) -> Iterator[Sealed]:
        """Read ``src`` to its end once, hashing and encrypting it (version 2) into a
        temporary file, written and synced; the block puts it in place with
        :meth:`place`, or not. The temporary file is removed when the block ends.
        TooLargeError once more than ``limit`` bytes were read."""
        folder = self._tmp_dir() if self._tmp_dir else self.objects
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".object.", dir=folder)
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                oid, size, sha256 = self._seal_into(src, out, limit)
                out.flush()
                os.fsync(out.fileno())
            yield Sealed(oid, size, sha256, tmp)
        finally:
            tmp.unlink(missing_ok=True)

    def place(self, sealed: Sealed) -> bool:
        """Rename a sealed file into place; False (nothing changed) when that content is
        stored already. Callers that record it hold the vault's lock."""
        target = self.path(sealed.oid)
        if target.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(sealed.path, target)
        fsync_dir(target.parent)
        return True

    def _seal_into(self, src: BinaryIO, out: BinaryIO, limit: int | None) -> tuple[str, int, str]:
        salt, prefix = os.urandom(SALT), os.urandom(PREFIX)
        header = MAGIC + salt + prefix + struct.pack(">I", CHUNK)
        out.write(header)
        # The disk works while the rest is encrypted.
        sink = cast(BinaryIO, WrittenBack(out))
        writer = SealedWriter(sink, self._object_key(salt), prefix, header, CHUNK)
        mac = hmac.new(self._mac_key, digestmod=hashlib.sha256)
        sha = hashlib.sha256()
        total = 0
        # Whole chunks, as new bytes each: the writer holds one back without copying it.
        while piece := src.read(CHUNK):
            mac.update(piece)
            sha.update(piece)
            writer.write(piece)
            total += len(piece)
            if limit is not None and total > limit:
                raise TooLargeError(f"more than {limit} bytes")
        oid = mac.hexdigest()
        writer.finish(final_aad=oid.encode("ascii"))
        return oid, total, sha.hexdigest()

    def _object_key(self, salt: bytes) -> bytes:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=INFO)
        return hkdf.derive(self.keys.data_key)

    # --- reading ----------------------------------------------------------------------

    def get(self, oid: str) -> bytes:
        """The whole content, checked (see :meth:`chunks`)."""
        return b"".join(self.chunks(oid))

    def chunks(self, oid: str) -> Iterator[bytes]:
        """The content, a piece at a time, in constant memory for version 2. Each piece
        is authenticated before it is given; CorruptObjectError at the first that is
        not, and at the end when the file is cut short or does not match its name: a
        caller keeps nothing it was given until the iteration has ended."""
        path = self.path(oid)
        if path.is_dir():
            raise CorruptObjectError(f"{oid[:12]}… is a folder, not a stored file")
        try:
            f = path.open("rb")
        except OSError as e:
            raise _unreadable(oid, e) from None
        with f:
            try:
                head = f.read(HEADER)
                if head[: len(MAGIC)] == MAGIC:
                    pieces = self._chunks_v2(oid, f, head)
                else:
                    pieces = iter([self._open_v1(oid, head + f.read())])
                mac = hmac.new(self._mac_key, digestmod=hashlib.sha256)
                for piece in pieces:
                    mac.update(piece)
                    yield piece
            except OSError as e:
                raise _unreadable(oid, e) from None
        if not hmac.compare_digest(mac.hexdigest(), oid):
            raise CorruptObjectError(f"{oid[:12]}… does not match its name")

    def _chunks_v2(self, oid: str, f: BinaryIO, header: bytes) -> Iterator[bytes]:
        if len(header) < HEADER:
            raise CorruptObjectError(f"{oid[:12]}… is cut short ({len(header)} bytes)")
        at = len(MAGIC)
        salt, prefix = header[at : at + SALT], header[at + SALT : at + SALT + PREFIX]
        (size,) = struct.unpack(">I", header[HEADER - 4 :])
        if not 0 < size <= MAX_CHUNK:
            raise CorruptObjectError(f"{oid[:12]}… has a damaged header")
        reader = SealedReader(
            f, self._object_key(salt), prefix, header, size, final_aad=oid.encode("ascii")
        )
        try:
            yield from reader.chunks()
        except StreamError:
            raise CorruptObjectError(
                f"{oid[:12]}… does not decrypt: damaged, cut short or tampered with"
            ) from None

    def _open_v1(self, oid: str, blob: bytes) -> bytes:
        if len(blob) < V1_NONCE + V1_TAG:
            raise CorruptObjectError(f"{oid[:12]}… is cut short ({len(blob)} bytes)")
        try:
            return self._aead.decrypt(blob[:V1_NONCE], blob[V1_NONCE:], oid.encode())
        except InvalidTag:
            raise CorruptObjectError(
                f"{oid[:12]}… does not decrypt: damaged or tampered with"
            ) from None

    # --- the rest ---------------------------------------------------------------------

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


def _unreadable(oid: str, e: OSError) -> CorruptObjectError:
    return CorruptObjectError(f"{oid[:12]}… cannot be read ({e.strerror or e})")
