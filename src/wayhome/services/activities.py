"""Teaching, leadership and awards for the CV, each linked to the letter in the vault
that proves it."""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.adapters.db.models import ActivityRecord, VaultFile
from wayhome.core.cv.activities import Activity, ActivityKind


class ActivityError(Exception):
    """What was given cannot be stored; the message says which field and why."""


def _letter(owner: Any, file_id: int | None) -> VaultFile | None:
    if file_id is None:
        return None
    vf = VaultFile.objects.filter(owner=owner, pk=file_id).first()
    if vf is None:
        raise ActivityError(f"letter: there is no stored file number {file_id}")
    return vf


def add(
    owner: Any,
    kind: str,
    title: str,
    *,
    organisation: str = "",
    start: date | None = None,
    end: date | None = None,
    detail: str = "",
    letter: int | None = None,
) -> ActivityRecord:
    try:
        kind = ActivityKind(kind).value
    except ValueError:
        names = ", ".join(k.value for k in ActivityKind)
        raise ActivityError(f"kind: '{kind}' is not one of {names}") from None
    if not title.strip():
        raise ActivityError("title: say what the role or award was")
    if start and end and end < start:
        raise ActivityError("end: it is before the start")
    return ActivityRecord.objects.create(
        owner=owner,
        kind=kind,
        title=title.strip()[:200],
        organisation=organisation.strip()[:200],
        start=start,
        end=end,
        detail=detail.strip(),
        letter=_letter(owner, letter),
    )


def link_letter(owner: Any, activity_id: int, file_id: int | None) -> None:
    record = ActivityRecord.objects.filter(owner=owner, pk=activity_id).first()
    if record is None:
        raise ActivityError(f"there is no activity number {activity_id}")
    record.letter = _letter(owner, file_id)
    record.save(update_fields=["letter"])


def remove(owner: Any, activity_id: int) -> None:
    ActivityRecord.objects.filter(owner=owner, pk=activity_id).delete()


def records(owner: Any) -> list[ActivityRecord]:
    return list(ActivityRecord.objects.filter(owner=owner).select_related("letter"))


def activities(owner: Any) -> list[Activity]:
    return [
        Activity(
            ActivityKind(r.kind),
            r.title,
            r.organisation,
            r.start,
            r.end,
            r.detail,
            r.letter.name if r.letter else "",
        )
        for r in records(owner)
    ]


def record_json(r: ActivityRecord) -> dict[str, Any]:
    return {
        "id": r.pk,
        "kind": r.kind,
        "title": r.title,
        "organisation": r.organisation,
        "start": r.start.isoformat() if r.start else None,
        "end": r.end.isoformat() if r.end else None,
        "detail": r.detail,
        "letter": {"id": r.letter.pk, "name": r.letter.name} if r.letter else None,
    }
