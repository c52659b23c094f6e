"""A card weighs the registration of the sitting its dates hang on: within 90 days of its
last day, "register by <date> (in N days)"; once closed, before the sitting, that it
closed and what the next sitting open to you means for the rule. Further off, nothing
changes. The fix for the conflict says the same. Registration is open on its last day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.helpers import all_packs, last_of_may_pack, mini_pack, profile
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.register import REGISTRATION_NEAR_DAYS
from wayhome.core.planner.verdict import Card, Standing, verdict
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack

WINDOW = "deadline:XX:xx-exam-graduation-window"
CLOSES = date(2026, 12, 15)  # 15 Mar 2027's sitting, 3 months before


def card_and_fixes(
    prof: Profile, on: date, packs: list[Pack] | None = None
) -> tuple[Card, dict[str, str]]:
    packs = packs if packs is not None else all_packs()
    report = engine.assess(prof, packs, on)
    plan = make_plan(prof, report, packs, guide_template(), on)
    card = verdict(report, plan, prof.targets).cards[0]
    return card, {c.task: c.fix for c in plan.conflicts}


def do_the_math(on: date) -> tuple[Card, dict[str, str]]:
    prof, _ = load_profile(example_path("do-the-math"))
    return card_and_fixes(prof, on)


def test_ten_days_before_the_card_says_register_by_the_date():
    card, fixes = do_the_math(date(2026, 12, 5))
    assert card.status is Standing.AT_RISK and card.latest.day == date(2027, 3, 15)
    r = card.registration
    assert r is not None and not r.closed
    assert (r.closes, r.days_left, r.sitting) == (CLOSES, 10, "2027-03-15")
    assert r.text == (
        "Register for Specialist Conversion Examination by 15 Dec 2026 (in 10 days): the "
        "sitting on 15 Mar 2027 is the last one by 29 Jun 2027, and your latest safe "
        "return hangs on it."
    )
    assert (r.next_sitting, r.next_in_time) == ("2027-09-13", False)
    js = card.to_json()["registration"]
    assert (js["closes"], js["days_left"], js["closed"]) == ("2026-12-15", 10, False)
    assert js["text"] == r.text and "that day is still open" in js["convention"]
    assert fixes[WINDOW].startswith(
        "return by 15 Mar 2027, in time for an earlier sitting, and register for it by "
        "15 Dec 2026 (in 10 days); that is before your US training ends"
    )


def test_on_the_last_day_it_is_still_open():
    card, fixes = do_the_math(CLOSES)
    r = card.registration
    assert r is not None and not r.closed and r.days_left == 0
    assert r.text.startswith(
        "Register for Specialist Conversion Examination by 15 Dec 2026 (today, the last day): "
    )
    assert "register for it by 15 Dec 2026 (today, the last day)" in fixes[WINDOW]
    tomorrow, _ = do_the_math(CLOSES - timedelta(days=1))
    assert tomorrow.registration is not None
    assert "by 15 Dec 2026 (tomorrow)" in tomorrow.registration.text


def test_the_day_after_it_has_closed_and_no_sitting_is_in_time():
    card, fixes = do_the_math(CLOSES + timedelta(days=1))
    r = card.registration
    assert r is not None and r.closed and r.days_left == -1
    closed = (
        "Registration for Specialist Conversion Examination on 15 Mar 2027 closed on "
        "15 Dec 2026, and the next you can still register for, 13 Sep 2027, is after "
        "29 Jun 2027: no sitting left is in time, whatever your return. Ask the regulator "
        "about a late registration."
    )
    assert r.text == closed
    # The fix no longer says to return by 15 Mar 2027: that sitting is out of reach.
    assert fixes[WINDOW] == closed.removesuffix(".")
    assert "return by 15 Mar 2027" not in fixes[WINDOW]


def test_once_the_sitting_is_held_its_registration_is_said_no_more():
    # Once held, the sitting is history: the last safe return was to be back for it.
    # The fix says no return meets the rule now, not to return by a day gone by.
    card, fixes = do_the_math(date(2027, 3, 16))
    assert card.registration is None
    assert card.latest.day == date(2027, 3, 15)
    assert fixes[WINDOW] == (
        "the last safe return was 15 Mar 2027, so no return meets it now: ask the "
        "regulator whether the limit can be extended or an exception made"
    )


def test_once_registration_has_closed_the_latest_safe_return_is_its_last_day():
    # Before it closes the latest safe return is the sitting (be back for it); once it has
    # closed, no return reaches that sitting: the last safe day was the registration's.
    assert do_the_math(CLOSES)[0].latest.day == date(2027, 3, 15)
    after, _ = do_the_math(CLOSES + timedelta(days=1))
    assert after.latest.day == CLOSES
    assert after.registration is not None and after.registration.closed


@pytest.mark.parametrize(
    ("on", "shown"),
    [
        (CLOSES - timedelta(days=REGISTRATION_NEAR_DAYS), True),
        (CLOSES - timedelta(days=REGISTRATION_NEAR_DAYS + 1), False),
        (date(2026, 6, 1), False),
    ],
    ids=["90-days-before", "91-days-before", "six-months-before"],
)
def test_a_deadline_further_off_changes_nothing(on, shown):
    card, fixes = do_the_math(on)
    assert (card.registration is not None) is shown
    if not shown:
        assert card.to_json()["registration"] is None
        assert fixes[WINDOW].startswith(
            "return by 15 Mar 2027, in time for an earlier sitting; that is before your US "
            "training ends (30 Jun 2027)"
        )
    else:
        assert card.registration is not None
        assert "by 15 Dec 2026 (in 90 days)" in card.registration.text


@pytest.mark.parametrize(
    ("year", "closes", "words"),
    [(2028, date(2028, 2, 29), "29 Feb 2028"), (2027, date(2027, 2, 28), "28 Feb 2027")],
    ids=["leap-year", "common-year"],
)
def test_a_sitting_on_31_may_closes_on_the_last_day_of_february(year, closes, words):
    # Graduated 30 Jun, 10 years before the sitting: the window ends 29 Jun, after 31 May.
    prof = profile(
        medical_school={"country": "XX", "graduated": f"{year - 10}-06-30"},
        plan={"return_date": f"{year + 1}-07-01", "targets": ["XX"]},
    )
    on = closes - timedelta(days=45)
    card, _ = card_and_fixes(prof, on, [last_of_may_pack(year)])
    assert card.latest.day == date(year, 5, 31)
    r = card.registration
    assert r is not None and r.closes == closes and r.days_left == 45
    assert r.text == (
        f"Register for Test Exam by {words} (in 45 days): the sitting on 31 May {year} is "
        f"the last one by 29 Jun {year}, and your latest safe return hangs on it."
    )


EXAM_ONLY = """
  - id: test-exam
    kind: exam
    title: Test Exam
    name: Test Exam
    purpose: specialty
    versions:
      - source: s1
        sittings: {months: [9]}
        registration_closes: {months: 3}
"""


def test_an_exam_the_status_comes_from_says_its_sitting_and_the_next():
    # Back on 1 Aug 2027 for the September sitting, whose registration closes 1 Jun 2027.
    prof = profile(plan={"return_date": "2027-08-01", "targets": ["XX"]})
    card, _ = card_and_fixes(prof, date(2027, 5, 1), [mini_pack(EXAM_ONLY)])
    assert card.status is Standing.TIGHT and card.reason_rule == "test-exam"
    assert card.registration is not None
    assert card.registration.text == (
        "Register for Test Exam by 1 Jun 2027 (in 31 days), for the sitting in Sep 2027 your "
        "plan counts on; the next is Sep 2028 (register by 1 Jun 2028)."
    )
    # The day after, the plan counts on the next sitting still open, Sep 2028: no rule
    # hangs on the closed one, so nothing is blocked, and its registration is a year off.
    after, _ = card_and_fixes(prof, date(2027, 6, 2), [mini_pack(EXAM_ONLY)])
    assert after.status is Standing.TIGHT and after.reason_rule == "test-exam"
    assert after.reason == "Test Exam: last day 1 Jun 2028, under 12 months to spare"
    assert after.registration is None


def test_a_tight_window_says_the_sitting_the_plan_counts_on_and_the_next():
    # Back on 1 Nov 2027 for the sitting on 30 Nov 2027, inside a window ending 29 Jun 2028:
    # tight. Its registration closes 30 Aug 2027; the next sitting's, 29 Feb 2028, is far.
    pack = mini_pack("""
  - id: test-window
    kind: max_years_since_graduation
    title: Sit the exam within 10 years of graduation
    event: exam:test-exam
    versions:
      - {source: s1, years: 10}
  - id: test-exam
    kind: exam
    title: Test Exam
    name: Test Exam
    purpose: specialty
    versions:
      - source: s1
        sittings: {dates: [2027-11-30, 2028-05-31, 2029-05-31]}
        registration_closes: {months: 3}
""")
    prof = profile(
        medical_school={"country": "XX", "graduated": "2018-06-30"},
        plan={"return_date": "2027-11-01", "targets": ["XX"]},
    )
    card, _ = card_and_fixes(prof, date(2027, 8, 15), [pack])
    assert card.status is Standing.TIGHT and card.reason_rule == "test-window"
    assert card.latest.day == date(2028, 5, 31)
    assert card.registration is not None
    assert card.registration.text == (
        "Register for Test Exam by 30 Aug 2027 (in 15 days), for the sitting on 30 Nov 2027 "
        "your plan counts on; the next, 31 May 2028, is still by 29 Jun 2028: register by "
        "29 Feb 2028."
    )
