"""The planner's answers the audit checked: what bounds the application, the home
period, month-only sittings, visa task statuses, long-overdue work, and task text
in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers.plans import plan_for
from wayhome.adapters.profiles import load_profile

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
