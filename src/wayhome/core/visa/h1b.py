"""Six years in H-1B status, counted day by day from the first day in status (day 1).

Earlier H-1B periods (``visa_history``) count; time in other statuses does not. Every
day of a stay outside the US while in H-1B status is recaptured: stays are recorded in
whole days, so any stay abroad counts, however short (USCIS asks for absences of 24
hours or more, with proof). Days the stays log does not cover count as days in the US.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.dates import ONE_DAY, Span
from wayhome.core.common.periods import counting_for, period
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import Profile, Visa, VisaType
from wayhome.core.visa.clocks import (
    Clock,
    ClockStatus,
    DaysAdded,
    added_in_words,
    limit_status,
    us_version,
)
from wayhome.core.visa.stays import US, Whereabouts

if TYPE_CHECKING:
    from wayhome.core.rules.pack import Pack

MAX_YEARS = 30  # no count runs further


class Count(Struct, frozen=True):
    first: date
    allowed: int  # days in the limit, counted from ``first``
    last_day: date
    recaptured: int
    assumed: str  # what was taken after the record, in words
    recaptured_by: tuple[DaysAdded, ...] = ()  # by country and year


def count(profile: Profile, held: list[Visa], years: int) -> Count:
    """Count the limit over ``held``; past the last recorded day in status, the physician is
    taken to stay in H-1B status in the US (said in ``assumed``).

    Day by day from the first day in status, to at most ``MAX_YEARS`` on: a day in status
    counts unless the stays log puts it outside the US (then it is recaptured). Computed
    over spans of days (the days in status, the stays abroad), not day by day (#28,
    start-up); tests/core/test_clocks.py keeps the day-by-day walk and compares."""
    first = held[0].start
    limit = period(first, Span(years=years), counting_for("h1b-max", "first_day_in_status"))
    allowed = (limit.allowed_from - first).days
    where = Whereabouts.of(profile.stays, profile.plan.return_date)
    last_recorded = None if any(v.end is None for v in held) else max(v.end for v in held if v.end)
    horizon = dates.add_years(first, MAX_YEARS)
    counted = 0
    by: dict[tuple[str, int], int] = {}  # days abroad by country and year, as first met
    day = horizon + ONE_DAY  # where the count stops if it never reaches ``allowed``
    for start, end, abroad in _in_status(held, last_recorded, first, horizon, where):
        if abroad is not None:
            _add_by_year(by, abroad, start, end)
            continue
        days = (end - start).days + 1
        if 0 < allowed - counted <= days:
            day = start + timedelta(days=allowed - counted - 1)
            break
        counted += days
    words = assumed(first, day, last_recorded, where)
    recaptured_by = tuple(DaysAdded(c, y, n) for (c, y), n in by.items())
    return Count(first, allowed, day, sum(by.values()), words, recaptured_by)


def assumed(first: date, day: date, last_recorded: date | None, where: Whereabouts) -> str:
    """What a count from ``first`` to ``day`` takes for granted, in words: the flight back
    of a last trip, and H-1B status in the US after its recorded end."""
    words = (
        f" After your H-1B's recorded end ({dates.fmt(last_recorded)}) Wayhome counts as if "
        "you stayed in H-1B status in the US."
        if last_recorded is not None and day > last_recorded
        else ""
    )
    if where.back_in_us is not None and first <= where.back_in_us <= day:
        words = where.trip_words() + words
    return words


Days = tuple[date, date]  # first and last day, inclusive


def _in_status(
    held: list[Visa], last_recorded: date | None, first: date, horizon: date, where: Whereabouts
) -> Iterator[tuple[date, date, str | None]]:
    """The days from ``first`` to ``horizon`` in H-1B status (a held period, or past
    ``last_recorded``), in order, as spans: each with the country it was spent in when
    the log puts it outside the US, else None (a day in the US or not recorded)."""
    spans = [(max(v.start, first), min(v.end or horizon, horizon)) for v in held]
    if last_recorded is not None:
        spans.append((max(last_recorded + ONE_DAY, first), horizon))
    abroad = [(a, b, c) for a, b, c in _recorded(where) if c != US]
    for start, end in _merged([s for s in spans if s[0] <= s[1]]):
        at = start
        for a, b, country in abroad:
            if b < at or a > end:
                continue
            if a > at:
                yield at, a - ONE_DAY, None
            last = min(b, end)
            yield max(a, at), last, country
            at = last + ONE_DAY
        if at <= end:
            yield at, end, None


def _recorded(where: Whereabouts) -> list[tuple[date, date, str]]:
    """The log's days as disjoint spans in order, each day given to the first stay that
    covers it (as :meth:`Whereabouts.recorded_on` gives it)."""
    taken: list[tuple[date, date, str]] = []
    for s in where.spans:
        pieces: list[Days] = [(s.start, s.end)]
        for a, b, _ in taken:
            pieces = [p for x, y in pieces for p in _less(x, y, a, b)]
        taken += [(x, y, s.country) for x, y in pieces]
    return sorted(taken)


def _less(x: date, y: date, a: date, b: date) -> list[Days]:
    """The days from ``x`` to ``y`` outside ``a`` to ``b``."""
    if b < x or a > y:
        return [(x, y)]
    return ([(x, a - ONE_DAY)] if x < a else []) + ([(b + ONE_DAY, y)] if y > b else [])


def _merged(spans: list[Days]) -> list[Days]:
    """Spans of days joined where they overlap or touch, in order."""
    out: list[Days] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + ONE_DAY:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _add_by_year(by: dict[tuple[str, int], int], country: str, start: date, end: date) -> None:
    """Add the days from ``start`` to ``end`` to ``by``, year by year."""
    while start <= end:
        last = min(end, date(start.year, 12, 31))
        key = (country, start.year)
        by[key] = by.get(key, 0) + (last - start).days + 1
        start = last + ONE_DAY


def clocks(profile: Profile, packs: list[Pack], on: date) -> list[Clock]:
    held = ProfileFacts.of(profile).visa_periods(VisaType.H1B)
    version = us_version(packs, "us-h1b-six-years")
    if not held or version is None:
        return []
    return [six_years(profile, held, version, on)]


def arithmetic(c: Count, held: list[Visa], years: int) -> str:
    """The count in words, without the verdict on a plan (the rule's finding adds its own)."""
    added = added_in_words(c.recaptured_by)
    trips, proof = (
        (
            f", plus {added} recaptured",
            " Every day of a recorded stay outside the US counts, however short: keep "
            "proof of each trip (passport stamps, I-94, tickets).",
        )
        if added
        else ("", "")
    )
    text = (
        f"{years} years in H-1B status counted from your first day in it, "
        f"{dates.fmt(c.first)} (day 1): {c.allowed:,} days{trips}. The last day is "
        f"{dates.fmt(c.last_day)}.{proof}{c.assumed}"
    )
    if len(held) > 1:
        text += (
            f" It counts each of your {len(held)} H-1B periods; time in other statuses "
            "between them does not."
        )
    return text


def six_years(profile: Profile, held: list[Visa], version: Any, on: date) -> Clock:
    if ProfileFacts.of(profile).status_now(VisaType.H1B) is None:
        return _left(profile.visa, held, version.years)
    back = profile.plan.return_date
    c = count(profile, held, version.years)
    in_h1b_at_return = any(v.start <= back and (v.end is None or v.end >= back) for v in held)
    left_by = None if in_h1b_at_return else max((v.end for v in held if v.end), default=None)
    status = limit_status(c.last_day, back, on, left_by)
    text = arithmetic(c, held, version.years)
    if status is ClockStatus.CONFLICT:
        text += f" You plan to return on {dates.fmt(back)}, after it."
    return Clock(
        "h1b-max",
        f"H-1B: at most {version.years} years",
        status,
        text,
        last_day=c.last_day,
        days_added=c.recaptured,
        days_added_by=c.recaptured_by,
        basis=f"your first day in H-1B status, {dates.fmt(c.first)}",
    )


def last_day_if_continuing(profile: Profile, start: date, years: int) -> date:
    """The H-1B limit's last day if H-1B status runs on from ``start`` (a Conrad 30 job)."""
    held = ProfileFacts.of(profile).visa_periods(VisaType.H1B)
    covered = any(v.start <= start and (v.end is None or v.end >= start) for v in held)
    if not covered:
        held = sorted([*held, Visa(type=VisaType.H1B, start=start)], key=lambda v: v.start)
    return count(profile, held, years).last_day


def _left(now: Visa | None, held: list[Visa], years: int) -> Clock:
    """H-1B time in the past only: the limit binds no more (the rule says the same:
    kinds/status_limits.py). Time past six years then is not judged: extensions
    (AC21, with a green-card petition) allow it, and Wayhome cannot see them."""
    last = max((v.end for v in held if v.end), default=None)
    since = (
        f" You are in {now.type.value} status since {dates.fmt(now.start)}."
        if now is not None
        else ""
    )
    spans = "; ".join(
        f"{dates.fmt(v.start)} to {dates.fmt(v.end) if v.end else 'an end not recorded'}"
        for v in held
    )
    return Clock(
        "h1b-max",
        f"H-1B: at most {years} years",
        ClockStatus.ENDED,
        f"You are not in H-1B status now, so the {years}-year limit does not bind your "
        f"plan.{since} Your H-1B time: {spans}.",
        last_day=last,
        basis="your H-1B periods, all in the past",
    )
