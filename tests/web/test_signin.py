"""Local safety: sign-in, one-time links that expire, password attempts limited, the
account's sessions listed and revoked, the Host header, CSRF."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests.helpers.web import open_vault
from wayhome.adapters.db import store
from wayhome.services import signin, unlocked


def test_it_sends_a_stranger_to_sign_in(db):
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/signin/"


def test_a_one_time_link_signs_in_once(db):
    user = store.local_account()
    token = store.new_sign_in_token(user)
    first = Client()
    assert first.get(f"/signin/token/?token={token}")["Location"] == "/"
    assert first.get("/")["Location"] == "/setup/you/"  # signed in: on to the setup
    again = Client().get(f"/signin/token/?token={token}", follow=True)
    assert b"has been used, is more than 15 minutes old, or is not valid" in again.content


def test_a_token_in_any_url_goes_through_the_sign_in(db):
    token = store.new_sign_in_token(store.local_account())
    response = Client().get(f"/?token={token}")
    assert response["Location"] == f"/signin/token/?token={token}"


def test_the_local_account_has_no_password_until_one_is_set(db):
    user = store.local_account()
    assert not user.has_usable_password()
    c = Client()
    c.force_login(user)
    response = c.post(
        "/password/",
        {"new_password1": "a long enough secret", "new_password2": "a long enough secret"},
    )
    assert response.status_code == 302
    signed = Client()
    response = signed.post("/signin/", {"username": "local", "password": "a long enough secret"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_wrong_password_is_refused(db):
    User.objects.create_user("local", password="a long enough secret")
    response = Client().post("/signin/", {"username": "local", "password": "guess"})
    assert response.status_code == 200
    assert b"Please enter a correct" in response.content


def test_another_host_name_is_refused(db):
    # A page elsewhere that rebinds its own name to 127.0.0.1 still sends its name.
    assert Client().get("/signin/", HTTP_HOST="evil.example").status_code == 400


def test_posts_need_the_csrf_token(owner):
    user, row = owner
    c = Client(enforce_csrf_checks=True)
    c.force_login(user)
    response = c.post(f"/p/{row.pk}/tasks/find-regulator/", {"action": "done"})
    assert response.status_code == 403


def test_static_files_are_served_from_the_package_not_a_cdn(db):
    page = Client().get("/signin/").content.decode()
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    styles = re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert scripts and styles
    for url in scripts + styles:
        assert url.startswith("/static/"), url
        assert Client().get(url).status_code == 200, url


def _signed_in(user: User) -> Client:
    """A browser signed in with a one-time link, as `wayhome serve` prints it."""
    c = Client()
    c.get(f"/signin/token/?token={signin.new_link(user)}")
    return c


def test_a_link_expires_after_15_minutes(db, monkeypatch):
    user = store.local_account()
    made = timezone.now()
    late, in_time = signin.new_link(user), signin.new_link(user)
    monkeypatch.setattr(timezone, "now", lambda: made + timedelta(minutes=15, seconds=1))
    refused = Client().get(f"/signin/token/?token={late}", follow=True).content.decode()
    assert "is more than 15 minutes old" in refused and "Run `wayhome link`" in refused
    monkeypatch.setattr(timezone, "now", lambda: made + timedelta(minutes=14, seconds=59))
    assert Client().get(f"/signin/token/?token={in_time}")["Location"] == "/"


@pytest.fixture
def with_password(db, monkeypatch):
    user = User.objects.create_user("local", password="a long enough secret")
    now = [1000.0]
    monkeypatch.setattr(signin, "_now", lambda: now[0])
    monkeypatch.setattr(signin, "_failures", {})
    return user, now


def _try(password: str, address: str = "127.0.0.1"):
    return Client(REMOTE_ADDR=address).post("/signin/", {"username": "local", "password": password})


def test_password_sign_in_pauses_after_5_wrong_passwords_and_says_for_how_long(with_password):
    _, now = with_password
    first = _try("guess 1").content.decode()
    assert "4 more wrong passwords, then password sign-in from this computer pauses" in first
    for n in range(2, 6):
        now[0] += 60
        last = _try(f"guess {n}")
    assert "Password sign-in from this computer is now paused for 15 minutes." in (
        last.content.decode()
    )
    paused = _try("a long enough secret")  # the right one is not even checked
    assert paused.status_code == 429
    assert "Password sign-in is paused here for 11 more minutes" in paused.content.decode()
    assert _try("a long enough secret", address="127.0.0.2").status_code == 302  # another
    now[0] += 10 * 60
    assert "paused here for 1 more minute;" in _try("a long enough secret").content.decode()
    now[0] += 60  # the first failure is 15 minutes old: four remain, one try is allowed
    assert _try("a long enough secret").status_code == 302


@pytest.mark.usefixtures("with_password")
def test_a_right_password_clears_the_count():
    for n in range(4):
        _try(f"guess {n}")
    assert _try("a long enough secret").status_code == 302
    assert "4 more wrong passwords" in _try("guess again").content.decode()


def test_the_account_page_lists_the_sessions_and_signs_one_out(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    user = store.local_account()
    here, there = _signed_in(user), _signed_in(user)
    open_vault(there)
    page = here.get("/account/").content.decode()
    assert page.count("Sign it out") == 1 and "This one" in page and "Another browser" in page
    assert here.session.session_key not in page and there.session.session_key not in page
    [other] = [s for s in signin.sessions(user, here.session.session_key) if not s.current]
    assert other.since is not None and other.seen is not None
    here.post("/account/", {"action": "revoke", "session_ref": other.ref})
    assert there.get("/")["Location"] == "/signin/"  # signed out
    assert unlocked.for_owner(user.pk) is None  # and its vault locked
    assert here.get("/")["Location"] != "/signin/"  # this one stays


def test_every_other_session_is_signed_out_at_once(db):
    user = store.local_account()
    here, others = _signed_in(user), [_signed_in(user) for _ in range(3)]
    done = here.post("/account/", {"action": "revoke-others"}, follow=True).content.decode()
    assert "Signed out 3 other sessions; this one stays." in done
    assert all(c.get("/")["Location"] == "/signin/" for c in others)
    assert [s.current for s in signin.sessions(user, here.session.session_key)] == [True]


def test_another_accounts_sessions_are_neither_listed_nor_ended(db):
    mine = _signed_in(store.local_account())
    theirs = _signed_in(User.objects.create_user("other"))
    their_ref = signin.ref(theirs.session.session_key)
    assert their_ref not in mine.get("/account/").content.decode()
    refused = mine.post(
        "/account/", {"action": "revoke", "session_ref": their_ref}, follow=True
    ).content.decode()
    assert "That session has ended already" in refused
    assert theirs.get("/")["Location"] != "/signin/"


def test_last_seen_is_recorded_at_most_once_a_minute(db, monkeypatch):
    c = _signed_in(store.local_account())
    key = c.session.session_key
    first = Session.objects.get(pk=key).get_decoded()[signin.SEEN]
    c.get("/account/")
    assert Session.objects.get(pk=key).get_decoded()[signin.SEEN] == first
    later = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    c.get("/account/")
    assert Session.objects.get(pk=key).get_decoded()[signin.SEEN] == later.isoformat()
