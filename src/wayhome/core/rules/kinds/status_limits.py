"""US immigration limits: time allowed in a status, and home presence after it.

The arithmetic is the visa clocks' (:mod:`wayhome.core.visa`): the finding for a
return date and `wayhome visa` read the same clock, so they cannot disagree. A J-1
gives the last day in the US (its grace period or board-exam extension, or the
seven-year limit when training runs past it); an H-1B its six years with trips abroad
recaptured; the home requirement the day it would be met.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import periods
from wayhome.core.common.strict import StrictModel
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import VisaType
from wayhome.core.rules.base import Evaluation, Rule, Version
from wayhome.core.visa import h1b, j1
from wayhome.core.visa.clocks import ClockStatus


class ConradTerms(StrictModel):
    """A Conrad 30 waiver's obligation (INA 214(l))."""

    start_within_days: int = Field(ge=1, le=365)  # the job begins within this after approval
    service_years: int = Field(ge=1, le=10)  # full-time H-1B service owed


class StatusYearsVersion(Version):
    REQUIRED: ClassVar = ("status", "years")

    status: VisaType | None = None
    years: int | None = Field(None, ge=1, le=20)
    grace_days: int | None = Field(None, ge=0, le=365)  # to leave after the status ends
    # A J-1 kept after the programme for a board exam: at most this many months.
    extension_months: int | None = Field(None, ge=1, le=24)
    conrad_30: ConradTerms | None = None  # on the home requirement: the waiver's terms


class MaxYearsInStatusRule(Rule):
    """At most ``years`` in ``status``, earlier periods in that status included."""

    kind: Literal["max_years_in_status"]
    versions: list[StatusYearsVersion] = Field(min_length=1)

    def evaluate(self, version: StatusYearsVersion, facts: ProfileFacts) -> Evaluation:
        assert version.status is not None and version.years is not None
        profile = facts.profile
        status = version.status.value
        if facts.status_now(version.status) is None:
            return Evaluation(
                basis=f"You are not in {status} status now; the "
                f"{version.years}-year limit does not bite."
            )
        if version.status is VisaType.H1B:
            held = facts.visa_periods(VisaType.H1B)
            count = h1b.count(profile, held, version.years)
            return Evaluation(
                basis=h1b.arithmetic(count, held, version.years),
                deadline=count.last_day,
                completed_on=count.last_day,
                convention=periods.PERIOD_CONVENTION,
            )
        prog = j1.programme(profile)
        assert prog is not None  # the current visa is a J-1
        limit = j1.seven_years(profile, prog, version, profile.plan.return_date)
        stay = j1.last_day_of_stay(profile, prog, version)
        basis = limit.explanation
        deadline = limit.last_day
        if stay is not None:
            basis += f" Then {stay.how}."
            if stay.extension_refused:
                basis += f" The extension you recorded is not allowed: {stay.extension_refused}."
            if limit.status is not ClockStatus.CONFLICT:
                deadline = stay.last_day
        return Evaluation(
            basis=basis,
            deadline=deadline,
            completed_on=deadline,
            convention=periods.PERIOD_CONVENTION,
        )


class HomePresenceRule(Rule):
    """Physical presence at home owed after a status (INA 212(e) for J-1)."""

    kind: Literal["home_presence_after_status"]
    versions: list[StatusYearsVersion] = Field(min_length=1)

    def evaluate(self, version: StatusYearsVersion, facts: ProfileFacts) -> Evaluation:
        assert version.status is not None and version.years is not None
        status = version.status.value
        if not facts.visa_periods(version.status):
            return Evaluation(basis=f"You have not held {status} status: nothing is owed.")
        profile = facts.profile
        prog = j1.programme(profile)
        assert prog is not None
        clock = j1.home_presence(profile, prog, version, profile.plan.return_date)
        if clock.status is ClockStatus.WAIVED:
            return Evaluation(basis=clock.explanation)
        taken = j1.closed_status_taken(profile, prog, version.years)
        if clock.status is ClockStatus.UNKNOWN and taken is not None:
            return Evaluation(
                basis=clock.explanation,
                to_add=f"Record the waiver of the {version.years} years at home that let "
                f"you take {j1.CLOSED_BY_212E[taken.type]} (its route, that it was granted, "
                "and when).",
                why="Without a waiver, a J-1 physician may not take H-1B status or a green "
                "card until the years at home are served; with one, they are not owed.",
            )
        if clock.status is ClockStatus.UNKNOWN:
            return Evaluation(
                basis=clock.explanation,
                to_add="Add your stays (past and planned) to your profile, so the days at "
                "home can be counted.",
                why="The two years count days at home, from the stays log.",
            )
        return Evaluation(
            basis=f"After {status} status you owe {version.years} years of physical presence "
            f"in your home country (in aggregate) unless it is waived. {clock.explanation}",
            completed_on=clock.last_day,
            convention=periods.PERIOD_CONVENTION,
        )
