"""A real-shaped ACGME Case Log download (tests/helpers/acgme.py), as CSV and as .xlsx:
its own run-together headers recognised without a mapping, the patient column and the
comments dropped, a case over several rows counted once, the category from the defined
category or else "Area › Type", rows without one counted, and dates read as said."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import acgme
from wayhome.adapters.importers.caselog import (
    CaseLogError,
    ColumnMap,
    Upload,
    preview,
    read_case_log,
)
from wayhome.core.common.column_dates import Order
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import UNCATEGORISED, totals

FILES = {
    "csv": lambda: Upload("case_log.csv", acgme.csv_text().encode()),
    "xlsx": lambda: Upload("case_log.xlsx", acgme.xlsx_bytes()),
}


@pytest.mark.parametrize("kind", list(FILES))
def test_it_recognises_the_acgme_columns_without_a_mapping(kind):
    result = read_case_log(FILES[kind]())
    assert result.columns == {
        "case_id": "CaseID",
        "on": "ProcedureDate",
        "role": "ResidentRole",
        "area": "AreaDesc",
        "type": "TypeDesc",
        "category": "DefinedCategories",
        "code": "CPTCode",
        "description": "CPTDesc",
        "year": "YearOfCase",
    }
    assert result.dropped == ["PatientName", "Comments"] and result.ignored == []
    assert result.problems == [] and result.rows == len(result.procedures) == 5
    stored = repr(result.procedures)
    assert not any(v in stored for v in acgme.PATIENT_VALUES)


@pytest.mark.parametrize("kind", list(FILES))
def test_it_counts_a_case_over_several_rows_once_and_each_category(kind):
    result = read_case_log(FILES[kind]())
    t = totals(result.procedures)
    assert (t.cases, t.procedures) == (4, 5)  # 5001 on 30 Jun (two codes), on 2 Jul, 5002, 5003
    cataract = t.by_category["Cataract"]["performed"]
    assert (cataract.cases, cataract.procedures) == (1, 2)
    assert t.by_category["Oculoplastics › Eyelid"]["performed"].cases == 1
    assert t.by_category[UNCATEGORISED]["assisted"].procedures == 1
    assert result.uncategorised == 1
    assert "1 row has no category, area or type" in result.notes[-1]
    roles = {p.role_said: p.role for p in result.procedures}
    assert roles == {"Surgeon": Role.PERFORMED, "Assistant": Role.ASSISTED}
    days = [p.on for p in result.procedures]
    assert days == [
        date(2024, 6, 30),
        date(2024, 6, 30),
        date(2024, 7, 2),
        date(2024, 6, 30),  # "30 Jun 2024"
        date(2024, 7, 15),
    ]
    assert result.procedures[0].case_id == "5001"  # an Excel number, read back as written


def test_how_numeric_dates_were_read_is_said():
    result = read_case_log(FILES["csv"]())
    [note, _] = result.notes
    assert note.startswith("Dates with slashes were read month first, as 3 rows of this file")
    assert "07/02/2024 in row 4 could be 2 Jul 2024 or 7 Feb 2024" in note


def test_an_acgme_file_whose_rows_do_not_tell_is_read_month_first_and_says_so():
    rows = [r for r in acgme.ROWS if r[1] in ("07/02/2024", "30 Jun 2024")]
    result = read_case_log(Upload("log.csv", acgme.csv_text(rows).encode()))
    assert [p.on for p in result.procedures] == [date(2024, 7, 2), date(2024, 6, 30)]
    assert (
        "read month first, as ACGME's Case Log downloads (a US system) write them"
        in (result.notes[0])
    )


def test_a_spreadsheet_of_its_own_refuses_a_date_that_reads_two_ways_unless_told():
    sheet = "Date,Description\n03/06/2024,Appendectomy\n2024-03-07,Hernia repair\n"
    result = read_case_log(Upload("mine.csv", sheet.encode()))
    assert [p.row for p in result.problems] == [2]
    assert "'03/06/2024' could be 6 Mar 2024 or 3 Jun 2024" in result.problems[0].message
    assert "Dates that read two ways were refused" in result.notes[0]
    told = read_case_log(Upload("mine.csv", sheet.encode()), ColumnMap(dates=Order.DAY_FIRST))
    assert told.problems == [] and told.procedures[0].on == date(2024, 6, 3)
    assert told.notes[0] == "Dates with slashes were read day first, as you chose."


def test_the_column_step_sees_the_acgme_guess_and_no_patient_values():
    seen = preview(FILES["csv"]())
    assert seen.guess["category"] == "DefinedCategories" and seen.guess["on"] == "ProcedureDate"
    assert seen.dropped == ["PatientName", "Comments"]
    assert "PatientName" not in seen.shown
    assert not any(v in str(seen.samples) for v in acgme.PATIENT_VALUES)
    assert seen.dates is not None and "month first" in seen.dates


def test_a_header_read_in_the_wrong_encoding_is_no_header():
    # UTF-32 read as one byte a character: letters between NULs must not make "CaseID".
    garbled = acgme.csv_text().encode("utf-32-le").decode("latin-1").encode("utf-8")
    with pytest.raises(CaseLogError, match=r"line 1: holds a NUL character"):
        read_case_log(Upload("log.csv", garbled))  # refused at the first NUL, before a header
    # Another control character between the letters is no NUL: refused as no header.
    garbled = garbled.replace(b"\x00", b"\x01")
    with pytest.raises(CaseLogError, match=r"no header row found|does not read as CSV"):
        read_case_log(Upload("log.csv", garbled))
