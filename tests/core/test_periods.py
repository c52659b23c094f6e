"""The one convention for periods: first day, completed on, allowed from; on or after
the anchor; leap days and month ends."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.procs import ROOT
from wayhome.core.common.dates import Span
from wayhome.core.common.periods import DEFAULT_COUNTING, Counting, counting_for, period


def test_a_window_within_10_years_of_joining_a_course_ends_the_day_before_the_anniversary():
    p = period(date(2022, 9, 1), Span(years=10), Counting.ON)
    assert p.first_day == date(2022, 9, 1)
    assert p.completed_on == date(2032, 8, 31)
    assert p.allowed_from == date(2032, 9, 1)


def test_two_years_after_a_certificate_is_allowed_from_the_anniversary():
    p = period(date(2023, 8, 15), Span(years=2), Counting.ON)
    assert p.allowed_from == date(2025, 8, 15)


def test_30_days_after_a_programme_ends_last_on_the_30th_day_after():
    p = period(date(2026, 6, 30), Span(days=30), Counting.AFTER)
    assert p.first_day == date(2026, 7, 1)
    assert p.completed_on == date(2026, 7, 30)


def test_12_months_of_experience_after_training_count_from_the_next_day():
    p = period(date(2021, 6, 30), Span(months=12), Counting.AFTER)
    assert p.completed_on == date(2022, 6, 30)
    assert p.allowed_from == date(2022, 7, 1)


def test_12_months_of_local_training_from_a_return_on_1_may_2028_end_on_30_april_2029():
    p = period(date(2028, 5, 1), Span(months=12), Counting.ON)
    assert p.completed_on == date(2029, 4, 30)
    assert p.allowed_from == date(2029, 5, 1)


@pytest.mark.parametrize(
    ("anchor", "span", "counting", "completed", "allowed"),
    [
        # 29 February + N years lands on 28 February in a common year...
        (date(2024, 2, 29), Span(years=1), Counting.ON, date(2025, 2, 27), date(2025, 2, 28)),
        # ... and stays 29 February in a leap year.
        (date(2024, 2, 29), Span(years=4), Counting.ON, date(2028, 2, 28), date(2028, 2, 29)),
        # Counting after 28 Feb in a leap year starts on 29 Feb, so it too ends early.
        (date(2024, 2, 28), Span(years=1), Counting.AFTER, date(2025, 2, 27), date(2025, 2, 28)),
        (date(2025, 2, 28), Span(years=1), Counting.AFTER, date(2026, 2, 28), date(2026, 3, 1)),
        # Month ends clamp: 31 Jan + 1 month is the end of February.
        (date(2023, 1, 31), Span(months=1), Counting.ON, date(2023, 2, 27), date(2023, 2, 28)),
        (date(2024, 1, 31), Span(months=1), Counting.ON, date(2024, 2, 28), date(2024, 2, 29)),
        # A length in days is that many days, across a leap day.
        (date(2024, 2, 1), Span(days=29), Counting.ON, date(2024, 2, 29), date(2024, 3, 1)),
        (date(2023, 12, 31), Span(days=1), Counting.AFTER, date(2024, 1, 1), date(2024, 1, 2)),
    ],
    ids=[
        "leap-day-to-common-year",
        "leap-day-to-leap-year",
        "after-28-feb-leap",
        "after-28-feb-common",
        "31-jan-plus-month-common",
        "31-jan-plus-month-leap",
        "29-days-over-leap-day",
        "one-day-after-new-year",
    ],
)
def test_leap_years_and_month_ends(anchor, span, counting, completed, allowed):
    p = period(anchor, span, counting)
    assert (p.completed_on, p.allowed_from) == (completed, allowed)


def test_the_table_and_a_packs_override():
    assert counting_for("min_years_experience", "training") is Counting.AFTER
    assert counting_for("min_years_experience", "board_certification") is Counting.ON
    assert counting_for("min_years_experience", "training", Counting.ON) is Counting.ON
    assert set(DEFAULT_COUNTING.values()) == {Counting.ON, Counting.AFTER}


def test_the_docs_table_says_how_every_kind_and_visa_clock_counts():
    # docs/rule-packs.md's table of the convention: a row per kind or clock, its counting.
    text = (ROOT / "docs" / "rule-packs.md").read_text()
    table = text[text.index("| kind, anchor | counts |") :].split("\n\n", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]
    ]
    for (kind, _anchor), counting in DEFAULT_COUNTING.items():
        said = {how.split(":")[0] for name, how in rows if name.startswith(f"`{kind}`")}
        assert counting.value in said, (kind, said)
    # The visa clocks read the table too: every count of theirs has its row.
    kinds = {kind for kind, _ in DEFAULT_COUNTING}
    assert kinds >= {"j1-limit", "j1-grace", "j1-extension", "j1-home", "conrad-30", "h1b-max"}


def test_the_explanation_says_how_it_counted():
    on = period(date(2022, 9, 1), Span(years=10), Counting.ON)
    after = period(date(2021, 6, 30), Span(years=1), Counting.AFTER)
    assert on.counted("graduation") == "counting graduation as day 1"
    assert after.counted("the end of your training") == (
        "counting from the day after the end of your training, 1 Jul 2021"
    )
