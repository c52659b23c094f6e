"""The plan for a profile: `wayhome timeline`, `wayhome task` and the dashboard.

Progress on a task is one use case for both shells: :func:`mark_task` (done, skipped
-- the dashboard's "Not for me" --, moved, or undone) and :func:`snooze_task` are what
`wayhome task` and the dashboard's buttons (through
:func:`wayhome.services.dashboard.mark_task`) call, on a profile file or the stored
profile alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final

from msgspec import Struct

from wayhome.adapters import files, plans
from wayhome.adapters import packs as pack_files
from wayhome.adapters.yamlfile import InvalidFileError, Located
from wayhome.core.common import dates
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.progress import Mark, Progress
from wayhome.core.planner.results import Plan, Task
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Report
from wayhome.services import readiness
from wayhome.services.source import ProfileSource


class Planned(Struct, frozen=True):
    source: ProfileSource
    report: Report
    plan: Plan
    progress: Progress

    @property
    def profile(self) -> Profile:
        return self.source.profile


def plan(
    src: ProfileSource,
    on: date,
    *,
    pack_dirs: Sequence[Path] = (),
    packs: Sequence[Pack] | None = None,
) -> Planned:
    """The plan, from ``packs`` when the caller has them (at least those the assessment
    reads: more change nothing), else from those the profile's assessment reads."""
    if packs is None:
        packs = pack_files.packs_for(src.profile, pack_dirs)
    progress = src.load_progress()
    try:
        report = engine.assess(src.profile, packs, on)
    except ProblemsError as e:
        raise src.locate(e.problems) from None
    evidence = readiness.of(src)  # the checklist's: answers, records, packets sent
    made = make_plan(src.profile, report, packs, plans.guide_template(), on, progress, evidence)
    return Planned(src, report, made, progress)


def past_return(profile: Profile, on: date) -> str | None:
    """A planned return before ``on``, in words for the top of what is shown (the
    dashboard's alerts, `wayhome assess` and `timeline`, and their JSON's warnings);
    None when the return is today or later."""
    back = profile.plan.return_date
    if back >= on:
        return None
    return (
        f"Your planned return, {dates.fmt(back)}, is before today ({dates.fmt(on)}): "
        "set the date you now plan."
    )


def warnings(planned: Planned) -> list[str]:
    """What to say before the plan: a planned return already past."""
    found = past_return(planned.profile, planned.plan.on)
    return [found] if found else []


class UnknownTaskError(InvalidFileError):
    """The plan has no task with this id (the message names the ids it may mean)."""


class MilestoneError(UnknownTaskError):
    """A milestone (TaskSpec.milestone: the return, an exam sitting, a deadline, a visa
    clock's date, the years at home when they cannot be counted) given a mark: it is a
    date the profile and the rules set, not work a person does, skips, moves or snoozes.
    The dashboard shows no buttons for one, and treats a forged request as an unknown
    id (404); the command line says why (exit 2)."""


def milestone_refusal(task: Task) -> str:
    """Why a milestone takes no mark, in words."""
    return (
        f"'{task.spec.title}' ({dates.fmt(task.start)}) is a date in your plan, not a task: "
        "it cannot be done, "
        "skipped, moved or snoozed. It follows from your profile and the rules: change "
        "the profile (your return date, an exam attempt, a visa) to change it."
    )


class TaskDateError(InvalidFileError):
    """A day a task cannot be given (a snooze to today or before), in words."""


def _unknown(planned: Planned, task_id: str) -> UnknownTaskError:
    known = {t.id for t in planned.plan.tasks}
    near = sorted(i for i in known if task_id in i)[:5]
    hint = f" (did you mean: {', '.join(near)}?)" if near else ""
    return UnknownTaskError(
        [Located(task_id, None, "", f"no such task{hint}; `wayhome task list` shows the ids")]
    )


def mark(
    planned: Planned, task_id: str, status: Mark | None, on: date, to: date | None = None
) -> Progress:
    """Record progress on a task (``status`` None clears it) where the profile lives.
    A milestone takes none (MilestoneError); what was recorded on one before can be
    cleared."""
    if planned.source.read_only:
        planned.source.save_progress(planned.progress)  # explains that examples are read-only
    if task_id not in {t.id for t in planned.plan.tasks}:
        raise _unknown(planned, task_id)
    if status is not None and (task := planned.plan.task(task_id)).spec.milestone:
        raise MilestoneError([Located(task_id, None, "", milestone_refusal(task))])
    progress = (
        planned.progress.clear(task_id)
        if status is None
        else planned.progress.mark(task_id, status, on, to)
    )
    planned.source.save_progress(progress)
    return progress


REGISTER: Final = "register:"  # the plan's tasks to register for an exam's sitting


def register_sitting(planned: Planned, task_id: str) -> tuple[str, str] | None:
    """The exam (its rule id) and sitting (its label) a register task is for: in its id
    (register:XX:exam:2027-03-15), or, for the plan's own sitting of the exam
    (register:XX:exam), the sitting the assessment plans it for; None for another task."""
    if not task_id.startswith(REGISTER):
        return None
    code, _, rest = task_id.removeprefix(REGISTER).partition(":")
    rule, _, label = rest.partition(":")
    if label:
        return rule, label
    a = next((a for a in planned.report.assessments if a.jurisdiction == code), None)
    e = next((e for e in a.exams if e.rule == rule), None) if a else None
    return (rule, e.planned_sitting) if e and e.planned_sitting else None


def mark_task(
    src: ProfileSource, task_id: str, status: Mark | None, on: date, to: date | None = None
) -> Task:
    """Record progress on a task of ``src``'s plan on ``on`` (``status`` None: undo what
    was recorded); the task as the plan now places it. UnknownTaskError for an id the
    plan does not have.

    A register task done on the stored profile also records that you registered for its
    sitting (services/registrations.py): the assessment then counts the sitting as open
    to you, and the plan drops the task (what is returned is the task as marked). Undo
    takes the registration out again, and the task comes back."""
    planned = plan(src, on)
    sitting = register_sitting(planned, task_id) if src.owner is not None else None
    if sitting is not None:
        from wayhome.services import registrations  # the stored profile: Django is set up
        from wayhome.services.source import from_store

        if status is None:
            registrations.withdraw(src.owner, *sitting, on)
            src = from_store(src.owner)  # the profile as it now is
            planned = plan(src, on)
            if task_id not in {t.id for t in planned.plan.tasks}:
                raise _unknown(planned, task_id)
        elif status is Mark.DONE:
            mark(planned, task_id, status, on, to)
            task = plan(src, on).plan.task(task_id)
            try:
                registrations.record(src.owner, *sitting, on)
            except Exception:
                src.save_progress(planned.progress)  # not recorded: not done either
                raise
            return task
    mark(planned, task_id, status, on, to)
    return plan(src, on).plan.task(task_id)


def snooze_task(src: ProfileSource, task_id: str, until: date, on: date) -> Task:
    """Out of the next actions until ``until``, a day after ``on``; the plan keeps the
    task where it was. TaskDateError, in words, for today or a day before."""
    if until <= on:
        when = "today" if until == on else "in the past"
        raise TaskDateError(
            [
                Located(
                    "until",
                    None,
                    "",
                    f"{dates.fmt(until)} is {when}: snooze to a day after today ({dates.fmt(on)})",
                )
            ]
        )
    return mark_task(src, task_id, Mark.SNOOZED, on, until)


def calendar(planned: Planned, *, todo: bool = False, stamp: datetime | None = None) -> bytes:
    """The calendar file; the state for the next export's SEQUENCE is kept if it can be."""
    from wayhome.adapters.exporters import ics  # icalendar: loaded only for a calendar

    data, state = ics.export(
        planned.plan, planned.progress.calendar, stamp or datetime.now(UTC), todo=todo
    )
    if not planned.source.read_only:
        planned.source.save_progress(planned.progress.with_calendar(state))
    return data


def export_ics(planned: Planned, out: Path, *, todo: bool = False) -> None:
    files.write_atomic(out, calendar(planned, todo=todo))


def chart_bytes(planned: Planned, suffix: str) -> bytes:
    # Here, not at the top: the chart's SVG escaping pulls in xml, urllib, http and ssl,
    # which `wayhome timeline` without --chart never needs (bench/bench_startup.py).
    from wayhome.adapters.exporters import chart

    svg = chart.svg(planned.plan, planned.report)
    if suffix.lower() == ".png":
        return chart.png(svg)
    if suffix.lower() == ".svg":
        return svg.encode("utf-8")
    raise InvalidFileError([Located(suffix, None, "", "the chart is written as .svg or .png")])


def export_chart(planned: Planned, out: Path) -> None:
    files.write_atomic(out, chart_bytes(planned, out.suffix))


def pdf_bytes(planned: Planned) -> bytes:
    from wayhome.adapters.exporters import pdf  # imports the chart too: see chart_bytes

    return pdf.render(planned.plan, planned.report, planned.profile, warnings=warnings(planned))


def export_pdf(planned: Planned, out: Path) -> None:
    files.write_atomic(out, pdf_bytes(planned))
