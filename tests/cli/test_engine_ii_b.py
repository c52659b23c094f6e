"""Engine II-b through the command line: `wayhome assess --json` on a profile file shows
exam attempts, documents with issue dates and the new kinds; the stored profile's
documents are its document records, written out by `profile export` and read back by
`profile import`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from tests.helpers.cli import run
from wayhome.adapters.profiles import example_path

DOCUMENTS = """documents:
  - {kind: good-standing, issued: 2028-01-10, issuer: New York State Education Department}
  - {kind: primary-degree, issued: 2017-07-15}
"""


def _xx(out: str) -> dict:
    return next(a for a in json.loads(out)["assessments"] if a["jurisdiction"] == "XX")


def _profile(tmp_path: Path, extra: str, plan: dict | None = None) -> Path:
    data = yaml.safe_load(example_path("do-the-math").read_text(encoding="utf-8"))
    data.update(yaml.safe_load(extra))
    if plan:
        data["plan"].update(plan)
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_assess_json_shows_attempts_documents_and_the_new_kinds(tmp_path):
    extra = (
        DOCUMENTS
        + "exam_attempts:\n  - {name: SCE, date: 2027-03-15, score: 58/100}\n"
        + "licences:\n  - {jurisdiction: XX, kind: temporary, issued: 2026-01-15}\n"
    )
    path = _profile(tmp_path, extra, {"applications": [{"target": "XX", "date": "2028-08-01"}]})
    result = run("assess", str(path), "--on", "2026-11-24", "--json", "--country", "XX")
    assert result.exit_code == 0, result.output
    a = _xx(result.output)
    exam = next(e for e in a["exams"] if e["rule"] == "xx-conversion-exam")
    assert (exam["status"], exam["attempts_used"], exam["attempts_left"]) == ("failed", 1, 2)
    docs = {d["kind"]: d for d in a["documents"]}
    assert docs["good-standing"]["status"] == "expired"
    assert docs["good-standing"]["request_by"] == "2028-07-01"
    assert a["application_date"] == "2028-08-01"
    findings = {f["rule"]: f for f in a["findings"]}
    assert findings["xx-temporary-licence"]["status"] == "ok"
    assert findings["xx-temporary-licence"]["deadline"] == "2028-01-14"


def test_an_unknown_exam_in_the_attempts_exits_2_with_its_line(tmp_path):
    path = _profile(tmp_path, "exam_attempts:\n  - {name: Nope, date: 2026-03-01, result: fail}\n")
    result = run("assess", str(path), "--on", "2026-11-24", "--json")
    assert result.exit_code == 2
    assert "exam_attempts[0].name: no rule pack has an exam called 'Nope'" in result.output


def test_stored_documents_are_the_records_and_round_trip(data_dir, tmp_path):
    from wayhome.adapters.db import store
    from wayhome.adapters.db.models import DocumentItem

    path = _profile(tmp_path, DOCUMENTS)
    assert run("profile", "import", str(path)).exit_code == 0
    owner = store.local_account()
    records = {d.kind: d for d in DocumentItem.objects.filter(owner=owner)}
    assert records["good-standing"].issued == dt.date(2028, 1, 10)
    assert records["good-standing"].issuer == "New York State Education Department"
    assert "documents" not in store.profile_data(owner)  # one source of truth: the records

    # The Documents page changes a record: the assessment and the export follow it.
    records["good-standing"].issued = dt.date(2028, 6, 1)
    records["good-standing"].save()
    out = run("assess", "--on", "2026-11-24", "--json", "--country", "XX")
    assert out.exit_code == 0, out.output
    docs = {d["kind"]: d for d in _xx(out.output)["documents"]}
    assert (docs["good-standing"]["issued"], docs["good-standing"]["status"]) == (
        "2028-06-01",
        "valid",
    )
    exported = tmp_path / "out.yaml"
    assert run("profile", "export", str(exported)).exit_code == 0
    written = yaml.safe_load(exported.read_text(encoding="utf-8"))["documents"]
    assert written == [
        {
            "kind": "good-standing",
            "issued": "2028-06-01",
            "issuer": "New York State Education Department",
        },
        {"kind": "primary-degree", "issued": "2017-07-15"},
    ]
    # Read back: the same records, none added.
    assert run("profile", "import", str(exported)).exit_code == 0
    assert DocumentItem.objects.filter(owner=owner).count() == 2


def test_a_files_checked_reading_fills_its_documents_date(data_dir, tmp_path):
    from django.utils import timezone

    from wayhome.adapters.db import store
    from wayhome.adapters.db.models import DocumentItem, FileReading, VaultFile
    from wayhome.services.source import from_store

    assert run("profile", "import", str(example_path("do-the-math"))).exit_code == 0
    owner = store.local_account()
    item = DocumentItem.objects.create(
        owner=owner, key="xx-good", name="Good standing", kind="good-standing"
    )
    vf = VaultFile.objects.create(
        owner=owner,
        object_id="a" * 64,
        name="letter.pdf",
        media_type="application/pdf",
        size=1,
        sha256="b" * 64,
        received=timezone.now(),
    )
    FileReading.objects.create(
        owner=owner, vault_file=vf, status="done", confirmed={"issued": "2028-02-01"}
    )
    item.files.add(vf)
    (held,) = from_store(owner).profile.documents
    assert (held.kind, held.issued) == ("good-standing", dt.date(2028, 2, 1))


def test_the_schemas_cover_every_new_field():
    profile = run("schema", "profile").output
    for name in ("exam_attempts", "documents", "applications", "issuer", "pending", "temporary"):
        assert f'"{name}"' in profile, name
    pack = run("schema", "pack").output
    for name in (
        "pass_mark",
        "attempt_pool",
        "attempts_per_year_basis",
        "after_limit",
        "to_confirm",
        "between",
        "course_window",
        "temporary_licence",
        "tiers",
        "evidence",
        "min_internship_months",
        "extendable",
        "document_kinds",
    ):
        assert f'"{name}"' in pack, name


def test_the_text_shows_a_blocked_exam_and_the_documents(tmp_path):
    fails = "".join(
        f"  - {{name: SCE, date: {d}, result: fail}}\n"
        for d in ("2025-03-10", "2025-09-10", "2026-03-10")
    )
    path = _profile(tmp_path, DOCUMENTS + "exam_attempts:\n" + fails)
    out = run("assess", str(path), "--on", "2026-11-24", "--country", "XX").output
    assert "BLOCKED" in out and "no attempts left" in out
    assert "Documents, on the day you apply" in out
