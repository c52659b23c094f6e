"""A sitting you registered for (the profile's ``plan.registered``) stays open to you once
its registration has closed: do-the-math's latest safe return hangs on the sitting on
15 Mar 2027, whose registration closes on 15 Dec 2026. From 16 Dec 2026, without the
registration, no return is in time for it any more; with it, the latest safe return is
still 15 Mar 2027, the card says "You registered for ...", and the plan asks for no
registration. An exam no pack knows, or a sitting its exam does not have, is an error at
its place in the profile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import all_packs
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.results import Plan
from wayhome.core.planner.verdict import Verdict, verdict
from wayhome.core.profile.model import Profile, Registered
from wayhome.core.rules import engine
from wayhome.core.rules.selection import PackSummary, needed
from wayhome.services import assessment, source

EXAM = "xx-conversion-exam"
IN_WINDOW = f"register:XX:{EXAM}:2027-03-15"
AFTER_CLOSING = date(2026, 12, 16)  # registration for 15 Mar 2027 closed the day before


def do_the_math(*registered: dict[str, str], return_date: date | None = None) -> Profile:
    prof, _ = load_profile(example_path("do-the-math"))
    plan = prof.plan.model_copy(
        update={
            "registered": [Registered.model_validate(r) for r in registered],
            **({"return_date": return_date} if return_date else {}),
        }
    )
    return prof.model_copy(update={"plan": plan})


def planned(prof: Profile, on: date) -> tuple[Plan, Verdict]:
    packs = all_packs()
    report = engine.assess(prof, packs, on)
    plan = make_plan(prof, report, packs, guide_template(), on)
    return plan, verdict(report, plan, prof.targets)


def test_without_it_the_day_after_no_return_is_in_time():
    _, v = planned(do_the_math(), AFTER_CLOSING)
    card = v.cards[0]
    assert card.latest.day == date(2026, 12, 15)  # the day registration closed
    assert card.registration is not None and card.registration.closed
    assert not card.registration.registered
    assert "closed on 15 Dec 2026" in card.registration.text


@pytest.mark.parametrize("exam", [EXAM, "Specialist Conversion Examination", "SCE"])
def test_registered_the_sitting_is_still_open_to_you(exam):
    plan, v = planned(do_the_math({"exam": exam, "sitting": "2027-03-15"}), AFTER_CLOSING)
    card = v.cards[0]
    assert card.latest.day == date(2027, 3, 15)  # the sitting itself, as before it closed
    r = card.registration
    assert r is not None and r.registered and r.days_left == -1
    assert r.text == (
        "You registered for Specialist Conversion Examination on 15 Mar 2027: it is the last "
        "sitting by 29 Jun 2027, and your latest safe return hangs on it."
    )
    assert card.to_json()["registration"]["registered"] is True
    # No task asks to register for it; the conflict's fix is to return in time for it.
    assert IN_WINDOW not in {t.id for t in plan.tasks}
    fix = next(c.fix for c in plan.conflicts if c.task == "deadline:XX:xx-exam-graduation-window")
    assert fix.startswith(
        "return by 15 Mar 2027, in time for an earlier sitting, and you registered for the "
        "sitting on 15 Mar 2027"
    )


def test_the_plan_s_own_sitting_registered_is_kept_after_its_registration_closed():
    # Back on 1 Jul 2028 for Sep 2028, whose registration closed on 1 Jun 2028: without the
    # registration the exam moves to Mar 2029 (test_register_task); with it, it stays.
    prof = do_the_math({"exam": EXAM, "sitting": "2028-09"})
    on = date(2028, 6, 5)
    report = engine.assess(prof, all_packs(), on)
    xx = report.assessments[0]
    exam = next(e for e in xx.exams if e.rule == EXAM)
    assert (exam.planned_sitting, exam.registered) == ("2028-09", True)
    assert exam.to_json()["planned_sitting_registered"] is True
    f = next(f for f in xx.findings if f.rule == EXAM)
    assert (f.status.value, f.plan, f.deadline) == ("ok", "2028-09", None)
    assert "You registered for it, so its registration (its last day: 1 Jun 2028) is done." in (
        f.explanation
    )
    plan, _ = planned(prof, on)
    ids = {t.id for t in plan.tasks}
    assert f"register:XX:{EXAM}" not in ids  # nothing left to register
    assert plan.task(f"sit:XX:{EXAM}").spec.title == (
        "Sit Specialist Conversion Examination (Sep 2028)"
    )


@pytest.mark.parametrize(
    ("entry", "path", "words"),
    [
        (
            {"exam": "Nope", "sitting": "2027-03-15"},
            ("plan", "registered", 0, "exam"),
            "no rule pack has an exam called 'Nope'",
        ),
        (
            {"exam": EXAM, "sitting": "2027-03-16"},
            ("plan", "registered", 0, "sitting"),
            "Specialist Conversion Examination (XX) has no sitting on 16 Mar 2027: the "
            "sittings it knows within a year of it are Sep 2026, 15 Mar 2027, 13 Sep 2027 "
            "and Mar 2028",
        ),
        (
            {"exam": EXAM, "sitting": "2027-04"},
            ("plan", "registered", 0, "sitting"),
            "has no sitting in Apr 2027",
        ),
    ],
    ids=["unknown-exam", "no-such-day", "no-such-month"],
)
def test_a_registration_for_what_the_pack_does_not_hold_is_refused(entry, path, words):
    with pytest.raises(ProblemsError) as e:
        engine.assess(do_the_math(entry), all_packs(), AFTER_CLOSING)
    (problem,) = e.value.problems
    assert problem.path == path and words in problem.message


def test_it_is_refused_at_its_line_in_the_file(tmp_path: Path):
    text = example_path("do-the-math").read_text(encoding="utf-8")
    text = text.replace(
        "  targets: [XX]\n",
        f"  targets: [XX]\n  registered:\n    - {{exam: {EXAM}, sitting: 2027-03-16}}\n",
    )
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"    - {{exam: {EXAM}, sitting: 2027-03-16}}") + 1
    with pytest.raises(InvalidFileError) as e:
        assessment.assess(source.from_file(path), AFTER_CLOSING)
    assert f"me.yaml:{line} plan.registered[0].sitting: Specialist Conversion" in str(e.value)


def test_the_pack_of_an_exam_registered_for_is_read():
    summaries = [PackSummary.of(p) for p in all_packs()]
    prof = do_the_math({"exam": "Foreign Medical Graduate Examination", "sitting": "2026-12"})
    codes = needed(prof, summaries)
    assert codes is not None and {"XX", "IN"} <= codes
    assert needed(do_the_math({"exam": "Nope", "sitting": "2026-12"}), summaries) is None


# A sitting you registered for that has been held, with no attempt at it in the profile,
# is not planned as still to come: from the day after it (after the last day of its
# month, for one known by month), the card and the exam's row ask for its result; on the
# day itself it is still the sitting you registered for.
PASSED = (
    "You registered for Specialist Conversion Examination {held}, and that sitting has "
    'passed: enter its result (pass, fail, or pending until it is out) under "Exams you '
    'have taken" on your profile, or in exam_attempts in a profile file, so the plan '
    "counts it."
)


def test_the_card_asks_for_the_result_from_the_day_after_the_sitting():
    prof = do_the_math({"exam": EXAM, "sitting": "2027-03-15"})
    _, v = planned(prof, date(2027, 3, 15))  # the day of the sitting: still to come
    r = v.cards[0].registration
    assert r is not None and r.text.startswith(
        "You registered for Specialist Conversion Examination on 15 Mar 2027: it is the last "
        "sitting by 29 Jun 2027"
    )

    plan, v = planned(prof, date(2027, 3, 16))
    r = v.cards[0].registration
    assert r is not None and r.registered
    assert r.text == PASSED.format(held="on 15 Mar 2027")
    # The conflict's fix is no longer to return by it, in time for it.
    fix = next(c.fix for c in plan.conflicts if c.task == "deadline:XX:xx-exam-graduation-window")
    assert fix.startswith(PASSED.format(held="on 15 Mar 2027").removesuffix(".")), fix


def test_the_exam_row_asks_for_it_after_the_last_day_of_its_month():
    prof = do_the_math({"exam": EXAM, "sitting": "2028-09"})

    def row(on: date) -> str:
        xx = engine.assess(prof, all_packs(), on).assessments[0]
        return next(f for f in xx.findings if f.rule == EXAM).explanation

    assert "You registered for it, so its registration (its last day: 1 Jun 2028) is done." in (
        row(date(2028, 9, 30))
    )
    after = row(date(2028, 10, 1))
    assert PASSED.format(held="in Sep 2028") in after
    assert "so its registration" not in after


def test_an_attempt_at_it_in_the_profile_is_what_is_said_instead():
    prof = do_the_math({"exam": EXAM, "sitting": "2027-03-15"})
    attempt = {"name": EXAM, "date": date(2027, 3, 15), "result": "pending"}
    prof = prof.model_validate({**prof.model_dump(), "exam_attempts": [attempt]})
    _, v = planned(prof, date(2027, 3, 16))
    r = v.cards[0].registration
    assert r is None or "has passed" not in r.text
