"""The keyring: made once and never replaced by another, refused in words when damaged,
opened by its recovery code too, and rewrapped whole or not at all
(adapters/vault/keys.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import keyrings
from wayhome.adapters.vault import keys

PASS = "correct horse battery staple"


def test_a_keyring_is_never_replaced(tmp_path):
    first = keys.create(tmp_path, PASS)
    before = (tmp_path / keys.KEYRING).read_bytes()
    with pytest.raises(FileExistsError):
        keys.create(tmp_path, "another passphrase")
    assert (tmp_path / keys.KEYRING).read_bytes() == before
    assert keys.unlock(tmp_path, PASS) == first


def test_two_creations_that_both_saw_no_keyring_make_one(tmp_path, monkeypatch):
    # The race of two first runs: both checked, found nothing, then create.
    monkeypatch.setattr(keys, "exists", lambda folder: False)
    first = keys.create(tmp_path, PASS)
    with pytest.raises(FileExistsError):
        keys.create(tmp_path, PASS)
    monkeypatch.undo()
    assert keys.unlock(tmp_path, PASS) == first
    assert [p.name for p in tmp_path.iterdir()] == [keys.KEYRING]  # no temporary file left


def _damage(folder: Path, how: str) -> None:
    path = folder / keys.KEYRING
    if how == "folder-in-its-place":
        path.unlink()
        path.mkdir()
        return
    record = json.loads(path.read_text())
    text = {
        "cut-short": path.read_text()[:40],
        "empty": "",
        "not-base64": json.dumps({**record, "wrapped": "***"}),
        "field-missing": json.dumps({k: v for k, v in record.items() if k != "salt"}),
        "huge-memory-cost": json.dumps({**record, "memory_cost": 2**40}),
        "not-an-object": "[1, 2]",
    }[how]
    path.write_text(text)


@pytest.mark.parametrize(
    "how",
    [
        "cut-short",
        "empty",
        "not-base64",
        "field-missing",
        "huge-memory-cost",
        "not-an-object",
        "folder-in-its-place",
    ],
)
def test_a_damaged_keyring_is_refused_in_words(tmp_path, how):
    keys.create(tmp_path, PASS)
    _damage(tmp_path, how)
    with pytest.raises(keys.KeyringDamagedError, match=r"damaged: restore keyring\.json"):
        keys.unlock(tmp_path, PASS)


def test_a_missing_keyring_says_so(tmp_path):
    with pytest.raises(keys.KeyringMissingError, match="missing: restore it from a backup"):
        keys.unlock(tmp_path, PASS)


# The recovery code: a second wrapping of the same key, and rewrapping in place.


def test_a_new_keyring_has_a_recovery_code_that_opens_it_on_its_own(tmp_path):
    made = keys.create(tmp_path, PASS)
    code = keys.recovery_code(tmp_path, made)
    assert code is not None and re.fullmatch(r"([A-Z2-7]{4}-){5}[A-Z2-7]{4}", code)
    assert keys.unlock_with_code(tmp_path, code) == made
    # As a person may type it: lower case, spaces, 0 for O, 1 for I, 8 for B.
    typed = code.replace("-", " ").lower().replace("o", "0").replace("i", "1").replace("b", "8")
    assert keys.unlock_with_code(tmp_path, typed) == made
    assert code not in (tmp_path / keys.KEYRING).read_text()  # sealed, not written out


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "that recovery code does not open this vault"),
        ("AAAA-AAAA", "a recovery code is 24 letters and digits in six groups of four"),
        ("", "a recovery code is 24 letters and digits"),
    ],
    ids=["another-code", "too-short", "empty"],
)
def test_a_wrong_recovery_code_is_refused_in_words(tmp_path, typed, said):
    keys.create(tmp_path, PASS)
    with pytest.raises(keys.WrongRecoveryCodeError, match=said):
        keys.unlock_with_code(tmp_path, typed)


def test_a_keyring_made_before_recovery_codes_keeps_opening(tmp_path):
    made = keyrings.version_1(tmp_path, PASS)
    assert keys.unlock(tmp_path, PASS) == made
    assert keys.recovery_code(tmp_path, made) is None and not keys.has_recovery_code(tmp_path)
    with pytest.raises(keys.WrongRecoveryCodeError, match="made before recovery codes"):
        keys.unlock_with_code(tmp_path, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    code = keys.rewrap(tmp_path, made, PASS)  # given a code; the passphrase stays
    assert keys.unlock(tmp_path, PASS) == made == keys.unlock_with_code(tmp_path, code)


def test_a_rewrap_changes_the_passphrase_keeps_the_code_and_leaves_nothing_else(tmp_path):
    made = keys.create(tmp_path, PASS)
    code = keys.recovery_code(tmp_path, made)
    assert keys.rewrap(tmp_path, made, "new staple horse battery correct") == code
    assert keys.unlock(tmp_path, "new staple horse battery correct") == made
    assert keys.unlock_with_code(tmp_path, code) == made
    with pytest.raises(keys.WrongPassphraseError):
        keys.unlock(tmp_path, PASS)
    assert [p.name for p in tmp_path.iterdir()] == [keys.KEYRING]  # no temporary file left


def test_a_rewrap_that_fails_midway_leaves_the_old_keyring(tmp_path, monkeypatch):
    made = keys.create(tmp_path, PASS)
    before = (tmp_path / keys.KEYRING).read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("wayhome.adapters.files.os.replace", full_disk)  # the rename
    with pytest.raises(OSError, match="No space left"):
        keys.rewrap(tmp_path, made, "new staple horse battery correct")
    assert (tmp_path / keys.KEYRING).read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [keys.KEYRING]


def test_a_rewrap_with_keys_the_keyring_does_not_hold_changes_nothing(tmp_path):
    keys.create(tmp_path, PASS)
    before = (tmp_path / keys.KEYRING).read_bytes()
    other = keys.Keys(b"\0" * 32, b"\0" * 32)
    with pytest.raises(keys.WrongPassphraseError, match="changed since it was unlocked"):
        keys.rewrap(tmp_path, other, "new staple horse battery correct")
    assert (tmp_path / keys.KEYRING).read_bytes() == before


@pytest.mark.parametrize("how", ["no-recovery-part", "short-sealed-code", "recovery-not-base64"])
def test_a_damaged_recovery_part_is_refused_in_words(tmp_path, how):
    keys.create(tmp_path, PASS)
    path = tmp_path / keys.KEYRING
    record = json.loads(path.read_text())
    if how == "no-recovery-part":
        del record["recovery"]
    elif how == "short-sealed-code":
        record["recovery_code"] = "AAAA"
    else:
        record["recovery"]["wrapped"] = "***"
    path.write_text(json.dumps(record))
    with pytest.raises(keys.KeyringDamagedError, match=r"damaged: restore keyring\.json"):
        keys.unlock(tmp_path, PASS)
