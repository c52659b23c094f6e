"""The documents a plan needs: the guide's list and each regulator's, with their steps.

Each item's steps come in the order its regulator requires (apostille before a
sworn translation); validity comes from the pack (a certificate of good standing
accepted only within N months of issue), judged against the planned submission.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.data import slug
from wayhome.core.rules.base import version_labelled
from wayhome.core.rules.kinds.required_documents import (
    DocumentValidityRule,
    RequiredDocumentsRule,
    valid_through,
)
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Report

# The guide's own list: what to collect while you are still in training, and, to keep
# US doors open, your US work papers.
GUIDE: Final = (
    "Medical school diploma",
    "Residency certificate",
    "Fellowship certificate",
    "Board certificates",
    "Training transcripts and procedure logbooks",
    "Letters of good standing from every programme and licensing board",
    "Final evaluation letters with exact start and end dates",
    "Employment verification",
    "Language certificates",
    "US work papers: contracts, pay stubs, W-2s",
)
# The guide's documents that have a kind in the shared vocabulary.
GUIDE_KINDS: Final = {
    "Medical school diploma": "primary-degree",
    "Residency certificate": "training-certificate",
    "Fellowship certificate": "training-certificate",
    "Board certificates": "board-certificate",
    "Letters of good standing from every programme and licensing board": "good-standing",
    "Employment verification": "experience-letter",
    "Language certificates": "language-certificate",
}
EXPIRY_ALERT_DAYS: Final = 90


class Needed(Struct, frozen=True):
    """A document a plan needs: whose it is, its steps, how long it stays valid."""

    key: str
    name: str
    jurisdiction: str  # "" for the guide's own
    steps: tuple[str, ...]
    valid_months: int | None
    kind: str | None = None  # the document kind, when the guide or the pack gives one
    verification: str | None = None  # primary-source verification (DataFlow), a last step
    lead_time: dates.Span | None = None  # typical time to obtain or verify it
    note: str | None = None


def needed(report: Report, packs: list[Pack]) -> list[Needed]:
    by_code = {p.code: p for p in packs}
    out = {slug(n): Needed(slug(n), n, "", (), None, GUIDE_KINDS.get(n)) for n in GUIDE}
    for a in report.assessments:
        pack = by_code.get(a.jurisdiction)
        if pack is None:
            continue
        applied = {f.rule: f for f in a.findings}
        validity: dict[str, int] = {}
        for rule in pack.rules:
            f = applied.get(rule.id)
            if f is None:
                continue
            version = version_labelled(rule, f.rule_version)
            if isinstance(rule, DocumentValidityRule) and version.document and version.months:
                validity[version.document.lower()] = version.months
        for rule in pack.rules:
            f = applied.get(rule.id)
            if f is None or not isinstance(rule, RequiredDocumentsRule):
                continue
            version = version_labelled(rule, f.rule_version)
            for d in version.documents or []:
                months = next((m for doc, m in validity.items() if doc in d.name.lower()), None)
                if d.valid_for and months is None:
                    months = d.valid_for.years * 12 + d.valid_for.months or None
                key = f"{slug(a.jurisdiction)}-{slug(d.name)}"
                out[key] = Needed(
                    key,
                    d.name,
                    a.jurisdiction,
                    tuple(d.steps),
                    months,
                    d.kind,
                    d.verification,
                    d.lead_time.span if d.lead_time else None,
                    d.note,
                )
    return list(out.values())


def valid_until(issued: date | None, months: int | None) -> date | None:
    if issued is None or months is None:
        return None
    return valid_through(issued, dates.Span(months=months))


def alerts(name: str, issued: date | None, months: int | None, on: date, submit: date) -> list[str]:
    until = valid_until(issued, months)
    if until is None or issued is None:
        return []
    out = []
    if on <= until <= on + timedelta(days=EXPIRY_ALERT_DAYS):
        out.append(
            f"{name}: accepted only until {dates.fmt(until)} ({months} months from "
            f"issue): use it or renew it."
        )
    if until < submit:
        out.append(
            f"{name}: issued {dates.fmt(issued)}, it will be too old on "
            f"your planned submission ({dates.fmt(submit)}): it is accepted only "
            f"within {months} months of issue, to {dates.fmt(until)}. Ask for a new "
            "one nearer the date."
        )
    return out
