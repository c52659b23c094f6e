"""What every area's output shares: the disclaimer and how a date is shown."""

from __future__ import annotations

from datetime import date
from typing import Final

from wayhome.core.common import dates

DISCLAIMER: Final = (
    "Planning help, not legal advice: every rule names its source and when it was "
    "last checked; confirm what matters with the regulator in writing."
)


def fmt_day(d: date | None) -> str:
    """A date as '1 Jul 2025', or a dash when there is none."""
    return dates.fmt(d) if d else "—"
