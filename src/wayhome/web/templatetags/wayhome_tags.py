"""Template filters: dates as physicians write them, statuses in words."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.forms import BoundField

from wayhome.core.common import dates
from wayhome.core.evidence.consistency import LABELS
from wayhome.web.forms.base import TENSE, CheckedForm

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


@register.filter
def confirm_box(field: BoundField) -> dict[str, Any] | None:
    """The box that confirms a day questioned for being on the wrong side of today (shown
    while it is questioned, and kept once ticked): its name, id and state."""
    form = field.form
    if not isinstance(form, CheckedForm) or getattr(form, "_errors", None) is None:
        return None
    checked = form.confirmed(field.name)
    if not (form.has_error(field.name, TENSE) or checked):
        return None
    return {
        "name": form.confirm_name(field.name),
        "id": f"{field.auto_id}-confirmed",
        "checked": checked,
    }
