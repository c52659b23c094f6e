"""The names-and-dates check says "agree" only when something was compared: with no
file stored, or none read, it says that nothing was compared and what to do, on the
check's page, on the packets page and in `wayhome vault consistency`."""

from __future__ import annotations

import io
from datetime import date

import pytest
from rich.console import Console

from tests.helpers.letters import stored_file
from tests.helpers.web import data_on, page_text
from wayhome.adapters.db.models import FileReading
from wayhome.cli.render import vault as show
from wayhome.services import consistency

ON = date(2026, 11, 24)
PAGES = ("consistency", "packets")


@pytest.fixture(autouse=True)
def setting(settings, tmp_path, monkeypatch):
    yield from data_on(settings, tmp_path, monkeypatch, ON)


def said(client, row) -> list[str]:
    return [page_text(client.get(f"/p/{row.pk}/{page}/")) for page in PAGES]


def cli_said(user) -> str:
    out = io.StringIO()
    show.render_checked(consistency.checked(user), Console(file=out, width=400))
    return " ".join(out.getvalue().split())


def test_with_no_file_stored_nothing_was_compared(owner, client_for):
    user, row = owner
    for text in said(client_for(user), row):
        assert "agree" not in text.lower()
        assert "NOTHING COMPARED Nothing compared yet: no document's file is stored." in text
        assert "Add each document's file on Your documents" in text
    cli = cli_said(user)
    assert cli.startswith("Nothing compared yet: no document's file is stored.")
    assert "agree" not in cli and "wayhome vault import" in cli


def test_files_not_read_yet_are_not_an_agreement(owner, client_for):
    user, row = owner
    stored_file(user, "diploma.pdf", "a")
    FileReading.objects.create(owner=user, vault_file=stored_file(user, "cert.pdf", "b"))
    page = client_for(user).get(f"/p/{row.pk}/consistency/").content.decode()
    for text in said(client_for(user), row):
        assert "agree" not in text.lower()
        assert "Nothing compared yet: 2 stored files not read yet." in text
        assert (
            "Unlock the vault (once for this sign-in), or type what each file says on Stored files"
            in text
        )
    assert f'href="/vault/?next=/p/{row.pk}/consistency/"' in page
    assert "wayhome vault read" in cli_said(user)


def test_a_file_with_nothing_comparable_is_not_an_agreement(owner, client_for):
    user, row = owner
    vf = stored_file(user, "letter.pdf")
    FileReading.objects.create(
        owner=user, vault_file=vf, status="done", confirmed={"issued": "2025-03-03"}
    )
    for text in said(client_for(user), row):
        assert "agree" not in text.lower()
        assert "Nothing compared yet: no name or date was found in your 1 stored file." in text


def test_they_agree_only_over_what_was_compared(owner, client_for):
    user, row = owner
    vf = stored_file(user, "residency.pdf", "a")
    FileReading.objects.create(
        owner=user, vault_file=vf, status="done", confirmed={"holder": "Dr. Sam Example"}
    )
    stored_file(user, "waiting.pdf", "b")
    for text in said(client_for(user), row):
        assert "Nothing compared" not in text
        assert (
            "AGREE Names and dates agree across 1 document and your profile, as far as they "
            "were read or entered. Not included: 1 stored file not read yet" in text
        )
    assert cli_said(user).startswith("Names and dates agree across 1 document and your profile")
