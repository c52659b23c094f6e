"""The plan as an iCalendar file (RFC 5545) that calendars import cleanly.

Dates to remember (the return, exam sittings, rule deadlines, and the last day of
a task that cannot be done late: an exam's registration) are all-day events with a
reminder a week before; each task's start is an all-day event too, and
``todo=True`` adds the tasks as VTODOs for clients that read them.
UIDs derive from the profile id and the task id, so a second export updates
the same events instead of duplicating them; SEQUENCE goes up whenever a
task's dates or title change, using the state kept from the last export.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event, Todo

from wayhome import __version__
from wayhome.core.common import dates
from wayhome.core.planner.progress import CalendarEntry
from wayhome.core.planner.results import Plan, Task, TaskStatus

PRODID = f"-//Wayhome//Wayhome {__version__}//EN"
REMINDER = timedelta(days=-7)


def uid(plan: Plan, task_id: str, kind: str = "event") -> str:
    return f"{uuid.uuid5(uuid.UUID(plan.profile_id), f'{kind}:{task_id}')}@wayhome"


def fingerprint(task: Task) -> str:
    text = f"{task.start}|{task.end}|{task.spec.title}|{task.status.value}"
    if task.spec.closing:
        text += f"|{task.spec.latest}"  # its last-day event moves with it
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def export(
    plan: Plan, state: dict[str, CalendarEntry], stamp: datetime, *, todo: bool = False
) -> tuple[bytes, dict[str, CalendarEntry]]:
    """The calendar, and the state to keep for the next export."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Wayhome: your return plan")
    new_state: dict[str, CalendarEntry] = {}
    for task in plan.tasks:
        if task.status is TaskStatus.SKIPPED:
            continue
        seen = state.get(task.id)
        mark = fingerprint(task)
        sequence = (
            seen.sequence
            if seen and seen.fingerprint == mark
            else (seen.sequence + 1 if seen else 0)
        )
        new_state[task.id] = CalendarEntry(fingerprint=mark, sequence=sequence)
        cal.add_component(_event(plan, task, stamp, sequence))
        if task.spec.closing and task.spec.latest and task.status is not TaskStatus.DONE:
            cal.add_component(_closes(plan, task, stamp, sequence))
        if todo and not task.spec.milestone:
            cal.add_component(_todo(plan, task, stamp, sequence))
    return cal.to_ical(), new_state


def _description(task: Task) -> str:
    s = task.spec
    lines = [s.why, "", f"When: {task.reason}."]
    if s.latest and not s.milestone:
        lines.append(f"Finish by {dates.fmt(s.latest)}.")
    if s.depends_on:
        lines.append("After: " + ", ".join(s.depends_on))
    lines.append("Planning help from Wayhome, not legal advice.")
    return "\n".join(lines)


def _event(plan: Plan, task: Task, stamp: datetime, sequence: int) -> Event:
    e = Event()
    e.add("uid", uid(plan, task.id))
    e.add("dtstamp", stamp)
    e.add("sequence", sequence)
    title = task.spec.title if task.spec.milestone else f"Start: {task.spec.title}"
    if task.status in (TaskStatus.CONFLICT, TaskStatus.LATE):
        title = f"[{task.status.value.upper()}] {title}"
    e.add("summary", title)
    e.add("dtstart", task.start)  # a date, not a datetime: an all-day event
    e.add("dtend", task.start + timedelta(days=1))
    e.add("transp", "TRANSPARENT")
    e.add("categories", [task.spec.category.value])
    e.add("description", _description(task))
    if task.spec.milestone:
        _remind(e, f"In a week: {task.spec.title}")
    return e


def _closes(plan: Plan, task: Task, stamp: datetime, sequence: int) -> Event:
    """The day a closing task's window shuts (an exam's registration: the last day it is
    open), as a date to remember with its reminder: missed, it cannot be done late."""
    assert task.spec.latest is not None
    e = Event()
    e.add("uid", uid(plan, task.id, "closes"))
    e.add("dtstamp", stamp)
    e.add("sequence", sequence)
    e.add("summary", f"Last day: {task.spec.title}")
    e.add("dtstart", task.spec.latest)
    e.add("dtend", task.spec.latest + timedelta(days=1))
    e.add("transp", "TRANSPARENT")
    e.add("categories", [task.spec.category.value])
    e.add("description", _description(task))
    _remind(e, f"In a week, the last day: {task.spec.title}")
    return e


def _remind(e: Event, words: str) -> None:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", words)
    alarm.add("trigger", REMINDER)
    e.add_component(alarm)


def _todo(plan: Plan, task: Task, stamp: datetime, sequence: int) -> Todo:
    t = Todo()
    t.add("uid", uid(plan, task.id, "todo"))
    t.add("dtstamp", stamp)
    t.add("sequence", sequence)
    t.add("summary", task.spec.title)
    t.add("dtstart", task.start)
    t.add("due", task.end + timedelta(days=1))
    t.add("description", _description(task))
    t.add("status", "COMPLETED" if task.status is TaskStatus.DONE else "NEEDS-ACTION")
    return t
