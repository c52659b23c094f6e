"""The procedure log: import a case-log file into the data folder, and count it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from wayhome.adapters import profiles
from wayhome.adapters.db import store
from wayhome.adapters.db.models import ProcedureRecord
from wayhome.adapters.importers.caselog import ImportResult, read_case_log, read_mapping
from wayhome.core import dates
from wayhome.core.cv.cases import Procedure, Totals, totals
from wayhome.services import uploads

BATCH = 2000


@dataclass
class Imported:
    file: str
    result: ImportResult
    added: int
    already: int
    totals: Totals

    def to_json(self) -> dict[str, Any]:
        r = self.result
        return {
            "file": self.file,
            "rows": r.rows,
            "added": self.added,
            "already_stored": self.already,
            "columns": r.columns,
            "dropped_columns": r.dropped,
            "ignored_columns": r.ignored,
            "rejected": [{"row": p.row, "message": p.message} for p in r.problems],
            "totals": self.totals.to_json(),
        }


def import_file(
    owner: Any,
    path: Path,
    mapping: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    name: str | None = None,
) -> Imported:
    """Read the file, store the rows not stored yet, and count everything stored.

    Rows identical within one file are kept apart by their order, so a case with
    the same code twice (bilateral, say) counts twice, and re-importing the same
    or an updated download adds nothing twice.
    """
    result = read_case_log(path, read_mapping(mapping) if mapping else None, progress)
    seen: Counter[str] = Counter()
    rows: dict[str, Procedure] = {}
    for p in result.procedures:
        seen[p.key] += 1
        rows[f"{p.key[:28]}{seen[p.key]:04x}"] = p
    stored = set(ProcedureRecord.objects.filter(owner=owner).values_list("key", flat=True))
    new = [
        ProcedureRecord(owner=owner, key=k, data=p.to_json(), source=(name or path.name)[:255])
        for k, p in rows.items()
        if k not in stored
    ]
    with transaction.atomic():
        ProcedureRecord.objects.bulk_create(new, batch_size=BATCH)
    return Imported(
        name or path.name, result, len(new), len(rows) - len(new), totals(procedures(owner))
    )


def procedures(owner: Any) -> list[Procedure]:
    rows = ProcedureRecord.objects.filter(owner=owner).values_list("data", flat=True)
    return [Procedure.from_json(d) for d in rows.iterator(chunk_size=BATCH)]


def import_upload(owner: Any, name: str, data: bytes) -> Imported:
    with uploads.as_file(name, data) as path:
        return import_file(owner, path, name=Path(name).name)


def summary(owner: Any, on: date) -> tuple[Totals, str, list[str]]:
    """The stored log's totals, with the name and US training from the stored profile if any."""
    data = store.profile_data(owner)
    person, training = "", []
    if data is not None:
        profile = profiles.from_data(data)
        person = profile.person.name
        training = [
            f"{t.kind.value.capitalize()} in {t.specialty.replace('-', ' ')}"
            f"{', ' + t.program if t.program else ''}, {t.country}: "
            f"{dates.fmt_month(t.start)} to {dates.fmt_month(t.end)}"
            for t in profile.training
        ]
    return totals(procedures(owner)), person, training
