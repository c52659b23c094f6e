"""The command line run in-process, as a user types it, and its output made searchable."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from click.testing import Result
from rich.console import Console
from rich.style import Style
from rich.text import Text
from typer.testing import CliRunner

from wayhome.cli.app import app

runner = CliRunner()


def flatten(output: str) -> str:
    """The text without table borders and line wraps, to search for sentences."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", output).split())


def run(*args: str, columns: int = 120) -> Result:
    return runner.invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})


def coloured(*args: str, columns: int = 160) -> Text:
    """The command run with colour forced (FORCE_COLOR; TERM=xterm: Rich's "standard"
    colours), its output read back from the ANSI codes: what shows in a terminal."""
    env = {"COLUMNS": str(columns), "FORCE_COLOR": "1", "TERM": "xterm"}
    result = runner.invoke(app, list(args), env={**env, "NO_COLOR": None, "COLORTERM": None})
    assert result.exit_code == 0, result.output
    return Text.from_ansi(result.output)


def drawn(draw: Callable[[Console], object], width: int = 120) -> Text:
    """What ``draw`` prints on a terminal console in colour, read back from the ANSI codes."""
    out = io.StringIO()
    draw(Console(file=out, force_terminal=True, color_system="standard", width=width))
    return Text.from_ansi(out.getvalue())


def style_of(text: Text, words: str, after: str = "") -> Style:
    """The style the first ``words`` in ``text`` (after the first ``after``) are shown in,
    spaces aside (a table pads them). Every character of them has it, else the test
    fails."""
    at = text.plain.find(words, text.plain.index(after))
    assert at >= 0, f"{words!r} not in {text.plain!r}"
    console = Console()
    found = {
        text.get_style_at_offset(console, i)
        for i in range(at, at + len(words))
        if not text.plain[i].isspace()
    }
    assert len(found) == 1, f"{words!r} in several styles: {found}"
    return found.pop()
