"""Backups: format version 3 streamed in sealed chunks under a key from one Argon2id
derivation, versions 2 and 1 still restored, the passphrase checked before anything is
written, nothing left behind, a restore all or nothing (services/backup.py,
adapters/vault/archive.py).

(Here with the web tests because backups hold the database: they run on PostgreSQL too.)
"""

from __future__ import annotations

import hashlib
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from tests.helpers import backup_v1, backup_v2
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile, VaultFile
from wayhome.adapters.vault.archive import MAGIC
from wayhome.adapters.vault.stream import TAG
from wayhome.services import backup as backup_service
from wayhome.services import vault as vault_service

PASS = "correct horse battery staple"
CHUNK = 4096


def pdf(text: str) -> bytes:
    return b"%PDF-1.4\n" + text.encode() + b"\n%%EOF\n"


@pytest.fixture
def data(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def stored(data):
    """A profile and three stored files; returns each stored file's content hash."""
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    owner = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    StoredProfile.objects.create(owner=owner, data=to_data(profile))
    vault = vault_service.open_vault(PASS, create=True)
    for i in range(3):
        vault_service.ingest(owner, vault, f"letter-{i}.pdf", pdf(f"letter {i} " * 2000))
    return _contents()


def _contents() -> dict[str, str]:
    vault = vault_service.open_vault(PASS)
    return {oid: hashlib.sha256(vault.get(oid)).hexdigest() for oid in vault.ids()}


def _empty_folder(settings, tmp_path, name: str = "elsewhere") -> Path:
    """Point the data folder at a new one and empty the database (the test's own)."""
    settings.DATA_DIR = tmp_path / name
    StoredProfile.objects.all().delete()
    VaultFile.objects.all().delete()
    return settings.DATA_DIR


def _leftovers(folder: Path) -> list[str]:
    """What is in the temporary area but this process's own (empty) folder and locks."""
    tmp = folder / "tmp"
    if not tmp.is_dir():
        return []
    return sorted(str(p.relative_to(tmp)) for p in tmp.glob("*/*"))


def _header_and_chunks(archive: Path) -> tuple[bytes, list[bytes]]:
    raw = archive.read_bytes()
    end = raw.index(b"\n", len(MAGIC)) + 1
    body, step = raw[end:], CHUNK + TAG
    return raw[:end], [body[i : i + step] for i in range(0, len(body), step)]


def test_version_3_round_trips_in_many_chunks(stored, settings, tmp_path):
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS, chunk_size=CHUNK)
    header, chunks = _header_and_chunks(archive)
    fields = json.loads(header[len(MAGIC) :])
    assert (fields["version"], fields["chunk_size"], fields["kdf"]) == (3, CHUNK, "argon2id")
    assert fields["key"] == "hkdf-sha256"
    assert len(chunks) > 10
    _empty_folder(settings, tmp_path)
    backup_service.restore(archive, PASS)
    assert _contents() == stored
    assert StoredProfile.objects.count() == 1 and VaultFile.objects.count() == 3
    assert _leftovers(settings.DATA_DIR) == []


def test_a_version_1_backup_still_restores(stored, data, settings, tmp_path):
    archive = tmp_path / "old.wbk"
    backup_v1.write(archive, PASS, data / "vault")
    _empty_folder(settings, tmp_path)
    with pytest.raises(backup_service.BackupError, match="passphrase does not open"):
        backup_service.restore(archive, "wrong")
    backup_service.restore(archive, PASS)
    assert _contents() == stored and VaultFile.objects.count() == 3


def _swap_two(header: bytes, chunks: list[bytes]) -> bytes:
    return header + b"".join([chunks[1], chunks[0], *chunks[2:]])


def _weaker_header(header: bytes, chunks: list[bytes]) -> bytes:
    fields = json.loads(header[len(MAGIC) :])
    fields["time_cost"] += 1  # another derivation: refused like a damaged chunk
    return MAGIC + json.dumps(fields, sort_keys=True).encode() + b"\n" + b"".join(chunks)


def _spliced(other: Path) -> object:
    def splice(header: bytes, chunks: list[bytes]) -> bytes:
        _, theirs = _header_and_chunks(other)
        return header + b"".join([chunks[0], theirs[1], *chunks[2:]])

    return splice


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda h, c: h + b"".join(c[:-1]), id="cut-at-a-chunk-boundary"),
        pytest.param(lambda h, c: h + b"".join(c)[:-100], id="cut-inside-a-chunk"),
        pytest.param(_swap_two, id="chunks-reordered"),
        pytest.param(lambda h, c: h + b"".join(c) + c[3], id="a-chunk-added"),
        pytest.param(_weaker_header, id="header-altered"),
        pytest.param("splice", id="a-chunk-from-another-backup"),
    ],
)
def test_a_damaged_backup_is_refused_and_the_folder_stays_empty(stored, settings, tmp_path, damage):
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS, chunk_size=CHUNK)
    if damage == "splice":
        other = tmp_path / "other.wbk"
        backup_service.backup(other, PASS, chunk_size=CHUNK)
        damage = _spliced(other)
    archive.write_bytes(damage(*_header_and_chunks(archive)))
    folder = _empty_folder(settings, tmp_path)
    with pytest.raises(backup_service.BackupError, match="or the file is damaged"):
        backup_service.restore(archive, PASS)
    assert not store.has_any_data() and not (folder / "vault").exists()
    assert _leftovers(folder) == []


def test_a_wrong_passphrase_writes_nothing_and_is_not_repeated(stored, data, tmp_path):
    archive = tmp_path / "all.wbk"
    secret = "a wrong passphrase 4711"
    with pytest.raises(backup_service.BackupError) as refused:
        backup_service.backup(archive, secret)
    assert "does not open your vault" in str(refused.value) and secret not in str(refused.value)
    assert "Nothing was written" in str(refused.value)
    assert not archive.exists() and _leftovers(data) == []


def test_a_failed_backup_leaves_the_previous_one_and_nothing_else(
    stored, data, tmp_path, monkeypatch
):
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS)
    previous = archive.read_bytes()
    for error in (OSError("the disk is full"), KeyboardInterrupt()):

        def fail(tar, error=error):
            raise error

        monkeypatch.setattr(backup_service, "_add_vault", fail)
        with pytest.raises(type(error)):
            backup_service.backup(archive, PASS)
        assert archive.read_bytes() == previous
        assert sorted(p.name for p in tmp_path.iterdir()) == ["all.wbk", "data"]
        assert _leftovers(data) == []


def test_backup_and_restore_run_in_constant_memory(data, settings, tmp_path):
    owner = store.local_account()
    vault = vault_service.open_vault(PASS, create=True)
    for i in range(3):  # 24 MB stored; version 1 held three times that in memory
        vault_service.ingest(owner, vault, f"scan-{i}.pdf", pdf(os.urandom(4 * 2**20).hex()))
    archive = tmp_path / "all.wbk"
    tracemalloc.start()
    try:
        backup_service.backup(archive, PASS)
        _, backup_peak = tracemalloc.get_traced_memory()
        _empty_folder(settings, tmp_path)
        tracemalloc.reset_peak()
        backup_service.restore(archive, PASS)
        _, restore_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert archive.stat().st_size > 24 * 2**20
    assert backup_peak < 8 * 2**20 and restore_peak < 8 * 2**20, (backup_peak, restore_peak)
    assert VaultFile.objects.count() == 3


def test_a_failed_restore_leaves_the_folder_empty(stored, settings, tmp_path, monkeypatch):
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS)
    folder = _empty_folder(settings, tmp_path)

    def broken(database):
        from wayhome.adapters.db.models import Correspondence

        Correspondence.objects.create(owner=store.local_account(), jurisdiction="XX")
        raise RuntimeError("the database went away")

    monkeypatch.setattr(backup_service, "_loaddata", broken)
    with pytest.raises(RuntimeError):
        backup_service.restore(archive, PASS)
    assert not store.has_any_data() and not (folder / "vault").exists()
    assert _leftovers(folder) == []


def test_what_an_interrupted_restore_left_is_replaced_by_the_next(stored, settings, tmp_path):
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS)
    folder = _empty_folder(settings, tmp_path)
    # Killed after moving the vault in, before the database committed: the marker stays.
    (folder / "vault" / "objects").mkdir(parents=True)
    (folder / "vault" / backup_service.RESTORING).touch()
    backup_service.restore(archive, PASS)
    assert _contents() == stored
    assert not (folder / "vault" / backup_service.RESTORING).exists()


def test_a_vault_without_the_marker_is_never_replaced(stored, settings, tmp_path):
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS)
    folder = _empty_folder(settings, tmp_path)
    (folder / "vault").mkdir(parents=True)
    (folder / "vault" / "keyring.json").write_text("{}")
    with pytest.raises(backup_service.BackupError, match="already has a vault"):
        backup_service.restore(archive, PASS)
    assert (folder / "vault" / "keyring.json").read_text() == "{}"


NEW = "violet harbour mortgage eleven tractor"


@pytest.fixture
def derivations(monkeypatch):
    """The salt of every Argon2id derivation made from here on (each one counted)."""
    from wayhome.adapters.vault import keys

    salts: list[bytes] = []
    real = keys.hash_secret_raw

    def counted(secret, salt, **kwargs):
        salts.append(salt)
        return real(secret, salt, **kwargs)

    monkeypatch.setattr(keys, "hash_secret_raw", counted)
    return salts


def _fields(archive: Path) -> dict:
    header, _ = _header_and_chunks(archive)
    return json.loads(header[len(MAGIC) :])


def _keyring_salt(data: Path) -> str:
    return json.loads((data / "vault" / "keyring.json").read_text())["salt"]


def test_a_backup_derives_once_and_a_restore_once(stored, data, settings, tmp_path, derivations):
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS, chunk_size=CHUNK)
    # The one derivation opened the keyring (the passphrase checked) and gave the key.
    assert len(derivations) == 1
    fields = _fields(archive)
    assert fields["salt"] == _keyring_salt(data)
    again = tmp_path / "again.wbk"
    backup_service.backup(again, PASS, chunk_size=CHUNK)
    assert len(derivations) == 2
    assert _fields(again)["hkdf_salt"] != fields["hkdf_salt"]  # each backup its own key
    assert archive.read_bytes()[-200:] != again.read_bytes()[-200:]
    _empty_folder(settings, tmp_path)
    backup_service.restore(archive, PASS)
    assert len(derivations) == 3
    assert _contents() == stored


def test_a_wrong_passphrase_at_a_restore_writes_nothing(stored, settings, tmp_path, derivations):
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS, chunk_size=CHUNK)
    folder = _empty_folder(settings, tmp_path)
    with pytest.raises(backup_service.BackupError, match="passphrase does not open"):
        backup_service.restore(archive, "a wrong passphrase 4711")
    assert len(derivations) == 2  # the backup's, and the restore's
    assert not store.has_any_data() and not (folder / "vault").exists()
    assert _leftovers(folder) == []


def test_a_version_2_backup_still_restores(stored, data, settings, tmp_path):
    made_now, archive = tmp_path / "now.wbk", tmp_path / "v2.wbk"
    backup_service.backup(made_now, PASS)
    backup_v2.write(archive, PASS, made_now, chunk_size=CHUNK)
    assert _fields(archive)["version"] == 2 and "hkdf_salt" not in _fields(archive)
    _empty_folder(settings, tmp_path)
    with pytest.raises(backup_service.BackupError, match="passphrase does not open"):
        backup_service.restore(archive, "wrong")
    backup_service.restore(archive, PASS)
    assert _contents() == stored and VaultFile.objects.count() == 3


def test_a_backup_opens_with_the_passphrase_it_was_made_with(stored, data, settings, tmp_path):
    from wayhome.adapters.vault import keys
    from wayhome.services import passphrase

    before = tmp_path / "before.wbk"
    backup_service.backup(before, PASS)
    code = keys.recovery_code(data / "vault", keys.unlock(data / "vault", PASS))
    passphrase.set_new(PASS, NEW, NEW)  # a new salt in the keyring
    after = tmp_path / "after.wbk"
    backup_service.backup(after, NEW)
    # The passphrase forgotten, the vault opened with its recovery code and given a third.
    third = "quiet lantern orchard seventy velvet"
    passphrase.set_new(code, third, third, recovery=True)
    latest = tmp_path / "latest.wbk"
    backup_service.backup(latest, third)
    salts = {_fields(a)["salt"] for a in (before, after, latest)}
    assert len(salts) == 3 and _fields(latest)["salt"] == _keyring_salt(data)
    for archive, secret, others in (
        (before, PASS, (NEW, third)),
        (after, NEW, (PASS,)),
        (latest, third, (NEW,)),
    ):
        folder = _empty_folder(settings, tmp_path, f"restored-{archive.stem}")
        for other in others:
            with pytest.raises(backup_service.BackupError, match="passphrase does not open"):
                backup_service.restore(archive, other)
        backup_service.restore(archive, secret)
        assert keys.unlock(folder / "vault", secret)
    assert _contents_with(third) == stored


def _contents_with(secret: str) -> dict[str, str]:
    vault = vault_service.open_vault(secret)
    return {oid: hashlib.sha256(vault.get(oid)).hexdigest() for oid in vault.ids()}


def test_without_a_vault_a_backup_derives_once_with_a_fresh_salt(
    data, settings, tmp_path, derivations
):
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    owner = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    StoredProfile.objects.create(owner=owner, data=to_data(profile))
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS)
    assert len(derivations) == 1 and _fields(archive)["version"] == 3
    _empty_folder(settings, tmp_path)
    backup_service.restore(archive, PASS)
    assert StoredProfile.objects.count() == 1 and len(derivations) == 2


def test_a_keyring_below_todays_cost_is_not_reused(
    stored, data, tmp_path, derivations, monkeypatch
):
    from wayhome.adapters.vault import keys

    monkeypatch.setitem(keys.KDF, "time_cost", keys.KDF["time_cost"] + 1)  # a dearer cost now
    archive = tmp_path / "all.wbk"
    backup_service.backup(archive, PASS)
    # The keyring's derivation checked the passphrase; the key got one at today's cost.
    assert len(derivations) == 2
    fields = _fields(archive)
    assert fields["time_cost"] == keys.KDF["time_cost"]
    assert fields["salt"] != _keyring_salt(data)
