"""Zip bundles of vault files with a checksum list and a PDF index.

Two exports share this writer: the evidence bundle (every file in the vault,
to hand over or archive) and a regulator packet (the documents chosen for one
regulator, in the order its pack lists them, each translation right after its
original). Public surface: :class:`Entry`, :class:`BundleError`, :func:`write`.

The zip holds:

- ``files/NN-<name>``: one per entry; a translation follows its original as
  ``NNa-<name>`` (then ``NNb``...). The number makes every name unique, and
  the name part is made safe for Windows, macOS and Linux on its own;
- ``SHA256SUMS``: ``<hex>  files/NN-<name>`` lines, as GNU ``sha256sum -c``
  reads them;
- ``index.pdf`` (Typst, ``bundle.typ``): what each file is, its size and
  SHA-256, and how to check the files.

Each file's content is hashed while it is streamed into the zip and compared
with the SHA-256 recorded when it was stored: a damaged vault raises
:class:`BundleError` instead of producing a bundle that looks fine. The zip is
built in a temporary file beside ``out`` and renamed into place only when
complete, so a failed export leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from msgspec import Struct

from wayhome.adapters.exporters import typst_render
from wayhome.core.common import dates
from wayhome.core.common.data import letters

CHUNK: Final = 1 << 20
MAX_NAME: Final = 120
# ext4 and most other filesystems allow 255 bytes per name; 120 characters of a
# script that takes 3 bytes each in UTF-8 would not fit.
MAX_NAME_BYTES: Final = 240
SUMS: Final = "SHA256SUMS"
INDEX: Final = "index.pdf"
FILES: Final = "files"

# Characters Windows refuses in file names, plus the path separators.
_FORBIDDEN: Final = frozenset('<>:"/\\|?*')
# Control, format (bidi overrides that disguise an extension, zero-width
# characters), surrogate, private-use and line/paragraph separator characters.
_UNSAFE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_WINDOWS_RESERVED: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
)
_EXTENSION: Final = re.compile(r"[A-Za-z0-9]{1,10}")
_SHA256: Final = re.compile(r"[0-9a-fA-F]{64}")
# Used only when a stored name has no extension, so the receiver can open it.
_EXTENSION_FOR: Final = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/heic": ".heic",
    "message/rfc822": ".eml",
    "text/plain": ".txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


class Entry(Struct, frozen=True):
    """One stored file to put in a bundle."""

    title: str
    name: str
    read: Callable[[], bytes]
    sha256: str
    media_type: str = ""
    received: datetime | date | None = None
    group: str = ""
    note: str = ""
    translation_of: int | None = None


class BundleError(Exception):
    """The bundle could not be made; nothing was written."""


class _Placed(Struct, frozen=True):
    entry: Entry
    number: str  # "02", or "02a" for a translation of 02
    path: str  # "files/02-residency.pdf"


class _Written(Struct, frozen=True):
    placed: _Placed
    size: int
    sha256: str


def write(
    out: Path,
    entries: Sequence[Entry],
    *,
    title: str,
    subtitle: str,
    made_on: date,
    cover_lines: Sequence[str] = (),
) -> Path:
    """Write the bundle of ``entries`` to ``out`` (a zip) and return ``out``."""
    if not entries:
        raise BundleError("There are no files to put in the bundle.")
    placed = _place(entries)
    for p in placed:
        if not _SHA256.fullmatch(p.entry.sha256):
            raise BundleError(
                f"{p.entry.name}: the recorded SHA-256 {p.entry.sha256!r} is not a SHA-256, "
                "so the file cannot be checked."
            )
    stamp = _zip_time(made_on)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                written = [_add_entry(zf, p, stamp) for p in placed]
                sums = "".join(f"{w.sha256}  {w.placed.path}\n" for w in written)
                _add_bytes(zf, SUMS, sums.encode(), stamp)
                index = _index_data(written, title, subtitle, made_on, cover_lines)
                _add_bytes(zf, INDEX, typst_render.pdf("bundle.typ", index, {}), stamp)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def _place(entries: Sequence[Entry]) -> list[_Placed]:
    """Originals in their given order, each followed by its translations."""
    translations: dict[int, list[int]] = {}
    for i, e in enumerate(entries):
        t = e.translation_of
        if t is None:
            continue
        if not 0 <= t < len(entries) or t == i or entries[t].translation_of is not None:
            raise BundleError(
                f"{e.name}: translation_of={t} does not point to an original among the "
                f"{len(entries)} files."
            )
        translations.setdefault(t, []).append(i)
    originals = [i for i, e in enumerate(entries) if e.translation_of is None]
    width = max(2, len(str(len(originals))))
    placed = []
    for n, i in enumerate(originals, start=1):
        number = f"{n:0{width}d}"
        placed.append(_placed(entries[i], number))
        for k, j in enumerate(translations.get(i, [])):
            placed.append(_placed(entries[j], number + letters(k)))
    return placed


def _placed(entry: Entry, number: str) -> _Placed:
    # The number prefix alone makes names unique, even where the file system
    # ignores case: two entries never share a number.
    return _Placed(entry, number, f"{FILES}/{_safe_name(entry.name, entry.media_type, number)}")


def _safe_name(name: str, media_type: str, number: str) -> str:
    """``NN-<name>``, safe to extract on Windows, macOS and Linux, extension kept."""
    cleaned = []
    for ch in unicodedata.normalize("NFC", name):
        category = unicodedata.category(ch)
        if ch in _FORBIDDEN or category in _UNSAFE_CATEGORIES:
            cleaned.append("_")
        elif category == "Zs":
            cleaned.append(" ")
        else:
            cleaned.append(ch)
    text = re.sub(r"_{2,}", "_", re.sub(r" {2,}", " ", "".join(cleaned)))
    stem, dot, ext = text.rpartition(".")
    if dot and stem and _EXTENSION.fullmatch(ext):
        ext = "." + ext
    else:
        stem, ext = text, _EXTENSION_FOR.get(media_type.lower(), "")
    # Leading dots hide a file; Windows drops trailing dots and spaces.
    stem = stem.strip(" ._-") or "file"
    head, sep, rest = stem.partition(".")
    if head.rstrip(" ").upper() in _WINDOWS_RESERVED:
        stem = f"{head}_{sep}{rest}"
    prefix = f"{number}-"
    while stem and not _fits(prefix + stem + ext):
        stem = stem[:-1].rstrip(" ._-")
    return prefix + (stem or "file") + ext


def _fits(name: str) -> bool:
    return len(name) <= MAX_NAME and len(name.encode()) <= MAX_NAME_BYTES


def _zip_time(on: date) -> tuple[int, int, int, int, int, int]:
    # The day the bundle was made, not the clock: the same files give the same
    # zip entries. Zip dates start in 1980.
    return (max(on.year, 1980), on.month, on.day, 0, 0, 0)


def _info(path: str, stamp: tuple[int, int, int, int, int, int], size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # rw-r--r--; without it unzip makes unreadable files
    info.file_size = size  # lets zipfile choose ZIP64 up front for very large files
    return info


def _add_entry(
    zf: zipfile.ZipFile, placed: _Placed, stamp: tuple[int, int, int, int, int, int]
) -> _Written:
    entry = placed.entry
    try:
        content = entry.read()
    except Exception as e:
        e.add_note(f"while reading {entry.name} for the bundle")
        raise
    view = memoryview(content)
    digest = hashlib.sha256()
    with zf.open(_info(placed.path, stamp, len(view)), "w") as dest:
        for start in range(0, len(view), CHUNK):
            chunk = view[start : start + CHUNK]
            digest.update(chunk)
            dest.write(chunk)
    found = digest.hexdigest()
    if found != entry.sha256.lower():
        raise BundleError(
            f"{entry.name} ({entry.title}) does not match the SHA-256 recorded when it was "
            f"stored (recorded {entry.sha256.lower()}, read {found}). The stored copy may be "
            "damaged; no bundle was written."
        )
    return _Written(placed, len(view), found)


def _add_bytes(
    zf: zipfile.ZipFile, path: str, data: bytes, stamp: tuple[int, int, int, int, int, int]
) -> None:
    zf.writestr(_info(path, stamp, len(data)), data)


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} B"
    value = float(n)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1000
        if value < 999.5 or unit == "TB":
            break
    return f"{value:.1f} {unit}" if value < 9.95 else f"{value:.0f} {unit}"


def _index_data(
    written: Sequence[_Written],
    title: str,
    subtitle: str,
    made_on: date,
    cover_lines: Sequence[str],
) -> dict[str, Any]:
    total = sum(w.size for w in written)
    count = f"{len(written)} file" + ("" if len(written) == 1 else "s")
    return {
        "title": title,
        "subtitle": subtitle,
        "made": dates.fmt(made_on),
        "cover": list(cover_lines),
        "summary": f"{count}, {_size(total)} in all.",
        "rows": [
            {
                "number": w.placed.number,
                "title": w.placed.entry.title,
                "file": w.placed.path,
                "group": w.placed.entry.group,
                "note": w.placed.entry.note,
                "received": dates.fmt(w.placed.entry.received) if w.placed.entry.received else "",
                "size": _size(w.size),
                "sha256": w.sha256,
            }
            for w in written
        ],
    }
