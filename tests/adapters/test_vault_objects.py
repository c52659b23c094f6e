"""Stored files, format 2: what goes in comes out, in constant memory; every way of
cutting, reordering, splicing, moving or altering one is refused; format 1 files
still open (adapters/vault/storage.py, docs/vault.md)."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import tracemalloc
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wayhome.adapters.vault import storage
from wayhome.adapters.vault.keys import Keys
from wayhome.adapters.vault.storage import (
    HEADER,
    MAGIC,
    CorruptObjectError,
    TooLargeError,
    Vault,
    object_version,
)
from wayhome.adapters.vault.stream import TAG

SIZE = 64  # a small chunk, so that a few hundred bytes make several


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(storage, "CHUNK", SIZE)


@pytest.fixture
def vault(tmp_path):
    return Vault(tmp_path / "vault", Keys(os.urandom(32), os.urandom(32)))


def chunks(blob: bytes) -> list[bytes]:
    """A stored file cut into its header and its sealed chunks."""
    body, step = blob[HEADER:], SIZE + TAG
    return [blob[:HEADER]] + [body[i : i + step] for i in range(0, len(body), step)]


def v1_object(vault: Vault, data: bytes) -> str:
    """A file stored as Wayhome stored them before format 2."""
    oid = vault.object_id(data)
    nonce = os.urandom(12)
    path = vault.path(oid)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(nonce + AESGCM(vault.keys.data_key).encrypt(nonce, data, oid.encode()))
    return oid


@pytest.mark.parametrize("size", [1, SIZE - 1, SIZE, SIZE + 1, 3 * SIZE, 3 * SIZE + 7])
def test_it_gives_back_what_went_in(vault, small_chunks, size):
    data = os.urandom(size)
    oid, fresh = vault.put(data)
    assert fresh and oid == vault.object_id(data)
    assert vault.get(oid) == data
    assert object_version(vault.path(oid)) == 2


def test_the_layout_is_a_header_then_chunks_and_the_last_is_always_there(vault, small_chunks):
    oid, _ = vault.put(b"x" * 2 * SIZE)
    blob = vault.path(oid).read_bytes()
    assert blob.startswith(MAGIC) and struct.unpack(">I", blob[HEADER - 4 : HEADER]) == (SIZE,)
    assert len(blob) == HEADER + 2 * (SIZE + TAG)  # the second, full, is the final one


def test_sealing_reports_size_and_sha256_from_the_same_pass(vault):
    data = os.urandom(3 * 1024 * 1024 + 5)
    with vault.sealing(io.BytesIO(data)) as sealed:
        assert (sealed.size, sealed.sha256) == (len(data), hashlib.sha256(data).hexdigest())
        assert sealed.oid == vault.object_id(data) and sealed.path.is_file()
        assert vault.place(sealed)
    assert not sealed.path.exists() and vault.get(sealed.oid) == data


def test_the_same_content_is_placed_once_and_the_spare_copy_removed(vault):
    first, fresh = vault.put(b"letter")
    with vault.sealing(io.BytesIO(b"letter")) as again:
        assert not vault.place(again)
    assert not again.path.exists() and fresh and vault.ids() == {first}


def test_a_source_longer_than_the_limit_is_refused_and_nothing_is_left(vault, tmp_path):
    with pytest.raises(TooLargeError), vault.sealing(io.BytesIO(b"x" * 100), limit=99):
        pass
    assert vault.ids() == set() and list(vault.objects.rglob("*")) == []


BROKEN = {
    "cut-at-a-chunk-boundary": lambda c: b"".join(c[:-1]),
    "cut-inside-a-chunk": lambda c: b"".join(c)[:-5],
    "cut-inside-the-header": lambda c: c[0][:30],
    "chunks-swapped": lambda c: b"".join([c[0], c[2], c[1], *c[3:]]),
    "a-chunk-repeated": lambda c: b"".join([c[0], c[1], c[1], *c[2:]]),
    "a-chunk-dropped": lambda c: b"".join([c[0], c[1], *c[3:]]),
    "added-after-the-end": lambda c: b"".join(c) + c[1],
    "a-flipped-bit-in-a-chunk": lambda c: (
        b"".join(c)[:50] + bytes([c[1][7] ^ 1]) + b"".join(c)[51:]
    ),
    "another-salt": lambda c: c[0][:20] + bytes([c[0][20] ^ 1]) + b"".join(c)[21:],
    "another-nonce-prefix": lambda c: c[0][:33] + bytes([c[0][33] ^ 1]) + b"".join(c)[34:],
    "another-chunk-size": lambda c: c[0][:-4] + struct.pack(">I", SIZE + 1) + b"".join(c[1:]),
    "an-impossible-chunk-size": lambda c: c[0][:-4] + struct.pack(">I", 0) + b"".join(c[1:]),
    "empty": lambda c: b"",
}


@pytest.mark.parametrize("how", BROKEN.values(), ids=BROKEN.keys())
def test_a_file_cut_reordered_or_altered_is_refused(vault, small_chunks, how):
    data = os.urandom(4 * SIZE + 3)
    oid, _ = vault.put(data)
    path = vault.path(oid)
    path.write_bytes(how(chunks(path.read_bytes())))
    with pytest.raises(CorruptObjectError):
        vault.get(oid)


def test_a_file_moved_to_another_name_is_refused(vault, small_chunks):
    mine, _ = vault.put(os.urandom(3 * SIZE))
    theirs, _ = vault.put(os.urandom(3 * SIZE))
    vault.path(theirs).write_bytes(vault.path(mine).read_bytes())
    with pytest.raises(CorruptObjectError, match="does not decrypt"):
        vault.get(theirs)


@pytest.mark.parametrize("which", [1, 3], ids=["a-middle-chunk", "the-final-chunk"])
def test_a_chunk_taken_from_another_file_is_refused(vault, small_chunks, which):
    mine, _ = vault.put(os.urandom(2 * SIZE + 5))
    theirs, _ = vault.put(os.urandom(2 * SIZE + 5))
    parts = chunks(vault.path(mine).read_bytes())
    parts[which] = chunks(vault.path(theirs).read_bytes())[which]
    vault.path(mine).write_bytes(b"".join(parts))
    with pytest.raises(CorruptObjectError):
        vault.get(mine)


def test_a_whole_file_of_another_vault_is_refused(vault, small_chunks, tmp_path):
    other = Vault(tmp_path / "other", Keys(os.urandom(32), vault.keys.mac_key))
    oid, _ = other.put(b"the same content, another key")
    vault.path(oid).parent.mkdir(parents=True)
    vault.path(oid).write_bytes(other.path(oid).read_bytes())
    with pytest.raises(CorruptObjectError):
        vault.get(oid)


def test_a_file_cut_short_is_refused_only_at_its_end_so_callers_wait_for_it(vault, small_chunks):
    data = os.urandom(3 * SIZE + 1)
    oid, _ = vault.put(data)
    path = vault.path(oid)
    path.write_bytes(b"".join(chunks(path.read_bytes())[:-1]))
    pieces = []
    with pytest.raises(CorruptObjectError):
        for piece in vault.chunks(oid):
            pieces.append(piece)
    # The pieces before the cut authenticate (each is genuine); the cut is seen at the
    # end, which is why callers (vault check, get) keep nothing until the iteration ends.
    assert b"".join(pieces) == data[: 2 * SIZE]


def test_a_file_stored_in_format_1_still_opens(vault):
    data = b"%PDF-1.4\nstored before format 2\n%%EOF\n"
    oid = v1_object(vault, data)
    assert object_version(vault.path(oid)) == 1
    assert vault.get(oid) == data and b"".join(vault.chunks(oid)) == data
    assert vault.put(data) == (oid, False)  # the same content is found, not stored again


def test_a_format_1_file_altered_or_moved_is_refused(vault):
    oid = v1_object(vault, b"one")
    other = v1_object(vault, b"two")
    blob = bytearray(vault.path(oid).read_bytes())
    blob[15] ^= 1
    vault.path(oid).write_bytes(bytes(blob))
    vault.path(other).write_bytes(vault.path(v1_object(vault, b"three")).read_bytes())
    for broken in (oid, other):
        with pytest.raises(CorruptObjectError, match="does not decrypt"):
            vault.get(broken)


class _Zeros(io.RawIOBase):
    """``size`` bytes of a repeating pattern, made as they are read (never held)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,override]
        n = min(len(buffer), self.left)
        buffer[:n] = b"\x5a" * n
        self.left -= n
        return n


def test_a_large_file_is_stored_and_read_in_constant_memory(vault):
    size = 48 * 1024 * 1024
    tracemalloc.start()
    try:
        with vault.sealing(_Zeros(size)) as sealed:
            vault.place(sealed)
        _, stored_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        digest = hashlib.sha256()
        for piece in vault.chunks(sealed.oid):
            digest.update(piece)
        _, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest.hexdigest() == hashlib.sha256(b"\x5a" * size).hexdigest()
    # A chunk is 1 MiB: a few are held at once, never the file (48 MiB).
    assert stored_peak < 6 * 2**20 and read_peak < 6 * 2**20, (stored_peak, read_peak)


def test_files_being_written_are_never_named_like_stored_ones(vault, tmp_path: Path):
    scratch = tmp_path / "scratch"
    kept = Vault(vault.root, vault.keys, tmp_dir=lambda: scratch)
    with kept.sealing(io.BytesIO(b"data")) as sealed:
        assert sealed.path.parent == scratch and kept.ids() == set()
