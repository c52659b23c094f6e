"""India's faculty questions follow the posts sought, not the return type (#22).

The scenarios (IN/tests.yaml) show a question asked; this shows one not asked: an
academic return that names only a consultant post sees the faculty rules apart and is
not asked the faculty questions either.
"""

from __future__ import annotations

import pytest

from tests.helpers import assess_one, profile
from wayhome.core.common.data import merge

FACULTY_QUESTIONS = {"in-faculty-us-criterion", "in-academic-foreign-degree"}


def _asked(**over) -> set[str]:
    base = {
        "person": {"citizenship": ["IN"]},
        "home_country": "IN",
        "plan": {"return_date": "2027-07-01", "return_type": "academic", "targets": ["IN"]},
    }
    a = assess_one(profile(**merge(base, over)), "2026-12-05", code="IN")
    return {u.get("rule") for u in a.to_json()["unknowns"]}


@pytest.mark.parametrize(
    ("school", "question"),
    [
        pytest.param("IN", "in-faculty-us-criterion", id="indian-mbbs"),
        pytest.param("GD", "in-academic-foreign-degree", id="foreign-degree"),
    ],
)
def test_a_faculty_question_is_asked_of_whoever_seeks_a_faculty_post(school, question):
    academic = _asked(medical_school={"country": school, "graduated": "2014-06-30"})
    private = _asked(
        medical_school={"country": school, "graduated": "2014-06-30"},
        plan={"return_type": "private", "posts": ["faculty"]},
    )
    assert question in academic
    assert question in private


@pytest.mark.parametrize("school", ["IN", "GD"])
def test_no_faculty_question_for_an_academic_return_seeking_only_a_consultant_post(school):
    asked = _asked(
        medical_school={"country": school, "graduated": "2014-06-30"},
        plan={"posts": ["consultant"]},
    )
    assert not asked & FACULTY_QUESTIONS
