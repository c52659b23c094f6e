"""An old .xls workbook's own word on its dates (adapters/importers/xls.py): days counted
from 1904, as Excel for Mac before 2011 saved them, or from 1900; a damaged file reads as
1900, the default, in bounded time, and is left to the spreadsheet reader to refuse."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import pytest

from wayhome.adapters.importers.caselog import Upload, read_case_log
from wayhome.adapters.importers.xls import counts_from_1904

FILES = Path(__file__).parents[1] / "cv" / "files"
MAC = (FILES / "acgme-mac-1904.xls").read_bytes()  # xlwt, dates_1904 = True
END, FREE = 0xFFFFFFFE, 0xFFFFFFFF


def biff(datemode: int | None) -> bytes:
    """A workbook's globals: BOF, DATEMODE when given, EOF."""
    records = struct.pack("<HH", 0x0809, 16) + bytes(16)
    if datemode is not None:
        records += struct.pack("<HHH", 0x0022, 2, datemode)
    return records + struct.pack("<HH", 0x000A, 0)


def compound(stream: bytes) -> bytes:
    """A compound file of 512-byte sectors holding ``stream`` as "Workbook" in its mini
    stream (as a writer that does not pad a small workbook to 4,096 bytes leaves it):
    sector 0 the FAT, 1 the directory, 2 the mini FAT, 3 on the mini stream."""
    pieces = -(-len(stream) // 64)
    sectors = -(-pieces * 64 // 512)
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 2, 1, END, 0)
    header += struct.pack("<109I", 0, *[FREE] * 108)
    fat = [0xFFFFFFFD, END, END, *range(4, 3 + sectors), END]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")

    def entry(name: str, kind: int, start: int, size: int) -> bytes:
        named = (name + "\0").encode("utf-16-le")
        head = named.ljust(64, b"\0") + struct.pack("<HBB", len(named), kind, 1)
        return (
            (head + struct.pack("<III", FREE, FREE, FREE)).ljust(116, b"\0")
            + struct.pack("<II", start, size)
            + bytes(4)
        )

    directory = entry("Root Entry", 5, 3, pieces * 64) + entry("Workbook", 2, 0, len(stream))
    minifat = struct.pack(f"<{pieces}I", *range(1, pieces), END).ljust(512, b"\xff")
    ministream = stream.ljust(sectors * 512, b"\0")
    return header + fat_sector + directory.ljust(512, b"\0") + minifat + ministream


@pytest.mark.parametrize(("datemode", "from1904"), [(1, True), (0, False), (None, False)])
def test_it_reads_datemode_from_a_small_workbook_in_the_mini_stream(datemode, from1904):
    stream = biff(datemode).ljust(300, b"\0")  # several 64-byte pieces
    assert counts_from_1904(compound(stream)) is from1904


def test_it_reads_datemode_from_a_workbook_in_sectors_of_its_own():
    assert counts_from_1904(MAC) is True
    assert (
        counts_from_1904(MAC.replace(b'"\x00\x02\x00\x01\x00', b'"\x00\x02\x00\x00\x00')) is False
    )


@pytest.mark.parametrize("cut", range(0, len(MAC), 256))
def test_a_workbook_cut_short_reads_as_far_as_the_spreadsheet_reader_reads_it(cut):
    """The FAT and the directory come last in this file: cut before its directory's first
    entries, it reads as 1900 (and the reader refuses it); cut after them, the reader reads
    the workbook, and its days count from 1904 as before."""
    assert counts_from_1904(MAC[:cut]) is (cut >= 5120 + 256)
    if cut >= 5120 + 256:
        result = read_case_log(Upload("log.xls", MAC[:cut]))
        assert [p.on for p in result.procedures] == [date(2010, 6, 30), date(2010, 7, 1)]


def test_a_sector_chain_that_loops_is_followed_no_further_than_the_file_is_long():
    looping = bytearray(compound(biff(1).ljust(300, b"\0")))
    struct.pack_into("<I", looping, 512 + 4, 1)  # the directory's sector follows itself
    looping[1024 + 128 : 1024 + 256] = bytes(128)  # and holds no workbook
    assert counts_from_1904(bytes(looping)) is False
