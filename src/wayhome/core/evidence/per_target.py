"""Documents per target: what each chosen regulator's pack asks for, and the guide's own
list, with a document that several of them ask for shown once, with all it serves.

Two asks are one document when they name the same document *kind* (a primary degree is
one diploma, whether India or Dubai asks for it); an ask with no kind is a document of its
own. A document's steps are every step any of its asks gives, in the order each regulator
requires, each step naming whom it is for, with a primary-source verification as a last
step; its validity is the shortest any target accepts, its lead time the longest.

A target whose pack lists no documents for this physician says why: the open questions
of its document rules (India's registration of a US qualification has no published list),
or that none of its lists applies.

Public surface: :func:`checklist` (a report and packs in, a :class:`Checklist` out),
:class:`Requirement`, :class:`TargetDocuments`, :func:`target_label`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from msgspec import Struct

from wayhome.core.common.countries import country_name
from wayhome.core.common.dates import Span
from wayhome.core.common.vocabulary import DOCUMENT_KINDS
from wayhome.core.evidence.documents import Needed, needed
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Report

GUIDE: Final = ""  # the source of the guide's own list


def target_label(pack: Pack) -> str:
    """A target in a few words: its country ("India"), or for a regulator within a
    country its own name ("Dubai Health Authority (DHA)")."""
    return pack.name if "-" in pack.code else country_name(pack.code)


class Ask(Struct, frozen=True):
    """What one source (a pack's code, or the guide) asks of a document."""

    source: str
    name: str
    key: str = ""  # the need's own key (core/evidence/documents.py)
    steps: tuple[str, ...] = ()
    verification: str | None = None
    lead_time: Span | None = None
    valid_months: int | None = None
    note: str | None = None

    @classmethod
    def of(cls, need: Needed) -> Ask:
        return cls(
            need.jurisdiction,
            need.name,
            need.key,
            need.steps,
            need.verification,
            need.lead_time,
            need.valid_months,
            need.note,
        )


class Step(Struct, frozen=True):
    """A step to obtain a document, with whose step it is."""

    text: str
    sources: tuple[str, ...]  # whose step it is: pack codes, "" for the guide


def _days(span: Span) -> int:
    """A span's rough length, only to find the longest lead time."""
    return span.years * 366 + span.months * 31 + span.days


class Requirement(Struct, frozen=True):
    """One document, with every source that asks for it (targets first, in the plan's
    order, then the guide)."""

    key: str  # the first ask's key: a record made for it is stored under it
    kind: str | None
    asks: tuple[Ask, ...]

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.source for a in self.asks if a.source != GUIDE))

    @property
    def keys(self) -> tuple[str, ...]:
        """Every ask's own key: a record stored under one of them is this document's."""
        return tuple(dict.fromkeys(a.key for a in self.asks))

    @property
    def on_guide(self) -> bool:
        return any(a.source == GUIDE for a in self.asks)

    @property
    def name(self) -> str:
        """The first target's name for it; the guide's when no target asks, or the kind's
        words when the guide names several of one kind (a residency and a fellowship
        certificate)."""
        names = list(dict.fromkeys(a.name for a in self.asks))
        if not self.targets and len(names) > 1 and self.kind in DOCUMENT_KINDS:
            words = DOCUMENT_KINDS[self.kind]
            return words[0].upper() + words[1:]
        return names[0]

    @property
    def other_names(self) -> tuple[str, ...]:
        return tuple(n for n in dict.fromkeys(a.name for a in self.asks) if n != self.name)

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every ask's steps, then its verification; one step asked by several sources is
        one step naming them all."""
        order: dict[str, tuple[str, list[str]]] = {}
        for a in self.asks:
            for text in (*a.steps, *([a.verification] if a.verification else [])):
                key = " ".join(text.casefold().split())
                entry = order.setdefault(key, (text, []))
                if a.source not in entry[1]:
                    entry[1].append(a.source)
        return tuple(Step(text, tuple(sources)) for text, sources in order.values())

    @property
    def valid_months(self) -> int | None:
        """The shortest validity any source gives (None: none gives one)."""
        months = [a.valid_months for a in self.asks if a.valid_months]
        return min(months) if months else None

    @property
    def validity_from(self) -> tuple[str, ...]:
        """The sources whose validity is the shortest."""
        least = self.valid_months
        return tuple(a.source for a in self.asks if least and a.valid_months == least)

    @property
    def lead_time(self) -> Span | None:
        spans = [a.lead_time for a in self.asks if a.lead_time]
        return max(spans, key=_days) if spans else None

    @property
    def lead_time_from(self) -> tuple[str, ...]:
        longest = self.lead_time
        return tuple(
            a.source
            for a in self.asks
            if longest and a.lead_time and _days(a.lead_time) == _days(longest)
        )

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """(source, note) for each ask with a note."""
        return tuple((a.source, a.note) for a in self.asks if a.note)

    def serves(self, code: str) -> bool:
        return code in self.targets


class TargetDocuments(Struct, frozen=True):
    """One target's part of the checklist."""

    code: str
    name: str  # the pack's name
    label: str  # in a few words (target_label)
    own: tuple[str, ...]  # keys of the documents only this target asks for
    shared: tuple[str, ...]  # keys of those it shares with another target
    questions: tuple[str, ...]  # open questions of its document rules that apply
    why_none: str = ""  # when it asks for no document: why, in words

    @property
    def keys(self) -> tuple[str, ...]:
        return (*self.shared, *self.own)


class Checklist(Struct, frozen=True):
    """Each target's documents, one asked for by several listed once."""

    requirements: tuple[Requirement, ...]  # shared ones first, then each target's, the guide's
    targets: tuple[TargetDocuments, ...]

    def get(self, key: str) -> Requirement | None:
        return next((r for r in self.requirements if r.key == key), None)

    @property
    def shared(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if len(r.targets) > 1)

    def only_for(self, code: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.targets == (code,))

    @property
    def guide_only(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.targets)

    def for_target(self, code: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.serves(code))

    def label(self, source: str) -> str:
        """A source in a few words: a target's label, or "the guide"."""
        if source == GUIDE:
            return "the guide"
        return next((t.label for t in self.targets if t.code == source), source)


def checklist(report: Report, packs: Sequence[Pack], targets: Sequence[str]) -> Checklist:
    """Each target's documents (``targets``: pack codes in the plan's order; a code with
    no pack, or none of the report's, is left out) and the guide's, one entry per document."""
    by_code = {p.code: p for p in packs}
    assessed = {a.jurisdiction: a for a in report.assessments}
    codes = [c for c in dict.fromkeys(targets) if c in by_code and c in assessed]
    rank = {c: i for i, c in enumerate(codes)}
    asks: dict[str, list[tuple[Needed, Ask]]] = {}
    for need in needed(report, list(packs)):
        if need.jurisdiction != GUIDE and need.jurisdiction not in rank:
            continue
        name = f"kind:{need.kind}" if need.kind else f"key:{need.key}"
        asks.setdefault(name, []).append((need, Ask.of(need)))
    requirements = []
    for group in asks.values():
        group.sort(key=lambda na: rank.get(na[1].source, len(rank)))
        first = group[0][0]
        requirements.append(Requirement(first.key, first.kind, tuple(a for _, a in group)))

    def order(r: Requirement) -> tuple[int, int]:
        ts = r.targets
        if len(ts) > 1:
            return (0, 0)
        return (1, rank[ts[0]]) if ts else (2, 0)

    requirements.sort(key=order)  # stable: each source's own order is kept
    sections = []
    for code in codes:
        mine = [r for r in requirements if r.serves(code)]
        questions = tuple(
            f.question
            for f in assessed[code].findings
            if f.kind == "required_documents" and f.question
        )
        why = ""
        if not mine:
            why = (
                "Its pack has no published list of documents for your case: ask the "
                "regulator (the questions below)."
                if questions
                else "None of its pack's lists of documents applies to your case."
            )
        sections.append(
            TargetDocuments(
                code,
                by_code[code].name,
                target_label(by_code[code]),
                own=tuple(r.key for r in mine if len(r.targets) == 1),
                shared=tuple(r.key for r in mine if len(r.targets) > 1),
                questions=questions,
                why_none=why,
            )
        )
    return Checklist(tuple(requirements), tuple(sections))
