"""Windows that close: years since graduation, since training, since practice.

Each gives a ``deadline``: the last day of the window, by the one convention for
periods (:mod:`wayhome.core.common.periods`): graduation and the end of training are
day 1 of their windows; a gap in practice starts the day after the last day worked.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates, periods
from wayhome.core.common.strict import Country
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import TrainingKind
from wayhome.core.rules.base import Evaluation, Rule, Version, in_country, missing_fact


def _window(
    rule: MaxYearsSinceGraduationRule | MaxYearsSinceTrainingRule,
    anchor_key: str,
    anchor_name: str,
    anchor_text: str,
    anchor: date,
    years: int,
) -> Evaluation:
    counting = periods.counting_for(rule.kind, anchor_key, rule.counting)
    p = periods.period(anchor, dates.Span(years=years), counting)
    return Evaluation(
        basis=f"{anchor_text} {dates.fmt(anchor)}; the {years}-year window ends "
        f"{dates.fmt(p.completed_on)} ({p.counted(anchor_name)}).",
        deadline=p.completed_on,
        completed_on=p.completed_on,
        convention=periods.PERIOD_CONVENTION,
    )


class YearsVersion(Version):
    REQUIRED: ClassVar = ("years",)

    years: int | None = Field(None, ge=1, le=60)


class MaxYearsSinceGraduationRule(Rule):
    kind: Literal["max_years_since_graduation"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[YearsVersion] = Field(min_length=1)

    def evaluate(self, version: YearsVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None
        if facts.graduated is None:
            return missing_fact(
                "medical_school.graduated", "when your primary medical degree was awarded"
            )
        return _window(
            self,
            "graduation",
            "graduation",
            "You graduated from medical school on",
            facts.graduated,
            version.years,
        )


class TrainingWindowVersion(YearsVersion):
    training: TrainingKind | Literal["any"] = "any"  # which training's end starts the clock
    country: Country | None = None  # only training in this country counts


class MaxYearsSinceTrainingRule(Rule):
    kind: Literal["max_years_since_training"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[TrainingWindowVersion] = Field(min_length=1)

    def evaluate(self, version: TrainingWindowVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None
        kind = None if version.training == "any" else TrainingKind(version.training)
        end = facts.training_end(kind, version.country)
        what = "training" if kind is None else kind.value
        where = f" {in_country(version.country)}" if version.country else ""
        if end is None:
            return missing_fact("training", f"when your {what}{where} ends")
        return _window(
            self,
            "training_end",
            f"the end of your {what}",
            f"Your {what}{where} ends",
            end,
            version.years,
        )


class RecentPracticeVersion(YearsVersion):
    country: Country | None = None  # only practice in this country counts
    # What the regulator asks when the gap is longer: CPD hours, supervised practice...
    consequences: list[str] | None = Field(None, min_length=1)


class RecentPracticeRule(Rule):
    """No gap in clinical practice longer than ``years`` before the event."""

    kind: Literal["recent_practice"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[RecentPracticeVersion] = Field(min_length=1)

    def evaluate(self, version: RecentPracticeVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None
        end, ongoing = facts.practice_end(version.country)
        where = f" {in_country(version.country)}" if version.country else ""
        if ongoing:
            return Evaluation(
                basis=f"You are in practice{where} with no end date in your profile, so "
                f"Wayhome takes it that you keep practising until you return: no gap "
                f"(the limit is {version.years} years)."
            )
        if end is None:
            return missing_fact("training or work", f"when you last practised{where}")
        counting = periods.counting_for(self.kind, "last_practice", self.counting)
        gap = periods.period(end, dates.Span(years=version.years), counting)
        earlier = [
            (a, b)
            for a, b in facts.practice_gaps(version.country)
            if periods.period(a, dates.Span(years=version.years), periods.Counting.ON).completed_on
            < b
        ]
        past = "".join(
            f" Earlier you had a longer gap ({dates.fmt(a)} to {dates.fmt(b)}); practice "
            "after it ended it, so it does not count against this limit: confirm that with "
            "the regulator."
            for a, b in earlier[-1:]
        )
        return Evaluation(
            basis=f"Your last clinical practice{where} in your profile ends {dates.fmt(end)}; "
            f"a gap of at most {version.years} years runs to {dates.fmt(gap.completed_on)} "
            f"({gap.counted('your last day of practice')}).{past}",
            deadline=gap.completed_on,
            completed_on=gap.completed_on,
            convention=periods.PERIOD_CONVENTION,
            if_broken=(
                "With a longer gap the regulator asks for: " + "; ".join(version.consequences) + "."
                if version.consequences
                else None
            ),
        )
