"""A column of dates from someone else's file: all-numeric dates in the file's own
order, said in a note; a date that reads two ways is never guessed in silence."""

from __future__ import annotations

from datetime import date

import pytest

from wayhome.core.common.column_dates import Dates, Order, decide, read
from wayhome.core.common.typed_dates import TypedDateError


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("30 Jun 2024", date(2024, 6, 30)),
        ("June 30, 2024", date(2024, 6, 30)),
        ("2024-06-30", date(2024, 6, 30)),
        ("2024-06-30 00:00:00", date(2024, 6, 30)),  # as a spreadsheet saves a day
        ("06/30/2024", date(2024, 6, 30)),  # only one reading: 30 is no month
        ("30/06/2024", date(2024, 6, 30)),
        ("05/05/2024", date(2024, 5, 5)),  # both readings are the same day
    ],
    ids=["day-month-year", "month-day-year", "iso", "iso-with-time", "us", "day-first", "same"],
)
def test_it_reads_a_date_that_has_one_reading_in_any_order(text, day):
    assert read(text, None) == day
    assert read(text, Order.MONTH_FIRST if text != "30/06/2024" else Order.DAY_FIRST) == day


def test_it_refuses_a_date_that_reads_two_ways_with_both_readings():
    with pytest.raises(TypedDateError, match=r"'03/06/2024' could be 6 Mar 2024 or 3 Jun 2024"):
        read("03/06/2024", None)


def test_a_date_against_the_files_order_is_refused_saying_what_to_write():
    with pytest.raises(TypedDateError, match="if 31 Aug 2025 is meant, write 2025-08-31"):
        read("31/08/2025", Order.MONTH_FIRST)


def test_the_rows_that_read_one_way_decide_and_the_note_says_which():
    rows = [(2, "07/14/2025"), (3, "08/02/2025"), (4, "07/21/2025")]
    decision = decide(rows)
    assert decision.order is Order.MONTH_FIRST
    assert decision.note is not None
    assert "read month first, as 2 rows of this file show (07/14/2025 in row 2" in decision.note
    assert "08/02/2025 in row 3 could be 2 Aug 2025 or 8 Feb 2025" in decision.note


def test_a_file_that_mixes_orders_follows_the_larger_side_and_names_the_rest():
    rows = [(2, "07/14/2025"), (3, "07/21/2025"), (4, "31/08/2025"), (5, "08/02/2025")]
    decision = decide(rows)
    assert decision.order is Order.MONTH_FIRST
    assert "1 row written the other way was refused (row 4: 31/08/2025)" in (decision.note or "")


def test_with_nothing_to_tell_a_stated_default_is_said_else_none_is_taken():
    rows = [(2, "03/06/2024")]
    assert decide(rows).order is None
    assert "Dates that read two ways were refused" in (decide(rows).note or "")
    told = decide(rows, default=Order.MONTH_FIRST, default_why="as ACGME writes them")
    assert told.order is Order.MONTH_FIRST and "as ACGME writes them" in (told.note or "")


def test_a_choice_wins_over_the_rows():
    decision = decide([(2, "30/06/2024")], chosen=Order.MONTH_FIRST)
    assert decision.order is Order.MONTH_FIRST
    assert decision.note == "Dates with slashes were read month first, as you chose."


def test_no_note_when_no_date_needed_an_order():
    assert decide([(2, "2024-06-30"), (3, "06/30/2024")]).note is None


def test_a_column_reads_each_text_once_and_keeps_its_refusal():
    dates = Dates(Order.DAY_FIRST)
    assert dates("03/06/2024") == date(2024, 6, 3)
    for _ in range(2):
        with pytest.raises(TypedDateError, match="not a date when read day first"):
            dates("06/30/2024")


@pytest.mark.parametrize(
    ("text", "order", "day"),
    [
        ("6/30/2024 12:00:00 AM", None, date(2024, 6, 30)),  # a .NET system's download
        ("07/01/2024 1:00 PM", Order.MONTH_FIRST, date(2024, 7, 1)),
        ("07/01/2024 1:00 PM", Order.DAY_FIRST, date(2024, 1, 7)),
        ("30.06.2024 00:00", None, date(2024, 6, 30)),  # a European spreadsheet's
        ("2024-06-30T08:15:00", None, date(2024, 6, 30)),
    ],
)
def test_a_time_after_the_day_leaves_the_day_as_the_order_reads_it(text, order, day):
    assert read(text, order) == day


def test_a_time_does_not_settle_a_day_that_reads_two_ways():
    with pytest.raises(TypedDateError, match=r"could be 1 Jul 2024 or 7 Jan 2024"):
        read("07/01/2024 12:00:00 AM", None)
    rows = [(2, "07/01/2024 12:00:00 AM"), (3, "06/30/2024 12:00:00 AM")]
    note = decide(rows).note or ""
    assert "as 1 row of this file shows (06/30/2024 12:00:00 AM in row 3" in note


@pytest.mark.parametrize("order", [None, Order.MONTH_FIRST, Order.DAY_FIRST])
def test_year_first_with_slashes_reads_one_way_in_any_order(order):
    assert read("2024/06/30", order) == date(2024, 6, 30)
    assert read("2024.7.1", order) == date(2024, 7, 1)  # as Excel in Japan or Korea saves it
    with pytest.raises(TypedDateError, match="'2024/02/30' is not a date: no month or day fits"):
        read("2024/02/30", order)


@pytest.mark.parametrize("text", ["6/30/24", "30.06.24", "06-30-24 0:00"])
def test_a_two_digit_year_is_refused_saying_to_give_four(text):
    with pytest.raises(TypedDateError, match=r"has a two-digit year.*give the column four-digit"):
        read(text, Order.MONTH_FIRST if text.startswith("6") else Order.DAY_FIRST)


def test_a_bare_day_number_is_refused_as_one_saying_to_format_the_column():
    with pytest.raises(TypedDateError, match=r"'45473' is a number, not a date.*format the column"):
        read("45473", None)
