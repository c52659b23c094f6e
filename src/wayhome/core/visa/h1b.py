"""Six years in H-1B status, counted day by day from the first day in status (day 1).

Earlier H-1B periods (``visa_history``) count; time in other statuses does not. Every
day of a stay outside the US while in H-1B status is recaptured: stays are recorded in
whole days, so any stay abroad counts, however short (USCIS asks for absences of 24
hours or more, with proof). Days the stays log does not cover count as days in the US.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

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
    tally,
    us_version,
)
from wayhome.core.visa.stays import Whereabouts

if TYPE_CHECKING:
    from wayhome.core.rules.pack import Pack

MAX_YEARS = 30  # no count runs further


@dataclass(frozen=True)
class Count:
    first: date
    allowed: int  # days in the limit, counted from ``first``
    last_day: date
    recaptured: int
    assumed: str  # what was taken after the record, in words
    recaptured_by: tuple[DaysAdded, ...] = ()  # by country and year


def count(profile: Profile, held: list[Visa], years: int) -> Count:
    """Count the limit over ``held``; past the last recorded day in status, the physician is
    taken to stay in H-1B status in the US (said in ``assumed``)."""
    first = held[0].start
    limit = period(first, Span(years=years), counting_for("h1b-max", "first_day_in_status"))
    allowed = (limit.allowed_from - first).days
    where = Whereabouts.of(profile.stays, profile.plan.return_date)
    last_recorded = None if any(v.end is None for v in held) else max(v.end for v in held if v.end)
    counted = 0
    abroad: list[tuple[str | None, date]] = []
    day = first
    horizon = dates.add_years(first, MAX_YEARS)
    while day <= horizon:
        in_status = any(v.start <= day and (v.end is None or day <= v.end) for v in held) or (
            last_recorded is not None and day > last_recorded
        )
        if in_status:
            # A day the log does not cover counts as a day in the US.
            country = where.recorded_on(day)
            if country not in (None, "US"):
                abroad.append((country, day))
            else:
                counted += 1
                if counted == allowed:
                    break
        day += ONE_DAY
    assumed = (
        f" After your H-1B's recorded end ({dates.fmt(last_recorded)}) Wayhome counts as if "
        "you stayed in H-1B status in the US."
        if last_recorded is not None and day > last_recorded
        else ""
    )
    if where.back_in_us is not None and first <= where.back_in_us <= day:
        assumed = where.trip_words() + assumed
    return Count(first, allowed, day, len(abroad), assumed, tally(abroad))


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
