"""`wayhome pubs import`: each export merged into one list of papers."""

import json
from pathlib import Path

from tests.helpers.cli import flatten, run
from wayhome.adapters.db.models import PublicationRecord
from wayhome.services import account
from wayhome.services.source import local_owner

FILES = Path(__file__).parents[1] / "cv" / "files"


def _import(name):
    result = run("pubs", "import", str(FILES / name), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_pubmed_then_a_reference_manager_export_merge_into_one_list(data_dir):
    first = _import("pubs-pubmed.nbib")
    assert first["format"] == "medline" and first["added"] == 4
    assert first["counts"]["pubmed_indexed"] == 4
    assert first["rejected"] == [
        {"where": "pubs-pubmed.nbib:102", "message": "record has no title"}
    ]
    second = _import("pubs-zotero.ris")
    assert (second["added"], second["duplicates"]) == (1, 3)  # three are the same papers
    assert second["counts"]["total"] == 5
    stored = list(PublicationRecord.objects.values_list("data", flat=True))
    assert sum(1 for r in stored if r["doi"]) == 5
    falls = next(r for r in stored if r["title"].startswith("Reducing inpatient falls"))
    assert falls["doi"] == "10.5555/bmjoqc-2022-001987"  # only the RIS copy had it
    again = _import("pubs-pubmed.nbib")
    assert (again["added"], again["counts"]["total"]) == (0, 5)


def test_the_table_shows_counts_by_kind(data_dir):
    out = flatten(run("pubs", "import", str(FILES / "pubs-pubmed.nbib")).output)
    assert "4 papers read, 4 added" in out
    assert "Case report" in out and "Quality improvement" in out
    assert "4 papers, 4 indexed in PubMed" in out
    assert "pubs-pubmed.nbib:102: record has no title" in out


def test_a_file_that_is_no_export_is_refused_and_nothing_changes(data_dir, tmp_path):
    _import("pubs-pubmed.nbib")
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes\n")
    result = run("pubs", "import", str(junk))
    assert result.exit_code == 2 and "notes.txt is not a reference export" in result.output
    assert PublicationRecord.objects.count() == 4


def test_delete_everything_removes_the_papers(data_dir):
    _import("pubs-pubmed.nbib")
    account.delete_everything(local_owner())
    assert not PublicationRecord.objects.exists()
