"""A case-log download shaped like a real ACGME export (AC-A1 in the research notes):
run-together headers, a case over several rows (one per code), roles Surgeon and
Assistant, a patient column and free-text comments that must be dropped, a row whose
category is empty (its area and type stand in), one with no category, area or type,
and dates as US month-first numbers and as "30 Jun 2024"."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

# An ACGME export's own columns, run together as it writes them (bench/bench_caselog.py
# builds its 50,000-row download on them too); then columns a program adds, to drop.
COLUMNS = [
    "CaseID",
    "ProcedureDate",
    "ResidentRole",
    "AreaDesc",
    "TypeDesc",
    "DefinedCategories",
    "CPTCode",
    "CPTDesc",
    "YearOfCase",
]
HEADER = [*COLUMNS, "PatientName", "Comments"]
ROWS = [
    # one case, two codes, one date: one case, two procedures
    ["5001", "06/30/2024", "Surgeon", "Anterior Segment", "Cataract", "Cataract",
     "66984", "Cataract removal with IOL", "PGY-3", "DOE JOHN", "seen by Dr. X"],
    ["5001", "06/30/2024", "Surgeon", "Anterior Segment", "Cataract", "Cataract",
     "66990", "Ophthalmic endoscope", "PGY-3", "DOE JOHN", ""],
    # the same case id on another day is another case
    ["5001", "07/02/2024", "Assistant", "Retina", "Vitrectomy", "Retina/Vitreous",
     "67036", "Vitrectomy", "PGY-3", "ROE JANE", ""],
    # no defined category: counted under its area and type
    ["5002", "30 Jun 2024", "Surgeon", "Oculoplastics", "Eyelid", "",
     "67904", "Repair of blepharoptosis", "PGY-3", "POE JIM", ""],
    # nothing says which category: counted under "(no category)", and shown
    ["5003", "07/15/2024", "Assistant", "", "", "",
     "65855", "Laser trabeculoplasty", "PGY-4", "LOE ANN", ""],
]  # fmt: skip
PATIENT_VALUES = ("DOE JOHN", "ROE JANE", "POE JIM", "LOE ANN", "Dr. X")


def csv_text(rows: list[list[str]] | None = None) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([HEADER, *(ROWS if rows is None else rows)])
    return out.getvalue()


def xlsx_bytes(rows: list[list[str]] | None = None) -> bytes:
    """The same as an Excel workbook, its dates as real date cells where they are numeric
    (Excel stores a date, not text), and its ids as numbers, as Excel saves them."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS if rows is None else rows:
        cells: list[object] = list(row)
        month, _, rest = row[1].partition("/")
        if rest:
            day, _, year = rest.partition("/")
            cells[1] = datetime(int(year), int(month), int(day))
        cells[0] = int(row[0])
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FIRST_DAY = date(2024, 6, 30)
