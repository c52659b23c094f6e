"""The vault's type sniffer on a file on disk (sniff_file, used by `vault import`) judges
every kind as sniff does on the same bytes in memory, without reading the file whole."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.helpers.cfb import compound_file, outlook_message
from wayhome.adapters import ziplimits
from wayhome.adapters.vault.sniff import HEAD, RefusedError, sniff, sniff_file


def a_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


EML = b"From: council@example.org\r\nSubject: Your question\r\n\r\nYes.\r\n"
KINDS = {
    "pdf": b"%PDF-1.4\n" + b"x" * 200_000 + b"\n%%EOF\n",
    "pdf-cut-short": b"%PDF-1.4\n" + b"x" * 200_000,
    "word": a_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
    "opendocument": a_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
    "zip-archive": a_zip({"photo.jpg": b"jpeg"}),
    "damaged-zip": b"PK\x03\x04" + b"\0" * 100,
    "outlook-far-in": outlook_message({0x0037: "Re: good standing", 0x1000: "x" * 9000}),
    "ole-not-outlook": compound_file({"WordDocument": b"\0" * 5000}),
    "email": EML,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40,
    "gzip": b"\x1f\x8b" + b"\0" * 50,
    "text": b"just some text",
    "empty": b"",
}


def judged(sniffer, source):  # type: ignore[no-untyped-def]
    try:
        return sniffer(source)
    except RefusedError as e:
        return f"refused: {e}"


@pytest.mark.parametrize("data", KINDS.values(), ids=KINDS.keys())
def test_a_file_on_disk_is_judged_as_its_bytes_are(tmp_path: Path, data: bytes):
    path = tmp_path / "file"
    path.write_bytes(data)
    with path.open("rb") as f:
        assert judged(sniff_file, f) == judged(sniff, data)
        assert f.tell() == 0  # left at its start, to be stored from there


def test_only_the_ends_of_a_large_pdf_are_read(tmp_path: Path, monkeypatch):
    path = tmp_path / "big.pdf"
    with path.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.seek(64 * 1024 * 1024)  # 64 MB, sparse
        f.write(b"\n%%EOF\n")
    asked: list[int] = []
    with path.open("rb") as f:
        real = f.read
        monkeypatch.setattr(f, "read", lambda n=-1: asked.append(n) or real(n))
        assert sniff_file(f).label == "pdf"
    assert sum(asked) <= HEAD + 2048


def test_a_zip_on_disk_is_bounded_as_one_in_memory(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(ziplimits, "MAX_EXPANDED", 5 * 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(
        a_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (6 * 2**20)})
    )
    with path.open("rb") as f, pytest.raises(RefusedError, match="would expand to 6 MB"):
        sniff_file(f)


def test_an_outlook_marker_across_two_blocks_is_found(tmp_path: Path, monkeypatch):
    from wayhome.adapters.vault import sniff as sniffer

    monkeypatch.setattr(sniffer, "BLOCK", 5)  # every marker straddles a block's edge
    path = tmp_path / "mail.msg"
    path.write_bytes(KINDS["outlook-far-in"])
    with path.open("rb") as f:
        assert sniff_file(f).label == "outlook"
