"""The document checklist: needs from the guide and the packs, steps, validity alerts."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.helpers.web import PASS, open_vault
from tests.web.markup import html_of
from wayhome.adapters.db.models import DocumentItem
from wayhome.services import documents as document_service

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)


def test_the_checklist_has_the_guides_list_and_each_regulators_steps(owner):
    user, _ = owner
    items = {d.key: d for d in document_service.sync(user, ON)}
    # The guide's "Medical school diploma" is the pack's primary medical diploma (one
    # kind): one record, stored under the pack's key.
    assert "medical-school-diploma" not in items
    assert "us-work-papers-contracts-pay-stubs-w-2s" in items
    diploma = items["xx-primary-medical-diploma"]
    assert [s["step"] for s in diploma.steps] == ["apostille", "sworn translation"]
    assert [d.key for d in items.values() if d.kind == "primary-degree"] == [diploma.key]
    good = items["xx-certificate-of-good-standing-from-every-licensing-board"]
    assert good.valid_months == 3  # from the pack's document-validity rule
    assert len(document_service.sync(user, ON)) == len(items)  # no duplicates


def test_steps_and_issue_dates_are_kept_and_judged(owner, client_for):
    user, row = owner
    document_service.sync(user, ON)
    item = DocumentItem.objects.get(owner=user, key="xx-primary-medical-diploma")
    c = client_for(user)
    c.post(
        f"/p/{row.pk}/documents/{item.pk}/",
        {"issued": "2017-07-10", "issuer": "School", "step_0": "2026-10-01"},
    )
    item.refresh_from_db()
    assert item.issued == date(2017, 7, 10) and item.steps[0]["done"] == "2026-10-01"
    assert not document_service.in_hand(item)
    c.post(
        f"/p/{row.pk}/documents/{item.pk}/",
        {"issued": "2017-07-10", "step_0": "2026-10-01", "step_1": "2026-11-01"},
    )
    item.refresh_from_db()
    assert document_service.in_hand(item)


def test_a_certificate_too_old_for_the_submission_is_flagged(owner, client_for):
    user, row = owner
    document_service.sync(user, ON)
    good = DocumentItem.objects.get(
        owner=user, key="xx-certificate-of-good-standing-from-every-licensing-board"
    )
    client_for(user).post(f"/p/{row.pk}/documents/{good.pk}/", {"issued": "2026-10-01"})
    page = html_of(client_for(user).get(f"/p/{row.pk}/documents/"))
    assert "accepted only until 31 Dec 2026" in page
    assert "too old on your planned submission (1 Jul 2028)" in page
    dashboard = client_for(user).get(f"/p/{row.pk}/").content.decode()
    assert "too old on your planned submission" in dashboard


def test_a_scan_is_stored_in_the_vault(owner, client_for, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    user, row = owner
    document_service.sync(user, ON)
    item = DocumentItem.objects.get(owner=user, key="xx-primary-medical-diploma")
    pdf = SimpleUploadedFile("diploma.pdf", b"%PDF-1.4\nDiploma\n%%EOF\n")
    c = client_for(user)
    page = c.get(f"/p/{row.pk}/documents/").content.decode()
    assert 'name="passphrase"' not in page and 'type="file"' not in page
    assert "unlock the vault</a> (once for this sign-in) to add scans" in page
    refused = c.post(f"/p/{row.pk}/documents/{item.pk}/", {"file": pdf}, follow=True)
    assert "there is no vault yet: make one" in refused.content.decode()
    open_vault(c)
    assert 'type="file"' in c.get(f"/p/{row.pk}/documents/").content.decode()
    pdf.seek(0)
    c.post(f"/p/{row.pk}/documents/{item.pk}/", {"file": pdf})
    assert [f.name for f in item.files.all()] == ["diploma.pdf"]


def test_the_issue_date_read_from_a_stored_letter_is_offered_not_assumed(
    owner, client_for, settings, tmp_path
):
    from tests.helpers.letters import text_pdf
    from wayhome.services import reading, vault

    settings.DATA_DIR = tmp_path
    user, row = owner
    document_service.sync(user, ON)
    good = DocumentItem.objects.get(
        owner=user, key="xx-certificate-of-good-standing-from-every-licensing-board"
    )
    letter = text_pdf(["Medical Council of Exampleland", "Date: October 1, 2026"])
    c = client_for(user)
    open_vault(c)
    c.post(
        f"/p/{row.pk}/documents/{good.pk}/",
        {"file": SimpleUploadedFile("good-standing.pdf", letter)},
    )
    opened = vault.open_vault(PASS)
    reading.read_all(user, opened, reading.unread(user), lambda _: None)
    page = c.get(f"/p/{row.pk}/documents/").content.decode()
    item = page.split("<strong>Certificate of good standing", 1)[1].split('name="issuer"', 1)[0]
    assert "(read from good-standing.pdf: check it)" in item
    assert 'value="1 Oct 2026"' in item  # as a person writes it, and the form reads it
    good.refresh_from_db()
    assert good.issued is None  # offered in the form; saved only when the physician saves
