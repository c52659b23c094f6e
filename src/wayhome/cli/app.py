"""`wayhome`: the console script (``wayhome.cli.app:main`` in pyproject.toml).

``main`` answers ``wayhome --version`` before the command-line framework is imported,
so it is about as quick as Python's own start (bench/bench_startup.py); `wayhome assess`
on a plain line (a profile file or an example, its options each once, no --json: see
:func:`assess_line`) runs as its Typer command does without importing Typer, which was
an eighth of its start (tests/cli/test_assess_line.py holds the two to the same lines,
output and exit codes); anything else goes to the Typer app of :mod:`wayhome.cli.root`,
which is also ``app`` here (tests invoke it). :func:`run` is ``main`` without the quick
exit, for running commands one after another in one process (tests/cli/test_imports.py).

A command that reads and prints (:data:`QUICK`) runs without the cyclic garbage
collector, and, once it has finished, the process ends without tearing down its modules
(its output flushed and the exit handlers run first: what Python's exit does, less
freeing every object one by one). Together they were about a fifth of `wayhome assess`'s
time (docs/benchmarks.md, start-up).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Any, Final

from wayhome import __version__

if TYPE_CHECKING:
    from wayhome.cli.root import app as app

# Commands that read a profile or the packs and print, over in well under a second: no
# server, no vault, no long loop of work, so no garbage worth collecting while they run.
QUICK: Final = frozenset(
    {"assess", "timeline", "ask", "whatif", "scenarios", "visa", "money", "packs", "schema"}
)


def _quick() -> bool:
    """Whether the command in ``sys.argv`` is one of :data:`QUICK`."""
    return len(sys.argv) > 1 and sys.argv[1] in QUICK


def main() -> None:
    code = run()
    if _quick():
        _leave(code)
    sys.exit(code)


def run() -> int | str | None:
    """Run the command in ``sys.argv``; its exit code (what it gave ``sys.exit``)."""
    # Only the bare option: with anything beside it, Typer parses the line as before.
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"wayhome {__version__}\n")
        return 0
    # No pydantic plugin sees what Wayhome validates: a plugin is a hook into every
    # validation (the profile's dates of birth, visas, salaries), installed beside
    # Wayhome by something else; and not looking for one saves a scan of every
    # installed package's metadata at each start.
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    _no_plugin_search()
    quick = _quick()
    if quick:
        gc.disable()  # main() ends the process after the command; run() re-enables it
    try:
        if sys.argv[1:2] == ["assess"] and (code := _assess_without_typer()) is not None:
            return code
        from wayhome.cli.root import app_for

        app_for(sys.argv[1] if len(sys.argv) > 1 else "")()
    except SystemExit as e:
        return e.code
    finally:
        if quick:
            gc.enable()
    return 0  # pragma: no cover (Typer's app always ends in SystemExit)


# The options of `wayhome assess` that :func:`assess_line` reads, as its Typer command
# declares them (cli/commands/assess.py, cli/options.py): the option, its parameter, and
# whether it takes a value and may be given again. tests/cli/test_assess_line.py checks
# that they are the command's, and that every line read here is read as Typer reads it.
ASSESS_OPTIONS: Final = {
    "--example": ("example", True, False),
    "--on": ("on", True, False),
    "--country": ("country", True, True),
    "--packs": ("packs", True, True),
    "--brief": ("brief", False, False),
}


def assess_line(args: list[str]) -> dict[str, Any] | None:
    """The parameters Typer gives the `assess` command for ``args`` (the words after
    `assess`), for a plain line: a profile file or --example NAME (one of them) and the
    options of :data:`ASSESS_OPTIONS`, each value a word of its own or after ``=``, none
    empty or like an option, no option but --country and --packs given twice, every date
    one the shared parser reads. None for any other line (help, --json, the stored
    profile, a mistake): Typer reads it."""
    given: dict[str, Any] = {}
    files: list[str] = []
    words = iter(args)
    for word in words:
        if not word.startswith("-"):
            files.append(word)
            continue
        option, equals, value = word.partition("=")
        if option not in ASSESS_OPTIONS:
            return None
        name, takes_value, repeats = ASSESS_OPTIONS[option]
        if not takes_value:
            if equals or name in given:
                return None
            given[name] = True
            continue
        if not equals:
            value = next(words, "")
        if not value or value.startswith("-") or (name in given and not repeats):
            return None
        if repeats:
            given.setdefault(name, []).append(value)
        else:
            given[name] = value
    if len(files) + ("example" in given) != 1 or "" in files:
        return None
    if given.get("country"):
        from wayhome.core.common.strict import jurisdiction_problem

        if any(jurisdiction_problem(c) for c in given["country"]):
            return None  # no jurisdiction code (ZZ): Typer's command refuses it, exit 2
    on = None
    if "on" in given:
        from wayhome.core.common.typed_dates import TypedDateError, parse_date

        try:
            on = parse_date(given["on"])
        except TypedDateError:
            return None
    from pathlib import Path

    return {
        "profile": Path(files[0]) if files else None,
        "example": given.get("example"),
        "on": on,
        "country": given.get("country", ()),
        "packs": [Path(x) for x in given["packs"]] if "packs" in given else (),
        "as_json": False,
        "brief": given.get("brief", False),
    }


def _assess_without_typer() -> int | None:
    """`wayhome assess` on a plain line (:func:`assess_line`), run as its Typer command
    runs it (the same services, the same console and printing, ``render_assessed`` of
    :mod:`wayhome.cli.render.rules`) without importing Typer or building the command:
    some 30 ms of its start. None, for Typer to run the command, when the line is not
    plain, when shell completion is asked for, or when the assessment fails (a mistake in
    the file, say): Typer then runs it again, and says what went wrong as it always has.
    A failure once printing has begun is raised through Typer
    (:func:`wayhome.cli.root.raise_as_typer`)."""
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None
    try:
        line = assess_line(sys.argv[2:])
    except Exception:  # pragma: no cover (a bug here: Typer reads the line)
        line = None
    if line is None:
        return None
    try:
        from datetime import datetime

        from wayhome.cli.render import plain
        from wayhome.cli.render import rules as show
        from wayhome.services import assessment, source

        if line["profile"] is not None:
            src = source.from_file(line["profile"], str(line["profile"]))
        else:
            src = source.from_example(line["example"])
        assessed = assessment.assess_with_verdict(
            src,
            line["on"] or datetime.now().astimezone().date(),
            pack_dirs=list(line["packs"]),
            countries=[c.strip().upper() for c in line["country"]],
        )
    except KeyboardInterrupt:
        return 130  # as Typer ends on Ctrl-C
    except Exception:
        return None
    try:
        show.render_assessed(assessed, plain.console(), brief=line["brief"])
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        from wayhome.cli.root import raise_as_typer

        raise_as_typer("assess", e)
    return 0


def _no_plugin_search() -> None:
    """pydantic's plugin loader, which answers "no plugins" here (they are disabled
    above), without its import of importlib.metadata (with email, zipfile and csv: some
    10 ms of a command's start). pydantic asks the loader for its one function,
    ``get_plugins``, when it builds its first validator; this loader answers as pydantic's
    does with every plugin disabled (tests/cli/test_imports.py)."""
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    loader = type(sys)(name, "pydantic's plugin loader, every plugin disabled (cli/app.py).")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[name] = loader


def _no_plugins() -> tuple[()]:
    return ()


def _leave(code: int | str | None) -> None:
    """End the process as Python's exit would, without its teardown: the exit handlers,
    then the output flushed, then out. Not while Django holds a database connection or
    another thread runs (Python's own exit closes and waits for them), under a profiler
    or a debugger (`python -m cProfile`), nor when the output cannot be flushed (Python's
    exit reports that)."""
    import threading

    if not (code is None or isinstance(code, int)):
        return  # a message: Python's exit prints it
    if "django" in sys.modules or threading.active_count() > 1:
        return
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return  # a profiler or a debugger, which writes its findings at the exit
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code or 0)


def __getattr__(name: str) -> Any:
    """``app``, imported when asked for (``from wayhome.cli.app import app``)."""
    if name == "app":
        from wayhome.cli.root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
