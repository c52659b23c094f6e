"""Authenticated encryption of a stream, in chunks, in constant memory.

The plaintext is cut into chunks of ``chunk_size`` bytes, each sealed with AES-256-GCM
on its own. A chunk's nonce is the stream's random 7-byte prefix, the chunk's index
(4 bytes, big-endian) and a final-chunk flag (1 byte): the STREAM construction of
Hoang, Reyhanitabar, Rogaway and Vizár (2015). So a reader detects a chunk dropped,
repeated or moved (its index is wrong), a stream cut at a chunk boundary (its last
chunk is not flagged final), data added after the end, and a chunk spliced in from
another stream (another key or prefix). The caller's associated data (a file's
header) is bound to every chunk, and what is known only at the end (a stored file's
name, the keyed hash of its content) can be bound to the final chunk alone
(``final_aad``): a stream then opens only under that name. The last chunk is always
written, empty or not.

Public surface: :class:`SealedWriter`, :class:`SealedReader`, :class:`StreamError`,
:class:`WrittenBack` (a file being written, sent to disk as it grows).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wayhome.adapters.files import start_writeback

CHUNK: Final = 1024 * 1024
MAX_CHUNK: Final = 16 * 1024 * 1024  # a reader never takes more from a header
PREFIX: Final = 7
TAG: Final = 16
WRITEBACK: Final = 8 * CHUNK  # bytes written before the disk is asked to start on them


class StreamError(Exception):
    """A sealed stream that does not authenticate: a wrong key, or damaged, cut short,
    reordered or added to."""


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    if index >= 1 << 32:
        raise StreamError("the stream is too long for its nonces")
    return prefix + index.to_bytes(4, "big") + (b"\x01" if final else b"\x00")


class WrittenBack:
    """A file being written, whose writing to disk starts as it grows
    (files.start_writeback, every WRITEBACK bytes): the disk works while the rest is
    made, and the fsync at the end waits for the last part only."""

    def __init__(self, f: BinaryIO) -> None:
        self._f = f
        self._since = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        n = self._f.write(data)
        self._since += n
        if self._since >= WRITEBACK:
            self._since = 0
            start_writeback(self._f)
        return n

    def flush(self) -> None:
        self._f.flush()


class SealedWriter(io.RawIOBase):
    """Seals what is written to it onto ``out``, a chunk at a time.

    :meth:`finish` writes the final chunk; closing without it (an error on the way)
    leaves a stream every reader refuses, never one that looks complete.
    """

    def __init__(
        self, out: BinaryIO, key: bytes, prefix: bytes, aad: bytes, chunk_size: int = CHUNK
    ) -> None:
        if len(prefix) != PREFIX or not 0 < chunk_size <= MAX_CHUNK:
            raise ValueError("a 7-byte prefix and a chunk size up to 16 MiB")
        self._out = out
        self._aead = AESGCM(key)
        self._prefix = prefix
        self._aad = aad
        self._size = chunk_size
        self._buf = bytearray()
        self._held: bytes | None = None  # a whole chunk not sealed yet (only when _buf is empty)
        self._index = 0
        self.finished = False
        self.written = 0  # plaintext bytes taken

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.finished:
            raise ValueError("the stream is finished")
        size = len(data) if isinstance(data, bytes | bytearray) else memoryview(data).nbytes
        self.written += size
        if isinstance(data, bytes) and size == self._size and not self._buf:
            # A whole chunk, as the vault's storage writes them: held by reference (no
            # copy) until the next write shows that it is not the last one.
            self._seal_held()
            self._held = data
            return size
        if self._held is not None:
            self._buf += self._held
            self._held = None
        self._buf += data
        # Keep at least one byte back: the last chunk must be sealed as the final one.
        # Chunks are sealed from a view of the buffer (no copy), then dropped at once.
        if len(self._buf) > self._size:
            start = 0
            with memoryview(self._buf) as view:
                while len(self._buf) - start > self._size:
                    with view[start : start + self._size] as chunk:
                        self._seal(chunk, final=False)
                    start += self._size
            del self._buf[:start]
        return size

    def finish(self, final_aad: bytes = b"") -> None:
        """Seal what is left as the final chunk, with ``final_aad`` added to its
        associated data; the stream is then complete."""
        if not self.finished:
            last = self._held if self._held is not None else bytes(self._buf)
            self._seal(last, final=True, extra=final_aad)
            self._held = None
            self._buf.clear()
            self.finished = True
            self._out.flush()

    def _seal_held(self) -> None:
        if self._held is not None:
            self._seal(self._held, final=False)
            self._held = None

    def _seal(self, chunk: bytes | memoryview, final: bool, extra: bytes = b"") -> None:
        nonce = _nonce(self._prefix, self._index, final)
        self._out.write(self._aead.encrypt(nonce, chunk, self._aad + extra))
        self._index += 1


class SealedReader(io.RawIOBase):
    """Opens a stream sealed by :class:`SealedWriter`, a chunk at a time; raises
    :class:`StreamError` at the first chunk that does not authenticate, and at the end
    when the final chunk is missing. :attr:`complete` is true once the final chunk is read.
    ``final_aad`` is what the writer's ``finish`` bound to the final chunk.
    """

    def __init__(
        self,
        src: BinaryIO,
        key: bytes,
        prefix: bytes,
        aad: bytes,
        chunk_size: int = CHUNK,
        final_aad: bytes = b"",
    ) -> None:
        if len(prefix) != PREFIX or not 0 < chunk_size <= MAX_CHUNK:
            raise StreamError("the stream's header gives an impossible chunk size")
        self._src = src
        self._aead = AESGCM(key)
        self._prefix = prefix
        self._aad = aad
        self._final_aad = final_aad
        self._sealed = chunk_size + TAG
        self._plain = b""
        self._pos = 0
        self._index = 0
        self._next: bytes | None = None
        self.complete = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._pos >= len(self._plain):
            if self.complete:
                return 0
            self._plain, self._pos = self._open_next(), 0
        n = min(len(buffer), len(self._plain) - self._pos)
        with memoryview(self._plain) as view:
            buffer[:n] = view[self._pos : self._pos + n]  # one copy, not two
        self._pos += n
        return n

    def drain(self) -> None:
        """Read (and authenticate) whatever is left, up to the final chunk."""
        while not self.complete:
            self._plain, self._pos = self._open_next(), 0

    def chunks(self) -> Iterator[bytes]:
        """What is left, a chunk at a time (the fastest way to read it all): the
        iteration ends only after the final chunk has authenticated."""
        if self._pos < len(self._plain):
            yield self._plain[self._pos :]
        self._plain, self._pos = b"", 0
        while not self.complete:
            yield self._open_next()

    def _open_next(self) -> bytes:
        current = self._next if self._next is not None else self._read_full()
        if len(current) < TAG:
            raise StreamError("the file is cut short: its last part is missing")
        self._next = self._read_full()
        final = not self._next
        aad = self._aad + self._final_aad if final else self._aad
        try:
            plain = self._aead.decrypt(_nonce(self._prefix, self._index, final), current, aad)
        except InvalidTag:
            raise StreamError(
                f"part {self._index + 1} does not decrypt: a wrong passphrase, or the file "
                "is damaged, cut short or altered"
            ) from None
        self._index += 1
        self.complete = final
        return plain

    def _read_full(self) -> bytes:
        parts, want = [], self._sealed
        while want:
            got = self._src.read(want)
            if not got:
                break
            parts.append(got)
            want -= len(got)
        return b"".join(parts)
