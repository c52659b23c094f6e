"""A pack's ``cv:`` section: what a CV for this jurisdiction is expected to show and how.

Each item cites the pack's sources like any rule's value, or is ``unknown`` with the
question to ask when nothing reliable says (a value is never guessed):

```yaml
cv:
  photograph: {expected: false, source: gmc-cv-guidance}
  registration_numbers: {expected: true, source: gmc-cv-guidance, quote: "Give your GMC..."}
  nationality:
    unknown: {question: Does ... expect your nationality on the CV?, why: ...}
  dates: {format: DD/MM/YYYY, source: gmc-cv-guidance}
  order: {order: most_recent_first, source: gmc-cv-guidance}
  gaps: {explain_over_days: 28, source: gmc-cv-guidance}
  signature: {place_and_date: true, source: muenster-documents}
  language: {language: de, source: fia-documents}
  fresh_for: {months: 3, source: gmc-cv-guidance-2013}
```

A pack without the section says nothing about CVs: the CV is then laid out in US style
and says so (core/cv/document.py). This module is part of the pack schema (the pack
cache's key covers ``core/rules``: adapters/pack_cache.py).

Public surface: :class:`CvConventions` (the section), :func:`check_cv_sources`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar, Final

from pydantic import Field, model_validator

from wayhome.core.common.problems import Problem
from wayhome.core.common.strict import StrictModel
from wayhome.core.rules.base import UnknownValue, source_ids

# The personal items, in the order a CV's personal details show them.
PERSONAL: Final = ("photograph", "date_of_birth", "nationality", "registration_numbers")


class CvValue(StrictModel):
    """One convention: its value with the sources that give it, or ``unknown``."""

    VALUE: ClassVar[str] = ""  # the field holding the value, set by each kind

    source: str | list[str] | None = None
    quote: str | None = None  # the source's own words, where short enough to quote
    note: str | None = None
    unknown: UnknownValue | None = None

    @model_validator(mode="after")
    def _sourced_or_unknown(self) -> CvValue:
        given = getattr(self, self.VALUE) is not None
        if self.unknown is not None:
            if given or self.source is not None:
                raise ValueError(
                    f"an unknown value takes no {self.VALUE} or source: remove them, or "
                    "remove 'unknown'"
                )
        elif not given or self.source is None:
            raise ValueError(
                f"give {self.VALUE} and its source (a source id of this pack), or mark it "
                "'unknown' with the question to ask"
            )
        return self

    @property
    def sources(self) -> list[str]:
        return source_ids(self.source)

    @property
    def known(self) -> bool:
        return self.unknown is None


class CvItem(CvValue):
    """Whether a personal item (photograph, date of birth, ...) is expected on the CV."""

    VALUE: ClassVar[str] = "expected"
    expected: bool | None = None


class DateFormat(StrEnum):
    DAY_MONTH_YEAR = "DD/MM/YYYY"
    DAY_MONTH_YEAR_DOTS = "DD.MM.YYYY"


class CvDates(CvValue):
    VALUE: ClassVar[str] = "format"
    format: DateFormat | None = None


class Order(StrEnum):
    MOST_RECENT_FIRST = "most_recent_first"
    OLDEST_FIRST = "oldest_first"


class CvOrder(CvValue):
    VALUE: ClassVar[str] = "order"
    order: Order | None = None


class CvGaps(CvValue):
    """Gaps between posts longer than ``explain_over_days`` are listed with a reason; 0:
    every gap (a CV 'without gaps')."""

    VALUE: ClassVar[str] = "explain_over_days"
    explain_over_days: int | None = Field(None, ge=0)


class CvSignature(CvValue):
    """The CV is signed by hand; ``place_and_date``: with the place and the date."""

    VALUE: ClassVar[str] = "place_and_date"
    place_and_date: bool | None = None


class CvLanguage(CvValue):
    """The language the CV must be written in (ISO 639-1: de)."""

    VALUE: ClassVar[str] = "language"
    language: str | None = Field(None, pattern=r"^[a-z]{2}$")


class CvFreshness(CvValue):
    """How recent the CV must be when it is handed in."""

    VALUE: ClassVar[str] = "months"
    months: int | None = Field(None, ge=1)


class CvConventions(StrictModel):
    photograph: CvItem | None = None
    date_of_birth: CvItem | None = None
    nationality: CvItem | None = None
    registration_numbers: CvItem | None = None
    dates: CvDates | None = None
    order: CvOrder | None = None
    gaps: CvGaps | None = None
    signature: CvSignature | None = None
    language: CvLanguage | None = None
    fresh_for: CvFreshness | None = None
    note: str | None = None

    def items(self) -> list[tuple[str, CvValue]]:
        """Each convention the section gives, by its key, in the schema's order."""
        return [
            (name, value)
            for name in type(self).model_fields
            if isinstance(value := getattr(self, name), CvValue)
        ]

    def sources(self) -> set[str]:
        return {s for _, value in self.items() for s in value.sources}


def check_cv_sources(cv: CvConventions | None, sources: Mapping[str, object]) -> list[Problem]:
    """A ``cv:`` value citing a source the pack does not define."""
    if cv is None:
        return []
    return [
        Problem(("cv", name, "source"), f"no source '{s}' in this pack's sources")
        for name, value in cv.items()
        for s in value.sources
        if s not in sources
    ]
