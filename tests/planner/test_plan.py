"""The plan for whole profiles: template tasks, exam and deadline tasks, checklist."""

from datetime import date

import pytest

from tests.helpers import profile
from tests.helpers.plans import ON, plan_for
from wayhome.adapters.profiles import example_names, example_path, load_profile
from wayhome.core.planner.progress import Mark, Progress
from wayhome.core.planner.results import TaskStatus


@pytest.mark.parametrize("name", example_names())
def test_every_task_has_dates_a_reason_and_known_dependencies(name):
    prof, _ = load_profile(example_path(name))
    plan = plan_for(prof)
    ids = {t.id for t in plan.tasks}
    assert len(plan.tasks) > 10
    for t in plan.tasks:
        assert t.start <= t.end
        assert t.reason, t.id
        assert set(t.spec.depends_on) <= ids, t.id
    assert plan.task("return").start == prof.plan.return_date


def test_an_exam_adds_study_registration_and_the_sitting():
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof)
    sit = plan.task("sit:XX:xx-conversion-exam")
    study = plan.task("study:XX:xx-conversion-exam")
    register = plan.task("register:XX:xx-conversion-exam")
    assert sit.start == date(2028, 9, 30)  # Sep 2028, counted as held on its last day
    assert study.end < sit.start and study.spec.mode.value == "alap"
    assert register.spec.latest == date(2028, 6, 1)
    assert register.end <= date(2028, 6, 1)


def test_a_deadline_the_plan_breaks_is_a_conflict_with_its_fix():
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof)
    window = next(c for c in plan.conflicts if c.task == "deadline:XX:xx-exam-graduation-window")
    assert "10-year window ends 29 Jun 2027" in window.problem
    # On 24 Nov 2026 the sitting's registration closes in 21 days: the fix says it.
    assert window.fix.startswith(
        "return by 15 Mar 2027, in time for an earlier sitting, and register for it by "
        "15 Dec 2026 (in 21 days); "
    )
    assert plan.task("deadline:XX:xx-exam-graduation-window").status is TaskStatus.CONFLICT


def test_study_that_cannot_fit_before_an_early_sitting_is_a_conflict():
    prof = profile(
        plan={"return_date": "2027-02-01"},
        training=[
            {
                "kind": "residency",
                "specialty": "internal-medicine",
                "country": "US",
                "start": "2024-07-01",
                "end": "2027-01-31",
            }
        ],
    )
    plan = plan_for(prof)
    conflict = next(c for c in plan.conflicts if c.task == "study:XX:xx-conversion-exam")
    assert "must be done by 14 Mar 2027 (the sitting on 15 Mar 2027)" in conflict.problem
    assert conflict.fix.startswith("start studying earlier, or sit a later sitting")


def test_the_application_never_goes_past_a_rule_deadline():
    # Returning 1 Jan 2029, US training ended 30 Jun 2024 (then US practice, so no gap):
    # the 5-year window to apply for recognition ends 29 Jun 2029, in the first year back.
    prof = profile(
        plan={"return_date": "2029-01-01"},
        training=[
            {
                "kind": "residency",
                "specialty": "internal-medicine",
                "country": "US",
                "start": "2021-07-01",
                "end": "2024-06-30",
            }
        ],
        work=[{"role": "attending", "country": "US", "start": "2024-07-01"}],
    )
    task = plan_for(prof).task("apply-registration")
    assert task.spec.latest == date(2029, 6, 29)
    assert "Apply for recognition of specialist training in time" in task.reason


def test_the_yearly_home_visit_repeats_until_the_return():
    prof, _ = load_profile(example_path("do-the-math"))
    visits = [t.id for t in plan_for(prof).tasks if t.id.startswith("home-visit-")]
    assert visits == ["home-visit-2026", "home-visit-2027", "home-visit-2028"]


def test_the_j1_home_period_is_the_visa_clock_s():
    # From the first day at home in the stays log (30 Jun 2028), as `wayhome visa` counts.
    prof, _ = load_profile(example_path("do-the-math"))
    task = plan_for(prof).task("home-presence:US:us-j1-home-presence")
    assert (task.start, task.end) == (date(2028, 6, 30), date(2030, 6, 29))


def test_the_checklist_lists_open_items_with_their_dates():
    prof, _ = load_profile(example_path("do-the-math"))
    plan = plan_for(prof)
    items = {i.id: i for i in plan.checklist}
    # The XX pack says what training counts as, but no written word is logged: open.
    assert not items["training-counts"].done
    assert items["training-counts"].missing == ("XX: What US training counts as: no answer logged",)
    # Due when registration closes for the sitting the latest safe return hangs on (15 Mar
    # 2027's, on 15 Dec 2026), not for the plan's own sitting after the return (1 Jun 2028).
    assert not items["exams"].done and items["exams"].due == date(2026, 12, 15)
    assert items["exams"].blocking
    done, total = plan.readiness
    assert (done, total) == (0, 9)


def test_ticking_tasks_does_not_evidence_a_written_confirmation():
    prof, _ = load_profile(example_path("do-the-math"))
    progress = Progress()
    for task_id in (
        "find-regulator",
        "confirm-requirements",
        "confirm-timelines",
        "collaborations",
    ):
        progress = progress.mark(task_id, Mark.DONE, ON)
    items = {i.id: i for i in plan_for(prof, progress=progress).checklist}
    written = items["written-requirements"]
    assert not written.done and written.marked and written.done_by is None
    assert written.detail.startswith("You marked its tasks done, but it is done only with")
    # an item with nothing to evidence it is done by the ticks, and says so
    together = items["collaborations"]
    assert together.done and together.done_by == "you"
    assert together.detail == "you marked this done"


def test_a_profile_without_us_training_still_gets_a_plan():
    prof = profile(training=[])
    plan = plan_for(prof)
    assert "collect-us-documents" not in {t.id for t in plan.tasks}
    assert plan.task("return").start == prof.plan.return_date


def test_us_doors_renewals_come_before_each_expiry():
    prof, _ = load_profile(example_path("cardiology-in"))  # NY licence to 31 Aug 2027
    plan = plan_for(prof)
    licence = next(t for t in plan.tasks if t.id.startswith("renew-licence:"))
    assert licence.spec.latest == date(2027, 8, 30)
    assert licence.end <= date(2027, 8, 30)
    board = next(t for t in plan.tasks if t.id.startswith("renew-board:"))
    assert board.spec.latest == date(2031, 12, 30)
    visible = [t.id for t in plan.tasks if t.id.startswith("stay-visible-")]
    assert visible[0] == "stay-visible-2028" and len(visible) == 5
    items = {i.id: i for i in plan.checklist}
    assert not items["us-doors"].done
