"""Experience counted from the periods themselves: the days of training and work a
rule accepts, at their part-time rate, day by day.

A rule that counts only some work (clinical, not teaching), in one country, or only
while licensed, is met on the day the counted days add up to its length: ten months
of teaching are "10 months of 12", not a year. Days that do not count (a gap, another
kind of work, a third country, an unlicensed stretch) push the completion date by as
many days, the way absence pushes a presence requirement.

What is assumed, and said: a job without an end continues until the return, and
beyond it only when that job is in the target country; nothing else is assumed after
the last recorded period.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Final

from msgspec import Struct

from wayhome.core.common import dates, periods
from wayhome.core.common.dates import ONE_DAY, Span
from wayhome.core.profile.model import Licence, Profile

TRAINING: Final = "training"  # the kind name under which training periods count
MAX_YEARS: Final = 60  # no count runs further than this from its first day


class Stretch(Struct, frozen=True):
    """A period of training or work as counted: first and last day (``None``: open)."""

    kind: str  # "training", or a work kind: clinical, teaching, research, other
    country: str
    start: date
    end: date | None
    fraction: float = 1.0


class Accrual(Struct, frozen=True):
    """How far the counted days go towards the length a rule asks for."""

    first_day: date | None  # the first day that counted
    counted_days: float  # what the recorded (and assumed) periods add up to
    completed_on: date | None  # the day the length is reached; None: not by the record
    assumed: tuple[str, ...]  # what Wayhome assumed to get there, in words

    @property
    def allowed_from(self) -> date | None:
        return self.completed_on + ONE_DAY if self.completed_on else None


def stretches(profile: Profile, target_country: str | None) -> tuple[list[Stretch], list[str]]:
    """Training and work as stretches, with an open job closed at the return unless it
    is in the target country; and what was assumed, in words."""
    back = profile.plan.return_date
    out = [Stretch(TRAINING, t.country, t.start, t.end) for t in profile.training]
    assumed: list[str] = []
    for w in profile.work:
        end = w.end
        if end is None:
            where = w.institution or w.role
            if w.country == target_country:
                assumed.append(f"your work as {where} goes on after you return")
            else:
                end = back - ONE_DAY
                assumed.append(f"your work as {where} goes on until you return")
        out.append(Stretch(w.kind.value, w.country, w.start, end, w.fraction))
    return out, assumed


def _licensed(day: date, country: str, licences: Sequence[Licence]) -> bool:
    return any(
        lic.jurisdiction[:2].upper() == country
        and (lic.issued is None or lic.issued <= day)
        and (lic.expires is None or day <= lic.expires)
        for lic in licences
    )


def accrue(
    periods_: Sequence[Stretch],
    span: Span,
    *,
    counts: Collection[str],
    country: str | None = None,
    licences: Sequence[Licence] | None = None,
    from_day: date | None = None,
    assumed: Sequence[str] = (),
) -> Accrual:
    """Count ``span`` of experience over ``periods_`` from ``from_day`` (the first day
    allowed to count). ``licences``: only days a licence covers count."""
    usable = [
        p
        for p in periods_
        if p.kind in counts
        and (country is None or p.country == country)
        and (from_day is None or p.end is None or p.end >= from_day)
    ]
    if not usable:
        return Accrual(None, 0.0, None, tuple(assumed))
    starts = [max(p.start, from_day) if from_day else p.start for p in usable]
    first = min(starts)
    needed = (periods.period(first, span, periods.Counting.ON).allowed_from - first).days
    horizon = max([*(p.end for p in usable if p.end is not None), *starts])
    open_ended = [p for p in usable if p.end is None]
    if open_ended:
        # Beyond the record only an open job in the target country goes on: far enough
        # for it alone to finish the count, within a working life.
        slowest = min(p.fraction for p in open_ended)
        horizon = max(horizon, *(p.start for p in open_ended)) + timedelta(
            days=int(needed / slowest) + 1
        )
        horizon = min(horizon, dates.add_years(first, MAX_YEARS))
    counted = 0.0
    day = first
    # Day by day: the best rate among the periods covering a day counts (two jobs on
    # one day are still one day).
    while day <= horizon:
        rate = _rate(day, usable, licences)
        if rate:
            counted += rate
            if counted >= needed - 1e-9:
                return Accrual(first, float(needed), day, tuple(assumed))
        day += ONE_DAY
    return Accrual(first, counted, None, tuple(assumed))


def _rate(day: date, usable: Sequence[Stretch], licences: Sequence[Licence] | None) -> float:
    best = 0.0
    for p in usable:
        if p.start <= day and (p.end is None or day <= p.end) and p.fraction > best:
            if licences is not None and not _licensed(day, p.country, licences):
                continue
            best = p.fraction
    return best


def describe(days: float, first: date) -> str:
    """Counted days as a calendar length from ``first``: "10 months and 3 days"."""
    whole = int(days + 1e-9)
    if whole <= 0:
        return "no time"
    return dates.between(first, first + timedelta(days=whole)).describe()
