"""What an old Excel workbook (.xls) says of its own dates: whether it counts days from
1 Jan 1904, as Excel for Mac before 2011 saved them. The spreadsheet reader (calamine)
turns date cells into days right but does not say which system a workbook uses; a day
number whose cell lost its date format needs it. xlrd, made for .xls, reads the
workbook's globals alone (on_demand) for its DATEMODE record; a file it cannot read
counts as 1900, the default, and is left to the spreadsheet reader to refuse.
"""

from __future__ import annotations

import os
from typing import Final

OLE: Final = bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE compound file: an .xls's start


def counts_from_1904(raw: bytes) -> bool:
    """Whether the .xls in ``raw`` counts its days from 1904 (its DATEMODE record is 1)."""
    import xlrd  # type: ignore[import-untyped]  # only an .xls needs it

    try:
        with open(os.devnull, "w") as quiet:  # xlrd writes its warnings to a log file
            book = xlrd.open_workbook(file_contents=raw, on_demand=True, logfile=quiet)
    except Exception:  # xlrd raises many kinds on a damaged file (see above)
        return False
    try:
        return bool(book.datemode == 1)
    finally:
        book.release_resources()
