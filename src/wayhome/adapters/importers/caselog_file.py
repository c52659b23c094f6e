"""A case log's file as rows: a CSV (or the tab-separated text Excel saves as "Unicode
Text") in whatever encoding, separator and line ends it was saved with, or the first sheet
of a workbook. Anything that is no table at all is a :class:`CaseLogError` in words.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple

from msgspec import Struct

from wayhome.adapters.files import (
    NulCharacterError,
    UnreadableByteError,
    decode_export,
    repairs_said,
)
from wayhome.adapters.importers import limits, xls
from wayhome.adapters.ziplimits import DamagedZipError, ZipLimitError, open_zip, read_member
from wayhome.core.common.data import letters

DATE1904: Final = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")
# An .ods's calculation settings: its null date, the day numbers' day 0 (1899-12-30, as
# Excel's, unless a Mac workbook's 1904 count was kept). Before the first table, after
# the styles: the start of content.xml is read, as far as a workbook's styles run.
NULL_DATE_1904: Final = re.compile(
    rb"<(?:\w+:)?null-date\b[^>]*\bdate-value\s*=\s*[\"']1904-01-01[\"']"
)
CONTENT_HEAD: Final = 1 << 20


class Upload(Struct, frozen=True):
    """A file held in memory (an upload): its name, for its kind, and its bytes. A case
    log may hold patient columns, so an upload is read from memory, never written out."""

    name: str
    data: bytes


class CaseLogError(Exception):
    """The file cannot be read as a case log at all; the message says what to do."""


class Rows(NamedTuple):
    """The file's rows; whether its numbers that are days count from 1904 (a workbook
    made on an older Mac says so; every other file counts from 1900); and, for a UTF-8
    text with a few bytes that are not, the lines read as Windows text, in words."""

    rows: list[list[Any]]
    from1904: bool = False
    repaired: str | None = None


def read_rows(source: Path | Upload) -> Rows:
    """The file's rows, as :class:`Rows` says; CaseLogError in words when it has none."""
    try:
        if isinstance(source, Upload):
            raw = limits.within_limit(source.data, "this file")
            suffix = Path(source.name).suffix
        else:
            raw, suffix = limits.read_bytes(source, "this file"), source.suffix
    except ValueError as e:  # too large, or unreadable: said in words
        raise CaseLogError(str(e)) from None
    if not raw:
        raise CaseLogError("the file is empty")
    is_zip, is_ole = raw.startswith(b"PK\x03\x04"), raw.startswith(bytes.fromhex("D0CF11E0"))
    if suffix.lower() in {".xlsx", ".xlsm", ".xls", ".ods"}:
        return _sheet(raw, is_zip)
    if is_zip or is_ole:
        raise CaseLogError("this is a spreadsheet: give it an .xlsx or .xls name")
    try:  # Excel's CSV on Windows is cp1252; a NUL (a damaged file) is refused at its line
        decoded = decode_export(raw, "", "the ACGME Case Log system or your spreadsheet")
    except (NulCharacterError, UnreadableByteError) as e:
        raise CaseLogError(str(e)) from None
    rows = _csv_rows(decoded.text)
    if not decoded.repaired:
        return Rows(rows)
    said = repairs_said(decoded.repaired)  # a note of the import's: a sentence
    return Rows(rows, repaired=f"{said[0].upper()}{said[1:]}.")


def _csv_rows(text: str) -> list[list[Any]]:
    """The rows of a CSV, or of the tab-separated text Excel saves as "Unicode Text".
    The separator is the one the sniffer finds, else the one used most (a title line
    above the header row can leave the sniffer unsure); lines may end as on Windows,
    Unix or an old Mac (CR alone)."""
    # The sniffer splits its sample into lines at LF alone: an old Mac's lines are made so.
    sample = text[:8192].replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = _Separated(max(",;\t", key=sample.count))
    # Lines end at LF (CRLF included); a file with no LF at all is an old Mac's, ended by
    # CR. A CR alone elsewhere is no line end: binary read as text is refused at it.
    reader = csv.reader(io.StringIO(text, newline="\n" if "\n" in text else ""), dialect)
    try:
        return list(reader)
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise CaseLogError(
                f"row {reader.line_num}: a cell longer than {csv.field_size_limit():,} "
                "characters: this is not a case log"
            ) from None
        raise CaseLogError(
            f"row {reader.line_num}: this does not read as CSV text (it may be a binary "
            "file): if it is a spreadsheet, give it its .xlsx or .xls name; else save it "
            "again as .csv"
        ) from None


def _sheet(raw: bytes, is_zip: bool) -> Rows:
    """The first sheet of a workbook, and whether it counts days from 1904 (an .xlsx's
    workbookPr, an .xls's DATEMODE record, an .ods's null date); an .xlsx or .ods is a
    zip, bounded first."""
    from python_calamine import CalamineWorkbook  # only a spreadsheet needs it

    from1904 = xls.counts_from_1904(raw) if raw.startswith(xls.OLE) else False
    if is_zip:
        try:
            archive = open_zip(raw)
        except DamagedZipError as e:
            raise CaseLogError(
                f"this spreadsheet could not be read ({e}): open it and save it again as "
                ".xlsx or .csv"
            ) from None
        except ZipLimitError as e:
            raise CaseLogError(f"not a spreadsheet Wayhome can read: {e}") from None
        with archive:
            from1904 = _counts_from_1904(archive)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        rows: list[list[Any]] = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except BaseException as e:  # calamine raises its own error types per format, and
        # panics (pyo3's PanicException, a BaseException) on some damaged files: a cut .xls
        if not isinstance(e, Exception) and type(e).__name__ != "PanicException":
            raise  # Ctrl-C, or the process asked to stop
        raise CaseLogError(
            f"this spreadsheet could not be read (it may be cut short, or not the kind its "
            f"name says; the reader said: {e}): open it and save it again as .xlsx or .csv"
        ) from None
    _refuse_nul(rows, book.sheet_names[0])
    return Rows(rows, from1904)


class _Separated(csv.excel):
    """Excel's CSV dialect with another separator."""

    def __init__(self, delimiter: str) -> None:
        super().__init__()
        self.delimiter = delimiter


def _counts_from_1904(archive: zipfile.ZipFile) -> bool:
    """Whether an .xlsx counts its days from 1904 (<workbookPr date1904="1">, near the
    start of xl/workbook.xml), or an .ods (<table:null-date table:date-value="1904-01-01">
    in content.xml); a damaged one is left to the spreadsheet reader to refuse."""
    names = set(archive.namelist())
    try:
        if "xl/workbook.xml" in names:
            return DATE1904.search(read_member(archive, "xl/workbook.xml", 16_384)) is not None
        if "content.xml" in names:
            head = read_member(archive, "content.xml", CONTENT_HEAD)
            return NULL_DATE_1904.search(head) is not None
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError):
        pass
    return False


def _refuse_nul(rows: Sequence[Sequence[Any]], sheet: str) -> None:
    """CaseLogError at the first cell holding a NUL (a zero byte; an .xlsx writes it
    _x0000_), by its sheet, row and column, before anything is read: PostgreSQL cannot
    store one and SQLite would keep it unseen. 50,000 rows take some 20 ms."""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value.__class__ is str and "\x00" in value:
                raise CaseLogError(
                    f"sheet \u201c{sheet}\u201d, row {r + 1}, column {letters(c).upper()}: "
                    "the cell holds a NUL character (a zero byte), which no case log has: "
                    "delete it from that cell, save the file and import it again"
                )
