"""Exam attempts: scores against the pass mark, attempts used and left (per exam, pool
and year), blocked exams, sittings planned after a fail or a pending result, a pass's
validity, and sittings whose date is still to confirm."""

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import assess_one, finding, mini_pack, profile
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner import tasks
from wayhome.core.rules import engine
from wayhome.core.rules.attempts import pool_disagreements
from wayhome.core.rules.report import Status
from wayhome.services import assessment, source


def exam(
    extra: str = "", rule_id: str = "lic", name: str = "Licensing Exam", alias: str = "LE"
) -> str:
    return f"""
  - id: {rule_id}
    kind: exam
    title: {name}
    name: {name}
    aliases: [{alias}]
    purpose: licensing
    versions:
      - source: s1
        sittings: {{months: [3, 6, 9, 12]}}
        attempts: 3
        pass_mark: {{score: 150, out_of: 300}}
        pass_valid: {{years: 2}}
{extra}"""


def outlook(a, rule="lic"):
    return next(e for e in a.exams if e.rule == rule)


def attempts(*rows):
    return [dict(zip(("name", "date", "result", "score"), r, strict=False)) for r in rows]


def test_a_score_below_the_pass_mark_is_a_fail_even_entered_as_a_pass():
    prof = profile(exams_passed=[{"name": "LE", "date": "2024-03-15", "score": "149/300"}])
    a = assess_one(prof, "2024-04-01", [mini_pack(exam())])
    e = outlook(a)
    assert (e.status, e.passed, e.attempts_used, e.attempts_left) == ("failed", None, 1, 2)
    assert "149/300 is below the pass mark of 150/300: a fail" in finding(a, "lic").explanation


@pytest.mark.parametrize(
    ("score", "status"),
    [
        pytest.param("149/300", "failed", id="149-of-300"),
        pytest.param("150/300", "passed", id="150-of-300"),
        pytest.param("149", "failed", id="on-the-marks-scale"),
        pytest.param("50%", "passed", id="a-percentage"),
        pytest.param("49.5%", "failed", id="a-percentage-below"),
    ],
)
def test_the_result_may_be_left_out_when_the_pack_knows_the_pass_mark(score, status):
    prof = profile(exam_attempts=[{"name": "Licensing Exam", "date": "2024-03-15", "score": score}])
    assert outlook(assess_one(prof, "2024-04-01", [mini_pack(exam())])).status == status


@pytest.mark.parametrize(
    ("sat", "status", "words"),
    [
        pytest.param("2023-12-15", "passed", "You passed Licensing Exam on 15 Dec 2023",
                     id="under-the-old-mark"),
        pytest.param("2024-03-15", "failed", "155/300 is below the pass mark of 160/300: a fail",
                     id="under-the-new-mark"),
    ],
)  # fmt: skip
def test_the_pass_mark_is_the_one_in_force_on_the_day_of_the_attempt(sat, status, words):
    # The mark rose from 150 to 160 of 300 on 1 Jan 2024: the same score passes before
    # and fails after, whatever the mark is on the day of the assessment.
    raised = exam(
        "      - from: 2024-01-01\n        source: s1\n        sittings: {months: [3, 6, 9, 12]}"
        "\n        attempts: 3\n        pass_mark: {score: 160, out_of: 300}\n"
    )
    prof = profile(exam_attempts=[{"name": "LE", "date": sat, "score": "155/300"}])
    a = assess_one(prof, "2024-04-01", [mini_pack(raised)])
    assert outlook(a).status == status
    assert words in finding(a, "lic").explanation


@pytest.mark.parametrize("name", ["licensing exam", "LICENSING-EXAM", " le "])
def test_an_attempts_name_is_matched_loosely_against_names_and_aliases(name):
    prof = profile(exam_attempts=[{"name": name, "date": "2024-03-15", "result": "fail"}])
    e = outlook(assess_one(prof, "2024-04-01", [mini_pack(exam())]))
    assert (e.status, e.attempts_used) == ("failed", 1)


def test_without_a_pass_mark_a_score_alone_is_no_result():
    rules = exam().replace("        pass_mark: {score: 150, out_of: 300}\n", "")
    prof = profile(exam_attempts=[{"name": "LE", "date": "2024-03-15", "score": "170"}])
    a = assess_one(prof, "2024-04-01", [mini_pack(rules)])
    assert outlook(a).status == "pending"
    assert "no result entered, and no pass mark to read 170" in finding(a, "lic").explanation


def test_an_attempt_at_an_exam_no_pack_knows_is_reported_with_its_place():
    prof = profile(
        exam_attempts=[
            {"name": "Licensing Exam", "date": "2024-03-15", "result": "pass"},
            {"name": "USMLE Step 3", "date": "2024-05-01", "result": "pass"},
        ]
    )
    with pytest.raises(ProblemsError) as e:
        assess_one(prof, "2024-06-01", [mini_pack(exam())])
    (problem,) = e.value.problems
    assert problem.path == ("exam_attempts", 1, "name")
    assert "no rule pack has an exam called 'USMLE Step 3'" in problem.message
    assert "Licensing Exam (XX)" in problem.message


def test_the_unknown_exam_is_reported_at_its_line_in_the_file(tmp_path: Path):
    text = (Path(__file__).parents[2] / "src/wayhome/examples/do-the-math.yaml").read_text()
    text += "exam_attempts:\n  - {name: Not An Exam, date: 2026-03-01, result: fail}\n"
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    with pytest.raises(InvalidFileError) as e:
        assessment.assess(source.from_file(path), date(2026, 11, 24))
    assert f"me.yaml:{line} exam_attempts[0].name: no rule pack has an exam" in str(e.value)


def test_attempts_in_a_pool_count_together_across_regulators_and_block():
    pooled = "        attempt_pool: shared\n        after_limit: No fourth attempt anywhere.\n"
    home = mini_pack(exam(pooled))
    other = mini_pack(exam(pooled, "other", "Other Exam", "OE"), code="IN")
    prof = profile(
        exam_attempts=attempts(
            ("LE", "2023-03-15", "fail"), ("OE", "2023-06-15", "fail"), ("LE", "2023-09-15", "fail")
        )
    )
    a = assess_one(prof, "2024-01-01", [home, other])
    e, f = outlook(a), finding(a, "lic")
    assert (e.status, e.attempts_used, e.attempts_left, e.planned_sitting) == (
        "blocked",
        3,
        0,
        None,
    )
    assert f.status is Status.BLOCKED
    assert "no attempts left" in f.explanation and "No fourth attempt anywhere." in f.explanation
    assert "Other Exam" in f.explanation  # the pool is named
    plan_specs, _ = tasks.from_assessment(
        engine.assess(prof, [home, other], date(2024, 1, 1), ["XX"]), [home, other], prof
    )
    assert not any(s.id.startswith("sit:XX:lic") for s in plan_specs)


def test_an_exam_whose_sittings_are_unknown_still_says_it_is_blocked_and_why():
    unknown = exam("        after_limit: No fourth attempt.\n").replace(
        "        sittings: {months: [3, 6, 9, 12]}\n",
        "        unknown: {question: 'When is it held?', why: 'No dates are published.'}\n",
    )
    prof = profile(exam_attempts=attempts(*[("LE", f"2023-0{m}-15", "fail") for m in (3, 6, 9)]))
    f = finding(assess_one(prof, "2024-01-01", [mini_pack(unknown)]), "lic")
    assert f.status is Status.BLOCKED
    assert "no attempts left at Licensing Exam (3 of 3 used)" in f.explanation
    assert "No fourth attempt." in f.explanation and "No dates are published." in f.explanation


def test_packs_sharing_a_pool_must_agree_on_its_limit():
    one = mini_pack(exam("        attempt_pool: shared\n"))
    two = mini_pack(
        exam("        attempt_pool: shared\n", "other", "Other", "O").replace(
            "attempts: 3", "attempts: 4"
        ),
        code="IN",
    )
    assert pool_disagreements([one, two]) == [
        "attempt pool 'shared': XX:lic allows 3, IN:other allows 4"
    ]


@pytest.mark.parametrize(
    ("basis", "planned"),
    [
        pytest.param("calendar", "2025-03", id="calendar-year-two-used-in-2024"),
        pytest.param("rolling", "2025-06", id="rolling-12-months"),
    ],
)
def test_a_yearly_limit_moves_the_next_sitting(basis, planned):
    extra = f"        attempts_per_year: 2\n        attempts_per_year_basis: {basis}\n"
    prof = profile(
        exam_attempts=attempts(("LE", "2024-03-15", "fail"), ("LE", "2024-06-15", "fail")),
        plan={"return_date": "2024-07-01"},
    )
    a = assess_one(
        prof, "2024-07-01", [mini_pack(exam(extra).replace("attempts: 3", "attempts: 5"))]
    )
    assert outlook(a).planned_sitting == planned


def test_after_a_fail_the_first_sitting_after_both_the_attempt_and_the_return_is_planned():
    # Back on 1 Jan 2024, failed in Mar 2024: the next sitting is Jun 2024, not Mar.
    prof = profile(
        exam_attempts=attempts(("LE", "2024-03-15", "fail")), plan={"return_date": "2024-01-01"}
    )
    a = assess_one(prof, "2024-04-01", [mini_pack(exam())])
    assert outlook(a).planned_sitting == "2024-06"
    assert "after both your attempt on 15 Mar 2024 and your return" in finding(a, "lic").explanation


def test_after_a_pass_no_sitting_is_planned():
    prof = profile(
        exam_attempts=attempts(("LE", "2024-03-15", "fail"), ("LE", "2024-06-15", "pass"))
    )
    a = assess_one(prof, "2024-07-01", [mini_pack(exam())])
    e = outlook(a)
    assert (e.status, e.planned_sitting, e.passed) == ("passed", None, date(2024, 6, 15))
    assert e.valid_until == date(2026, 6, 14)
    assert e.to_json()["valid_until"] == "2026-06-14"


@pytest.mark.parametrize(
    ("on", "status"),
    [
        pytest.param("2022-06-01", Status.CONFLICT, id="lapses-before-the-return"),
        pytest.param("2023-06-01", Status.MISSED, id="already-lapsed"),
    ],
)
def test_a_pass_that_lapses_before_the_governed_event_breaks_the_plan(on, status):
    # Passed 1 Jan 2021, valid 2 years (to 31 Dec 2022); back on 1 Jan 2025.
    prof = profile(exam_attempts=attempts(("LE", "2021-01-01", "pass")))
    assert finding(assess_one(prof, on, [mini_pack(exam())]), "lic").status is status


def test_a_pending_result_plans_as_if_failed_and_says_so():
    prof = profile(exam_attempts=attempts(("LE", "2024-12-15", "pending")))
    a = assess_one(prof, "2024-12-20", [mini_pack(exam())])
    e, f = outlook(a), finding(a, "lic")
    assert (e.status, e.planned_sitting, e.attempts_left) == ("pending", "2025-03", 2)
    assert "until you enter it, Wayhome plans as if it were a fail" in f.explanation


def test_a_pending_last_attempt_asks_for_its_result():
    prof = profile(
        exam_attempts=attempts(
            ("LE", "2024-03-15", "fail"),
            ("LE", "2024-06-15", "fail"),
            ("LE", "2024-12-15", "pending"),
        )
    )
    a = assess_one(prof, "2024-12-20", [mini_pack(exam())])
    e, f = outlook(a), finding(a, "lic")
    assert (e.status, e.planned_sitting, e.attempts_left) == ("pending", None, 0)
    assert f.status is Status.UNKNOWN
    # The result is the physician's to enter, not a question for the regulator.
    assert f.question is None
    assert f.to_add and "Enter the result of your attempt at LE on 15 Dec 2024" in f.to_add
    assert [t.rule for t in a.to_add] == ["lic"] and not a.unknowns


def test_a_rule_checked_at_a_blocked_exam_is_blocked_too():
    window = """
  - id: window
    kind: max_years_since_graduation
    title: Sit it within 20 years
    event: exam:lic
    versions: [{source: s1, years: 20}]
"""
    prof = profile(exam_attempts=attempts(*[("LE", f"2024-0{m}-15", "fail") for m in (3, 6, 9)]))
    a = assess_one(prof, "2024-10-01", [mini_pack(exam() + window)])
    f = finding(a, "window")
    assert f.status is Status.BLOCKED
    assert "no attempts left at Licensing Exam" in f.explanation
    sw = engine.sweep(
        prof, [mini_pack(exam() + window)], date(2024, 10, 1), [date(2025, 1, 1)], ["XX"]
    )
    assert set(sw.column(date(2025, 1, 1)).values()) == {Status.BLOCKED}


def test_a_sitting_to_confirm_is_shown_in_the_finding_and_the_plan():
    rules = exam().replace(
        "sittings: {months: [3, 6, 9, 12]}",
        "sittings: {months: [6, 12], dates: [{date: 2025-01-12, session: 2024-12, "
        "to_confirm: held in January once before}]}",
    )
    prof = profile(plan={"return_date": "2024-11-01"})
    pack = mini_pack(rules)
    report = engine.assess(prof, [pack], date(2024, 6, 1), ["XX"])
    a = report.assessments[0]
    assert (
        "12 Jan 2025 (date to confirm: held in January once before)"
        in finding(a, "lic").explanation
    )
    assert outlook(a).to_json()["planned_sitting_to_confirm"] == "held in January once before"
    specs, _ = tasks.from_assessment(report, [pack], prof)
    sit = next(s for s in specs if s.id == "sit:XX:lic")
    assert sit.title == "Sit Licensing Exam (12 Jan 2025, date to confirm)"
    assert "Date to confirm: held in January once before." in sit.why


def test_the_json_of_an_exam_says_where_you_stand():
    prof = profile(exam_attempts=attempts(("LE", "2024-03-15", "fail")))
    data = outlook(assess_one(prof, "2024-04-01", [mini_pack(exam())])).to_json()
    assert {k: data[k] for k in ("status", "attempts_used", "attempts_left", "valid_until")} == {
        "status": "failed",
        "attempts_used": 1,
        "attempts_left": 2,
        "valid_until": None,
    }


def test_an_exam_without_a_published_limit_has_no_attempts_left_figure():
    rules = exam().replace("        attempts: 3\n", "")
    prof = profile(exam_attempts=attempts(("LE", "2024-03-15", "fail")))
    e = outlook(assess_one(prof, "2024-04-01", [mini_pack(rules)]))
    assert (e.attempts_used, e.attempts_left) == (1, None)


def test_the_pack_refuses_a_year_basis_without_a_yearly_limit():
    with pytest.raises(Exception, match="'attempts_per_year_basis' needs 'attempts_per_year'"):
        mini_pack(exam("        attempts_per_year_basis: rolling\n"))
