"""CV benchmark (not a timed test); figures go in docs/benchmarks.md.

The CV as PDF and as Word for a physician with 200 papers and 5,000 procedures in the
case log, in a fresh data folder (SQLite; PostgreSQL when WAYHOME_DATABASE_URL names
one: its tables are emptied first, never point it at real data). Each is made as the
web app's download makes it (services/cv.pdf_bytes and docx_bytes: the stored profile,
the log's totals, the papers and the activities read, the document built and written),
in this process, the median of RUNS runs after one warm-up run (the first import of
Typst or python-docx and the first compile are not a download's cost in a running
server). The first run's time is printed beside it. Each run is for the next of the
plan's four targets (India, the United Kingdom, Germany, Dubai), as a physician
switching targets on the CV page makes them, and made on another day, so that no two
runs make the same CV: Typst remembers what it laid out, and the same CV again (a
second download) is quicker than any first one, which is printed too.
Target (#28 item 6): <= 0.5 s each.

    python -m bench.bench_cv

Quick mode (WAYHOME_BENCH_QUICK=1, bench/quick.py): 12 papers, 60 procedures, 2 runs;
to show it runs, not to measure.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bench.quick import say_quick, sized
from bench.targets import at_most

PAPERS = sized(200, 12)
CASES = sized(5_000, 60)
RUNS = sized(12, 2)
TARGETS = ("IN", "GB", "DE", "AE-DHA")
TARGET_S = 0.5
ON = date(2026, 12, 5)


def papers_file(folder: Path) -> Path:
    """200 papers as CSL JSON (a reference manager's export), a third of them without a
    PMID, up to 12 authors each, so the CV cuts the list at six."""
    items = []
    for n in range(PAPERS):
        authors = [{"family": f"Author{n}x{k}", "given": "A."} for k in range(1 + n % 12)]
        item = {
            "id": f"paper{n}",
            "type": "article-journal",
            "title": f"A study of outcome {n} in patients after cardiac surgery: cohort {n % 17}",
            "container-title": f"Journal of Medicine {n % 9}",
            "author": [{"family": "Haddad", "given": "Rami"}, *authors],
            "issued": {"date-parts": [[2014 + n % 12, 1 + n % 12, 1]]},
            "DOI": f"10.1000/bench.{n}",
        }
        if n % 3:
            item["PMID"] = str(30_000_000 + n)
        items.append(item)
    path = folder / "papers.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def setup(folder: Path) -> object:
    """The local account with the cardiology-in example as its stored profile, 5,000
    procedures imported from an ACGME-shaped download and 200 papers from CSL JSON."""
    os.environ["WAYHOME_DATA_DIR"] = str(folder / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "wayhome.web.settings"
    from wayhome.adapters.db import store

    store.setup("wayhome.web.settings")
    from bench.bench_caselog import rows, write_files
    from wayhome.adapters.db.models import (
        CaseLogKind,
        CaseLogTotal,
        ProcedureRecord,
        PublicationRecord,
        StoredProfile,
    )
    from wayhome.adapters.profiles import example_path, load_profile, to_data
    from wayhome.services import cases, publications

    for model in (ProcedureRecord, CaseLogTotal, CaseLogKind, PublicationRecord):
        model.objects.all().delete()
    user = store.local_account()
    profile, _ = load_profile(example_path("cardiology-in"))
    data = to_data(profile)
    data["plan"]["targets"] = list(TARGETS)
    StoredProfile.objects.update_or_create(owner=user, defaults={"data": data})
    path, _ = write_files(folder, rows(CASES), "caselog")
    imported = cases.import_file(user, path)
    assert imported.totals.procedures == CASES, imported.totals.procedures
    got = publications.import_file(user, papers_file(folder))
    assert len(publications.publications(user)) == PAPERS, got
    return user


Make = Callable[[str, date], bytes]


def timed(make: Make, code: str, on: date) -> tuple[float, float, int]:
    """(wall s, CPU s, bytes) of one call for target ``code``, made on ``on``."""
    began, cpu = time.perf_counter(), time.process_time()
    out = make(code, on)
    return time.perf_counter() - began, time.process_time() - cpu, len(out)


def report(what: str, make: Make) -> None:
    first = timed(make, TARGETS[-1], ON - timedelta(days=1))
    runs = [timed(make, TARGETS[n % len(TARGETS)], ON + timedelta(days=n)) for n in range(RUNS)]
    again = [timed(make, TARGETS[0], ON) for _ in range(4)][1:]  # after one made it
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    print(
        f"  {what}: median {wall:.3f} s wall, {cpu:.3f} s CPU (of {RUNS}, each a CV not "
        f"made before; first run {first[0]:.3f} s; the same CV again "
        f"{statistics.median(r[0] for r in again):.3f} s; {runs[0][2]:,} bytes for IN); "
        f"{at_most(wall, TARGET_S, 's')}"
    )


def main() -> None:
    say_quick()
    folder = Path(tempfile.mkdtemp(prefix="wayhome-bench-cv-"))
    try:
        began = time.perf_counter()
        user = setup(folder)
        from wayhome.services import cv as cv_service

        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"python {platform.python_version()}, "
            f"{'PostgreSQL' if os.environ.get('WAYHOME_DATABASE_URL') else 'SQLite'}: "
            f"{PAPERS} papers, {CASES:,} procedures (set up in "
            f"{time.perf_counter() - began:.1f} s); load average {load:.1f}"
        )
        report(
            "the CV as PDF (services/cv.pdf_bytes)",
            lambda code, on: cv_service.pdf_bytes(cv_service.stored(user), on, code),
        )
        report(
            "the CV as Word (services/cv.docx_bytes)",
            lambda code, on: cv_service.docx_bytes(cv_service.stored(user), on, code),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
