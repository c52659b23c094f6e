"""An old .xls workbook's own word on its dates (adapters/importers/xls.py, by xlrd): days
counted from 1904, as Excel for Mac before 2011 saved them, or from 1900; a damaged file
reads as 1900, the default, and is left to the spreadsheet reader to refuse."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from wayhome.adapters.importers.caselog import Upload, read_case_log
from wayhome.adapters.importers.xls import OLE, counts_from_1904

FILES = Path(__file__).parents[1] / "cv" / "files"
MAC = (FILES / "acgme-mac-1904.xls").read_bytes()  # xlwt, dates_1904 = True
# Its DATEMODE record (type 0x22, 2 bytes long) saying 1, and the same saying 0.
FROM_1904, FROM_1900 = b'"\x00\x02\x00\x01\x00', b'"\x00\x02\x00\x00\x00'


def test_it_reads_the_workbooks_own_datemode():
    assert MAC.count(FROM_1904) == 1
    assert counts_from_1904(MAC) is True
    assert counts_from_1904(MAC.replace(FROM_1904, FROM_1900)) is False


@pytest.mark.parametrize("cut", range(0, len(MAC), 256))
def test_a_workbook_cut_short_reads_as_far_as_the_spreadsheet_reader_reads_it(cut):
    """The FAT and the directory come last in this file: cut before its directory's first
    entries, it reads as 1900 (and the reader refuses it); cut after them, the reader reads
    the workbook, and its days count from 1904 as before."""
    assert counts_from_1904(MAC[:cut]) is (cut >= 5120 + 256)
    if cut >= 5120 + 256:
        result = read_case_log(Upload("log.xls", MAC[:cut]))
        assert [p.on for p in result.procedures] == [date(2010, 6, 30), date(2010, 7, 1)]


@pytest.mark.parametrize("seed", range(20))
def test_a_damaged_workbook_reads_as_1900_and_never_raises(seed):
    noise = random.Random(seed)
    damaged = bytearray(MAC)
    for _ in range(40):
        damaged[noise.randrange(8, len(damaged))] = noise.randrange(256)
    assert counts_from_1904(bytes(damaged)) in (True, False)
    assert counts_from_1904(OLE + bytes(noise.randrange(256) for _ in range(600))) is False
