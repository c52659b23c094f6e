"""The kinds the hard cases need: experience by certificate tier with the evidence a
title asks, local training counted from planned training at home, the course window,
and a temporary licence."""

from datetime import date

import pytest

from tests.helpers import assess_one, finding, mini_pack, profile
from wayhome.core.common.periods import DEFAULT_COUNTING, Counting
from wayhome.core.rules.report import Status

TIERS = """
  - id: consultant
    kind: min_years_experience
    title: Years after certification
    event: post
    versions:
      - source: s1
        after: board_certification
        tiers: {boards: {ABIM: tier-1}, years: {tier-1: 2, tier-2: 4}, default: tier-2}
        evidence: [teaching, audits, research]
        title: a consultant post
"""


def _certified(board: str) -> list[dict[str, str]]:
    return [{"board": board, "specialty": "internal-medicine", "certified": "2024-01-01"}]


@pytest.mark.parametrize(
    ("board", "earliest", "words"),
    [
        pytest.param(
            "ABIM", date(2026, 1, 1), "is Tier 1 (as the pack lists it): 2 years", id="listed"
        ),
        pytest.param(
            "abim", date(2026, 1, 1), "is Tier 1 (as the pack lists it)", id="any-letter-case"
        ),
        pytest.param(
            "AOBIM",
            date(2028, 1, 1),
            "is Tier 2 (the tier of boards the pack does not list): 4 years",
            id="not-listed-takes-the-default",
        ),
    ],
)
def test_experience_years_follow_the_certificates_tier(board, earliest, words):
    prof = profile(board_certifications=_certified(board))
    f = finding(assess_one(prof, "2024-06-01", [mini_pack(TIERS)]), "consultant")
    assert f.earliest == earliest
    assert words in f.explanation
    assert "For a consultant post you must also show: teaching, audits, research." in f.explanation


def test_a_board_the_map_does_not_place_is_a_question():
    rules = TIERS.replace(", default: tier-2", "")
    prof = profile(board_certifications=_certified("AOBIM"))
    f = finding(assess_one(prof, "2024-06-01", [mini_pack(rules)]), "consultant")
    assert f.status is Status.UNKNOWN
    assert f.question == "Which tier does the regulator give a AOBIM certificate?"
    assert "the pack's map does not place AOBIM (it places ABIM in Tier 1)" in f.explanation
    assert "tier-" not in f.explanation


def test_a_tier_of_no_years_is_exempt_and_open_from_the_certificates_date():
    rules = TIERS.replace("tier-1: 2, tier-2: 4", "tier-1: 0, tier-2: 4")
    prof = profile(board_certifications=_certified("ABIM"))
    f = finding(assess_one(prof, "2024-06-01", [mini_pack(rules)]), "consultant")
    assert f.status is Status.OK
    assert f.earliest == date(2024, 1, 1)
    assert "Tier 1 (as the pack lists it): no years of experience after it" in f.explanation
    assert "a consultant post is open from the date of your first board certification" in (
        f.explanation
    )


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        pytest.param(
            "[{source: s1, after: residency, tiers: {boards: {ABIM: t1}, years: {t1: 2}}}]",
            "'tiers' go with 'after: board_certification'",
            id="tiers-need-certification",
        ),
        pytest.param(
            "[{source: s1, after: board_certification,"
            " tiers: {boards: {ABIM: t1}, years: {t2: 2}}}]",
            "no years for tier t1",
            id="a-tier-without-years",
        ),
        pytest.param(
            "[{source: s1, after: board_certification, years: 2,"
            " tiers: {boards: {A: t}, years: {t: 2}}}]",
            "give 'years', or 'tiers'",
            id="years-and-tiers",
        ),
        pytest.param(
            "[{source: s1, after: board_certification,"
            " tiers: {boards: {ABIM: t1}, years: {t1: -1}}}]",
            "years of a tier are 0 \\(exempt\\) to 40",
            id="negative-years",
        ),
    ],
)
def test_the_pack_refuses_tiers_that_do_not_add_up(versions, message):
    rules = f"""
  - id: c
    kind: min_years_experience
    title: C
    versions: {versions}
"""
    with pytest.raises(Exception, match=message):
        mini_pack(rules)


LOCAL = """
  - id: attach
    kind: local_training
    title: Attachment
    versions:
      - {source: s1, duration: {months: 6}, what: a supervised attachment, country: XX}
"""


def test_local_training_counts_the_planned_training_at_home():
    home = {
        "kind": "other",
        "specialty": "internal-medicine",
        "country": "XX",
        "start": "2025-03-01",
        "end": "2026-02-28",
    }
    prof = profile(training=[*profile().model_dump(mode="json")["training"], home])
    f = finding(assess_one(prof, "2024-06-01", [mini_pack(LOCAL)]), "attach")
    assert f.completed_on == date(2025, 8, 31)
    assert "your training in Exampleland (fictional) from 1 Mar 2025" in f.explanation


def test_local_training_short_of_the_months_asks_for_the_rest():
    home = {
        "kind": "other",
        "specialty": "internal-medicine",
        "country": "XX",
        "start": "2025-03-01",
        "end": "2025-05-31",
    }
    prof = profile(training=[*profile().model_dump(mode="json")["training"], home])
    f = finding(assess_one(prof, "2024-06-01", [mini_pack(LOCAL)]), "attach")
    assert f.status is Status.UNKNOWN
    assert "3 months, short of it" in f.explanation


def test_local_training_without_training_there_starts_at_the_return():
    f = finding(assess_one(profile(), "2024-06-01", [mini_pack(LOCAL)]), "attach")
    assert f.completed_on == date(2025, 6, 30)  # back on 1 Jan 2025, day 1


COURSE = """
  - id: course
    kind: course_window
    title: Course window
    versions:
      - {source: s1, years: 10, min_course_months: 54, min_internship_months: 12}
"""


def _school(start: str, graduated: str, internship: tuple[str, str] | None = None):
    school: dict = {"country": "RU", "start": start, "graduated": graduated}
    if internship:
        school["internship"] = {"start": internship[0], "end": internship[1]}
    return school


@pytest.mark.parametrize(
    ("school", "status", "words"),
    [
        pytest.param(
            _school("2010-09-01", "2016-06-30", ("2016-07-01", "2017-06-30")),
            Status.OK,
            "The course meets the rule",
            id="met",
        ),
        pytest.param(
            _school("2004-09-01", "2016-06-30", ("2016-07-01", "2017-06-30")),
            Status.BLOCKED,
            "completed 1 year and 10 months after the window closed",
            id="completed-too-late",
        ),
        pytest.param(
            _school("2012-09-01", "2016-06-30", ("2016-07-01", "2017-06-30")),
            Status.BLOCKED,
            "it lasted 46 months, under the 54 needed",
            id="course-too-short",
        ),
        pytest.param(
            _school("2010-09-01", "2016-06-30", ("2016-07-01", "2016-12-31")),
            Status.BLOCKED,
            "the internship lasted 6 months, under the 12 needed",
            id="internship-too-short",
        ),
        pytest.param(
            _school("2010-09-01", "2016-06-30"),
            Status.UNKNOWN,
            "the dates of your internship",
            id="internship-missing",
        ),
    ],
)
def test_the_course_window(school, status, words):
    prof = profile(medical_school=school)
    f = finding(assess_one(prof, "2024-06-01", [mini_pack(COURSE)]), "course")
    assert f.status is status
    assert words in f.explanation


def test_the_course_window_counts_its_first_day_as_day_1():
    prof = profile(medical_school=_school("2010-09-01", "2016-06-30", ("2016-07-01", "2017-06-30")))
    f = finding(assess_one(prof, "2024-06-01", [mini_pack(COURSE)]), "course")
    assert f.completed_on == date(2020, 8, 31)
    assert DEFAULT_COUNTING[("course_window", "course_start")] is Counting.ON


def test_a_blocked_course_sets_no_return_date_but_breaks_the_plan():
    prof = profile(medical_school=_school("2012-09-01", "2016-06-30", ("2016-07-01", "2017-06-30")))
    a = assess_one(prof, "2024-06-01", [mini_pack(COURSE)])
    assert a.latest_safe_return is None and a.earliest_return is None


TEMPORARY = """
  - id: temp
    kind: temporary_licence
    title: Temporary licence
    versions:
      - {source: s1, years: 2, extendable: true}
"""


def _temporary(issued: str) -> list[dict[str, str]]:
    return [{"jurisdiction": "XX", "kind": "temporary", "issued": issued}]


@pytest.mark.parametrize(
    ("on", "status", "words"),
    [
        pytest.param("2025-06-01", Status.OK, "1 year, 1 month and 13 days left.", id="ok"),
        pytest.param("2026-01-01", Status.TIGHT, "under 12 months, act now", id="warns-before"),
        pytest.param("2026-07-15", Status.MISSED, "It ran out on 14 Jul 2026.", id="ran-out"),
    ],
)
def test_a_temporary_licence_gives_its_last_day_and_warns_before_it(on, status, words):
    prof = profile(licences=_temporary("2024-07-15"))
    a = assess_one(prof, on, [mini_pack(TEMPORARY)])
    f = finding(a, "temp")
    assert (f.status, f.deadline) == (status, date(2026, 7, 14))
    assert words in f.explanation
    assert "It can be extended" in f.explanation
    assert a.latest_safe_return is None  # it limits nothing about the return


def test_only_a_temporary_licence_counts():
    prof = profile(licences=[{"jurisdiction": "XX", "issued": "2024-07-15"}])
    f = finding(assess_one(prof, "2025-06-01", [mini_pack(TEMPORARY)]), "temp")
    assert f.status is Status.INFO
    assert f.completed_on == date(2026, 12, 31)  # granted on the return, 1 Jan 2025
    assert prof.licences[0].kind.value == "full"
