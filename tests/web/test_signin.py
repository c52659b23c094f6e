"""Local safety: sign-in, one-time links, the Host header, CSRF."""

import re

from django.contrib.auth.models import User
from django.test import Client

from wayhome.adapters.db import store


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
    assert b"has been used or is not valid" in again.content


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
