"""min_years_experience: the first day enough experience has built up.

Used for senior titles (a consultant post N years after certification) and
for anything else that opens only after a number of years. It gives an
``earliest`` date, not a deadline.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates, periods
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import TrainingKind
from wayhome.core.rules.base import Evaluation, Rule, Version, missing_fact

Anchor = Literal["training", "residency", "fellowship", "board_certification"]


class ExperienceVersion(Version):
    REQUIRED: ClassVar = ("years", "after")

    years: int | None = Field(None, ge=1, le=40)
    after: Anchor | None = None
    title: str | None = None  # the post or title this opens, e.g. "consultant"


class MinYearsExperienceRule(Rule):
    kind: Literal["min_years_experience"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[ExperienceVersion] = Field(min_length=1)

    def evaluate(self, version: ExperienceVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None and version.after is not None
        if version.after == "board_certification":
            anchor = facts.first_certification()
            what, field = "your first board certification", "board_certifications"
        else:
            kind = None if version.after == "training" else TrainingKind(version.after)
            anchor = facts.training_end(kind)
            what, field = f"the end of your {version.after}", "training"
        if anchor is None:
            return missing_fact(field, f"the date of {what}")
        counting = periods.counting_for(self.kind, version.after, self.counting)
        p = periods.period(anchor, dates.Span(years=version.years), counting)
        opens = f" for {version.title}" if version.title else ""
        return Evaluation(
            basis=f"{what[0].upper()}{what[1:]} is {dates.fmt(anchor)}; {version.years} years "
            f"of experience after it{opens} are completed on {dates.fmt(p.completed_on)} "
            f"({p.counted(what)}), so they count from {dates.fmt(p.allowed_from)} "
            "(assuming you practise without a break).",
            earliest=p.allowed_from,
            completed_on=p.completed_on,
            convention=periods.PERIOD_CONVENTION,
        )
