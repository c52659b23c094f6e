"""Conditions and values in words, for `wayhome packs show`."""

from pydantic import TypeAdapter

from tests.helpers import SCREENING
from wayhome.core.rules import describe
from wayhome.core.rules.conditions import Condition

parse = TypeAdapter(Condition).validate_python


def test_a_nested_condition_reads_as_a_sentence():
    five = "Australia (AU), Canada (CA), New Zealand (NZ), United Kingdom (GB), United States (US)"
    assert describe.condition(parse(SCREENING)) == (
        "your medical school's country is none of India (IN) and not (your medical school's "
        f"country is one of {five} and the countries you trained in include any of {five})"
    )


def test_dates_and_exams_read_as_physicians_write_them():
    cond = parse({"fact": "exam_passed", "exam": "USMLE Step 2 CK", "before": "2020-03-13"})
    assert describe.condition(cond) == "your pass of USMLE Step 2 CK is before 13 Mar 2020"


def test_no_condition_means_everyone():
    assert describe.condition(None) == "everyone"
