"""US immigration clocks: time allowed in a status, and home presence after it."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates, periods
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import VisaType
from wayhome.core.rules.base import Evaluation, Rule, Version


class StatusYearsVersion(Version):
    REQUIRED: ClassVar = ("status", "years")

    status: VisaType | None = None
    years: int | None = Field(None, ge=1, le=20)
    grace_days: int | None = Field(None, ge=0, le=365)  # to leave after the status ends


class MaxYearsInStatusRule(Rule):
    """At most ``years`` in ``status``, earlier periods in that status included."""

    kind: Literal["max_years_in_status"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[StatusYearsVersion] = Field(min_length=1)

    def evaluate(self, version: StatusYearsVersion, facts: ProfileFacts) -> Evaluation:
        assert version.status is not None and version.years is not None
        current = facts.profile.visa
        status = version.status.value
        if current is None or current.type != version.status:
            return Evaluation(
                basis=f"You are not in {status} status now; the "
                f"{version.years}-year limit does not bite."
            )
        earlier = [
            v for v in facts.visa_periods(version.status) if v is not current and v.end is not None
        ]
        used = sum(((v.end - v.start).days + 1 for v in earlier if v.end), 0)
        counting = periods.counting_for(self.kind, "status_start", self.counting)
        end = periods.period(current.start, dates.Span(years=version.years), counting).completed_on
        end -= timedelta(days=used)
        basis = f"Your {status} status began {dates.fmt(current.start)}"
        if used:
            basis += f", after {used} days in {status} earlier"
        basis += f"; {version.years} years in {status} run out after {dates.fmt(end)}."
        return Evaluation(
            basis=basis, deadline=end, completed_on=end, convention=periods.PERIOD_CONVENTION
        )


class HomePresenceRule(Rule):
    """Physical presence at home owed after a status (INA 212(e) for J-1)."""

    kind: Literal["home_presence_after_status"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[StatusYearsVersion] = Field(min_length=1)

    def evaluate(self, version: StatusYearsVersion, facts: ProfileFacts) -> Evaluation:
        assert version.status is not None and version.years is not None
        status = version.status.value
        if not facts.visa_periods(version.status):
            return Evaluation(basis=f"You have not held {status} status: nothing is owed.")
        back = facts.profile.plan.return_date
        counting = periods.counting_for(self.kind, "return", self.counting)
        home = periods.period(back, dates.Span(years=version.years), counting)
        return Evaluation(
            basis=f"After {status} status you owe {version.years} years of physical presence "
            f"in your home country (in aggregate) unless it is waived. If you return on "
            f"{dates.fmt(back)} and stay ({home.counted('your return')}), that is completed on "
            f"{dates.fmt(home.completed_on)}; until then an H or L visa or a green card is "
            f"closed to you (open again from {dates.fmt(home.allowed_from)}). Days back in "
            "the US do not count.",
            completed_on=home.completed_on,
            convention=periods.PERIOD_CONVENTION,
        )
