"""Personas for the web tests: an owner with a profile, and a stranger with one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data


def make_account(username: str, example: str = "do-the-math") -> tuple[User, StoredProfile]:
    user = User.objects.create_user(username, password="correct horse battery")
    profile, _ = load_profile(example_path(example))
    row = StoredProfile.objects.create(owner=user, data=to_data(profile))
    return user, row


@pytest.fixture
def owner(db):
    return make_account("owner")


@pytest.fixture
def stranger(db):
    return make_account("stranger", "cardiology-in")


@pytest.fixture
def client_for():
    def _client(user: User) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return _client


@pytest.fixture
def full(db):
    """(client, profile pk): a signed-in client whose profile is the full test profile
    (tests/helpers/full_profile.FULL), imported as a file."""
    from tests.helpers.full_profile import imported_full

    return imported_full()
