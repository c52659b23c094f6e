"""Item 12 for `wayhome vault import FOLDER`: links, pipes and folders that cannot be
read were skipped in silence; each is now listed, skipped, with why."""

from __future__ import annotations

import os

import pytest

from tests.helpers.cli import flatten, run
from wayhome.services import vault as vault_service

PDF = b"%PDF-1.4\nA letter.\n%%EOF\n"
pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo"), reason="POSIX pipes and links (Windows has neither to skip)"
)


@pytest.fixture
def docs(tmp_path):
    docs = tmp_path / "docs"
    (docs / "inner").mkdir(parents=True)
    (docs / "letter.pdf").write_bytes(PDF)
    (docs / "inner" / "diploma.pdf").write_bytes(PDF.replace(b"letter", b"diploma"))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "private.pdf").write_bytes(PDF.replace(b"letter", b"private"))
    (docs / "link.pdf").symlink_to(outside / "private.pdf")
    (docs / "linked-folder").symlink_to(outside)
    (docs / "loop").symlink_to(docs)
    os.mkfifo(docs / "a-pipe")
    return docs


def test_scan_lists_every_entry_it_leaves_out_and_why(docs):
    files, skipped = vault_service.scan(docs)
    assert [p.relative_to(docs).as_posix() for p in files] == ["inner/diploma.pdf", "letter.pdf"]
    assert {s.name: (s.status, s.reason) for s in skipped} == {
        "a-pipe": ("skipped", "not a file (a pipe, a socket or a device)"),
        "link.pdf": ("skipped", "a link, not followed: add the file it points to itself"),
        "linked-folder": (
            "skipped",
            "a link to a folder, not followed: import that folder itself",
        ),
        "loop": ("skipped", "a link to a folder, not followed: import that folder itself"),
    }


def test_a_folder_that_cannot_be_read_is_listed(docs, monkeypatch):
    real = os.scandir

    def scandir(path="."):  # root reads any folder: the refusal is made here instead
        if str(path).endswith("inner"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, skipped = vault_service.scan(docs)
    assert [p.name for p in files] == ["letter.pdf"]
    assert ("inner", "a folder that cannot be read (Permission denied): not imported") in [
        (s.name, s.reason) for s in skipped
    ]


def test_vault_import_says_what_it_skipped(docs, data_dir, monkeypatch):
    monkeypatch.setenv("WAYHOME_PASSPHRASE", "correct horse battery staple")
    result = run("vault", "import", str(docs), "--no-read")
    assert result.exit_code == 0, result.output
    out = flatten(result.output)
    assert "2 stored, 0 already there, 0 refused, 4 skipped." in out
    assert "link.pdf skipped a link, not followed" in out
    assert "a-pipe skipped not a file (a pipe, a socket or a device)" in out
    assert "private" not in out  # what the link pointed to was never read


@pytest.mark.parametrize("kind", ["missing", "a-file"])
def test_vault_import_of_something_that_is_no_folder_exits_2(kind, data_dir, tmp_path):
    path = tmp_path / "missing"
    if kind == "a-file":
        path = tmp_path / "letter.pdf"
        path.write_bytes(PDF)
    result = run("vault", "import", str(path))
    assert result.exit_code == 2 and f"{path} is not a folder" in result.output
