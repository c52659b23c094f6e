"""The evidence bundle and regulator packet zip: files that pass ``sha256sum -c``,
names safe everywhere, translations after their originals, a readable index, and
nothing left behind when the vault is damaged."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from wayhome.adapters.exporters.bundle import BundleError, Entry, write

MADE_ON = date(2026, 11, 24)
WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
WINDOWS_RESERVED = (
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{n}" for n in range(10)} | {f"LPT{n}" for n in range(10)}
)
needs_sha256sum = pytest.mark.skipif(
    shutil.which("sha256sum") is None, reason="GNU sha256sum is not installed here"
)


def entry(title: str, name: str, content: bytes, **kw: Any) -> Entry:
    return Entry(
        title=title,
        name=name,
        read=lambda: content,
        sha256=hashlib.sha256(content).hexdigest(),
        **kw,
    )


ENTRIES = [
    entry(
        "Medical degree diploma",
        "diploma.pdf",
        b"%PDF diploma " * 5000,
        group="Primary medical qualification",
        received=date(2019, 6, 30),
    ),
    entry(
        "Residency certificate",
        "residency.pdf",
        b"%PDF residency",
        group="Residency certificate",
        note="apostille 3 Mar 2025",
        received=datetime(2024, 6, 30, 9, 30),
    ),
    entry("Свидетельство об аккредитации", "свидетельство.pdf", b"cyrillic"),
    entry("Tłumaczenie przysięgłe", "tłumaczenie ę.pdf", b"polish", translation_of=1),
    entry("شهادة حسن السيرة", "شهادة.pdf", b"arabic"),
    entry("Second residency letter", "residency.pdf", b"another file, same name"),
    entry("Email from the GMC, 3 Mar 2025", "../../etc:passwd.eml", b"From: gmc"),
    entry("Reserved name", "CON.pdf", b"console"),
]
FILES = [
    "files/01-diploma.pdf",
    "files/02-residency.pdf",
    "files/02a-tłumaczenie ę.pdf",
    "files/03-свидетельство.pdf",
    "files/04-شهادة.pdf",
    "files/05-residency.pdf",
    "files/06-etc_passwd.eml",
    "files/07-CON_.pdf",
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "packet.zip"
    result = write(
        out,
        ENTRIES,
        title="Registration packet: General Medical Council",
        subtitle="United Kingdom, specialist register",
        made_on=MADE_ON,
        cover_lines=["Applicant: Dr Zofia Gęślińska", "GMC reference 7654321"],
    )
    assert result == out
    return out


def unzip(bundle: Path, to: Path) -> Path:
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(to)
    return to


def sha256sum_check(folder: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("sha256sum")
    assert tool is not None
    return subprocess.run(
        [tool, "-c", "SHA256SUMS"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "LC_ALL": "C"},  # untranslated "OK" and "FAILED"
        check=False,
    )


def test_it_lays_out_files_then_sums_then_index(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as zf:
        assert zf.namelist() == [*FILES, "SHA256SUMS", "index.pdf"]
        assert zf.testzip() is None
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_DEFLATED}


def test_it_writes_sums_in_the_format_sha256sum_reads(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as zf:
        raw = zf.read("SHA256SUMS")
    text = raw.decode("utf-8")
    assert b"\r" not in raw
    assert text.endswith("\n")
    lines = text.splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == FILES  # index and sums not listed
    for line in lines:
        assert re.fullmatch(r"[0-9a-f]{64}  files/\S.*", line), line


def test_it_passes_the_check_in_python(bundle: Path, tmp_path: Path) -> None:
    folder = unzip(bundle, tmp_path)
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    for line, original in zip(lines, [ENTRIES[i] for i in (0, 1, 3, 2, 4, 5, 6, 7)], strict=True):
        digest, name = line.split("  ", 1)
        content = (folder / name).read_bytes()
        assert content == original.read()
        assert hashlib.sha256(content).hexdigest() == digest == original.sha256


@needs_sha256sum
def test_it_passes_gnu_sha256sum_check(bundle: Path, tmp_path: Path) -> None:
    run = sha256sum_check(unzip(bundle, tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == [f"{name}: OK" for name in FILES]


@needs_sha256sum
def test_it_lets_sha256sum_find_a_tampered_file(bundle: Path, tmp_path: Path) -> None:
    folder = unzip(bundle, tmp_path)
    changed = folder / "files/03-свидетельство.pdf"
    changed.write_bytes(changed.read_bytes() + b" ")
    run = sha256sum_check(folder)
    assert run.returncode != 0
    assert "files/03-свидетельство.pdf: FAILED" in run.stdout.splitlines()
    assert run.stdout.count(": OK") == len(FILES) - 1


def test_it_makes_names_safe_and_unique(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as zf:
        names = [n.removeprefix("files/") for n in zf.namelist() if n.startswith("files/")]
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert not WINDOWS_FORBIDDEN & set(name), name
        assert ".." not in name, name
        assert len(name) <= 120
        assert name.split(".")[0].upper() not in WINDOWS_RESERVED
        assert name.split("-", 1)[1].split(".")[0].upper() not in WINDOWS_RESERVED
        assert not name.endswith((" ", "."))


def test_it_keeps_the_extension_of_a_name_cut_to_length(tmp_path: Path) -> None:
    out = write(
        tmp_path / "b.zip",
        [
            entry("Long", "résumé " * 40 + ".pdf", b"x"),
            entry("Scan", "scan", b"y", media_type="image/jpeg"),
            entry("Upper", "SCAN.PDF", b"z"),
            entry("Han", "漢字" * 100 + ".pdf", b"h"),
        ],
        title="t",
        subtitle="",
        made_on=MADE_ON,
    )
    with zipfile.ZipFile(out) as zf:
        long, scan, upper, han = zf.namelist()[:4]
    assert long == "files/01-" + ("résumé " * 16)[:-1] + " r.pdf"
    assert len(long.removeprefix("files/")) == 120
    assert scan == "files/02-scan.jpg"  # no extension: one from the media type
    assert upper == "files/03-SCAN.PDF"
    assert han.endswith("漢.pdf")
    assert len(han.removeprefix("files/").encode()) <= 255  # the usual file-system limit


def test_it_puts_translations_right_after_their_original(tmp_path: Path) -> None:
    entries = [
        entry("A", "a.pdf", b"a"),
        entry("Translation of C", "c-en.pdf", b"tc", translation_of=3),
        entry("B", "b.pdf", b"b"),
        entry("C", "c.pdf", b"c"),
        entry("Translation of A", "a-en.pdf", b"ta", translation_of=0),
        entry("Second translation of A", "a-fr.pdf", b"ta2", translation_of=0),
    ]
    out = write(tmp_path / "t.zip", entries, title="t", subtitle="", made_on=MADE_ON)
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist()[:6] == [
            "files/01-a.pdf",
            "files/01a-a-en.pdf",
            "files/01b-a-fr.pdf",
            "files/02-b.pdf",
            "files/03-c.pdf",
            "files/03a-c-en.pdf",
        ]


@pytest.mark.parametrize(
    "translation_of",
    [
        pytest.param(5, id="out-of-range"),
        pytest.param(1, id="itself"),
        pytest.param(2, id="a-translation"),
    ],
)
def test_it_refuses_a_translation_of_nothing(tmp_path: Path, translation_of: int) -> None:
    entries = [
        entry("A", "a.pdf", b"a"),
        entry("T", "t.pdf", b"t", translation_of=translation_of),
        entry("U", "u.pdf", b"u", translation_of=0),
    ]
    with pytest.raises(BundleError, match=r"t\.pdf"):
        write(tmp_path / "x.zip", entries, title="t", subtitle="", made_on=MADE_ON)
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_file_that_differs_from_its_recorded_hash(tmp_path: Path) -> None:
    damaged = Entry(
        title="Residency certificate",
        name="residency.pdf",
        read=lambda: b"not what was stored",
        sha256=hashlib.sha256(b"what was stored").hexdigest(),
    )
    entries = [entry("Diploma", "diploma.pdf", b"fine"), damaged, entry("Later", "l.pdf", b"l")]
    with pytest.raises(BundleError, match=r"residency\.pdf") as raised:
        write(tmp_path / "packet.zip", entries, title="t", subtitle="", made_on=MADE_ON)
    assert "SHA-256" in str(raised.value)
    assert list(tmp_path.iterdir()) == []  # neither the zip nor its temporary file


def test_it_refuses_a_recorded_hash_that_is_not_one(tmp_path: Path) -> None:
    bad = Entry(title="X", name="x.pdf", read=lambda: b"x", sha256="abc")
    with pytest.raises(BundleError, match=r"x\.pdf"):
        write(tmp_path / "packet.zip", [bad], title="t", subtitle="", made_on=MADE_ON)
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_an_empty_bundle(tmp_path: Path) -> None:
    with pytest.raises(BundleError):
        write(tmp_path / "packet.zip", [], title="t", subtitle="", made_on=MADE_ON)


def test_it_leaves_an_earlier_bundle_alone_when_reading_fails(tmp_path: Path) -> None:
    out = tmp_path / "packet.zip"
    out.write_bytes(b"the earlier bundle")

    def broken() -> bytes:
        raise OSError("vault unreadable")

    entries = [entry("A", "a.pdf", b"a"), Entry("B", "b.pdf", broken, "0" * 64)]
    with pytest.raises(OSError, match="vault unreadable") as raised:
        write(out, entries, title="t", subtitle="", made_on=MADE_ON)
    assert any("b.pdf" in note for note in getattr(raised.value, "__notes__", []))
    assert out.read_bytes() == b"the earlier bundle"
    assert list(tmp_path.iterdir()) == [out]


def test_it_reads_each_file_once(tmp_path: Path) -> None:
    calls: list[str] = []

    def reader(name: str, content: bytes) -> Callable[[], bytes]:
        def read() -> bytes:
            calls.append(name)
            return content

        return read

    entries = [
        Entry(n, f"{n}.pdf", reader(n, n.encode()), hashlib.sha256(n.encode()).hexdigest())
        for n in ("a", "b", "c")
    ]
    write(tmp_path / "p.zip", entries, title="t", subtitle="", made_on=MADE_ON)
    assert calls == ["a", "b", "c"]


def index_text(bundle: Path) -> str:
    with zipfile.ZipFile(bundle) as zf:
        reader = PdfReader(io.BytesIO(zf.read("index.pdf")))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_index_lists_every_file_with_its_hash(bundle: Path) -> None:
    text = index_text(bundle)
    for title in (
        "Registration packet: General Medical Council",
        "United Kingdom, specialist register",
        "Applicant: Dr Zofia Gęślińska",
        "Medical degree diploma",
        "Residency certificate",
        "Свидетельство об аккредитации",
        "Tłumaczenie przysięgłe",
        "Email from the GMC, 3 Mar 2025",
        "apostille 3 Mar 2025",
        "files/02a-tłumaczenie ę.pdf",
        "30 Jun 2024",
        "02a",
    ):
        assert title in text, title
    assert ENTRIES[0].sha256 in text
    assert "24 Nov 2026" in text


def test_the_index_says_how_to_check(bundle: Path) -> None:
    text = index_text(bundle)
    assert "sha256sum -c SHA256SUMS" in text
    assert "shasum -a 256 -c SHA256SUMS" in text
    assert "Get-FileHash" in text
    assert "not listed in SHA256SUMS" in " ".join(text.split())
