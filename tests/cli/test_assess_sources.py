"""`wayhome assess` gives every source's web address whole, to open or copy: the table
cites a source by its number ("Source [2]: ..."), and under each jurisdiction's panel
each address is printed once, on a line of its own, never cut short with "…" nor folded
inside a cell. For every example profile, over every bundled pack, at 80 columns."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli import flatten, run
from wayhome.adapters.packs import bundled_packs
from wayhome.adapters.profiles import example_names

ON = "2026-12-05"
EVERY = [a for p in bundled_packs() for a in ("--country", p.code)]


def _assess(example: str, *more: str) -> str:
    result = run("assess", "--example", example, "--on", ON, *more, columns=80)
    assert result.exit_code == 0, result.output
    return result.output


def _addresses(lines: list[str]) -> set[str]:
    """The addresses listed under the panels: "[n] address", or "[n]" and the address
    alone on the next line."""
    found = set()
    for i, line in enumerate(lines):
        if line.startswith("[") and "]" in line:
            found.add(line.partition("] ")[2] or lines[i + 1])
    return found


@pytest.mark.parametrize("example", example_names())
def test_every_source_address_is_printed_whole_at_80_columns(example):
    data = json.loads(_assess(example, *EVERY, "--json"))
    out = _assess(example, *EVERY)
    lines, said = out.splitlines(), flatten(out)
    printed = _addresses(lines)
    for a in data["assessments"]:
        urls = {f["source"]["url"] for f in a["findings"] + a["other_posts"]}
        for url in urls - {None}:
            assert url in printed, (a["jurisdiction"], url)
        # each source's title whole beside its grade, never cut short with "…"
        for f in a["findings"] + a["other_posts"]:
            src = f["source"]
            if src["grade"] != "none" and not f["confirmed_by_user"]:
                assert f"{' '.join(src['title'].split())} — {src['grade']}" in said, src
    assert not any("http" in line and "…" in line for line in lines)
    # no line wider than the screen but an address whole
    assert all(len(line) <= 80 for line in lines if line not in printed)


def test_a_source_is_cited_by_its_number_and_listed_once_under_its_panel():
    lines = _assess("do-the-math").splitlines()
    xx = lines[: next(i for i, line in enumerate(lines) if line.startswith("╭─ US"))]
    text = "\n".join(xx)
    assert "│ Source [2]: Specialist Conversion" in text
    assert "Source: Specialist" not in text  # a cited source always has its number
    tail = xx[xx.index("Sources online, by their number above:") :]
    assert tail[1:] == [
        "[1] https://council.example/act-2015",
        "[2] https://council.example/exam-regulations-2020",
        "[3] https://council.example/guide-2",
    ]
    # the act backs several rules: its address is listed once
    assert text.count("https://council.example/act-2015") == 1
    assert text.count("Source [1]:") > 1


def test_an_address_longer_than_the_line_goes_whole_under_its_number():
    gb = next(p for p in bundled_packs() if p.code == "GB")
    longest = max((s.url for s in gb.sources.values() if s.url), key=len)
    assert len(longest) > 200
    lines = _assess("do-the-math", "--country", "GB").splitlines()
    at = lines.index(longest)
    assert lines[at - 1].startswith("[") and lines[at - 1].endswith("]")
