"""Scheduling over the dependency graph: windows, modes, reasons, conflicts, cycles."""

from datetime import date

import pytest

from wayhome.core.planner.progress import Mark, Progress
from wayhome.core.planner.results import TaskSpec, TaskStatus
from wayhome.core.planner.schedule import PlanError, schedule
from wayhome.core.planner.template import Category, Mode

TODAY = date(2026, 1, 5)


def spec(task_id: str, **kw) -> TaskSpec:
    return TaskSpec(id=task_id, title=task_id.title(), why="because", category=Category.EXAMS, **kw)


def placed(specs, progress=None, today=TODAY):
    tasks, conflicts = schedule(specs, today, progress)
    return {t.id: t for t in tasks}, conflicts


def test_as_soon_as_possible_starts_at_its_earliest_date():
    tasks, _ = placed([spec("a", days=10, earliest=date(2026, 3, 1), latest=date(2026, 6, 1))])
    assert (tasks["a"].start, tasks["a"].end) == (date(2026, 3, 1), date(2026, 3, 10))
    assert "as soon as possible: from 1 Mar 2026" in tasks["a"].reason


def test_as_late_as_possible_ends_on_its_latest_date():
    tasks, _ = placed(
        [spec("a", days=10, mode=Mode.ALAP, latest=date(2026, 6, 1), latest_why="the sitting")]
    )
    assert (tasks["a"].start, tasks["a"].end) == (date(2026, 5, 23), date(2026, 6, 1))
    assert "as late as possible: it must finish by 1 Jun 2026 (the sitting)" in tasks["a"].reason


def test_nothing_is_planned_in_the_past():
    tasks, _ = placed([spec("a", days=3, earliest=date(2025, 1, 1))])
    assert tasks["a"].start == TODAY
    assert "today" in tasks["a"].reason


def test_a_dependency_pulls_a_task_earlier():
    # b must finish by 1 Jun and takes 30 days, so a (due 1 Dec on its own) must be done
    # before b starts on 3 May: a is pulled back to end on 2 May.
    a = spec("a", days=10, mode=Mode.ALAP, latest=date(2026, 12, 1))
    b = spec("b", days=30, mode=Mode.ALAP, latest=date(2026, 6, 1), depends_on=("a",))
    tasks, conflicts = placed([a, b])
    assert tasks["b"].start == date(2026, 5, 3)
    assert tasks["a"].end == date(2026, 5, 2)
    assert "it must be done before 'B' starts" in tasks["a"].reason
    assert conflicts == []


def test_a_dependent_waits_for_its_dependency():
    a = spec("a", days=20, earliest=date(2026, 2, 1))
    b = spec("b", days=5, depends_on=("a",))
    tasks, _ = placed([a, b])
    assert tasks["b"].start == date(2026, 2, 21)
    assert "after 'A' ends on 20 Feb 2026" in tasks["b"].reason


def test_a_task_that_cannot_fit_is_a_conflict_with_its_fix():
    study = spec(
        "study",
        days=180,
        mode=Mode.ALAP,
        latest=date(2026, 3, 14),
        latest_why="the March sitting",
        fix="sit a later sitting",
    )
    tasks, conflicts = placed([study])
    assert tasks["study"].status is TaskStatus.CONFLICT
    [c] = conflicts
    assert c.task == "study"
    assert "needs 180 days from 5 Jan 2026" in c.problem
    assert "must be done by 14 Mar 2026 (the March sitting)" in c.problem
    assert c.fix == "sit a later sitting"


def test_a_task_whose_window_has_closed_is_late_not_lost():
    tasks, conflicts = placed([spec("a", days=7, latest=date(2025, 6, 1))])
    assert tasks["a"].status is TaskStatus.LATE
    assert tasks["a"].start == TODAY
    assert "should have been done by 1 Jun 2025" in tasks["a"].reason
    assert conflicts == []


def test_a_milestone_is_a_single_day():
    tasks, _ = placed([spec("sit", milestone=True, latest=date(2026, 9, 1), days=7)])
    assert tasks["sit"].start == tasks["sit"].end == date(2026, 9, 1)


def test_cycles_are_an_error_naming_the_tasks():
    with pytest.raises(PlanError, match=r"in a circle: (a -> b -> a|b -> a -> b)"):
        placed([spec("a", depends_on=("b",)), spec("b", depends_on=("a",))])


def test_an_unknown_dependency_is_an_error():
    with pytest.raises(PlanError, match="task 'a' depends on unknown task"):
        placed([spec("a", depends_on=("ghost",))])


def test_progress_done_skipped_and_moved_reflow_the_plan():
    a = spec("a", days=20, earliest=date(2026, 2, 1))
    b = spec("b", days=5, depends_on=("a",))
    c = spec("c", days=5, depends_on=("b",))
    progress = (
        Progress()
        .mark("a", Mark.DONE, date(2026, 1, 10))
        .mark("b", Mark.MOVED, TODAY, to=date(2026, 4, 1))
    )
    tasks, _ = placed([a, b, c], progress)
    assert tasks["a"].status is TaskStatus.DONE and tasks["a"].end == date(2026, 1, 10)
    assert tasks["b"].start == date(2026, 4, 1) and tasks["b"].moved
    assert tasks["c"].start == date(2026, 4, 6)
    skipped, _ = placed([a, b, c], Progress().mark("a", Mark.SKIPPED, TODAY))
    assert skipped["a"].status is TaskStatus.SKIPPED
    assert skipped["b"].start == TODAY
