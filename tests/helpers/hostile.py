"""Hostile files for the importers (tests/hostile): each a bad copy of a good export,
made the same way every run (no randomness), and the paths that are no file at all."""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

FILES = Path(__file__).parents[1] / "cv" / "files"
PROFILE = Path(__file__).parents[2] / "src" / "wayhome" / "examples" / "do-the-math.yaml"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "hello")
    return buf.getvalue()


def bad_copies(good: bytes) -> dict[str, bytes]:
    """Name -> content: empty, binary, the wrong encoding, cut short, the wrong type."""
    text = good.decode("utf-8", "replace")
    return {
        "empty": b"",
        "binary": random.Random(24).randbytes(4096),
        "utf-16-without-bom": text.encode("utf-16-le"),
        "utf-32": text.encode("utf-32"),
        "latin-1": text.encode("latin-1", "replace") + "é".encode("latin-1"),
        "nul-byte": good[:40] + b"\x00" + good[40:],
        "cut-short": good[: len(good) // 2],
        "a-pdf": b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
        "a-zip": _zip(),
        "a-png": bytes.fromhex("89504e470d0a1a0a") + b"\x00" * 64,
        "over-long-field": b"\n".join(
            line + b"y" * 150_000 if i in (1, 2) else line
            for i, line in enumerate(good.split(b"\n"))
        ),
    }


def no_file(tmp: Path, good: Path, kind: str) -> Path:
    """A path that is not a readable file: a folder, missing, a dangling link, a pipe."""
    if kind == "folder":
        (tmp / "a-folder").mkdir()
        return tmp / "a-folder"
    if kind == "missing":
        return tmp / "missing.txt"
    if kind == "dangling-link":
        (tmp / "dangling").symlink_to(tmp / "nothing-here")
        return tmp / "dangling"
    if kind == "pipe":
        os.mkfifo(tmp / "a-pipe")
        return tmp / "a-pipe"
    raise ValueError(kind)


# Windows has no named pipes in the file system (and links need a privilege there).
NO_FILE = (
    ("folder", "missing", "dangling-link", "pipe")
    if hasattr(os, "mkfifo")
    else ("folder", "missing")
)
