"""A command loads only what it uses: `wayhome --version` nothing but its own module
(not even the command-line framework); on a profile file, no Django, and with the packs
in the cache no validator of the pack models (#28, start-up); on the stored profile or
the vault, the database layer but never the web app; no calendar, PDF, Word or
spreadsheet library until a command writes or reads one.

Each group of commands runs in a fresh Python (what a user's shell starts), one
after another, and the modules loaded so far (and the pack models built) are recorded
after each.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wayhome.adapters.profiles import example_path

# Runs the commands given as JSON in argv[1] as the console script does (its `run`: the
# script's `main` less the quick exit, which would end this process after one command).
SCRIPT = """
import contextlib, io, json, sys
from wayhome.cli.app import run

runs = []
for argv in json.loads(sys.argv[1]):
    sys.argv = ["wayhome", *argv]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = run() or 0
    runs.append(
        {
            "argv": argv,
            "exit": code,
            "output": out.getvalue(),
            "modules": sorted(sys.modules),
            "built": built(),
            "dataclasses": dataclasses_defined(),
        }
    )
print(json.dumps(runs))
"""

# The pack models whose validators a command built (none when the packs come from the
# cache: adapters/pack_cache.py revives them, down to a default made from a model, as a
# procedure minimum's match): every model of wayhome.core.rules loaded so far.
BUILT = """
def built():
    if "wayhome.core.rules.pack" not in sys.modules:
        return []
    from pydantic import BaseModel

    def models(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from models(sub)

    return sorted(
        {
            m.__name__
            for m in models(BaseModel)
            if m.__module__.startswith("wayhome.core.rules")
            and m.__dict__.get("__pydantic_complete__")
        }
    )
"""

# Wayhome's dataclasses among the modules loaded: each costs about 0.7 ms to define on
# Python 3.11 (its methods compiled one by one), so the core's records are msgspec
# Structs (docs/architecture.md).
DATACLASSES = """
def dataclasses_defined():
    import dataclasses

    return sorted(
        f"{name}.{value.__qualname__}"
        for name, module in list(sys.modules.items())
        if name.startswith("wayhome")
        for value in list(vars(module).values())
        if isinstance(value, type)
        and value.__module__ == name
        and dataclasses.is_dataclass(value)
    )
"""

LIBRARIES = ("icalendar", "typst", "docx", "python_calamine")


def _run(tmp_path, *commands):
    # As from a user's shell: without pytest-django's DJANGO_SETTINGS_MODULE (the web
    # app's settings), so the commands choose the data layer's; a fresh data folder, and a
    # pack cache of the test's own.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["WAYHOME_DATA_DIR"] = str(tmp_path / "data")
    env["WAYHOME_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run(
        [sys.executable, "-c", BUILT + DATACLASSES + SCRIPT, json.dumps(commands)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    runs = json.loads(done.stdout)
    for run in runs:
        assert run["exit"] == 0, run
    return runs


def _loaded(run, name):
    return [m for m in run["modules"] if m == name or m.startswith(name + ".")]


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "me.yaml"
    shutil.copy(example_path("do-the-math"), path)
    return str(path)


def test_it_answers_the_version_without_the_command_line_framework_or_the_rules(tmp_path):
    [run] = _run(tmp_path, ["--version"])
    assert run["output"].startswith("wayhome ")
    assert [m for m in run["modules"] if m.startswith("wayhome")] == [
        "wayhome",
        "wayhome.cli",
        "wayhome.cli.app",
    ]
    for name in ("typer", "click", "rich", "pydantic", "yaml"):
        assert not _loaded(run, name), name


def test_it_builds_no_pack_model_when_the_packs_are_in_the_cache(tmp_path, profile_file):
    [warm] = _run(tmp_path, ["packs", "list"])
    assert "Pack" in warm["built"]  # read from YAML, validated, kept
    assess, timeline = (
        _run(tmp_path, argv)[0] for argv in (["assess", profile_file], ["timeline", profile_file])
    )
    for run in (assess, timeline):
        assert run["built"] == [], run["argv"]
        assert "wayhome.adapters.pack_cache" in run["modules"]
        # rapidfuzz suggests the nearest specialty to a name that is none; the exporters
        # (xml, urllib, http, ssl) draw a chart or a PDF; the questions for a regulator
        # make `wayhome ask`'s email: none is needed to assess or to show the plan
        for name in ("rapidfuzz", "wayhome.adapters.exporters", "xml", "ssl", "http"):
            assert not _loaded(run, name), (run["argv"], name)
        assert not _loaded(run, "wayhome.core.evidence.ask"), run["argv"]
        assert not _loaded(run, "wayhome.core.rules.questions"), run["argv"]
    # `assess` on a file runs without Typer (cli/app.py), so without its command's
    # module; the timeline with only its own module of wayhome.cli.commands (cli/root.py)
    assert _loaded(assess, "wayhome.cli.commands") == []
    # nor difflib, which adapters/yamlfile.py imports only to suggest a field's name
    for name in ("typer", "click", "wayhome.cli.root", "wayhome.cli.options", "difflib"):
        assert not _loaded(assess, name), name
    assert _loaded(timeline, "wayhome.cli.commands") == [
        "wayhome.cli.commands",
        "wayhome.cli.commands.plan",
    ]
    # the records both work with are Structs, but the one a Struct cannot express
    for run in (assess, timeline):
        assert run["dataclasses"] == ["wayhome.core.rules.kinds.exams.Sitting"], run["argv"]


def test_it_runs_the_commands_on_a_file_without_django_or_the_heavy_libraries(
    tmp_path, profile_file
):
    runs = _run(
        tmp_path,
        ["--version"],
        ["assess", profile_file],
        ["timeline", profile_file],
        ["visa", profile_file],
        ["whatif", profile_file],
        ["scenarios", profile_file],
        ["money", profile_file],
        ["ask", profile_file, "--country", "XX"],
        ["assess", "--example", "cardiology-in"],
        ["packs", "list"],
        ["schema", "profile"],
        ["example", "do-the-math"],
    )
    for run in runs:
        for name in ("django", "wayhome.adapters.db", "wayhome.web", *LIBRARIES):
            assert not _loaded(run, name), (run["argv"], name)
    assert "wayhome.services.planning" in runs[2]["modules"]  # the timeline did run


def test_it_runs_the_commands_on_the_stored_profile_with_the_database_but_not_the_web_app(
    tmp_path, profile_file
):
    runs = _run(
        tmp_path,
        ["profile", "import", profile_file],
        ["assess"],
        ["activities", "list"],
        ["vault", "list"],
        ["contacts", "check"],
    )
    assert "Stored the profile" in runs[0]["output"]
    for run in runs:
        assert "django" in run["modules"], run["argv"]
        assert not _loaded(run, "wayhome.web"), (run["argv"], _loaded(run, "wayhome.web"))
        for name in LIBRARIES:
            assert not _loaded(run, name), (run["argv"], name)


def test_it_reads_no_package_metadata_to_assess_or_show_the_plan(tmp_path, profile_file):
    # pydantic's look for plugins (disabled) and Rich's version for the plain layout
    # come without importlib.metadata, its email, zipfile and csv (cli/app.py,
    # cli/render/plain.py): some 10 ms of each start. Nor zipfile, which
    # importlib.resources.files imports: the bundled folders are found from the
    # package's file (tests/adapters/test_bundled_folders.py).
    for argv in (["assess", profile_file], ["timeline", profile_file]):
        [run] = _run(tmp_path, argv)
        assert run["output"].strip(), argv
        for name in ("importlib.metadata", "email", "csv", "zipfile"):
            assert not _loaded(run, name), (argv, name)


def test_the_stand_in_plugin_loader_is_all_pydantic_asks_for():
    import pydantic

    from wayhome.cli.render.plain import _rich_version

    asks = {
        line.strip()
        for path in Path(pydantic.__file__).parent.rglob("*.py")
        if "v1" not in path.parts and path.name != "_loader.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if "_loader" in line and "import" in line
    }
    assert asks == {"from ._loader import get_plugins"}
    from importlib.metadata import version

    assert _rich_version() == version("rich")
