"""The date conventions every rule relies on, by example and by property."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wayhome.core.common import dates, periods
from wayhome.core.common.dates import Span


def _on(anchor: date, span: Span) -> periods.Period:
    """The period counted from ``anchor`` as day 1 (the one convention)."""
    return periods.period(anchor, span, periods.Counting.ON)


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def test_it_ends_a_window_the_day_before_the_anniversary():
    # "within 10 years of 30 Jun 2014" -> the last day inside is 29 Jun 2024
    assert _on(date(2014, 6, 30), Span(years=10)).completed_on == date(2024, 6, 29)


def test_it_allows_n_years_after_on_the_anniversary():
    # "2 years after 15 Aug 2023" -> first allowed 15 Aug 2025
    assert _on(date(2023, 8, 15), Span(years=2)).allowed_from == date(2025, 8, 15)


def test_under_age_ends_the_day_before_the_birthday():
    assert dates.last_day_under_age(date(1990, 3, 15), 45) == date(2035, 3, 14)


def test_at_most_age_ends_the_day_before_the_next_birthday():
    assert dates.last_day_at_most_age(date(1990, 3, 15), 45) == date(2036, 3, 14)


def test_29_february_becomes_28_february_in_a_common_year():
    born = date(1992, 2, 29)
    assert dates.birthday(born, 31) == date(2023, 2, 28)
    assert dates.last_day_under_age(born, 31) == date(2023, 2, 27)
    assert dates.birthday(born, 32) == date(2024, 2, 29)
    assert _on(born, Span(years=1)).completed_on == date(1993, 2, 27)


def test_month_arithmetic_clamps_to_the_end_of_a_short_month():
    assert dates.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert dates.add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert dates.add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert dates.add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)


def test_it_formats_dates_the_way_physicians_read_them():
    assert dates.fmt(date(2025, 7, 1)) == "1 Jul 2025"
    assert dates.fmt(date(2024, 6, 30)) == "30 Jun 2024"
    assert dates.fmt_month(date(2028, 9, 1)) == "Sep 2028"


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (date(2024, 6, 29), date(2025, 7, 1), "1 year and 2 days"),
        (date(2024, 1, 1), date(2024, 1, 1), "0 days"),
        (date(2020, 1, 31), date(2020, 2, 29), "1 month"),  # month-end clamps
        (date(2020, 2, 1), date(2020, 2, 29), "28 days"),
        (date(2020, 1, 15), date(2022, 4, 16), "2 years, 3 months and 1 day"),
    ],
)
def test_it_describes_a_span_in_words(start, end, words):
    assert dates.between(start, end).describe() == words


def test_age_on_counts_completed_years():
    assert dates.age_on(date(1990, 3, 15), date(2025, 3, 14)) == 34
    assert dates.age_on(date(1990, 3, 15), date(2025, 3, 15)) == 35
    assert dates.age_on(date(1992, 2, 29), date(2023, 2, 28)) == 31


@given(days, st.integers(-600, 600))
def test_adding_months_keeps_the_month_and_never_overshoots_the_day(d, n):
    moved = dates.add_months(d, n)
    assert (moved.year * 12 + moved.month) - (d.year * 12 + d.month) == n
    assert moved.day == min(d.day, dates.days_in_month(moved.year, moved.month))


@given(days, st.integers(0, 80))
def test_a_window_ends_the_day_before_the_anniversary(d, years):
    p = _on(d, Span(years=years))
    assert p.completed_on + timedelta(days=1) == p.allowed_from == dates.add_years(d, years)


@given(days, st.integers(1, 100))
def test_years_round_trip_except_from_29_february(d, years):
    there = dates.add_years(d, years)
    if (d.month, d.day) != (2, 29):
        assert dates.add_years(there, -years) == d
    else:
        assert there.month == 2 and there.day in (28, 29)


@given(days, days)
def test_between_is_the_inverse_of_adding_a_span(a, b):
    start, end = min(a, b), max(a, b)
    span = dates.between(start, end)
    assert dates.add_span(start, span) == end
    assert 0 <= span.months < 12
    # largest units first: one more month would overshoot
    assert dates.add_months(start, span.years * 12 + span.months + 1) > end


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 99))
def test_under_age_is_one_year_stricter_than_at_most_age(born, age):
    under = dates.last_day_under_age(born, age)
    at_most = dates.last_day_at_most_age(born, age)
    assert dates.age_on(born, under) == age - 1
    assert dates.age_on(born, under + timedelta(days=1)) == age
    assert dates.age_on(born, at_most) == age
    assert dates.age_on(born, at_most + timedelta(days=1)) == age + 1
