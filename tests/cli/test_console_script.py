"""The console script's quick exit (cli/app.py): a command that reads and prints ends its
process without Python's teardown, and nothing a user sees changes: the same output,
the same exit code, and the exit handlers still run."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from wayhome.adapters.profiles import example_path

# Runs `wayhome ARGV` as the console script does (``main``: with the quick exit) or as
# the tests do (``run``, then Python's own exit); an exit handler prints last.
SCRIPT = """
import atexit, json, sys
atexit.register(lambda: print("the exit handler ran"))
how, argv = sys.argv[1], json.loads(sys.argv[2])
sys.argv = ["wayhome", *argv]
from wayhome.cli import app
if how == "main":
    app.main()
else:
    sys.exit(app.run())
"""


def _wayhome(tmp_path, how, *argv):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"WAYHOME_DATA_DIR": str(tmp_path / "data"), "WAYHOME_CACHE_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, how, json.dumps(argv)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "me.yaml"
    shutil.copy(example_path("cardiology-in"), path)
    return str(path)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["assess", "--brief", "--on", "2026-12-05"], id="assess"),
        pytest.param(["timeline", "--json", "--on", "2026-12-05"], id="timeline"),
        pytest.param(["assess", "--on", "5 Dec"], id="a-date-typer-refuses"),
        pytest.param(["timeline", "--chart", "plan.txt"], id="a-refusal-of-ours"),
    ],
)
def test_it_prints_and_exits_as_python_would(tmp_path, profile_file, argv):
    quick, usual = (
        _wayhome(tmp_path, how, argv[0], profile_file, *argv[1:]) for how in ("main", "run")
    )
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        usual.returncode,
        usual.stdout,
        usual.stderr,
    )
    assert quick.stdout.endswith("the exit handler ran\n")


def test_it_says_what_is_wrong_with_a_file_and_exits_2(tmp_path):
    done = _wayhome(tmp_path, "main", "assess", str(tmp_path / "none.yaml"))
    assert done.returncode == 2
    assert "none.yaml: no such file" in done.stderr
    assert done.stdout == "the exit handler ran\n"


def _names():
    from typer.main import get_command_name

    from wayhome.cli.root import app

    commands = [c.name or get_command_name(c.callback.__name__) for c in app.registered_commands]
    return commands + [g.name for g in app.registered_groups]


@pytest.mark.parametrize("name", _names())
def test_it_runs_a_command_alone_as_the_whole_app_runs_it(name):
    """The console script builds only the command asked for (root.app_for): its help
    and its refusal of an option it does not have are the whole app's, word for word."""
    from typer.testing import CliRunner

    from wayhome.cli.root import app, app_for

    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    for argv in ([name, "--help"], [name, "--no-such-option"]):
        whole, alone = (runner.invoke(a, argv, env=env) for a in (app, app_for(name)))
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), argv
    assert app_for("no-such-command") is app


CRASH = """
import sys
sys.argv = ["wayhome", "assess", sys.argv[1]]
from wayhome.services import assessment

def broken(*args, **kwargs):
    raise RuntimeError("a defect of Wayhome's own")

assessment.assess_with_verdict = broken
from wayhome.cli import app
app.main()
"""


def test_a_crash_prints_no_personal_data(tmp_path, profile_file):
    """An unexpected error's traceback (which people paste into bug reports) names the
    code and the error, not the values of the variables: no date of birth, no visa."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"WAYHOME_DATA_DIR": str(tmp_path / "data"), "WAYHOME_CACHE_DIR": str(tmp_path)}
    env |= {"COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-c", CRASH, profile_file],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "a defect of Wayhome's own" in done.stderr
    for personal in ("1990", "Dr. A. Example", "H-1B", "born"):
        assert personal not in done.stderr + done.stdout
