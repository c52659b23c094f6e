"""`vault import` stores a file from disk in one pass (services/vault.py ingest_file):
format 2, its record from the same pass, files stored in format 1 found again by
their content, and a file that grows as it is read refused with nothing left behind.

(Here with the web tests because the vault's records live in the database.)
"""

from __future__ import annotations

import hashlib
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wayhome.adapters.db import store
from wayhome.adapters.db.models import VaultFile
from wayhome.adapters.vault.storage import object_version
from wayhome.services import vault as vault_service

PASS = "correct horse battery staple"


def pdf(body: bytes) -> bytes:
    return b"%PDF-1.4\n" + body + b"\n%%EOF\n"


@pytest.fixture
def vault(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return vault_service.open_vault(PASS, create=True)


@pytest.fixture
def owner(db):
    return store.local_account()


def test_a_file_of_several_chunks_is_stored_and_recorded_from_one_pass(vault, owner, tmp_path):
    data = pdf(os.urandom(3 * 1024 * 1024 + 11))
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    [result] = vault_service.import_folder(owner, vault, [path])
    assert result.status == "stored"
    record = VaultFile.objects.get()
    assert (record.size, record.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert record.media_type == "application/pdf"
    assert object_version(vault.path(record.object_id)) == 2
    assert vault.get(record.object_id) == data
    assert vault_service.check(vault).ok


def test_a_file_stored_in_format_1_is_found_again_and_both_formats_check(vault, owner, tmp_path):
    old = pdf(b"stored before format 2")
    oid = vault.object_id(old)
    nonce = os.urandom(12)
    vault.path(oid).parent.mkdir(parents=True, exist_ok=True)
    vault.path(oid).write_bytes(
        nonce + AESGCM(vault.keys.data_key).encrypt(nonce, old, oid.encode())
    )
    store.add_vault_file(owner, oid, "old.pdf", "application/pdf", len(old), "0" * 64)
    VaultFile.objects.filter(object_id=oid).update(sha256=hashlib.sha256(old).hexdigest())
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "old-again.pdf").write_bytes(old)
    (tmp_path / "docs" / "new.pdf").write_bytes(pdf(b"stored in format 2"))
    results = vault_service.import_folder(owner, vault, vault_service.files_in(tmp_path / "docs"))
    assert [(r.name, r.status) for r in results] == [
        ("new.pdf", "stored"),
        ("old-again.pdf", "duplicate"),
    ]
    assert sorted(object_version(vault.path(o)) for o in vault.ids()) == [1, 2]
    report = vault_service.check(vault)
    assert report.ok and report.checked == 2


def test_a_file_that_grows_as_it_is_read_is_refused_and_nothing_is_left(
    vault, owner, tmp_path, monkeypatch
):
    path = tmp_path / "growing.pdf"
    path.write_bytes(pdf(b"x" * 5000))
    # Small when it is looked at, larger by the time it is read.
    limits = iter([10**9, 1000, 1000])
    monkeypatch.setattr(vault_service, "max_bytes", lambda: next(limits))
    [result] = vault_service.import_folder(owner, vault, [path])
    assert result.status == "refused" and "larger than" in result.reason
    assert vault.ids() == set() and not VaultFile.objects.exists()
    assert [p for p in (tmp_path / "data").rglob(".object.*")] == []


def test_a_file_that_cannot_be_read_is_refused_and_the_import_goes_on(vault, owner, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a-folder.pdf").mkdir()  # opening it for reading fails
    (tmp_path / "docs" / "b.pdf").write_bytes(pdf(b"b"))
    paths = [tmp_path / "docs" / "a-folder.pdf", tmp_path / "docs" / "b.pdf"]
    results = vault_service.import_folder(owner, vault, paths)
    assert [r.status for r in results] == ["refused", "stored"]
