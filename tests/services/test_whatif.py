"""`wayhome whatif` and the dashboard's slider judge each return date exactly as
`wayhome assess` would for it, with the stays log `wayhome scenarios` counts for it
(scenarios.apply): the same rules, the same statuses; a rule not in force for a return
is not "fine"; a wait is worded as when it opens, a deadline as when it breaks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wayhome.adapters import packs as pack_files
from wayhome.core.planner import scenarios
from wayhome.core.profile.model import Scenario, Stay
from wayhome.core.rules import engine
from wayhome.services import source, whatif

ON = date(2026, 12, 5)
SETUPS = Path(__file__).parents[1] / "helpers" / "setups"


def h1b_going_home() -> source.ProfileSource:
    """The H-1B internist (six years from 20 Jun 2021), her move home planned in her stays
    log: Germany from her return, 1 Apr 2027, on (and a trip home in Jan 2027 before it)."""
    prof = source.from_file(SETUPS / "h1b-internist-germany.yaml").profile
    home = Stay(country="DE", start=date(2027, 4, 1), end=date(2031, 12, 31), planned=True)
    return source.ProfileSource(prof.model_copy(update={"stays": [*prof.stays, home]}))


CASES = {
    "surgeon": lambda: source.from_file(SETUPS / "green-card-surgeon-brazil.yaml"),
    "cardiologist": lambda: source.from_file(SETUPS / "j1-cardiologist-india.yaml"),
    "do-the-math": lambda: source.from_example("do-the-math"),
    "h1b-going-home": h1b_going_home,
}


def assessed(src: source.ProfileSource, back: date) -> dict[tuple[str, str], object]:
    """Every finding `wayhome assess` lists for a return on ``back``, as `wayhome
    scenarios` assesses a scenario returning then: its status."""
    prof = scenarios.apply(src.profile, Scenario(id="then", name="Then", return_date=back), ON)
    report = engine.assess(prof, pack_files.load_packs([]), ON)
    return {(a.jurisdiction, f.rule): f.status for a in report.assessments for f in a.findings}


@pytest.mark.parametrize("case", list(CASES))
def test_each_month_is_judged_as_assess_would_judge_that_return(case):
    src = CASES[case]()
    sw = whatif.whatif(src, ON)
    listed: set[tuple[str, str]] = set()
    for back in sw.return_dates[::7]:
        expected = assessed(src, back)
        listed |= set(expected)
        column = sw.column(back)
        assert {k: s for k, s in column.items() if s is not None} == expected, back
    assert listed <= set(sw.rules)


def test_a_route_closed_before_the_first_month_is_not_listed_as_fine():
    sw = whatif.whatif(CASES["surgeon"](), ON)
    assert ("BR", "br-revalidation-university") not in sw.rules


def test_a_wait_opens_and_a_deadline_breaks():
    sw = whatif.whatif(CASES["do-the-math"](), ON)
    wait = sw.rules.index(("XX", "xx-consultant-experience"))
    deadline = sw.rules.index(("XX", "xx-exam-graduation-window"))
    assert sw.change(wait) == "fine from Sep 2029"
    assert sw.first_break(wait) is None
    assert sw.change(deadline) == "breaks from Apr 2027"
    assert sw.first_break(deadline) == date(2027, 4, 1)
    practice = sw.rules.index(("XX", "xx-recent-practice"))
    assert sw.change(practice) == "breaks from Jul 2030"


def test_a_later_return_counts_the_h1b_years_without_the_move_home_planned_for_the_plan():
    # Her six years end on 16 Jul 2027 (27 days abroad recaptured). whatif used to count
    # the stay in Germany planned from 1 Apr 2027 for every return tried, so each day of
    # it was recaptured and a return in Aug 2027 or 2028 was "ok"; `wayhome scenarios`,
    # which leaves the stays planned around the plan's return out, said "conflict".
    src = h1b_going_home()
    sw = whatif.whatif(src, ON, start=date(2027, 1, 1), end=date(2028, 12, 1))
    row = sw.rules.index(("US", "us-h1b-six-years"))
    assert sw.first_break(row) == date(2027, 8, 1)
    assert sw.column(date(2028, 1, 1))[("US", "us-h1b-six-years")] == "conflict"
    for back in sw.return_dates:
        assert (
            sw.column(back)[("US", "us-h1b-six-years")]
            == assessed(src, back)[("US", "us-h1b-six-years")]
        ), back
    # ... and says so, for every return but the plan's.
    note = (
        "Wayhome takes your stays after 5 Dec 2026 as planned around your return on "
        "1 Apr 2027, so for a return on any other day it leaves them out: the visa clocks "
        "count you in the US until that return and at home from it."
    )
    assert sw.stays_note == note


def test_a_sweep_with_nothing_planned_after_today_has_no_stays_note():
    sw = whatif.whatif(CASES["cardiologist"](), ON)  # the log ends on 24 Nov 2026
    assert sw.stays_note is None
