"""The two networks page: import a phone's vCards, give roles, log contact, plan a visit."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.helpers.contacts import HOME_CARDS
from wayhome.services import contacts as contact_service

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)


def test_import_edit_log_visit_and_export(owner, client_for):
    user, row = owner  # home: XX
    c = client_for(user)
    page = f"/p/{row.pk}/contacts/"
    vcf = SimpleUploadedFile("phone.vcf", HOME_CARDS.encode())
    done = c.post(page, {"action": "import", "file": vcf}, follow=True).content.decode()
    assert "phone.vcf: 2 added, 0 updated." in done
    raman = contact_service.find(user, "raman")
    # In XX's terms she is abroad: give her a home country and another role.
    c.post(
        page,
        {
            "action": "edit",
            "contact": raman.id,
            "name": raman.name,
            "roles": ["dean-or-director"],
            "country": "XX",
            "institution": "Exampleland General",
            "pending": "A letter offering a post\nThe start date",
            "last_contact": "2026-01-15",
        },
    )
    raman = contact_service.find(user, "raman")
    assert [r.value for r in raman.roles] == ["dean-or-director"]
    assert raman.pending == ("A letter offering a post", "The start date")
    html = c.get(page, {"visit_from": "2026-12-20", "visit_to": "2027-01-05"}).content.decode()
    assert "<h4>Exampleland General</h4>" in html
    assert "ask about: A letter offering a post; ask about: The start date" in html
    assert "Missing at home (XX): a department head." in html
    c.post(page, {"action": "log", "contact": raman.id})
    assert contact_service.find(user, "raman").last_contact == ON
    bad = c.post(
        page, {"action": "edit", "contact": raman.id, "name": raman.name, "last_contact": "soon"}
    )
    assert bad.status_code == 400 and "Last in touch" in bad.content.decode()
    assert contact_service.find(user, "raman").last_contact == ON
    exported = c.get(f"/p/{row.pk}/contacts.vcf")
    assert exported["Content-Disposition"] == 'attachment; filename="wayhome-contacts.vcf"'
    assert b"X-WAYHOME-ROLE:dean-or-director" in exported.content


def test_a_file_that_is_not_a_vcard_is_refused_by_name(owner, client_for):
    user, row = owner
    upload = SimpleUploadedFile("notes.txt", b"just some notes")
    page = client_for(user).post(
        f"/p/{row.pk}/contacts/", {"action": "import", "file": upload}, follow=True
    )
    assert "notes.txt is not a vCard file" in page.content.decode()
