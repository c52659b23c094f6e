"""The profile: one physician's facts, as read from YAML (and later stored).

Every field is documented in docs/profile.md; tests/test_docs.py keeps the two
in step. Ranges are ``start``/``end`` everywhere; an ``end`` may lie in the
future (a planned end of training).
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from datetime import date
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Final

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from wayhome.core.common.dates import fmt
from wayhome.core.common.strict import (
    Country,
    Jurisdiction,
    Slug,
    SpecialtyId,
    StrictModel,
    new_list,
)
from wayhome.core.common.typed_dates import FIRST_YEAR, LAST_YEAR
from wayhome.core.money.forecast import Money
from wayhome.core.planner.template import TaskTemplate

# Profiles without an id get one derived from the person, so that calendar UIDs
# (which derive from the profile id) stay the same from one run to the next.
PROFILE_NAMESPACE: Final = uuid.UUID("6f1d4c55-1f0e-4a52-9a7c-3b1f0d1c9e21")


class TrainingKind(StrEnum):
    RESIDENCY = "residency"
    FELLOWSHIP = "fellowship"
    INTERNSHIP = "internship"
    OTHER = "other"


class VisaType(StrEnum):
    J1 = "J-1"
    H1B = "H-1B"
    GREEN_CARD = "green-card"
    CITIZEN = "citizen"
    OTHER = "other"


class ReturnType(StrEnum):
    """The guide's three buckets: each has its own gatekeepers and rules."""

    ACADEMIC = "academic"
    PRIVATE = "private"
    PUBLIC = "public"


def _in_years(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()} is too far from today to be meant")
    return day


# A day of the profile, in the years a form takes (wayhome.core.common.typed_dates): the
# planner counts years from it, and year 1 or 9999 ran it off the calendar (OverflowError).
Day = Annotated[date, AfterValidator(_in_years)]
# A month, for a date known only by its month ("2026-10").
Month = Annotated[str, StringConstraints(pattern=r"^(19|2[01])\d\d-(0[1-9]|1[0-2])$")]


def _check_order(start: date | None, end: date | None, what: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"{what} ends ({end}) before it starts ({start})")


class Period(StrictModel):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        _check_order(self.start, self.end, "the period")
        return self


class Person(StrictModel):
    name: str = Field(min_length=1)
    born: Day | None = None
    citizenship: list[Country] = Field(default_factory=new_list)


class MedicalSchool(StrictModel):
    country: Country
    name: str | None = None
    start: Day | None = None
    graduated: Day | None = None
    internship: Period | None = None

    @model_validator(mode="after")
    def _ordered(self) -> MedicalSchool:
        _check_order(self.start, self.graduated, "medical school")
        return self


class Training(StrictModel):
    kind: TrainingKind
    specialty: SpecialtyId
    country: Country
    start: Day
    end: Day
    program: str | None = None
    institution: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Training:
        _check_order(self.start, self.end, f"the {self.kind.value}")
        return self


class WorkKind(StrEnum):
    """What a job was, for rules that count only some of it as experience."""

    CLINICAL = "clinical"
    TEACHING = "teaching"
    RESEARCH = "research"
    OTHER = "other"


class Work(StrictModel):
    role: str
    kind: WorkKind = WorkKind.CLINICAL
    specialty: SpecialtyId | None = None
    country: Country
    institution: str | None = None
    start: Day
    end: Day | None = None  # None: still working there, assumed until the return date
    # Part-time as a share of full time (0.5: half time); experience accrues at that rate.
    fraction: float = Field(1.0, gt=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> Work:
        _check_order(self.start, self.end, "the job")
        return self


class BoardCertification(StrictModel):
    board: str
    specialty: SpecialtyId
    certified: Day
    expires: Day | None = None


class LicenceKind(StrEnum):
    FULL = "full"
    TEMPORARY = "temporary"  # a permission to practise limited in time (Berufserlaubnis)
    TRAINING = "training"  # for training posts only


class Licence(StrictModel):
    jurisdiction: str
    kind: LicenceKind = LicenceKind.FULL
    number: str | None = None
    issued: Day | None = None
    expires: Day | None = None


class ExamPassed(StrictModel):
    """A pass: shorthand for an attempt with ``result: pass`` (a score below the pack's
    pass mark still makes it a fail)."""

    name: str
    date: Day
    score: str | None = None


class ExamResult(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    PENDING = "pending"  # sat, result not out yet: planned as if failed until entered


class ExamAttempt(StrictModel):
    """One sitting of an exam, whatever its result. ``result`` may be left out when a
    ``score`` is given and the pack knows the exam's pass mark."""

    name: str = Field(min_length=1)
    date: Day
    result: ExamResult | None = None
    score: str | None = Field(None, min_length=1)  # "149/300", "149", "62%"

    @model_validator(mode="after")
    def _result_or_score(self) -> ExamAttempt:
        if self.result is None and self.score is None:
            raise ValueError(
                "give the result (pass, fail or pending), or the score when the pack knows "
                "the exam's pass mark"
            )
        return self


class BoardExamExtension(StrictModel):
    """A J-1 kept after the programme for an ABMS board exam: the exam's date, or its
    month (``2026-10``) when only that is known (the month's last day then counts)."""

    exam: Day | Month

    @property
    def last_day(self) -> date:
        if isinstance(self.exam, date):
            return self.exam
        year, month = (int(x) for x in self.exam.split("-"))
        return date(year, month, calendar.monthrange(year, month)[1])


class Visa(StrictModel):
    type: VisaType
    start: Day
    end: Day | None = None  # for a J-1: the DS-2019 end date
    board_exam_extension: BoardExamExtension | None = None  # J-1 only

    @model_validator(mode="after")
    def _ordered(self) -> Visa:
        _check_order(self.start, self.end, f"the {self.type.value} status")
        return self


class Stay(StrictModel):
    """Where you were (or will be), for the visa clocks: one country, a range of days."""

    country: Country
    start: Day
    end: Day
    planned: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Stay:
        _check_order(self.start, self.end, "the stay")
        return self


class WaiverRoute(StrEnum):
    CONRAD_30 = "conrad-30"
    HARDSHIP = "hardship"
    PERSECUTION = "persecution"
    INTERESTED_AGENCY = "interested-agency"


class WaiverStatus(StrEnum):
    CONSIDERING = "considering"
    APPLIED = "applied"
    GRANTED = "granted"
    REFUSED = "refused"


class J1Waiver(StrictModel):
    """A waiver of the J-1 two-year home requirement, as the user reports it."""

    route: WaiverRoute
    status: WaiverStatus
    date: Day | None = None
    employment_start: Day | None = None  # Conrad 30: the first day of the waiver job


class Application(StrictModel):
    """The planned day of applying to a regulator (its ``application`` rules use it)."""

    target: Jurisdiction  # a country (every regulator in it) or a regulator (AE-DHA)
    date: Day


class Registered(StrictModel):
    """A sitting of an exam you registered for: once its registration has closed, it is
    still open to you (the assessment plans with it, and says you registered)."""

    exam: str = Field(min_length=1)  # its rule id, its name or one of its other names
    sitting: Day | Month  # its date, or its month for a sitting the pack knows by month

    @property
    def label(self) -> str:
        """As a sitting's label: an ISO date, or an ISO month (kinds.exams.Sitting)."""
        return self.sitting.isoformat() if isinstance(self.sitting, date) else self.sitting


class Plan(StrictModel):
    return_date: Day
    return_type: ReturnType
    targets: list[Jurisdiction] = Field(default_factory=new_list)
    # The posts sought (specialist, consultant, faculty, general, or a pack's own);
    # None: those the return type leads to.
    posts: list[Slug] | None = Field(None, min_length=1)
    applications: list[Application] = Field(default_factory=new_list)
    registered: list[Registered] = Field(default_factory=new_list)

    def applying_on(self, code: str) -> dt.date | None:
        """The planned application to ``code`` (a regulator's own date first, then its
        country's); None: the return date stands for it."""
        for target in (code, code[:2]):
            found = [a.date for a in self.applications if a.target == target]
            if found:
                return min(found)
        return None


class Document(StrictModel):
    """A document you hold, by kind (the shared vocabulary or a pack's own): its issue
    date decides how long it stays valid for an application."""

    kind: Slug
    issued: Day | None = None
    issuer: str | None = None
    note: str | None = None


class Evidence(StrictModel):
    note: str
    date: Day | None = None
    file: str | None = None


class ConfirmedRule(StrictModel):
    """What the user's regulator told them, which overrides the pack.

    Either ``rule`` names a pack rule whose values the extra keys replace, or
    ``kind`` creates a new rule with those values. The extra keys are checked
    against the kind's parameters when the packs are known.
    """

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)

    jurisdiction: Jurisdiction
    rule: str | None = None
    kind: str | None = None
    title: str | None = None
    applies_to: str | None = None
    event: str | None = None
    evidence: str | Evidence

    @model_validator(mode="after")
    def _one_target(self) -> ConfirmedRule:
        if (self.rule is None) == (self.kind is None):
            raise ValueError(
                "give either 'rule' (a pack rule id to override) "
                "or 'kind' (a new rule), not both or neither"
            )
        return self

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.model_extra or {})

    @property
    def evidence_note(self) -> str:
        return self.evidence if isinstance(self.evidence, str) else self.evidence.note

    @property
    def evidence_date(self) -> dt.date | None:
        return None if isinstance(self.evidence, str) else self.evidence.date

    @property
    def evidence_file(self) -> str | None:
        return None if isinstance(self.evidence, str) else self.evidence.file


class Scenario(StrictModel):
    """A named variant of the plan (wayhome.core.planner.scenarios applies it)."""

    id: Slug
    name: str = Field(min_length=1)
    return_date: Day | None = None
    return_type: ReturnType | None = None
    targets: list[Jurisdiction] | None = None
    extra_training: list[Training] = Field(default_factory=new_list)  # e.g. an added fellowship
    attending_years: int | None = Field(None, ge=0, le=30)  # years as a US attending first
    posts: list[Slug] | None = Field(None, min_length=1)  # None: the plan's
    money: Money | None = None
    note: str | None = None


class Profile(StrictModel):
    id: uuid.UUID | None = None
    person: Person
    home_country: Country
    medical_school: MedicalSchool
    specialty: SpecialtyId
    training: list[Training] = Field(default_factory=new_list)
    work: list[Work] = Field(default_factory=new_list)
    board_certifications: list[BoardCertification] = Field(default_factory=new_list)
    licences: list[Licence] = Field(default_factory=new_list)
    exams_passed: list[ExamPassed] = Field(default_factory=new_list)
    # Every sitting, passed, failed or pending: attempts are counted from them.
    exam_attempts: list[ExamAttempt] = Field(default_factory=new_list)
    # Documents held, with their issue dates (for the stored profile: the document records).
    documents: list[Document] = Field(default_factory=new_list)
    visa: Visa | None = None
    visa_history: list[Visa] = Field(default_factory=new_list)
    j1_waiver: J1Waiver | None = None
    # Where you were, past and planned: the visa clocks count days from it.
    stays: list[Stay] = Field(default_factory=new_list)
    # The country of the J-1 two-year requirement, when not home_country
    # (the country of nationality or of last legal residence).
    home_for_212e: Country | None = None
    plan: Plan
    confirmed_rules: list[ConfirmedRule] = Field(default_factory=new_list)
    # Your own tasks, or changes to the guide's (a task with the same id replaces it).
    tasks: list[TaskTemplate] = Field(default_factory=new_list)
    # Named variants of the plan (wayhome.core.planner.scenarios), compared side by side.
    scenarios: list[Scenario] = Field(default_factory=new_list)
    # The money of the plan as it stands (each scenario may have its own).
    money: Money | None = None

    @model_validator(mode="after")
    def _stays_do_not_overlap(self) -> Profile:
        stays = sorted(enumerate(self.stays), key=lambda p: p[1].start)
        for (i, a), (j, b) in pairwise(stays):
            # A travel day may close one stay and open the next (it counts for the arrival).
            if b.start < a.end:
                raise ValueError(
                    f"stays[{i}] ({a.country}, {a.start} to {a.end}) and stays[{j}] "
                    f"({b.country}, {b.start} to {b.end}) overlap: a day can be "
                    "in one country only (a travel day may end one and start the "
                    "next)"
                )
        return self

    @model_validator(mode="after")
    def _born_before_medical_school(self) -> Profile:
        """A date of birth after the medical degree (or its start), or in the future, is
        a mistake: said at person.born, which a file's reader turns into its line."""
        born, school = self.person.born, self.medical_school
        if born is None:
            return self
        why = None
        if school.graduated is not None and born >= school.graduated:
            why = f"is on or after your medical degree ({fmt(school.graduated)})"
        elif school.start is not None and born >= school.start:
            why = f"is on or after the start of medical school ({fmt(school.start)})"
        elif born > dt.datetime.now().astimezone().date():
            why = "is in the future"
        if why is not None:
            message = f"your date of birth, {fmt(born)}, {why}: check it"
            raise ValidationError.from_exception_data(
                "Profile",
                [
                    InitErrorDetails(
                        type=PydanticCustomError("born_after_degree", message),
                        loc=("person", "born"),
                        input=born,
                    )
                ],
            )
        return self

    @model_validator(mode="after")
    def _fill_id(self) -> Profile:
        if self.id is None:
            seed = f"{self.person.name}|{self.person.born}|{self.home_country}"
            object.__setattr__(self, "id", uuid.uuid5(PROFILE_NAMESPACE, seed))
        return self

    @property
    def profile_id(self) -> uuid.UUID:
        assert self.id is not None  # filled by _fill_id
        return self.id

    @property
    def targets(self) -> list[str]:
        return list(self.plan.targets) or [self.home_country]

    def with_return_date(self, return_date: date) -> Profile:
        return self.model_copy(
            update={"plan": self.plan.model_copy(update={"return_date": return_date})}
        )
