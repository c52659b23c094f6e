"""Zips opened within bounds: office documents, spreadsheets and OpenDocument files are
zips, and a zip can hold a million empty members or a few kilobytes that expand to
gigabytes. :func:`open_zip` counts the members from the zip's own end record before
anything parses its directory, and adds up what they expand to before anything
expands them; either over its limit is a :class:`ZipLimitError` in words.

Python's zipfile then never expands a member past the size the directory declares
(it stops there and fails the checksum), so the declared total bounds what reading
the members can cost. Used by the vault's type sniffer and the case-log reader.
"""

from __future__ import annotations

import io
import mmap
import struct
import zipfile
from typing import BinaryIO, Final

MAX_MEMBERS: Final = 10_000  # an office document has tens to a few thousand
MAX_EXPANDED: Final = 500 * 1024 * 1024  # declared size of all members together
EOCD: Final = b"PK\x05\x06"
ZIP64_LOCATOR: Final = b"PK\x06\x07"
ZIP64_EOCD: Final = b"PK\x06\x06"


class ZipLimitError(ValueError):
    """The zip is bigger inside than any document: the message says how."""


class DamagedZipError(ZipLimitError):
    """The zip cannot be opened at all: cut short, or not a zip past its first bytes."""


def member_count(data: bytes | mmap.mmap) -> int:
    """How many members the zip's end record declares, read without parsing the rest."""
    at = data.rfind(EOCD, max(0, len(data) - 22 - 65_535))
    if at < 0 or len(data) < at + 22:
        raise DamagedZipError("this zip is damaged or cut short (no end record)")
    (count,) = struct.unpack_from("<H", data, at + 10)
    if count != 0xFFFF:
        return int(count)
    locator = at - 20  # zip64: the real count is in the zip64 end record
    if locator < 0 or data[locator : locator + 4] != ZIP64_LOCATOR:
        raise DamagedZipError("this zip is damaged (its zip64 record is missing)")
    (record,) = struct.unpack_from("<Q", data, locator + 8)
    if record + 40 > len(data) or data[record : record + 4] != ZIP64_EOCD:
        raise DamagedZipError("this zip is damaged (its zip64 record is out of place)")
    (count64,) = struct.unpack_from("<Q", data, record + 32)
    return int(count64)


def open_zip(data: bytes | BinaryIO) -> zipfile.ZipFile:
    """The zip in ``data`` (its bytes, or a file on disk, never read whole), once its
    member count and expanded size are within bounds."""
    source: BinaryIO
    if isinstance(data, bytes):
        count, source = member_count(data), io.BytesIO(data)
    else:
        # The vault's type sniffer, on a file of hundreds of MB: mapped, not read.
        with mmap.mmap(data.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            count, source = member_count(mapped), data
    if count > MAX_MEMBERS:
        raise ZipLimitError(
            f"this zip holds {count:,} files (a document holds at most a few thousand): "
            "it is not a document Wayhome reads"
        )
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as e:
        raise DamagedZipError(f"this zip is damaged ({e})") from None
    expanded = sum(max(0, info.file_size) for info in archive.infolist())
    if expanded > MAX_EXPANDED:
        archive.close()
        raise ZipLimitError(
            f"this file would expand to {expanded / 1024**2:,.0f} MB once unpacked "
            f"(the limit is {MAX_EXPANDED // 1024**2} MB): it looks like a zip bomb, "
            "not a document"
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of one member, however large it says it is."""
    with archive.open(name) as f:
        return f.read(limit)
