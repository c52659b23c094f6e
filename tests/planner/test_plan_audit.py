"""The planner's answers the audit checked: what bounds the application, the home
period, month-only sittings, visa task statuses, long-overdue work, and task text
in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers.plans import plan_for
from wayhome.adapters.profiles import example_path, load_profile

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
    assert "counted as 30 Sep 2028" in sit.reason
    assert study.end == date(2028, 8, 31)
    assert "the sitting in Sep 2028, which may be held from 1 Sep 2028" in study.reason
    assert "registration for the sitting in Sep 2028 closes" in register.reason
    for t in (sit, study, register):
        assert "2028-09" not in t.spec.title + t.reason
