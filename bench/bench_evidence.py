"""Evidence benchmarks (not timed tests): reading a scanned page, suggesting dates from a
long letter, and searching the sealed text of many stored files.

Targets: a scanned page read in a second or two; suggestions for a five-page letter well
under a second; a search across 1,000 read files (decrypting each text in memory) in
under a second. Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

FILES = 1_000
LINES = [
    "Graduate Medical Education Office, University Hospital",
    "Date: March 3, 2025",
    "This is to certify that Dr. Anna Kowalska completed residency in Internal Medicine",
    "from July 1, 2021 to June 30, 2024, in good standing.",
] + [
    f"Rotation {i}: inpatient medicine, 4 weeks, evaluated as meeting expectations."
    for i in range(36)
]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="wayhome-bench-"))
    os.environ["WAYHOME_DATA_DIR"] = str(folder / "data")
    from wayhome.adapters.db import store

    store.setup()
    from tests.helpers.letters import scan_png

    from wayhome.adapters import ocr
    from wayhome.adapters.db.models import FileReading
    from wayhome.core.evidence.suggest import suggest
    from wayhome.services import search, vault

    print(f"python {platform.python_version()}")
    page = scan_png(LINES, size=26)
    if shutil.which("tesseract"):
        ocr.extract_text(page, "image/png")  # warm up (loads the language data)
        began = time.perf_counter()
        read = ocr.extract_text(page, "image/png")
        print(f"OCR of one scanned page ({len(LINES)} lines): {time.perf_counter() - began:5.2f} s")
        text = read.text
    else:
        print("OCR: tesseract is not installed, skipped")
        text = "\n".join(LINES)
    letter = (text + "\n") * 5
    suggest("warm up: 1 July 2021")
    began = time.perf_counter()
    found = suggest(letter)
    print(
        f"suggest on a five-page letter ({len(found.dates)} dates): "
        f"{(time.perf_counter() - began) * 1000:6.1f} ms"
    )

    owner = store.local_account()
    v = vault.open_vault("benchmark passphrase", create=True)
    for i in range(FILES):
        body = f"{text}\nFile {i}: letter number {i}.".encode()
        stored = vault.ingest(owner, v, f"letter-{i}.pdf", b"%PDF-1.4\n" + body + b"\n%%EOF\n")
        vf = store_file(owner, stored.object_id)
        FileReading.objects.create(
            owner=owner, vault_file=vf, status="done", method="text",
            text=v.seal(body, vf.object_id),
        )  # fmt: skip
    for query in ("kowalska", "letter number 999", "no such words here"):
        began = time.perf_counter()
        hits = search.search(owner, query, v).hits
        print(
            f"search {FILES:,} read files for {query!r} ({len(hits)} hits): "
            f"{time.perf_counter() - began:5.2f} s"
        )


def store_file(owner, object_id):  # type: ignore[no-untyped-def]
    from wayhome.adapters.db.models import VaultFile

    return VaultFile.objects.get(owner=owner, object_id=object_id)


if __name__ == "__main__":
    main()
