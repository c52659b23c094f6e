"""The setup's draft: what was typed at each step of an unfinished setup, kept apart
from the stored profile (wayhome.services.setup reads and writes it)."""

from __future__ import annotations

from typing import Any

from wayhome.adapters.db.models import SetupDraft


def read(owner: Any) -> tuple[dict[str, Any], str] | None:
    """(answers by step, the step to resume at), or None when there is no draft."""
    row = SetupDraft.objects.filter(owner=owner).first()
    return None if row is None else (dict(row.answers), row.at)


def save(owner: Any, answers: dict[str, Any], at: str) -> None:
    SetupDraft.objects.update_or_create(owner=owner, defaults={"answers": answers, "at": at})


def remove(owner: Any) -> None:
    SetupDraft.objects.filter(owner=owner).delete()
