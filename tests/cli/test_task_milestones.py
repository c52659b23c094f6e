"""A milestone (the return, an exam sitting, a deadline, a visa clock's date) is a date
the profile and the rules set, not work: `wayhome task` refuses to mark one done,
skipped, moved or snoozed (exit 2, in words), in the one service the dashboard's
buttons call too; a task done shows the day it was done, with no start made up."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.cli import flatten, run
from wayhome.adapters.profiles import example_path
from wayhome.core.planner.progress import Mark
from wayhome.services import planning, source

ON = "2026-12-05"


@pytest.fixture
def me(tmp_path):
    path = tmp_path / "me.yaml"
    shutil.copy(example_path("do-the-math"), path)
    return str(path)


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["skip", "return"], "'Return home' (1 Jul 2028)"),
        (["done", "return"], "'Return home' (1 Jul 2028)"),
        (["done", "visa:j1-grace"], "'J-1: the last day in the US' (30 Jul 2027)"),
        (["skip", "visa:j1-grace"], "'J-1: the last day in the US' (30 Jul 2027)"),
        (["move", "visa:j1-grace", "2027-09-01"], "'J-1: the last day in the US'"),
        (["snooze", "visa:j1-grace", "2027-01-01"], "'J-1: the last day in the US'"),
        (["done", "deadline:XX:xx-exam-graduation-window"], "'Deadline: Sit the conversion"),
    ],
)
def test_a_milestone_takes_no_mark(me, tmp_path, args, title):
    done = run("task", *args, "--profile", me, "--on", ON)
    assert done.exit_code == 2, done.output
    text = flatten(done.output)
    assert title in text
    assert (
        "is a date in your plan, not a task: it cannot be done, skipped, moved or snoozed" in text
    )
    assert not (tmp_path / "me.progress.yaml").exists()  # nothing recorded
    listed = {
        t["id"]: t
        for t in json.loads(run("task", "list", "--profile", me, "--on", ON, "--json").output)
    }
    assert listed[args[1]]["status"] not in ("done", "skipped")


def test_the_service_both_shells_call_refuses_it(me):
    src = source.from_file(Path(me), me)
    with pytest.raises(planning.MilestoneError):
        planning.mark_task(src, "return", Mark.SKIPPED, date(2026, 12, 5))
    # to the dashboard, like an unknown id: its view answers 404 (it shows no buttons)
    assert issubclass(planning.MilestoneError, planning.UnknownTaskError)


def test_work_can_still_be_done_and_undone(me):
    done = run("task", "done", "find-regulator", "--profile", me, "--on", ON)
    assert done.exit_code == 0, done.output
    assert run("task", "undo", "return", "--profile", me, "--on", ON).exit_code == 0


def test_a_task_done_shows_the_day_it_was_done_without_a_start(me):
    run("task", "done", "academic-profile", "--profile", me, "--on", ON)
    listed = flatten(run("task", "list", "--profile", me, "--on", ON).output)
    assert "academic-profile 5 Dec 2026 done" in listed
    assert "→ 5 Dec" not in listed
    timeline = flatten(run("timeline", me, "--on", ON).output)
    assert "5 Dec 2026 done Build what your home system values" in timeline
