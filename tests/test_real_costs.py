"""The costs that protect a real user, checked once with their real values.

Every other test runs with a fast password hasher and a low Argon2id cost
(tests/conftest.py); these make sure the product itself keeps the strong ones.
"""

from __future__ import annotations

import importlib
import json

import pytest
from django.conf import global_settings

from tests.helpers.costs import FAST_HASHERS, LOW_KDF
from wayhome.adapters.vault import keys
from wayhome.services import backup

STRONG = {
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
}


def test_the_vault_key_costs_64_mib_and_3_passes_and_opens_only_with_its_passphrase(
    production_kdf, tmp_path
):
    assert keys.KDF == {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1}
    made = keys.create(tmp_path, "correct horse battery staple")
    record = json.loads((tmp_path / keys.KEYRING).read_text())
    assert (record["kdf"], record["time_cost"], record["memory_cost"]) == ("argon2id", 3, 65536)
    assert record["parallelism"] == 1
    assert keys.unlock(tmp_path, "correct horse battery staple") == made
    with pytest.raises(keys.WrongPassphraseError):
        keys.unlock(tmp_path, "correct horse battery stapler")


def test_backups_derive_their_key_with_the_vaults_cost():
    # One dict for both: the real cost above, and the test run's low one, reach backups.
    assert backup.KDF is keys.KDF


@pytest.mark.parametrize("module", ["wayhome.web.settings", "wayhome.adapters.db.settings"])
def test_the_products_password_hashers_start_with_a_strong_one(module):
    production = importlib.import_module(module)
    hashers = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert hashers[0] in STRONG
    assert "django.contrib.auth.hashers.MD5PasswordHasher" not in hashers


def test_only_the_test_run_is_cheap(settings):
    assert settings.PASSWORD_HASHERS == FAST_HASHERS
    assert keys.KDF == LOW_KDF
