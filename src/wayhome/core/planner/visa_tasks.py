"""The visa clocks in the plan: each clock's date as a date to mark, with the clock's
status, and the years at home after a J-1 as its clock counts them.

The clocks (:mod:`wayhome.core.visa.clocks`) are computed once; these tasks only take
their dates and statuses, so the timeline, the dashboard and `wayhome visa` agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from wayhome.core.common import dates
from wayhome.core.planner.results import TaskSpec, TaskStatus
from wayhome.core.planner.template import Category
from wayhome.core.visa.clocks import SETTLED, Clock, ClockStatus, days_words

HOME_CLOCK: Final = "j1-home"
HOME_WHY: Final = "Until it is done (or waived), a US work visa or green card is closed to you."

# A clock's status as its task's: the words `wayhome visa` shows, in the plan too.
TASK_STATUS: Final = {
    ClockStatus.CONFLICT: TaskStatus.CONFLICT,
    ClockStatus.TIGHT: TaskStatus.TIGHT,
    ClockStatus.UNKNOWN: TaskStatus.UNKNOWN,
}
_STATUS_WORDS: Final = {
    ClockStatus.CONFLICT: "your plan breaks it",
    ClockStatus.TIGHT: "kept, with under a year to spare",
    ClockStatus.UNKNOWN: "it cannot be counted yet",
    ClockStatus.GRACE: "you are in it now",
}


def from_clocks(found: Sequence[Clock]) -> list[TaskSpec]:
    """The visa clocks' dates, as dates to remember, each with its clock's status."""
    return [
        TaskSpec(
            id=f"visa:{c.id}",
            title=c.title,
            why=c.explanation,
            category=Category.VISA,
            milestone=True,
            latest=c.date,
            latest_why=_as_counted(c),
            days=1,
            status=TASK_STATUS.get(c.status),
        )
        for c in found
        if c.date is not None and c.status not in SETTLED
    ]


def _as_counted(c: Clock) -> str:
    words = "a warning" if c.id == "drift" else _STATUS_WORDS.get(c.status)
    return "as the visa clocks count it" + (f": {words}" if words else "")


def home_clock(found: Sequence[Clock]) -> Clock | None:
    return next((c for c in found if c.id == HOME_CLOCK), None)


def home_period(
    task_id: str,
    title: str,
    years: int,
    code: str,
    clock: Clock | None,
    back: date,
    waived_on: date | None,
) -> TaskSpec:
    """The years at home after a J-1, on the dates its visa clock gives (days away from
    home included); a clock that is waived or cannot count says so, with no dates made
    up: a waiver on its date (today when none is recorded), an uncounted period at the
    return, the earliest it could start."""
    if clock is not None and clock.status is ClockStatus.WAIVED:
        return TaskSpec(
            id=task_id,
            title=f"{title}: waived",
            why=clock.explanation,
            category=Category.VISA,
            milestone=True,
            days=1,
            latest=waived_on,
            latest_why="your waiver is granted: the home requirement does not apply",
            jurisdiction=code,
            status=TaskStatus.DONE,
        )
    if clock is None or clock.last_day is None or clock.met_on is None:
        return TaskSpec(
            id=task_id,
            title=f"{title}: not counted yet",
            why=(clock.explanation if clock else HOME_WHY),
            category=Category.VISA,
            milestone=True,
            days=1,
            earliest=back,
            earliest_why="your return, at the earliest: the visa clocks cannot count it yet",
            jurisdiction=code,
            status=TaskStatus.UNKNOWN,
        )
    first = clock.first_day  # a clock that counted the days says its day 1
    assert first is not None
    away = f", plus {days_words(clock.days_added)} away" if clock.days_added else ""
    met = clock.status is ClockStatus.MET
    return TaskSpec(
        id=task_id,
        title=title,
        why=HOME_WHY,
        category=Category.VISA,
        days=(clock.last_day - first).days + 1,
        earliest=first,
        latest=clock.last_day,
        given_why=f"as the visa clocks count it: {years} years from {clock.basis} as day "
        f"1{away}; the last day served is {dates.fmt(clock.last_day)}, and the requirement "
        f"is met on {dates.fmt(clock.met_on)}",
        jurisdiction=code,
        status=TaskStatus.DONE if met else None,
    )
