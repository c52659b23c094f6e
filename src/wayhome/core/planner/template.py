"""The task template: tasks as data, each placed relative to anchor dates.

A template task says when it may start and must finish (each an anchor date
plus or minus an offset), how long it takes, what it depends on, and whether
it is done as soon as possible (requests, confirmations) or as late as
possible (study before a sitting, a certificate that must be fresh).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Final

from pydantic import Field, model_validator

from wayhome.core.common import dates
from wayhome.core.common.strict import Slug, StrictModel, new_list

ANCHORS: Final = (
    "today",  # the planning date
    "training_start",  # the first day of US training
    "training_end",  # the last day of US training
    "final_year_start",  # a year before training ends
    "return",  # the planned return
    "certified",  # the first board certification
)


class Mode(StrEnum):
    ASAP = "asap"  # as soon as possible
    ALAP = "alap"  # as late as possible


class Category(StrEnum):
    CONFIRM = "confirm"
    DOCUMENTS = "documents"
    EXAMS = "exams"
    NETWORK = "network"
    CV = "cv"
    VISA = "visa"
    US_DOORS = "us-doors"
    RETURN = "return"


class Offset(StrictModel):
    # Up to 50 years in each unit: a task is placed years from a career's dates, and a
    # typo of 142857143 weeks ran the schedule off the calendar (OverflowError).
    years: int = Field(0, ge=0, le=50)
    months: int = Field(0, ge=0, le=600)
    weeks: int = Field(0, ge=0, le=2600)
    days: int = Field(0, ge=0, le=18250)

    def span(self) -> dates.Span:
        return dates.Span(self.years, self.months, self.weeks * 7 + self.days)

    def days_long(self) -> int:
        """A duration in days (months count as 30, years as 365: for lengths, not dates)."""
        return self.years * 365 + self.months * 30 + self.weeks * 7 + self.days


class AnchorRef(StrictModel):
    """A date: an anchor, moved ``before`` or ``after`` it by an offset."""

    anchor: str
    before: Offset | None = None
    after: Offset | None = None

    @model_validator(mode="after")
    def _known(self) -> AnchorRef:
        if self.anchor not in ANCHORS:
            raise ValueError(f"unknown anchor '{self.anchor}'; anchors: {', '.join(ANCHORS)}")
        if self.before and self.after:
            raise ValueError("give 'before' or 'after', not both")
        return self

    def resolve(self, anchors: dict[str, date]) -> date | None:
        base = anchors.get(self.anchor)
        if base is None:
            return None
        if self.before:
            return dates.subtract_span(base, self.before.span())
        if self.after:
            return dates.add_span(base, self.after.span())
        return base

    def describe(self) -> str:
        what = self.anchor.replace("_", " ")
        if self.before:
            return f"{self.before.span().describe()} before {what}"
        if self.after:
            return f"{self.after.span().describe()} after {what}"
        return what


class TaskTemplate(StrictModel):
    id: Slug
    title: str = Field(min_length=1)
    why: str = Field(min_length=1)  # the guide's reason, in plain words
    category: Category
    mode: Mode = Mode.ASAP
    duration: Offset = Field(default_factory=lambda: Offset(weeks=1))
    start: AnchorRef | None = None  # earliest start
    finish: AnchorRef | None = None  # latest finish
    depends_on: list[str] = Field(default_factory=new_list)
    yearly: bool = False  # repeat every year between start and finish (the home visit)
    needs_j1: bool = False  # only for someone who has held J-1 status


class Template(StrictModel):
    tasks: list[TaskTemplate]
