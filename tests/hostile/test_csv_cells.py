"""Item 11: no CSV Wayhome writes holds a cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.helpers.cli import run
from wayhome.adapters.exporters import csvfile

SRC = Path(__file__).parents[2] / "src" / "wayhome"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param('=HYPERLINK("http://example.invalid","x")', id="equals"),
        pytest.param("+1+cmd|' /C calc'!A0", id="plus"),
        pytest.param("-2+3", id="minus"),
        pytest.param("@SUM(A1:A2)", id="at"),
        pytest.param("\t=1+1", id="tab"),
        pytest.param("\r=1+1", id="carriage-return"),
        pytest.param("  =1+1", id="spaces-first"),
    ],
)
def test_it_neutralises_a_cell_that_would_start_a_formula(value):
    assert csvfile.cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Hernia - inguinal", "performed", "", 7, -3, None])
def test_it_leaves_text_and_numbers_alone(value):
    assert csvfile.cell(value) == value


def test_every_csv_is_written_through_the_one_helper():
    makers = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(", p.read_text(encoding="utf-8"))
    ]
    assert makers == ["adapters/exporters/csvfile.py"]


def test_cases_summary_csv_holds_no_formula_from_an_imported_file(data_dir, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "Date,Role,Category\n"
        '2024-05-01,Surgeon,"=HYPERLINK(""http://example.invalid"",""open"")"\n'
        "2024-05-02,Surgeon,@SUM(1+1)\n"
        "2024-05-03,Surgeon,Hernia - inguinal\n",
        encoding="utf-8",
    )
    assert run("cases", "import", str(log)).exit_code == 0
    table = tmp_path / "summary.csv"
    result = run("cases", "summary", "--csv", str(table))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
    categories = sorted(r[0] for r in rows[1:])
    assert categories == [
        '\'=HYPERLINK("http://example.invalid","open")',
        "'@SUM(1+1)",
        "Hernia - inguinal",
    ]
