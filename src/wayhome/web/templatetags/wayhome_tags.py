"""Template filters: dates as physicians write them, statuses in words."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from wayhome.core.common import dates
from wayhome.core.evidence.consistency import LABELS

register = template.Library()

PATHWAY = {
    "full_specialist": "full specialist",
    "provisional": "provisional specialist",
    "conversion": "conversion needed (local exams or years)",
    "not_recognised": "not recognised",
    "unknown": "unknown: ask the regulator",
}


@register.filter
def day(value: date | None) -> str:
    return dates.fmt(value) if value else "—"


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def isoday(value: str | None) -> str:
    return dates.fmt(date.fromisoformat(value)) if value else "—"


@register.filter
def pathway(value: Any) -> str:
    return PATHWAY.get(getattr(value, "value", str(value)), str(value))


# A status in capitals, where the word itself would not say it plainly.
STATUS_WORDS = {"indeterminate": "CAN'T TELL", "blocked": "BLOCKED"}


@register.filter
def upper_status(value: Any) -> str:
    word = str(getattr(value, "value", value))
    return STATUS_WORDS.get(word, word.upper())


@register.filter
def fact_label(field: str) -> str:
    """A field of the names-and-dates check in words ("training_end": "End of training")."""
    return LABELS.get(field, field.replace("_", " ").capitalize())
