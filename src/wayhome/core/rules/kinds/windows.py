"""Windows that close: years since graduation, since training, since practice.

Each gives a ``deadline``: the last day of the window, by the convention in
:data:`wayhome.core.common.dates.WINDOW_CONVENTION`.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates
from wayhome.core.common.strict import Country
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import TrainingKind
from wayhome.core.rules.base import Evaluation, Rule, Version, missing_fact


def _window(anchor_text: str, anchor: date, years: int) -> Evaluation:
    end = dates.window_end(anchor, dates.Span(years=years))
    return Evaluation(
        basis=f"{anchor_text} {dates.fmt(anchor)}; the {years}-year window ends {dates.fmt(end)}.",
        deadline=end,
        convention=dates.WINDOW_CONVENTION,
    )


class YearsVersion(Version):
    REQUIRED: ClassVar = ("years",)

    years: int | None = Field(None, ge=1, le=60)


class MaxYearsSinceGraduationRule(Rule):
    kind: Literal["max_years_since_graduation"]
    versions: list[YearsVersion] = Field(min_length=1)

    def evaluate(self, version: YearsVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None
        if facts.graduated is None:
            return missing_fact(
                "medical_school.graduated", "when your primary medical degree was awarded"
            )
        return _window("You graduated from medical school on", facts.graduated, version.years)


class TrainingWindowVersion(YearsVersion):
    training: TrainingKind | Literal["any"] = "any"  # which training's end starts the clock
    country: Country | None = None  # only training in this country counts


class MaxYearsSinceTrainingRule(Rule):
    kind: Literal["max_years_since_training"]
    versions: list[TrainingWindowVersion] = Field(min_length=1)

    def evaluate(self, version: TrainingWindowVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None
        kind = None if version.training == "any" else TrainingKind(version.training)
        end = facts.training_end(kind, version.country)
        what = "training" if kind is None else kind.value
        where = f" in {version.country}" if version.country else ""
        if end is None:
            return missing_fact("training", f"when your {what}{where} ends")
        return _window(f"Your {what}{where} ends", end, version.years)


class RecentPracticeVersion(YearsVersion):
    country: Country | None = None  # only practice in this country counts


class RecentPracticeRule(Rule):
    """No gap in clinical practice longer than ``years`` before the event."""

    kind: Literal["recent_practice"]
    versions: list[RecentPracticeVersion] = Field(min_length=1)

    def evaluate(self, version: RecentPracticeVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None
        end, ongoing = facts.practice_end(version.country)
        where = f" in {version.country}" if version.country else ""
        if ongoing:
            return Evaluation(
                basis=f"You are in practice{where} with no end date in your profile, so "
                f"Wayhome takes it that you keep practising until you return: no gap "
                f"(the limit is {version.years} years)."
            )
        if end is None:
            return missing_fact("training or work", f"when you last practised{where}")
        last = dates.window_end(end, dates.Span(years=version.years))
        return Evaluation(
            basis=f"Your last clinical practice{where} in your profile ends {dates.fmt(end)}; "
            f"a gap of at most {version.years} years runs to {dates.fmt(last)}.",
            deadline=last,
            convention=dates.WINDOW_CONVENTION,
        )
