"""`wayhome packs show` in a physician's words, for every bundled pack: each rule by its
title (no "[rule-id, kind]" after it), a certificate's tier as "Tier 1" (never the pack's
``tier-1``), and the regulator's web addresses whole on a line at 80 columns, to copy or
click."""

from __future__ import annotations

import re

import pytest

from tests.helpers.cli import flatten, run
from wayhome.adapters.packs import bundled_packs

PACKS = bundled_packs()
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _show(code: str) -> str:
    result = run("packs", "show", code, columns=80)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_rules_go_by_their_titles_and_tiers_by_their_words(pack):
    out = _show(pack.code)
    said = flatten(out)
    assert not re.search(r"\[[a-z0-9-]+,\s*[a-z_]+\]", said)
    for rule in pack.rules:
        assert f"{' '.join(rule.title.split())} Applies to:" in said, rule.id
        if "_" in rule.kind:  # min_years_experience, not "exam" (a word of the titles)
            assert rule.kind not in said, rule.kind
    tiers = {
        t
        for r in pack.rules
        for v in r.versions
        if getattr(v, "tiers", None)
        for t in (*v.tiers.years, *v.tiers.boards.values())
    }
    assert not tiers & set(SLUG.findall(said)), tiers & set(SLUG.findall(said))
    assert "tier-1" not in said and "tiers:" not in said


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_web_addresses_are_printed_whole_at_80_columns(pack):
    lines = _show(pack.code).splitlines()
    reg = pack.regulator
    for label, url in (("Website", reg.website), ("Foreign training", reg.foreign_training_page)):
        if not url:
            continue
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{label}:"))
        if len(f"{label}: {url}") <= 80:
            assert lines[at] == f"{label}: {url}"
        else:  # the label alone (no space after it), the address whole on the next line
            assert lines[at] == f"{label}:"
            assert lines[at + 1] == url
    # every other line keeps to the 80 columns
    urls = {reg.website, reg.foreign_training_page}
    assert all(len(line) <= 80 for line in lines if line not in urls)


def test_a_long_address_is_whole_where_it_used_to_break():
    gb = next(p for p in PACKS if p.code == "GB")
    url = gb.regulator.foreign_training_page
    assert url and len(url) > 80
    out = _show("GB")
    assert f"\nForeign training:\n{url}\n" in out


def test_dhas_tiers_are_said_tier_by_tier_with_their_years():
    said = flatten(_show("AE-DHA"))
    # the Specialist title: Tier 2 asked 3 years in the older text, 2 in the 2015 one
    assert (
        "counted licensed or not; Tier 1 (no years of experience needed): ABAI, ABA, ABCRS," in said
    )
    assert "ABTS, ABU; Tier 2: 3 years of experience needed; Tier 3: 3 years of experience" in said
    assert "ABTS, ABU; Tier 2: 2 years of experience needed; Tier 3: 3 years of experience" in said
    # the Consultant title
    assert "Tier 1 (2 years of experience needed): ABAI, ABA," in said
    assert "Tier 2: 8 years of experience needed; evidence:" in said
    assert "boards:" not in said and "ABIM: tier-1" not in said


def test_a_rule_named_in_a_note_is_named_by_its_title():
    said = flatten(_show("AE-DHA"))
    assert "see “The eligibility letter lasts 1 year”" in said
    assert "see ae-dha-eligibility-letter" not in said
    # the source's own words are never rewritten
    assert "quote: “Tier 2 certificates: Applicants must have three (3) years experience" in said
