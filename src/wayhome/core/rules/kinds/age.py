"""max_age: a maximum age on the date of the governed event."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import Evaluation, Rule, Version, missing_fact


class MaxAgeVersion(Version):
    REQUIRED: ClassVar = ("age", "inclusive")

    age: int | None = Field(None, ge=1, le=120)
    # true: "aged N or younger" (N itself allowed); false: "under N". The pack
    # must say which: sources differ and a year hangs on it.
    inclusive: bool | None = None


class MaxAgeRule(Rule):
    kind: Literal["max_age"]
    versions: list[MaxAgeVersion] = Field(min_length=1)

    def evaluate(self, version: MaxAgeVersion, facts: ProfileFacts) -> Evaluation:
        assert version.age is not None
        if facts.born is None:
            return missing_fact("person.born", "your date of birth")
        if version.inclusive:
            last = dates.last_day_at_most_age(facts.born, version.age)
            limit, convention = f"aged {version.age} or younger", dates.AT_MOST_AGE_CONVENTION
            turns = dates.birthday(facts.born, version.age + 1)
        else:
            last = dates.last_day_under_age(facts.born, version.age)
            limit, convention = f"under {version.age}", dates.UNDER_AGE_CONVENTION
            turns = dates.birthday(facts.born, version.age)
        born = dates.fmt(facts.born)
        age = version.age + 1 if version.inclusive else version.age
        basis = (
            f"Born {born}, you turn {age} on {dates.fmt(turns)}; "
            f"the last day {limit} is {dates.fmt(last)}."
        )
        if facts.born.month == 2 and facts.born.day == 29:
            convention += f"; {dates.LEAP_DAY_CONVENTION}"
        return Evaluation(basis=basis, deadline=last, convention=convention)
