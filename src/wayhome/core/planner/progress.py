"""Progress on tasks (done, skipped, moved) and the calendar's memory.

Kept in a state file beside the profile until the web app stores it; both go
through these functions.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from wayhome.core.common.strict import StrictModel


class Mark(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    MOVED = "moved"


class TaskProgress(StrictModel):
    status: Mark
    on: date  # when it was done, skipped or moved
    to: date | None = None  # with status moved: the new start date


class CalendarEntry(StrictModel):
    """What the last calendar export said of a task, to bump SEQUENCE on change."""

    fingerprint: str
    sequence: int = Field(0, ge=0)


class Progress(StrictModel):
    tasks: dict[str, TaskProgress] = Field(default_factory=dict)
    calendar: dict[str, CalendarEntry] = Field(default_factory=dict)

    def mark(self, task_id: str, status: Mark, on: date, to: date | None = None) -> Progress:
        tasks = {**self.tasks, task_id: TaskProgress(status=status, on=on, to=to)}
        return self.model_copy(update={"tasks": tasks})

    def clear(self, task_id: str) -> Progress:
        """Forget what was recorded for a task (an undo)."""
        tasks = {k: v for k, v in self.tasks.items() if k != task_id}
        return self.model_copy(update={"tasks": tasks})

    def with_calendar(self, calendar: dict[str, CalendarEntry]) -> Progress:
        return self.model_copy(update={"calendar": calendar})
