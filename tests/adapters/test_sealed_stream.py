"""Sealed streams: what goes in comes out, and every way of cutting, reordering,
splicing or altering one is refused (adapters/vault/stream.py)."""

from __future__ import annotations

import io
import os

import pytest

from wayhome.adapters.vault.stream import TAG, SealedReader, SealedWriter, StreamError

KEY, PREFIX, AAD, SIZE = os.urandom(32), os.urandom(7), b"header", 16


def seal(data: bytes, *, key: bytes = KEY, prefix: bytes = PREFIX, finish: bool = True) -> bytes:
    out = io.BytesIO()
    writer = SealedWriter(out, key, prefix, AAD, SIZE)
    for i in range(0, len(data), 5):  # written in pieces that straddle the chunks
        writer.write(data[i : i + 5])
    if finish:
        writer.finish()
    return out.getvalue()


def open_(blob: bytes, aad: bytes = AAD) -> bytes:
    reader = SealedReader(io.BytesIO(blob), KEY, PREFIX, aad, SIZE)
    data = reader.read()
    assert reader.complete
    return data


def chunks(blob: bytes) -> list[bytes]:
    step = SIZE + TAG
    return [blob[i : i + step] for i in range(0, len(blob), step)]


@pytest.mark.parametrize("size", [0, 1, SIZE, SIZE + 1, 3 * SIZE, 3 * SIZE + 7])
def test_it_gives_back_what_went_in(size):
    data = os.urandom(size)
    assert open_(seal(data)) == data


def test_the_last_chunk_is_always_written_and_final():
    assert len(chunks(seal(b"x" * 2 * SIZE))) == 2  # the second, full, is the final one
    assert len(seal(b"")) == TAG


BROKEN = {
    "cut-at-a-chunk-boundary": lambda c: b"".join(c[:-1]),
    "cut-inside-a-chunk": lambda c: b"".join(c)[:-5],
    "chunks-swapped": lambda c: b"".join([c[1], c[0], *c[2:]]),
    "a-chunk-repeated": lambda c: b"".join([c[0], c[0], *c[1:]]),
    "a-chunk-dropped": lambda c: b"".join([c[0], *c[2:]]),
    "added-after-the-end": lambda c: b"".join(c) + c[0],
    "a-flipped-bit": lambda c: b"".join(c)[:3] + bytes([c[0][3] ^ 1]) + b"".join(c)[4:],
    "empty": lambda c: b"",
}


@pytest.mark.parametrize("how", BROKEN.values(), ids=BROKEN.keys())
def test_it_refuses_a_stream_cut_reordered_or_altered(how):
    blob = seal(os.urandom(4 * SIZE + 3))
    with pytest.raises(StreamError):
        open_(how(chunks(blob)))


def test_it_refuses_a_chunk_spliced_in_from_another_stream():
    mine = chunks(seal(os.urandom(3 * SIZE)))
    theirs = chunks(seal(os.urandom(3 * SIZE), prefix=os.urandom(7)))
    with pytest.raises(StreamError):
        open_(b"".join([mine[0], theirs[1], mine[2]]))


def test_it_refuses_another_header():
    with pytest.raises(StreamError):
        open_(seal(b"data"), aad=b"header with weaker parameters")


def test_a_stream_never_finished_is_refused_not_taken_for_a_short_one():
    with pytest.raises(StreamError, match="does not decrypt"):
        open_(seal(os.urandom(5 * SIZE), finish=False))


WRITES = {
    "whole-chunks": [SIZE, SIZE, SIZE],
    "whole-chunks-then-a-part": [SIZE, SIZE, 3],
    "a-part-between-whole-chunks": [SIZE, 5, SIZE],
    "a-part-first": [5, SIZE, SIZE],
    "one-whole-chunk": [SIZE],
    "nothing-after-a-whole-chunk": [SIZE, 0],
}


@pytest.mark.parametrize("sizes", WRITES.values(), ids=WRITES.keys())
def test_whole_chunks_held_without_copying_seal_as_any_writes_do(sizes):
    pieces = [os.urandom(n) for n in sizes]
    out = io.BytesIO()
    writer = SealedWriter(out, KEY, PREFIX, AAD, SIZE)
    for piece in pieces:
        writer.write(piece)
    writer.finish()
    data = b"".join(pieces)
    assert open_(out.getvalue()) == data
    assert len(out.getvalue()) == len(seal(data))  # the same chunks as in pieces of 5
    assert writer.written == len(data)


def test_what_the_end_binds_opens_only_with_it():
    out = io.BytesIO()
    writer = SealedWriter(out, KEY, PREFIX, AAD, SIZE)
    writer.write(os.urandom(2 * SIZE + 1))
    writer.finish(final_aad=b"the file's name")
    blob = out.getvalue()
    for wrong in (b"", b"another name"):
        with pytest.raises(StreamError):
            SealedReader(io.BytesIO(blob), KEY, PREFIX, AAD, SIZE, final_aad=wrong).read()
    opened = SealedReader(io.BytesIO(blob), KEY, PREFIX, AAD, SIZE, final_aad=b"the file's name")
    assert len(opened.read()) == 2 * SIZE + 1 and opened.complete
