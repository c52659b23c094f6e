"""A planned return before the day of the assessment is said first, in plain words, by
`wayhome assess` (both of its paths, and --json's warnings) and `wayhome timeline`, and
on the dashboard (one function: services/planning.past_return)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.helpers.cli import flatten, run
from wayhome.adapters.profiles import example_path
from wayhome.core.profile.model import Profile
from wayhome.services import planning

SAID = "Your planned return, 1 Jul 2025, is before today (5 Dec 2026): set the date you now plan."
ON = "2026-12-05"


@pytest.fixture
def past(tmp_path):
    text = example_path("do-the-math").read_text(encoding="utf-8")
    lines = [
        line.split("return_date:")[0] + "return_date: 2025-07-01"
        if "return_date:" in line
        else line
        for line in text.splitlines()
    ]
    path = tmp_path / "past.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args", [["assess"], ["assess", "--brief"], ["timeline"]])
def test_it_is_said_first(past, args):
    done = run(*args, past, "--on", ON)
    assert done.exit_code == 0, done.output
    assert flatten(done.output).startswith(SAID)


@pytest.mark.parametrize("command", ["assess", "timeline"])
def test_json_carries_it_as_a_warning(past, command):
    data = json.loads(run(command, past, "--on", ON, "--json").output)
    assert data["warnings"] == [SAID]


def test_a_return_to_come_has_no_warning():
    me = str(example_path("do-the-math"))
    assert json.loads(run("assess", me, "--on", ON, "--json").output)["warnings"] == []
    assert "is before today" not in run("assess", me, "--on", ON).output


def test_one_function_says_it():
    import yaml

    data = yaml.safe_load(example_path("do-the-math").read_text(encoding="utf-8"))
    data["plan"]["return_date"] = "2025-07-01"
    profile = Profile.model_validate(data)
    assert planning.past_return(profile, date(2026, 12, 5)) == SAID
    assert planning.past_return(profile, date(2025, 7, 1)) is None


def test_the_dashboard_says_it_first(past):
    # A warning about the plan itself, not one of the next 90 days' alerts.
    from pathlib import Path

    from wayhome.services import dashboard, source

    planned = planning.plan(source.from_file(Path(past), past), date(2026, 12, 5))
    board = dashboard.compose(planned, [], date(2026, 12, 5))
    assert board.warnings == (SAID,) and SAID not in board.alerts
