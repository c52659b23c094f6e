"""A damaged vault reported, not crashed on; orphans repaired and recorded; a vault
without its keyring never given a new one (services/vault.py).

(Here with the web tests because the vault's records live in the database.)
"""

from __future__ import annotations

import pytest

from wayhome.adapters.db import store
from wayhome.adapters.db.models import VaultFile
from wayhome.adapters.vault import keys
from wayhome.services import vault as vault_service

PASS = "correct horse battery staple"


def pdf(text: str) -> bytes:
    return b"%PDF-1.4\n" + text.encode() + b"\n%%EOF\n"


@pytest.fixture
def vault(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return vault_service.open_vault(PASS, create=True)


@pytest.fixture
def owner(db):
    return store.local_account()


def test_a_vault_with_files_but_no_keyring_is_never_given_a_new_one(vault, owner, tmp_path):
    vault_service.ingest(owner, vault, "a.pdf", pdf("a"))
    (tmp_path / "vault" / keys.KEYRING).unlink()
    for create in (True, False):
        with pytest.raises(keys.KeyringMissingError, match=r"Restore keyring\.json from a backup"):
            vault_service.open_vault(PASS, create=create)
    assert not (tmp_path / "vault" / keys.KEYRING).exists()


def test_records_alone_are_enough_to_refuse_a_new_keyring(vault, owner, tmp_path):
    oid = vault_service.ingest(owner, vault, "a.pdf", pdf("a")).object_id
    vault.path(oid).unlink()
    (tmp_path / "vault" / keys.KEYRING).unlink()
    with pytest.raises(keys.KeyringMissingError, match="holds 1 stored file but"):
        vault_service.open_vault(PASS, create=True)


def test_a_new_data_folder_still_gets_its_keyring(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    vault_service.open_vault(PASS, create=True)
    assert (tmp_path / "vault" / keys.KEYRING).is_file()


def test_check_reports_a_file_cut_short_and_a_folder_in_its_place_and_goes_on(vault, owner):
    cut, folder, _whole = (
        vault_service.ingest(owner, vault, f"{n}.pdf", pdf(n)).object_id
        for n in ("cut", "folder", "whole")
    )
    vault.path(cut).write_bytes(b"\x00" * 5)
    vault.path(folder).unlink()
    vault.path(folder).mkdir()
    report = vault_service.check(vault)
    assert report.checked == 3 and not report.ok
    assert sorted(report.damaged) == sorted(
        [f"{cut[:12]}… is cut short (5 bytes)", f"{folder[:12]}… is a folder, not a stored file"]
    )


def test_check_without_a_keyring_still_finds_missing_files_and_orphans(vault, owner):
    kept = vault_service.ingest(owner, vault, "a.pdf", pdf("a")).object_id
    vault.put(pdf("orphan"))
    vault.delete(kept)
    report = vault_service.check(None, "the keyring is damaged")
    assert report.missing == [kept] and len(report.orphans) == 1
    assert report.keyring == "the keyring is damaged" and not report.ok


def test_repair_removes_orphans_only_and_records_each(vault, owner, tmp_path):
    kept = vault_service.ingest(owner, vault, "a.pdf", pdf("a")).object_id
    orphan, _ = vault.put(pdf("an orphan"))
    folder_orphan = "f" * 64
    vault.path(folder_orphan).mkdir(parents=True)
    stray = tmp_path / "vault" / "objects" / "zz" / "not-ours"
    stray.parent.mkdir()
    stray.write_text("someone's file")
    done = vault_service.repair()
    assert sorted(done.removed) == sorted([orphan, folder_orphan]) and done.left == ["not-ours"]
    assert vault.has(kept) and not vault.path(orphan).exists() and stray.exists()
    log = done.log.read_text()
    assert f"removed orphan {orphan}" in log and f"removed orphan {folder_orphan}" in log
    assert vault_service.check(vault).orphans == ["not-ours"]
    assert VaultFile.objects.count() == 1
