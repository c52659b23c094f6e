"""A column of dates from someone else's file (a case-log download): all-numeric dates
read in the file's own order, never a silent guess.

Every form :func:`wayhome.core.common.typed_dates.parse_date` takes is read by it
(``2024-06-30``, ``30 Jun 2024``, ``June 30, 2024``), and ``2024/06/30`` (year first
reads one way only); a time after a day (``2024-06-30 00:00:00``, as spreadsheets save
it, ``6/30/2024 12:00:00 AM``) is dropped. What it refuses as ambiguous, ``06/30/2024``
and ``03/06/2024``, a file can settle: a row that reads only one way (30 cannot be a
month) shows the order the file writes. :func:`decide` takes
the order the person chose, else the one the rows show (the larger side, when a file
mixes them), else a default the caller states (ACGME downloads are month first), else
none: then a date that reads both ways is refused with both readings. Each decision
carries a note that says how the dates were read and why, shown with the import. A
two-digit year (``6/30/24``) is refused, never given a century.

Public: :class:`Order`, :class:`Decision`, :func:`decide`, :func:`read`, :class:`Dates`.
Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Final

from msgspec import Struct

from wayhome.core.common.dates import days_in_month, fmt
from wayhome.core.common.typed_dates import FIRST_YEAR, LAST_YEAR, TypedDateError, parse_date

# A time of day after the date, as spreadsheets and .NET systems write one ("6/30/2024
# 12:00:00 AM", "30.06.2024 00:00"): it does not change the day.
_TIME: Final = r"(?:[ T]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
_NUMERIC: Final = re.compile(rf"^(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\2\s*(\d{{4}}){_TIME}$")
_ISO_TIME: Final = re.compile(rf"^(\d{{4}}-\d{{1,2}}-\d{{1,2}}){_TIME}$")
_SHORT_YEAR: Final = re.compile(rf"^\d{{1,2}}\s*([/.-])\s*\d{{1,2}}\s*\1\s*\d{{2}}{_TIME}$")
# Year first with slashes or dots (2024/06/30, as Japan, China and Korea write it): month
# then day, whatever the column's order.
_YEAR_FIRST: Final = re.compile(rf"^(\d{{4}})\s*([/.])\s*(\d{{1,2}})\s*\2\s*(\d{{1,2}}){_TIME}$")
HOW_TO_CHOOSE: Final = (
    "say which comes first on the column step (Check the columns first), or in a "
    "mapping file (dates: month-first or dates: day-first)"
)


class Order(StrEnum):
    """Which number comes first in an all-numeric date."""

    MONTH_FIRST = "month-first"  # 06/30/2024: the US way
    DAY_FIRST = "day-first"  # 30/06/2024: most of the world

    @property
    def words(self) -> str:
        return "month first" if self is Order.MONTH_FIRST else "day first"


class Decision(Struct, frozen=True):
    """The order all-numeric dates are read in (none: each that reads both ways is
    refused), and what to tell the person about it (none when nothing needed telling)."""

    order: Order | None
    note: str | None = None


def _readings(text: str) -> tuple[date | None, date | None] | None:
    """(month-first, day-first) for an all-numeric date, each None when no such day;
    None for any other text."""
    m = _NUMERIC.match(text.strip())
    if m is None:
        return None
    a, b, year = int(m[1]), int(m[3]), int(m[4])

    def day(month: int, d: int) -> date | None:
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            return None
        return date(year, month, d) if 1 <= d <= days_in_month(year, month) else None

    return day(a, b), day(b, a)


def decide(
    values: Iterable[tuple[int, str]],
    chosen: Order | None = None,
    default: Order | None = None,
    default_why: str = "",
) -> Decision:
    """The order to read the column ``values`` ((row, text) pairs) in: ``chosen``, else
    what the rows show, else ``default`` (for the reason ``default_why``), else none."""
    count: dict[str, int] = {}  # how many rows read only month first, only day first, both
    first: dict[str, tuple[int, str]] = {}  # the first row of each
    known: dict[str, str] = {}  # days repeat: each text classified once
    for row, text in values:
        what = known.get(text)
        if what is None:
            what = known[text] = _classify(text)
        if what:
            count[what] = count.get(what, 0) + 1
            first.setdefault(what, (row, text.strip()))
    either = first.get("either")
    shown = {
        order: (count.get(order.value, 0), first.get(order.value))
        for order in (Order.MONTH_FIRST, Order.DAY_FIRST)
    }
    if chosen is not None:
        return Decision(chosen, f"Dates with slashes were read {chosen.words}, as you chose.")
    if either is None:
        return Decision(None)  # nothing to settle: every date reads one way at most
    example = f"{either[1]} in row {either[0]} could be {_both(either[1])}"
    (mf, _), (df, _) = shown[Order.MONTH_FIRST], shown[Order.DAY_FIRST]
    if mf != df:
        order = Order.MONTH_FIRST if mf > df else Order.DAY_FIRST
        other_order = Order.DAY_FIRST if order is Order.MONTH_FIRST else Order.MONTH_FIRST
        (n, example_row), (others, other_row) = shown[order], shown[other_order]
        assert example_row is not None
        row, text = example_row
        rows = f"{n:,} rows of this file show" if n != 1 else "1 row of this file shows"
        note = (
            f"Dates with slashes were read {order.words}, as {rows} "
            f"({text} in row {row} reads only that way); {example}."
        )
        if other_row is not None:
            were = (
                "rows written the other way were"
                if others != 1
                else "row written the other way was"
            )
            note += f" {others:,} {were} refused (row {other_row[0]}: {other_row[1]})."
        return Decision(order, note + f" If that is wrong, {HOW_TO_CHOOSE}.")
    if default is not None:
        return Decision(
            default,
            f"Dates with slashes were read {default.words}, {default_why}: no row of this "
            f"file shows the order ({example}). If that is wrong, {HOW_TO_CHOOSE}.",
        )
    return Decision(
        None,
        f"Dates that read two ways were refused: no row of this file shows whether the "
        f"month or the day comes first ({example}); {HOW_TO_CHOOSE}.",
    )


def _classify(text: str) -> str:
    """ "month-first" or "day-first" for a date that reads only that way, "either" for one
    that reads both ways, "" for any other text (one day, or none)."""
    readings = _readings(text)
    if readings is None:
        return ""
    month_first, day_first = readings
    if month_first and day_first:
        return "either" if month_first != day_first else ""
    if month_first:
        return Order.MONTH_FIRST.value
    return Order.DAY_FIRST.value if day_first else ""


def _both(text: str) -> str:
    readings = _readings(text)
    assert readings is not None and readings[0] and readings[1]
    return f"{fmt(readings[0])} or {fmt(readings[1])}"


def read(text: str, order: Order | None) -> date:
    """The day ``text`` names, all-numeric forms in ``order``; TypedDateError says why not."""
    typed = " ".join(str(text).split())
    readings = _readings(typed)
    if readings is None:
        if year_first := _YEAR_FIRST.match(typed):
            year, month, day = int(year_first[1]), int(year_first[3]), int(year_first[4])
            known = FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12
            if known and 1 <= day <= days_in_month(year, month):
                return date(year, month, day)
            raise TypedDateError(f"'{typed}' is not a date: no month or day fits those numbers.")
        if _SHORT_YEAR.match(typed):
            raise TypedDateError(
                f"'{typed}' has a two-digit year, and Wayhome does not guess its century: "
                f"in your spreadsheet, give the column four-digit years (or write "
                f"{fmt(date(2024, 6, 30))}), save it and import it again."
            )
        if typed.isdigit() and len(typed) == 5:
            raise TypedDateError(
                f"'{typed}' is a number, not a date (a spreadsheet's day number, when a "
                f"column loses its date format): format the column as dates in your "
                f"spreadsheet, save it and import it again."
            )
        timed = _ISO_TIME.match(typed)
        return parse_date(timed[1] if timed else typed)
    month_first, day_first = readings
    if month_first and day_first and month_first == day_first:
        return month_first
    wanted = {Order.MONTH_FIRST: month_first, Order.DAY_FIRST: day_first}
    if order is not None:
        if wanted[order] is not None:
            return wanted[order]  # type: ignore[return-value]
        other = day_first if order is Order.MONTH_FIRST else month_first
        hint = (
            f"if {fmt(other)} is meant, write {other.isoformat()}"
            if other
            else f"write it as {fmt(date(2024, 6, 30))} or 2024-06-30"
        )
        raise TypedDateError(
            f"'{typed}' is not a date when read {order.words}, as this file's dates are: {hint}."
        )
    if month_first and day_first:
        raise TypedDateError(
            f"'{typed}' could be {fmt(month_first)} or {fmt(day_first)}: {HOW_TO_CHOOSE}."
        )
    if month_first or day_first:
        return month_first or day_first  # type: ignore[return-value]
    raise TypedDateError(f"'{typed}' is not a date: no month or day fits those numbers.")


class Dates:
    """A column's dates read in one order, each distinct text parsed once (a case log
    repeats its days thousands of times)."""

    def __init__(self, order: Order | None) -> None:
        self.order = order
        self._seen: dict[str, date | TypedDateError] = {}

    def __call__(self, text: str) -> date:
        found = self._seen.get(text)
        if found is None:
            try:
                found = read(text, self.order)
            except TypedDateError as e:
                found = e
            self._seen[text] = found
        if isinstance(found, TypedDateError):
            raise found
        return found
