"""A do-the-math profile with one attempt at its conversion exam, and `wayhome assess` on
it: the window rule an attempt decides (tests/cli/test_attempt_decides_window.py and its
web twin)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from wayhome.cli.app import app

EXAMPLE = Path(__file__).parents[2] / "src/wayhome/examples/do-the-math.yaml"
RULE = "Sit the conversion exam within the window after graduation"


def profile_with_attempt(tmp_path: Path, attempt: str | None, result: str = "pending") -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    if attempt:
        text += (
            "exam_attempts:\n"
            f"  - {{name: Specialist Conversion Examination, date: {attempt}, result: {result}}}\n"
        )
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def assess_text(path: str, on: str, *more: str) -> str:
    result = CliRunner().invoke(
        app, ["assess", path, "--on", on, *more], env={"COLUMNS": "80", "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    return result.output
