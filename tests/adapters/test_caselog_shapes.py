"""Case logs as people's files are shaped once a spreadsheet has saved them: an ACGME
report with its title lines, saved as Excel's "Unicode Text" (UTF-16, tabs) or as an
old Mac's CSV (CR line ends, Windows accents); a European Excel's semicolons and dotted
days; a totals line under the rows; a workbook whose dates lost their date format."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from wayhome.adapters.importers.caselog import ColumnMap, Upload, read_case_log
from wayhome.core.common.vocabulary import Role

FILES = Path(__file__).parents[1] / "cv" / "files"
HEADER = ["Case ID", "Procedure Date", "Resident Role", "Defined Category", "CPT Code"]


@pytest.mark.parametrize("name", ["acgme-report-unicode.txt", "acgme-report-mac.csv"])
def test_an_acgme_report_resaved_by_excel_reads_whole_to_the_day(name):
    result = read_case_log(FILES / name)
    assert result.problems == []
    assert [p.on for p in result.procedures] == [
        date(2024, 6, 30),  # "6/30/2024 12:00:00 AM" in the Unicode Text file
        date(2024, 6, 30),
        date(2024, 7, 1),  # 7/1/2024: month first, as the rows with 6/30 show
        date(2024, 7, 2),  # "2 Jul 2024"
    ]
    first = result.procedures[0]
    assert (first.site, first.year, first.role) == ("Hôpital Saint-Éloi", "PGY-3", Role.PERFORMED)
    assert first.description == "Repair initial inguinal hernia, age 5 years or older; reducible"
    assert result.columns["year"] == "Procedure Year"
    assert result.dropped == ["Patient Type", "Comments"]
    assert (
        "Dates with slashes were read month first, as 2 rows of this file show" in (result.notes[0])
    )
    # The report's "Total Procedures: 4" line is no procedure, nor a rejected row.
    assert (
        result.notes[1]
        == "Row 9 (\u201cTotal Procedures: 4\u201d) read as totals, not procedures: left out."
    )
    assert result.rows == 4


@pytest.mark.parametrize("separator", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("line_end", ["\r\n", "\n", "\r"], ids=["windows", "unix", "old-mac"])
def test_any_separator_and_line_end_under_a_title_line_holding_the_others(separator, line_end):
    title = "Resident: Dr. A; Program: Surgery, 2024"  # a comma and a semicolon
    rows = [HEADER, ["1", "30 Jun 2024", "Surgeon", "Hernia", "49505"]]
    rows.append(["2", "1 Jul 2024", "Assistant", "Colectomy", "44204"])
    text = line_end.join([title, "", *(separator.join(r) for r in rows)]) + line_end
    result = read_case_log(Upload("log.csv", text.encode()))
    assert [(p.on, p.code) for p in result.procedures] == [
        (date(2024, 6, 30), "49505"),
        (date(2024, 7, 1), "44204"),
    ]
    assert result.problems == []


def test_a_european_excels_semicolons_and_dotted_days_read_day_first():
    text = (
        "Resident Case Log Report, 2024\r\n\r\n"
        + ";".join(HEADER)
        + "\r\n1;30.06.2024;Surgeon;Hernia - inguinal;49505\r\n"
        "2;01.07.2024;Assistant;Colectomy;44204\r\n"
    )
    result = read_case_log(Upload("log.csv", text.encode("cp1252")))
    assert [p.on for p in result.procedures] == [date(2024, 6, 30), date(2024, 7, 1)]
    assert "read day first, as 1 row of this file shows (30.06.2024 in row 4" in result.notes[0]


def test_an_acgme_download_resaved_with_dotted_days_that_do_not_tell_is_asked_not_guessed():
    """ACGME writes 07/01/2024: month first is its default when no row tells. Days written
    01.07.2024 were written by a European spreadsheet: refused with both readings."""
    text = ";".join(HEADER) + "\r\n1;01.07.2024;Surgeon;Hernia;49505\r\n"
    result = read_case_log(Upload("log.csv", text.encode()))
    assert result.procedures == []
    assert "'01.07.2024' could be 7 Jan 2024 or 1 Jul 2024" in result.problems[0].message
    assert result.notes[0].startswith("Dates that read two ways were refused")
    slashed = read_case_log(Upload("log.csv", text.replace("01.07.2024", "07/01/2024").encode()))
    assert [p.on for p in slashed.procedures] == [date(2024, 7, 1)]


def test_a_totals_line_under_ones_own_log_is_left_out_and_said():
    result = read_case_log(FILES / "own-log-with-totals.csv")
    assert [p.description for p in result.procedures] == ["Central line", "Arterial line"]
    assert [p.on for p in result.procedures] == [date(2024, 6, 30), date(2024, 7, 1)]
    assert result.problems == []
    assert "Row 5 (\u201cTotal\u201d) and 1 more read as totals, not procedures" in result.notes[0]


def test_a_procedure_whose_name_starts_with_total_is_still_a_procedure():
    text = "Procedure,CPT\r\nTotal thyroidectomy,60240\r\nTotal knee arthroplasty,\r\n"
    result = read_case_log(Upload("log.csv", text.encode()))
    assert [p.description for p in result.procedures] == [
        "Total thyroidectomy",
        "Total knee arthroplasty",
    ]
    assert result.notes == [
        "2 rows have no category, area or type: counted under \u201c(no category)\u201d."
    ]


def _workbook(days: list[object], from1904: bool = False) -> bytes:
    """A workbook whose date column holds plain numbers (its cells lost their date format)."""
    book = openpyxl.Workbook()
    if from1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(HEADER)
    for n, day in enumerate(days, start=1):
        sheet.append([n, day, "Surgeon", "Cholecystectomy", 47562])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_day_numbers_in_a_workbook_are_read_as_excel_counts_them_and_said():
    # 45473 is 30 Jun 2024 counted from 1900; a real date cell beside them reads as before.
    result = read_case_log(Upload("log.xlsx", _workbook([45473, 45474.0, datetime(2024, 7, 2)])))
    assert [p.on for p in result.procedures] == [
        date(2024, 6, 30),
        date(2024, 7, 1),
        date(2024, 7, 2),
    ]
    assert result.notes[0] == (
        "Dates stored as plain numbers were read as Excel's day numbers, counted from 1900 "
        "(45473 is 30 Jun 2024): check a few against your records."
    )


def test_a_workbook_that_counts_days_from_1904_is_read_as_it_counts():
    result = read_case_log(Upload("log.xlsx", _workbook([44011], from1904=True)))
    assert [p.on for p in result.procedures] == [date(2024, 6, 30)]
    assert (
        "counted from 1 Jan 1904, as this workbook counts (44011 is 30 Jun 2024)"
        in (result.notes[0])
    )


def test_an_old_macs_xls_workbook_counting_from_1904_reads_every_day_right():
    """Excel for Mac before 2011 saved .xls workbooks counting days from 1 Jan 1904 (the
    file's DATEMODE record says so; made with xlwt, ``dates_1904 = True``). A date cell
    read right already; a day number whose cell lost its date format read 1,462 days
    early, as if counted from 1900."""
    result = read_case_log(FILES / "acgme-mac-1904.xls")
    assert result.problems == []
    assert [p.on for p in result.procedures] == [date(2010, 6, 30), date(2010, 7, 1)]
    assert (
        "counted from 1 Jan 1904, as this workbook counts (38898 is 1 Jul 2010)"
        in (result.notes[0])
    )


def test_an_ods_whose_null_date_is_1904_reads_its_day_numbers_from_1904():
    """LibreOffice keeps a Mac workbook's 1904 count when it saves it as .ods (its
    calculation settings' null date, 1 Jan 1904): a day number read from 1900 came out
    1,462 days early. A date cell reads right either way."""
    result = read_case_log(FILES / "libreoffice-1904.ods")
    assert [p.on for p in result.procedures] == [date(2010, 6, 30), date(2010, 7, 1)]
    assert (
        "counted from 1 Jan 1904, as this workbook counts (38898 is 1 Jul 2010)"
        in (result.notes[0])
    )


def test_a_number_that_is_no_day_is_refused_at_its_row_saying_what_to_do():
    result = read_case_log(Upload("log.xlsx", _workbook([12, 45473])))
    assert [p.on for p in result.procedures] == [date(2024, 6, 30)]
    [problem] = result.problems
    assert problem.row == 2
    assert problem.message.startswith(
        "date: 12 is a number, not a date: format the column as dates"
    )


def test_acgme_surgery_role_codes_count_as_their_roles():
    """ACGME general surgery's codes as a download or a program's sheet writes them:
    Surgeon Chief, Surgeon Junior and Teaching Assistant are the surgeon's credit, First
    Assistant is assisting (UCSF's General Surgery Operative Log Guidelines); PS is the
    primary surgeon."""
    rows = [("SC", "49505"), ("SJ", "44950"), ("TA", "47562"), ("FA", "44204"), ("PS", "19301")]
    text = ",".join(HEADER) + "".join(
        f"\r\n{n},30 Jun 2024,{code},Hernia,{cpt}" for n, (code, cpt) in enumerate(rows, 1)
    )
    result = read_case_log(Upload("log.csv", text.encode()))
    assert [p.role for p in result.procedures] == [Role.PERFORMED] * 3 + [
        Role.ASSISTED,
        Role.PERFORMED,
    ]
    assert [p.role_said for p in result.procedures] == [code for code, _ in rows]
    assert result.notes == []


def test_role_words_it_does_not_know_are_named_at_their_rows_with_what_to_do():
    """Level 1/2/3 mean different things in different specialties: counted as unknown,
    never guessed, and the import names each with the row it is first on; a mapping's
    roles settle them."""
    text = ",".join(HEADER) + (
        "\r\n1,30 Jun 2024,Level 2,Hernia,49505\r\n2,1 Jul 2024,SC,Colon,44204"
        "\r\n3,2 Jul 2024,Level 2,Colon,44204\r\n4,3 Jul 2024,Level 3,Colon,44204\r\n"
    )
    result = read_case_log(Upload("log.csv", text.encode()))
    assert [p.role for p in result.procedures] == [
        Role.UNKNOWN,
        Role.PERFORMED,
        Role.UNKNOWN,
        Role.UNKNOWN,
    ]
    assert result.notes == [
        "Role words Wayhome does not know were counted as unknown: \u201cLevel 2\u201d (row 2 "
        "and 1 more), \u201cLevel 3\u201d (row 5). Say what each means (performed, assisted or "
        "observed) on the column step, or under roles: in a mapping file (--map)."
    ]
    told = ColumnMap(roles={"Level 2": Role.ASSISTED, "Level 3": Role.PERFORMED})
    mapped = read_case_log(Upload("log.csv", text.encode()), told)
    assert [p.role for p in mapped.procedures] == [
        Role.ASSISTED,
        Role.PERFORMED,
        Role.ASSISTED,
        Role.PERFORMED,
    ]
    assert mapped.notes == []
