"""Evidence II in the browser's pages: a scan read in the background, search, the
names-and-dates check, packets and the bundle, and the CV as Word."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from tests.helpers.letters import scan_png, stored_file
from tests.helpers.web import PASS, data_on, open_vault, run_queue
from wayhome.adapters.db.models import DocumentItem, FileReading
from wayhome.services import background, unlocked
from wayhome.services import documents as document_service

ON = date(2026, 11, 24)
LETTER = [
    "Graduate Medical Education Office",
    "Date: March 3, 2025",
    "This is to certify that Dr. Sam Exampel completed residency in Internal Medicine",
    "from July 1, 2024 to July 31, 2027.",
]
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed (OCR is optional)"
)


@pytest.fixture(autouse=True)
def setting(settings, tmp_path, monkeypatch):
    yield from data_on(settings, tmp_path, monkeypatch, ON)


def upload(client, row, item, data, name="letter.png"):
    """A scan stored as a person does: the vault unlocked for the session first."""
    if not client.get("/vault/").context["vault_unlocked"]:
        open_vault(client)
    file = SimpleUploadedFile(name, data)
    return client.post(f"/p/{row.pk}/documents/{item.pk}/", {"file": file})


@pytest.fixture
def diploma(owner):
    user, _ = owner
    document_service.sync(user, ON)
    return DocumentItem.objects.get(owner=user, key="xx-primary-medical-diploma")


@needs_tesseract
@pytest.mark.django_db(transaction=True)
def test_a_scanned_letter_is_read_in_the_background_and_becomes_searchable(
    owner, diploma, client_for
):
    user, row = owner
    c = client_for(user)
    upload(c, row, diploma, scan_png(LETTER))
    reading = FileReading.objects.get(owner=user)
    assert reading.status == "queued" and DBTaskResult.objects.count() == 1
    run_queue()
    reading.refresh_from_db()
    assert (reading.status, reading.method) == ("done", "ocr")
    assert reading.suggested["issued"]["value"] == "2025-03-03"
    assert b"Exampel" not in bytes(reading.text)  # the text is stored encrypted
    page = c.get(f"/p/{row.pk}/search/", {"q": "graduate medical"}).content.decode()
    assert "<mark>Graduate</mark> Medical Education Office" in page
    files = c.get(f"/p/{row.pk}/files/").content.decode()
    assert 'value="2025-03-03"' in files and "(suggested)" in files


@needs_tesseract
@pytest.mark.django_db(transaction=True)
def test_a_file_queued_while_locked_waits_and_is_read_after_unlocking(owner, diploma, client_for):
    user, row = owner
    c = client_for(user)
    upload(c, row, diploma, scan_png(LETTER))
    unlocked._open.clear()  # the server restarted, or half an hour passed
    run_queue()
    reading = FileReading.objects.get(owner=user)
    assert reading.status == "locked"
    files = c.get(f"/p/{row.pk}/files/").content.decode()
    assert "WAITING FOR UNLOCK" in files and 'name="passphrase"' not in files
    wrong = c.post("/vault/", {"passphrase": "nope"}, follow=True)
    assert "The vault stays locked: that passphrase does not open this vault." in (
        wrong.content.decode()
    )
    open_vault(c)
    run_queue()
    reading.refresh_from_db()
    assert reading.status == "done"
    # Search asks for the vault to be unlocked before it looks inside files, and comes back.
    c.post("/vault/", {"action": "lock"})
    locked = c.get(f"/p/{row.pk}/search/", {"q": "exampel"}).content.decode()
    assert "unlock the vault</a> to search it too" in locked and "<mark>" not in locked
    back = f"/p/{row.pk}/search/?q=exampel"
    opened = c.post("/vault/", {"passphrase": PASS, "next": back}, follow=True)
    assert opened.redirect_chain[-1][0] == back
    assert "Dr. Sam <mark>Exampel</mark> completed" in opened.content.decode()


def test_what_a_file_says_is_saved_and_checked_against_the_profile(owner, client_for):
    user, row = owner
    vf = stored_file(user, "residency.pdf")
    c = client_for(user)
    bad = c.post(
        f"/p/{row.pk}/files/{vf.pk}/", {"holder": "X", "training_end": "31/07/2027"}, follow=True
    )
    assert "Training to: &#x27;31/07/2027&#x27; is not a date" in bad.content.decode()
    assert not FileReading.objects.filter(vault_file=vf).exists()  # nothing half-saved
    c.post(
        f"/p/{row.pk}/files/{vf.pk}/",
        {"holder": "Sam Exampel", "training_end": "2027-07-31", "translation_of": ""},
    )
    assert FileReading.objects.get(vault_file=vf).confirmed == {
        "holder": "Sam Exampel",
        "training_end": "2027-07-31",
    }
    page = c.get(f"/p/{row.pk}/consistency/").content.decode()
    assert "SPELLING" in page and "Sam Exampel" in page and "Dr. Sam Example" in page
    assert "End of training" in page and "MONTH" in page
    assert "31 Jul 2027" in page and "30 Jun 2027" in page


def test_the_bundle_and_a_packet_download_as_zips(owner, diploma, client_for):
    user, row = owner
    c = client_for(user)
    upload(c, row, diploma, b"%PDF-1.4\nA diploma.\n%%EOF\n", name="diploma.pdf")
    c.post("/vault/", {"action": "lock"})
    page = c.get(f"/p/{row.pk}/packets/?country=XX").content.decode()
    assert "Primary medical diploma" in page and 'name="passphrase"' not in page
    assert "unlock the vault</a> (once for this sign-in) to build a packet" in page
    locked = c.post(f"/p/{row.pk}/packets/", {"action": "bundle"}, follow=True)
    assert "Unlock the vault first" in locked.content.decode()
    open_vault(c)
    bundle = c.post(f"/p/{row.pk}/packets/", {"action": "bundle"})
    assert bundle["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(bundle.content)) as z:
        assert z.read("files/01-diploma.pdf") == b"%PDF-1.4\nA diploma.\n%%EOF\n"
        assert z.read("SHA256SUMS").decode().endswith("  files/01-diploma.pdf\n")
    packet = c.post(f"/p/{row.pk}/packets/", {"country": "XX", "item": [diploma.key]})
    with zipfile.ZipFile(io.BytesIO(packet.content)) as z:
        assert "files/01-diploma.pdf" in z.namelist() and "index.pdf" in z.namelist()


def test_the_cv_downloads_as_an_editable_word_document(owner, client_for):
    user, row = owner
    response = client_for(user).get(f"/p/{row.pk}/cv.docx")
    assert response["Content-Disposition"] == 'attachment; filename="wayhome-cv.docx"'
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "Dr. Sam Example"
    assert document.paragraphs[0].style.name == "Title"


@needs_tesseract
@pytest.mark.django_db(transaction=True)
def test_the_worker_thread_of_serve_reads_what_is_queued(owner, diploma, client_for):
    import time

    from django.db import OperationalError

    user, row = owner
    upload(client_for(user), row, diploma, scan_png(LETTER))
    worker = background.start_worker(interval=0.05)
    try:
        status, deadline = "queued", time.monotonic() + 30
        while status != "done" and time.monotonic() < deadline:
            time.sleep(0.2)
            try:  # the tests' in-memory SQLite refuses a read while the worker writes
                status = FileReading.objects.get(owner=user).status
            except OperationalError:
                continue
    finally:
        worker.running = False
    assert status == "done"


def test_each_file_gets_one_job_however_many_uploads_follow(
    owner, diploma, client_for, django_capture_on_commit_callbacks
):
    user, row = owner
    c = client_for(user)
    with django_capture_on_commit_callbacks(execute=True):
        upload(c, row, diploma, b"%PDF-1.4\nfirst\n%%EOF\n", name="first.pdf")
        upload(c, row, diploma, b"%PDF-1.4\nsecond\n%%EOF\n", name="second.pdf")
    assert DBTaskResult.objects.count() == 2  # the first is not queued again
    assert set(FileReading.objects.values_list("status", flat=True)) == {"queued"}
    # What was typed for a file not read yet waits for the vault, and is queued on unlock.
    third = stored_file(user, "typed.pdf", "c")
    c.post(f"/p/{row.pk}/files/{third.pk}/", {"holder": "Sam Example"})
    assert FileReading.objects.get(vault_file=third).status == "locked"
    c.post("/vault/", {"action": "lock"})
    with django_capture_on_commit_callbacks(execute=True):
        open_vault(c)
    assert FileReading.objects.get(vault_file=third).status == "queued"
    assert DBTaskResult.objects.count() == 3
