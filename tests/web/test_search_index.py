"""The text of every file read, held decrypted in memory with the unlocked vault for
search (services/text_index.py): built at unlock, kept in step with what is read, added
and removed, wiped when the vault locks or expires, never written anywhere."""

from __future__ import annotations

import pytest

from tests.helpers.letters import stored_file
from tests.helpers.web import PASS, open_vault
from wayhome.adapters.db.models import FileReading, VaultFile
from wayhome.adapters.vault.storage import Vault
from wayhome.services import reading, unlocked, vault_access
from wayhome.services import search as search_service
from wayhome.services import vault as vault_service
from wayhome.services.text_index import folded

SESSION = "a-signed-in-session"


def email(subject: str, body: str) -> bytes:
    return (
        f"From: council@example.org\r\nTo: me@example.org\r\nSubject: {subject}\r\n"
        f"Date: Mon, 2 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"\r\n{body}\r\n"
    ).encode()


@pytest.fixture(autouse=True)
def data(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    yield settings.DATA_DIR
    unlocked._open.clear()


@pytest.fixture
def user(owner):
    return owner[0]


def store_and_read(user, vault: Vault, name: str, body: str) -> VaultFile:
    result = vault_service.ingest(user, vault, name, email(name, body))
    vf = VaultFile.objects.get(owner=user, object_id=result.object_id)
    reading.read_now(vault, vf)
    return vf


def texts_found(user, query: str, session: str = SESSION) -> list[str]:
    found = vault_access.search(user, session, query)
    return sorted(h.title for h in found.hits if h.kind == "text")


@pytest.fixture
def unlocked_vault(user):
    vault = vault_service.open_vault(PASS, create=True)
    store_and_read(user, vault, "council.eml", "twelve years of training")
    store_and_read(user, vault, "school.eml", "a diploma from José Martí university")
    vault_access.unlock(user, SESSION, PASS)
    return vault_service.open_vault(PASS)


def test_unlocking_builds_the_index_and_a_search_decrypts_nothing(
    user, unlocked_vault, monkeypatch
):
    assert len(unlocked.index(SESSION, user.pk)) == 2
    decrypted = []
    real = Vault.unseal
    monkeypatch.setattr(Vault, "unseal", lambda *a: decrypted.append(a) or real(*a))
    assert texts_found(user, "twelve years") == ["council.eml"]
    assert texts_found(user, "jose marti") == ["school.eml"]  # case and accents ignored
    assert decrypted == []


def test_a_file_read_added_or_removed_after_unlocking_is_searched_as_it_is_now(
    user, unlocked_vault
):
    vault = unlocked_vault
    later = store_and_read(user, vault, "later.eml", "good standing confirmed")
    assert texts_found(user, "good standing") == ["later.eml"]
    # Read again, into another text (OCR redone, or a file read by the command line).
    row = FileReading.objects.get(vault_file=later)
    row.text = vault.seal(b"registration lapsed", later.object_id)
    row.save()
    FileReading.objects.filter(pk=row.pk).update(read_at=row.read_at.replace(year=2030))
    assert texts_found(user, "good standing") == []
    assert texts_found(user, "registration lapsed") == ["later.eml"]
    later.delete()
    assert texts_found(user, "registration") == []
    assert len(unlocked.index(SESSION, user.pk)) == 2


def test_locking_wipes_the_index_and_texts_are_no_longer_searched(user, unlocked_vault):
    index = unlocked.index(SESSION, user.pk)
    assert len(index) == 2
    vault_access.lock(SESSION)
    assert len(index) == 0 and unlocked.index(SESSION, user.pk) is None
    found = vault_access.search(user, SESSION, "twelve")
    assert not found.texts_searched and found.hits == []


def test_an_idle_vault_expires_with_its_index(user, unlocked_vault, settings, monkeypatch):
    index = unlocked.index(SESSION, user.pk)
    clock = [unlocked.time.monotonic()]
    monkeypatch.setattr(unlocked.time, "monotonic", lambda: clock[0])
    clock[0] += settings.UNLOCK_MINUTES * 60 + 1
    assert vault_access.opened(user, SESSION) is None
    assert len(index) == 0 and unlocked.index(SESSION, user.pk) is None


def test_another_session_or_owner_has_no_index(user, stranger, unlocked_vault):
    assert unlocked.index("another-session", user.pk) is None
    assert unlocked.index(SESSION, stranger[0].pk) is None
    assert texts_found(stranger[0], "twelve", SESSION) == []


def test_the_index_is_never_written(user, unlocked_vault, data):
    assert texts_found(user, "twelve years") == ["council.eml"]
    for path in data.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert b"twelve years" not in raw and b"diploma from" not in raw, path


def test_the_command_line_path_decrypts_for_its_run_and_finds_the_same(user, unlocked_vault):
    found = search_service.search(user, "twelve years", unlocked_vault)
    assert [h.title for h in found.hits if h.kind == "text"] == ["council.eml"]


def test_the_search_page_uses_the_index(owner, client_for, monkeypatch):
    user, row = owner
    c = client_for(user)
    open_vault(c)
    vault = vault_service.open_vault(PASS)
    store_and_read(user, vault, "council.eml", "twelve years of training")
    decrypted = []
    real = Vault.unseal
    monkeypatch.setattr(Vault, "unseal", lambda *a: decrypted.append(a) or real(*a))
    for _ in range(2):
        page = c.get(f"/p/{row.pk}/search/", {"q": "twelve years"}).content.decode()
        assert "<mark>twelve</mark> years of training" in page
    assert len(decrypted) == 1  # read after the unlock: decrypted once, then held


@pytest.mark.parametrize(
    ("text", "query", "match"),
    [
        pytest.param("Dr. José Martí, MD", "jose marti", "José", id="accents"),
        pytest.param("Straße 5, Köln", "strasse", "Straße", id="one-letter-folds-to-two"),
        pytest.param("ＡＢＣ Hospital", "abc", "ＡＢＣ", id="full-width"),
        pytest.param("Ковальска Anna", "anna", "Anna", id="after-another-script"),
        pytest.param("plain ascii text", "ASCII", "ascii", id="ascii"),
    ],
)
def test_a_snippet_marks_the_original_words(text, query, match):
    found = search_service.find(text, search_service.terms(query))
    assert found is not None
    snippet, (start, end) = found
    assert snippet[start:end] == match
    done = folded(text)
    assert len(done.text) == (len(done.where) if done.where is not None else len(text))


def test_the_search_page_draws_the_first_fifty_and_says_how_many_in_all(owner, client_for):
    user, row = owner
    for i in range(60):
        stored_file(user, f"letter-{i}.pdf", fill=f"{i:02d}" * 32)
    page = client_for(user).get(f"/p/{row.pk}/search/", {"q": "letter"}).content.decode()
    assert "60 results for" in page and page.count('class="finding"') == 50
    assert "The first 50 of 60 are shown: add a word to find fewer." in page
