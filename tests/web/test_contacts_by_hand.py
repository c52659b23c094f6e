"""Contacts typed in by hand: added, edited (the role corrected) and deleted; bad input
refused beside its field with what was typed kept; another account's contact is 404."""

from datetime import date

import pytest
from django.utils import timezone

from wayhome.services import contacts as contact_service

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)


def _page(row):
    return f"/p/{row.pk}/contacts/"


def _error_of(html: str, name: str) -> str:
    """The errors shown in the box of the field ``name``."""
    box = html.split(f'name="{name}"', 1)[1].split('<div class="field', 1)[0]
    return box.split('class="errorlist', 1)[1].split("</ul>", 1)[0] if "errorlist" in box else ""


def test_a_contact_added_by_hand_takes_the_role_its_title_suggests(owner, client_for):
    user, row = owner
    c = client_for(user)
    done = c.post(
        _page(row),
        {
            "action": "add",
            "name": "Dr. Meera Iyer",
            "title": "Chair, Department of Cardiology",
            "institution": "AIIMS New Delhi",
            "country": "in",
            "email": "meera.iyer@aiims.example",
            "last_contact": "30 Jun 2026",
        },
        follow=True,
    ).content.decode()
    assert "Dr. Meera Iyer added, as department head." in done
    [meera] = contact_service.contacts(user)
    assert meera.roles == (contact_service.ContactRole.DEPARTMENT_HEAD,)
    assert (meera.country, meera.emails, meera.last_contact) == (
        "IN",
        ("meera.iyer@aiims.example",),
        date(2026, 6, 30),
    )
    assert "(from the job title: correct it below if it is wrong)" in done


def test_a_bad_email_or_date_is_refused_beside_its_field_and_nothing_is_stored(owner, client_for):
    user, row = owner
    c = client_for(user)
    bad = {
        "action": "add",
        "name": "Dr. Tom Hale",
        "email": "tom.hale at mercy",
        "last_contact": "03/06/2026",
        "country": "USA",
    }
    response = c.post(_page(row), bad)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Not an email address: write it like name@hospital.org" in _error_of(html, "email")
    assert "it could be 3 Jun 2026 or 6 Mar 2026" in _error_of(html, "last_contact")
    assert "&#x27;USA&#x27; is not a two-letter country code" in _error_of(html, "country")
    assert 'value="tom.hale at mercy"' in html  # what was typed, kept
    assert contact_service.contacts(user) == []
    future = c.post(
        _page(row), {"action": "add", "name": "Dr. Tom Hale", "last_contact": "1 Jan 2027"}
    )
    assert "1 Jan 2027 is still to come" in _error_of(future.content.decode(), "last_contact")
    nameless = c.post(_page(row), {"action": "add", "name": "  "})
    assert "Give the person&#x27;s name" in _error_of(nameless.content.decode(), "name")
    assert contact_service.contacts(user) == []


def test_a_contact_is_edited_its_role_corrected_then_deleted(owner, client_for):
    user, row = owner
    c = client_for(user)
    c.post(_page(row), {"action": "add", "name": "Dr. Tom Hale", "title": "Program Director"})
    [tom] = contact_service.contacts(user)
    assert [r.value for r in tom.roles] == ["programme-director"]
    # The person knows better: he is their mentor, and writes from another address.
    saved = c.post(
        _page(row),
        {
            "action": "edit",
            "contact": tom.id,
            "name": "Dr. Thomas Hale",
            "title": "Program Director",
            "roles": ["us-mentor", "letter-writer"],
            "email": "t.hale@mercy.example",
            "country": "US",
        },
        follow=True,
    ).content.decode()
    assert "Dr. Thomas Hale saved, as US mentor and letter writer." in saved
    [tom] = contact_service.contacts(user)
    assert [r.value for r in tom.roles] == ["us-mentor", "letter-writer"]
    assert tom.emails == ("t.hale@mercy.example",) and tom.name == "Dr. Thomas Hale"
    refused = c.post(
        _page(row), {"action": "edit", "contact": tom.id, "name": "Dr. Thomas Hale", "email": "x@"}
    )
    assert refused.status_code == 400
    edit_form = refused.content.decode().split('value="edit"', 1)[1]
    assert "Not an email address" in _error_of(edit_form, "email")
    assert 'value="x@"' in edit_form  # kept as typed, in that contact's own form
    assert contact_service.contacts(user)[0].emails == ("t.hale@mercy.example",)
    gone = c.post(_page(row), {"action": "delete", "contact": tom.id}, follow=True)
    assert "Dr. Thomas Hale deleted." in gone.content.decode()
    assert contact_service.contacts(user) == []


def test_another_accounts_contact_is_404_for_every_action(owner, stranger, client_for):
    user, row = owner
    other, _ = stranger
    contact_service.add(other, "Dr. Not Yours", title="Dean")
    [theirs_contact] = contact_service.contacts(other)
    c = client_for(user)
    for action in ("edit", "delete", "log"):
        data = {"action": action, "contact": theirs_contact.id, "name": "Taken"}
        assert c.post(_page(row), data).status_code == 404, action
    assert c.post(_page(row), {"action": "delete", "contact": "no-such-id"}).status_code == 404
    assert [p.name for p in contact_service.contacts(other)] == ["Dr. Not Yours"]


def test_a_role_set_by_hand_survives_a_reimport_of_the_phones_card(owner, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user, row = owner
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:meera-1\r\nFN:Dr. Meera Iyer\r\n"
        "TITLE:Chair\r\nEND:VCARD\r\n"
    )
    c = client_for(user)
    c.post(_page(row), {"action": "import", "file": SimpleUploadedFile("a.vcf", card.encode())})
    [meera] = contact_service.contacts(user)
    assert [r.value for r in meera.roles] == ["department-head"]
    c.post(
        _page(row),
        {
            "action": "edit",
            "contact": "meera-1",
            "name": meera.name,
            "title": "Chair",
            "roles": ["dean-or-director"],
        },
    )
    c.post(_page(row), {"action": "import", "file": SimpleUploadedFile("a.vcf", card.encode())})
    [meera] = contact_service.contacts(user)
    assert [r.value for r in meera.roles] == ["dean-or-director"]


def test_a_home_visit_with_a_day_not_understood_says_why(owner, client_for):
    user, row = owner
    page = client_for(user).get(_page(row), {"visit_from": "20/12/2026", "visit_to": "5 Jan 2027"})
    assert "No visit planned: From: &#x27;20/12/2026&#x27; is not a date" in page.content.decode()
