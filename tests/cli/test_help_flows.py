"""`wayhome --help` and a group's help: each command's description flows at the
terminal's width, never broken where its docstring's lines were."""

from __future__ import annotations

from typer.testing import CliRunner

from wayhome.cli.app import app
from wayhome.cli.root import flowing


def _help(*args: str, columns: int = 160) -> str:
    done = CliRunner().invoke(
        app, [*args, "--help"], env={"COLUMNS": str(columns), "NO_COLOR": "1"}
    )
    assert done.exit_code == 0, done.output
    return done.output


def test_the_list_of_commands_flows():
    out = _help()
    assert "the verdict per target first (what your training counts as" in out


def test_a_groups_commands_flow():
    assert (
        "Your procedure log against the procedure numbers your target regulators set for your"
        in _help("cases")
    )


def test_paragraphs_stay_apart():
    doc = """First line
    goes on.

    Second paragraph."""
    assert flowing(doc) == "First line goes on.\n\nSecond paragraph."
