"""Place tasks in time over their dependency graph.

A backward pass gives each task its latest finish (its own, and early enough
for everything that depends on it); a forward pass in dependency order gives
each its start: as soon as possible from its earliest start, its dependencies
and today, or as late as possible before its latest finish. A task that cannot
fit is a conflict, reported with its dates and the fix its spec suggests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from graphlib import CycleError, TopologicalSorter

from wayhome.core.common import dates
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.planner.progress import Mark, Progress, TaskProgress
from wayhome.core.planner.results import Conflict, Task, TaskSpec, TaskStatus
from wayhome.core.planner.template import Mode


class PlanError(Exception):
    """The tasks cannot be ordered (a dependency cycle, or an unknown dependency)."""


def order(specs: Sequence[TaskSpec]) -> list[str]:
    ids = {s.id for s in specs}
    graph: dict[str, set[str]] = {}
    for s in specs:
        unknown = [d for d in s.depends_on if d not in ids]
        if unknown:
            raise PlanError(f"task '{s.id}' depends on unknown task(s): {', '.join(unknown)}")
        graph[s.id] = set(s.depends_on)
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as e:
        cycle = e.args[1]
        raise PlanError(
            "these tasks depend on each other in a circle: " + " -> ".join(cycle)
        ) from None


def schedule(
    specs: Sequence[TaskSpec], today: date, progress: Progress | None = None
) -> tuple[list[Task], list[Conflict]]:
    by_id = {s.id: s for s in specs}
    ids = order(specs)
    marks = progress.tasks if progress else {}
    dependents: dict[str, list[str]] = {i: [] for i in ids}
    for s in specs:
        for d in s.depends_on:
            dependents[d].append(s.id)

    # Backward: the latest each task may finish, for itself and its dependents.
    latest: dict[str, tuple[date | None, str | None]] = {}
    for i in reversed(ids):
        s = by_id[i]
        best, why = s.latest, s.latest_why
        for d in dependents[i]:
            if marks.get(d) and marks[d].status in (Mark.DONE, Mark.SKIPPED):
                continue
            d_latest, _ = latest[d]
            if d_latest is None:
                continue
            d_days = 0 if by_id[d].milestone else max(by_id[d].days - 1, 0)
            d_start = d_latest - timedelta(days=d_days)
            bound = d_start - ONE_DAY
            if best is None or bound < best:
                best, why = bound, f"it must be done before '{by_id[d].title}' starts"
        latest[i] = (best, why)

    placed: dict[str, Task] = {}
    conflicts: list[Conflict] = []
    for i in ids:
        s = by_id[i]
        task, conflict = _place(s, today, latest[i], placed, marks.get(i))
        placed[i] = task
        if conflict:
            conflicts.append(conflict)
    return [placed[i] for i in sorted(ids, key=lambda i: (placed[i].start, i))], conflicts


def _place(
    s: TaskSpec,
    today: date,
    latest: tuple[date | None, str | None],
    placed: dict[str, Task],
    mark: TaskProgress | None,
) -> tuple[Task, Conflict | None]:
    lf, lf_why = latest
    length = timedelta(days=0 if s.milestone else max(s.days - 1, 0))
    if mark is not None and mark.status is Mark.DONE:
        start = min(mark.on, s.latest or mark.on) if s.milestone else mark.on
        return Task(
            s,
            start - length if not s.milestone else start,
            start,
            TaskStatus.DONE,
            f"done on {dates.fmt(mark.on)}",
            due=lf,
        ), None
    if mark is not None and mark.status is Mark.SKIPPED:
        at = s.earliest or today
        return Task(s, at, at, TaskStatus.SKIPPED, f"skipped on {dates.fmt(mark.on)}", due=lf), None
    snoozed = mark.snoozed_until if mark is not None else None
    given = s.status or TaskStatus.PLANNED
    if s.milestone:
        at = s.latest or s.earliest or today
        why = s.latest_why or s.earliest_why or ""
        return Task(s, at, at, given, why, due=lf, snoozed_until=snoozed), None
    if s.given_why and s.earliest and s.latest:
        return Task(
            s, s.earliest, s.latest, given, s.given_why, due=lf, snoozed_until=snoozed
        ), None

    # The earliest start: its own, after its dependencies, and not before today.
    es, es_why = s.earliest or today, s.earliest_why or "now"
    for d in s.depends_on:
        dep = placed[d]
        if dep.status is TaskStatus.SKIPPED:
            continue
        after = dep.end + ONE_DAY
        if after > es:
            es, es_why = after, f"after '{dep.spec.title}' ends on {dates.fmt(dep.end)}"
    if today > es:
        es, es_why = today, "today: its earliest start has passed"

    moved = mark is not None and mark.status is Mark.MOVED and mark.to is not None
    if moved and mark is not None and mark.to is not None:
        start, reason = mark.to, f"moved by you to {dates.fmt(mark.to)}"
    elif s.mode is Mode.ALAP and lf is not None:
        start = max(es, lf - length)
        reason = (
            f"as late as possible: it must finish by {dates.fmt(lf)} ({lf_why})"
            if start > es
            else f"from {dates.fmt(es)} ({es_why}), and it must finish "
            f"by {dates.fmt(lf)} ({lf_why})"
        )
    else:
        start = es
        reason = f"as soon as possible: from {dates.fmt(es)} ({es_why})"
        if lf is not None:
            reason += f"; it must finish by {dates.fmt(lf)} ({lf_why})"
    end = start + length
    status, conflict = TaskStatus.PLANNED, None
    if lf is not None and end > lf:
        if lf < today:
            status = TaskStatus.LATE
            reason = f"late: it should have been done by {dates.fmt(lf)} ({lf_why}); do it now"
        else:
            status = TaskStatus.CONFLICT
            need = lf - length
            conflict = Conflict(
                task=s.id,
                heading=f"'{s.title}'",
                detail=(
                    f"needs {s.days} days from {dates.fmt(start)}, ending "
                    f"{dates.fmt(end)}, but must be done by {dates.fmt(lf)} ({lf_why})"
                ),
                fix=s.fix
                or (
                    f"start by {dates.fmt(need)}"
                    if need >= today
                    else f"it needed to start by {dates.fmt(need)}: start now and do what "
                    f"fits before {dates.fmt(lf)}"
                ),
            )
            reason = f"does not fit: {conflict.problem}"
    return Task(
        s, start, end, status, reason, moved=bool(moved), due=lf, snoozed_until=snoozed
    ), conflict
