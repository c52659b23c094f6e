"""Writing files safely (readers see the old content or the new, never a mix), and
reading the text of a file people export."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: bytes, tmp_dir: Path | None = None) -> None:
    """Write a file so that readers see the old or the new content, never a mix.

    The temporary file is made in ``tmp_dir`` (on the same disk; default: beside the
    file) and removed if anything fails, Ctrl-C included.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=tmp_dir or path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` durable (POSIX; Windows has no need)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def start_writeback(f: BinaryIO) -> None:
    """Ask the system to start writing what ``f`` holds to disk, without waiting (as
    PostgreSQL's *_flush_after settings do): a large file's disk writes then overlap
    the work of making the rest, and its fsync at the end waits for the last part
    only. Its pages leave the cache once written (they are not read back soon). Where
    there is no posix_fadvise (macOS, Windows), the fsync does it all."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        f.flush()
        advise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def decode_text(data: bytes) -> str:
    """Text from a file people export: UTF-8 (with or without a BOM) as modern tools write
    it, UTF-16 with its BOM from some desktop apps, else Windows' cp1252 (older Excel,
    Outlook and reference managers), where an odd byte becomes U+FFFD, never an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a BOM then an odd byte: U+FFFD
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class NulCharacterError(ValueError):
    """A text export holds a NUL character (a zero byte): the file is damaged, and nothing
    of it is read. PostgreSQL cannot store one, and SQLite would keep it unseen: refused
    on both, at its line."""


def decode_export(data: bytes, name: str, source: str) -> str:
    """:func:`decode_text`, refusing text that holds a NUL: NulCharacterError located as
    ``name: line N:`` (``line N:`` when ``name`` is empty, for a caller that names the
    file itself), saying to export it again from ``source`` ("your phone")."""
    text = decode_text(data)
    at = text.find("\x00")
    if at >= 0:
        # Lines end in LF or CRLF; a file of old Mac's CR alone has no LF to count.
        line = (text.count("\n", 0, at) or text.count("\r", 0, at)) + 1
        where = f"{name}: line {line}" if name else f"line {line}"
        raise NulCharacterError(
            f"{where}: holds a NUL character (a zero byte), which no text export contains: "
            f"the file is probably damaged (or not a text export at all); export it again "
            f"from {source}"
        )
    return text
