"""One convention for periods, used by every rule kind that counts one.

A period of length N that **starts on day S** (S is its first day) covers
S … S + N − 1 day: it is **completed on** S + N − 1 day, and what it unlocks is
allowed **from** S + N. Years and months are calendar lengths (1 May 2028 + 12
months − 1 day = 30 Apr 2029), clamped at month ends (29 Feb + 1 year is 28 Feb;
31 Jan + 1 month is 28 or 29 Feb); a length in days is that many days.

Whether a period starts **on** its anchor (the anchor is day 1) or **after** it (the
next day is day 1) depends on the anchor: a graduation day is a day of the window
it opens, but the last day of training is not a day of experience after training.
:data:`DEFAULT_COUNTING` fixes it per kind and anchor; a pack may override it per
rule (``counting: on | after``), and every explanation says which was used.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Final

from msgspec import Struct

from wayhome.core.common.dates import ONE_DAY, Span, add_span, fmt


class Counting(StrEnum):
    ON = "on"  # the anchor is day 1
    AFTER = "after"  # the day after the anchor is day 1


PERIOD_CONVENTION: Final = (
    "a period of N starting on day S covers S to S + N − 1 day: it is completed on "
    "S + N − 1 day, and what it unlocks is allowed from S + N; 29 February + N years "
    "lands on 28 February in a common year"
)

# (rule kind or clock, anchor) -> how it counts; the table docs/rule-packs.md prints.
DEFAULT_COUNTING: Final[dict[tuple[str, str], Counting]] = {
    ("max_years_since_graduation", "graduation"): Counting.ON,
    ("max_years_since_training", "training_end"): Counting.ON,
    ("min_years_experience", "training"): Counting.AFTER,
    ("min_years_experience", "residency"): Counting.AFTER,
    ("min_years_experience", "fellowship"): Counting.AFTER,
    ("min_years_experience", "board_certification"): Counting.ON,
    ("recent_practice", "last_practice"): Counting.AFTER,
    ("exam", "pass"): Counting.ON,
    ("document_validity", "issued"): Counting.ON,
    ("local_training", "start"): Counting.ON,
    ("course_window", "course_start"): Counting.ON,
    ("temporary_licence", "grant"): Counting.ON,
    # The US visa clocks (core/visa; docs/visa.md): a pack cannot change these.
    ("j1-limit", "programme_start"): Counting.ON,
    ("j1-grace", "programme_end"): Counting.AFTER,
    ("j1-extension", "programme_end"): Counting.AFTER,
    ("j1-home", "first_day_home"): Counting.ON,
    ("conrad-30", "approval"): Counting.AFTER,
    ("conrad-30", "employment_start"): Counting.ON,
    ("h1b-max", "first_day_in_status"): Counting.ON,
}


class Period(Struct, frozen=True):
    """A counted period: its anchor, first day, the day it is completed, and the first
    day of what it unlocks."""

    anchor: date
    counting: Counting
    first_day: date
    completed_on: date
    allowed_from: date

    def counted(self, anchor_name: str) -> str:
        """How the period was counted, in words: "counting graduation as day 1"."""
        if self.counting is Counting.ON:
            return f"counting {anchor_name} as day 1"
        return f"counting from the day after {anchor_name}, {fmt(self.first_day)}"


def period(anchor: date, span: Span, counting: Counting) -> Period:
    """The period of length ``span`` counted ``on`` or ``after`` ``anchor``."""
    first = anchor if counting is Counting.ON else anchor + ONE_DAY
    allowed = add_span(first, span)
    return Period(anchor, counting, first, allowed - ONE_DAY, allowed)


def counting_for(kind: str, anchor: str, override: Counting | None = None) -> Counting:
    """The counting a rule uses: the pack's ``counting`` where it sets one, else the table."""
    return override or DEFAULT_COUNTING[(kind, anchor)]
