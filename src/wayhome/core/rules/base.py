"""The parts every rule kind shares: sources, dated versions, evaluations.

A rule has one or more *versions*, each in force from its ``from`` date until
the next version's; the engine picks the one in force on the date of the
event the rule governs. Every version cites a source defined in the pack.

A start may be unknown (``from: unknown``) or known only within a range
(``from: {between: [2011-01-01, 2015-12-31]}``): versions stay in the order the
pack lists them, so an unknown start lies between its neighbours' (see
:mod:`wayhome.core.rules.prepare`). A version may also narrow who it applies to
(``applies_when``, as on the rule): the version used is the latest started one
whose condition holds.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Final, Literal

from msgspec import Struct
from pydantic import Field, PrivateAttr, model_validator

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.dates import Span
from wayhome.core.common.periods import Counting
from wayhome.core.common.strict import Slug, StrictModel, new_list
from wayhome.core.rules.conditions import Condition

CONFIRMED_SOURCE: Final = "confirmed-by-user"


class Grade(StrEnum):
    """How far to trust a source (P / S / T in the research notes)."""

    REGULATOR = "regulator"  # the regulator's own text, a statute, a gazette, a court
    SECONDARY = "secondary"  # a law firm, news quoting the regulator, a professional body
    INFORMAL = "informal"  # an agent, a blog, a forum: a hypothesis to confirm


class Pathway(StrEnum):
    """What US training counts as at home, best first."""

    FULL_SPECIALIST = "full_specialist"
    PROVISIONAL = "provisional"
    CONVERSION = "conversion"
    NOT_RECOGNISED = "not_recognised"
    UNKNOWN = "unknown"


PATHWAY_RANK: Final = {
    Pathway.FULL_SPECIALIST: 0,
    Pathway.PROVISIONAL: 1,
    Pathway.CONVERSION: 2,
    Pathway.NOT_RECOGNISED: 3,
}


class Source(StrictModel):
    title: str = Field(min_length=1)
    url: str | None  # required key; null for an unpublished source (a phone call)
    as_of: date | None  # required key; null when the source shows no date
    reviewed: date  # when a pack maintainer last checked the value against it
    grade: Grade
    facts: list[str] = Field(default_factory=new_list)  # research-note ids (IN-2, US-1)
    note: str | None = None


class Duration(StrictModel):
    # Up to 50 years in each unit, as a task's offset (planner/template.py): a pack's
    # local training of 95,634 months ran a scenario's dates past the year 9999.
    years: int = Field(0, ge=0, le=50)
    months: int = Field(0, ge=0, le=600)
    days: int = Field(0, ge=0, le=18250)

    @model_validator(mode="after")
    def _not_empty(self) -> Duration:
        if not (self.years or self.months or self.days):
            raise ValueError("give at least one of years, months, days")
        return self

    @property
    def span(self) -> Span:
        return Span(self.years, self.months, self.days)


class UnknownValue(StrictModel):
    """What nobody reliable has published: the question to put to the regulator."""

    question: str = Field(min_length=1)
    why: str = Field(min_length=1)


UNKNOWN_START: Final = "unknown"


def source_ids(source: str | list[str] | None) -> list[str]:
    """The source ids a value cites: its ``source`` is one id, a list of them or none (a
    rule's version, a CV convention: core/rules/cv_conventions.py)."""
    if source is None:
        return []
    return [source] if isinstance(source, str) else list(source)


class Between(StrictModel):
    """A start known only within a range of days: ``{between: [first, last]}``."""

    between: list[date] = Field(min_length=2, max_length=2)

    @model_validator(mode="after")
    def _ordered(self) -> Between:
        if self.between[0] > self.between[1]:
            raise ValueError("between: the first date must not be after the last")
        return self

    @property
    def first(self) -> date:
        return self.between[0]

    @property
    def last(self) -> date:
        return self.between[1]


class Version(StrictModel):
    """One dated state of a rule. Kinds subclass it with their parameters."""

    REQUIRED: ClassVar[tuple[str, ...]] = ()

    # None: since before any source we have; "unknown": a start no source gives, between
    # the previous and the next known starts; {between: [a, b]}: a start within a range.
    from_: date | Literal["unknown"] | Between | None = Field(None, alias="from")
    # Who this version applies to, when it narrows the rule's own applies_when (a regime
    # for courses begun on or after a date); same syntax as the rule's.
    applies_when: Condition | None = None
    # Required, except on an unknown value: nothing was published to cite.
    source: str | list[str] | None = None
    note: str | None = None
    quote: str | None = None  # the source's own words, where short enough to quote
    repealed: bool = False  # from this date the rule no longer applies
    unknown: UnknownValue | None = None
    # The number of this version among the rule's unknown starts (1, 2, ...), set by the
    # rule: its label is <rule>@unknown-<n>.
    _unknown_n: int = PrivateAttr(0)

    @model_validator(mode="after")
    def _params_given(self) -> Version:
        if self.source is None and self.unknown is None:
            raise ValueError("every value needs a 'source' (a source id of this pack)")
        if self.repealed or self.unknown is not None:
            extra = [p for p in self.REQUIRED if getattr(self, p) is not None]
            if extra:
                what = "repealed" if self.repealed else "unknown"
                raise ValueError(f"a {what} version takes no values: remove {', '.join(extra)}")
        else:
            missing = [p for p in self.REQUIRED if getattr(self, p) is None]
            if missing:
                raise ValueError(
                    f"missing {', '.join(missing)} (or mark the value 'unknown' "
                    "with the question to ask)"
                )
        return self

    @property
    def sources(self) -> list[str]:
        return source_ids(self.source)

    @property
    def known_start(self) -> date | None:
        """The start when it is a known day; None for one in force since before any
        source, an unknown start or a range."""
        return self.from_ if isinstance(self.from_, date) else None

    @property
    def start_known(self) -> bool:
        """The start is a day (or "since before any source"), not unknown or a range."""
        return self.from_ is None or isinstance(self.from_, date)

    def start_bounds(self) -> tuple[date | None, date | None]:
        """The first and last day the version may have started on, by itself; (None, None)
        for an unknown start (its neighbours bound it), date.min for since-the-origin."""
        if self.from_ is None:
            return date.min, date.min
        if isinstance(self.from_, date):
            return self.from_, self.from_
        if isinstance(self.from_, Between):
            return self.from_.first, self.from_.last
        return None, None

    def label(self, rule_id: str) -> str:
        if self.from_ is None:
            return f"{rule_id}@origin"
        if isinstance(self.from_, date):
            return f"{rule_id}@{self.from_.isoformat()}"
        if isinstance(self.from_, Between):
            return f"{rule_id}@{self.from_.first.isoformat()}..{self.from_.last.isoformat()}"
        return f"{rule_id}@{UNKNOWN_START}-{self._unknown_n}"

    def since_text(self) -> str:
        """When it took effect, in words: "from 1 Jan 2020", "from a date no source gives"."""
        if self.from_ is None:
            return "in force since before any source"
        if isinstance(self.from_, date):
            return f"from {dates.fmt(self.from_)}"
        if isinstance(self.from_, Between):
            return (
                f"from a date between {dates.fmt(self.from_.first)} and "
                f"{dates.fmt(self.from_.last)}"
            )
        return "from a date no source gives"

    def params(self) -> dict[str, Any]:
        """The kind's own values, for overrides by confirmed rules."""
        return {k: getattr(self, k) for k in type(self).model_fields if k not in _COMMON}


_COMMON: Final = frozenset(Version.model_fields)


class Evaluation(Struct, frozen=True):
    """What one version of a rule says for one profile, before the plan is compared.

    ``deadline``: the last day the governed event may happen.
    ``earliest``: the first day it may happen. Neither, and no ``question`` or
    ``to_add``: an informational finding.
    ``question``: what to ask the regulator (the pack does not know).
    ``to_add``: what the physician should add to the profile (it lacks what the rule
    counts): a to-do for them, never a question for the regulator.
    """

    basis: str
    deadline: date | None = None
    earliest: date | None = None
    completed_on: date | None = None  # the last day of the period a rule counts, if any
    convention: str | None = None
    question: str | None = None
    to_add: str | None = None
    why: str | None = None
    pathway: Pathway | None = None
    if_broken: str | None = None  # what follows when the plan breaks the rule, in words
    # A requirement no plan can meet (a course longer than its window): status blocked.
    blocked: str | None = None
    # A requirement of the past that the profile meets (a course within its window): ok.
    met: bool = False
    # The deadline is checked against the assessment date, not the governed event (a
    # temporary licence runs out whatever the plan).
    versus_today: bool = False

    @property
    def is_open(self) -> bool:
        """Unjudged: a question for the regulator, or something to add to the profile."""
        return bool(self.question or self.to_add)


class Rule(StrictModel):
    """Fields every rule has. Kinds subclass it with ``kind`` and ``versions``."""

    id: Slug
    title: str = Field(min_length=1)
    event: str = "application"
    applies_when: Condition | None = None
    note: str | None = None
    # Whether the period the rule counts starts on its anchor or the day after; only
    # kinds that count a period take it (core/common/periods.py has the table).
    counting: Counting | None = None
    COUNTS_PERIOD: ClassVar[bool] = False
    # The posts the rule governs (specialist, consultant, faculty, general or the
    # pack's own); None: every post.
    posts: list[Slug] | None = Field(None, min_length=1)

    # Each kind narrows this to a list of its own Version subclass and adds
    # ``evaluate(version, facts) -> Evaluation`` (the KindRule protocol).
    versions: list[Any]

    @model_validator(mode="after")
    def _number_unknown_starts(self) -> Rule:
        n = 0
        for v in self.versions:
            if isinstance(v, Version) and v.from_ == UNKNOWN_START:
                n += 1
                v._unknown_n = n
        return self

    @model_validator(mode="after")
    def _counting_only_for_periods(self) -> Rule:
        if self.counting is not None and not self.COUNTS_PERIOD:
            raise ValueError(
                "'counting' is for rules that count a period (windows, experience, pass "
                "validity, local training, visa years): remove it"
            )
        return self

    def unknown_evaluation(self, version: Version) -> Evaluation:
        assert version.unknown is not None
        return Evaluation(
            basis=version.unknown.why, question=version.unknown.question, why=version.unknown.why
        )


_THE: Final = ("United ", "Netherlands", "Philippines", "Czech ", "Dominican ", "Gambia")


def in_country(code: str) -> str:
    """A country in a sentence: "in the United States", "in India" (never its code)."""
    name = country_name(code)
    return f"in the {name}" if name.startswith(_THE) else f"in {name}"


def missing_fact(field: str, what: str) -> Evaluation:
    """The evaluation when the profile lacks what a rule needs: ``what`` in words (the
    profile ``field``, a path, is for readers of the code, never shown)."""
    del field
    return Evaluation(
        basis=f"Your profile does not say {what}.",
        to_add=f"Add to your profile {what}.",
        why=f"This rule is counted from {what}.",
    )


def version_labelled(rule: Any, label: str) -> Any:
    """The version a finding used (a confirmed rule's label may not be in the pack: then
    the latest)."""
    return next((v for v in rule.versions if v.label(rule.id) == label), rule.versions[-1])
