"""A NUL character (a zero byte) typed or posted in the web app: PostgreSQL cannot store
one, nor even look one up, and SQLite kept one unseen. Each is answered the same way on
both databases, never with a server error: the fields' own checks refuse one in a value;
the setup keeps no draft of a page holding one; an id or a category holding one names
nothing (404)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from wayhome.adapters.db.models import ContactRecord, SetupDraft
from wayhome.web.forms.steps import NUL_TYPED


@pytest.fixture
def newcomer(data_dir, client_for):
    """An account with no profile yet: the setup is where it starts."""
    client = client_for(User.objects.create_user("new", password="correct horse battery"))
    client.raise_request_exception = True  # a traceback fails the test with itself
    return client


@pytest.mark.parametrize("action", ["next", "back", "add"])
@pytest.mark.parametrize(
    ("step", "typed"),
    [
        ("you", {"name": "Dr. Sam\x00 Example"}),
        ("you", {"na\x00me": "Dr. Sam Example"}),
        ("training", {"rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0", "rows-0-x": "\x00"}),
        ("date", {"return_date": "2027-06-30\x00"}),
    ],
)
def test_a_setup_page_holding_a_nul_keeps_no_draft_and_says_why(newcomer, step, typed, action):
    page = newcomer.post(f"/setup/{step}/", {**typed, "action": action})
    assert page.status_code == 422
    assert " ".join(NUL_TYPED.split()) in " ".join(page.content.decode().split())
    assert not SetupDraft.objects.exists()


def test_the_same_setup_page_without_the_nul_is_kept_as_a_draft(newcomer):
    page = newcomer.post("/setup/you/", {"name": "Dr. Sam Example", "action": "back"})
    assert page.status_code == 302
    assert SetupDraft.objects.get().answers["you"]["name"] == ["Dr. Sam Example"]


def test_a_profile_page_refuses_a_nul_in_a_field_and_saves_nothing(owner, client_for):
    user, row = owner
    client = client_for(user)
    client.raise_request_exception = True
    before = row.data
    page = client.post(f"/p/{row.pk}/profile/you/", {"name": "Dr. Sam\x00", "action": "next"})
    assert page.status_code == 422
    assert "Null characters are not allowed" in page.content.decode()
    row.refresh_from_db()
    assert row.data == before


@pytest.mark.parametrize("action", ["log", "edit", "delete"])
def test_a_contact_id_holding_a_nul_names_no_contact(owner, client_for, action):
    user, row = owner
    ContactRecord.objects.create(owner=user, contact_id="ann", data={"id": "ann", "name": "Ann"})
    client = client_for(user)
    client.raise_request_exception = True
    page = client.post(f"/p/{row.pk}/contacts/", {"action": action, "contact": "ann\x00"})
    assert page.status_code == 404
    assert ContactRecord.objects.filter(contact_id="ann").exists()


def test_a_log_category_holding_a_nul_names_no_category(owner, client_for):
    user, row = owner
    client = client_for(user)
    client.raise_request_exception = True
    assert client.get(f"/p/{row.pk}/cases/", {"category": "Hernia\x00"}).status_code == 404
    assert client.get(f"/p/{row.pk}/cases/", {"category": "Hernia"}).status_code == 200
