"""`wayhome`: the console script (``wayhome.cli.app:main`` in pyproject.toml).

``main`` answers ``wayhome --version`` before the command-line framework is imported,
so it is about as quick as Python's own start (bench/bench_startup.py); anything else
goes to the Typer app of :mod:`wayhome.cli.root`, which is also ``app`` here (tests
invoke it).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from wayhome import __version__

if TYPE_CHECKING:
    from wayhome.cli.root import app as app


def main() -> None:
    # Only the bare option: with anything beside it, Typer parses the line as before.
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"wayhome {__version__}\n")
        return
    from wayhome.cli.root import app

    app()


def __getattr__(name: str) -> Any:
    """``app``, imported when asked for (``from wayhome.cli.app import app``)."""
    if name == "app":
        from wayhome.cli.root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
