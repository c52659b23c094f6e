"""Output at 80 and 100 columns: a date never split across lines, nor any phrase kept
whole (core/common/phrases.py: "Tier 1", "(in 10 days)", "H-1B") at any width, with
Rich drawing or the plain layout; a task id (typed back) never broken, the whatif
strip wrapped between years, pack names never cut, readiness details indented; and the
bytes of output wide enough to need no wrap are what they were (no character but a
space inside a date)."""

from __future__ import annotations

import io
import re

import pytest
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

from wayhome.adapters.profiles import example_path
from wayhome.cli.app import app
from wayhome.cli.render import plain
from wayhome.cli.render.plain import GLUE

ME = str(example_path("do-the-math"))
CARDIOLOGY = str(example_path("cardiology-in"))
ON = "2026-12-05"
SPLIT_DATE = re.compile(
    r"\b\d{1,2}\s*(?:│\s*)?\n[│\s]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s*(?:│\s*)?\n[│\s]*\d{4}\b"
)


def _out(*args: str, columns: int = 100) -> str:
    done = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert done.exit_code == 0, done.output
    assert GLUE not in done.output
    return done.output


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize(
    "args",
    [
        ["assess", ME, "--brief"],
        ["assess", ME],
        ["timeline", ME],
        ["task", "list", "--profile", ME],
        ["visa", ME],
    ],
)
def test_no_date_is_split(args, columns):
    out = _out(*args, "--on", ON, columns=columns)
    assert not SPLIT_DATE.search(out), SPLIT_DATE.search(out).group(0)


def test_the_brief_keeps_dates_that_used_to_split():
    out = _out("assess", ME, "--brief", "--on", ON)
    assert "30 Jul 2027 (CONFLICT)" in out
    # The Next line's date whole, on one line: the day registration closes, as the Exam
    # line says it (the next action is registering for that sitting).
    assert out.count("15 Dec 2026") == 2


@pytest.mark.parametrize("columns", [80, 100, 160])
@pytest.mark.parametrize("profile", [ME, CARDIOLOGY])
def test_every_task_id_is_whole_on_one_line(profile, columns):
    import json

    listed = CliRunner().invoke(app, ["task", "list", "--profile", profile, "--on", ON, "--json"])
    ids = [t["id"] for t in json.loads(listed.output)]
    out = _out("task", "list", "--profile", profile, "--on", ON, columns=columns)
    for task_id in ids:
        if len(task_id) < columns:
            assert task_id in out, task_id


@pytest.mark.parametrize("columns", [80, 100])
def test_the_whatif_strip_wraps_between_years(columns):
    out = _out("whatif", ME, "--on", ON, columns=columns)
    for line in out.splitlines():
        for group in re.findall(r"[·!X?\-]{2,}", line):
            assert len(group) <= 12, line


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_pack_names_are_never_cut(columns):
    out = _out("packs", "list", columns=columns)
    assert "…" not in out
    assert "(FICTIONAL)" in out


def test_readiness_details_keep_their_indent():
    out = _out("timeline", ME, "--on", ON)
    readiness = out[out.index("Readiness") :].splitlines()[1:]
    for line in readiness:
        if not line.strip() or line.startswith("Planning help") or line.startswith("what matters"):
            continue
        assert line.startswith(("✓ ", "✗ ", "  ")), line


def test_output_wide_enough_is_unchanged_bytes():
    # nothing to wrap: a date's spaces are plain spaces in what is written
    out = _out("assess", ME, "--brief", "--on", ON, columns=300)
    assert "Your verdict on 5 Dec 2026, for a return on 1 Jul 2028\n" in out


KEPT = ("30 Jun 2024", "Tier 1", "(in 10 days)", "H-1B", "Group 2", "Sep 2028")
SENTENCE = (
    "Your ABIM certificate is Tier 1 (as the pack lists it); register by 30 Jun 2024 "
    "(in 10 days) on an H-1B, for Group 2 and the sitting in Sep 2028."
)


def _printed(renderable, width, colour):
    out = io.StringIO()
    console = plain.Console(file=out, width=width, highlight=False, force_terminal=colour)
    console.print(renderable)
    return out.getvalue()


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "rich"])
def test_no_phrase_kept_whole_is_broken_at_any_width(colour):
    for width in range(16, 90):  # a table 16 wide has 12 cells for "(in 10 days)"
        table = Table()
        table.add_column("Rule")
        table.add_row(SENTENCE)
        for renderable in (Text(SENTENCE), table):
            out = re.sub(r"\x1b\[[0-9;]*m", "", _printed(renderable, width, colour))
            lines = [x.strip("│┃ ") for x in out.splitlines()]
            for phrase in KEPT:
                assert any(phrase in line for line in lines), (width, phrase, out)
            assert GLUE not in out


@pytest.mark.parametrize("columns", [40, 50, 60, 80])
def test_days_ahead_and_tiers_stay_on_one_line_in_assess_and_timeline(columns):
    brief = _out("assess", ME, "--brief", "--on", ON, columns=columns)
    assert any("(in 10 days)" in line for line in brief.splitlines()), brief
    timeline = _out("timeline", ME, "--on", ON, columns=columns)
    assert any("(in 10 days)" in line for line in timeline.splitlines())
    assert " Tier 1 " in timeline  # on one line, whatever the width
    assert not re.search(r"\bTier\s*(│\s*)?\n", timeline)
