"""The passphrase policy both shells call (services/passphrase.py): typed twice, scored
at least 3 of 4 by zxcvbn, each refusal saying why and what to do; a vault made with a
recovery code; a vault made with an empty passphrase given a new one, rewrapped and
never re-encrypted."""

from __future__ import annotations

import pytest

from tests.helpers import keyrings
from wayhome.adapters.vault import keys
from wayhome.services import passphrase
from wayhome.services import vault as vault_service

STRONG = "correct horse battery staple"  # zxcvbn: 4 of 4


@pytest.fixture
def folder(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path / "vault"


@pytest.mark.parametrize(
    ("typed", "again", "said"),
    [
        ("", "", "Choose a passphrase: the vault is never made without one."),
        (STRONG, STRONG + " ", "The two passphrases differ: type the same passphrase in both"),
        ("password123", "password123", "scores 0 of 4, and 3 is needed. This is a very common"),
        ("Summer2024!", "Summer2024!", "similar to a commonly used password"),
        ("abcdefgh", "abcdefgh", "Sequences like"),
        ("something else", "something else", "scores 2 of 4"),
        ("x" * 1025, "x" * 1025, "longer than 1,024 characters"),
    ],
    ids=["empty", "differ", "common", "common-with-year", "sequence", "two-words", "too-long"],
)
def test_it_refuses_a_passphrase_with_the_reason(typed, again, said):
    with pytest.raises(passphrase.PassphraseError, match=said) as refused:
        passphrase.check(typed, again)
    if "scores" in said:  # and what to do
        assert passphrase.ADVICE in str(refused.value)


@pytest.mark.parametrize(
    "typed",
    [STRONG, "Tr0ub4dor&3-lighthouse", "a passphrase long enough " * 8],
    ids=["four-words", "mixed", "over-100-characters"],
)
def test_it_takes_a_passphrase_zxcvbn_scores_3_or_more(typed):
    passphrase.check(typed, typed)


def test_a_vault_is_made_once_with_its_recovery_code(folder):
    made = passphrase.create(STRONG, STRONG)
    assert keys.unlock_with_code(folder, made.recovery_code) == made.vault.keys
    assert passphrase.recovery_code(made.vault) == made.recovery_code
    with pytest.raises(passphrase.VaultExistsError, match="unlock it with its passphrase"):
        passphrase.create(STRONG, STRONG)


def test_a_weak_passphrase_makes_no_vault(folder):
    with pytest.raises(passphrase.PassphraseError):
        passphrase.create("password123", "password123")
    assert not keys.exists(folder)


def test_a_vault_made_with_an_empty_passphrase_is_rewrapped_not_reencrypted(folder):
    old = keyrings.version_1(folder, "")
    vault = vault_service._vault(old)
    oid, _ = vault.put(b"%PDF-1.4\nA letter.\n%%EOF\n")
    stored = vault.path(oid).read_bytes()
    assert passphrase.needs_new_passphrase()
    with pytest.raises(passphrase.PassphraseError, match="too easy to guess"):
        passphrase.set_new("", "password123", "password123")
    assert passphrase.needs_new_passphrase()  # nothing changed
    done = passphrase.set_new("", STRONG, STRONG)
    assert not passphrase.needs_new_passphrase()
    assert vault.path(oid).read_bytes() == stored  # the file is not touched
    assert vault_service.open_vault(STRONG).get(oid) == b"%PDF-1.4\nA letter.\n%%EOF\n"
    assert keys.unlock_with_code(folder, done.recovery_code) == old
    with pytest.raises(keys.WrongPassphraseError):
        keys.unlock(folder, "")


def test_the_recovery_code_sets_a_new_passphrase_and_stays_the_same(folder):
    made = passphrase.create(STRONG, STRONG)
    again = passphrase.set_new(
        made.recovery_code.lower(),
        "lighthouse orbit cactus marmalade",
        "lighthouse orbit cactus marmalade",
        recovery=True,
    )
    assert again.recovery_code == made.recovery_code
    assert keys.unlock(folder, "lighthouse orbit cactus marmalade") == made.vault.keys
    with pytest.raises(keys.WrongRecoveryCodeError, match="does not open this vault"):
        passphrase.set_new("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", STRONG, STRONG, recovery=True)


def test_a_keyring_made_before_recovery_codes_is_given_one_with_its_passphrase(folder):
    old = keyrings.version_1(folder, "an old weak one")
    assert not passphrase.needs_new_passphrase() and not passphrase.has_recovery_code()
    with pytest.raises(keys.WrongPassphraseError):
        passphrase.add_recovery_code("not it")
    given = passphrase.add_recovery_code("an old weak one")
    assert keys.unlock(folder, "an old weak one") == old  # the passphrase stays
    assert keys.unlock_with_code(folder, given.recovery_code) == old
    assert passphrase.add_recovery_code("an old weak one").recovery_code == given.recovery_code
