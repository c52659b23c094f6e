"""`wayhome task done`, `skip` ("Not for me"), `snooze`, `move` and `undo`: the
dashboard's buttons on the command line, through the same service functions
(services/planning.mark_task and snooze_task), with the same answer on both."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
import yaml
from django.test import Client
from django.utils import timezone

from tests.helpers.cli import flatten, run
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path

ON = "2026-11-24"


def _mine(tmp_path):
    path = tmp_path / "me.yaml"
    shutil.copy(example_path("do-the-math"), path)
    return str(path)


def _tasks(me: str) -> dict:
    listed = run("task", "list", "--profile", me, "--on", ON, "--json")
    return {t["id"]: t for t in json.loads(listed.output)}


def _next_actions(me: str) -> list[str]:
    data = json.loads(run("assess", me, "--on", ON, "--json").output)
    return [a["task"] for a in data["verdict"]["next_actions"]]


def test_it_snoozes_a_task_to_a_day_typed_as_people_type_it(tmp_path):
    me = _mine(tmp_path)
    assert "find-regulator" in _next_actions(me)
    done = run("task", "snooze", "find-regulator", "1 Dec 2026", "--profile", me, "--on", ON)
    assert done.exit_code == 0, done.output
    assert "snoozed until 1 Dec 2026: back in your next actions then" in flatten(done.output)
    state = yaml.safe_load((tmp_path / "me.progress.yaml").read_text())
    assert state["tasks"]["find-regulator"]["status"] == "snoozed"
    assert state["tasks"]["find-regulator"]["snoozed_until"] == "2026-12-01"
    assert _tasks(me)["find-regulator"]["snoozed_until"] == "2026-12-01"
    assert "find-regulator" not in _next_actions(me)
    # the plan keeps it where it was, and the timeline says until when it sleeps
    timeline = flatten(run("timeline", me, "--on", ON).output)
    assert "LATE, snoozed until 1 Dec 2026 Find your home regulator" in timeline
    listed = flatten(run("task", "list", "--profile", me, "--on", ON).output)
    assert "snoozed until 1 Dec 2026" in listed
    # an ISO day is taken too; on the day itself the task is back
    again = run("task", "snooze", "find-regulator", "2027-01-15", "--profile", me, "--on", ON)
    assert again.exit_code == 0, again.output
    later = run("timeline", me, "--on", "2027-01-15")
    assert "snoozed until" not in flatten(later.output)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        pytest.param(
            "1 Nov 2026",
            "1 Nov 2026 is in the past: snooze to a day after today (24 Nov 2026)",
            id="past",
        ),
        pytest.param(
            "24 Nov 2026", "24 Nov 2026 is today: snooze to a day after today", id="today"
        ),
        pytest.param(
            "01/12/2026",
            "it could be 1 Dec 2026 or 12 Jan 2026. Write it as 1 Dec 2026",
            id="slashes",
        ),
        pytest.param("31 Nov 2026", "November 2026 has 30 days", id="no-such-day"),
    ],
)
def test_a_snooze_to_a_day_that_is_not_after_today_is_refused_in_words(tmp_path, typed, said):
    me = _mine(tmp_path)
    result = run("task", "snooze", "find-regulator", typed, "--profile", me, "--on", ON)
    assert result.exit_code == 2
    assert said in flatten(result.output)
    assert not (tmp_path / "me.progress.yaml").exists()


def test_done_not_for_me_and_undo_each_say_what_became_of_the_task(tmp_path):
    me = _mine(tmp_path)
    done = run("task", "done", "find-regulator", "--profile", me, "--on", ON)
    assert "(find-regulator): done on 24 Nov 2026." in flatten(done.output)
    skipped = run("task", "skip", "us-paper-trail", "--profile", me, "--on", ON)
    assert "not for you: skipped, and the plan re-flows without it" in flatten(skipped.output)
    moved = run("task", "move", "collect-us-documents", "1 Mar 2027", "--profile", me, "--on", ON)
    assert "moved: it starts on 1 Mar 2027" in flatten(moved.output)
    tasks = _tasks(me)
    assert [tasks[t]["status"] for t in ("find-regulator", "us-paper-trail")] == [
        "done",
        "skipped",
    ]
    assert tasks["collect-us-documents"]["start"] == "2027-03-01"
    for task_id in ("find-regulator", "us-paper-trail", "collect-us-documents"):
        undone = run("task", "undo", task_id, "--profile", me, "--on", ON)
        assert undone.exit_code == 0, undone.output
        assert "back in the plan" in flatten(undone.output)
    state = yaml.safe_load((tmp_path / "me.progress.yaml").read_text())
    assert not state.get("tasks")
    assert _tasks(me)["find-regulator"]["status"] == "late"
    assert "find-regulator" in _next_actions(me)


def test_an_unknown_task_is_refused_with_the_ids_it_may_mean(tmp_path):
    me = _mine(tmp_path)
    result = run("task", "snooze", "regulator", "1 Dec 2026", "--profile", me, "--on", ON)
    assert result.exit_code == 2
    assert "no such task (did you mean: find-regulator?)" in result.output
    assert not (tmp_path / "me.progress.yaml").exists()


@pytest.mark.django_db
def test_a_snooze_on_the_command_line_leaves_the_dashboards_next_actions(monkeypatch):
    assert run("profile", "import", str(example_path("do-the-math"))).exit_code == 0
    row = StoredProfile.objects.get()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(ON))
    web = Client()
    web.force_login(row.owner)
    page = web.get(f"/p/{row.pk}/").content.decode()
    assert 'id="action-find-regulator"' in page
    snoozed = run("task", "snooze", "find-regulator", "15 Jan 2027", "--on", ON)
    assert snoozed.exit_code == 0, snoozed.output
    page = web.get(f"/p/{row.pk}/").content.decode()
    assert 'id="action-find-regulator"' not in page
    # and the reverse: "Not for me" on the dashboard is what `wayhome task list` shows
    web.post(f"/p/{row.pk}/tasks/get-syllabus/", {"action": "skip"})
    tasks = {t["id"]: t for t in json.loads(run("task", "list", "--on", ON, "--json").output)}
    assert tasks["get-syllabus"]["status"] == "skipped"
    assert tasks["find-regulator"]["snoozed_until"] == "2027-01-15"
    # a snooze the web refuses is refused on the command line in the same words
    web.post(f"/p/{row.pk}/tasks/get-syllabus/", {"action": "snooze", "until": ON})
    said = "24 Nov 2026 is today: snooze to a day after today"
    assert said in web.get(f"/p/{row.pk}/").content.decode()
    assert said in run("task", "snooze", "get-syllabus", ON, "--on", ON).output
