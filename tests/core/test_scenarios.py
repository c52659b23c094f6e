"""Scenarios: variants of the plan, and how they compare."""

from datetime import date

from tests.helpers import all_packs, profile
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.planner import scenarios
from wayhome.core.profile.model import Scenario, Training


def test_years_as_an_attending_add_work_and_move_the_return():
    prof = profile()  # residency ends 31 Dec 2023
    changed = scenarios.apply(prof, Scenario(id="a", name="A", attending_years=3))
    [job] = changed.work
    assert (job.start, job.end, job.country) == (date(2024, 1, 1), date(2026, 12, 31), "US")
    assert changed.plan.return_date == date(2027, 1, 1)


def test_an_added_fellowship_moves_the_return_after_it():
    prof = profile(plan={"return_date": "2024-01-01"})
    fellowship = Training(
        kind="fellowship",
        specialty="cardiology",
        country="US",
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
    )
    changed = scenarios.apply(prof, Scenario(id="f", name="F", extra_training=[fellowship]))
    assert changed.plan.return_date == date(2026, 1, 1)
    assert [t.kind.value for t in changed.training] == ["residency", "fellowship"]


def test_a_given_return_date_and_targets_win():
    prof = profile()
    changed = scenarios.apply(
        prof,
        Scenario(id="x", name="X", return_date=date(2030, 1, 1), targets=["US"], attending_years=2),
    )
    assert changed.plan.return_date == date(2030, 1, 1)
    assert changed.plan.targets == ["US"]


def test_comparing_shows_which_windows_each_scenario_closes():
    prof = profile(
        medical_school={"graduated": "2016-06-30"}, plan={"return_date": "2027-07-01"}
    )  # the window ends 29 Jun 2026
    outcomes = scenarios.compare(
        prof,
        [Scenario(id="early", name="Early", return_date=date(2026, 1, 1))],
        all_packs(),
        guide_template(),
        date(2025, 1, 1),
    )
    assert [o.id for o in outcomes] == ["your-plan", "early"]
    plan, early = outcomes
    assert any("within the window after graduation" in c for c in plan.closes)
    assert not any("within the window after graduation" in c for c in early.closes)
    assert plan.regulators[0]["latest_safe_return"] == "2026-03-01"
    assert early.months_to_return == 12


def test_each_outcome_lists_the_tasks_that_keep_us_doors_open():
    prof, _ = load_profile(example_path("cardiology-in"))  # NY licence to 31 Aug 2027
    outcomes = scenarios.compare(
        prof,
        [Scenario(id="later", name="Later", return_date=date(2031, 1, 1))],
        all_packs(),
        guide_template(),
        date(2026, 11, 24),
    )
    for o in outcomes:
        assert any(d.startswith("Renew your") and "31 Aug 2027" in d for d in o.doors)
        assert o.to_json()["doors"] == list(o.doors)
    plan, later = outcomes

    # Staying visible from abroad starts the year you leave, so it moves with the return.
    def first_visible(o):
        return next(d for d in o.doors if d.startswith("Stay visible"))[-6:]

    assert (first_visible(plan), first_visible(later)) == ("(2028)", "(2031)")


def test_a_scenario_that_moves_the_return_moves_the_two_years_at_home_with_it():
    # do-the-math plans its move home on 30 Jun 2028 in its stays log. A scenario back
    # in 2030 kept that log, so its two years at home were met on 30 Jun 2030, before it
    # even returned. Now a scenario that moves the return reads the log up to today
    # only, and its own return says the rest.
    prof, _ = load_profile(example_path("do-the-math"))
    on = date(2026, 12, 5)
    found = {
        o.id: next(c for c in o.clocks if c.id == "j1-home")
        for o in scenarios.compare(prof, prof.scenarios, all_packs(), guide_template(), on)
    }
    assert found["your-plan"].met_on == date(2030, 6, 30)  # the log as it is
    later = found["three-years-as-attending"]
    assert (later.last_day, later.met_on) == (date(2032, 6, 30), date(2032, 7, 1))
    assert "counted from your planned return, 1 Jul 2030" in later.explanation
    # A scenario that keeps the return keeps every stay.
    same = Scenario(id="same", name="Same return, other targets", targets=["XX"])
    assert scenarios.apply(prof, same, on).stays == prof.stays


def test_a_scenario_that_leaves_planned_stays_out_says_so():
    # The stays log after today was planned around the plan's return (a move home on
    # 30 Jun 2028): a scenario back on another day counts without it, and says so.
    prof, _ = load_profile(example_path("do-the-math"))
    on = date(2026, 12, 5)
    notes = {
        o.id: o.stays_note
        for o in scenarios.compare(prof, prof.scenarios, all_packs(), guide_template(), on)
    }
    assert notes["your-plan"] is None
    assert notes["back-before-the-window-closes"] == (
        "Wayhome takes your stays after 5 Dec 2026 as planned around your return on "
        "1 Jul 2028, so for a return on 1 Mar 2027 it leaves them out: the visa clocks "
        "count you in the US until that return and at home from it."
    )
    # Nothing recorded after today: nothing left out, nothing said.
    past = [s.model_copy(update={"end": min(s.end, on)}) for s in prof.stays if s.start <= on]
    assert scenarios.stays_note(prof.model_copy(update={"stays": past}), on) is None
