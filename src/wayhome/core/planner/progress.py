"""Progress on tasks (done, skipped, moved, snoozed) and the calendar's memory.

Kept in a state file beside a profile file, or with the stored profile; both go
through these functions. A snooze only hides a task from the next actions until its
day (:mod:`wayhome.core.planner.verdict`): the plan still places it where it was.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, model_validator

from wayhome.core.common.strict import StrictModel


class Mark(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    MOVED = "moved"
    SNOOZED = "snoozed"


class TaskProgress(StrictModel):
    status: Mark
    on: date  # when it was done, skipped, moved or snoozed
    to: date | None = None  # with status moved: the new start date
    # Out of the next actions until this day (a snoozed task, or a moved one snoozed too).
    snoozed_until: date | None = None

    @model_validator(mode="after")
    def _snooze_has_its_day(self) -> TaskProgress:
        if self.status is Mark.SNOOZED and self.snoozed_until is None:
            raise ValueError("a snoozed task needs snoozed_until, the day it comes back")
        return self


class CalendarEntry(StrictModel):
    """What the last calendar export said of a task, to bump SEQUENCE on change."""

    fingerprint: str
    sequence: int = Field(0, ge=0)


class Progress(StrictModel):
    tasks: dict[str, TaskProgress] = Field(default_factory=dict)
    calendar: dict[str, CalendarEntry] = Field(default_factory=dict)

    def mark(self, task_id: str, status: Mark, on: date, to: date | None = None) -> Progress:
        """Record ``status``; for a snooze, ``to`` is the day the task comes back."""
        if status is Mark.SNOOZED:
            if to is None:
                raise ValueError("a snooze needs the day the task comes back")
            return self.snooze(task_id, to, on)
        tasks = {**self.tasks, task_id: TaskProgress(status=status, on=on, to=to)}
        return self.model_copy(update={"tasks": tasks})

    def snooze(self, task_id: str, until: date, on: date) -> Progress:
        """Out of the next actions until ``until``; a move recorded before is kept."""
        before = self.tasks.get(task_id)
        entry = (
            before.model_copy(update={"snoozed_until": until})
            if before is not None and before.status is Mark.MOVED
            else TaskProgress(status=Mark.SNOOZED, on=on, snoozed_until=until)
        )
        return self.model_copy(update={"tasks": {**self.tasks, task_id: entry}})

    def clear(self, task_id: str) -> Progress:
        """Forget what was recorded for a task (an undo)."""
        tasks = {k: v for k, v in self.tasks.items() if k != task_id}
        return self.model_copy(update={"tasks": tasks})

    def with_calendar(self, calendar: dict[str, CalendarEntry]) -> Progress:
        return self.model_copy(update={"calendar": calendar})
