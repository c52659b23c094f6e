"""`wayhome whatif` and the dashboard's slider judge each return date exactly as
`wayhome assess` would for it: the same rules, the same statuses; a rule not in force
for a return is not "fine"; a wait is worded as when it opens, a deadline as when it
breaks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wayhome.adapters import packs as pack_files
from wayhome.core.rules import engine
from wayhome.services import source, whatif

ON = date(2026, 12, 5)
SETUPS = Path(__file__).parents[1] / "helpers" / "setups"
CASES = {
    "surgeon": lambda: source.from_file(SETUPS / "green-card-surgeon-brazil.yaml"),
    "cardiologist": lambda: source.from_file(SETUPS / "j1-cardiologist-india.yaml"),
    "do-the-math": lambda: source.from_example("do-the-math"),
}


def assessed(src: source.ProfileSource, back: date) -> dict[tuple[str, str], object]:
    """Every finding `wayhome assess` lists for a return on ``back``: its status."""
    prof = src.profile
    prof = prof.model_copy(update={"plan": prof.plan.model_copy(update={"return_date": back})})
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
