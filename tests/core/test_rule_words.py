"""The rule engine's sentences in words a physician reads: questions for the regulator apart
from what to add to the profile, no slugs, ids or ISO dates in a sentence, a confirmation
dated by when the regulator said it."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from tests.helpers import assess_one, finding, profile, xx
from wayhome.adapters.packs import bundled_packs
from wayhome.core.common.specialties import SPECIALTIES
from wayhome.core.profile.model import ConfirmedRule
from wayhome.core.rules import describe
from wayhome.core.rules.confirmed import told_on
from wayhome.core.rules.kinds.experience import Tiers
from wayhome.core.rules.prepare import NO_SOURCE
from wayhome.core.rules.report import SourceRef, sitting_words

PACKS = Path(__file__).parents[2] / "src" / "wayhome" / "packs"
SNAPSHOTS = sorted(PACKS.glob("*/snapshots/*.json"))
PROFILE_WORDS = re.compile(r"^(Add|Enter|When will you)\b")


def _assessment(path: Path) -> dict:
    return json.loads(path.read_text())["assessment"]


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_the_regulator_is_asked_only_questions(path):
    a = _assessment(path)
    for q in a["unknowns"]:
        assert not PROFILE_WORDS.match(q["question"]), q["question"]
    for f in a["findings"]:
        assert not PROFILE_WORDS.match(f.get("question", "")), f["question"]


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_sentences_hold_no_slug_or_id(path):
    a = _assessment(path)
    pack = next(p for p in bundled_packs() if p.code == a["jurisdiction"])
    ids = {r.id for r in pack.rules} | {u.id for u in pack.unknowns}
    tiers = {
        t
        for r in pack.rules
        for v in r.versions
        if getattr(v, "tiers", None)
        for t in v.tiers.years
    }
    for f in [*a["findings"], *a["other_posts"]]:
        said = f["explanation"]
        tokens = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", said))
        assert not tokens & ids, (f["rule"], tokens & ids)
        assert not tokens & tiers, (f["rule"], tokens & tiers)  # "Tier 1", not "tier-1"
        assert not tokens & {s for s in SPECIALTIES if "-" in s}, f["rule"]
        assert "deadline passed" not in said
    assert "set plan.posts to change it" not in (a["posts_note"] or "")


def test_the_teaching_to_add_is_a_to_add_not_a_question():
    a = assess_one(profile(plan={"return_type": "academic"}), "2026-11-24")
    f = finding(a, "xx-faculty-teaching")
    assert f.question is None
    assert f.to_add and f.to_add.startswith("Add the teaching that will count towards 2 years")
    (teaching,) = [t for t in a.to_add if t.rule == "xx-faculty-teaching"]
    assert teaching.what == f.to_add
    assert all(q.rule != "xx-faculty-teaching" for q in a.unknowns)
    assert {"what": f.to_add, "why": teaching.why, "rule": teaching.rule} in a.to_json()["to_add"]
    assert f.to_json()["to_add"] == f.to_add and "question" not in f.to_json()


def test_specialties_are_named_as_physicians_write_them():
    a = assess_one(profile(), "2026-11-24")
    said = finding(a, "xx-recognition").explanation
    assert "internal-medicine" not in said
    assert SPECIALTIES["internal-medicine"].name in said


def test_pack_show_says_values_in_words():
    pack = xx()
    lines = [describe.values(v, pack) for r in pack.rules for v in r.versions]
    text = "\n".join(lines)
    for raw in ("{", "full_specialist", "inclusive:", "xx-licensing", "score:", "2026-12"):
        assert raw not in text, raw
    assert "pass mark: 60 out of 100" in text
    assert "only under that age" in text
    assert "every year in March, September; announced: 15 Mar 2027, 13 Sep 2027" in text
    assert "12 Jan 2027 (the Dec 2026 session; date to confirm:" not in text
    assert "12 Jan 2027 (the Dec 2026 session) (date to confirm:" in text
    assert (
        "attempts counted together across Licensing Examination and Licensing Examination "
        "(computer-based)" in text
    )
    # the map of boards to tiers, tier by tier, with no "tiers:" or "tier-1" left
    assert (
        "counted licensed or not; Tier 1 (2 years of experience needed): ABIM, ABS, ABP, "
        "RCPSC; Tier 2: 3 years of experience needed; a board not listed counts as Tier 2; "
        "evidence: teaching" in text
    )
    assert "tier-" not in text and "tiers:" not in text


def test_a_tier_is_named_as_the_regulators_write_it():
    tiers = Tiers(boards={"ABIM": "group-1", "ABS": "group-1"}, years={"group-1": 0, "group-2": 1})
    assert Tiers.name("tier-1") == "Tier 1"
    assert tiers.words() == (
        "Group 1 (no years of experience needed): ABIM, ABS; Group 2: 1 year of experience needed"
    )


def test_a_rule_id_in_a_note_becomes_its_title():
    pack = xx()
    rule = pack.rules[0]
    assert pack.in_words(f"Valid 6 months ({rule.id}).") == f"Valid 6 months (“{rule.title}”)."
    asked = pack.unknowns[0].id
    assert pack.in_words(f"It is an open question ({asked}).") == "It is an open question."
    assert pack.in_words(f"(see {asked})") == "(see the open question for the regulator)"


def test_sittings_are_dates_in_words():
    assert sitting_words("2027-03-15") == "15 Mar 2027"
    assert sitting_words("2028-03") == "Mar 2028"


@pytest.mark.parametrize(
    ("evidence", "day"),
    [
        ({"note": "Phone call", "date": "2026-10-02"}, date(2026, 10, 2)),
        ("phone call with the council, 2026-10-02", date(2026, 10, 2)),
        ("Email from the council, 3 Nov 2026", date(2026, 11, 3)),
        ("Letter of Nov 3, 2026", date(2026, 11, 3)),
        ("a call, 02/10/2026", None),  # ambiguous: never guessed
        ("a call with the desk", None),
    ],
)
def test_a_confirmation_is_dated_by_when_the_regulator_said_it(evidence, day):
    c = ConfirmedRule.model_validate(
        {"jurisdiction": "XX", "rule": "xx-recognition", "evidence": evidence}
    )
    assert told_on(c) == day


def test_a_recent_confirmation_in_free_text_is_not_stale():
    prof = profile(
        confirmed_rules=[
            {
                "jurisdiction": "XX",
                "rule": "xx-exam-graduation-window",
                "years": 12,
                "evidence": "phone call with the council, 2026-10-02",
            }
        ]
    )
    f = finding(assess_one(prof, "2026-12-05"), "xx-exam-graduation-window")
    assert f.source.as_of == date(2026, 10, 2) and not f.stale
    assert f.source.details == "told 2 Oct 2026"


def test_an_undated_confirmation_says_it_has_no_date():
    told = SourceRef("Confirmed by you: a call", None, None, None, "regulator", confirmed=True)
    assert told.details == "no date given"
    assert "your confirmation has no date" in told.stale_text()
    assert "over 18 months" not in told.stale_text()


def test_no_published_source_is_said_plainly():
    assert not NO_SOURCE.published
    assert NO_SOURCE.stale_text() == (
        "No published source was found: confirm it with the regulator."
    )
