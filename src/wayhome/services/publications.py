"""Publications: import a reference export into the data folder, merged with what is there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from msgspec import Struct

from wayhome.adapters.db.models import PublicationRecord
from wayhome.adapters.importers.publications import ImportResult, read_publications
from wayhome.core.cv.publications import Publication, counts, merge
from wayhome.services import uploads


class Imported(Struct):
    file: str
    result: ImportResult
    added: int
    duplicates: int  # already stored or repeated in the file; their ids fill gaps
    papers: list[Publication]

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.result.format,
            "read": len(self.result.publications),
            "added": self.added,
            "duplicates": self.duplicates,
            "rejected": [{"where": p.where, "message": p.message} for p in self.result.problems],
            "notes": self.result.notes,
            "counts": counts(self.papers),
        }


def import_file(owner: Any, path: Path, name: str | None = None) -> Imported:
    """Read the export and merge it into the stored papers, all or nothing."""
    result = read_publications(path, name)
    with transaction.atomic():
        stored = publications(owner)
        merged, duplicates = merge(stored, result.publications)
        PublicationRecord.objects.filter(owner=owner).delete()
        PublicationRecord.objects.bulk_create(
            PublicationRecord(owner=owner, data=p.to_json(), position=i)
            for i, p in enumerate(merged)
        )
    return Imported(name or path.name, result, len(merged) - len(stored), duplicates, merged)


def publications(owner: Any) -> list[Publication]:
    rows = PublicationRecord.objects.filter(owner=owner).values_list("data", flat=True)
    return [Publication.from_json(d) for d in rows]


def import_upload(owner: Any, name: str, data: bytes) -> Imported:
    with uploads.as_file(name, data) as path:
        return import_file(owner, path, name=Path(name).name)
