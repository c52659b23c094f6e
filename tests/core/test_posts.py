"""The posts sought: rules for other posts shown apart and never setting a date; posts
from the return type said; unknown posts refused; recognition by post; and the rule
that sets each date, or why there is none."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import SOURCE, assess_one, mini_pack, pack, profile
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner.scenarios import apply
from wayhome.core.profile.model import Scenario
from wayhome.core.rules.base import Pathway
from wayhome.core.rules.report import Status

AGE_FOR_FACULTY = """
  - id: faculty-age
    kind: max_age
    title: Age limit for a faculty post
    posts: [faculty]
    versions: [{source: s1, age: 40, inclusive: false}]
"""
GRADUATION = """
  - id: grad
    kind: max_years_since_graduation
    title: Within 20 years of graduation
    versions: [{source: s1, years: 20}]
"""


def _assess(rules: str, **over):
    return assess_one(profile(**over), "2024-01-01", [mini_pack(rules)])


def test_a_rule_for_a_post_not_sought_is_shown_apart_and_sets_no_date():
    a = _assess(AGE_FOR_FACULTY + GRADUATION, plan={"posts": ["specialist"]})
    assert [f.rule for f in a.findings] == ["grad"]
    assert [f.rule for f in a.other_posts] == ["faculty-age"]
    # Born 1 Jan 1990: the faculty age limit (under 40) would close on 31 Dec 2029,
    # earlier than the graduation window (31 Dec 2033); it must not set the date.
    assert a.latest_safe_return == date(2033, 12, 31)
    assert a.latest_safe_return_rule == "grad"
    assert a.to_json()["other_posts"][0]["rule"] == "faculty-age"


def test_the_same_rule_governs_a_physician_who_seeks_that_post():
    a = _assess(AGE_FOR_FACULTY + GRADUATION, plan={"posts": ["faculty"]})
    assert a.latest_safe_return == date(2029, 12, 31)
    assert a.latest_safe_return_rule == "faculty-age"
    assert a.other_posts == ()


def test_without_posts_the_return_type_chooses_them_and_says_so():
    academic = _assess(GRADUATION)
    assert academic.posts == ("consultant", "faculty")
    assert academic.posts_note is not None
    assert "for an academic return Wayhome takes consultant and faculty" in academic.posts_note
    private = _assess(GRADUATION, plan={"return_type": "private"})
    assert private.posts == ("specialist",)
    named = _assess(GRADUATION, plan={"posts": ["consultant"]})
    assert named.posts == ("consultant",) and named.posts_note is None


def test_a_rule_for_general_registration_governs_everyone():
    rule = AGE_FOR_FACULTY.replace("posts: [faculty]", "posts: [general]")
    a = _assess(rule, plan={"posts": ["specialist"]})
    assert [f.rule for f in a.findings] == ["faculty-age"]


def test_a_post_no_target_knows_is_an_error_naming_it():
    with pytest.raises(ProblemsError) as e:
        _assess(GRADUATION, plan={"posts": ["registrar"]})
    problem = e.value.problems[0]
    assert problem.path == ("plan", "posts", 0)
    assert "unknown post 'registrar'" in problem.message


def test_a_packs_own_post_may_be_sought_and_named_by_its_rules():
    rules = AGE_FOR_FACULTY.replace("posts: [faculty]", "posts: [senior-registrar]")
    own = pack(
        "code: XX\nname: Test\ncountry: XX\nfictional: true\nversion: '1'\n"
        "reviewed: 2026-11-24\nregulator: {name: Test, website: null}\n"
        "posts:\n  senior-registrar: a senior registrar post\n" + SOURCE + "rules:\n" + rules
    )
    a = assess_one(profile(plan={"posts": ["senior-registrar"]}), "2024-01-01", [own])
    assert [f.rule for f in a.findings] == ["faculty-age"]
    with pytest.raises(ProblemsError) as e:
        pack(
            "code: XX\nname: Test\ncountry: XX\nfictional: true\nversion: '1'\n"
            "reviewed: 2026-11-24\nregulator: {name: Test, website: null}\n"
            "posts:\n  faculty: again\n" + SOURCE + "rules:\n" + GRADUATION
        )
    assert "'faculty' is a shared post already" in str(e.value)


def test_a_rule_naming_an_unknown_post_is_refused_with_its_place():
    with pytest.raises((ProblemsError, InvalidFileError)) as e:
        mini_pack(AGE_FOR_FACULTY.replace("posts: [faculty]", "posts: [dean]"))
    assert "unknown post 'dean'" in str(e.value)


def test_recognition_by_post_comes_before_the_return_type():
    rule = """
  - id: rec
    kind: recognition
    title: Recognition
    versions:
      - source: s1
        residency: full_specialist
        fellowship: full_specialist
        board_certification: full_specialist
        by_return_type: {academic: {residency: conversion}}
        by_post: {consultant: {residency: provisional}}
"""
    as_consultant = _assess(rule, board_certifications=[], plan={"posts": ["consultant"]})
    as_faculty = _assess(rule, board_certifications=[], plan={"posts": ["faculty"]})
    assert as_consultant.pathway is Pathway.PROVISIONAL
    assert as_faculty.pathway is Pathway.CONVERSION  # no by_post for it: the return type's


def test_a_scenario_may_seek_other_posts():
    prof = profile(plan={"posts": ["faculty"]})
    s = Scenario(id="private", name="Private practice", posts=["specialist"])
    assert apply(prof, s).plan.posts == ["specialist"]
    assert apply(prof, Scenario(id="same", name="Same")).plan.posts == ["faculty"]


def test_why_there_is_no_date_when_nothing_limits_it_or_something_is_unknown():
    window = _assess(GRADUATION)
    # A window always limits: graduated 1 Jan 2014, 20 years to 31 Dec 2033.
    assert (window.latest_safe_return, window.latest_safe_return_rule) == (
        date(2033, 12, 31),
        "grad",
    )
    assert window.latest_safe_return_reason is None
    none_at_all = _assess("""
  - id: docs
    kind: required_documents
    title: Documents
    versions: [{source: s1, documents: [{name: Passport}]}]
""")
    assert none_at_all.latest_safe_return is None
    assert none_at_all.latest_safe_return_reason == (
        "No rule that applies to you sets a deadline on your return."
    )
    unknown = _assess(GRADUATION, medical_school={"country": "XX", "graduated": None})
    assert unknown.latest_safe_return is None
    assert unknown.latest_safe_return_reason is not None
    assert "1 rule could not be judged for you (Within 20 years of graduation)" in (
        unknown.latest_safe_return_reason
    )


def test_a_public_return_seeks_a_specialist_post_and_says_so():
    a = _assess(GRADUATION, plan={"return_type": "public"})
    assert a.posts == ("specialist",)
    assert a.posts_note is not None
    assert "for a public return Wayhome takes specialist" in a.posts_note


FACULTY_ONLY = """
  - id: faculty-years
    kind: min_years_experience
    title: Ten years after training before a faculty post
    posts: [faculty]
    versions: [{source: s1, years: 10, after: training}]
  - id: faculty-route
    kind: recognition
    title: What US training counts as for a faculty post
    posts: [faculty]
    versions:
      - {source: s1, residency: not_recognised, fellowship: not_recognised,
         board_certification: not_recognised}
"""


def test_a_rule_for_a_post_not_sought_sets_no_earliest_return_no_conflict_and_no_route():
    # Training ends 31 Dec 2023 (BASE): the faculty rule would open on 1 Jan 2034, a
    # conflict with the return on 1 Jan 2025, and its recognition rule would say "not
    # recognised".
    a = _assess(FACULTY_ONLY, plan={"posts": ["specialist"]})
    assert a.findings == ()
    assert {f.rule for f in a.other_posts} == {"faculty-years", "faculty-route"}
    years = next(f for f in a.other_posts if f.rule == "faculty-years")
    assert (years.status, years.earliest) == (Status.CONFLICT, date(2034, 1, 1))
    assert (a.earliest_return, a.earliest_return_rule) == (None, None)
    assert a.earliest_return_reason == "Nothing that applies to you opens later than today."
    assert a.pathway is Pathway.UNKNOWN  # no route from a rule for another post
    assert a.unknowns == ()
    sought = _assess(FACULTY_ONLY, plan={"posts": ["faculty"]})
    assert (sought.earliest_return, sought.earliest_return_rule) == (
        date(2034, 1, 1),
        "faculty-years",
    )
    assert sought.pathway is Pathway.NOT_RECOGNISED
