"""The engine: statuses, dated versions, bounds, and the guide's own case."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import GRADUATION_RULE, GUIDE, assess_one, finding, mini_pack, profile, xx
from wayhome.core.rules import engine
from wayhome.core.rules.report import Status


def test_the_guides_case_is_a_conflict_while_planning():
    a = assess_one(profile(**GUIDE), "2023-01-01", [mini_pack(GRADUATION_RULE)])
    f = finding(a, "grad-window")
    assert f.status is Status.CONFLICT
    assert f.deadline == date(2024, 6, 29)
    assert "graduated from medical school on 30 Jun 2014" in f.explanation
    assert "the 10-year window ends 29 Jun 2024" in f.explanation
    assert "return on 1 Jul 2025" in f.explanation
    assert "1 year and 2 days too late" in f.explanation
    assert "(counting graduation as day 1)" in f.explanation
    assert "completed on S + N − 1 day" in f.explanation  # the convention, stated
    assert a.latest_safe_return == date(2024, 6, 29)


def test_the_guides_case_is_missed_after_the_deadline():
    a = assess_one(profile(**GUIDE), "2024-07-01", [mini_pack(GRADUATION_RULE)])
    f = finding(a, "grad-window")
    assert f.status is Status.MISSED
    # 29 Jun 2024 was the last day allowed, not the day it "passed".
    assert "The last day was 29 Jun 2024, before today (1 Jul 2024)." in f.explanation
    assert "deadline passed" not in f.explanation


@pytest.mark.parametrize(
    ("return_date", "status"),
    [
        pytest.param("2024-06-29", Status.TIGHT, id="on-the-last-day"),
        pytest.param("2024-06-30", Status.CONFLICT, id="a-day-late"),
        pytest.param("2023-07-01", Status.TIGHT, id="under-12-months-to-spare"),
        pytest.param("2023-06-29", Status.OK, id="12-months-to-spare"),
    ],
)
def test_status_follows_the_distance_to_the_deadline(return_date, status):
    prof = profile(**{**GUIDE, "plan": {"return_date": return_date}})
    f = finding(assess_one(prof, "2023-01-01", [mini_pack(GRADUATION_RULE)]), "grad-window")
    assert f.status is status


def test_it_asks_for_what_the_profile_lacks():
    prof = profile(medical_school={"country": "XX", "graduated": None})
    a = assess_one(prof, "2023-01-01", [mini_pack(GRADUATION_RULE)])
    f = finding(a, "grad-window")
    assert f.status is Status.UNKNOWN
    assert f.deadline is None
    assert f.question is None and a.unknowns == ()
    assert f.to_add == "Add to your profile when your primary medical degree was awarded."
    assert [t.rule for t in a.to_add] == ["grad-window"]
    assert a.latest_safe_return is None


def test_a_condition_on_a_missing_fact_makes_the_rule_unknown():
    rules = GRADUATION_RULE + "    applies_when: {fact: medical_school.start, after: 2010-01-01}\n"
    a = assess_one(profile(), "2023-01-01", [mini_pack(rules)])
    f = finding(a, "grad-window")
    assert f.status is Status.UNKNOWN
    assert "depends on the start of your medical course, which" in f.explanation
    assert f.to_add == "Add to your profile the start of your medical course."


def test_a_rule_that_does_not_apply_is_left_out():
    rules = GRADUATION_RULE + "    applies_when: {fact: medical_school.country, not_in: [XX]}\n"
    a = assess_one(profile(), "2023-01-01", [mini_pack(rules)])
    assert a.findings == ()


DATED = """
  - id: window
    kind: max_years_since_graduation
    title: Window
    versions:
      - {from: 2010-01-01, source: s1, years: 12}
      - {from: 2020-01-01, source: s1, years: 10}
"""


@pytest.mark.parametrize(
    ("return_date", "version", "deadline"),
    [
        pytest.param("2019-12-31", "window@2010-01-01", "2025-12-31", id="day-before-change"),
        pytest.param("2020-01-01", "window@2020-01-01", "2023-12-31", id="day-of-change"),
    ],
)
def test_the_version_in_force_on_the_event_date_is_used(return_date, version, deadline):
    prof = profile(plan={"return_date": return_date})
    f = finding(assess_one(prof, "2015-01-01", [mini_pack(DATED)]), "window")
    assert f.rule_version == version
    assert f.deadline == date.fromisoformat(deadline)


def test_latest_safe_return_accounts_for_a_later_version():
    # Graduated 1 Jan 2014: 12 years (to 31 Dec 2025) for events before 2020, 10 years
    # (to 31 Dec 2023) after. Returning on 31 Dec 2023 is the last safe day.
    a = assess_one(profile(), "2015-01-01", [mini_pack(DATED)])
    assert a.latest_safe_return == date(2023, 12, 31)


def test_a_repealed_rule_stops_applying():
    rules = """
  - id: window
    kind: max_years_since_graduation
    title: Window
    versions:
      - {from: 2010-01-01, source: s1, years: 5}
      - {from: 2024-01-01, source: s1, repealed: true}
"""
    before = assess_one(
        profile(plan={"return_date": "2023-06-01"}), "2015-01-01", [mini_pack(rules)]
    )
    after = assess_one(
        profile(plan={"return_date": "2024-06-01"}), "2015-01-01", [mini_pack(rules)]
    )
    assert finding(before, "window").status is Status.CONFLICT
    assert after.findings == ()


# -- the fictional pack: an exam-governed window, month-only sittings ---------------


def test_do_the_math_example_shows_the_exam_window_conflict():
    from wayhome.adapters.profiles import example_path, load_profile

    prof, _ = load_profile(example_path("do-the-math"))
    a = assess_one(prof, "2026-11-24")
    f = finding(a, "xx-exam-graduation-window")
    assert f.status is Status.CONFLICT
    assert f.deadline == date(2027, 6, 29)
    assert f.plan == "2028-09"
    assert "counted as 30 Sep 2028" in f.explanation
    # The last sitting on or before 29 Jun 2027 is the announced 15 Mar 2027 one.
    assert a.latest_safe_return == date(2027, 3, 15)


def test_a_month_sitting_needs_you_back_by_the_first_of_the_month():
    on_first = assess_one(profile(plan={"return_date": "2028-09-01"}), "2026-11-24")
    on_second = assess_one(profile(plan={"return_date": "2028-09-02"}), "2026-11-24")
    exam = "xx-conversion-exam"
    assert next(e for e in on_first.exams if e.rule == exam).planned_sitting == "2028-09"
    assert next(e for e in on_second.exams if e.rule == exam).planned_sitting == "2029-03"


@pytest.mark.parametrize(
    ("on", "status", "plan", "deadline"),
    [
        pytest.param("2028-06-01", Status.TIGHT, "2028-09", date(2028, 6, 1), id="closes-today"),
        pytest.param("2028-06-02", Status.TIGHT, "2029-03", date(2028, 12, 1), id="closed"),
        pytest.param("2027-05-31", Status.OK, "2028-09", date(2028, 6, 1), id="a-year-ahead"),
    ],
)
def test_an_exam_to_sit_is_planned_for_its_first_sitting_still_open(on, status, plan, deadline):
    # Return 1 Jul 2028 -> Sep 2028 sitting; registration closes 3 months before 1 Sep, and
    # is still open that day. The day after, the plan counts on Mar 2029 (closing 1 Dec):
    # the exam and its outlook move together, and the finding says what closed.
    a = assess_one(profile(plan={"return_date": "2028-07-01"}), on)
    f = finding(a, "xx-conversion-exam")
    assert (f.status, f.plan, f.deadline) == (status, plan, deadline)
    e = next(e for e in a.exams if e.rule == "xx-conversion-exam")
    assert (e.planned_sitting, e.registration_deadline) == (plan, deadline)
    assert "2028-09" in e.next_sittings  # the exam's calendar: closed or not, it is held
    closed = (
        "The first sitting after your return on 1 Jul 2028 is Sep 2028, but registration for "
        "it closed on 1 Jun 2028, before today; the first you can still register for is "
        "Mar 2029."
    )
    assert (closed in f.explanation) is (plan == "2029-03")


def test_a_passed_exam_is_valid_for_its_stated_time():
    prof = profile(
        exams_passed=[{"name": "sce", "date": "2024-03-15"}], plan={"return_date": "2026-03-15"}
    )
    f = finding(assess_one(prof, "2025-01-01"), "xx-conversion-exam")
    assert f.deadline == date(2026, 3, 14)  # 2 years from 15 Mar 2024
    assert f.status is Status.CONFLICT
    assert "stays valid for 2 years, to 14 Mar 2026" in f.explanation


def test_earliest_return_comes_from_experience_rules():
    prof = profile(
        board_certifications=[
            {"board": "ABIM", "specialty": "internal-medicine", "certified": "2024-08-20"}
        ],
        plan={"return_date": "2026-01-01"},
    )
    a = assess_one(prof, "2025-01-01")
    f = finding(a, "xx-consultant-experience")
    assert f.status is Status.CONFLICT
    assert f.earliest == date(2026, 8, 20)
    assert a.earliest_return == date(2026, 8, 20)
    assert "7 months and 19 days too early" in f.explanation


@pytest.mark.parametrize(
    ("return_type", "certified", "pathway"),
    [
        pytest.param("academic", None, "conversion", id="residency-only"),
        pytest.param("academic", "2024-01-10", "full_specialist", id="board-certified"),
        pytest.param("private", "2024-01-10", "provisional", id="private-return"),
        pytest.param("academic", "2025-06-01", "conversion", id="certified-after-return"),
    ],
)
def test_the_pathway_is_the_best_outcome_held_by_the_return(return_type, certified, pathway):
    certs = (
        [{"board": "ABIM", "specialty": "internal-medicine", "certified": certified}]
        if certified
        else []
    )
    prof = profile(board_certifications=certs, plan={"return_type": return_type})
    assert assess_one(prof, "2024-02-01").pathway.value == pathway


def test_a_target_without_a_pack_says_so_honestly():
    a = assess_one(profile(plan={"targets": ["EG"]}), "2024-02-01", code="EG")
    assert a.pathway.value == "unknown"
    assert a.findings == ()
    assert "no rule pack for EG" in a.unknowns[0].why


def test_a_country_target_covers_each_of_its_regulators():
    dha = mini_pack(GRADUATION_RULE.replace("grad-window", "dha-window"), code="AE-DHA")
    doh = mini_pack(GRADUATION_RULE.replace("grad-window", "doh-window"), code="AE-DOH")
    prof = profile(plan={"targets": ["AE"]})
    report = engine.assess(prof, [dha, doh], date(2023, 1, 1))
    assert [a.jurisdiction for a in report.assessments] == ["AE-DHA", "AE-DOH"]


def test_the_us_rules_are_added_for_someone_on_a_us_visa():
    prof = profile(visa={"type": "J-1", "start": "2018-06-20"}, plan={"return_date": "2025-07-01"})
    report = engine.assess(prof, [xx(), *_us()], date(2024, 1, 1))
    us = next(a for a in report.assessments if a.jurisdiction == "US")
    assert us.pathway is None
    f = finding(us, "us-j1-gme-limit")
    # The residency (the J-1 programme) ends 31 Dec 2023: 30 days of grace to 30 Jan 2024.
    assert f.deadline == date(2024, 1, 30)
    assert f.status is Status.CONFLICT
    assert finding(us, "us-j1-home-presence").status is Status.INFO
    home = finding(us, "us-j1-home-presence")
    assert (
        "the last day served is 30 Jun 2027, and the requirement is met on 1 Jul 2027"
        in home.explanation
    )
    assert home.completed_on == date(2027, 6, 30)


def _us():
    from wayhome.adapters.packs import bundled_packs

    return [p for p in bundled_packs() if p.code == "US"]


# -- the sweep and the bounds agree with a day-by-day search -------------------------


def test_the_sweep_agrees_with_assess_on_the_plan_date():
    prof = profile(plan={"return_date": "2026-01-01"})
    on = date(2024, 1, 1)
    months = engine.monthly(date(2024, 1, 1), 48)
    sw = engine.sweep(prof, [xx()], on, months, ["XX"])
    a = assess_one(prof, on)
    column = months.index(date(2026, 1, 1))
    for (code, rule), row in zip(sw.rules, sw.statuses, strict=True):
        assert code == "XX"
        assert row[column] is finding(a, rule).status, rule


def test_the_sweep_finds_the_first_month_a_rule_breaks():
    prof = profile()  # graduated 1 Jan 2014 -> exam window to 31 Dec 2023
    months = engine.monthly(date(2022, 1, 1), 36)
    sw = engine.sweep(prof, [xx()], date(2021, 1, 1), months, ["XX"])
    row = sw.rules.index(("XX", "xx-exam-graduation-window"))
    # Back by 1 Sep 2023 -> Sep 2023 sitting (ends 30 Sep, inside the window);
    # back on 1 Oct 2023 -> the March 2024 sitting, too late.
    assert sw.first_break(row) == date(2023, 10, 1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    graduated=st.dates(min_value=date(2005, 1, 1), max_value=date(2016, 12, 31)),
    offset=st.integers(0, 4000),
)
def test_latest_safe_return_is_the_day_before_the_first_break(graduated, offset):
    prof = profile(
        medical_school={"graduated": graduated.isoformat()},
        plan={"return_date": (date(2012, 1, 1) + timedelta(days=offset)).isoformat()},
    )
    far_past = date(1900, 1, 1)  # so that nothing counts as missed: only the plan matters
    [j] = engine.prepare(
        prof, [xx()], far_past, ["XX"], horizon=(date(2000, 1, 1), date(2040, 1, 1))
    )
    deadline_rules = [
        p
        for p in j.rules
        if p.applies.value and not p.is_exam and any(e is not None and e.deadline for e in p.evals)
    ]
    a = assess_one(prof, far_past)
    day = date(2008, 1, 1)
    while day < date(2036, 1, 1):
        if any(engine.status_at(p, day, far_past) is Status.CONFLICT for p in deadline_rules):
            break
        day += timedelta(days=1)
    assert a.latest_safe_return == day - timedelta(days=1)


@pytest.mark.parametrize(
    ("as_of", "on", "stale"),
    [
        pytest.param("2020-01-01", "2021-07-01", False, id="18-months-old"),
        pytest.param("2020-01-01", "2021-07-02", True, id="over-18-months-old"),
        pytest.param("null", "2020-01-02", True, id="undated"),
    ],
)
def test_a_finding_from_an_old_or_undated_source_is_stale(as_of, on, stale):
    pack = mini_pack(GRADUATION_RULE).model_copy()
    source = pack.sources["s1"].model_copy(
        update={"as_of": None if as_of == "null" else date.fromisoformat(as_of)}
    )
    pack = pack.model_copy(update={"sources": {"s1": source}})
    f = finding(assess_one(profile(), on, [pack]), "grad-window")
    assert f.stale is stale
