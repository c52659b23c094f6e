"""Evidence benchmarks (not timed tests): reading a scanned page and suggesting dates
from a long letter.

Targets: a scanned page read in a second or two; suggestions for a five-page letter well
under a second. (Searching the text of 1,000 read files is in bench/bench_vault.py.)
Figures go in docs/benchmarks.md. Quick mode (WAYHOME_BENCH_QUICK=1, bench/quick.py): a
page of 8 lines, to show it runs, not to measure.
"""

from __future__ import annotations

import platform
import shutil
import time

from bench.quick import say_quick, sized

LINES = [
    "Graduate Medical Education Office, University Hospital",
    "Date: March 3, 2025",
    "This is to certify that Dr. Anna Kowalska completed residency in Internal Medicine",
    "from July 1, 2021 to June 30, 2024, in good standing.",
] + [
    f"Rotation {i}: inpatient medicine, 4 weeks, evaluated as meeting expectations."
    for i in range(sized(36, 4))
]


def main() -> None:
    from tests.helpers.letters import scan_png

    from wayhome.adapters import ocr
    from wayhome.core.evidence.suggest import suggest

    say_quick()
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


if __name__ == "__main__":
    main()
