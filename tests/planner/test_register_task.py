"""The plan registers for the sitting the latest safe return hangs on: when the plan's own
sitting is out of time for a rule on a sitting, a task "Register for <exam> (sitting on
<date>)" is due the day that sitting's registration closes, the same day the card's
registration line says (one lookup: register.in_window over the assessment's
registrations). Its closing day is still open; the day after, the task is gone, not
late: the plan's own sitting's registration is the one left to do. Near, it is the
next action, before overdue work that can still be done late."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.helpers import all_packs, last_of_may_pack, profile
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.progress import Mark, Progress
from wayhome.core.planner.register import REGISTRATION_NEAR_DAYS
from wayhome.core.planner.results import Plan, TaskStatus
from wayhome.core.planner.verdict import Verdict, verdict
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack

IN_WINDOW = "register:XX:xx-conversion-exam:2027-03-15"
OWN = "register:XX:xx-conversion-exam"  # the plan's own sitting, Sep 2028
CLOSES = date(2026, 12, 15)  # 15 Mar 2027's sitting, 3 months before


def planned(
    on: date,
    prof: Profile | None = None,
    packs: list[Pack] | None = None,
    progress: Progress | None = None,
) -> tuple[Plan, Verdict]:
    if prof is None:
        prof, _ = load_profile(example_path("do-the-math"))
    packs = packs if packs is not None else all_packs()
    report = engine.assess(prof, packs, on)
    plan = make_plan(prof, report, packs, guide_template(), on, progress)
    return plan, verdict(report, plan, prof.targets)


def test_ten_days_before_the_plan_registers_for_the_sitting_in_the_window():
    plan, v = planned(date(2026, 12, 5))
    task = plan.task(IN_WINDOW)
    assert task.spec.title == (
        "Register for Specialist Conversion Examination (sitting on 15 Mar 2027)"
    )
    assert (task.spec.latest, task.due, task.status) == (CLOSES, CLOSES, TaskStatus.PLANNED)
    assert "registration for the sitting on 15 Mar 2027 closes" in task.reason
    assert "the last one by 29 Jun 2027" in task.spec.why
    # The plan's own sitting after the return keeps its task, named by its sitting.
    own = plan.task(OWN)
    assert own.spec.title.endswith("(sitting in Sep 2028)") and own.due == date(2028, 6, 1)
    # The card's two lines say the same day; so do the next actions and the checklist.
    card = v.cards[0]
    assert card.registration is not None and card.registration.closes == CLOSES
    assert card.next_action is not None and card.next_action.task == IN_WINDOW
    assert (card.next_action.due, card.next_action.when) == (CLOSES, "by 15 Dec 2026")
    assert v.actions[0] == card.next_action  # before work overdue since 2025
    assert any(a.overdue for a in v.actions[1:])
    exams = next(i for i in plan.checklist if i.id == "exams")
    assert (exams.due, exams.when) == (CLOSES, "due 15 Dec 2026")


def test_on_its_closing_day_it_is_still_open_and_fits():
    # Registration is open on its last day (REGISTRATION_CONVENTION): the task is a day's
    # work to do now, not a week that no longer fits.
    plan, v = planned(CLOSES)
    task = plan.task(IN_WINDOW)
    assert (task.start, task.end, task.status) == (CLOSES, CLOSES, TaskStatus.PLANNED)
    assert IN_WINDOW not in {c.task for c in plan.conflicts}
    card = v.cards[0]
    assert card.registration is not None and card.registration.days_left == 0
    assert card.next_action is not None and card.next_action.task == IN_WINDOW


def test_the_day_after_it_is_gone_and_the_own_sitting_s_task_is_left():
    plan, v = planned(CLOSES + timedelta(days=1))
    assert IN_WINDOW not in {t.id for t in plan.tasks}
    # Not late, not "do it now": what is left is the plan's own sitting's registration.
    registering = [t for t in plan.tasks if t.id.startswith("register:")]
    assert [t.id for t in registering] == [OWN]
    assert registering[0].status is TaskStatus.PLANNED
    card = v.cards[0]
    assert card.registration is not None and card.registration.closed
    assert card.next_action is not None and not card.next_action.task.startswith("register:")
    exams = next(i for i in plan.checklist if i.id == "exams")
    assert exams.due == date(2028, 6, 1)


def test_marked_done_it_stays_done_once_registration_has_closed():
    progress = Progress().mark(IN_WINDOW, Mark.DONE, date(2026, 12, 10))
    plan, v = planned(CLOSES + timedelta(days=1), progress=progress)
    assert plan.task(IN_WINDOW).status is TaskStatus.DONE
    assert IN_WINDOW not in {a.task for a in v.actions}


def test_a_plan_whose_own_sitting_is_in_time_has_one_task_for_it():
    # Back by 1 Jan 2027: the plan's own sitting is 15 Mar 2027, in the window.
    prof, _ = load_profile(example_path("do-the-math"))
    plan, _ = planned(date(2026, 12, 5), prof.with_return_date(date(2027, 1, 1)))
    registering = [t for t in plan.tasks if t.id.startswith("register:")]
    assert [(t.id, t.spec.latest) for t in registering] == [(OWN, CLOSES)]
    assert registering[0].spec.title.endswith("(sitting on 15 Mar 2027)")


@pytest.mark.parametrize(
    ("days", "first"),
    [(REGISTRATION_NEAR_DAYS, IN_WINDOW), (REGISTRATION_NEAR_DAYS + 1, "find-regulator")],
    ids=["90-days-before", "91-days-before"],
)
def test_it_goes_before_overdue_work_from_90_days_before(days, first):
    # As the card's registration line: from 90 days before, registering is the thing to
    # do now; further off, overdue work (find your regulator, due 1 Jul 2025) comes first.
    plan, v = planned(CLOSES - timedelta(days=days))
    assert plan.task(IN_WINDOW).spec.latest == CLOSES
    assert v.actions[0].task == first
    assert (v.cards[0].registration is not None) is (first == IN_WINDOW)


@pytest.mark.parametrize(
    ("year", "closes"),
    [(2028, date(2028, 2, 29)), (2027, date(2027, 2, 28))],
    ids=["leap-year", "common-year"],
)
def test_a_sitting_on_31_may_is_registered_for_by_the_end_of_february(year, closes):
    # Graduated 30 Jun, 10 years before: the window ends 29 Jun, after the 31 May sitting;
    # the return a year later is out of it. Three months before 31 May: 28 or 29 February.
    prof = profile(
        medical_school={"country": "XX", "graduated": f"{year - 10}-06-30"},
        plan={"return_date": f"{year + 1}-07-01", "targets": ["XX"]},
    )
    for on in (closes, closes + timedelta(days=1)):
        plan, v = planned(on, prof, [last_of_may_pack(year)])
        task_id = f"register:XX:test-exam:{year}-05-31"
        if on == closes:
            task = plan.task(task_id)
            assert task.spec.title == f"Register for Test Exam (sitting on 31 May {year})"
            assert (task.spec.latest, task.status) == (closes, TaskStatus.PLANNED)
            card = v.cards[0]
            assert card.registration is not None and card.registration.closes == closes
            assert card.next_action is not None and card.next_action.due == closes
        else:
            assert task_id not in {t.id for t in plan.tasks}


OWN_CLOSES = date(2028, 6, 1)  # the Sep 2028 sitting, 3 months before its 1st


def _exam_tasks(plan: Plan) -> dict[str, tuple[str, date | None]]:
    """The plan's own sitting's tasks: id -> (title, the last day it may take)."""
    ids = (OWN, "study:XX:xx-conversion-exam", "sit:XX:xx-conversion-exam")
    return {t.id: (t.spec.title, t.spec.latest) for t in plan.tasks if t.id in ids}


def test_on_the_own_sitting_s_closing_day_the_plan_still_registers_for_it():
    # Registration is open on its last day (register.still_open): Sep 2028 is still the
    # plan's sitting, and registering for it is today's work.
    plan, _ = planned(OWN_CLOSES)
    assert _exam_tasks(plan) == {
        OWN: ("Register for Specialist Conversion Examination (sitting in Sep 2028)", OWN_CLOSES),
        "study:XX:xx-conversion-exam": (
            "Study for Specialist Conversion Examination",
            date(2028, 8, 31),
        ),
        "sit:XX:xx-conversion-exam": (
            "Sit Specialist Conversion Examination (Sep 2028)",
            date(2028, 9, 30),
        ),
    }
    assert plan.task(OWN).due == OWN_CLOSES
    exams = next(i for i in plan.checklist if i.id == "exams")
    assert exams.due == OWN_CLOSES


def test_the_day_after_the_plan_moves_to_the_next_sitting_still_open():
    # Registration for Sep 2028 closed on 1 Jun 2028: the plan does not ask for what can no
    # longer be done ("late: do it now"); its study, register and sit tasks move together
    # to Mar 2029, whose registration closes 1 Dec 2028, as the card judges it.
    plan, v = planned(OWN_CLOSES + timedelta(days=1))
    assert _exam_tasks(plan) == {
        OWN: (
            "Register for Specialist Conversion Examination (sitting in Mar 2029)",
            date(2028, 12, 1),
        ),
        "study:XX:xx-conversion-exam": (
            "Study for Specialist Conversion Examination",
            date(2029, 2, 28),
        ),
        "sit:XX:xx-conversion-exam": (
            "Sit Specialist Conversion Examination (Mar 2029)",
            date(2029, 3, 31),
        ),
    }
    assert plan.task(OWN).status is TaskStatus.PLANNED
    assert not any(t.status is TaskStatus.LATE for t in plan.tasks if t.id.startswith("register:"))
    card = v.cards[0]
    assert card.registration is None  # 1 Dec 2028 is 182 days off: not near
    assert "Registration for" not in card.reason
    exams = next(i for i in plan.checklist if i.id == "exams")
    assert exams.due == date(2028, 12, 1)
