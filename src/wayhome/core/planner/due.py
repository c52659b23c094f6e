"""When something still to do is due, in words, the same in every shell: "by 1 Jul
2028"; a little overdue, by how long ("3 weeks overdue (due 1 Nov 2026)"); long past
(over LONG_OVERDUE_DAYS), what to do about it ("do it now (it was due 1
Jul 2019)"), since "7 years overdue" helps no one act.

The next actions (the verdict's Action.when) and the readiness checklist both say
their dates through :func:`when_words`.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from wayhome.core.common import dates

# Past this many days overdue, a date says "do it now", not how long ago it was.
LONG_OVERDUE_DAYS: Final = 90


def overdue_words(days: int) -> str:
    """How long overdue, in its largest unit: "3 days", "5 weeks", "2 months"."""
    if days < 14:
        n, unit = days, "day"
    elif days < 63:
        n, unit = days // 7, "week"
    elif days < 730:
        n, unit = days * 12 // 365, "month"
    else:
        n, unit = days // 365, "year"
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def when_words(start: date | None, due: date | None, overdue_days: int, ahead: str = "by") -> str:
    """A date to do something by, in words: ``ahead`` and the date while it is ahead
    ("by 1 Jul 2028", or "due 1 Jul 2028"); up to LONG_OVERDUE_DAYS past, how long
    overdue; longer past, "do it now (it was due ...)"; with no due date,
    "from" its start (empty without one)."""
    if due is not None and overdue_days > LONG_OVERDUE_DAYS:
        return f"do it now (it was due {dates.fmt(due)})"
    if due is not None and overdue_days > 0:
        return f"{overdue_words(overdue_days)} overdue (due {dates.fmt(due)})"
    if due is not None:
        return f"{ahead} {dates.fmt(due)}"
    return f"from {dates.fmt(start)}" if start is not None else ""


def overdue_by(due: date | None, on: date) -> int:
    """Days past ``due`` on ``on`` (0 when not past, or with no due date)."""
    return max((on - due).days, 0) if due is not None else 0
