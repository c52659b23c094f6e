"""The one parser for dates people type: what it takes, what it refuses, and what it says."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wayhome.core.common import dates
from wayhome.core.common.typed_dates import (
    Month,
    Tense,
    TypedDateError,
    parse_date,
    parse_month,
    tense_warning,
)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-06-30", date(2024, 6, 30)),
        ("30 Jun 2024", date(2024, 6, 30)),
        ("30 June 2024", date(2024, 6, 30)),
        ("30 JUNE 2024", date(2024, 6, 30)),
        ("30 jun 2024", date(2024, 6, 30)),
        ("  30   Jun  2024 ", date(2024, 6, 30)),
        ("30-Jun-2024", date(2024, 6, 30)),
        ("June 30, 2024", date(2024, 6, 30)),
        ("30th June 2024", date(2024, 6, 30)),
        ("3 Sept 2024", date(2024, 9, 3)),
        ("2024-6-3", date(2024, 6, 3)),
        ("29 Feb 2024", date(2024, 2, 29)),
        ("2024-02-29", date(2024, 2, 29)),
        ("31 Dec 2199", date(2199, 12, 31)),
    ],
    ids=lambda v: str(v),
)
def test_it_accepts_iso_and_day_month_name_year(text, day):
    assert parse_date(text) == day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_it_reads_back_every_date_it_writes(day):
    assert parse_date(dates.fmt(day)) == day
    assert parse_date(day.isoformat()) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "03/06/2024",
            "'03/06/2024' is not a date: it could be 3 Jun 2024 or 6 Mar 2024. "
            "Write it as 3 Jun 2024 or 2024-06-03.",
        ),
        ("3.6.2024", "it could be 3 Jun 2024 or 6 Mar 2024. Write it as 3 Jun 2024 or 2024-06-03."),
        (
            "31/07/2027",
            "'31/07/2027' is not a date: numbers with slashes or dots are read day-first "
            "in some countries, month-first in others. Write it as 31 Jul 2027 or 2027-07-31.",
        ),
        ("07/31/2027", "Write it as 31 Jul 2027 or 2027-07-31."),
        ("06/06/2024", "Write it as 6 Jun 2024 or 2024-06-06."),  # one reading, still refused
        ("2024/06/30", "Write it as 30 Jun 2024 or 2024-06-30."),
        ("30.06.24", "numbers with slashes or dots are read day-first"),
    ],
    ids=[
        "slashes",
        "dots",
        "day-first-only",
        "month-first-only",
        "same-both-ways",
        "year-first",
        "short-year",
    ],
)
def test_it_refuses_every_all_numeric_form_with_slashes_or_dots(text, message):
    with pytest.raises(TypedDateError) as e:
        parse_date(text)
    assert message in str(e.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("29 Feb 2023", "'29 Feb 2023' is not a date: February 2023 has 28 days (2023 is not a "
         "leap year)."),
        ("2023-02-29", "February 2023 has 28 days (2023 is not a leap year)."),
        ("31 Apr 2024", "'31 Apr 2024' is not a date: April 2024 has 30 days."),
        ("2024-04-31", "April 2024 has 30 days."),
        ("2024-13-01", "'2024-13-01' is not a date: there is no month 13."),
        ("0 Jan 2024", "January 2024 has 31 days."),
    ],
    ids=["not-a-leap-year", "not-a-leap-year-iso", "april-31", "april-31-iso", "month-13", "day-0"],
)  # fmt: skip
def test_it_names_the_day_a_month_does_not_have(text, message):
    with pytest.raises(TypedDateError) as e:
        parse_date(text)
    assert message in str(e.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("July", "'July' is not a date. Write it as 30 Jun 2024 or 2024-06-30."),
        ("next summer", "'next summer' is not a date. Write it as"),
        ("", "'' is not a date: nothing was typed."),
        ("2024-06", "'2024-06' is not a date: give the day too."),
        ("Jun 2024", "'Jun 2024' is not a date: give the day too."),
        ("30 Jun", "'30 Jun' is not a date: give the year too."),
        ("Jun 30", "'Jun 30' is not a date: give the year too."),
        ("30 Jun 24", "write the year in full, with four digits."),
        ("30 Juin 2024", "'juin' is not a month's name in English (Jan to Dec)."),
        ("30 Ju 2024", "'ju' is not a month's name in English"),
        ("30 Jun 1850", "1850 is too far from today to be meant."),
    ],
    ids=lambda v: str(v)[:20],
)
def test_every_refusal_says_what_to_write_in_one_style(text, message):
    with pytest.raises(TypedDateError) as e:
        parse_date(text)
    assert message in str(e.value)
    assert str(e.value).startswith(f"'{' '.join(text.split())}' is not a date")


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2024-06", Month(2024, 6)),
        ("Jun 2024", Month(2024, 6)),
        ("june 2024", Month(2024, 6)),
        ("JUNE, 2024", Month(2024, 6)),
        ("2024-6", Month(2024, 6)),
    ],
    ids=lambda v: str(v),
)
def test_a_month_is_accepted_where_a_month_is_meant(text, month):
    assert parse_month(text) == month
    assert str(month) == "2024-06" and month.first_day == date(2024, 6, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("30 Jun 2024", "'30 Jun 2024' is not a month: give just the month, without the day. "
         "Write it as Jun 2024 or 2024-06."),
        ("2024-06-30", "give just the month"),
        ("06/2024", "'06/2024' is not a month: numbers with a slash or a dot"),
        ("2024-13", "there is no month 13"),
        ("Jun 24", "write the year in full"),
        ("soon", "'soon' is not a month. Write it as Jun 2024 or 2024-06."),
    ],
    ids=lambda v: str(v)[:20],
)  # fmt: skip
def test_a_month_field_refuses_days_and_numbers_with_slashes(text, message):
    with pytest.raises(TypedDateError) as e:
        parse_month(text)
    assert message in str(e.value)


def test_the_error_is_a_value_error_for_callers_that_catch_those():
    assert issubclass(TypedDateError, ValueError)


TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("day", "expected", "warning"),
    [
        (date(2025, 7, 1), Tense.FUTURE, "1 Jul 2025 is in the past, but your planned return "
         "is still to come: check the year, or confirm the date if it is right."),
        (date(2027, 6, 30), Tense.PAST, "30 Jun 2027 is in the future, but your graduation "
         "has already happened: check the year"),
        (TODAY, Tense.FUTURE, None),
        (TODAY, Tense.PAST, None),
        (date(2028, 7, 1), Tense.FUTURE, None),
        (date(2016, 6, 30), Tense.PAST, None),
    ],
    ids=["past-return", "future-graduation", "today-future", "today-past", "ahead", "behind"],
)  # fmt: skip
def test_a_day_on_the_wrong_side_of_today_is_questioned_saying_which_and_why(
    day, expected, warning
):
    what = "your planned return" if expected is Tense.FUTURE else "your graduation"
    found = tense_warning(day, expected, TODAY, what)
    assert found == warning if warning is None else found is not None and warning in found
