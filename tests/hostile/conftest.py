"""A fresh data folder for the hostile-input tests that store things, and the owner
persona (an account with the do-the-math profile) for those that go through the web."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data


@pytest.fixture
def data_dir(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def owner(data_dir):
    user = User.objects.create_user("owner", password="correct horse battery")
    profile, _ = load_profile(example_path("do-the-math"))
    return user, StoredProfile.objects.create(owner=user, data=to_data(profile))


@pytest.fixture
def client_for():
    def _client(user: User) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return _client


@pytest.fixture(autouse=True, scope="session")
def _hang_reports_reach_the_terminal(pytestconfig):
    """A hang that only faulthandler can end (tests/helpers/hostile_input.hard_limit) is
    reported on the terminal pytest kept, not in the capture that dies with the run."""
    from tests.helpers import hostile_input

    try:
        from _pytest.faulthandler import fault_handler_stderr_fd_key

        hostile_input.REPORT_FD[0] = pytestconfig.stash[fault_handler_stderr_fd_key]
    except (ImportError, KeyError):  # pytest's faulthandler plugin is off: stderr it is
        pass
