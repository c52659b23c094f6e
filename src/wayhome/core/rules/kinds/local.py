"""local_training: months of training or supervised practice required at home.

Attachments, adaptation periods, local residency years: time that can only
start once the physician is back. Informational: it says when that time would
end for the planned return, which the planner turns into a task.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates, periods
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import Duration, Evaluation, Rule, Version


class LocalTrainingVersion(Version):
    REQUIRED: ClassVar = ("duration", "what")

    duration: Duration | None = None
    what: str | None = None  # "a supervised attachment at an accredited hospital"
    before: str | None = None  # what it must precede: "the assessment exam", "registration"


class LocalTrainingRule(Rule):
    kind: Literal["local_training"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[LocalTrainingVersion] = Field(min_length=1)

    def evaluate(self, version: LocalTrainingVersion, facts: ProfileFacts) -> Evaluation:
        assert version.duration is not None and version.what is not None
        back = facts.profile.plan.return_date
        span = version.duration.span
        counting = periods.counting_for(self.kind, "start", self.counting)
        p = periods.period(back, span, counting)
        before = f" before {version.before}" if version.before else ""
        return Evaluation(
            basis=f"You need {span.describe()} of {version.what}{before}. Starting when you "
            f"return on {dates.fmt(back)} ({p.counted('your return')}), it would be "
            f"completed on {dates.fmt(p.completed_on)} at the earliest; places may have "
            "waiting lists, so ask early.",
            completed_on=p.completed_on,
            convention=periods.PERIOD_CONVENTION,
        )
