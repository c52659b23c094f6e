"""`wayhome`: the console script (``wayhome.cli.app:main`` in pyproject.toml).

``main`` answers ``wayhome --version`` before the command-line framework is imported,
so it is about as quick as Python's own start (bench/bench_startup.py); anything else
goes to the Typer app of :mod:`wayhome.cli.root`, which is also ``app`` here (tests
invoke it). :func:`run` is ``main`` without the quick exit, for running commands one
after another in one process (tests/cli/test_imports.py).

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
        from wayhome.cli.root import app_for

        app_for(sys.argv[1] if len(sys.argv) > 1 else "")()
    except SystemExit as e:
        return e.code
    finally:
        if quick:
            gc.enable()
    return 0  # pragma: no cover (Typer's app always ends in SystemExit)


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
