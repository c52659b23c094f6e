"""The US visa clocks, computed once for every page: the J-1's seven years, its grace
period and board-exam extension, two years at home after a J-1 (INA 212(e)), the
Conrad 30 obligation, six years of H-1B, and drifting many years past training.

Every limit comes from the US pack with its source; every count follows the period
convention (:mod:`wayhome.core.common.periods`); where the physician was comes from
the stays log (:mod:`wayhome.core.visa.stays`). `wayhome assess`, `wayhome visa`, the
dashboard, the planner and the scenarios all read these clocks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.data import in_a_list, iso
from wayhome.core.visa.stays import place

if TYPE_CHECKING:  # the rules import this package: a pack is only read here
    from wayhome.core.profile.model import Profile
    from wayhome.core.rules.pack import Pack

# The guide's last category: a return 8 or more years after training ends.
DRIFT_YEARS: Final = 8
TIGHT_DAYS: Final = 365


class ClockStatus(StrEnum):
    RUNNING = "running"  # counting now
    GRACE = "grace"  # in the J-1's grace period (or its board-exam extension)
    MET = "met"  # a requirement satisfied
    ENDED = "ended"  # a limit whose time is over, and the plan respects it
    WAIVED = "waived"
    UNKNOWN = "unknown"  # the profile lacks what the clock needs
    CONFLICT = "conflict"  # the plan breaks it
    TIGHT = "tight"  # the plan keeps it, with under a year to spare (or a warning)


# A clock whose time is over or does not bind: history, not a date to plan for.
SETTLED: Final = frozenset({ClockStatus.WAIVED, ClockStatus.ENDED, ClockStatus.MET})


class DaysAdded(Struct, frozen=True):
    """Days that pushed a clock, spent in one place in one calendar year."""

    country: str | None  # None: days the stays log does not cover
    year: int
    days: int

    def to_json(self) -> dict[str, Any]:
        return {"country": self.country, "year": self.year, "days": self.days}


def tally(days: Iterable[tuple[str | None, date]]) -> tuple[DaysAdded, ...]:
    """Days grouped by country and calendar year, in the order first met (a stay over
    New Year counts in both years)."""
    counts: dict[tuple[str | None, int], int] = {}
    for country, day in days:
        counts[country, day.year] = counts.get((country, day.year), 0) + 1
    return tuple(DaysAdded(c, y, n) for (c, y), n in counts.items())


def added_in_words(by: tuple[DaysAdded, ...]) -> str:
    """Days added in words, as every clock says them: "60 days in the US in 2027", or
    with several places or years the total and each part ("35 days (12 days in the US
    in 2026, 9 days in the US in 2027 and 14 days in Germany in 2027)"), days the stays
    log does not cover last ("counted as not at home": only the two years at home count
    them as added). Empty when nothing was added."""
    parts = [f"{days_words(d.days)} in {place(d.country)} in {d.year}" for d in by if d.country]
    unknown = sum(d.days for d in by if d.country is None)
    if unknown:
        parts.append(f"{days_words(unknown)} your stays log does not cover, counted as not at home")
    if len(parts) <= 1:
        return "".join(parts)
    return f"{days_words(sum(d.days for d in by))} ({in_a_list(parts)})"


def days_words(n: int) -> str:
    """A number of days in words: "1 day", "1,461 days"."""
    return f"{n:,} day{'s' if n != 1 else ''}"


class Clock(Struct, frozen=True):
    id: str
    title: str
    status: ClockStatus
    explanation: str
    last_day: date | None = None  # the last day allowed (a limit) or served (a requirement)
    met_on: date | None = None  # the day a requirement is satisfied; None for limits
    days_added: int = 0  # days that pushed it (time away, recaptured trips)
    unknown_days: int = 0  # days the stays log does not cover, counted as not at home
    basis: str = ""  # what it counted from, in words
    days_added_by: tuple[DaysAdded, ...] = ()  # days_added by country and year
    first_day: date | None = None  # a requirement's day 1 (the two years at home)

    @property
    def date(self) -> date | None:
        """The date that matters: the last day for a limit, the day met for a requirement."""
        return self.met_on if self.met_on is not None else self.last_day

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status.value,
            "date": iso(self.date),
            "explanation": self.explanation,
            "last_day": iso(self.last_day),
            "met_on": iso(self.met_on),
            "days_added": self.days_added,
            "unknown_days": self.unknown_days,
            "days_added_by": [d.to_json() for d in self.days_added_by],
            "basis": self.basis,
            "first_day": iso(self.first_day),
        }


def us_version(packs: list[Pack], rule_id: str) -> Any:
    """The US pack's current version of a rule (None without the pack or the rule)."""
    us = next((p for p in packs if p.code == "US"), None)
    rule = us.rule(rule_id) if us else None
    return rule.versions[-1] if rule else None


def limit_status(last_day: date, return_date: date, on: date, left_by: date | None) -> ClockStatus:
    """A limit's status: broken by the plan, or as it stands on ``on``. ``left_by``: the
    day the physician leaves the status (None: still in it at the return)."""
    leaves = left_by or return_date
    if leaves > last_day:
        return ClockStatus.CONFLICT
    if (last_day - leaves).days < TIGHT_DAYS and on <= last_day:
        return ClockStatus.TIGHT
    return ClockStatus.ENDED if on > min(last_day, leaves) else ClockStatus.RUNNING


def clocks(profile: Profile, packs: list[Pack], on: date) -> list[Clock]:
    """Every clock that concerns the profile, in a fixed order."""
    from wayhome.core.visa import h1b, j1

    out: list[Clock] = []
    out += j1.clocks(profile, packs, on)
    out += h1b.clocks(profile, packs, on)
    drift = _drift(profile)
    if drift:
        out.append(drift)
    return out


def _drift(profile: Profile) -> Clock | None:
    from wayhome.core.planner import early  # the one convention on training's last day

    ended = early.training_ends(profile)
    back = profile.plan.return_date
    if ended is None or early.before_training_ends(back, ended):
        return None
    years = dates.between(ended, back).years
    if years < DRIFT_YEARS:
        return None
    return Clock(
        "drift",
        "Drift: many years after training",
        ClockStatus.TIGHT,
        f"You plan to return {years} years after your US training ends "
        f"({dates.fmt(ended)}). The guide warns about drifting {DRIFT_YEARS} or more years "
        "past training: exam eligibility windows close, your school and training documents "
        "get harder to retrieve, and late recognition may carry a penalty. Check each "
        "before you settle the date.",
        last_day=back,
        basis=f"the end of your US training, {dates.fmt(ended)}",
    )
