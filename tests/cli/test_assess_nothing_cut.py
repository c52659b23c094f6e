"""`wayhome assess` cuts nothing short with "…" and splits no date across lines: a date
to register by sits under the sitting it is for (a sixth column left no room for a whole
date: "21 Nov 20…"), an exam's or a document's name longer than its column folds onto
the next line, and where the exams, the documents or the findings do not fit as a table
with every date whole (at 50 columns the documents' dates read "1 Ma…", at 40 a
finding's words had a column of two cells, "1 Jul" over "2028") they are listed. For
every example profile over every bundled pack, at 40, 50, 80 and 130 columns."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from tests.helpers.cli import run
from wayhome.adapters.packs import bundled_packs
from wayhome.adapters.profiles import example_names

ON = "2026-12-05"
EVERY = [a for p in bundled_packs() for a in ("--country", p.code)]


DATE = re.compile(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")
CELL = re.compile(r"[│┃]")


def split_dates(output: str) -> list[tuple[str, str]]:
    """Each date begun on one line and ended on the next, in the same cell of a table or
    panel ("1 Jul" over "2028", or folded: "1 Ju" over "l 2028"): the two parts."""
    found = []
    rows = [CELL.split(line) for line in output.splitlines()]
    for above, below in pairwise(rows):
        if len(above) != len(below):
            continue
        for a, b in zip((x.strip() for x in above), (x.strip() for x in below), strict=True):
            for joined in (f"{a} {b}", a + b):
                if any(m.start() < len(a) < m.end() for m in DATE.finditer(joined)):
                    found.append((a, b))
    return found


@pytest.mark.parametrize("columns", [40, 50, 80, 130])
@pytest.mark.parametrize("example", example_names())
def test_nothing_is_cut_short(example, columns):
    result = run("assess", "--example", example, "--on", ON, *EVERY, columns=columns)
    assert result.exit_code == 0, result.output
    cut = [line for line in result.output.splitlines() if "…" in line]
    assert cut == [], cut[:5]
    assert split_dates(result.output) == []


def test_split_dates_finds_a_date_over_two_lines():
    assert split_dates("│ by 1 Jul │\n│ 2028 now │") == [("by 1 Jul", "2028 now")]
    assert split_dates("│ 1 Ju │ a │\n│ l 2028 │ b │") == [("1 Ju", "l 2028")]
    assert split_dates("│ 1 Jul 2028 │\n│ 2 Jul 2028 │") == []


def test_at_50_columns_each_document_is_a_sentence_with_its_date_whole():
    out = run("assess", "--example", "do-the-math", "--on", ON, columns=50).output
    at = out.index("Documents, on the day you apply")
    documents = " ".join(line.strip("│ ") for line in out[at:].splitlines()[:12])
    assert "• Primary medical diploma: missing. Ask for a new one by 1 May 2028." in documents
    assert "┃ Issued" not in out  # no table of five columns
    assert "  Next sittings: 15 Mar 2027, 13 Sep 2027," in out  # the exams, listed


def test_the_day_to_register_by_is_under_the_sitting_it_is_for():
    out = run("assess", "--example", "do-the-math", "--on", ON, columns=80).output
    rows = [line for line in out.splitlines() if line.startswith("│ │")]
    at = next(i for i, line in enumerate(rows) if "Sep 2028" in line and "Specialist" in line)
    assert "register by" in rows[at + 1] and "1 Jun 2028" in rows[at + 2]
    assert "Register by" not in out  # no column of its own


def test_columns_keep_each_date_whole_or_say_the_table_does_not_fit():
    from wayhome.cli.render.columns import widths

    cells = [["Document", "A very long name of a document indeed"], ["Ask by", "30 Jun 2024"]]
    # Each column at least its longest word ("document"), a date whole; borders and
    # padding take 3 cells a column and 1.
    assert widths(8 + 11 + 7, cells) == [8, 11]  # the name wraps
    assert widths(8 + 10 + 7, cells) is None  # no room for the date: a list instead
    assert widths(200, cells) == [37, 11]  # as wide as they want; Rich shares the rest
