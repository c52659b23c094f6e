"""Case-log benchmarks (not timed tests); figures go in docs/benchmarks.md.

1. Import, end to end: ``wayhome cases import FILE --json`` run as a person runs it (a
   new process each time, on a data folder already set up), for a 50,000-row download
   shaped like a real ACGME export (run-together headers, several rows per case, a
   patient column dropped), as CSV and as .xlsx; then the same file again, which adds
   nothing. Targets (#28 item 2): CSV <= 2 s, XLSX <= 4 s.
2. The procedure log page (``/p/<pk>/cases/``) through Django's test client with
   200,000 rows stored and a target regulator's procedure numbers to compare (DE,
   general surgery): first page, a page deep in the log (reached by its link, which
   names the row it follows, and typed in, counted off from the first row), one
   category; and the CV's totals (services/cv.make's read of the log). Target (#28
   item 3): p95 <= 100 ms.

    python -m bench.bench_caselog            # both (about two minutes)
    python -m bench.bench_caselog import     # only 1
    python -m bench.bench_caselog page       # only 2

SQLite in a temporary data folder; PostgreSQL when WAYHOME_DATABASE_URL names one
(its tables are emptied first: never point it at real data).

Quick mode (WAYHOME_BENCH_QUICK=1, bench/quick.py): 400 rows to import, 1,600 stored,
one import run and 3 requests each; to show it runs, not to measure.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tests.helpers import acgme

from bench.quick import say_quick, sized
from bench.shell import user_env
from bench.targets import at_most

ROWS = sized(50_000, 400)
PAGE_ROWS = sized(200_000, 1_600)
RUNS = sized(3, 1)  # imports: the median of three fresh processes
REQUESTS = sized(40, 3)
IMPORT_TARGET_S = {".csv": 2, ".xlsx": 4}  # #28: 50,000 rows end to end
PAGE_TARGET_MS = 100  # #28: p95 server time at 200,000 rows
HEADER = [*acgme.COLUMNS, "Institution", "PatientMRN"]
CATEGORIES = [
    ("Abdomen", "Hernia", "Hernia - inguinal", "49505", "Repair initial inguinal hernia"),
    ("Abdomen", "Biliary", "Cholecystectomy", "47562", "Laparoscopy cholecystectomy"),
    ("Alimentary Tract", "Large Intestine", "Colectomy", "44204", "Laparoscopy colectomy"),
    ("Vascular", "Access", "Vascular access", "36821", "Arteriovenous anastomosis direct"),
    ("Endocrine", "Thyroid", "Thyroidectomy", "60240", "Thyroidectomy total or complete"),
    ("Skin/Soft Tissue", "Excision", "", "11400", "Excision benign lesion"),
]
ROLES = ["Surgeon", "Surgeon", "Surgeon", "Assistant", "Teaching Assistant"]


def rows(n: int, first_case: int = 100_000, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    out: list[list[str]] = []
    case = first_case
    start = date(2021, 7, 1)
    while len(out) < n:
        case += 1
        area, kind, category, cpt, text = rng.choice(CATEGORIES)
        day = start + timedelta(days=rng.randrange(5 * 365))
        role = rng.choice(ROLES)
        for extra in range(rng.choice([1, 1, 1, 2])):  # one case in four: two codes
            out.append(
                [
                    str(case),
                    day.strftime("%m/%d/%Y"),
                    role,
                    area,
                    kind,
                    category,
                    str(int(cpt) + extra),
                    text,
                    f"PGY-{1 + (day - start).days // 365}",
                    rng.choice(["University Hospital", "VA Medical Center"]),
                    f"{rng.randrange(10**7):08d}",
                ]
            )
    return out[:n]


def write_files(folder: Path, data: list[list[str]], name: str) -> tuple[Path, Path]:
    import openpyxl

    csv_path = folder / f"{name}.csv"
    with csv_path.open("w", newline="") as f:
        csv.writer(f).writerows([HEADER, *data])
    xlsx_path = folder / f"{name}.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in [HEADER, *data]:
        sheet.append(row)
    book.save(xlsx_path)
    return csv_path, xlsx_path


def where() -> str:
    url = os.environ.get("WAYHOME_DATABASE_URL", "")
    return "PostgreSQL" if url else "SQLite"


def bench_import(folder: Path) -> None:
    """The installed command in a new process, on a data folder set up beforehand (the
    first run's migrations are not an import's cost)."""
    wayhome = Path(sys.executable).with_name("wayhome")
    csv_path, xlsx_path = write_files(folder, rows(ROWS), "caselog")
    template = folder / "template"
    env = user_env(folder / "bytecode", WAYHOME_DATA_DIR=str(template))
    subprocess.run([str(wayhome), "cases", "minimums", "--json"], env=env, capture_output=True)
    print(f"python {platform.python_version()}, {where()}: `wayhome cases import FILE --json`")
    for path in (csv_path, xlsx_path):
        first: list[tuple[float, float]] = []
        again: list[tuple[float, float]] = []
        for run in range(RUNS):
            data = folder / f"data-{path.suffix[1:]}-{run}"
            shutil.copytree(template, data)
            env = user_env(folder / "bytecode", WAYHOME_DATA_DIR=str(data))
            _reset_postgres(env)
            for times in (first, again):
                began, cpu = time.perf_counter(), _children_cpu()
                done = subprocess.run(
                    [str(wayhome), "cases", "import", str(path), "--json"],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                times.append((time.perf_counter() - began, _children_cpu() - cpu))
                out = json.loads(done.stdout)
        wall = statistics.median(t[0] for t in first)
        print(
            f"  {path.suffix} {ROWS:,} rows: {_median(first)} (median of {RUNS}; "
            f"{out['already_stored']:,} stored, {out['totals']['cases']:,} cases, "
            f"{out['uncategorised']:,} without a category); again, nothing new: "
            f"{_median(again)}; {at_most(wall, IMPORT_TARGET_S[path.suffix], 's')}"
        )


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes: on a machine shared
    with other work, what the command itself took (a PostgreSQL server's is not in it)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _median(times: list[tuple[float, float]]) -> str:
    wall = statistics.median(t[0] for t in times)
    cpu = statistics.median(t[1] for t in times)
    return f"{wall:.2f} s wall, {cpu:.2f} s CPU"


def _reset_postgres(env: dict[str, str]) -> None:
    """On PostgreSQL every run shares one database: start each from an empty log."""
    if not env.get("WAYHOME_DATABASE_URL"):
        return
    code = (
        "from wayhome.adapters.db import store; store.setup();"
        "from wayhome.adapters.db.models import ProcedureRecord, CaseLogTotal, CaseLogKind;"
        "[m.objects.all().delete() for m in (ProcedureRecord, CaseLogTotal, CaseLogKind)]"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def bench_page(folder: Path) -> None:
    os.environ["WAYHOME_DATA_DIR"] = str(folder / "page-data")
    os.environ["WAYHOME_ALLOWED_HOSTS"] = "testserver"  # Django's test client's host name
    os.environ["DJANGO_SETTINGS_MODULE"] = "wayhome.web.settings"
    from wayhome.adapters.db import store

    store.setup("wayhome.web.settings")
    from django.test import Client

    from wayhome.adapters.db.models import CaseLogKind, CaseLogTotal, ProcedureRecord, StoredProfile
    from wayhome.adapters.profiles import example_path, load_profile, to_data
    from wayhome.services import cases
    from wayhome.services import cv as cv_service

    for model in (ProcedureRecord, CaseLogTotal, CaseLogKind):
        model.objects.all().delete()
    user = store.local_account()
    profile, _ = load_profile(example_path("cardiology-in"))
    data = to_data(profile)
    data["specialty"] = "general-surgery"
    data["plan"]["targets"] = ["DE"]
    row, _ = StoredProfile.objects.update_or_create(owner=user, defaults={"data": data})
    began = time.perf_counter()
    for part in range(PAGE_ROWS // ROWS):  # four downloads of different cases
        path, _ = write_files(folder, rows(ROWS, 10_000_000 * (part + 1), part), f"part{part}")
        imported = cases.import_file(user, path)
    stored = time.perf_counter() - began
    t = imported.totals
    print(
        f"python {platform.python_version()}, {where()}: {t.procedures:,} rows stored "
        f"({t.cases:,} cases) in {stored:.1f} s; {REQUESTS} requests each after a warm-up"
    )
    assert t.procedures == PAGE_ROWS
    client = Client()
    client.force_login(user)
    url = f"/p/{row.pk}/cases/"
    deep = PAGE_ROWS // cases.PER_PAGE // 2
    after = cases.log_page(user, deep - 1).last_id  # what page deep - 1's "Later" link says
    for what, query in (
        ("procedure log page, first page", ""),
        (f"procedure log page, page {deep:,} from its link", f"?page={deep}&after={after}"),
        (f"procedure log page, page {deep:,} typed in", f"?page={deep}"),
        ("procedure log page, one category", "?category=Cholecystectomy"),
    ):
        response = client.get(url + query)  # the warm-up, checked
        assert response.status_code == 200, response.status_code
        assert b"Procedure numbers for DE" in response.content
        times = [_timed(lambda q=query: client.get(url + q)) for _ in range(REQUESTS)]
        report(what, times, PAGE_TARGET_MS)
    report(
        "CV totals (cases.totals_of)",
        [_timed(lambda: cases.totals_of(user)) for _ in range(REQUESTS)],
        PAGE_TARGET_MS,
    )
    report(
        "the CV (services/cv.make, its totals included)",
        [_timed(lambda: cv_service.make(user, "DE")) for _ in range(REQUESTS)],
        PAGE_TARGET_MS,
    )


def _timed(call) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(wall, CPU) milliseconds of one call in this process (SQLite's work included)."""
    began, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000


def report(what: str, times: list[tuple[float, float]], target_ms: float | None = None) -> None:
    walls, cpus = sorted(t[0] for t in times), sorted(t[1] for t in times)
    at = int(0.95 * (len(times) - 1))
    against = f"; p95 {at_most(walls[at], target_ms, 'ms')}" if target_ms else ""
    print(
        f"  {what}: median {statistics.median(walls):.1f} ms, p95 {walls[at]:.1f} ms "
        f"(CPU: median {statistics.median(cpus):.1f} ms, p95 {cpus[at]:.1f} ms){against}"
    )


def main() -> None:
    which = sys.argv[1:] or ["import", "page"]
    say_quick()
    folder = Path(tempfile.mkdtemp(prefix="wayhome-bench-"))
    try:
        if "import" in which:
            bench_import(folder)
        if "page" in which:
            bench_page(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
