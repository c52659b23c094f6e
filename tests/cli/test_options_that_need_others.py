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
    ics = tmp_path / "plan.ics"
    done = run("timeline", ME, "--on", "2026-12-05", "--todo", "--ics", str(ics))
    assert done.exit_code == 0, done.output
    assert "BEGIN:VTODO" in ics.read_text(encoding="utf-8")


def test_cv_with_no_file_to_write_exits_2(data_dir):
    done = run("cv")
    assert done.exit_code == 2, done.output
    assert "Give --pdf FILE, --docx FILE, --json-resume FILE, or several." in done.output


def test_cases_summary_with_no_file_to_write_exits_2(data_dir):
    done = run("cases", "summary")
    assert done.exit_code == 2, done.output
    assert "Give --pdf FILE, --csv FILE or both." in done.output
