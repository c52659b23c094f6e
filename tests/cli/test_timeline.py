"""`wayhome timeline` and `wayhome task` as a user runs them."""

import json
import shutil

from tests.helpers.cli import flatten, run
from wayhome.adapters.profiles import example_path

ON = "2026-11-24"


def _mine(tmp_path):
    path = tmp_path / "me.yaml"
    shutil.copy(example_path("do-the-math"), path)
    return path


def test_timeline_prints_tasks_with_reasons_conflicts_and_the_checklist():
    result = run("timeline", "--example", "do-the-math", "--on", ON)
    assert result.exit_code == 0, result.output
    out = flatten(result.output)
    assert "What does not fit" in out
    assert "Fix: return by 15 Mar 2027, in time for an earlier sitting" in out
    assert "Study for Specialist Conversion Examination" in out
    assert "as late as possible: it must finish by" in out
    # written word of the XX pack is not a written confirmation: nothing is logged yet
    assert "Readiness (the guide's 12-24-month checklist): 0 of 9 done" in out


def test_timeline_json_has_every_task_with_dates_and_reason():
    data = json.loads(run("timeline", "--example", "do-the-math", "--on", ON, "--json").output)
    assert data["return_date"] == "2028-07-01"
    assert all(t["start"] and t["end"] and t["reason"] for t in data["tasks"])
    assert "exams" in data["readiness"]["blocking"]


def test_timeline_writes_the_calendar_chart_and_pdf(tmp_path):
    me = _mine(tmp_path)
    result = run(
        "timeline",
        str(me),
        "--on",
        ON,
        "--ics",
        str(tmp_path / "plan.ics"),
        "--chart",
        str(tmp_path / "plan.svg"),
        "--pdf",
        str(tmp_path / "plan.pdf"),
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert "<svg" in (tmp_path / "plan.svg").read_text()
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    state = (tmp_path / "me.progress.yaml").read_text()
    assert "calendar:" in state and "fingerprint" in state


def test_a_chart_needs_svg_or_png_and_nothing_is_written_otherwise(tmp_path):
    me = _mine(tmp_path)
    result = run(
        "timeline",
        str(me),
        "--on",
        ON,
        "--chart",
        str(tmp_path / "plan.gif"),
        "--ics",
        str(tmp_path / "plan.ics"),
    )
    assert result.exit_code == 2
    assert "--chart takes a file ending in .svg or .png" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.yaml"]


def test_task_done_move_and_skip_reflow_the_plan(tmp_path):
    me = str(_mine(tmp_path))
    assert run("task", "done", "find-regulator", "--profile", me, "--on", ON).exit_code == 0
    moved = run("task", "move", "collect-us-documents", "2027-03-01", "--profile", me, "--on", ON)
    assert moved.exit_code == 0, moved.output
    assert run("task", "skip", "us-paper-trail", "--profile", me, "--on", ON).exit_code == 0
    tasks = {
        t["id"]: t
        for t in json.loads(run("task", "list", "--profile", me, "--on", ON, "--json").output)
    }
    assert tasks["find-regulator"]["status"] == "done"
    assert tasks["collect-us-documents"]["start"] == "2027-03-01"
    assert tasks["collect-us-documents"]["moved"] is True
    # translations depend on the documents, so they move after them
    assert tasks["translations"]["start"] > tasks["collect-us-documents"]["end"]
    assert tasks["us-paper-trail"]["status"] == "skipped"


def test_an_unknown_task_id_exits_2_and_writes_nothing(tmp_path):
    me = _mine(tmp_path)
    result = run("task", "done", "regulator", "--profile", str(me), "--on", ON)
    assert result.exit_code == 2
    assert "no such task (did you mean: find-regulator?)" in result.output
    assert not (tmp_path / "me.progress.yaml").exists()


def test_the_examples_are_read_only():
    folder = example_path("do-the-math").parent
    before = sorted(p.name for p in folder.iterdir())
    result = run(
        "task", "done", "find-regulator", "--profile", str(example_path("do-the-math")), "--on", ON
    )
    assert result.exit_code == 2
    assert "the examples are read-only" in result.output
    assert sorted(p.name for p in folder.iterdir()) == before
