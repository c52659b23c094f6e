"""The guide's 12-24-month checklist (Step 9), judged from the plan and the profile.

Readiness is the list of items still open, with their dates: a percentage
alone hides which item will sink the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from wayhome.core.common import dates
from wayhome.core.planner.results import ChecklistItem, Task, TaskStatus
from wayhome.core.rules.base import Pathway
from wayhome.core.rules.report import Report


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    tasks: tuple[str, ...]  # done when every one of these is done (prefix match)


ITEMS = (
    Item(
        "written-requirements",
        "Written confirmation of the home exam requirements and dates",
        ("confirm-requirements", "confirm-timelines"),
    ),
    Item(
        "written-windows",
        "Written confirmation of the eligibility windows (age, years since graduation)",
        ("confirm-timelines",),
    ),
    Item(
        "documents",
        "Documents in hand: diplomas, board certificates, training records, "
        "letters of good standing",
        ("collect-us-documents", "doc:", "request:"),
    ),
    Item("translations", "Translations and legalisation where needed", ("translations",)),
    Item(
        "collaborations",
        "One or two collaborations that continue after the return",
        ("collaborations",),
    ),
    Item(
        "mentors",
        "Home mentors who know your timeline, and a short list of hospitals",
        ("mentors-and-hospitals",),
    ),
    Item(
        "exams",
        "Registered for the home exams, or a dated decision to sit them after return",
        ("register:",),
    ),
    Item(
        "us-doors",
        "US doors kept open: work papers saved, a US address and a bank account",
        ("us-paper-trail", "us-bank-and-address"),
    ),
)


def judge(tasks: Sequence[Task], report: Report, on: date) -> list[ChecklistItem]:
    out = [_training_counts(report)]
    for item in ITEMS:
        mine = [
            t
            for t in tasks
            if any(t.id == p or (p.endswith(":") and t.id.startswith(p)) for p in item.tasks)
        ]
        if not mine:
            continue
        open_ = [t for t in mine if t.status not in (TaskStatus.DONE, TaskStatus.SKIPPED)]
        due = min((t.spec.latest for t in open_ if t.spec.latest), default=None)
        detail = (
            "done"
            if not open_
            else "open: "
            + "; ".join(
                f"{t.spec.title} (by {dates.fmt(t.spec.latest)})" if t.spec.latest else t.spec.title
                for t in open_
            )
        )
        out.append(
            ChecklistItem(
                item.id, item.text, done=not open_, due=due, blocking=bool(open_), detail=detail
            )
        )
    return out


def _training_counts(report: Report) -> ChecklistItem:
    unknown = [a.jurisdiction for a in report.assessments if a.pathway is Pathway.UNKNOWN]
    detail = (
        "known for every target"
        if not unknown
        else f"unknown for {', '.join(unknown)}: ask the regulator (wayhome ask)"
    )
    return ChecklistItem(
        "training-counts",
        "Written word on what your US training counts as (specialist, partial, generalist)",
        done=not unknown,
        due=None,
        blocking=bool(unknown),
        detail=detail,
    )
