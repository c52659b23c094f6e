"""Versions whose start is not known, and versions that narrow who they apply to.

An unknown start (or one known only within a range) is never settled one way: where
the versions that may be in force disagree, the finding is ``indeterminate`` and no
date comes from the boundary the pack does not know.
"""

from datetime import date

import pytest

from tests.helpers import assess_one, finding, mini_pack, profile
from wayhome.core.common.problems import ProblemsError
from wayhome.core.rules import engine
from wayhome.core.rules.report import INDETERMINATE_REASON, Status

# Graduated 1 Jan 2014 (the helpers' profile). 12 years before the change, 10 after;
# the change took effect somewhere between 1 Jun 2024 and 30 Jun 2025.
RANGE = """
  - id: window
    kind: max_years_since_graduation
    title: Sit the exam within the window
    versions:
      - {source: s1, years: 12}
      - {from: {between: [2024-06-01, 2025-06-30]}, source: s1, years: 10}
"""

UNKNOWN = """
  - id: window
    kind: max_years_since_graduation
    title: Sit the exam within the window
    versions:
      - {from: 2010-01-01, source: s1, years: 12}
      - {from: unknown, source: s1, years: 10}
      - {from: 2030-01-01, source: s1, years: 9}
"""


def test_it_labels_a_range_and_an_unknown_start():
    rules = mini_pack(RANGE).rules[0].versions
    assert [v.label("window") for v in rules] == ["window@origin", "window@2024-06-01..2025-06-30"]
    unknown = mini_pack(UNKNOWN).rules[0].versions
    assert unknown[1].label("window") == "window@unknown-1"
    assert unknown[1].since_text() == "from a date no source gives"


def test_it_is_indeterminate_when_the_versions_disagree():
    a = assess_one(profile(), "2023-06-01", [mini_pack(RANGE)])
    f = finding(a, "window")
    # Back on 1 Jan 2025: under 12 years it is tight (to 31 Dec 2025); under 10 it is
    # a conflict (to 31 Dec 2023). Which one is in force then, the pack cannot say.
    assert f.status is Status.INDETERMINATE
    assert f.deadline is None and f.completed_on is None
    assert [(o.rule_version, o.status) for o in f.outcomes] == [
        ("window@2024-06-01..2025-06-30", Status.CONFLICT),
        ("window@origin", Status.TIGHT),
    ]
    assert "somewhere between 1 Jun 2024 and 30 Jun 2025" in f.explanation
    assert f.question and "When did the change" in f.question
    assert any(q.rule == "window" for q in a.unknowns)


def test_no_date_comes_from_a_boundary_the_pack_does_not_know():
    a = assess_one(profile(), "2023-06-01", [mini_pack(RANGE)])
    assert a.latest_safe_return is None
    assert a.latest_safe_return_reason == INDETERMINATE_REASON
    assert a.latest_safe_return_rule == "window"
    data = a.to_json()
    assert data["latest_safe_return_reason"] == "indeterminate"


def test_when_the_versions_agree_the_finding_is_their_shared_answer():
    # Graduated 1 Jan 2010: both versions' windows are over by a return on 1 Jan 2025.
    prof = profile(medical_school={"graduated": "2010-01-01"})
    a = assess_one(prof, "2015-01-01", [mini_pack(RANGE)])
    f = finding(a, "window")
    assert f.status is Status.CONFLICT
    assert f.deadline == date(2019, 12, 31)  # the earlier of the two, and said so
    assert "the earlier deadline, 31 Dec 2019, is shown" in f.explanation
    assert len(f.outcomes) == 2
    # The first break (1 Jan 2022, under 12 years) falls before the unknown boundary.
    assert a.latest_safe_return == date(2021, 12, 31)
    assert a.latest_safe_return_reason is None


def test_outside_the_range_the_version_is_known():
    prof = profile(plan={"return_date": "2025-07-01"})
    f = finding(assess_one(prof, "2024-01-15", [mini_pack(RANGE)]), "window")
    assert f.status is Status.MISSED
    assert f.rule_version == "window@2024-06-01..2025-06-30"
    assert f.outcomes == ()


def test_an_unknown_start_lies_between_its_neighbours():
    # Between 1 Jan 2010 and 1 Jan 2030: a return in 2025 may fall under either.
    f = finding(assess_one(profile(), "2015-01-01", [mini_pack(UNKNOWN)]), "window")
    assert f.status is Status.INDETERMINATE
    assert "between 2 Jan 2010 and 31 Dec 2029" in f.explanation
    late = profile(plan={"return_date": "2030-06-01"})
    f = finding(assess_one(late, "2015-01-01", [mini_pack(UNKNOWN)]), "window")
    assert f.rule_version == "window@2030-01-01"


EXPERIENCE = """
  - id: consultant
    kind: min_years_experience
    title: Years before a consultant post
    event: post
    versions:
      - {source: s1, years: 2, after: residency}
      - {from: {between: [2025-01-01, 2026-12-31]}, source: s1, years: 3, after: residency}
"""


def test_the_earliest_return_is_not_taken_from_an_unknown_boundary():
    # Residency ends 31 Dec 2023: 2 years are done on 31 Dec 2025, 3 on 31 Dec 2026. A
    # return in 2026 meets the older version and not the newer: the pack cannot say.
    a = assess_one(profile(), "2024-06-01", [mini_pack(EXPERIENCE)])
    assert a.earliest_return is None
    assert a.earliest_return_reason == INDETERMINATE_REASON
    assert a.earliest_return_rule == "consultant"


def test_the_sweep_says_indeterminate_too():
    sw = engine.sweep(
        profile(),
        [mini_pack(RANGE)],
        date(2023, 6, 1),
        [date(2024, 1, 1), date(2025, 1, 1), date(2026, 1, 1)],
        ["XX"],
    )
    assert sw.statuses[0] == (Status.OK, Status.INDETERMINATE, Status.CONFLICT)


REGIMES = """
  - id: course
    kind: max_years_since_graduation
    title: Course regime
    versions:
      - {from: 2002-01-01, source: s1, years: 12}
      - from: 2021-11-18
        source: s1
        years: 10
        applies_when: {fact: medical_school.start, on_or_after: 2021-11-18}
"""


@pytest.mark.parametrize(
    ("start", "version"),
    [
        pytest.param("2015-09-01", "course@2002-01-01", id="begun-before-keeps-the-old-regime"),
        pytest.param("2021-11-18", "course@2021-11-18", id="begun-on-the-day-takes-the-new"),
    ],
)
def test_a_version_may_change_who_the_rule_applies_to(start, version):
    prof = profile(
        medical_school={"start": start, "graduated": "2027-06-30"},
        plan={"return_date": "2030-01-01"},
    )
    f = finding(assess_one(prof, "2026-01-01", [mini_pack(REGIMES)]), "course")
    assert f.rule_version == version


def test_a_version_whose_condition_cannot_be_told_asks_for_the_fact():
    f = finding(assess_one(profile(), "2023-01-01", [mini_pack(REGIMES)]), "course")
    assert f.status is Status.UNKNOWN
    assert f.question is None
    assert f.to_add == "Add to your profile the start of your medical course."


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        pytest.param(
            "[{from: 2020-01-01, source: s1, years: 1}, {from: {between: [2015-01-01, "
            "2019-01-01]}, source: s1, years: 2}]",
            "versions must be in date order",
            id="a-range-before-the-previous-start",
        ),
        pytest.param(
            "[{from: 2020-01-01, source: s1, years: 1}, {source: s1, years: 2}]",
            "only the first version may leave out 'from'",
            id="a-later-version-without-from",
        ),
        pytest.param(
            "[{from: {between: [2020-01-01, 2019-01-01]}, source: s1, years: 1}]",
            "the first date must not be after the last",
            id="a-range-backwards",
        ),
    ],
)
def test_the_pack_check_refuses_versions_out_of_order(versions, message):
    rules = f"""
  - id: w
    kind: max_years_since_graduation
    title: W
    versions: {versions}
"""
    with pytest.raises(Exception) as e:
        mini_pack(rules)
    assert message in str(e.value)


def test_an_exam_needs_known_starts():
    rules = """
  - id: ex
    kind: exam
    title: Exam
    name: Exam
    purpose: licensing
    versions:
      - {from: 2010-01-01, source: s1, sittings: {months: [3]}}
      - {from: unknown, source: s1, sittings: {months: [9]}}
"""
    with pytest.raises(ProblemsError) as e:
        mini_pack(rules)
    assert "an exam's versions need a known 'from'" in str(e.value)
