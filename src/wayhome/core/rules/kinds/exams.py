"""exam: an exam with its sittings, registration, attempts and pass validity.

Sittings are known dates, or months that recur every year ("March and
September"); a known date replaces its month's entry for that year. Where only
the month is known, Wayhome is conservative both ways: you make a sitting only
if you are back by the first of its month, and for a deadline the sitting
counts as held on the last day of its month.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import ClassVar, Literal

from msgspec import Struct
from pydantic import Field, model_validator

from wayhome.core.common import dates, periods
from wayhome.core.common.strict import Slug, StrictModel, new_list
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import Duration, Evaluation, Rule, Version

MONTH_SITTING_CONVENTION = (
    "a sitting known only by its month is reachable if you are back by the 1st of that "
    "month, and counts as held on its last day"
)
# How "registration closes N months before the sitting" is counted (registration_deadline).
REGISTRATION_CONVENTION = (
    "registration that closes N months before a sitting closes on the same day of the "
    "month N months earlier, or on that month's last day when it is shorter (a sitting on "
    "31 May, 3 months: 28 February, 29 in a leap year), counted from the first day the "
    "sitting may be held; that day is still open, the last to register"
)


def still_open(closes: date, on: date) -> bool:
    """Registration that closes on ``closes`` is still open on ``on``: its closing day is
    the last day to register (REGISTRATION_CONVENTION), so it is open that day too. The
    one test of it: the sittings an assessment plans for (Schedule.open_on), the card's
    registration and the plan's register tasks (core/planner/register.py)."""
    return closes >= on


class ExamPurpose(StrEnum):
    LICENSING = "licensing"
    SPECIALTY = "specialty"
    LANGUAGE = "language"
    OTHER = "other"


class Announced(StrictModel):
    """A sitting held outside its usual month (it replaces that month's session), or one
    whose date is still to confirm."""

    date: dt.date
    # The session it belongs to (YYYY-MM); by default its own month.
    session: str | None = Field(None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    # Why the date is not firm: "a December session held in January before", "announced
    # only on social media". Findings and the plan show it as "date to confirm".
    to_confirm: str | None = Field(None, min_length=1)

    @property
    def session_month(self) -> tuple[int, int]:
        if self.session is None:
            return self.date.year, self.date.month
        year, month = self.session.split("-")
        return int(year), int(month)


class PassMark(StrictModel):
    """The lowest passing score: ``{score: 150, out_of: 300}``."""

    score: float = Field(ge=0)
    out_of: float | None = Field(None, gt=0)

    @property
    def text(self) -> str:
        score = f"{self.score:g}"
        return f"{score}/{self.out_of:g}" if self.out_of else score


class YearBasis(StrEnum):
    CALENDAR = "calendar"  # attempts counted per calendar year
    ROLLING = "rolling"  # attempts counted in any 12 months


class Sittings(StrictModel):
    months: list[int] = Field(default_factory=new_list)  # every year, 1-12
    # Announced dates; a plain date replaces its own month's session, an
    # {date, session: YYYY-MM} the named session (the December 2024 FMGE held
    # on 12 Jan 2025).
    dates: list[dt.date | Announced] = Field(default_factory=new_list)
    # Booked on request rather than held on fixed dates (an oral exam arranged
    # case by case): Wayhome counts it as available from the first whole month
    # after the return, and there is no registration deadline to miss.
    on_demand: bool = False

    def announced(self) -> list[tuple[dt.date, tuple[int, int], str | None]]:
        out: list[tuple[dt.date, tuple[int, int], str | None]] = []
        for d in self.dates:
            if isinstance(d, Announced):
                out.append((d.date, d.session_month, d.to_confirm))
            else:
                out.append((d, (d.year, d.month), None))
        return sorted(out, key=lambda t: t[0])

    @model_validator(mode="after")
    def _some(self) -> Sittings:
        if self.on_demand and (self.months or self.dates):
            raise ValueError("an on-demand exam has no 'months' or 'dates'")
        if not self.months and not self.dates and not self.on_demand:
            raise ValueError(
                "give 'months' (every year) and/or 'dates' (announced), or 'on_demand: true'"
            )
        bad = [m for m in self.months if not 1 <= m <= 12]
        if bad:
            raise ValueError(f"months are 1-12, got {bad}")
        return self


# A dataclass, unlike the core's other records (msgspec Structs): why a date is not firm
# stays out of comparing and ordering sittings (compare=False), which a Struct cannot do.
@dataclass(frozen=True, order=True)
class Sitting:
    """An exam sitting: the first and last day it may be held, and why its date is not firm."""

    start: date  # the first day it may be held
    end: date  # the last day it may be held (== start for a known date)
    to_confirm: str | None = field(default=None, compare=False)  # why the date is not firm

    @property
    def exact(self) -> bool:
        return self.start == self.end

    @property
    def label(self) -> str:
        """ISO date when known, ISO month when only the month is."""
        return self.start.isoformat() if self.exact else dates.iso_month(self.start)

    @classmethod
    def of_label(cls, label: str) -> Sitting:
        """The sitting a :attr:`label` names: a month's may be held from its 1st and counts
        as held on its last day (MONTH_SITTING_CONVENTION)."""
        if len(label) == len("2028-09"):
            first = date.fromisoformat(f"{label}-01")
            return cls(first, dates.month_end(first))
        day = date.fromisoformat(label)
        return cls(day, day)

    @property
    def words(self) -> str:
        """ "30 Sep 2028", or "Sep 2028" when only the month is known."""
        return dates.fmt(self.start) if self.exact else dates.fmt_month(self.start)

    @property
    def on_or_in(self) -> str:
        """ "on 30 Sep 2028", or "in Sep 2028" when only the month is known."""
        return f"on {self.words}" if self.exact else f"in {self.words}"

    @property
    def text(self) -> str:
        return (
            f"{self.words} (date to confirm: {self.to_confirm})" if self.to_confirm else self.words
        )


class ExamVersion(Version):
    REQUIRED: ClassVar = ("sittings",)

    sittings: Sittings | None = None
    registration_closes: Duration | None = None  # this long before the sitting
    attempts: int | None = Field(None, ge=1)  # in all; None: no limit published
    attempts_per_year: int | None = Field(None, ge=1)
    attempts_per_year_basis: YearBasis = YearBasis.CALENDAR
    # A name shared by exams of several regulators whose attempts count together (the
    # UAE's three licensing authorities); every pack sharing it gives the same limit.
    attempt_pool: Slug | None = None
    after_limit: str | None = Field(None, min_length=1)  # what reaching the limit means
    pass_mark: PassMark | None = None  # the version in force on an attempt's date decides
    pass_valid: Duration | None = None  # None: no source says how long a pass lasts
    format: str | None = None
    language: str | None = None

    @model_validator(mode="after")
    def _limits_consistent(self) -> ExamVersion:
        if "attempts_per_year_basis" in self.model_fields_set and not self.attempts_per_year:
            raise ValueError("'attempts_per_year_basis' needs 'attempts_per_year'")
        if self.after_limit and not (self.attempts or self.attempts_per_year):
            raise ValueError("'after_limit' needs 'attempts' (the limit it follows)")
        return self

    def sittings_between(self, lo: date, hi: date) -> list[Sitting]:
        """Sittings whose first possible day lies in [lo, hi)."""
        assert self.sittings is not None
        known = self.sittings.announced()
        out = [Sitting(d, d, why) for d, _, why in known if lo <= d < hi]
        taken = {session for _, session, _ in known}
        months = range(1, 13) if self.sittings.on_demand else self.sittings.months
        for year in range(lo.year, hi.year + 1):
            for month in months:
                first = date(year, month, 1)
                if (year, month) not in taken and lo <= first < hi:
                    out.append(Sitting(first, dates.month_end(first)))
        return sorted(out)

    def registration_deadline(self, sitting: Sitting) -> date | None:
        """The last day to register for ``sitting`` (REGISTRATION_CONVENTION)."""
        if self.registration_closes is None:
            return None
        return dates.subtract_span(sitting.start, self.registration_closes.span)


class ExamRule(Rule):
    kind: Literal["exam"]
    COUNTS_PERIOD: ClassVar = True  # how long a pass stays valid
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=new_list)  # other names a profile may use
    purpose: ExamPurpose
    versions: list[ExamVersion] = Field(min_length=1)

    def version_on(self, day: date) -> ExamVersion | None:
        """The version in force on ``day``, as :meth:`Schedule.of` dates the sittings: an
        exam's starts are known days (the pack check refuses others), or the origin."""
        found = None
        for v in self.versions:
            if v.known_start is None or v.known_start <= day:
                found = v
        return found

    def registration_closes(self, sitting: Sitting) -> date | None:
        """The last day to register for ``sitting`` (REGISTRATION_CONVENTION); None where
        no version says, or the exam is booked on request (nothing to miss)."""
        v = self.version_on(sitting.start)
        if v is None or v.sittings is None or v.sittings.on_demand:
            return None
        return v.registration_deadline(sitting)

    def passed_on(self, facts: ProfileFacts) -> date | None:
        return facts.exam_passed(self.name, *self.aliases)

    def evaluate(self, version: ExamVersion, facts: ProfileFacts) -> Evaluation:
        """A pass and how long it stays valid; sittings are handled by the engine."""
        passed = self.passed_on(facts)
        if passed is None:
            return Evaluation(basis=f"You have not passed {self.name} yet.")
        if version.pass_valid is None:
            return Evaluation(
                basis=f"You passed {self.name} on {dates.fmt(passed)}; the pack does not say "
                "how long a pass stays valid."
            )
        counting = periods.counting_for(self.kind, "pass", self.counting)
        valid = periods.period(passed, version.pass_valid.span, counting)
        return Evaluation(
            basis=f"You passed {self.name} on {dates.fmt(passed)}; a pass stays valid for "
            f"{version.pass_valid.span.describe()}, to {dates.fmt(valid.completed_on)} "
            f"({valid.counted('the day you passed')}).",
            deadline=valid.completed_on,
            completed_on=valid.completed_on,
            convention=periods.PERIOD_CONVENTION,
        )


class Schedule(Struct, frozen=True):
    """An exam's sittings across its versions, in date order."""

    sittings: tuple[Sitting, ...]
    starts: tuple[date, ...]

    @classmethod
    def of(cls, rule: ExamRule, lo: date, hi: date) -> Schedule:
        out: list[Sitting] = []
        versions = rule.versions
        for i, v in enumerate(versions):
            if v.sittings is None or v.repealed:
                continue
            # An exam's starts are known days (the pack check refuses others).
            start = v.known_start
            nxt = versions[i + 1].known_start if i + 1 < len(versions) else None
            v_lo = max(lo, start) if start else lo
            v_hi = min(hi, nxt) if nxt else hi
            if v_lo < v_hi:
                out.extend(v.sittings_between(v_lo, v_hi))
        out.sort()
        return cls(tuple(out), tuple(s.start for s in out))

    def open_on(
        self,
        rule: ExamRule,
        on: date,
        *,
        history: bool = True,
        registered: frozenset[Sitting] = frozenset(),
    ) -> tuple[Schedule, tuple[Sitting, ...]]:
        """Without the sittings whose registration closed before ``on`` (returned apart,
        in order): a rule on a sitting cannot be met by one closed to you, and the exam
        itself is planned for the first sitting still open, whatever the return. With
        ``history`` (a rule on a sitting) past sittings stay, as the dates they set are
        history; the exam's own plan leaves them out too (none is left to sit). A sitting
        whose version gives no closing day always stays, and so does one ``registered``
        for (plan.registered): it is open to the one who registered."""
        kept: list[Sitting] = []
        closed: list[Sitting] = []
        for s in self.sittings:
            mine = s in registered
            last = (
                rule.registration_closes(s) if (s.start >= on or not history) and not mine else None
            )
            (closed if last is not None and not still_open(last, on) else kept).append(s)
        if not closed:
            return self, ()
        return Schedule(tuple(kept), tuple(s.start for s in kept)), tuple(closed)

    def first_on_or_after(self, day: date) -> Sitting | None:
        i = bisect_left(self.starts, day)
        return self.sittings[i] if i < len(self.sittings) else None

    def from_day(self, day: date, count: int) -> list[Sitting]:
        i = bisect_left(self.starts, day)
        return list(self.sittings[i : i + count])
