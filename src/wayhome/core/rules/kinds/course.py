"""course_window: the primary medical course completed within N years of its start.

Some regulators accept a foreign degree only if the course was completed within a
number of years of joining it, lasted at least so many months, and was followed by
an internship of at least so many months (India's 2021 regulations: 54 months, a
12-month internship, completed within 10 years). Read from ``medical_school.start``,
``graduated`` and ``internship``. It is a fact of the past that no return date
changes: met, it is ``ok``; not met, ``blocked`` with what falls short.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates, periods
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import Evaluation, Rule, Version, missing_fact


class CourseWindowVersion(Version):
    REQUIRED: ClassVar = ("years",)

    years: int | None = Field(None, ge=1, le=30)  # completed within this many years of joining
    min_course_months: int | None = Field(None, ge=1, le=240)
    min_internship_months: int | None = Field(None, ge=1, le=60)


def months_between(first: date, last: date) -> int:
    """Whole calendar months from ``first`` to ``last``, both days counted."""
    span = dates.between(first, last + ONE_DAY)
    return span.years * 12 + span.months


class CourseWindowRule(Rule):
    kind: Literal["course_window"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[CourseWindowVersion] = Field(min_length=1)

    def evaluate(self, version: CourseWindowVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None
        school = facts.profile.medical_school
        if school.start is None:
            return missing_fact("medical_school.start", "when your medical course began")
        if school.graduated is None:
            return missing_fact("medical_school.graduated", "when you completed the course")
        counting = periods.counting_for(self.kind, "course_start", self.counting)
        window = periods.period(school.start, dates.Span(years=version.years), counting)
        facts_text = [
            f"Your course began {dates.fmt(school.start)} and was completed "
            f"{dates.fmt(school.graduated)}; it had to be completed within {version.years} "
            f"years, by {dates.fmt(window.completed_on)} ({window.counted('the first day')})"
        ]
        short: list[str] = []
        if school.graduated > window.completed_on:
            late = dates.between(window.completed_on, school.graduated)
            short.append(f"it was completed {late.describe()} after the window closed")
        if version.min_course_months:
            months = months_between(school.start, school.graduated)
            facts_text.append(
                f"it lasted {months} months of the {version.min_course_months} needed"
            )
            if months < version.min_course_months:
                short.append(
                    f"it lasted {months} months, under the {version.min_course_months} needed"
                )
        if version.min_internship_months:
            internship = school.internship
            if internship is None:
                return missing_fact(
                    "medical_school.internship", "the dates of your internship (start and end)"
                )
            months = months_between(internship.start, internship.end)
            facts_text.append(
                f"your internship ({dates.fmt(internship.start)} to "
                f"{dates.fmt(internship.end)}) lasted {months} months of the "
                f"{version.min_internship_months} needed"
            )
            if months < version.min_internship_months:
                short.append(
                    f"the internship lasted {months} months, under the "
                    f"{version.min_internship_months} needed"
                )
        basis = "; ".join(facts_text) + "."
        if short:
            return Evaluation(
                basis=basis + " The course does not meet the rule: " + "; ".join(short) + ". "
                "No return date changes it: ask the regulator what route remains open.",
                blocked="; ".join(short),
                completed_on=window.completed_on,
                convention=periods.PERIOD_CONVENTION,
            )
        return Evaluation(
            basis=basis + " The course meets the rule.",
            met=True,
            completed_on=window.completed_on,
            convention=periods.PERIOD_CONVENTION,
        )
