"""The vocabulary of rule kinds. Each kind is a Rule subclass with its own
versions and an ``evaluate(version, facts)``; docs/rule-packs.md documents each
one and tests/core/test_kinds.py checks every kind here is documented and tested.
"""

from __future__ import annotations

from typing import Annotated, Any, Protocol, Union, get_args

from pydantic import Field

from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import Evaluation, Rule
from wayhome.core.rules.kinds.age import MaxAgeRule
from wayhome.core.rules.kinds.course import CourseWindowRule
from wayhome.core.rules.kinds.exams import ExamRule
from wayhome.core.rules.kinds.experience import MinYearsExperienceRule
from wayhome.core.rules.kinds.licences import TemporaryLicenceRule
from wayhome.core.rules.kinds.local import LocalTrainingRule
from wayhome.core.rules.kinds.procedures import ProcedureMinimumsRule
from wayhome.core.rules.kinds.recognition import RecognitionRule
from wayhome.core.rules.kinds.required_documents import DocumentValidityRule, RequiredDocumentsRule
from wayhome.core.rules.kinds.status_limits import HomePresenceRule, MaxYearsInStatusRule
from wayhome.core.rules.kinds.windows import (
    MaxYearsSinceGraduationRule,
    MaxYearsSinceTrainingRule,
    RecentPracticeRule,
)


class KindRule(Protocol):
    id: str
    title: str
    event: str
    versions: list[Any]

    def evaluate(self, version: Any, facts: ProfileFacts) -> Evaluation: ...


AnyRule = Annotated[
    Union[  # noqa: UP007 (a discriminated union needs the explicit Union)
        MaxAgeRule,
        MaxYearsSinceGraduationRule,
        MaxYearsSinceTrainingRule,
        MinYearsExperienceRule,
        RecentPracticeRule,
        MaxYearsInStatusRule,
        HomePresenceRule,
        ExamRule,
        DocumentValidityRule,
        RequiredDocumentsRule,
        RecognitionRule,
        LocalTrainingRule,
        ProcedureMinimumsRule,
        CourseWindowRule,
        TemporaryLicenceRule,
    ],
    Field(discriminator="kind"),
]

# Every kind's model, in one place: the union above.
RULE_MODELS: tuple[type[Rule], ...] = get_args(get_args(AnyRule)[0])

KINDS: dict[str, type[Rule]] = {
    m.model_fields["kind"].annotation.__args__[0]: m  # type: ignore[union-attr]
    for m in RULE_MODELS
}
