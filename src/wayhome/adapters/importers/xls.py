"""What an old Excel workbook (.xls: BIFF records in an OLE compound file) says of its
own dates: whether it counts days from 1 Jan 1904, as Excel for Mac before 2011 saved
them. The spreadsheet reader turns its date cells into days right; a day number whose
cell lost its date format needs this to be read as the workbook counts it.

Only the few structures needed are read ([MS-CFB] header, FAT, directory and mini
stream; [MS-XLS] 2.4.77 DATEMODE, 1 when days count from 1904). Every step is bounded by
the file's size; a file damaged anywhere reads as counting from 1900, the default, left
to the spreadsheet reader to refuse.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from functools import partial
from typing import Final

OLE: Final = bytes.fromhex("D0CF11E0A1B11AE1")
LAST_SECTOR: Final = 0xFFFFFFFA  # this and above: end of chain, free, FAT or DIFAT sector
STREAMS: Final = ("Workbook", "Book")  # BIFF8 (Excel 97 on), BIFF5 (Excel 95)
GLOBALS_READ: Final = 1 << 20  # DATEMODE is among the first records of the globals
DATEMODE: Final = 0x0022
EOF: Final = 0x000A


def counts_from_1904(raw: bytes) -> bool:
    """Whether the .xls in ``raw`` counts its days from 1904 (its DATEMODE record is 1)."""
    try:
        stream = _Compound(raw).stream(STREAMS, GLOBALS_READ)
    except (struct.error, ValueError):
        return False
    at = 0
    while at + 4 <= len(stream):  # records: type, size, data; the globals end at EOF
        kind, size = struct.unpack_from("<HH", stream, at)
        if kind == DATEMODE and size == 2:
            return bool(struct.unpack_from("<H", stream, at + 4)[0] == 1)
        if kind == EOF:
            return False
        at += 4 + size
    return False


class _Compound:
    """An OLE compound file's streams, read by sector chains (ValueError when damaged)."""

    def __init__(self, raw: bytes) -> None:
        if not raw.startswith(OLE) or len(raw) < 512:
            raise ValueError("not an OLE compound file")
        self.raw = raw
        self.size = 1 << self._u16(0x1E)
        self.mini = 1 << self._u16(0x20)
        if self.size not in (512, 4096) or self.mini != 64:
            raise ValueError("not an OLE compound file")
        self.per = self.size // 4  # sector numbers in a sector
        self.most = len(raw) // self.size  # no chain is longer than the file
        # The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT
        # sectors, each listing per - 1 and then the next one.
        fat = list(struct.unpack_from("<109I", raw, 0x4C))
        at, left = self._u32(0x44), min(self._u32(0x48), self.most)
        while left and at < LAST_SECTOR:
            listed = struct.unpack_from(f"<{self.per}I", self._sector(at))
            fat += listed[:-1]
            at, left = listed[-1], left - 1
        self.fat = [s for s in fat[: self._u32(0x2C)] if s < LAST_SECTOR]

    def stream(self, names: tuple[str, ...], most: int) -> bytes:
        """Up to ``most`` bytes of the first stream with one of these names."""
        directory = self._read(self._chain(self._u32(0x30), self._next), self.size, len(self.raw))
        root_start, root_size = struct.unpack_from("<II", directory, 0x74)
        for at in range(0, len(directory) - 127, 128):
            length = min(struct.unpack_from("<H", directory, at + 0x40)[0], 64)
            name = directory[at : at + length].decode("utf-16-le", "replace").rstrip("\x00")
            if name not in names or directory[at + 0x42] != 2:  # 2: a stream
                continue
            start, size = struct.unpack_from("<II", directory, at + 0x74)
            size = min(size, most)
            if size >= self._u32(0x38):  # at or over the cutoff: in sectors of its own
                return self._read(self._chain(start, self._next), self.size, size)
            # Under it: in 64-byte pieces of the mini stream, itself in the root's sectors.
            minifat = list(self._chain(self._u32(0x3C), self._next))
            ministream = self._read(self._chain(root_start, self._next), self.size, root_size)
            pieces = self._chain(start, partial(self._entry, minifat))
            return self._read(pieces, 64, size, ministream)
        raise ValueError("no workbook stream")

    def _read(
        self, chain: Iterator[int], size: int, most: int, within: bytes | None = None
    ) -> bytes:
        """Up to ``most`` bytes of a chain of pieces of ``size`` bytes: the file's
        sectors, or 64-byte pieces ``within`` the mini stream."""
        parts: list[bytes] = []
        for _, n in zip(range(-(-most // size)), chain, strict=False):
            parts.append(self._sector(n) if within is None else within[n * size : n * size + size])
        return b"".join(parts)[:most]

    def _chain(self, start: int, follow: Callable[[int], int]) -> Iterator[int]:
        """The sector (or mini stream piece) numbers from ``start``, as ``follow`` links
        them; ValueError for a chain longer than the file could hold (one that loops)."""
        at, steps = start, 0
        while at < LAST_SECTOR:
            steps += 1
            if steps > len(self.raw) // 64:
                raise ValueError("a sector chain loops")
            yield at
            at = follow(at)

    def _next(self, sector: int) -> int:
        return self._entry(self.fat, sector)

    def _entry(self, table: list[int], n: int) -> int:
        """Entry ``n`` of a table (the FAT, the mini FAT) kept in these sectors."""
        if n // self.per >= len(table):
            raise ValueError("past the end of a sector table")
        sector = self._sector(table[n // self.per])
        return int(struct.unpack_from("<I", sector, 4 * (n % self.per))[0])

    def _sector(self, n: int) -> bytes:
        """Sector ``n``; a last one cut short is read as far as it goes, as the
        spreadsheet reader reads it (which then reads the workbook)."""
        at = (n + 1) * self.size
        if at >= len(self.raw):
            raise ValueError("a sector past the end of the file")
        return self.raw[at : at + self.size].ljust(self.size, b"\0")

    def _u16(self, at: int) -> int:
        return int(struct.unpack_from("<H", self.raw, at)[0])

    def _u32(self, at: int) -> int:
        return int(struct.unpack_from("<I", self.raw, at)[0])
