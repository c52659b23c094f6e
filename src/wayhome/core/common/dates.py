"""Calendar arithmetic with the conventions every rule relies on.

Periods (windows, experience, validity) follow the one convention of
:mod:`wayhome.core.common.periods`, built on :func:`add_span`. The others are
conservative where a source could be read two ways, and each has a one-line
statement (``*_CONVENTION``) that explanations quote:

- "under age N" ends the day before the Nth birthday; "at most age N" ends the
  day before the (N+1)th birthday;
- a date that does not exist in the target month (29 February in a common
  year, 31 April) becomes the last day of that month.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Final

from msgspec import Struct

from wayhome.core.common.data import in_a_list

ONE_DAY: Final = timedelta(days=1)

UNDER_AGE_CONVENTION: Final = "'under age N' ends the day before the Nth birthday"
AT_MOST_AGE_CONVENTION: Final = "'age N or younger' ends the day before the (N+1)th birthday"
LEAP_DAY_CONVENTION: Final = "29 February counts as 28 February in years without it"

_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
# A date as :func:`fmt` and :func:`fmt_month` write it, in a sentence ("30 Jun 2024",
# "Jun 2024", or "1 Jul" without its year): what the shells keep on one line.
WRITTEN: Final = re.compile(
    rf"\b\d{{1,2}} (?:{'|'.join(_MONTHS)})(?: \d{{4}})?\b|\b(?:{'|'.join(_MONTHS)}) \d{{4}}\b"
)


class Span(Struct, frozen=True):
    """A calendar length: years, months and days, applied in that order."""

    years: int = 0
    months: int = 0
    days: int = 0

    def describe(self) -> str:
        parts = [
            _plural(self.years, "year"),
            _plural(self.months, "month"),
            _plural(self.days, "day"),
        ]
        return in_a_list([p for p in parts if p]) or "0 days"


def _plural(n: int, unit: str) -> str:
    if n == 0:
        return ""
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, clamped to the end of a shorter month."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, days_in_month(year, month)))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def add_span(d: date, span: Span) -> date:
    return add_months(d, 12 * span.years + span.months) + timedelta(days=span.days)


def subtract_span(d: date, span: Span) -> date:
    return add_months(d, -(12 * span.years + span.months)) - timedelta(days=span.days)


def birthday(born: date, age: int) -> date:
    return add_years(born, age)


def last_day_under_age(born: date, age: int) -> date:
    return birthday(born, age) - ONE_DAY


def last_day_at_most_age(born: date, age: int) -> date:
    return birthday(born, age + 1) - ONE_DAY


def age_on(born: date, on: date) -> int:
    """Completed years of age on ``on`` (birthdays follow the leap-day convention)."""
    years = on.year - born.year
    if birthday(born, years) > on:
        years -= 1
    return years


def between(start: date, end: date) -> Span:
    """The span from ``start`` to ``end`` (``start <= end``), largest units first.

    ``add_span(start, between(start, end)) == end`` always holds.
    """
    if end < start:
        raise ValueError(f"between() needs start <= end, got {start} > {end}")
    months = (end.year - start.year) * 12 + (end.month - start.month)
    while months > 0 and add_months(start, months) > end:
        months -= 1
    days = (end - add_months(start, months)).days
    return Span(years=months // 12, months=months % 12, days=days)


def month_start(d: date) -> date:
    return d.replace(day=1)


def month_end(d: date) -> date:
    return d.replace(day=days_in_month(d.year, d.month))


def fmt(d: date) -> str:
    """A date as a physician reads it: '1 Jul 2025'."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def fmt_month(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year}"


def iso_month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"
