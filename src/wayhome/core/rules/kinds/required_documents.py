"""Documents: what an application needs, and how fresh each must be."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates, periods
from wayhome.core.common.periods import Counting
from wayhome.core.common.strict import Slug, StrictModel, new_list
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import Duration, Evaluation, Rule, Version


class DocumentValidityVersion(Version):
    REQUIRED: ClassVar = ("document", "months")

    document: str | None = None
    months: int | None = Field(None, ge=1, le=120)
    kind: Slug | None = None  # the document kind (core/common/vocabulary.py, or the pack's)


def counted_from_issue(counting: Counting | None = None) -> str:
    """How a document's validity is counted, in words, for its explanation."""
    how = periods.counting_for("document_validity", "issued", counting)
    return (
        "the issue date is day 1" if how is Counting.ON else "the day after the issue date is day 1"
    )


def valid_through(issued: date, span: dates.Span, counting: Counting | None = None) -> date:
    """The last day a document issued on ``issued`` is accepted: its validity counted
    from the issue date as day 1, unless the rule counts otherwise."""
    how = periods.counting_for("document_validity", "issued", counting)
    return periods.period(issued, span, how).completed_on


def earliest_issue(submit: date, months: int, counting: Counting | None = None) -> date:
    """The earliest issue date whose validity still covers ``submit``."""
    span = dates.Span(months=months)

    def last_valid(issued: date) -> date:
        return valid_through(issued, span, counting)

    issued = dates.subtract_span(submit, span)
    while last_valid(issued) < submit:
        issued += timedelta(days=1)
    while last_valid(issued - timedelta(days=1)) >= submit:
        issued -= timedelta(days=1)
    return issued


class DocumentValidityRule(Rule):
    """A document accepted only within ``months`` of its issue."""

    kind: Literal["document_validity"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[DocumentValidityVersion] = Field(min_length=1)

    def evaluate(self, version: DocumentValidityVersion, facts: ProfileFacts) -> Evaluation:
        assert version.document is not None and version.months is not None
        submit = facts.application_date
        span = dates.Span(months=version.months)
        issued = earliest_issue(submit, version.months, self.counting)
        counted = counted_from_issue(self.counting)
        basis = (
            f"A {version.document} is accepted only within {version.months} months of "
            f"issue ({counted}). To apply on {dates.fmt(submit)}, have it issued no earlier "
            f"than {dates.fmt(issued)} (and ask early: the issuing office may take weeks)."
        )
        held = facts.documents_of(version.kind)[:1] if version.kind else []
        if held and held[0].issued is not None:
            through = valid_through(held[0].issued, span, self.counting)
            fits = "still valid then" if through >= submit else "too old by then"
            basis += (
                f" Yours was issued {dates.fmt(held[0].issued)} and is valid through "
                f"{dates.fmt(through)}: {fits}."
            )
        return Evaluation(basis=basis, convention=periods.PERIOD_CONVENTION)


class DocumentItem(StrictModel):
    name: str = Field(min_length=1)
    kind: Slug | None = None  # the document kind, matched with the profile's documents
    steps: list[str] = Field(default_factory=new_list)  # in the order the regulator requires
    verification: str | None = None  # primary-source verification, e.g. by DataFlow
    lead_time: Duration | None = None  # typical time to obtain or verify it
    valid_for: Duration | None = None  # accepted only this long after issue
    # A rule of the same pack whose step produces it, so it cannot be collected before
    # applying: an exam (its pass), local training (its completion) or required documents
    # (the application they are for, once granted). pack.check_pack checks the id.
    produced_by: Slug | None = None
    note: str | None = None


class DocumentsVersion(Version):
    REQUIRED: ClassVar = ("documents",)

    documents: list[DocumentItem] | None = None


class RequiredDocumentsRule(Rule):
    kind: Literal["required_documents"]
    versions: list[DocumentsVersion] = Field(min_length=1)

    def evaluate(self, version: DocumentsVersion, facts: ProfileFacts) -> Evaluation:
        assert version.documents is not None
        items = []
        for d in version.documents:
            extra = list(d.steps)
            if d.verification:
                extra.append(d.verification)
            if d.lead_time:
                extra.append(f"allow {d.lead_time.span.describe()}")
            if d.valid_for:
                extra.append(f"valid {d.valid_for.span.describe()} from issue")
            item = d.name + (f" ({' → '.join(extra)})" if extra else "")
            items.append(item + (f" [{d.note}]" if d.note else ""))
        return Evaluation(basis="Documents needed: " + "; ".join(items) + ".")
