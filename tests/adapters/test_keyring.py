"""The keyring: made once and never replaced, refused in words when damaged
(adapters/vault/keys.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
