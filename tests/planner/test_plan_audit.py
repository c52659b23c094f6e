"""The planner's answers the audit checked: what bounds the application, the home
period, month-only sittings, visa task statuses, long-overdue work, and task text
in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import all_packs, profile
from tests.helpers.plans import plan_for
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.common import dates
from wayhome.core.planner.due import LONG_OVERDUE_DAYS, overdue_by, when_words
from wayhome.core.planner.results import Plan, TaskStatus
from wayhome.core.profile.model import Profile
from wayhome.core.visa.clocks import Clock, ClockStatus

SETUPS = Path(__file__).parents[1] / "helpers" / "setups"


@pytest.mark.parametrize("name", ["j1-cardiologist-india", "h1b-internist-germany"])
def test_a_us_status_limit_does_not_bound_the_application_at_home(name):
    # The application is made at home, after leaving the US: a US visa limit bounds
    # the leaving (the return and the visa tasks), never the application.
    prof, _ = load_profile(SETUPS / f"{name}.yaml")
    plan = plan_for(prof)
    apply = plan.task("apply-registration")
    assert not (apply.spec.latest_why or "").startswith("US:"), apply.reason
    assert "apply-registration" not in {c.task for c in plan.conflicts}
    assert apply.spec.latest is None or apply.spec.latest > prof.plan.return_date


def test_a_sitting_known_by_its_month_is_dated_as_assess_counts_it():
    # assess: "in Sep 2028 (counted as 30 Sep 2028)": a month-only sitting counts as
    # held on its last day; the study block still ends before the month can begin.
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof, date(2026, 12, 5))
    sit = plan.task("sit:XX:xx-conversion-exam")
    study = plan.task("study:XX:xx-conversion-exam")
    register = plan.task("register:XX:xx-conversion-exam")
    assert sit.start == sit.end == date(2028, 9, 30)
    assert sit.spec.title == "Sit Specialist Conversion Examination (Sep 2028)"
    assert "counted as held on its last day, 30 Sep 2028" in sit.reason
    assert study.end == date(2028, 8, 31)
    assert "the sitting in Sep 2028, which may be held from 1 Sep 2028" in study.reason
    assert "registration for the sitting in Sep 2028 closes" in register.reason
    for t in (sit, study, register):
        assert "2028-09" not in t.spec.title + t.reason


HOME = "home-presence:US:us-j1-home-presence"


def _j1(**over: object) -> Profile:
    return profile(
        visa={"type": "J-1", "start": "2023-06-20", "end": "2026-06-30"},
        training=[
            {
                "kind": "residency",
                "specialty": "internal-medicine",
                "country": "US",
                "start": "2023-07-01",
                "end": "2026-06-30",
            }
        ],
        plan={"return_date": "2026-07-20"},
        **over,
    )


def _clock(plan: Plan, clock_id: str) -> Clock:
    return next(c for c in plan.clocks if c.id == clock_id)


def test_the_home_period_is_the_visa_clock_s_to_the_day():
    # The visa clock counts from the first day at home (30 Jun 2028, the travel day of
    # the stays log) and serves to 29 Jun 2030: the task says the same, not the return.
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof, date(2026, 12, 5))
    clock = _clock(plan, "j1-home")
    home = plan.task(HOME)
    assert (clock.last_day, clock.met_on) == (date(2030, 6, 29), date(2030, 6, 30))
    assert (home.start, home.end) == (date(2028, 6, 30), clock.last_day)
    assert "met on 30 Jun 2030" in home.reason
    assert "your return" not in home.reason


def test_days_away_from_home_push_the_home_period_as_the_clock_counts_them():
    # 30 days in the US in 2027 push the two years, as in `wayhome visa`.
    prof = _j1(
        stays=[
            {"country": "US", "start": "2023-06-20", "end": "2026-07-20"},
            {"country": "XX", "start": "2026-07-20", "end": "2027-03-01"},
            {"country": "US", "start": "2027-03-01", "end": "2027-03-31"},
            {"country": "XX", "start": "2027-03-31", "end": "2031-01-01"},
        ]
    )
    plan = plan_for(prof, date(2026, 1, 1))
    clock = _clock(plan, "j1-home")
    assert clock.days_added == 30
    home = plan.task(HOME)
    assert (home.start, home.end) == (date(2026, 7, 20), clock.last_day)
    assert clock.last_day == date(2028, 8, 18)


def test_a_home_period_from_a_leap_day_starts_on_it():
    # Home from 29 Feb 2028 (day 1): the clock carries its first day, so the task starts
    # on it, not on 28 Feb (what working back from the last day served gave).
    prof = _j1(stays=[{"country": "XX", "start": "2028-02-29", "end": "2031-01-01"}])
    plan = plan_for(prof, date(2026, 1, 1))
    clock = _clock(plan, "j1-home")
    assert clock.first_day == date(2028, 2, 29)
    assert plan.task(HOME).start == date(2028, 2, 29)


def test_a_home_period_already_counting_keeps_the_clock_s_dates():
    # Home since 20 Jul 2026, looked at on 10 Jan 2027: the period is not moved to today.
    prof = _j1(stays=[{"country": "XX", "start": "2026-07-20", "end": "2031-01-01"}])
    plan = plan_for(prof, date(2027, 1, 10))
    home = plan.task(HOME)
    assert (home.start, home.end) == (date(2026, 7, 20), _clock(plan, "j1-home").last_day)
    assert home.status is TaskStatus.PLANNED
    assert "after the J-1, 20 Jul 2026 as day 1" in home.reason


def test_a_waived_home_period_says_so_with_no_dates_invented():
    prof = _j1(j1_waiver={"route": "conrad-30", "status": "granted", "date": "2026-03-01"})
    plan = plan_for(prof)
    home = plan.task(HOME)
    assert home.spec.milestone
    assert "waived" in home.spec.title
    assert home.start == home.end == date(2026, 3, 1)  # the waiver's date, from the profile
    assert "does not apply" in home.reason


def test_an_uncounted_home_period_says_so_with_no_dates_invented():
    # Stays recorded, none at home after the J-1: the clock cannot count it.
    prof = _j1(stays=[{"country": "US", "start": "2023-06-20", "end": "2026-08-01"}])
    plan = plan_for(prof)
    assert _clock(plan, "j1-home").status is ClockStatus.UNKNOWN
    home = plan.task(HOME)
    assert home.spec.milestone and home.status is TaskStatus.UNKNOWN
    assert home.start == prof.plan.return_date  # your return, at the earliest
    assert "not counted yet" in home.spec.title


def test_a_visa_task_carries_its_clock_s_status():
    # `wayhome visa` says CONFLICT for the last day in the US; the timeline says so too.
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof, date(2026, 12, 5))
    assert _clock(plan, "j1-grace").status is ClockStatus.CONFLICT
    assert plan.task("visa:j1-grace").status is TaskStatus.CONFLICT
    assert plan.task("visa:j1-home").status is TaskStatus.PLANNED  # running


def test_a_drift_warning_is_tight_in_the_plan_as_on_the_visa_page():
    prof = profile(plan={"return_date": "2033-06-01"})  # US training ended 31 Dec 2023
    plan = plan_for(prof)
    assert _clock(plan, "drift").status is ClockStatus.TIGHT
    drift = plan.task("visa:drift")
    assert drift.status is TaskStatus.TIGHT
    assert "the visa clocks" in drift.reason


@pytest.mark.parametrize(
    "path",
    [example_path("do-the-math"), example_path("cardiology-in"), *sorted(SETUPS.glob("*.yaml"))],
    ids=lambda p: p.stem,
)
def test_task_text_has_no_rule_ids_or_command_names(path):
    # "the last day allowed by IN (in-faculty-age-limit)", "your visa clock (wayhome
    # visa)": the rule's and the target's names in words, the visa clocks without a
    # command (the dashboard shows the same text).
    prof, _ = load_profile(path)
    plan = plan_for(prof, date(2026, 12, 5))
    ids = {r.id for p in all_packs() for r in p.rules}
    for t in plan.tasks:
        text = f"{t.spec.title} {t.reason}"
        assert "wayhome " not in text, t.id
        assert not [i for i in ids if i in text], (t.id, text)


def test_a_deadline_says_whose_rule_it_is_in_words():
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof, date(2026, 12, 5))
    window = plan.task("deadline:XX:xx-exam-graduation-window")
    assert window.reason == "the last day the rules of Exampleland (fictional) allow"
    # A US status limit is marked once, by its visa clock, not again as a deadline.
    assert "deadline:US:us-j1-gme-limit" not in {t.id for t in plan.tasks}
    assert plan.task("visa:j1-grace").spec.latest == date(2027, 7, 30)


@pytest.mark.parametrize(
    ("due", "on", "words"),
    [
        (date(2028, 7, 1), date(2026, 12, 5), "by 1 Jul 2028"),
        (date(2026, 12, 5), date(2026, 12, 5), "by 5 Dec 2026"),
        (date(2026, 11, 14), date(2026, 12, 5), "3 weeks overdue (due 14 Nov 2026)"),
        (date(2026, 9, 6), date(2026, 12, 5), "2 months overdue (due 6 Sep 2026)"),  # 90 days
        (date(2026, 9, 5), date(2026, 12, 5), "do it now (it was due 5 Sep 2026)"),
        (date(2019, 7, 1), date(2026, 12, 5), "do it now (it was due 1 Jul 2019)"),
    ],
)
def test_a_date_long_past_says_do_it_now_not_how_long_ago(due, on, words):
    assert when_words(date(2026, 1, 1), due, overdue_by(due, on)) == words


def test_no_due_date_says_from_its_start():
    assert when_words(date(2027, 1, 5), None, 0) == "from 5 Jan 2027"


def test_a_readiness_item_long_past_says_do_it_now():
    # An attending whose training ended years ago: the item was due 1 Jul 2020.
    prof, _ = load_profile(example_path("cardiology-in"))
    plan = plan_for(prof, date(2026, 12, 5))
    item = next(i for i in plan.checklist if i.id == "training-counts")
    assert item.due is not None and (date(2026, 12, 5) - item.due).days > LONG_OVERDUE_DAYS
    assert item.when == f"do it now (it was due {dates.fmt(item.due)})"
    ahead = next(i for i in plan.checklist if i.due and i.due > date(2026, 12, 5))
    assert ahead.when == f"due {dates.fmt(ahead.due)}"


def test_a_fix_that_returns_before_training_ends_says_what_it_costs():
    # do-the-math: the exam window's fix is a return by 15 Mar 2027, before the residency
    # ends on 30 Jun 2027; said, with what to ask. The J-1's own fix (30 Jul 2027) is after
    # it: no such words.
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof, date(2026, 12, 5))
    fixes = {c.task: c.fix for c in plan.conflicts}
    window = fixes["deadline:XX:xx-exam-graduation-window"]
    assert window.startswith(
        "return by 15 Mar 2027, in time for an earlier sitting, and register for it by "
        "15 Dec 2026 (in 10 days); that is "
    )
    assert "before your US training ends (30 Jun 2027), so it means leaving it early" in window
    assert fixes["deadline:US:us-j1-gme-limit"] == "return by 30 Jul 2027"
