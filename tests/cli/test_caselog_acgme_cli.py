"""`wayhome cases import` with a real-shaped ACGME download (tests/helpers/acgme.py) and
the date order told by --dates or a mapping file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import acgme
from tests.helpers.cli import flatten, run
from wayhome.adapters.db.models import ProcedureRecord


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_acgme_download_imports_as_exported(data_dir, tmp_path, suffix):
    log = tmp_path / f"case_log{suffix}"
    log.write_bytes(acgme.csv_text().encode() if suffix == ".csv" else acgme.xlsx_bytes())
    result = run("cases", "import", str(log))
    assert result.exit_code == 0, result.output
    out = flatten(result.output)
    assert "5 rows read, 5 procedures added, 0 already stored, 0 rejected." in out
    assert "could identify a patient: PatientName, Comments" in out
    assert "1 row has no category, area or type" in out
    assert "Your procedure log: 4 cases, 5 procedures" in out
    assert "Oculoplastics › Eyelid" in out and "(no category)" in out
    assert not any(v in out for v in acgme.PATIENT_VALUES)
    data = json.loads(run("cases", "import", str(log), "--json").output)
    assert (data["added"], data["already_stored"], data["uncategorised"]) == (0, 5, 1)
    assert data["totals"]["by_category"]["Cataract"]["performed"] == {"cases": 1, "procedures": 2}


OWN = "Date,Description\n03/06/2024,Appendectomy\n"


def test_dates_that_read_two_ways_are_refused_until_the_order_is_told(data_dir, tmp_path):
    log = tmp_path / "mine.csv"
    log.write_text(OWN)
    data = json.loads(run("cases", "import", str(log), "--json").output)
    assert (
        data["added"] == 0 and "could be 6 Mar 2024 or 3 Jun 2024" in data["rejected"][0]["message"]
    )
    assert data["notes"][0].startswith("Dates that read two ways were refused")
    told = json.loads(run("cases", "import", str(log), "--dates", "day-first", "--json").output)
    assert told["added"] == 1 and told["notes"][0] == (
        "Dates with slashes were read day first, as you chose."
    )
    assert ProcedureRecord.objects.get().on == date(2024, 6, 3)
    bad = run("cases", "import", str(log), "--dates", "sideways")
    assert bad.exit_code == 2 and "'sideways' is not month-first or day-first" in bad.output


def test_a_mapping_file_names_the_date_order(data_dir, tmp_path):
    log = tmp_path / "mine.csv"
    log.write_text(OWN)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  on: Date\ndates: month-first\n")
    data = json.loads(run("cases", "import", str(log), "--map", str(mapping), "--json").output)
    assert data["added"] == 1 and ProcedureRecord.objects.get().on == date(2024, 3, 6)
    mapping.write_text("dates: sideways\n")
    bad = run("cases", "import", str(log), "--map", str(mapping))
    assert bad.exit_code == 2 and "map.yaml:1" in bad.output and "month-first" in bad.output


def test_a_report_resaved_as_unicode_text_imports_its_rows_not_its_totals(data_dir):
    """The ACGME report saved by Excel as "Unicode Text" (UTF-16, tabs, title lines, a
    totals line, a .NET system's "6/30/2024 12:00:00 AM"): its four procedures stored to
    the day, the totals line said and stored as nothing; importing it again adds none."""
    report = Path(__file__).parents[1] / "cv" / "files" / "acgme-report-unicode.txt"
    result = run("cases", "import", str(report))
    assert result.exit_code == 0, result.output
    out = flatten(result.output)
    assert "4 rows read, 4 procedures added, 0 already stored, 0 rejected." in out
    assert "Row 9 (“Total Procedures: 4”) read as totals, not procedures: left out." in out
    days = sorted(ProcedureRecord.objects.values_list("on", flat=True))
    assert days == [date(2024, 6, 30), date(2024, 6, 30), date(2024, 7, 1), date(2024, 7, 2)]
    again = json.loads(run("cases", "import", str(report), "--json").output)
    assert (again["added"], again["already_stored"]) == (0, 4)
    assert ProcedureRecord.objects.count() == 4
