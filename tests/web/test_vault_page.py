"""The vault's page (web/views/keyring.py): made with a passphrase typed twice and scored,
the warning that a lost passphrase means lost documents, the recovery code shown once
and on request, a vault made with an empty passphrase given a new one, and the vault
unlocked once per signed-in session, for that session only, until it goes unused."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.helpers import keyrings
from tests.helpers.web import PASS, open_vault
from wayhome.adapters.db.models import DocumentItem
from wayhome.adapters.vault import keys
from wayhome.adapters.vault.storage import Vault
from wayhome.services import documents as document_service
from wayhome.services import passphrase, unlocked

CODE = re.compile(r"\b(?:[A-Z2-7]{4}-){5}[A-Z2-7]{4}\b")
TEMPLATES = Path(__file__).parents[2] / "src" / "wayhome" / "web" / "templates" / "wayhome"


@pytest.fixture(autouse=True)
def data(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    yield settings.DATA_DIR / "vault"
    unlocked._open.clear()


def _page(client: Client, url: str = "/vault/") -> str:
    return client.get(url).content.decode()


def test_a_weak_passphrase_is_refused_with_the_reason_and_no_vault_is_made(owner, client_for, data):
    c = client_for(owner[0])
    page = _page(c)
    assert "Make your vault" in page and passphrase.LOST_WARNING in page
    weak = c.post(
        "/vault/",
        {"action": "create", "passphrase": "password123", "again": "password123"},
        follow=True,
    ).content.decode()
    assert "That passphrase is too easy to guess: it scores 0 of 4, and 3 is needed." in weak
    assert "This is a very common password." in weak and "Four or five unrelated words" in weak
    differ = c.post(
        "/vault/", {"action": "create", "passphrase": PASS, "again": PASS + "!"}, follow=True
    ).content.decode()
    assert "The two passphrases differ: type the same passphrase in both boxes." in differ
    assert not keys.exists(data)


def test_a_new_vault_shows_its_recovery_code_once_and_keeps_it_nowhere(owner, client_for, data):
    c = client_for(owner[0])
    made = open_vault(c)
    assert made.status_code == 200 and made["Cache-Control"].startswith("max-age=0")
    page = made.content.decode()
    [code] = CODE.findall(page)
    assert passphrase.LOST_WARNING in page and "opens the vault on its own" in page
    assert "Your vault is made, and unlocked for this session." in page
    assert keys.unlock_with_code(data, code) == keys.unlock(data, PASS)
    assert code not in _page(c)  # shown once
    # Neither the code nor the key is in the session or in any table.
    stored = json.dumps([s.get_decoded() for s in Session.objects.all()])
    for model in apps.get_app_config("wayhome").get_models():
        stored += json.dumps(list(model._default_manager.values()), default=str)
    assert code not in stored and code.replace("-", "") not in stored
    assert code not in (data / keys.KEYRING).read_text()
    # On request, after unlocking.
    again = c.post("/vault/", {"action": "show-code"}).content.decode()
    assert CODE.findall(again) == [code]


def test_the_recovery_code_opens_the_vault_with_a_new_passphrase(owner, client_for, data):
    c = client_for(owner[0])
    [code] = CODE.findall(open_vault(c).content.decode())
    c.post("/vault/", {"action": "lock"})
    assert "Lost your passphrase?" in _page(c)
    new = "lighthouse orbit cactus marmalade"
    wrong = c.post(
        "/vault/",
        {
            "action": "recover",
            "recovery_code": "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
            "passphrase": new,
            "again": new,
        },
        follow=True,
    ).content.decode()
    assert "That recovery code does not open this vault." in wrong
    done = c.post(
        "/vault/",
        {"action": "recover", "recovery_code": code.lower(), "passphrase": new, "again": new},
        follow=True,
    ).content.decode()
    assert "A new passphrase is set, and the vault is unlocked" in done
    assert "The vault is unlocked" in done
    assert keys.unlock(data, new) == keys.unlock_with_code(data, code)


def test_the_passphrase_is_changed_with_the_current_one(owner, client_for, data):
    c = client_for(owner[0])
    open_vault(c)
    new = "lighthouse orbit cactus marmalade"
    wrong = c.post(
        "/vault/",
        {"action": "change", "current": "not it", "passphrase": new, "again": new},
        follow=True,
    ).content.decode()
    assert "That passphrase does not open this vault." in wrong
    c.post("/vault/", {"action": "change", "current": PASS, "passphrase": new, "again": new})
    assert keys.unlock(data, new)
    with pytest.raises(keys.WrongPassphraseError):
        keys.unlock(data, PASS)


def test_a_vault_made_with_an_empty_passphrase_asks_for_a_new_one_at_the_next_unlock(
    owner, client_for, data
):
    user, _ = owner
    old = keyrings.version_1(data, "")  # as the web app made it before the policy
    oid, _stored = Vault(data, old).put(b"%PDF-1.4\nA letter.\n%%EOF\n")
    stored = (data / "objects" / oid[:2] / oid).read_bytes()
    c = client_for(user)
    page = _page(c)
    assert "Your vault needs a passphrase" in page and 'name="again"' in page
    refused = c.post("/vault/", {"action": "unlock", "passphrase": ""}, follow=True)
    assert "your vault was made without a passphrase: choose one" in refused.content.decode()
    weak = c.post(
        "/vault/",
        {"action": "first-passphrase", "passphrase": "abc", "again": "abc"},
        follow=True,
    ).content.decode()
    assert "too easy to guess" in weak and "Your vault needs a passphrase" in weak
    done = c.post("/vault/", {"action": "first-passphrase", "passphrase": PASS, "again": PASS})
    [code] = CODE.findall(done.content.decode())  # a code, since the old keyring had none
    assert keys.unlock(data, PASS) == old == keys.unlock_with_code(data, code)
    assert (data / "objects" / oid[:2] / oid).read_bytes() == stored  # nothing re-encrypted
    assert "Your vault needs a passphrase" not in _page(c)


def test_a_keyring_made_before_recovery_codes_opens_and_is_given_one_on_request(
    owner, client_for, data
):
    old = keyrings.version_1(data, PASS)
    c = client_for(owner[0])
    open_vault(c)
    page = _page(c)
    assert "made before recovery codes" in page and 'id="show-pass"' in page
    [code] = CODE.findall(
        c.post("/vault/", {"action": "show-code", "passphrase": PASS}).content.decode()
    )
    assert keys.unlock_with_code(data, code) == old == keys.unlock(data, PASS)


def test_the_vault_is_unlocked_for_one_session_only(owner, client_for, data):
    user, row = owner
    document_service.sync(user, date(2026, 11, 24))
    item = DocumentItem.objects.filter(owner=user).first()
    first, second = client_for(user), client_for(user)
    open_vault(first)
    assert "Vault unlocked" in _page(first, f"/p/{row.pk}/documents/")
    assert "Vault unlocked" not in _page(second, f"/p/{row.pk}/documents/")
    refused = second.post(
        f"/p/{row.pk}/documents/{item.pk}/",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\na\n%%EOF\n")},
        follow=True,
    )
    assert "the vault is locked: unlock it" in refused.content.decode()
    assert not item.files.exists()
    first.post(
        f"/p/{row.pk}/documents/{item.pk}/",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\na\n%%EOF\n")},
    )
    assert [f.name for f in item.files.all()] == ["a.pdf"]
    # The background reader finds the owner's vault through the session that opened it.
    assert unlocked.for_owner(user.pk) is not None
    # The header's Lock button locks this session's vault alone.
    open_vault(second)
    first.post("/vault/", {"action": "lock", "next": f"/p/{row.pk}/documents/"})
    assert "Vault unlocked" not in _page(first, f"/p/{row.pk}/documents/")
    assert "Vault unlocked" in _page(second, f"/p/{row.pk}/documents/")
    second.post("/signout/")
    assert unlocked.for_owner(user.pk) is None  # signing out locks too


def test_another_account_never_gets_this_sessions_vault(owner, stranger, client_for):
    mine = client_for(owner[0])
    open_vault(mine)
    key = mine.session.session_key
    assert unlocked.get(key, stranger[0].pk) is None
    assert unlocked.for_owner(stranger[0].pk) is None


def test_it_locks_after_the_configured_minutes_unused(owner, client_for, settings, monkeypatch):
    settings.UNLOCK_MINUTES = 5
    now = [1000.0]
    monkeypatch.setattr(unlocked.time, "monotonic", lambda: now[0])
    user, row = owner
    c = client_for(user)
    open_vault(c)
    page = _page(c)
    assert "it locks itself after 5 minutes\n    unused" in page
    now[0] += 4 * 60
    assert c.get(f"/p/{row.pk}/search/?q=x").context["unlocked"]  # used: the clock restarts
    now[0] += 4 * 60
    assert unlocked.for_owner(user.pk) is not None
    now[0] += 61
    assert unlocked.for_owner(user.pk) is None  # the background reader waits, as locked
    assert "The vault is locked" in _page(c)


def test_after_unlocking_it_goes_back_only_to_a_page_of_this_app(owner, client_for):
    user, row = owner
    c = client_for(user)
    open_vault(c)
    c.post("/vault/", {"action": "lock"})
    back = c.post("/vault/", {"passphrase": PASS, "next": f"/p/{row.pk}/files/"})
    assert back["Location"] == f"/p/{row.pk}/files/"
    for elsewhere in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        c.post("/vault/", {"action": "lock"})
        response = c.post("/vault/", {"passphrase": PASS, "next": elsewhere})
        assert response["Location"] == "/vault/", elsewhere


def test_no_page_but_the_vaults_asks_for_the_passphrase():
    asking = sorted(
        p.name for p in TEMPLATES.rglob("*.html") if 'name="passphrase"' in p.read_text()
    )
    assert asking == ["vault.html"]


@pytest.mark.parametrize(
    ("typed", "minutes", "said"),
    [("", 30, ""), ("45", 45, ""), ("0", None, "from 1 to 1440"), ("1441", None, "from 1"),
     ("half an hour", None, "a whole number of minutes")],
    ids=["default", "set", "zero", "over-a-day", "words"],
)  # fmt: skip
def test_the_unlock_minutes_setting_is_read_strictly(monkeypatch, typed, minutes, said):
    from django.core.exceptions import ImproperlyConfigured

    from wayhome.web.settings import env_minutes

    monkeypatch.setenv("WAYHOME_UNLOCK_MINUTES", typed)
    if minutes is not None:
        assert env_minutes("WAYHOME_UNLOCK_MINUTES", 30) == minutes
        return
    with pytest.raises(ImproperlyConfigured, match=f"WAYHOME_UNLOCK_MINUTES: {said}"):
        env_minutes("WAYHOME_UNLOCK_MINUTES", 30)
