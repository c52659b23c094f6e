"""What a file is, from its bytes, and whether the vault takes it.

PDF, images, emails (.eml, Outlook .msg) and office documents are taken;
archives are refused (a zip could hold anything); the name's extension is
never trusted. :func:`sniff` judges bytes in memory, :func:`sniff_file` a file on
disk the same way without reading it whole (its first 64 KiB and last 2 KiB; a zip's
directory; an OLE file is scanned a block at a time).
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from collections.abc import Callable
from typing import BinaryIO, Final

from msgspec import Struct

from wayhome.adapters.ziplimits import DamagedZipError, ZipLimitError, open_zip, read_member

IMAGES: Final = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/tiff",
    "image/webp",
    "image/heic",
    "image/heif",
    "image/bmp",
}
ARCHIVE_MAGIC: Final = (
    b"\x1f\x8b",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"BZh",
    b"\xfd7zXZ\x00",
)
OLE: Final = bytes.fromhex("D0CF11E0A1B11AE1")
OFFICE_ZIP: Final = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
HEADER: Final = re.compile(
    rb"^(From|To|Subject|Date|Received|Return-Path|Message-ID|"
    rb"MIME-Version|Delivered-To|Authentication-Results):",
    re.I | re.M,
)


class RefusedError(Exception):
    """The vault does not take this file; the message says why and what to do."""


class Kind(Struct, frozen=True):
    media_type: str
    label: str  # pdf, image, email, outlook, office


HEAD: Final = 65536  # what the checks below look at, from the start
TAIL: Final = 2048  # and from the end (a PDF's end marker)
OUTLOOK_MARKERS: Final = (b"_\x00_\x00s\x00u\x00b", b"__substg1.0_", b"_\x00_\x00n\x00a\x00m\x00e")
BLOCK: Final = 1024 * 1024


def sniff(data: bytes) -> Kind:
    return _judge(
        data[:HEAD],
        data[-TAIL:],
        lambda: open_zip(data),
        lambda needles: any(n in data for n in needles),
    )


def sniff_file(f: BinaryIO) -> Kind:
    """:func:`sniff` of an open file, in constant memory; it is left at its start."""
    head = f.read(HEAD)
    f.seek(max(0, os.fstat(f.fileno()).st_size - TAIL))
    tail = f.read(TAIL)
    try:
        return _judge(head, tail, lambda: open_zip(f), lambda needles: _contains(f, needles))
    finally:
        f.seek(0)


def _contains(f: BinaryIO, needles: tuple[bytes, ...]) -> bool:
    """Whether any of ``needles`` is in the file, read a block at a time."""
    keep = max(len(n) for n in needles) - 1
    f.seek(0)
    carried = b""
    while block := f.read(BLOCK):
        window = carried + block
        if any(n in window for n in needles):
            return True
        carried = window[-keep:]
    return False


def _judge(
    head: bytes,
    tail: bytes,
    open_zip_: Callable[[], zipfile.ZipFile],
    contains: Callable[[tuple[bytes, ...]], bool],
) -> Kind:
    if not head:
        raise RefusedError("the file is empty")
    if head.startswith(b"%PDF-"):
        if b"%%EOF" not in tail:
            raise RefusedError(
                "this PDF looks cut short (no end marker): save or download it again"
            )
        return Kind("application/pdf", "pdf")
    if head.startswith(b"PK\x03\x04"):
        return _zip(open_zip_)
    if head.startswith(OLE):
        return (
            Kind("application/vnd.ms-outlook", "outlook")
            if contains(OUTLOOK_MARKERS)
            else Kind("application/x-ole-storage", "office")
        )
    if head.startswith(ARCHIVE_MAGIC) or head[257:262] == b"ustar":
        raise RefusedError("archives are not stored: unpack it and add the files themselves")
    if len(HEADER.findall(head[:4096])) >= 2 and b"\n\n" in head.replace(b"\r\n", b"\n"):
        return Kind("message/rfc822", "email")
    import puremagic  # only for a file none of the checks above named (loading it costs)

    try:
        found = puremagic.magic_string(head[:8192])
    except puremagic.PureError:
        found = []
    for match in found:
        if match.mime_type in IMAGES:
            return Kind(match.mime_type, "image")
    raise RefusedError(
        "this kind of file is not stored: add PDFs, images, emails (.eml, .msg) or office documents"
    )


def _zip(open_zip_: Callable[[], zipfile.ZipFile]) -> Kind:
    """An office document or an archive, from the zip's member names; the zip's size
    inside is bounded first (wayhome.adapters.ziplimits), and of its members only the
    first bytes of ``mimetype`` are read."""
    try:
        with open_zip_() as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                for prefix, media in OFFICE_ZIP.items():
                    if any(n.startswith(prefix) for n in names):
                        return Kind(media, "office")
            if "mimetype" in names:
                mime = read_member(archive, "mimetype", 100).decode("ascii", "replace")
                if mime.startswith("application/vnd.oasis.opendocument."):
                    return Kind(mime.strip(), "office")
    except (DamagedZipError, zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise RefusedError("this file looks like a damaged zip archive") from None
    except ZipLimitError as e:
        raise RefusedError(str(e)) from None
    raise RefusedError("archives are not stored: unpack it and add the files themselves")


def safe_name(name: str, limit: int = 120) -> str:
    """A file name with no path, control characters or surprises, for display."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = base.strip().lstrip(".") or "unnamed"
    if len(base) > limit:
        stem, dot, ext = base.rpartition(".")
        base = (
            (stem[: limit - len(ext) - 2] + "…." + ext) if dot and len(ext) < 10 else base[:limit]
        )
    return base
