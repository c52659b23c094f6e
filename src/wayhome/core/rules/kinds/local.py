"""local_training: months of training or supervised practice required at home.

Attachments, adaptation periods, local residency years: time that can only
start once the physician is back. Informational: it says when that time would
end for the planned return, which the planner turns into a task.

With ``country``, the profile's own training there from the return on (planned
``training[]`` entries) is counted instead: the finding says when the required time
is completed, or how far the planned entries go when they fall short.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates, periods
from wayhome.core.common.dates import Span
from wayhome.core.common.strict import Country
from wayhome.core.profile import accrual
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import Duration, Evaluation, Rule, Version, in_country


class LocalTrainingVersion(Version):
    REQUIRED: ClassVar = ("duration", "what")

    duration: Duration | None = None
    what: str | None = None  # "a supervised attachment at an accredited hospital"
    before: str | None = None  # what it must precede: "the assessment exam", "registration"
    # Where it is done: training[] entries there (planned) from the return on are counted.
    country: Country | None = None


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
        if version.country is not None:
            planned = _planned(version, facts, span)
            if planned is not None:
                return planned
        return Evaluation(
            basis=f"You need {span.describe()} of {version.what}{before}. Starting when you "
            f"return on {dates.fmt(back)} ({p.counted('your return')}), it would be "
            f"completed on {dates.fmt(p.completed_on)} at the earliest; places may have "
            "waiting lists, so ask early.",
            completed_on=p.completed_on,
            convention=periods.PERIOD_CONVENTION,
        )


def _planned(version: LocalTrainingVersion, facts: ProfileFacts, span: Span) -> Evaluation | None:
    """The required time counted over the profile's training in ``country`` from the
    return on; None when the profile has none there."""
    assert version.country is not None
    profile = facts.profile
    back = profile.plan.return_date
    spans, _ = accrual.stretches(profile, version.country)
    acc = accrual.accrue(
        spans, span, counts=[accrual.TRAINING], country=version.country, from_day=back
    )
    if acc.first_day is None:
        return None
    needed = f"{span.describe()} of {version.what}"
    where = f"your training {in_country(version.country)} from {dates.fmt(acc.first_day)}"
    if acc.completed_on is None:
        return Evaluation(
            basis=f"You need {needed}. Counting {where}: it adds up to "
            f"{accrual.describe(acc.counted_days, acc.first_day)}, short of it; nothing is "
            "assumed after your last recorded period.",
            to_add=f"Add the training that will complete the {span.describe()} of "
            f"{version.what} to your profile (planned training too, with dates).",
            why="Only the training in your profile is counted.",
        )
    return Evaluation(
        basis=f"You need {needed}. Counting {where} (the first day counts as day 1), it is "
        f"completed on {dates.fmt(acc.completed_on)}.",
        completed_on=acc.completed_on,
        convention=periods.PERIOD_CONVENTION,
    )
