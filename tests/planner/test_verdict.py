"""The verdict per target: the status word and its reason from the findings for the
posts sought, the two dates with their rules (a limit decades away shown as what it
is), the next action (overdue first, snoozed ones left out), the order of preference."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import GRADUATION_RULE, all_packs, mini_pack, profile
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import load_profile
from wayhome.core.common.data import merge
from wayhome.core.planner.due import overdue_words
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.progress import Mark, Progress
from wayhome.core.planner.verdict import Standing, verdict
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack

RECOGNISED = """
  - id: recognition
    kind: recognition
    title: What US training counts as
    versions:
      - {source: s1, residency: full_specialist, fellowship: full_specialist,
         board_certification: full_specialist}
"""
SETUPS = Path(__file__).parents[1] / "helpers" / "setups"
ON = date(2026, 11, 24)


def answer(prof: Profile, on: date = ON, packs: list[Pack] | None = None, progress=None):
    packs = packs if packs is not None else all_packs()
    report = engine.assess(prof, packs, on)
    plan = make_plan(prof, report, packs, guide_template(), on, progress)
    return verdict(report, plan, prof.targets)


def setup(name: str, **over) -> Profile:
    prof, _ = load_profile(SETUPS / f"{name}.yaml")
    if over:
        from wayhome.adapters.profiles import to_data

        prof = Profile.model_validate(merge(to_data(prof), over))
    return prof


@pytest.mark.parametrize(
    ("on", "back", "word", "says"),
    [
        ("2026-06-01", "2027-01-01", Standing.BLOCKED, "the last day was 31 Dec 2025"),
        ("2024-06-01", "2026-06-01", Standing.AT_RISK, "last day 31 Dec 2025, before your plan"),
        ("2024-06-01", "2025-06-01", Standing.TIGHT, "under 12 months to spare"),
        ("2024-01-01", "2024-06-01", Standing.ON_TRACK, "Every rule that applies to you fits"),
    ],
    ids=["missed-is-blocked", "conflict-is-at-risk", "tight", "on-track"],
)
def test_the_status_word_comes_from_the_worst_finding_with_its_reason(on, back, word, says):
    prof = profile(
        medical_school={"country": "XX", "graduated": "2016-01-01"},
        plan={"return_date": back, "targets": ["XX"]},
    )
    pack = mini_pack(GRADUATION_RULE + RECOGNISED)
    card = answer(prof, date.fromisoformat(on), [pack]).cards[0]
    assert card.status is word
    assert card.training == "recognised as a specialist"
    assert says in card.reason
    if word is not Standing.ON_TRACK:
        assert card.reason.startswith("Within 10 years of graduation")
        assert card.reason_rule == "grad-window"


def test_a_date_has_the_rule_that_sets_it():
    prof = profile(plan={"return_date": "2023-06-01", "targets": ["XX"]})
    card = answer(prof, date(2023, 1, 1), [mini_pack(GRADUATION_RULE)]).cards[0]
    assert (card.latest.day, card.latest.rule) == (date(2023, 12, 31), "grad-window")
    assert card.latest.rule_title == "Within 10 years of graduation"
    assert card.latest.text == "31 Dec 2023" and not card.latest.far
    assert card.earliest.day is None and card.earliest.text == "now: nothing opens later"


def test_a_limit_decades_away_is_shown_as_what_it_is():
    card = answer(setup("j1-cardiologist-india")).cards[0]
    assert card.code == "IN" and card.latest.far
    assert card.latest.text == (
        "no limit before 11 Apr 2061: Maximum age for appointment as a teacher in a medical "
        "college, unless the 3 rules not judged yet say otherwise"
    )


def test_nothing_on_a_card_comes_from_a_rule_for_another_post():
    # Consultant posts only: India's age limit for teachers governs a post not sought.
    prof = setup("j1-cardiologist-india", plan={"posts": ["consultant"]})
    card = answer(prof).cards[0]
    assert card.latest.rule != "in-faculty-age-limit" and card.latest.day is None
    faculty = ("in-faculty-age-limit", "in-academic-equivalence", "in-academic-sr-exemption")
    assert card.reason_rule not in faculty
    assert not {q.rule for q in card.questions} & set(faculty)
    assert "teacher" not in card.latest.text + card.earliest.text + card.reason


def test_unknowns_decide_the_status_and_say_what_to_ask():
    card = answer(setup("h1b-internist-germany")).cards[0]
    assert card.status is Standing.OPEN_QUESTION
    assert card.training == "not known — ask"
    # the route first: what training counts as decides everything after it
    assert card.reason_rule == "de-recognition" and card.reason.endswith("(and 1 more)")
    assert [q.rule for q in card.questions] == ["de-recognition", "de-facharzt-exam"]
    assert card.latest.text == "no limit found, unless the 2 rules not judged yet say otherwise"


def test_a_licensing_exam_still_to_pass_comes_first():
    card = answer(setup("green-card-surgeon-brazil")).cards[0]
    assert card.training_note == "the Revalida first, for a licence"


def test_cards_follow_the_order_of_preference_and_a_country_groups_its_regulators():
    prof = setup("j1-cardiologist-india", plan={"targets": ["AE", "IN"]})
    v = answer(prof)
    assert [c.code for c in v.cards] == ["AE-DHA", "AE-DOH", "AE-MOHAP", "IN"]
    assert [c.role for c in v.cards] == ["your plan"] * 3 + ["backup"]
    groups = v.groups()
    assert [(g.country, g.name, len(g.cards)) for g in groups] == [
        ("AE", "United Arab Emirates", 3),
        ("IN", "India", 1),
    ]
    assert "US" not in {c.code for c in v.cards}  # the visa rules have their own line


def test_the_next_action_is_the_first_task_not_done_overdue_first():
    prof = setup("j1-cardiologist-india")
    v = answer(prof)
    india, dubai = v.cards
    assert india.next_action is not None and india.next_action.task == "find-regulator"
    assert india.next_action.overdue and india.next_action.due == date(2022, 7, 1)
    assert india.next_action.when == "do it now (it was due 1 Jul 2022)"
    # a backup's next action is its own
    assert dubai.next_action is not None and dubai.next_action.jurisdiction == "AE-DHA"
    overdue = [a.overdue_days for a in v.actions if a.overdue]
    assert len(v.actions) == 5 and overdue == sorted(overdue, reverse=True)
    done = Progress().mark("find-regulator", Mark.DONE, ON)
    after = answer(prof, progress=done)
    assert after.cards[0].next_action.task == "confirm-requirements"
    assert "find-regulator" not in [a.task for a in after.actions]


def test_a_snoozed_task_leaves_the_next_actions_until_its_day():
    prof = setup("j1-cardiologist-india")
    snoozed = Progress().mark("find-regulator", Mark.SNOOZED, ON, date(2026, 12, 10))
    assert snoozed.tasks["find-regulator"].snoozed_until == date(2026, 12, 10)
    hidden = answer(prof, progress=snoozed)
    assert "find-regulator" not in [a.task for a in hidden.actions]
    assert hidden.cards[0].next_action.task != "find-regulator"
    back = answer(prof, date(2026, 12, 10), progress=snoozed)
    assert back.actions[0].task == "find-regulator"


def test_a_snooze_keeps_a_move_and_needs_its_day():
    moved = Progress().mark("collaborations", Mark.MOVED, ON, date(2027, 1, 5))
    both = moved.mark("collaborations", Mark.SNOOZED, ON, date(2027, 1, 2))
    entry = both.tasks["collaborations"]
    assert (entry.status, entry.to, entry.snoozed_until) == (
        Mark.MOVED,
        date(2027, 1, 5),
        date(2027, 1, 2),
    )
    with pytest.raises(ValueError, match="the day the task comes back"):
        Progress().mark("collaborations", Mark.SNOOZED, ON)
    with pytest.raises(ValueError, match="snoozed_until"):
        Progress.model_validate({"tasks": {"x": {"status": "snoozed", "on": "2026-11-24"}}})


@pytest.mark.parametrize(
    ("days", "words"),
    [(1, "1 day"), (13, "13 days"), (14, "2 weeks"), (62, "8 weeks"), (63, "2 months"),
     (729, "23 months"), (730, "2 years")],
)  # fmt: skip
def test_how_long_overdue_is_said_in_its_largest_unit(days, words):
    assert overdue_words(days) == words


def test_the_json_keeps_every_part_of_the_card():
    data = answer(setup("j1-cardiologist-india")).to_json()
    card = data["targets"][0]
    assert card["status"] == "open question" and card["role"] == "your plan"
    assert card["latest_safe_return"]["rule"] == "in-faculty-age-limit"
    assert card["latest_safe_return"]["far"] is True
    assert card["next_action"]["task"] == "find-regulator"
    assert card["next_action"]["overdue_days"] == (ON - date(2022, 7, 1)).days
    assert data["next_actions"][0]["task"] == "find-regulator"
    assert data["targets"][1]["country_name"] == "United Arab Emirates"


LICENSING = """
  - id: lic
    kind: exam
    title: Licensing Exam
    name: Licensing Exam
    aliases: [LE]
    purpose: licensing
    versions:
      - source: s1
        sittings: {months: [3, 6, 9, 12]}
        attempts: 3
        after_limit: No fourth attempt.
"""


def test_an_exam_with_no_attempts_left_blocks_the_target_and_says_why():
    fails = [{"name": "LE", "date": f"2023-0{m}-15", "result": "fail"} for m in (3, 6, 9)]
    prof = profile(exam_attempts=fails, plan={"return_date": "2025-01-01", "targets": ["XX"]})
    card = answer(prof, date(2024, 1, 1), [mini_pack(LICENSING + RECOGNISED)]).cards[0]
    assert card.status is Standing.BLOCKED and card.reason_rule == "lic"
    assert card.reason.startswith("Licensing Exam: You have no attempts left at Licensing Exam")
    assert "No fourth attempt." in card.reason
    # still to pass, it comes first: a licence before anything else
    assert card.training_note == "the Licensing Exam first, for a licence"


def test_a_target_with_no_pack_is_an_open_question_with_the_question_to_ask():
    prof = setup("j1-cardiologist-india", plan={"targets": ["FR", "IN"]})
    france = answer(prof).cards[0]
    assert (france.code, france.label, france.role) == ("FR", "France", "your plan")
    assert france.status is Standing.OPEN_QUESTION
    assert france.reason == "Wayhome has no rule pack for FR yet: ask the regulator"
    assert france.latest.text == france.earliest.text == "not known: no rule pack yet"
    assert france.questions[0].question.startswith("What are the rules for a US-trained")
