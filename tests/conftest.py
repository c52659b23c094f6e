"""Test-wide settings. The web app's settings use a fresh data folder under pytest
(never the user's); dev.py runs the web tests a second time on PostgreSQL by
setting WAYHOME_DATABASE_URL from WAYHOME_TEST_DATABASE_URL.

Two costs that protect real users are lowered for the test run only, in this
process: Django's password hasher (MD5 instead of PBKDF2) and the Argon2id cost
of the vault's and the backups' keys. Both are changed here, never through an
environment variable the product reads, so a subprocess (the installed `wayhome`)
keeps the real ones. tests/test_real_costs.py checks the real ones, once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.costs import FAST_HASHERS, LOW_KDF

_CACHE_DIR = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """The pack cache (adapters/pack_cache.py) in a folder of this run's own, never the
    user's: set before any test module is imported (some load packs at import), and
    inherited by the `wayhome` processes tests start."""
    config.stash[_CACHE_DIR] = os.environ["WAYHOME_CACHE_DIR"] = tempfile.mkdtemp(
        prefix="wayhome-test-cache-"
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE_DIR, "")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_report_header() -> str:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    return f"wayhome data folder: {settings.DATA_DIR}; database: {engine}"


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher() -> Iterator[None]:
    # override_settings (not an assignment) so Django forgets the hashers it cached.
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True, scope="session")
def _low_kdf_cost() -> Iterator[dict[str, Any]]:
    """Lowers the cost for every test (and module-scoped fixtures); yields the real one.

    keys.KDF is the one dict that adapters/vault/keys.py and services/backup.py read.
    """
    from wayhome.adapters.vault import keys

    real = dict(keys.KDF)
    with pytest.MonkeyPatch.context() as mp:
        for name, value in LOW_KDF.items():
            mp.setitem(keys.KDF, name, value)
        yield real


@pytest.fixture
def production_kdf(_low_kdf_cost: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The vault's real Argon2id cost, for the one test that checks it."""
    from wayhome.adapters.vault import keys

    for name, value in _low_kdf_cost.items():
        monkeypatch.setitem(keys.KDF, name, value)
