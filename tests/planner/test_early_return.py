"""A return before US training ends (core/planner/early.py). The return date is the first
day at home and a training's end its last day, a day of training: a return on that day
leaves the training unfinished, the day after does not. The conflicts' fixes, the
scenarios and the what-if views say it in the same words."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import all_packs
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.planner import early, scenarios
from wayhome.core.profile.model import Profile, Scenario, Training

ASK = "ask the regulator first whether US training you leave unfinished still counts"


@pytest.mark.parametrize(
    ("ends", "back", "is_early"),
    [
        (date(2027, 6, 30), date(2027, 6, 29), True),
        (date(2027, 6, 30), date(2027, 6, 30), True),  # the last day is a day of training
        (date(2027, 6, 30), date(2027, 7, 1), False),  # the first day after it
        (date(2027, 4, 30), date(2027, 4, 30), True),
        (date(2027, 4, 30), date(2027, 5, 1), False),  # across a month's end
        (date(2028, 2, 28), date(2028, 2, 29), False),  # a leap day after the last day
        (date(2028, 2, 29), date(2028, 2, 29), True),  # training ending on a leap day
        (date(2028, 2, 29), date(2028, 3, 1), False),
        (date(2027, 12, 31), date(2028, 1, 1), False),  # across a year's end
    ],
    ids=[
        "day-before",
        "last-day",
        "day-after",
        "month-end",
        "after-month-end",
        "leap-day-after",
        "leap-day-last",
        "after-leap-day",
        "after-year-end",
    ],
)
def test_a_return_on_the_last_day_of_training_is_early_and_the_day_after_is_not(
    ends, back, is_early
):
    assert early.before_training_ends(back, ends) is is_early
    assert (early.warning(back, ends) is not None) is is_early


def test_with_no_us_training_no_return_is_early():
    assert early.before_training_ends(date(2020, 1, 1), None) is False
    assert early.warning(date(2020, 1, 1), None) is None
    assert early.warning_between([date(2020, 1, 1)], None) is None


def test_the_warning_gives_the_reason_and_what_to_ask():
    assert early.warning(date(2028, 2, 29), date(2028, 2, 29)) == (
        "A return on 29 Feb 2028 is before your US training ends (29 Feb 2028), so it "
        f"means leaving it early: {ASK}."
    )


def test_a_range_of_returns_names_the_early_ones():
    months = [date(2028, 1, 1), date(2028, 2, 1), date(2028, 3, 1)]
    assert early.warning_between(months, date(2028, 2, 29)) == (
        "A return from 1 Jan 2028 to 1 Feb 2028 is before your US training ends "
        f"(29 Feb 2028), so it means leaving it early: {ASK}."
    )
    assert early.warning_between(months, date(2028, 1, 1)) == early.warning(
        date(2028, 1, 1), date(2028, 1, 1)
    )
    assert early.warning_between(months, date(2027, 12, 31)) is None


def _do_the_math(**training_update) -> Profile:
    prof, _ = load_profile(example_path("do-the-math"))  # residency to 30 Jun 2027
    [residency] = prof.training
    return prof.model_copy(update={"training": [residency.model_copy(update=training_update)]})


def test_only_us_training_counts_and_a_scenarios_fellowship_does():
    prof = _do_the_math()
    assert early.training_ends(prof) == date(2027, 6, 30)
    home = Training(
        kind="fellowship",
        specialty="cardiology",
        country="XX",
        start=date(2027, 9, 1),
        end=date(2029, 8, 31),
    )
    assert early.training_ends(prof.model_copy(update={"training": [*prof.training, home]})) == (
        date(2027, 6, 30)
    )
    us = home.model_copy(update={"country": "US"})
    fellow = Scenario(id="f", name="F", extra_training=[us], return_date=date(2029, 1, 1))
    assert early.training_ends(scenarios.apply(prof, fellow)) == date(2029, 8, 31)


def test_each_scenario_says_when_its_return_leaves_training_early():
    # The residency ends on a leap day, 29 Feb 2028: a scenario back that day is early,
    # one back the next day is not; so is the example's own "back before the window".
    prof = _do_the_math(end=date(2028, 2, 29))
    chosen = [
        Scenario(id="last-day", name="On its last day", return_date=date(2028, 2, 29)),
        Scenario(id="day-after", name="The day after", return_date=date(2028, 3, 1)),
        *prof.scenarios,
    ]
    on = date(2026, 12, 5)
    found = {o.id: o for o in scenarios.compare(prof, chosen, all_packs(), guide_template(), on)}
    assert found["last-day"].early == (
        "A return on 29 Feb 2028 is before your US training ends (29 Feb 2028), so it "
        f"means leaving it early: {ASK}."
    )
    assert found["last-day"].to_json()["before_training_ends"] == found["last-day"].early
    assert found["day-after"].early is None
    assert found["back-before-the-window-closes"].early == early.warning(
        date(2027, 3, 1), date(2028, 2, 29)
    )
    assert found["your-plan"].early is None  # back on 1 Jul 2028
    assert found["three-years-as-attending"].early is None
