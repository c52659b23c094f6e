"""In colour, only the part of a line meant to stand out does: a heading, a rule's
title, a status word is bold or coloured, and the words after it are not. A line built
as one styled text with the rest appended took the first part's style whole (the reason
after a card's status word in bold magenta, a finding's arithmetic in bold)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import coloured, drawn, style_of
from wayhome.cli.render.vault import render_mismatches
from wayhome.core.evidence.consistency import Mismatch

ON = "2026-11-24"
YELLOW, MAGENTA = 3, 5  # the terminal's standard colours
CARDIOLOGIST = str(Path(__file__).parents[1] / "helpers" / "setups" / "j1-cardiologist-india.yaml")


def test_a_cards_status_word_is_coloured_and_its_reason_is_not():
    out = coloured("assess", CARDIOLOGIST, "--on", ON, "--brief")
    word = style_of(out, "OPEN QUESTION")
    assert word.bold and word.color is not None and word.color.number == MAGENTA
    reason = style_of(out, "What your US residency, fellowship and board")
    assert not reason.bold and reason.color is None
    # the card's head: its code bold, as a panel's title is, its role in italics
    assert style_of(out, "AE-DHA").bold
    name = style_of(out, "Dubai Health Authority (DHA)")
    assert not name.bold and not name.italic
    role = style_of(out, "— backup")
    assert role.italic and not role.bold
    # the US visa line: its label bold, the clocks plain
    assert style_of(out, "US visa:").bold
    assert not style_of(out, "J-1: at most 7 years of training").bold


def test_a_findings_title_is_bold_and_its_arithmetic_and_source_are_not():
    out = coloured("assess", CARDIOLOGIST, "--on", ON)
    title = "What US training counts as for a teaching (faculty) post"
    assert style_of(out, title, after="The details, rule by rule").bold
    arithmetic = style_of(out, "For an academic return, your US residency")
    assert not arithmetic.bold and not arithmetic.dim
    source = style_of(out, "Source [1]: Legality Simplified")
    assert source.dim and not source.bold
    stale = style_of(out, "STALE: the source is dated 4 Jan 2024")
    assert stale.bold and stale.color is not None and stale.color.number == YELLOW


def test_ask_the_regulator_is_a_bold_heading_over_plain_questions_and_dim_reasons():
    out = coloured("assess", CARDIOLOGIST, "--on", ON)
    assert style_of(out, "Ask the regulator:").bold
    question = style_of(out, "• Is there any time limit for registering")
    assert not question.bold and not question.dim
    why = style_of(out, "— None of our sources sets one")
    assert why.dim and not why.bold
    assert style_of(out, "Posts you seek:").bold
    assert not style_of(out, "consultant, faculty").bold


def test_packs_show_makes_a_rules_title_bold_and_nothing_under_it():
    out = coloured("packs", "show", "IN")
    title = "What your US residency, fellowship and board certification count as in India"
    assert style_of(out, title).bold
    id_line = style_of(out, "Rule id, for confirmed_rules:")
    assert id_line.dim and not id_line.bold
    for plain in ("Applies to:", "Checked against:", "in force:"):
        assert not style_of(out, plain).bold, plain
    source = style_of(out, "source: Legality Simplified")
    assert source.dim and not source.bold
    assert style_of(out, "Open questions (ask the regulator):").bold
    assert not style_of(out, "• Is there any time limit for registering").bold


def test_the_timeline_and_visa_clocks_make_only_a_title_bold():
    plan = coloured("timeline", CARDIOLOGIST, "--on", ON)
    heads = "Task, and why it sits there"
    assert style_of(plan, "Set up one or two collaborations", after=heads).bold
    why = style_of(plan, "as soon as possible: from 24 Nov 2026", after=heads)  # its reason
    assert why.dim and not why.bold
    clocks = coloured("visa", CARDIOLOGIST, "--on", ON)
    assert style_of(clocks, "J-1: at most 7 years of training").bold
    assert not style_of(clocks, "ECFMG sponsors graduate medical education").bold


def test_a_mismatch_shows_its_value_bold_and_where_it_was_read_dim():
    found = Mismatch(
        field="name",
        kind="spelling",
        expected="Anna Kowalska",
        expected_source="your profile",
        found="Anna Kowalski",
        found_source="diploma.pdf",
        why="The names differ by a letter: ask for a corrected copy.",
        confirmed=False,
    )
    out = drawn(lambda c: render_mismatches([found], c))
    assert style_of(out, "Anna Kowalska").bold and style_of(out, "Anna Kowalski").bold
    for where in ("your profile", "diploma.pdf", "(read, not"):
        assert style_of(out, where).dim and not style_of(out, where).bold, where
