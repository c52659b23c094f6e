"""Case-log import benchmark (not a timed test): a 50,000-row ACGME-style download.

Target: a few seconds to read, check and store 50,000 rows (CSV and .xlsx) into
SQLite in a temporary data folder. Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import csv
import os
import platform
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROWS = 50_000
HEADER = [
    "Case ID",
    "Procedure Date",
    "Resident Role",
    "Area",
    "Type",
    "Defined Category",
    "CPT Code",
    "CPT Description",
    "Year of Case",
    "Site",
    "Patient MRN",
]
CATEGORIES = [
    ("Abdomen", "Hernia - inguinal", "49505", "Repair initial inguinal hernia"),
    ("Abdomen", "Cholecystectomy", "47562", "Laparoscopy cholecystectomy"),
    ("Alimentary Tract", "Colectomy", "44204", "Laparoscopy colectomy partial"),
    ("Vascular", "Vascular access", "36821", "Arteriovenous anastomosis direct"),
    ("Endocrine", "Thyroidectomy", "60240", "Thyroidectomy total or complete"),
]
ROLES = ["Surgeon Chief", "Surgeon Junior", "Teaching Assistant", "First Assistant", "Observer"]


def rows(n: int) -> list[list[str]]:
    rng = random.Random(7)
    out = []
    case = 100_000
    start = date(2021, 7, 1)
    while len(out) < n:
        case += 1
        area, category, cpt, text = rng.choice(CATEGORIES)
        day = start + timedelta(days=rng.randrange(5 * 365))
        role = rng.choice(ROLES)
        for extra in range(rng.choice([1, 1, 1, 2])):  # some cases carry two codes
            out.append(
                [
                    str(case),
                    day.strftime("%m/%d/%Y"),
                    role,
                    area,
                    "Open",
                    category,
                    str(int(cpt) + extra),
                    text,
                    f"PGY-{1 + (day - start).days // 365}",
                    rng.choice(["University Hospital", "VA Medical Center"]),
                    f"{rng.randrange(10**7):08d}",
                ]
            )
    return out[:n]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="wayhome-bench-"))
    os.environ["WAYHOME_DATA_DIR"] = str(folder / "data")
    from wayhome.adapters.db import store

    store.setup()
    import openpyxl

    from wayhome.adapters.db.models import ProcedureRecord
    from wayhome.services import cases

    data = rows(ROWS)
    csv_path = folder / "caselog.csv"
    with csv_path.open("w", newline="") as f:
        csv.writer(f).writerows([HEADER, *data])
    xlsx_path = folder / "caselog.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in [HEADER, *data]:
        sheet.append(row)
    book.save(xlsx_path)

    owner = store.local_account()
    for path in (csv_path, xlsx_path):
        ProcedureRecord.objects.all().delete()
        began = time.perf_counter()
        imported = cases.import_file(owner, path)
        seconds = time.perf_counter() - began
        print(
            f"python {platform.python_version()}: import {path.suffix} {ROWS:,} rows "
            f"({imported.added:,} stored, {imported.totals.cases:,} cases): {seconds:6.2f} s"
        )
        began = time.perf_counter()
        again = cases.import_file(owner, path)
        print(
            f"  again, nothing new ({again.already:,} already stored): "
            f"{time.perf_counter() - began:6.2f} s"
        )


if __name__ == "__main__":
    main()
