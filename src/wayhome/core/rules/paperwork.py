"""Each required document against the ones you hold: how long yours stays valid, and
where it stands on the day you apply.

A pack's required documents (and its validity rules) name a document *kind*; the
profile's ``documents[]`` (for the stored profile, the document records) give each
kind's issue date. Valid through = issue date + validity, by the one period
convention (the issue date is day 1). On the application date a document is
``valid``, ``expired`` (with ``request_by``: the last day to ask for a new one so it
arrives in time, by its lead time), ``missing`` (none of that kind held), ``later``
(none held yet, and a later step makes it: a pass certificate, a registration; the
pack's ``produced_by``), or ``unknown`` (no validity known, or the pack gives the
document no kind to match).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from wayhome.core.common import dates
from wayhome.core.common.periods import Counting
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import version_labelled
from wayhome.core.rules.kinds.required_documents import (
    DocumentItem,
    DocumentValidityRule,
    RequiredDocumentsRule,
    counted_from_issue,
    valid_through,
)
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import DocumentStatus, Finding


class Standing(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    MISSING = "missing"
    LATER = "later"
    UNKNOWN = "unknown"


def statuses(
    pack: Pack | None, findings: Sequence[Finding], facts: ProfileFacts
) -> tuple[DocumentStatus, ...]:
    """Every document the applicable required-documents rules list, judged on the day of
    applying."""
    if pack is None:
        return ()
    applied = {f.rule: f for f in findings}
    # document kind (or name) -> (validity, how its rule counts it)
    validity: dict[str, tuple[dates.Span, Counting | None]] = {}
    for rule in pack.rules:
        f = applied.get(rule.id)
        if f is None or not isinstance(rule, DocumentValidityRule):
            continue
        v = version_labelled(rule, f.rule_version)
        if v.months:
            span = (dates.Span(months=v.months), rule.counting)
            if v.kind:
                validity[v.kind] = span
            if v.document:
                validity[v.document.lower()] = span
    out: list[DocumentStatus] = []
    for rule in pack.rules:
        f = applied.get(rule.id)
        if f is None or not isinstance(rule, RequiredDocumentsRule):
            continue
        for item in version_labelled(rule, f.rule_version).documents or []:
            out.append(_status(item, validity, facts, pack))
    return tuple(out)


def _validity(
    item: DocumentItem, validity: dict[str, tuple[dates.Span, Counting | None]]
) -> tuple[dates.Span, Counting | None] | None:
    if item.valid_for is not None:
        return item.valid_for.span, None
    if item.kind and item.kind in validity:
        return validity[item.kind]
    name = item.name.lower()
    return next((span for doc, span in validity.items() if " " in doc and doc in name), None)


def _status(
    item: DocumentItem,
    validity: dict[str, tuple[dates.Span, Counting | None]],
    facts: ProfileFacts,
    pack: Pack,
) -> DocumentStatus:
    applying = facts.application_date
    request_by = (
        dates.subtract_span(applying, item.lead_time.span) if item.lead_time is not None else None
    )
    held = [d for d in facts.documents_of(item.kind) if d.issued] if item.kind else []
    issued: date | None = held[0].issued if held else None
    known = _validity(item, validity)
    last_valid = None
    counted = ""  # how the validity is counted, in words
    if issued is not None and known is not None:
        last_valid = valid_through(issued, *known)
        counted = f" ({counted_from_issue(known[1])})"
    if item.kind is None:
        standing = Standing.UNKNOWN
        why = "The pack gives this document no kind, so Wayhome cannot match yours to it."
    elif issued is None and item.produced_by is not None:
        standing = Standing.LATER
        step = pack.rule(item.produced_by)
        why = (
            f"It comes from a later step ({step.title if step else item.produced_by}), "
            "not from what you collect before applying."
        )
    elif issued is None:
        standing = Standing.MISSING
        why = "Your profile has no document of this kind with its issue date."
    elif last_valid is None:
        standing = Standing.UNKNOWN
        why = "No source says how long it stays valid: ask the regulator."
    elif last_valid >= applying:
        standing = Standing.VALID
        why = f"Valid through {dates.fmt(last_valid)}{counted}, on or after your application."
    else:
        standing = Standing.EXPIRED
        why = (
            f"Valid through {dates.fmt(last_valid)}{counted}, before your application on "
            f"{dates.fmt(applying)}: ask for a new one"
            + (f" by {dates.fmt(request_by)}." if request_by else ".")
        )
    return DocumentStatus(
        kind=item.kind,
        name=item.name,
        issued=issued,
        valid_through=last_valid,
        status=standing.value,
        request_by=request_by if standing in (Standing.EXPIRED, Standing.MISSING) else None,
        explanation=why,
    )
