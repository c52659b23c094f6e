"""Writing files safely (readers see the old content or the new, never a mix), and
reading the text of a file people export."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Final, NamedTuple


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


# Bytes that are not UTF-8, as "surrogateescape" keeps them (U+DC80 to U+DCFF).
STRAY: Final = re.compile("[\udc80-\udcff]+")
# Bytes that are no character in Windows-1252: a file holding one is in another encoding
# (Windows-1250's Ť, 0x8D) or damaged.
NOT_WINDOWS: Final = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
SHOWN_LINES: Final = 5


class Decoded(NamedTuple):
    """A text export's text; where a byte that is not UTF-8 was read as Windows text in
    a file otherwise UTF-8 (each line, and what it read as); and where a byte that is
    neither was read as U+FFFD (its line and value), for decode_export to refuse."""

    text: str
    repaired: tuple[tuple[int, str], ...] = ()
    unreadable: tuple[int, int] | None = None


def decode_text(data: bytes) -> Decoded:
    """Text from a file people export: UTF-8 (with or without a BOM) as modern tools write
    it, UTF-16 with its BOM from some desktop apps, else Windows' cp1252 (older Excel,
    Outlook and reference managers). A UTF-8 file with a few bytes that are not (a 0x92
    apostrophe pasted from Word) keeps its UTF-8, each stray byte read as Windows text
    and its line kept; a byte that is neither becomes U+FFFD, never an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(data.decode("utf-16", errors="replace"))  # a BOM, then an odd byte
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="surrogateescape")
    # Which there are more of, bytes that are not UTF-8 or characters that UTF-8 spells in
    # several bytes, says whether the file is UTF-8 with a few stray bytes or Windows text
    # throughout (where a pair such as "ß“", 0xDF 0x93, can happen to be UTF-8). Counted
    # by the codecs: a regular expression's matches take seconds in 50 MB.
    stray = len(text) - len(text.encode("utf-8", errors="ignore").decode("utf-8"))
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - stray
    if not data.startswith(b"\xef\xbb\xbf") and wide < stray:
        bad = NOT_WINDOWS.search(data)
        at = None if bad is None else (_line(data.decode("latin-1"), bad.start()), bad[0][0])
        return Decoded(data.decode("cp1252", errors="replace"), unreadable=at)
    parts: list[str] = []
    repaired: dict[int, str] = {}
    unreadable: tuple[int, int] | None = None
    done, line, end = 0, 1, "\n" if "\n" in text else "\r"  # an old Mac's: CR alone
    for m in STRAY.finditer(text):
        raw = m[0].encode("utf-8", errors="surrogateescape")
        read = raw.decode("cp1252", errors="replace")
        line += text.count(end, done, m.start())  # counted on from the last: linear
        if "\ufffd" in read and unreadable is None:
            unreadable = (line, raw[read.index("\ufffd")])
        repaired[line] = repaired.get(line, "") + read
        parts += [text[done : m.start()], read]
        done = m.end()
    parts.append(text[done:])
    return Decoded("".join(parts), tuple(repaired.items()), unreadable)


def repairs_said(repaired: Sequence[tuple[int, str]]) -> str:
    """The lines of a UTF-8 file where a byte that is not UTF-8 was read as Windows text,
    in words, with what to do; the same words from every importer."""
    if len(repaired) == 1:
        [(line, read)] = repaired
        return (
            f"the file is UTF-8, but line {line} held a byte that is not: read as Windows "
            f"text (\u201c{read}\u201d); check that line, or save the file again as UTF-8"
        )
    shown = [f"{line} (\u201c{read}\u201d)" for line, read in repaired[:SHOWN_LINES]]
    more = len(repaired) - len(shown)
    lines = ", ".join(shown[:-1]) + (
        f", {shown[-1]} and {more:,} more" if more else f" and {shown[-1]}"
    )
    return (
        f"the file is UTF-8, but lines {lines} held bytes that are not: read as Windows "
        "text; check those lines, or save the file again as UTF-8"
    )


def _line(text: str, at: int) -> int:
    """The line (from 1) of position ``at``: lines end in LF or CRLF; a file of an old
    Mac's CR alone has no LF to count."""
    return (text.count("\n", 0, at) or text.count("\r", 0, at)) + 1


class NulCharacterError(ValueError):
    """A text export holds a NUL character (a zero byte): the file is damaged, and nothing
    of it is read. PostgreSQL cannot store one, and SQLite would keep it unseen: refused
    on both, at its line."""


class UnreadableByteError(ValueError):
    """A text export holds a byte that is a character neither in UTF-8 nor in Windows
    text: the file is in another encoding or damaged, and nothing of it is read."""


def decode_export(data: bytes, name: str, source: str) -> Decoded:
    """:func:`decode_text`, refusing text that holds a NUL (NulCharacterError) or a byte
    that no encoding Wayhome reads makes a character of (UnreadableByteError), located as
    ``name: line N:`` (``line N:`` when ``name`` is empty, for a caller that names the
    file itself), saying to export it again from ``source`` ("your phone")."""
    decoded = decode_text(data)
    text = decoded.text
    at = text.find("\x00")
    if at >= 0:
        line = _line(text, at)
        where = f"{name}: line {line}" if name else f"line {line}"
        raise NulCharacterError(
            f"{where}: holds a NUL character (a zero byte), which no text export contains: "
            f"the file is probably damaged (or not a text export at all); export it again "
            f"from {source}"
        )
    if decoded.unreadable is not None:
        line, byte = decoded.unreadable
        where = f"{name}: line {line}" if name else f"line {line}"
        raise UnreadableByteError(
            f"{where}: holds a byte (0x{byte:02X}) that is a character neither in UTF-8 nor "
            "in Windows text: the file is in another encoding, or damaged (or not a text "
            f"export at all); save it again as UTF-8, or export it again from {source}"
        )
    return decoded
