"""The encrypted vault: hostile uploads, encryption at rest, checks, backup and restore.

(Here with the web tests because the vault's records live in the database.)
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile, VaultFile
from wayhome.adapters.vault.keys import WrongPassphraseError
from wayhome.services import backup as backup_service
from wayhome.services import vault as vault_service

PASS = "correct horse battery staple"
PDF = b"%PDF-1.4\nThe council confirms: SECRET-PHRASE-4711.\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
EML = (
    b"From: council@example.org\r\nTo: me@example.org\r\nSubject: Your question\r\n"
    b"Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nYes, twelve years.\r\n"
)


@pytest.fixture
def vault(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path  # each test its own vault folder
    return vault_service.open_vault(PASS, create=True)


@pytest.fixture
def owner(db):
    return store.local_account()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        pytest.param("letter.pdf", PDF, "stored", "", id="pdf"),
        pytest.param("reply.eml", EML, "stored", "", id="email"),
        pytest.param("scan.pdf", PNG, "stored", "", id="wrong-extension-but-an-image"),
        pytest.param("notes.pdf", b"just some text", "refused", "not stored", id="not-a-pdf"),
        pytest.param("bundle.zip", _zip(), "refused", "archives are not stored", id="archive"),
        pytest.param("empty.pdf", b"", "refused", "the file is empty", id="empty"),
        pytest.param(
            "cut.pdf", b"%PDF-1.4\n1 0 obj", "refused", "looks cut short", id="truncated-pdf"
        ),
    ],
)
def test_each_file_is_judged_by_its_bytes(vault, owner, name, data, status, reason):
    result = vault_service.ingest(owner, vault, name, data)
    assert result.status == status
    assert reason in result.reason
    assert vault_service.check(vault).ok


def test_an_oversized_file_is_refused(vault, owner, monkeypatch):
    monkeypatch.setenv("WAYHOME_VAULT_MAX_MB", "1")
    result = vault_service.ingest(owner, vault, "big.pdf", PDF + b" " * (2 * 1024 * 1024))
    assert result.status == "refused" and "larger than 1 MB" in result.reason
    assert vault.ids() == set()


def test_a_path_in_the_name_is_dropped(vault, owner):
    result = vault_service.ingest(owner, vault, "../../etc/\x00passwd.pdf", PDF)
    assert result.name == "passwd.pdf"
    assert VaultFile.objects.get().name == "passwd.pdf"


def test_the_same_content_is_stored_once(vault, owner):
    assert vault_service.ingest(owner, vault, "a.pdf", PDF).status == "stored"
    assert vault_service.ingest(owner, vault, "b.pdf", PDF).status == "duplicate"
    assert len(vault.ids()) == 1


def test_stored_files_are_unreadable_without_the_key(vault, owner, tmp_path):
    vault_service.ingest(owner, vault, "letter.pdf", PDF)
    raw = b"".join(p.read_bytes() for p in Path(tmp_path).rglob("*") if p.is_file())
    assert b"SECRET-PHRASE-4711" not in raw
    assert b"council" not in raw
    # the names reveal nothing either: a keyed hash, not the content's plain SHA-256
    assert hashlib.sha256(PDF).hexdigest() not in {p.name for p in Path(tmp_path).rglob("*")}


def test_a_flipped_byte_is_caught(vault, owner):
    oid = vault_service.ingest(owner, vault, "letter.pdf", PDF).object_id
    path = vault.path(oid)
    blob = bytearray(path.read_bytes())
    blob[20] ^= 0x01
    path.write_bytes(bytes(blob))
    report = vault_service.check(vault)
    assert not report.ok and "does not decrypt" in report.damaged[0]


def test_orphans_and_missing_files_are_reported(vault, owner):
    kept = vault_service.ingest(owner, vault, "a.pdf", PDF).object_id
    vault.put(PNG)  # a file nothing records
    vault.delete(kept)  # a record whose file is gone
    report = vault_service.check(vault)
    assert len(report.orphans) == 1 and report.missing == [kept]


def test_a_failed_record_leaves_no_file_behind(vault, owner, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(store, "add_vault_file", broken)
    with pytest.raises(RuntimeError):
        vault_service.ingest(owner, vault, "a.pdf", PDF)
    assert vault.ids() == set()


def test_the_wrong_passphrase_opens_nothing(vault):
    with pytest.raises(WrongPassphraseError):
        vault_service.open_vault("not the passphrase")


def test_backup_and_restore_give_back_identical_content(vault, owner, settings, tmp_path):
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    profile, _ = load_profile(example_path("do-the-math"))
    StoredProfile.objects.create(owner=owner, data=to_data(profile))
    for name, data in (("letter.pdf", PDF), ("reply.eml", EML), ("scan.png", PNG)):
        vault_service.ingest(owner, vault, name, data)
    before = {oid: hashlib.sha256(vault.get(oid)).hexdigest() for oid in vault.ids()}
    records = sorted(VaultFile.objects.values_list("object_id", "name", "sha256"))
    archive = tmp_path / "backup.wbk"
    backup_service.backup(archive, PASS)
    assert b"SECRET-PHRASE-4711" not in archive.read_bytes()

    # An empty data folder: a new vault folder, and no records.
    settings.DATA_DIR = tmp_path / "elsewhere"
    StoredProfile.objects.all().delete()
    VaultFile.objects.all().delete()
    with pytest.raises(backup_service.BackupError, match="passphrase does not open"):
        backup_service.restore(archive, "wrong")
    backup_service.restore(archive, PASS)
    again = vault_service.open_vault(PASS)
    after = {oid: hashlib.sha256(again.get(oid)).hexdigest() for oid in again.ids()}
    assert after == before
    assert sorted(VaultFile.objects.values_list("object_id", "name", "sha256")) == records
    assert StoredProfile.objects.get().data == to_data(profile)
    with pytest.raises(backup_service.BackupError, match="not empty"):
        backup_service.restore(archive, PASS)


def test_delete_everything_is_one_clearly_worded_action(vault, owner, tmp_path):
    from django.test import Client

    from wayhome.adapters.db.models import Correspondence
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    profile, _ = load_profile(example_path("do-the-math"))
    StoredProfile.objects.create(owner=owner, data=to_data(profile))
    Correspondence.objects.create(owner=owner, jurisdiction="XX", question="q")
    vault_service.ingest(owner, vault, "letter.pdf", PDF)
    c = Client()
    c.force_login(owner)
    refused = c.post("/settings/", {"confirm": "yes"})
    assert (
        refused.status_code == 200
        and "Type “delete everything” to confirm" in refused.content.decode()
    )
    assert StoredProfile.objects.exists()
    done = c.post("/settings/", {"confirm": "Delete everything"})
    assert done.status_code == 302
    assert not StoredProfile.objects.exists() and not Correspondence.objects.exists()
    assert not VaultFile.objects.exists()
    assert not (tmp_path / "vault").exists()


def test_a_folder_import_refuses_an_oversized_file_without_reading_it(
    vault, owner, monkeypatch, tmp_path
):
    from pathlib import Path

    monkeypatch.setenv("WAYHOME_VAULT_MAX_MB", "1")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "big.pdf").write_bytes(PDF + b" " * (2 * 1024 * 1024))
    (docs / "small.pdf").write_bytes(PDF)
    read = []
    real = Path.open
    monkeypatch.setattr(Path, "open", lambda p, *a, **k: read.append(p.name) or real(p, *a, **k))
    results = vault_service.import_folder(owner, vault, vault_service.files_in(docs))
    assert [(r.name, r.status) for r in results] == [
        ("big.pdf", "refused"),
        ("small.pdf", "stored"),
    ]
    assert "larger than 1 MB" in results[0].reason
    assert read == ["small.pdf"]


def test_what_was_read_comes_back_from_a_backup_still_sealed(vault, owner, settings, tmp_path):
    from wayhome.adapters.db.models import FileReading
    from wayhome.adapters.profiles import example_path, load_profile, to_data
    from wayhome.services import reading, search

    profile, _ = load_profile(example_path("do-the-math"))
    StoredProfile.objects.create(owner=owner, data=to_data(profile))
    vault_service.ingest(owner, vault, "reply.eml", EML)
    reading.read_all(owner, vault, reading.unread(owner), lambda _: None)
    reading.set_facts(owner, VaultFile.objects.get().pk, {"holder": "Sam Example"})
    sealed = bytes(FileReading.objects.get().text)
    archive = tmp_path / "backup.wbk"
    backup_service.backup(archive, PASS)

    settings.DATA_DIR = tmp_path / "elsewhere"
    StoredProfile.objects.all().delete()
    VaultFile.objects.all().delete()  # its reading goes with it
    assert not FileReading.objects.exists()
    backup_service.restore(archive, PASS)
    restored = FileReading.objects.get()
    assert bytes(restored.text) == sealed and restored.confirmed == {"holder": "Sam Example"}
    found = search.search(restored.owner, "twelve years", vault_service.open_vault(PASS))
    assert [h.kind for h in found.hits if h.kind == "text"] == ["text"]
