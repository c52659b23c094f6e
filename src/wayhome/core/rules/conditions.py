"""Conditions: who a rule applies to.

A condition is ``{all: [...]}``, ``{any: [...]}``, ``{not: ...}`` or a test of
one fact: ``{fact: medical_school.country, not_in: [IN]}``. Evaluation is
three-valued: a fact the profile does not hold makes the test ``None``
(unknown), and the engine then asks for that field instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Final, Union

from msgspec import Struct
from pydantic import Discriminator, Field, Tag, model_validator

from wayhome.core.common.strict import StrictModel
from wayhome.core.profile.facts import ProfileFacts


class FactType(StrEnum):
    CODE = "code"  # one code: in / not_in
    CODES = "codes"  # a set of codes: any_in / none_in / all_in
    DATE = "date"  # before / after / on_or_before / on_or_after
    BOOL = "bool"  # is


class FactSpec(Struct, frozen=True):
    """A fact a condition may test: its type, the profile field behind it, how it is read."""

    type: FactType
    field: str  # the profile field to fill in when the fact is missing
    read: Callable[[ProfileFacts, StrictModel], Any]


def _exam_date(f: ProfileFacts, t: StrictModel) -> date | None:
    return f.exam_passed(getattr(t, "exam", None) or "")


FACTS: dict[str, FactSpec] = {
    "citizenship": FactSpec(
        FactType.CODES, "person.citizenship", lambda f, t: f.citizenship or None
    ),
    "home_country": FactSpec(FactType.CODE, "home_country", lambda f, t: f.profile.home_country),
    "medical_school.country": FactSpec(
        FactType.CODE, "medical_school.country", lambda f, t: f.profile.medical_school.country
    ),
    "medical_school.start": FactSpec(
        FactType.DATE, "medical_school.start", lambda f, t: f.profile.medical_school.start
    ),
    "medical_school.graduated": FactSpec(
        FactType.DATE, "medical_school.graduated", lambda f, t: f.graduated
    ),
    "training.countries": FactSpec(
        FactType.CODES, "training", lambda f, t: f.training_countries or None
    ),
    "specialty": FactSpec(FactType.CODE, "specialty", lambda f, t: f.profile.specialty),
    "return_type": FactSpec(
        FactType.CODE, "plan.return_type", lambda f, t: f.profile.plan.return_type.value
    ),
    # The posts sought: the plan's own, or those its return type leads to.
    "posts": FactSpec(FactType.CODES, "plan.posts", lambda f, t: frozenset(f.posts)),
    "visa.type": FactSpec(
        FactType.CODE,
        "visa.type",
        lambda f, t: f.profile.visa.type.value if f.profile.visa else None,
    ),
    "visa.types_held": FactSpec(FactType.CODES, "visa", lambda f, t: f.visa_types_held),
    "board_certified": FactSpec(
        FactType.BOOL, "board_certifications", lambda f, t: bool(f.profile.board_certifications)
    ),
    # The date the named exam was passed; a test on an exam never passed is false.
    "exam_passed": FactSpec(FactType.DATE, "exams_passed", _exam_date),
}

# The profile fields a fact is read from, in words (what to add when it is missing).
FIELD_WORDS: Final = {
    "person.citizenship": "your citizenship",
    "home_country": "your home country",
    "medical_school.country": "your medical school's country",
    "medical_school.start": "the start of your medical course",
    "medical_school.graduated": "the day your medical degree was awarded",
    "training": "your training",
    "specialty": "your specialty",
    "plan.return_type": "your return type",
    "plan.posts": "the posts you seek",
    "visa.type": "your current US status",
    "visa": "your US statuses",
    "board_certifications": "your board certifications",
    "exams_passed": "the exams you passed",
}


def missing_words(fields: tuple[str, ...]) -> str:
    """Missing profile fields in words: "the start of your medical course and your
    training"."""
    names = [FIELD_WORDS.get(f, f.replace("_", " ").replace(".", " ")) for f in fields]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_OPS: dict[FactType, tuple[str, ...]] = {
    FactType.CODE: ("in", "not_in"),
    FactType.CODES: ("any_in", "none_in", "all_in"),
    FactType.DATE: ("before", "after", "on_or_before", "on_or_after"),
    FactType.BOOL: ("is",),
}
_ALL_OPS = tuple(op for ops in _OPS.values() for op in ops)


class FactTest(StrictModel):
    fact: str
    exam: str | None = None  # with fact: exam_passed
    in_: list[str] | None = Field(None, alias="in")
    not_in: list[str] | None = None
    any_in: list[str] | None = None
    none_in: list[str] | None = None
    all_in: list[str] | None = None
    before: date | None = None
    after: date | None = None
    on_or_before: date | None = None
    on_or_after: date | None = None
    is_: bool | None = Field(None, alias="is")

    @model_validator(mode="after")
    def _well_formed(self) -> FactTest:
        spec = FACTS.get(self.fact)
        if spec is None:
            raise ValueError(f"unknown fact '{self.fact}'; known facts: {', '.join(FACTS)}")
        given = [op for op in _ALL_OPS if self.operand(op) is not None]
        allowed = _OPS[spec.type]
        if len(given) != 1 or given[0] not in allowed:
            raise ValueError(f"fact '{self.fact}' takes exactly one of: {', '.join(allowed)}")
        if (self.fact == "exam_passed") != (self.exam is not None):
            raise ValueError("'exam' goes with fact 'exam_passed', and only with it")
        return self

    def operand(self, op: str) -> Any:
        return getattr(self, {"in": "in_", "is": "is_"}.get(op, op))

    @property
    def op(self) -> str:
        return next(op for op in _ALL_OPS if self.operand(op) is not None)


class AllOf(StrictModel):
    all: list[Condition] = Field(min_length=1)


class AnyOf(StrictModel):
    any: list[Condition] = Field(min_length=1)


class Not(StrictModel):
    not_: Condition = Field(alias="not")


def _condition_tag(value: Any) -> str:
    """Pick the model by its key, so an error names one form, not all four.

    The tags are not keys of the data, so that error locations skip them.
    """
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return f"{key}-of"
        return "fact-test"
    tags: dict[type, str] = {AllOf: "all-of", AnyOf: "any-of", Not: "not-of"}
    return tags.get(type(value), "fact-test")


Condition = Annotated[
    Union[  # noqa: UP007 (a tagged union needs the explicit Union)
        Annotated[AllOf, Tag("all-of")],
        Annotated[AnyOf, Tag("any-of")],
        Annotated[Not, Tag("not-of")],
        Annotated[FactTest, Tag("fact-test")],
    ],
    Discriminator(_condition_tag),
]


class Outcome(Struct, frozen=True):
    """True, False, or None (unknown) with the profile fields that were missing."""

    value: bool | None
    missing: tuple[str, ...] = ()


def evaluate(cond: Condition | None, facts: ProfileFacts) -> Outcome:
    if cond is None:
        return Outcome(True)
    if isinstance(cond, AllOf):
        parts = [evaluate(c, facts) for c in cond.all]
        if any(p.value is False for p in parts):
            return Outcome(False)
        return _combine(parts, all_true=True)
    if isinstance(cond, AnyOf):
        parts = [evaluate(c, facts) for c in cond.any]
        if any(p.value is True for p in parts):
            return Outcome(True)
        return _combine(parts, all_true=False)
    if isinstance(cond, Not):
        inner = evaluate(cond.not_, facts)
        return inner if inner.value is None else Outcome(not inner.value)
    return _test(cond, facts)


def _combine(parts: list[Outcome], *, all_true: bool) -> Outcome:
    missing = tuple(m for p in parts for m in p.missing)
    if missing:
        return Outcome(None, tuple(dict.fromkeys(missing)))
    return Outcome(all_true)


def _test(t: FactTest, facts: ProfileFacts) -> Outcome:
    spec = FACTS[t.fact]
    value = spec.read(facts, t)
    op, operand = t.op, t.operand(t.op)
    if value is None:
        if t.fact == "exam_passed":
            # An exam not in the profile was not passed: no date is before or after.
            return Outcome(False)
        return Outcome(None, (spec.field,))
    result: bool
    match op:
        case "in":
            result = value in operand
        case "not_in":
            result = value not in operand
        case "any_in":
            result = bool(value & set(operand))
        case "none_in":
            result = not (value & set(operand))
        case "all_in":
            result = value <= set(operand)
        case "before":
            result = value < operand
        case "after":
            result = value > operand
        case "on_or_before":
            result = value <= operand
        case "on_or_after":
            result = value >= operand
        case _:  # "is"
            result = value is operand
    return Outcome(result)


# AllOf, AnyOf and Not name Condition, defined after them: pydantic resolves it when one is
# first validated (StrictModel's defer_build), so importing the rules builds nothing.
