"""Evidence II from the command line: read scans, search, the names-and-dates check,
the evidence bundle and a regulator packet."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pytest

from tests.helpers.cli import flatten, run
from tests.helpers.letters import scan_png, text_pdf
from wayhome.adapters.profiles import example_path

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed (OCR is optional)"
)

DIPLOMA = [
    "Medical University of Exampleland",
    "Date: June 30, 2017",
    "This is to certify that Dr. Sam Exampel",
    "graduated on June 30, 2017.",
]
RESIDENCY = [
    "Graduate Medical Education Office",
    "Date: March 3, 2025",
    "This is to certify that Dr. Sam Example completed residency in Internal Medicine",
    "from July 1, 2024 to July 31, 2027.",
]


@pytest.fixture
def data_dir(db, settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    monkeypatch.setenv("WAYHOME_PASSPHRASE", "correct horse battery staple")
    assert run("profile", "import", str(example_path("do-the-math"))).exit_code == 0
    return settings.DATA_DIR


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "diploma-scan.png").write_bytes(scan_png(DIPLOMA))
    (folder / "residency.pdf").write_bytes(text_pdf(RESIDENCY))
    return folder


@needs_tesseract
def test_import_reads_a_scan_and_a_pdf_and_suggests_their_dates(data_dir, docs):
    out = flatten(run("vault", "import", str(docs)).output)
    assert "2 stored" in out
    files = {f["name"]: f for f in json.loads(run("vault", "list", "--json").output)}
    scan, pdf = files["diploma-scan.png"], files["residency.pdf"]
    assert (scan["read"], scan["method"]) == ("done", "ocr")
    assert (pdf["read"], pdf["method"]) == ("done", "text")
    assert scan["facts"]["issued"] == {
        "value": "2017-06-30",
        "confirmed": False,
        "line": "Date: June 30, 2017",
    }
    assert pdf["facts"]["issued"]["value"] == "2025-03-03"
    assert pdf["facts"]["training_end"]["value"] == "2027-07-31"


@needs_tesseract
def test_a_word_only_in_a_scan_is_found_once_the_vault_is_open(data_dir, docs):
    run("vault", "import", str(docs))
    found = json.loads(run("vault", "search", "exampleland", "university", "--json").output)
    assert found["texts_searched"] is True
    [hit] = found["hits"]
    assert (hit["kind"], hit["title"]) == ("text", "diploma-scan.png")
    assert hit["snippet"][hit["match"][0] : hit["match"][1]] == "Exampleland"
    # Without the passphrase the text stays encrypted and is not searched.
    locked = json.loads(run("vault", "search", "exampleland", "--no-texts", "--json").output)
    assert locked["hits"] == [] and locked["texts_searched"] is False


@needs_tesseract
def test_the_check_flags_a_one_letter_name_and_a_one_month_date(data_dir, docs):
    run("vault", "import", str(docs))
    result = run("vault", "consistency", "--json")
    assert result.exit_code == 1
    found = {(m["field"], m["kind"]): m for m in json.loads(result.output)}
    name = found[("name", "spelling")]
    assert (name["expected"], name["found"]) == ("Dr. Sam Example", "Sam Exampel")
    assert name["found_source"] == "diploma-scan.png" and name["confirmed"] is False
    end = found[("training_end", "month")]
    assert (end["expected"], end["found"]) == ("30 Jun 2027", "31 Jul 2027")
    assert end["expected_source"] == "your profile: residency, internal medicine"
    assert set(found) == {("name", "spelling"), ("training_end", "month")}


def test_what_the_physician_confirms_wins_over_what_was_read(data_dir, docs):
    (docs / "diploma-scan.png").unlink()  # the PDF's own text is read without OCR
    run("vault", "import", str(docs))
    read = json.loads(run("vault", "consistency", "--json").output)
    assert [(m["field"], m["kind"], m["confirmed"]) for m in read] == [
        ("training_end", "month", False)
    ]
    files = {f["name"]: f["id"] for f in json.loads(run("vault", "list", "--json").output)}
    fid = files["residency.pdf"]
    # The letter really says 30 Jun 2027 (the OCR'd or typed copy was wrong, say).
    set_ = run("vault", "set", str(fid), "--holder", "Sam Example", "--training-end", "2027-06-30")
    assert set_.exit_code == 0
    result = run("vault", "consistency")
    assert result.exit_code == 0 and "agree" in flatten(result.output)
    assert run("vault", "set", "999", "--holder", "X").exit_code == 2


def test_the_bundle_verifies_with_sha256sum(data_dir, docs, tmp_path):
    run("vault", "import", str(docs), "--no-read")
    out = tmp_path / "bundle.zip"
    result = run("vault", "bundle", str(out))
    assert result.exit_code == 0, result.output
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as z:
        names = sorted(z.namelist())
        z.extractall(unpacked)
    assert names == [
        "SHA256SUMS",
        "files/01-diploma-scan.png",
        "files/02-residency.pdf",
        "index.pdf",
    ]
    assert (unpacked / "files/01-diploma-scan.png").read_bytes() == scan_png(DIPLOMA)
    if shutil.which("sha256sum"):
        check = subprocess.run(
            ["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True
        )
        assert check.returncode == 0 and check.stdout.count(": OK") == 2


def test_a_packet_keeps_the_pack_order_and_puts_translations_beside_originals(
    data_dir, docs, tmp_path
):
    from wayhome.adapters.db.models import DocumentItem, VaultFile
    from wayhome.services import documents
    from wayhome.services.source import local_owner

    owner = local_owner()
    (docs / "diploma-translation.pdf").write_bytes(text_pdf(["Sworn translation"]))
    run("vault", "import", str(docs), "--no-read")
    items = [d for d in documents.sync(owner, __import__("datetime").date(2026, 11, 24))]
    xx = [d for d in items if d.jurisdiction == "XX"]
    assert len(xx) >= 2
    by_name = {f.name: f for f in VaultFile.objects.filter(owner=owner)}
    # Attach in the reverse of the pack's order: the packet restores it.
    xx[1].files.add(by_name["residency.pdf"])
    xx[0].files.add(by_name["diploma-scan.png"])
    ids = {n: f.pk for n, f in by_name.items()}
    tr = run(
        "vault", "set", str(ids["diploma-translation.pdf"]),
        "--translation-of", str(ids["diploma-scan.png"]),
    )  # fmt: skip
    assert tr.exit_code == 0
    out = tmp_path / "packet.zip"
    refused = run("vault", "packet", "XX", str(out), "--on", "2026-11-24")
    # No file was read, so nothing can differ; the packet is built.
    assert refused.exit_code == 0, refused.output
    with zipfile.ZipFile(out) as z:
        files = sorted(n for n in z.namelist() if n.startswith("files/"))
    assert files == [
        "files/01-diploma-scan.png",
        "files/01a-diploma-translation.pdf",
        "files/02-residency.pdf",
    ]
    assert DocumentItem.objects.filter(owner=owner, jurisdiction="XX").count() == len(xx)
    unknown = run("vault", "packet", "XX", str(out), "--item", "nope")
    assert unknown.exit_code == 2 and "no stored document nope for XX" in flatten(unknown.output)


@needs_tesseract
def test_a_packet_waits_for_differences_to_be_fixed_or_accepted(data_dir, docs, tmp_path):
    run("vault", "import", str(docs))
    out = tmp_path / "packet.zip"
    result = run("vault", "packet", "XX", str(out))
    assert result.exit_code == 2 and "--despite-differences" in flatten(result.output)
    assert not out.exists()


def test_delete_everything_leaves_nothing_of_the_owners_in_any_table(data_dir, docs):
    from django.apps import apps

    from wayhome.adapters.db.models import CaseLogMapping, VaultFile
    from wayhome.services import account, activities
    from wayhome.services.source import local_owner

    owner = local_owner()
    run("vault", "import", str(docs))
    activities.add(owner, "award", "Teaching award", letter=VaultFile.objects.first().pk)
    CaseLogMapping.objects.create(owner=owner, columns={"on": "When"})
    assert account.delete_everything(owner) == 2
    for model in apps.get_app_config("wayhome").get_models():
        if any(f.name == "owner" for f in model._meta.get_fields()):
            assert not model._default_manager.filter(owner=owner).exists(), model.__name__
    assert not (data_dir / "vault").exists()
