"""The planner's results: tasks with dates and reasons, conflicts with fixes."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from wayhome.core.common.data import iso
from wayhome.core.planner.template import Category, Mode

if TYPE_CHECKING:
    from wayhome.core.visa.clocks import Clock


class TaskStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
    LATE = "late"  # its window has closed and it is not done: do it now
    CONFLICT = "conflict"  # it cannot fit between its earliest start and latest finish
    # A visa clock's date, as `wayhome visa` says it (visa_tasks.TASK_STATUS):
    TIGHT = "tight"  # kept, with under a year to spare (or a warning)
    UNKNOWN = "unknown"  # what it needs is not known yet: it cannot be counted


class TaskSpec(Struct, frozen=True):
    """A task before scheduling: its window, length, mode and dependencies."""

    id: str
    title: str
    why: str
    category: Category
    mode: Mode = Mode.ASAP
    days: int = 7
    earliest: date | None = None
    latest: date | None = None
    earliest_why: str | None = None
    latest_why: str | None = None
    depends_on: tuple[str, ...] = ()
    milestone: bool = False  # a date to mark (a sitting, a deadline), not work to do
    jurisdiction: str | None = None
    fix: str | None = None  # what would make it fit, when it does not
    # The status its source gives it (a visa clock's), instead of planned.
    status: TaskStatus | None = None
    # Dates given by its source, not placed (the years at home as the visa clock counts
    # them): it runs from earliest to latest, and this says why.
    given_why: str | None = None
    # Its latest is the day something closes (an exam's registration): it cannot be done
    # late. Near, it comes before overdue work in the next actions (verdict._todo), and the
    # calendar marks that day (adapters/exporters/ics.py).
    closing: bool = False


class Task(Struct, frozen=True):
    """A task placed in time: its dates, status and why it sits where it does."""

    spec: TaskSpec
    start: date
    end: date  # the last day (inclusive)
    status: TaskStatus
    reason: str  # why it sits where it does
    moved: bool = False
    # The last day it may finish: its own latest, or earlier for what depends on it.
    due: date | None = None
    snoozed_until: date | None = None  # out of the next actions until then (progress)

    @property
    def id(self) -> str:
        return self.spec.id

    def snoozed_on(self, on: date) -> bool:
        """Out of the next actions on ``on``: snoozed to a later day."""
        return self.snoozed_until is not None and self.snoozed_until > on

    def to_json(self) -> dict[str, Any]:
        s = self.spec
        return {
            "id": s.id,
            "title": s.title,
            "category": s.category.value,
            "jurisdiction": s.jurisdiction,
            "milestone": s.milestone,
            "mode": s.mode.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "earliest": iso(s.earliest),
            "latest": iso(s.latest),
            "status": self.status.value,
            "moved": self.moved,
            "due": iso(self.due),
            "snoozed_until": iso(self.snoozed_until),
            "why": s.why,
            "reason": self.reason,
            "depends_on": list(s.depends_on),
        }


class Conflict(Struct, frozen=True):
    """A task that does not fit, in words, with what would make it fit."""

    task: str
    # What does not fit, in two parts a printout sets apart: its heading (for a rule,
    # "XX: <the rule's title>."; for a task, its title in quotes), then the rest, with the
    # dates and the arithmetic.
    heading: str
    detail: str
    fix: str  # what would make it fit

    @property
    def problem(self) -> str:
        """What does not fit, in one sentence: the heading, then the rest."""
        return f"{self.heading} {self.detail}"

    def to_json(self) -> dict[str, str]:
        return {"task": self.task, "problem": self.problem, "fix": self.fix}


class ChecklistItem(Struct, frozen=True):
    """An item of the guide's checklist: done or open, when it is due, what completes it."""

    id: str
    text: str
    done: bool
    due: date | None
    blocking: bool  # open, and due within the planning horizon
    detail: str
    evidence: str = ""  # what completes it; "" when only ticking its tasks can
    done_by: str | None = None  # "evidence", "you" (ticked by hand), None while open
    found: tuple[str, ...] = ()  # the evidence found, in words
    missing: tuple[str, ...] = ()  # what is still missing, in words
    marked: bool = False  # its tasks are ticked done (by hand)
    # Its due date in words on the plan's day (due.when_words): "due 1 Jul 2028", or
    # "do it now (it was due 1 Jul 2020)"; "" when done or undated.
    when: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "done": self.done,
            "due": iso(self.due),
            "blocking": self.blocking,
            "detail": self.detail,
            "evidence": self.evidence,
            "done_by": self.done_by,
            "found": list(self.found),
            "missing": list(self.missing),
            "marked": self.marked,
            "when": self.when,
        }


class Plan(Struct, frozen=True):
    """The plan on a day: the tasks in time, the conflicts, the checklist and the visa clocks."""

    on: date
    profile_id: str
    return_date: date
    tasks: tuple[Task, ...]
    conflicts: tuple[Conflict, ...]
    checklist: tuple[ChecklistItem, ...] = field(default_factory=tuple)
    # The US visa clocks the plan was made with (its visa tasks), for the verdict to show.
    clocks: tuple[Clock, ...] = field(default_factory=tuple)
    # The planned return is before US training ends: what it costs and what to ask
    # (early.warning), for the verdict and the timeline to say above everything else.
    early: str | None = None

    def task(self, task_id: str) -> Task:
        return next(t for t in self.tasks if t.id == task_id)

    @property
    def readiness(self) -> tuple[int, int]:
        return sum(i.done for i in self.checklist), len(self.checklist)

    def to_json(self) -> dict[str, Any]:
        done, total = self.readiness
        return {
            "on": self.on.isoformat(),
            "profile_id": self.profile_id,
            "return_date": self.return_date.isoformat(),
            "tasks": [t.to_json() for t in self.tasks],
            "conflicts": [c.to_json() for c in self.conflicts],
            "checklist": [i.to_json() for i in self.checklist],
            "readiness": {
                "done": done,
                "total": total,
                "blocking": [i.id for i in self.checklist if i.blocking],
            },
            "before_training_ends": self.early,
        }
