"""`wayhome cases import` as a resident runs it on their case-log download."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import flatten, run
from wayhome.adapters.db.models import ProcedureRecord
from wayhome.services import account
from wayhome.services.source import local_owner

ACGME = Path(__file__).parents[1] / "cv" / "files" / "acgme-surgery.csv"


def test_import_prints_totals_by_category_and_role_and_rejected_rows(data_dir):
    result = run("cases", "import", str(ACGME))
    assert result.exit_code == 0, result.output
    out = flatten(result.output)
    assert "9 rows read, 7 procedures added, 0 already stored, 2 rejected." in out
    assert "Your procedure log: 6 cases, 7 procedures" in out
    assert "Not imported, as they could identify a patient: Patient Name, Patient MRN" in out
    assert "acgme-surgery.csv: row 9: date: '31/08/2025' is not a date" in out
    assert "DOE" not in out


def test_importing_again_adds_nothing_twice(data_dir):
    run("cases", "import", str(ACGME))
    data = json.loads(run("cases", "import", str(ACGME), "--json").output)
    assert (data["added"], data["already_stored"]) == (0, 7)
    assert data["totals"]["cases"] == 6 and data["totals"]["procedures"] == 7
    assert data["rejected"][0] == {
        "row": 9,
        "message": "date: '31/08/2025' is not a date when read month first, as this file's "
        "dates are: if 31 Aug 2025 is meant, write 2025-08-31.",
    }
    stored = list(ProcedureRecord.objects.values())
    assert len(stored) == 7 and not any("DOE" in json.dumps(d, default=str) for d in stored)


def test_the_same_code_twice_in_one_case_counts_twice(data_dir, tmp_path):
    log = tmp_path / "bilateral.csv"
    log.write_text(
        "Case ID,Date,Role,CPT Code,Description\n"
        "9,2024-05-01,Surgeon,49505,Inguinal hernia repair\n"
        "9,2024-05-01,Surgeon,49505,Inguinal hernia repair\n"
    )
    data = json.loads(run("cases", "import", str(log), "--json").output)
    assert data["added"] == 2 and data["totals"]["procedures"] == 2 and data["totals"]["cases"] == 1


def test_a_bad_mapping_or_file_exits_2_with_where(data_dir, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  when: Date\n")
    result = run("cases", "import", str(ACGME), "--map", str(mapping))
    assert result.exit_code == 2 and "map.yaml:2" in result.output
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n")
    result = run("cases", "import", str(notes))
    assert result.exit_code == 2 and "notes.csv: no header row found" in result.output
    assert not ProcedureRecord.objects.exists()


def test_delete_everything_removes_the_procedure_log(data_dir):
    run("cases", "import", str(ACGME))
    account.delete_everything(local_owner())
    assert not ProcedureRecord.objects.exists()


def test_the_installed_command_runs_outside_the_test_harness(tmp_path):
    # pytest-django sets Django up for in-process runs; a real shell does not. The run is
    # on SQLite in a fresh data folder, whatever this one's database: a PostgreSQL run's
    # URL would have it write to that database itself, not a test copy, and leave it there.
    wayhome = Path(sys.executable).with_name("wayhome")
    gone = ("WAYHOME_DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if k not in gone}
    done = subprocess.run(
        [str(wayhome), "cases", "import", str(ACGME), "--json"],
        env={**env, "WAYHOME_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == 7
    assert (tmp_path / "wayhome.sqlite3").is_file()  # its own database, in its own folder


def test_the_summary_pdf_shows_the_counts_and_a_place_to_attest(data_dir, tmp_path):
    from pypdf import PdfReader

    from wayhome.adapters.profiles import example_path
    from wayhome.services import profile_store

    profile_store.import_file(local_owner(), example_path("cardiology-in"))
    run("cases", "import", str(ACGME))
    pdf, table = tmp_path / "log.pdf", tmp_path / "log.csv"
    result = run("cases", "summary", "--pdf", str(pdf), "--csv", str(table), "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Procedure log summary" in text
    assert "6 cases, 7 procedures" in text
    assert "Hernia - inguinal 1 (2)" in text
    assert "Programme director\u2019s attestation" in text and "Signature" in text
    assert "Residency in" in text  # from the stored profile
    assert "Prepared with Wayhome on 24 Nov 2026" in text
    assert table.read_text().splitlines()[:3] == [
        "category,role,cases,procedures",
        "Cholecystectomy,performed,2,2",
        "Colectomy,assisted,1,1",
    ]


def test_a_summary_of_an_empty_log_says_what_to_do(data_dir, tmp_path):
    result = run("cases", "summary", "--pdf", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and "run `wayhome cases import FILE` first" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_from_a_case_log_and_a_pubmed_export_to_a_cv_pdf(data_dir, tmp_path):
    from pypdf import PdfReader

    from wayhome.adapters.profiles import example_path
    from wayhome.services import profile_store

    profile_store.import_file(local_owner(), example_path("cardiology-in"))  # academic, IN
    run("cases", "import", str(ACGME))
    run("pubs", "import", str(ACGME.parent / "pubs-pubmed.nbib"))
    pdf, resume = tmp_path / "cv.pdf", tmp_path / "cv.json"
    result = run("cv", "--pdf", str(pdf), "--json-resume", str(resume), "--on", "2026-11-24")
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Curriculum vitae for an academic post, India" in text
    assert "4 papers, 4 indexed in PubMed." in text
    assert "6 cases, 7 procedures in the case log; 4 cases performed hands-on." in text
    assert text.index("Publications") < text.index("Procedures")  # academic: papers first
    assert json.loads(resume.read_text())["basics"]["name"] == "Dr. A. Example"


def test_a_cv_needs_a_stored_profile(data_dir, tmp_path):
    result = run("cv", "--pdf", str(tmp_path / "cv.pdf"))
    assert result.exit_code == 2 and "there is no stored profile yet" in result.output


def test_a_procedure_added_by_hand_is_counted(data_dir):
    added = run("cases", "add", "--date", "2026-03-02", "--role", "performed",
                "--category", "Appendix", "--description", "Laparoscopic appendectomy")  # fmt: skip
    assert added.exit_code == 0 and "performed, 2 Mar 2026" in added.output
    [record] = ProcedureRecord.objects.all()
    assert record.source == "entered by hand" and record.role == "performed"
    bad = run("cases", "add", "--date", "2026-03-02", "--role", "watched", "--category", "X")
    assert bad.exit_code == 2 and "not one of performed, assisted, observed" in flatten(bad.output)
    empty = run("cases", "add", "--date", "2026-03-02", "--role", "assisted")
    assert empty.exit_code == 2 and "say what the procedure was" in flatten(empty.output)


@pytest.fixture
def surgeon_to_germany(data_dir):
    """A general surgeon's profile stored, going to Germany (numbers to meet), with the
    ACGME log imported."""
    from wayhome.adapters.db.models import StoredProfile
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    data = to_data(load_profile(example_path("cardiology-in"))[0])
    data["specialty"], data["plan"]["targets"] = "general-surgery", ["DE"]
    StoredProfile.objects.create(owner=local_owner(), data=data)
    run("cases", "import", str(ACGME))


@pytest.mark.parametrize("columns", [50, 80, 130])
def test_minimums_print_the_sources_address_whole_to_open_or_copy(surgeon_to_germany, columns):
    from wayhome.adapters.packs import load_packs

    [de] = [p for p in load_packs() if p.code == "DE"]
    url = de.sources["baek-mwbo-2018"].url
    assert url and len(url) > 80  # longer than a line: it used to be broken across two
    out = run("cases", "minimums", "--country", "DE", "--on", "2026-11-24", columns=columns)
    assert out.exit_code == 0, out.output
    assert url in out.output.splitlines()  # on a line of its own, unbroken
    assert "Source: Bundesärztekammer" in out.output


@pytest.mark.parametrize("columns", [40, 50, 80, 130])
def test_minimums_cut_no_item_and_list_them_where_a_table_would_not_read(
    surgeon_to_germany, columns
):
    out = run("cases", "minimums", "--country", "DE", "--on", "2026-11-24", columns=columns)
    assert out.exit_code == 0, out.output
    assert "…" not in out.output  # "Schilddrüsenresek…" at 80
    words = flatten(out.output)
    if columns >= 80:
        assert "┃ Item" in out.output  # a table, each item whole or folded
        assert "│ Cholecystektomie " in out.output and " 2 (33 short) │" in out.output
    else:  # an item a syllable a line at 50: each listed, its numbers below it
        assert "┃" not in out.output
        assert "• Cholecystektomie (cholecystectomy)" in out.output
        assert "Needed: 35; in your log: 2 (33 short)" in words
        assert "Needed: 400; in your log: count it yourself" in words
        assert "Needed: 80 as first assistant; in your log: 0 (80 short)" in words
