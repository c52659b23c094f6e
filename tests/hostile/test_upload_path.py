"""Item 13, the upload path: whatever bytes and name an upload carries (a path out of
the folder, a NUL, a very long name, bidi controls), the vault stores the file under a
safe name or refuses it in words, and after a refusal nothing is half-written: no
stored object, no record, no file left in the data folder's temporary area. The
importers' temporary copy of an upload stays inside that area, whatever its name.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.helpers.hostile_input import (
    BIDI,
    bounded,
    file_names,
    files_under,
    hard_limit,
    hostile_bytes,
    left_in_tmp,
    tables,
)
from tests.helpers.web import PASS
from wayhome.adapters.db.models import Correspondence, DocumentItem, VaultFile
from wayhome.services import correspondence, documents, uploads, vault_access
from wayhome.services import vault as vault_service

SESSION = "hostile-upload-session"
WHERE = ("a checklist item", "a question to a regulator", "the vault alone")


@pytest.fixture
def unlocked(owner, data_dir):
    """The owner's vault, made and unlocked for one session, and what uploads attach to."""
    user, _ = owner
    vault_access.create(user, SESSION, PASS, PASS)
    item = DocumentItem.objects.create(owner=user, key="xx-diploma", name="Diploma")
    question = Correspondence.objects.create(owner=user, jurisdiction="XX", question="Is it?")
    return user, item, question


def _put(user, where, item, question, name, data):
    def put(vault):
        if where == WHERE[0]:
            return documents.attach(user, item, vault, name, data)
        if where == WHERE[1]:
            return correspondence.attach(user, question, vault, name, data)
        return vault_service.ingest(user, vault, name, data)

    return vault_access.store(user, SESSION, put)


def _is_safe(shown: str) -> bool:
    return (
        bool(shown)
        and len(shown) <= 120
        and not {"/", "\\", "\x00"} & set(shown)
        and not shown.startswith(".")
        and all(unicodedata.category(ch)[0] != "C" for ch in shown)
    )


@given(name=file_names(), data=hostile_bytes(), where=st.sampled_from(WHERE))
@example(name="../../etc/passwd", data=b"%PDF-1.4\n%%EOF\n", where=WHERE[2])
@example(name="a\x00b.pdf", data=b"%PDF-1.4\nx\n%%EOF\n", where=WHERE[0])
@example(name=f"invoice{BIDI[0]}fdp.exe", data=b"GIF89a" + bytes(40), where=WHERE[1])
@example(name="y" * 5000, data=b"PK\x03\x04", where=WHERE[2])
@bounded(30)
def test_an_upload_is_stored_under_a_safe_name_or_refused_and_leaves_nothing(
    unlocked, data_dir, name, data, where
):
    user, item, question = unlocked
    vault_dir = vault_service.vault_dir()
    files, rows = files_under(data_dir), tables()
    with hard_limit(10):
        result = _put(user, where, item, question, name, data)
    assert result.status in {"stored", "duplicate", "refused"}
    assert _is_safe(result.name), result.name
    assert left_in_tmp(data_dir) == []
    if result.status == "refused":
        assert result.reason.strip(), "a refusal says why"
        assert files_under(data_dir) == files, "a refused file left something on disk"
        assert tables() == rows, "a refused file changed the database"
        return
    # Stored: one object, encrypted, under the vault's objects only; its record is there.
    new = set(files_under(data_dir)) - set(files)
    assert new <= {f"vault/objects/{result.object_id[:2]}/{result.object_id}"}
    assert (result.status == "stored") == bool(new)
    record = VaultFile.objects.get(owner=user, object_id=result.object_id)
    assert _is_safe(record.name)
    assert record.sha256 and record.size == len(data)
    vault = vault_access.opened(user, SESSION)
    assert vault is not None and vault.get(result.object_id) == data
    assert (vault_dir / "objects" / result.object_id[:2] / result.object_id).read_bytes() != data


@given(name=file_names(), data=hostile_bytes())
@bounded(10)
def test_a_record_that_fails_leaves_no_file_behind(unlocked, data_dir, monkeypatch, name, data):
    """The database refusing the record (a full disk, a lock held too long) is not a
    refusal in words but an error; the file this upload wrote is gone with it."""
    user, item, question = unlocked
    files, rows = files_under(data_dir), tables()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(vault_service.store, "add_vault_file", full)
        try:
            with hard_limit(10):
                result = _put(user, WHERE[2], item, question, name, data)
        except OSError:
            pass
        else:
            assert result.status == "refused"  # refused before the record was tried
    assert files_under(data_dir) == files
    assert tables() == rows
    assert left_in_tmp(data_dir) == []


@given(name=file_names(), data=st.binary(max_size=200))
@example(name="log.csv\x00", data=b"a,b\n")  # was ValueError: embedded null byte
@example(name="refs.\u202eris", data=b"TY  - JOUR\n")
@example(name="../../../outside.csv", data=b"")
@bounded(30)
def test_an_importers_copy_of_an_upload_stays_in_the_temporary_area(data_dir, name, data):
    tmp = (data_dir / "tmp").resolve()
    with hard_limit(10), uploads.as_file(name, data) as path:
        assert tmp in path.resolve().parents
        assert path.name.startswith("upload") and "\x00" not in path.name
        assert path.read_bytes() == data
    assert not path.exists()
    assert left_in_tmp(data_dir) == []
