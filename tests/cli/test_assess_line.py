"""`wayhome assess` on a plain line runs without Typer (cli/app.py: assess_line and the
run beside it, #28 start-up); these tests hold it to the Typer command: the same options,
every line it reads read as Typer reads it, and the same output, errors and exit codes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from wayhome.adapters.profiles import example_path
from wayhome.cli.app import ASSESS_OPTIONS, assess_line
from wayhome.cli.root import app_for

# The command's options that only Typer reads (assess_line hands their lines to it).
LEFT_TO_TYPER = {"--json", "--help"}


def _command() -> typer.main.TyperCommand:
    return typer.main.get_command(app_for("assess")).commands["assess"]  # type: ignore[attr-defined]


def _typer_reads(args: list[str]) -> dict | None:
    """The parameters Typer gives the command for ``args``; None where it refuses them."""
    try:
        with _command().make_context("assess", list(args)) as ctx:
            return dict(ctx.params)
    except (typer.Exit, SystemExit, Exception):
        return None


def test_the_options_read_without_typer_are_the_commands_own():
    command = _command()
    options = {opt: p for p in command.params for opt in p.opts if opt.startswith("-")}
    help_option = command.get_help_option(command.make_context("assess", ["f.yaml"]))
    options |= {opt: help_option for opt in help_option.opts}
    # every option of the command is read here or left to Typer, and none is made up
    assert set(options) == set(ASSESS_OPTIONS) | LEFT_TO_TYPER
    for opt, (name, takes_value, repeats) in ASSESS_OPTIONS.items():
        param = options[opt]
        assert param.name == name, opt
        assert param.multiple == repeats, opt
        assert param.is_flag != takes_value, opt
    # the one argument: the profile file
    [argument] = [p for p in command.params if p.param_type_name == "argument"]
    assert argument.name == "profile" and argument.nargs == 1


def _examples(*lines: str) -> list[list[str]]:
    return [line.split("|") for line in lines]


@pytest.mark.parametrize(
    "args",
    _examples(
        "me.yaml",
        "me.yaml|--brief",
        "--brief|me.yaml",
        "me.yaml|--on|30 Jun 2024",
        "me.yaml|--on=2024-06-30",
        "me.yaml|--country|in|--country=GB|--packs|mine",
        "--example|cardiology-in|--on|2026-12-05",
    ),
)
def test_a_plain_line_is_read_as_typer_reads_it(args):
    read = assess_line(args)
    assert read is not None
    assert read == _typer_reads(args)


@pytest.mark.parametrize(
    "args",
    _examples(
        "me.yaml|--json",
        "me.yaml|--help",
        "",  # the stored profile
        "me.yaml|--example|x",  # both: Typer's command says so
        "me.yaml|other.yaml",
        "me.yaml|--on|03/06/2024",  # two readings: refused in words by Typer
        "me.yaml|--on|2024-01-01|--on|2024-02-01",
        "me.yaml|--country",
        "me.yaml|--country|--brief",
        "me.yaml|--brief=1",
        "me.yaml|--brief|--brief",
        "me.yaml|--",
        "-",
        "me.yaml|--bogus",
        "me.yaml|-h",
    ),
)
def test_any_other_line_is_left_to_typer(args):
    assert assess_line(args) is None


WORDS = [
    "me.yaml",
    "other.yaml",
    "",
    "-",
    "--",
    "--on",
    "--on=2024-06-30",
    "30 Jun 2024",
    "2024-13-01",
    "03/06/2024",
    "--country",
    "--country=in",
    "gb",
    "--packs",
    "--packs=mine",
    "--example",
    "--example=cardiology-in",
    "--brief",
    "--brief=yes",
    "--json",
    "--help",
    "--bogus",
    "-x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=7))
def test_every_line_read_without_typer_is_read_as_typer_reads_it(args):
    read = assess_line(args)
    if read is not None:
        assert read == _typer_reads(args), args


# Whole options and values, in any order and number: mostly lines of use, some mistakes.
PIECES = [
    ["me.yaml"],
    ["other file.yaml"],
    ["--brief"],
    ["--on", "30 Jun 2024"],
    ["--on=2024-06-30"],
    ["--on", "2024-02-30"],
    ["--country", "in"],
    ["--country=AE-DHA"],
    ["--packs", "mine"],
    ["--packs=a folder"],
    ["--example", "cardiology-in"],
    ["--json"],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=6))
def test_every_line_of_whole_options_read_without_typer_is_read_as_typer_reads_it(pieces):
    args = [word for piece in pieces for word in piece]
    read = assess_line(args)
    if read is not None:
        assert read == _typer_reads(args), args


# The command run as the console script runs it, and through its Typer command alone.
TYPER = "import sys; from wayhome.cli.root import app_for; app_for('assess')()"


@pytest.fixture
def env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {
        "WAYHOME_DATA_DIR": str(tmp_path / "data"),
        "WAYHOME_CACHE_DIR": str(tmp_path / "cache"),
        "COLUMNS": "100",
    }
    return env


def _both(tmp_path, env, args):
    ran = []
    for script in (
        [sys.executable, "-m", "wayhome.cli.app", "assess", *args],
        [sys.executable, "-c", TYPER, "assess", *args],
    ):
        done = subprocess.run(
            script, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        ran.append((done.returncode, done.stdout, done.stderr))
    return ran


@pytest.mark.parametrize(
    "args",
    _examples(
        "me.yaml|--on|2026-12-05",
        "me.yaml|--brief|--country|gb|--on=5 Dec 2026",
        "--example|cardiology-in|--on|2026-12-05|--brief",
        "broken.yaml|--on|2026-12-05",  # the file's mistakes, each at its line
        "missing.yaml",
        "me.yaml|--country|ZZ|--on|2026-12-05",
    ),
)
def test_it_prints_what_the_typer_command_prints(tmp_path, env, args):
    shutil.copy(example_path("do-the-math"), tmp_path / "me.yaml")
    text = example_path("do-the-math").read_text(encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(text.replace("targets:", "targetz:", 1), encoding="utf-8")
    quick, typer_run = _both(tmp_path, env, args)
    assert quick == typer_run
    assert quick[1] or quick[2]


def test_a_failure_while_printing_is_reported_as_typer_reports_it(tmp_path, env):
    # The report's printing fails (a bug): Typer's traceback, without the values.
    shutil.copy(example_path("do-the-math"), tmp_path / "me.yaml")
    script = (
        "import sys; sys.argv = ['wayhome', 'assess', 'me.yaml'];"
        "from wayhome.cli.render import rules;"
        "rules.render_report = lambda *a, **k: 1 / 0;"
        "from wayhome.cli.app import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env | {"_TYPER_STANDARD_TRACEBACK": ""},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "ZeroDivisionError" in done.stderr
    assert "Traceback (most recent call last)" in done.stderr  # Rich's words for it
    assert "locals" not in done.stderr.lower()
    assert Path(tmp_path / "me.yaml").is_file()


def test_a_code_that_is_no_jurisdiction_is_refused_on_both_paths(tmp_path, env):
    shutil.copy(example_path("do-the-math"), tmp_path / "me.yaml")
    assert assess_line(["me.yaml", "--country", "ZZ"]) is None  # left to Typer, which refuses
    quick, typer_run = _both(tmp_path, env, ["me.yaml", "--country", "ZZ", "--brief"])
    assert quick == typer_run
    assert quick[0] == 2
    assert "'ZZ' is not a jurisdiction code" in quick[2]
