"""Item 10: reading a hostile file is bounded: the BibTeX sniffer in time, the vault's
type sniffer in what a zip expands to, uploads in the bytes read."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wayhome.adapters import ziplimits
from wayhome.adapters.importers import publications
from wayhome.adapters.importers.publications import read_publications
from wayhome.adapters.vault.sniff import RefusedError, sniff


def timed(action, *args):
    started = time.perf_counter()
    result = action(*args)
    return result, time.perf_counter() - started


# --- the BibTeX sniffer and reader: time ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\n" * 200_000, id="blank-lines"),
        pytest.param(" \n" * 200_000, id="space-lines"),
        pytest.param("\t\n  \n" * 100_000 + "@", id="whitespace-then-at"),
        pytest.param("@" + "a" * 400_000, id="one-long-word"),
    ],
)
def test_the_bibtex_sniffer_takes_linear_time(text):
    found, took = timed(publications.BIB_SNIFF.search, text)
    assert found is None
    assert took < 0.5  # the old pattern took minutes on these


def test_the_bibtex_sniffer_still_finds_entries():
    for text in ("@article{x,", "  @ Book (y,", "%c\n\t@misc{z,"):
        assert publications.BIB_SNIFF.search(text)


def test_a_bibtex_field_too_long_to_decode_skips_its_entry_quickly(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(
        '@article{ok, title={A short title}, author={M{\\"u}ller, Anna}, year={2020}}\n'
        "@article{huge, title={" + "a" * 2_000_000 + "}, year={2021}}\n",
        encoding="utf-8",
    )
    result, took = timed(read_publications, path)
    assert took < 5
    assert [p.title for p in result.publications] == ["A short title"]
    assert result.publications[0].authors == ("Müller, Anna",)
    [problem] = result.problems
    assert str(problem) == (
        "refs.bib: entry huge: the title field is 2,000,000 characters long (Wayhome keeps "
        "up to 10,000): is this the right file?; entry skipped"
    )


# --- the vault's type sniffer: what a zip expands to ----------------------------------------


def a_zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_zip_bomb_dressed_as_a_word_document_is_refused_before_it_expands(monkeypatch):
    monkeypatch.setattr(ziplimits, "MAX_EXPANDED", 5 * 1024 * 1024)  # 500 MB in real life
    bomb = a_zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"\0" * (6 * 1024 * 1024),  # 6 MB of zeros, ~6 KB zipped
        }
    )
    assert len(bomb) < 20_000
    expanded = []
    monkeypatch.setattr(zipfile.ZipExtFile, "read", lambda *a: expanded.append(a) or b"")
    with pytest.raises(RefusedError, match=r"would expand to 6 MB once unpacked \(the limit"):
        sniff(bomb)
    assert expanded == []


def test_an_opendocument_mimetype_is_read_only_in_its_first_bytes(monkeypatch):
    huge = a_zip({"mimetype": b"application/vnd.oasis.opendocument.text" + b" " * 10_000_000})
    asked: list[int] = []
    real = zipfile.ZipExtFile.read

    def read(self, n=-1):
        asked.append(n)
        return real(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    assert sniff(huge).label == "office"
    assert asked == [100]  # not 10 MB expanded to read a name


def test_a_zip_of_too_many_empty_members_is_refused_from_its_end_record(monkeypatch):
    monkeypatch.setattr(ziplimits, "MAX_MEMBERS", 1_000)  # 10,000 in real life
    many = a_zip({f"f{n}": b"" for n in range(1_001)}, zipfile.ZIP_STORED)
    # The count comes from the end record: the directory itself is never parsed.
    monkeypatch.setattr(zipfile, "ZipFile", None)
    with pytest.raises(RefusedError, match="holds 1,001 files") as caught:
        sniff(many)
    assert "not a document Wayhome reads" in str(caught.value)


def test_a_zip64_end_record_is_counted_too():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", allowZip64=True) as z:
        for n in range(70_000):  # past 65,535: the count lives in the zip64 record
            z.writestr(f"{n}", b"")
    assert ziplimits.member_count(buf.getvalue()) == 70_000


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"PK\x03\x04" + b"\0" * 100, id="no-end-record"),
        pytest.param(a_zip({"a": b"x"})[:-10], id="cut-short"),
    ],
)
def test_a_damaged_zip_is_refused_in_words(data):
    with pytest.raises(RefusedError, match="looks like a damaged zip archive"):
        sniff(data)


# --- uploads: bytes read --------------------------------------------------------------------


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setenv("WAYHOME_VAULT_MAX_MB", "1")


def test_a_request_over_the_limit_is_refused_before_its_body_is_read(
    small_limit, owner, client_for
):
    from django.test import Client

    user, row = owner
    c: Client = client_for(user)
    body = io.BytesIO(b"x" * (3 * 1024 * 1024))

    class Unread(io.BytesIO):
        def read(self, *args):  # pragma: no cover - the point is that it is never called
            raise AssertionError("the body was read")

    response = c.generic(
        "POST",
        f"/p/{row.pk}/publications/",
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(len(body.getvalue())),
        **{"wsgi.input": Unread()},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "What you sent is 3.0 MB; Wayhome takes files up to 1 MB" in page
    assert "WAYHOME_VAULT_MAX_MB" in page


@pytest.mark.parametrize(
    ("url", "extra"),
    [
        pytest.param("/p/{pk}/cases/", {}, id="cases"),
        pytest.param("/p/{pk}/publications/", {}, id="publications"),
        pytest.param("/p/{pk}/contacts/", {"action": "import"}, id="contacts"),
    ],
)
def test_a_file_just_over_the_limit_is_refused_by_the_form_unread(
    small_limit, owner, client_for, url, extra, monkeypatch
):
    user, row = owner
    from wayhome.services import cases, contacts, publications

    def never(*args):
        raise AssertionError("the file was handed on to be read")

    for service in (cases, contacts, publications):
        monkeypatch.setattr(service, "import_upload", never)
    monkeypatch.setattr(cases, "hold", never)
    upload = SimpleUploadedFile("big.txt", b"x" * (1024 * 1024 + 10))
    response = client_for(user).post(url.format(pk=row.pk), {"file": upload, **extra}, follow=True)
    page = response.content.decode()
    assert "big.txt is 1.0 MB, over the 1 MB Wayhome takes" in page


def test_waitress_is_told_to_read_no_more_than_the_limit(monkeypatch, small_limit):
    from wayhome.services import serve

    assert serve.request_limit() == 2 * 1024 * 1024
    seen = {}
    monkeypatch.setattr(serve, "prepare", lambda host, allow: (object(), "token"))
    monkeypatch.setattr(serve, "data_dir", lambda: "/data")
    monkeypatch.setattr(serve.background, "start_worker", lambda: None)
    import waitress

    monkeypatch.setattr(waitress, "serve", lambda app, **kw: seen.update(kw))
    serve.run("127.0.0.1", 8765, False, lambda _: None)
    assert seen["max_request_body_size"] == 2 * 1024 * 1024


def test_an_import_reads_no_more_than_its_limit(tmp_path, monkeypatch):
    from wayhome.adapters.importers import limits

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "refs.ris"
    path.write_bytes(b"TY  - JOUR\n" * 1000)
    with pytest.raises(limits.FileTooLargeError, match=r"refs\.ris is larger than 0 MB"):
        read_publications(path)
    assert Path  # the file itself is untouched
