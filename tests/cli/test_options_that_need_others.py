"""An option that does nothing alone is refused with what it needs (exit 2), never
silently ignored; a command with nothing to write says so with exit 2."""

from __future__ import annotations

from tests.helpers.cli import flatten, run
from wayhome.adapters.profiles import example_path

ME = str(example_path("do-the-math"))


def test_todo_without_a_calendar_file_is_refused():
    done = run("timeline", ME, "--on", "2026-12-05", "--todo")
    assert done.exit_code == 2, done.output
    assert "give --ics FILE with it" in flatten(done.output)


def test_todo_with_a_calendar_file_adds_the_to_dos(tmp_path):
    # One to-do per task that is work (not a date to mark), titled as the task, and none
    # without --todo.
    import json

    from icalendar import Calendar

    def todos(*flags: str) -> list[str]:
        ics = tmp_path / f"plan{len(flags)}.ics"
        done = run("timeline", ME, "--on", "2026-12-05", *flags, "--ics", str(ics))
        assert done.exit_code == 0, done.output
        cal = Calendar.from_ical(ics.read_bytes())
        return sorted(str(t["summary"]) for t in cal.walk("VTODO"))

    tasks = json.loads(run("timeline", ME, "--on", "2026-12-05", "--json").output)["tasks"]
    work = [t for t in tasks if not t["milestone"] and t["status"] != "skipped"]
    assert work and len(work) < len(tasks)
    assert todos("--todo") == sorted(t["title"] for t in work)
    assert todos() == []


def test_cv_with_no_file_to_write_exits_2(data_dir):
    done = run("cv")
    assert done.exit_code == 2, done.output
    assert "Give --pdf FILE, --docx FILE, --json-resume FILE, or several." in done.output


def test_cases_summary_with_no_file_to_write_exits_2(data_dir):
    done = run("cases", "summary")
    assert done.exit_code == 2, done.output
    assert "Give --pdf FILE, --csv FILE or both." in done.output
