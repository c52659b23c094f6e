"""Conditions decide whom a rule applies to, in three-valued logic."""

import pytest
from pydantic import TypeAdapter, ValidationError

from tests.helpers import SCREENING, mini_pack, profile
from wayhome.core.common.problems import ProblemsError
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules import conditions
from wayhome.core.rules.conditions import Condition

parse = TypeAdapter(Condition).validate_python


def _eval(cond, **over):
    return conditions.evaluate(parse(cond), ProfileFacts.of(profile(**over)))


@pytest.mark.parametrize(
    ("school", "expected"),
    [
        pytest.param("IN", False, id="indian-degree"),
        pytest.param("RU", True, id="foreign-degree-us-training"),
        pytest.param("US", False, id="us-degree-and-us-training-waived"),
    ],
)
def test_a_nested_condition_decides_who_must_sit(school, expected):
    outcome = _eval(SCREENING, home_country="IN", medical_school={"country": school})
    assert outcome.value is expected


def test_a_missing_fact_is_unknown_and_named():
    outcome = _eval({"fact": "medical_school.start", "on_or_after": "2021-11-18"})
    assert outcome.value is None
    assert outcome.missing == ("medical_school.start",)


def test_a_known_false_part_settles_an_all_despite_unknowns():
    cond = {
        "all": [
            {"fact": "medical_school.start", "after": "2020-01-01"},
            {"fact": "return_type", "in": ["public"]},
        ]
    }
    assert _eval(cond).value is False


def test_a_known_true_part_settles_an_any_despite_unknowns():
    cond = {
        "any": [
            {"fact": "medical_school.start", "after": "2020-01-01"},
            {"fact": "return_type", "in": ["academic"]},
        ]
    }
    assert _eval(cond).value is True


def test_an_exam_never_passed_is_not_passed_before_a_date():
    cond = {"fact": "exam_passed", "exam": "USMLE Step 2 CK", "before": "2020-03-13"}
    assert _eval(cond).value is False
    passed = _eval(cond, exams_passed=[{"name": "usmle step 2 ck", "date": "2019-05-01"}])
    assert passed.value is True


@pytest.mark.parametrize(
    ("cond", "message"),
    [
        pytest.param({"fact": "shoe_size", "in": ["9"]}, "unknown fact 'shoe_size'", id="fact"),
        pytest.param(
            {"fact": "return_type", "before": "2020-01-01"},
            "takes exactly one of: in",
            id="wrong-op",
        ),
        pytest.param(
            {"fact": "return_type", "in": ["a"], "not_in": ["b"]}, "exactly one", id="two-ops"
        ),
        pytest.param(
            {"fact": "exam_passed", "before": "2020-01-01"},
            "'exam' goes with",
            id="exam-without-name",
        ),
    ],
)
def test_a_malformed_condition_says_what_is_wrong(cond, message):
    with pytest.raises(ValidationError, match=message):
        parse(cond)


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        pytest.param({"return_type": "academic"}, True, id="academic-seeks-faculty-by-default"),
        pytest.param({"return_type": "private"}, False, id="private-seeks-a-specialist-post"),
        pytest.param(
            {"return_type": "private", "posts": ["faculty"]}, True, id="private-naming-faculty"
        ),
        pytest.param(
            {"return_type": "academic", "posts": ["consultant"]},
            False,
            id="academic-naming-only-consultant",
        ),
    ],
)
def test_posts_are_the_posts_sought_named_or_led_to_by_the_return_type(plan, expected):
    assert _eval({"fact": "posts", "any_in": ["faculty"]}, plan=plan).value is expected


def test_a_pack_condition_on_a_post_it_does_not_know_is_refused():
    rules = """
  - id: r
    kind: max_age
    title: Age
    applies_when: {fact: posts, any_in: [dean]}
    versions: [{source: s1, age: 65, inclusive: false}]
"""
    with pytest.raises(ProblemsError, match="unknown post 'dean'"):
        mini_pack(rules)
