"""The command line run in-process, as a user types it, and its output made searchable."""

from __future__ import annotations

import re

from click.testing import Result
from typer.testing import CliRunner

from wayhome.cli.app import app

runner = CliRunner()


def flatten(output: str) -> str:
    """The text without table borders and line wraps, to search for sentences."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", output).split())


def run(*args: str, columns: int = 120) -> Result:
    return runner.invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})
