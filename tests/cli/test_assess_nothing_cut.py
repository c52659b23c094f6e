"""`wayhome assess` cuts nothing short with "…": a date to register by sits under the
sitting it is for (a sixth column left no room for a whole date: "21 Nov 20…"), and an
exam's or a document's name longer than its column folds onto the next line. For every
example profile over every bundled pack, at 80 and 130 columns."""

from __future__ import annotations

import pytest

from tests.helpers.cli import run
from wayhome.adapters.packs import bundled_packs
from wayhome.adapters.profiles import example_names

ON = "2026-12-05"
EVERY = [a for p in bundled_packs() for a in ("--country", p.code)]


@pytest.mark.parametrize("columns", [80, 130])
@pytest.mark.parametrize("example", example_names())
def test_nothing_is_cut_short(example, columns):
    result = run("assess", "--example", example, "--on", ON, *EVERY, columns=columns)
    assert result.exit_code == 0, result.output
    cut = [line for line in result.output.splitlines() if "…" in line]
    assert cut == [], cut[:5]


def test_the_day_to_register_by_is_under_the_sitting_it_is_for():
    out = run("assess", "--example", "do-the-math", "--on", ON, columns=80).output
    rows = [line for line in out.splitlines() if line.startswith("│ │")]
    at = next(i for i, line in enumerate(rows) if "Sep 2028" in line and "Specialist" in line)
    assert "register by" in rows[at + 1] and "1 Jun 2028" in rows[at + 2]
    assert "Register by" not in out  # no column of its own
