"""What the web tests share beyond their personas (tests/web/conftest.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date

from wayhome.services import background


def run_queue() -> None:
    """What the worker thread of `wayhome serve` does, until the queue is empty."""
    background.worker(interval=0, batch=True, name="test").run()


PASS = "correct horse battery staple"  # zxcvbn scores it 4 of 4


def data_on(settings, tmp_path, monkeypatch, on: date) -> Iterator[None]:
    """For an autouse fixture to ``yield from``: a data folder of the test's own, today
    being ``on``; the vaults the test unlocked are forgotten after it."""
    from django.utils import timezone

    from wayhome.services import unlocked

    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: on)
    yield
    unlocked._open.clear()


def open_vault(client, passphrase: str = PASS):
    """Make the vault, or unlock it, for this client's signed-in session, as a person
    does on the Vault page; the response (a made vault shows its recovery code)."""
    from wayhome.services import vault

    if vault.is_set_up():
        return client.post("/vault/", {"action": "unlock", "passphrase": passphrase})
    return client.post(
        "/vault/", {"action": "create", "passphrase": passphrase, "again": passphrase}
    )


def page_text(response) -> str:
    """A page's text as a person reads it: tags dropped, entities read, spaces folded."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


def as_shown(response) -> dict[str, str]:
    """The hidden field a page of the profile carries (the fingerprint of what it was
    shown from), to send with values typed by hand: a save without it is taken as
    shown from nothing stored, and refused over a stored profile."""
    found = re.search(r'name="fingerprint" value="([^"]*)"', response.content.decode())
    return {"fingerprint": found.group(1)} if found else {}


def second_window():
    """A test client signed in as the local account: another window on the same data."""
    from django.test import Client

    from wayhome.adapters.db import store

    c = Client()
    c.force_login(store.local_account())
    return c


def sent_back(page) -> dict[str, list[str]]:
    """What a step page shows in its fields, as a browser sends it back (hidden ones too)."""
    return dict(page.context["bound"].form.data.lists())


def save_page(client, url: str, typed: dict[str, list[str]]):
    """``typed`` sent with the page's Save button."""
    return client.post(url, {**typed, "action": ["save"]})


def stored_profile() -> dict:
    """The local account's stored profile data."""
    from tests.helpers.setups import stored
    from wayhome.adapters.db import store

    return stored(store.local_account())
