"""Template filters: dates as physicians write them, statuses in words, countries by
name.

A date shown never breaks across two lines ("30 Jun" on one, "2024" on the next):
``day`` and ``isoday`` give it as ``<time class="day">``, and ``keepwhole`` wraps each
date in a sentence ("… due 30 Jun 2024"), and each other phrase kept whole on the
command line too (core/common/phrases.py), in ``<span class="day">``; app.css keeps a
``.day`` on one line. Both keep ordinary spaces, so a copied date pastes as typed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Final

from django import template
from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

from wayhome.core.common import countries, dates
from wayhome.core.common.phrases import WHOLE
from wayhome.core.evidence.consistency import LABELS
from wayhome.core.money.forecast import fmt_amount
from wayhome.core.planner.verdict import TRAINING_WORDS
from wayhome.web.forms.base import TENSE, CheckedForm

register = template.Library()

# What US training counts as: the verdict's words (core/planner/verdict.py), the same on
# the dashboard's cards, a target's page and the scenarios.
PATHWAY: Final = {p.value: words for p, words in TRAINING_WORDS.items()}


def _time(value: date) -> SafeString:
    return format_html(
        '<time class="day" datetime="{}">{}</time>', f"{value:%Y-%m-%d}", dates.fmt(value)
    )


@register.filter
def day(value: date | None) -> str:
    """'30 Jun 2024', kept on one line (a ``<time>`` with its ISO date); '—' for none."""
    return _time(value) if value else "—"


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def isoday(value: str | None) -> str:
    return _time(date.fromisoformat(value)) if value else "—"


@register.filter(needs_autoescape=True)
def keepwhole(value: Any, autoescape: bool = True) -> str | SafeData:
    """A sentence with each phrase a line must not break inside (core/common/phrases.py: a
    date, a visa class, "Tier 1", "(in 10 days)") kept on one line, as the command line
    keeps it.

    The text is escaped first (unless autoescape is off), then the dates and classes,
    which hold no markup, are wrapped. Text already marked safe is markup of its own:
    left alone.
    """
    if isinstance(value, SafeData):
        return value
    text = str(conditional_escape(value) if autoescape else value)
    return mark_safe(WHOLE.sub(lambda m: f'<span class="day">{m.group(0)}</span>', text))


@register.filter
def amount(value: Decimal, currency: str) -> str:
    """Money as every shell shows it: "USD 779,550" (core.money.forecast.fmt_amount)."""
    return fmt_amount(value, currency)


@register.filter
def country(code: str) -> str:
    """A country's name from its code ("IN": "India"); an unknown code as it is."""
    return countries.country_name(str(code))


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
