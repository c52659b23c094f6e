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
