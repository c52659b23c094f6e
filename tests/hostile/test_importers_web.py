"""Item 12 in the web app: every upload that imports (a case log, with or without the
column step, a reference export, a phone's contacts, a profile) answers a bad file with
an error naming it, never a server error, and stores nothing from a file it refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers.hostile import FILES, PROFILE, bad_copies
from wayhome.adapters.db.models import (
    ContactRecord,
    ProcedureRecord,
    PublicationRecord,
    StoredProfile,
)

SURFACES = {
    "cases": ("/p/{pk}/cases/", {}, FILES / "acgme-surgery.csv", ".csv", ProcedureRecord),
    "cases-check": (
        "/p/{pk}/cases/",
        {"action": "check"},
        FILES / "acgme-surgery.csv",
        ".csv",
        ProcedureRecord,
    ),
    "cases-xlsx": ("/p/{pk}/cases/", {}, FILES / "acgme-surgery.csv", ".xlsx", ProcedureRecord),
    "pubs-nbib": ("/p/{pk}/publications/", {}, FILES / "pubs-pubmed.nbib", ".nbib", None),
    "pubs-bibtex": ("/p/{pk}/publications/", {}, FILES / "pubs-thesis.bib", ".bib", None),
    "pubs-ris": ("/p/{pk}/publications/", {}, FILES / "pubs-zotero.ris", ".ris", None),
    "pubs-csl-json": ("/p/{pk}/publications/", {}, FILES / "pubs-export.json", ".json", None),
    "contacts": (
        "/p/{pk}/contacts/",
        {"action": "import"},
        FILES / "contacts-iphone.vcf",
        ".vcf",
        ContactRecord,
    ),
    "profile": ("/import/", {}, PROFILE, ".yaml", None),
}
BAD = list(bad_copies(b"x"))


def said(html: str) -> str:
    """The page's messages and errors, as text."""
    parts = re.findall(r'class="message[^"]*"[^>]*>(.*?)</p>', html, re.S)
    parts += re.findall(r"<li>(.*?)</li>", html, re.S)
    return " ".join(" ".join(p.split()) for p in parts)


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("surface", list(SURFACES))
def test_a_bad_upload_is_answered_in_words_never_a_500(surface, bad, owner, client_for):
    user, row = owner
    url, extra, good, suffix, table = SURFACES[surface]
    name = f"{bad}{suffix}"
    data = bad_copies(good.read_bytes())[bad]
    before = (table.objects.count(), PublicationRecord.objects.count()) if table else None
    client = client_for(user)
    client.raise_request_exception = True  # a traceback fails the test with itself
    response = client.post(
        url.format(pk=row.pk), {"file": SimpleUploadedFile(name, data), **extra}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    if response.request["PATH_INFO"].endswith("/cases/map/"):
        return  # held for the column step: its page shows the columns found
    words = said(html)
    assert words, "the page says nothing about the file"
    refused = name in words and "added" not in words and "imported" not in words.casefold()
    if refused and before is not None:
        assert (table.objects.count(), PublicationRecord.objects.count()) == before


def test_a_case_log_that_is_no_table_is_refused_not_sent_to_the_column_step(owner, client_for):
    user, row = owner
    c = client_for(user)
    # Binary with a zero byte, or a byte that is no character in Windows text (0x81), is
    # refused at the decoder (files.decode_export); without either, it fails as CSV.
    windows = bytes(b for b in range(1, 256) if b not in b"\x81\x8d\x8f\x90\x9d")
    for data, words in (
        (windows * 20, "scan.csv: row 2: this does not read as CSV text"),
        (bytes(range(1, 256)) * 20, "scan.csv: line 2: holds a byte (0x81) that is a character"),
        (bytes(range(256)) * 20, "scan.csv: line 1: holds a NUL character (a zero byte)"),
    ):
        for action in ("import", "check"):
            upload = SimpleUploadedFile("scan.csv", data)
            response = c.post(
                f"/p/{row.pk}/cases/", {"file": upload, "action": action}, follow=True
            )
            assert response.request["PATH_INFO"] == f"/p/{row.pk}/cases/"
            assert words in said(response.content.decode())
    assert not ProcedureRecord.objects.exists()


def test_an_upload_is_named_by_its_own_name_never_the_temporary_copys(owner, client_for):
    user, row = owner
    upload = SimpleUploadedFile("my log.csv", Path(FILES / "contacts-iphone.vcf").read_bytes())
    page = client_for(user).post(f"/p/{row.pk}/cases/", {"file": upload}, follow=True)
    assert "upload.csv" not in page.content.decode()


# The uploads that read text, with the table each would store into.
NUL_UPLOADS = {s: v for s, v in SURFACES.items() if s != "cases-xlsx"}
STORED = (ProcedureRecord, PublicationRecord, ContactRecord, StoredProfile)


@pytest.mark.parametrize("surface", list(NUL_UPLOADS))
def test_an_upload_with_a_nul_byte_is_refused_at_its_line_storing_nothing(
    surface, owner, client_for
):
    """PostgreSQL cannot store a NUL and SQLite kept it unseen: the same words on both."""
    user, row = owner
    url, extra, good, suffix, _ = NUL_UPLOADS[surface]
    data = bad_copies(good.read_bytes())["nul-byte"]
    line = data.count(b"\n", 0, data.index(b"\x00")) + 1
    before = [t.objects.count() for t in STORED]
    client = client_for(user)
    client.raise_request_exception = True
    upload = SimpleUploadedFile(f"damaged{suffix}", data)
    page = client.post(url.format(pk=row.pk), {"file": upload, **extra}, follow=True)
    assert page.status_code == 200
    words = said(page.content.decode())
    if suffix == ".yaml":
        assert f"damaged.yaml:{line}: a character YAML does not allow (U+0000" in words, words
    else:
        assert f"damaged{suffix}: line {line}: holds a NUL character (a zero byte)" in words, words
    assert [t.objects.count() for t in STORED] == before


def test_a_workbook_with_a_nul_in_a_cell_is_refused_by_its_place(owner, client_for):
    from tests.helpers.acgme import ROWS, xlsx_bytes

    user, row = owner
    rows = [list(r) for r in ROWS]
    rows[3][7] = "Repair_x0000_"
    for action in ("import", "check"):
        upload = SimpleUploadedFile("log.xlsx", xlsx_bytes(rows))
        page = client_for(user).post(
            f"/p/{row.pk}/cases/", {"file": upload, "action": action}, follow=True
        )
        assert page.request["PATH_INFO"] == f"/p/{row.pk}/cases/"  # not the column step
        words = said(page.content.decode())
        assert "log.xlsx: sheet \u201cSheet\u201d, row 5, column H: the cell holds a NUL" in words
    assert not ProcedureRecord.objects.exists()


def test_an_xls_cut_where_the_spreadsheet_reader_gives_up_is_refused_in_words(owner, client_for):
    """Cut there, an .xls makes calamine panic (a PanicException, no Exception): it went
    past the refusal as a server error."""
    user, row = owner
    data = (FILES / "acgme-mac-1904.xls").read_bytes()[:4096]
    for action in ("import", "check"):
        client = client_for(user)
        client.raise_request_exception = True
        upload = SimpleUploadedFile("log.xls", data)
        page = client.post(f"/p/{row.pk}/cases/", {"file": upload, "action": action}, follow=True)
        assert page.request["PATH_INFO"] == f"/p/{row.pk}/cases/"
        words = said(page.content.decode())
        assert "log.xls: this spreadsheet could not be read (it may be cut short" in words, words
    assert not ProcedureRecord.objects.exists()
