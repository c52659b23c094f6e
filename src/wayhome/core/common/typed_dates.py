"""Dates as a person types them: the one parser behind every date a form takes.

Accepted everywhere a day is meant:

- ``2024-06-30`` (year first, so never ambiguous);
- ``30 Jun 2024``, ``30 June 2024``, ``30-Jun-2024``, ``June 30, 2024`` (English month
  names or their short forms, in any case).

Refused, with what to write instead: every all-numeric form with slashes or dots
(``03/06/2024`` is 3 June in most of the world and 6 March in the US, and a
physician's papers come from both), two-digit years, and days a month does not
have (29 Feb 2023, 31 Apr 2024). A month alone (``2024-06``, ``Jun 2024``) is
accepted only where a month is meant (an exam sitting): :func:`parse_month`.

Every refusal is a :class:`TypedDateError` whose message has one shape:
``'<what was typed>' is not a date[: why]. Write it as <a day> or <ISO>.``

A day on the wrong side of today for what it is (a planned return in the past, a
graduation in the future) is not refused but questioned: :func:`tense_warning` says
which side and why, and a form lets the person confirm it.
Pure: no I/O, no Django; the web app's form fields are built on it.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Final

from msgspec import Struct

from wayhome.core.common.dates import days_in_month, fmt, fmt_month, iso_month

FIRST_YEAR: Final = 1900  # before: a typo, not a date in a physician's career
LAST_YEAR: Final = 2199
EXAMPLE: Final = date(2024, 6, 30)

_MONTH_NAMES: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# "jun", "june" and "sept" all name a month; nothing shorter than three letters does.
MONTHS: Final[dict[str, int]] = {
    **{name: i for i, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}

_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,4})\s*([/.])\s*(\d{1,2})\s*[/.]\s*(\d{1,4})$")
_SHORT_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.]\s*(\d{1,4})$")
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_WORD = r"([a-z]+)\.?"
_DAY_MONTH_YEAR = re.compile(rf"^{_ORDINAL}(?:\s+|\s*-\s*){_WORD}(?:,?\s+|\s*-\s*)(\d+)$")
_MONTH_DAY_YEAR = re.compile(rf"^{_WORD}\s+{_ORDINAL},?\s+(\d+)$")
_MONTH_YEAR = re.compile(rf"^{_WORD}(?:,?\s+|\s*-\s*)(\d+)$")
_DAY_MONTH = re.compile(rf"^{_ORDINAL}(?:\s+|\s*-\s*){_WORD}$")


class TypedDateError(ValueError):
    """What was typed is not a date Wayhome takes; the message says what to write."""


class Tense(StrEnum):
    """Which side of today a day is expected on."""

    PAST = "past"  # it has happened: a graduation, an exam attempt with its result
    FUTURE = "future"  # it is still to come: a planned return, a planned exam


class Month(Struct, frozen=True, order=True):
    """A calendar month, where a month is meant (an exam sitting)."""

    year: int
    month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def __str__(self) -> str:
        """The month as profiles and packs store it: ``2024-06``."""
        return iso_month(self.first_day)


def parse_date(text: str) -> date:
    """The day ``text`` names; :class:`TypedDateError` says why not and what to write."""
    typed = " ".join(text.split())
    low = typed.lower()
    if not low:
        raise _error(typed, "nothing was typed")
    if m := _ISO_DAY.match(low):
        return _day(typed, int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH_YEAR.match(low):
        return _day(typed, _year(typed, m[3]), _month(typed, m[2]), int(m[1]))
    if m := _MONTH_DAY_YEAR.match(low):
        return _day(typed, _year(typed, m[3]), _month(typed, m[1]), int(m[2]))
    if m := _NUMERIC.match(low):
        raise _ambiguous(typed, m)
    if _DAY_MONTH.match(low) or ((m := _MONTH_YEAR.match(low)) and len(m[2]) < 3):
        raise _error(typed, "give the year too")
    if _ISO_MONTH.match(low) or _MONTH_YEAR.match(low) or _SHORT_NUMERIC.match(low):
        raise _error(typed, "give the day too")
    raise _error(typed)


def parse_month(text: str) -> Month:
    """The month ``text`` names (``2024-06``, ``Jun 2024``, ``June 2024``)."""
    typed = " ".join(text.split())
    low = typed.lower()
    if not low:
        raise _month_error(typed, "nothing was typed")
    if m := _ISO_MONTH.match(low):
        return _checked_month(typed, int(m[1]), int(m[2]))
    if m := _MONTH_YEAR.match(low):
        return _checked_month(typed, _year(typed, m[2], month=True), _month(typed, m[1]))
    if _SHORT_NUMERIC.match(low):
        raise _month_error(typed, "numbers with a slash or a dot are read differently")
    if _ISO_DAY.match(low) or _DAY_MONTH_YEAR.match(low) or _MONTH_DAY_YEAR.match(low):
        raise _month_error(typed, "give just the month, without the day")
    raise _month_error(typed)


def tense_warning(day: date, expected: Tense, today: date, what: str) -> str | None:
    """Why ``day`` looks wrong for ``what`` ("your planned return", "the graduation"):
    in the past where one still to come is expected, or in the future where one that
    has happened is; None when it is on the expected side (today fits both)."""
    if expected is Tense.FUTURE and day < today:
        return (
            f"{fmt(day)} is in the past, but {what} is still to come: check the year, "
            "or confirm the date if it is right."
        )
    if expected is Tense.PAST and day > today:
        return (
            f"{fmt(day)} is in the future, but {what} has already happened: check the year, "
            "or confirm the date if it is right."
        )
    return None


# --------------------------------------------------------------------------- helpers


def _error(typed: str, why: str = "", hint: date = EXAMPLE) -> TypedDateError:
    reason = f": {why}" if why else ""
    return TypedDateError(
        f"'{typed}' is not a date{reason}. Write it as {fmt(hint)} or {hint.isoformat()}."
    )


def _month_error(typed: str, why: str = "", hint: date = EXAMPLE) -> TypedDateError:
    reason = f": {why}" if why else ""
    return TypedDateError(
        f"'{typed}' is not a month{reason}. Write it as {fmt_month(hint)} or {iso_month(hint)}."
    )


def _year(typed: str, digits: str, *, month: bool = False) -> int:
    if len(digits) != 4:
        why = "write the year in full, with four digits"
        raise _month_error(typed, why) if month else _error(typed, why)
    return int(digits)


def _month(typed: str, word: str) -> int:
    number = MONTHS.get(word)
    if number is None:
        raise _error(typed, f"'{word}' is not a month's name in English (Jan to Dec)")
    return number


def _checked_month(typed: str, year: int, month: int) -> Month:
    if not 1 <= month <= 12:
        raise _month_error(typed, f"there is no month {month}")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _month_error(typed, f"{year} is too far from today to be meant")
    return Month(year, month)


def _day(typed: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise _error(typed, f"there is no month {month}")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _error(typed, f"{year} is too far from today to be meant")
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        name = _MONTH_NAMES[month - 1].capitalize()
        leap = ""
        if month == 2 and day == 29:
            leap = f" ({year} is not a leap year)"
        raise TypedDateError(f"'{typed}' is not a date: {name} {year} has {last} days{leap}.")
    return date(year, month, day)


def _ambiguous(typed: str, m: re.Match[str]) -> TypedDateError:
    """All-numeric with slashes or dots: refused, with the readings it could have."""
    a, b, c = m[1], m[3], m[4]
    why = "numbers with slashes or dots are read day-first in some countries, month-first in others"
    if len(a) == 4:  # 2024/06/30: year first, still refused, so one rule fits all
        readings = _readings(int(a), [(int(b), int(c))])
    elif len(c) == 4:
        readings = _readings(int(c), [(int(b), int(a)), (int(a), int(b))])
    else:
        return _error(typed, why)
    if len(readings) == 2:
        first, second = readings
        return _error(typed, f"it could be {fmt(first)} or {fmt(second)}", first)
    if len(readings) == 1:
        return _error(typed, why, readings[0])
    return _error(typed, why)


def _readings(year: int, month_day: list[tuple[int, int]]) -> list[date]:
    """The days (month, day) can name in ``year``, in order, without repeats."""
    out: list[date] = []
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return out
    for month, day in month_day:
        valid = 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)
        if valid and date(year, month, day) not in out:
            out.append(date(year, month, day))
    return out
