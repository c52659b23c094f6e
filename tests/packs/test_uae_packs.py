"""The UAE packs (#21): what the three authorities share, and DHA's Tier 2 change.

DHA's Specialist text of about 2011 asked 3 years after a Tier 2 certificate, its July
2015 text 2 (research AE-7, AE-8); the day of the change was not found (AE-A6), so the
pack dates the 2015 version "between 1 Jan 2011 and 12 Jul 2015". No source places any
board in Tier 2, so the pack's own map never gives a Tier 2 certificate: these tests
place one made-up board there, in the real pack, to show the engine answers
``indeterminate`` where the two texts differ and agrees where they do not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.helpers import assess_one, finding, pack, profile
from wayhome.adapters.packs import bundled_dir, bundled_packs
from wayhome.core.rules.report import Status

UAE = ("AE-DHA", "AE-DOH", "AE-MOHAP")
RULE = "ae-dha-specialist-experience"


def _dha_with_a_tier_two_board() -> Any:
    text = (bundled_dir() / "AE-DHA" / "pack.yaml").read_text(encoding="utf-8")
    assert text.count("boards: {ABAI: tier-1,") == 3  # the Specialist and Consultant maps
    return pack(text.replace("boards: {ABAI: tier-1,", "boards: {XTB: tier-2, ABAI: tier-1,"))


DHA = _dha_with_a_tier_two_board()


def _tier_two(certified: str, back: str) -> Any:
    return profile(
        person={"citizenship": ["AE"]},
        home_country="AE",
        medical_school={"country": "AE", "graduated": "2004-06-30"},
        training=[
            {
                "kind": "residency",
                "specialty": "internal-medicine",
                "country": "US",
                "start": "2006-07-01",
                "end": "2009-06-30",
            }
        ],
        board_certifications=[
            {"board": "XTB", "specialty": "internal-medicine", "certified": certified}
        ],
        plan={"return_date": back, "return_type": "private", "targets": ["AE-DHA"]},
    )


def test_tier_two_inside_the_unknown_window_cannot_tell_when_the_texts_differ():
    # Certified 1 May 2011, back 1 Jul 2013: 2 years are done (from 1 May 2013), 3 are
    # not (from 1 May 2014); the 2015 text may or may not be in force on 1 Jul 2013.
    a = assess_one(_tier_two("2011-05-01", "2013-07-01"), "2013-01-15", [DHA], "AE-DHA")
    f = finding(a, RULE)
    assert f.status is Status.INDETERMINATE
    assert f.earliest is None
    assert "somewhere between 1 Jan 2011 and 12 Jul 2015" in f.explanation
    assert "Your XTB certificate is Tier 2 (as the pack lists it): 2 years" in f.explanation
    assert "Your XTB certificate is Tier 2 (as the pack lists it): 3 years" in f.explanation


def test_tier_two_inside_the_window_agrees_when_both_texts_are_met():
    # Certified 1 May 2010: 3 years are done by 1 May 2013 as well, so both say ok.
    a = assess_one(_tier_two("2010-05-01", "2013-07-01"), "2013-01-15", [DHA], "AE-DHA")
    f = finding(a, RULE)
    assert f.status is Status.OK


@pytest.mark.parametrize(
    ("certified", "back", "on", "years", "opens", "version"),
    [
        pytest.param(
            "2007-05-01",
            "2010-07-01",
            "2010-01-15",
            3,
            date(2010, 5, 1),
            f"{RULE}@origin",
            id="before-2011-the-older-text-3-years",
        ),
        pytest.param(
            "2014-05-01",
            "2016-07-01",
            "2016-01-15",
            2,
            date(2016, 5, 1),
            f"{RULE}@2011-01-01..2015-07-12",
            id="after-12-jul-2015-the-2015-text-2-years",
        ),
    ],
)
def test_tier_two_outside_the_window_has_one_answer(certified, back, on, years, opens, version):
    a = assess_one(_tier_two(certified, back), on, [DHA], "AE-DHA")
    f = finding(a, RULE)
    assert f.status is Status.OK
    assert f.earliest == opens
    assert f.rule_version == version
    assert f"Your XTB certificate is Tier 2 (as the pack lists it): {years} years" in f.explanation


# ------------------------------------------------------------------ UAE-wide agreement


def _rule(code: str, kind: str, suffix: str) -> Any:
    p = next(p for p in bundled_packs() if p.code == code)
    prefix = code.lower()
    return next(r for r in p.rules if r.kind == kind and r.id == f"{prefix}-{suffix}")


def _latest(rule: Any) -> Any:
    return rule.versions[-1]


def test_the_three_authorities_agree_on_the_uae_wide_rules():
    """The assessment's pool, limit, bar and result validity; the eligibility letter's
    year; good standing's 6 months; a gap in practice of over 2 years (AE-11, AE-14,
    AE-16, AE-7/AE-15)."""
    exams = [_latest(_rule(c, "exam", "assessment")) for c in UAE]
    assert {v.attempt_pool for v in exams} == {"uae-licensing-assessment"}
    assert {v.attempts for v in exams} == {3}
    assert all(
        v.after_limit and "additional recognised qualification" in v.after_limit for v in exams
    )
    assert {(v.pass_valid.years, v.pass_valid.months) for v in exams} == {(5, 0)}
    letters = [_latest(_rule(c, "document_validity", "eligibility-letter")) for c in UAE]
    assert {(v.kind, v.months) for v in letters} == {("eligibility-letter", 12)}
    standing = [_latest(_rule(c, "document_validity", "good-standing")) for c in UAE]
    assert {(v.kind, v.months) for v in standing} == {("good-standing", 6)}
    gaps = [_latest(_rule(c, "recent_practice", "recent-practice")) for c in UAE]
    assert {v.years for v in gaps} == {2}
    assert all(v.consequences and len(v.consequences) == 3 for v in gaps)
