"""A rule pack: one jurisdiction's regulator, sources, rules and open questions.

Packs are data (YAML under ``wayhome/packs/<CODE>/pack.yaml``), read by
``wayhome.adapters.packs``; this module holds their schema and the checks that
span fields (references, ordering, uniqueness), which a per-field schema cannot
express. docs/rule-packs.md documents the format.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Final

from pydantic import BaseModel, Field

from wayhome.core.common.problems import Problem
from wayhome.core.common.specialties import SPECIALTIES, nearest
from wayhome.core.common.strict import Country, Slug, SpecialtyId, StrictModel, new_list
from wayhome.core.common.vocabulary import DOCUMENT_KINDS, POSTS
from wayhome.core.planner.template import TaskTemplate
from wayhome.core.rules.base import CONFIRMED_SOURCE, Source
from wayhome.core.rules.conditions import Condition, FactTest
from wayhome.core.rules.cv_conventions import CvConventions, check_cv_sources
from wayhome.core.rules.kinds import AnyRule
from wayhome.core.rules.kinds.exams import ExamRule

FICTIONAL_CODE: Final = "XX"
RETURN_EVENTS: Final = ("application", "return", "post")
EXAM_EVENT_PREFIX: Final = "exam:"


class Contact(StrictModel):
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    url: str | None = None


class Regulator(StrictModel):
    name: str = Field(min_length=1)
    website: str | None
    foreign_training_page: str | None = None
    contact: Contact | None = None
    note: str | None = None


class Specialties(StrictModel):
    """The specialties the regulator recognises, where a source lists them."""

    source: str
    names: list[str] = Field(min_length=1)
    # The regulator's own words mapped to the shared list (core/common/specialties.py):
    # {"Innere Medizin": internal-medicine}; each key is one of ``names``.
    shared: dict[str, SpecialtyId] = Field(default_factory=dict)
    note: str | None = None


class PackUnknown(StrictModel):
    """Something that matters and that no reliable source answers."""

    id: Slug
    question: str = Field(min_length=1)
    why: str = Field(min_length=1)
    applies_when: Condition | None = None


class PackKind(StrEnum):
    REGULATOR = "regulator"  # a home regulator: recognition, exams, windows
    IMMIGRATION = "immigration"  # the US side: visa clocks; it gives no pathway


class Pack(StrictModel):
    code: str = Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{2,10})?$")
    name: str = Field(min_length=1)
    country: Country
    kind: PackKind = PackKind.REGULATOR
    fictional: bool = False
    version: str = Field(min_length=1)
    reviewed: date
    regulator: Regulator
    notes: list[str] = Field(default_factory=new_list)
    sources: dict[Slug, Source]
    specialties: Specialties | None = None
    # Posts of this jurisdiction beyond the shared ones, id -> what it is:
    # {senior-registrar: "a senior registrar post"}.
    posts: dict[Slug, str] = Field(default_factory=dict)
    # Document kinds of this jurisdiction beyond the shared ones, id -> what it is.
    document_kinds: dict[Slug, str] = Field(default_factory=dict)
    rules: list[AnyRule] = Field(default_factory=new_list)
    unknowns: list[PackUnknown] = Field(default_factory=new_list)
    # Research facts (ids in the research notes) about this regulator that the
    # pack does not use, each with the reason: every P- and S-graded fact is
    # either cited by a source's `facts` or listed here.
    facts_not_used: dict[str, str] = Field(default_factory=dict)
    # Tasks this regulator's process adds to the plan (same format as the guide's).
    tasks: list[TaskTemplate] = Field(default_factory=new_list)
    # What a CV for this jurisdiction shows and how (core/rules/cv_conventions.py); None:
    # the pack says nothing about CVs, and the CV is laid out in US style.
    cv: CvConventions | None = None

    def exam(self, rule_id: str) -> ExamRule | None:
        for r in self.rules:
            if isinstance(r, ExamRule) and r.id == rule_id:
                return r
        return None

    def rule(self, rule_id: str) -> AnyRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def in_words(self, text: str) -> str:
        """``text`` with this pack's rule ids in words: a rule by its title, an open
        question as "the question for the regulator" (ids stay in JSON, never in a
        sentence)."""
        if "-" not in text:
            return text
        asked = {u.id for u in self.unknowns}
        # "an open question (br-abms-rqe)": the id adds nothing to the words.
        text = _ID_ALONE.sub(lambda m: "" if m.group(1) in asked else m.group(0), text)
        names = {r.id: f"“{r.title}”" for r in self.rules}
        names.update((u, "the open question for the regulator") for u in asked)
        return _ID.sub(lambda m: names.get(m.group(0), m.group(0)), text)

    def covers(self, target: str) -> bool:
        """A target names this pack exactly, or its country (all its regulators)."""
        return target in (self.code, self.country)


# A rule or question id in a sentence: lower-case words joined by hyphens.
_ID: Final = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
_ID_ALONE: Final = re.compile(r" \(([a-z0-9]+(?:-[a-z0-9]+)+)\)")


def check_pack(pack: Pack) -> list[Problem]:
    """Problems that span fields: ids, references, version order, fiction."""
    problems: list[Problem] = []
    if pack.code[:2] != pack.country:
        problems.append(
            Problem(("code",), f"code '{pack.code}' must start with the country '{pack.country}'")
        )
    if (pack.code == FICTIONAL_CODE) != pack.fictional:
        problems.append(
            Problem(
                ("fictional",),
                f"only the {FICTIONAL_CODE} pack is fictional, "
                "and it must say so: made-up rules never sit "
                "in a real pack",
            )
        )
    if CONFIRMED_SOURCE in pack.sources:
        problems.append(
            Problem(
                ("sources", CONFIRMED_SOURCE),
                f"'{CONFIRMED_SOURCE}' is reserved for the user's own answers",
            )
        )
    if pack.specialties and pack.specialties.source not in pack.sources:
        problems.append(
            Problem(
                ("specialties", "source"),
                f"no source '{pack.specialties.source}' in this pack's sources",
            )
        )
    if pack.specialties:
        problems += [
            Problem(("specialties", "shared", name), f"'{name}' is not one of the pack's names")
            for name in pack.specialties.shared
            if name not in pack.specialties.names
        ]
    problems += [
        Problem(path, _unknown_specialty(value))
        for path, value in _specialty_values(pack, ())
        if value not in SPECIALTIES
    ]
    posts = known_posts(pack)
    problems += [
        Problem(path, f"unknown post '{value}'; posts here: {', '.join(posts)}")
        for path, value in _condition_values(pack, (), "posts")
        if value not in posts
    ]
    problems += [
        Problem(("posts", post), f"'{post}' is a shared post already: remove it here")
        for post in pack.posts
        if post in POSTS
    ]
    problems += [
        Problem(("document_kinds", k), f"'{k}' is a shared document kind already: remove it here")
        for k in pack.document_kinds
        if k in DOCUMENT_KINDS
    ]
    seen: dict[str, int] = {}
    for i, rule in enumerate(pack.rules):
        if rule.id in seen:
            problems.append(
                Problem(
                    ("rules", i, "id"),
                    f"duplicate rule id '{rule.id}' (also rules[{seen[rule.id]}])",
                )
            )
        seen.setdefault(rule.id, i)
        problems += _check_posts(pack, ("rules", i, "posts"), rule.posts or [])
        for k, version in enumerate(rule.versions):
            for post in getattr(version, "by_post", None) or {}:
                problems += _check_posts(pack, ("rules", i, "versions", k, "by_post"), [post])
        problems += _check_document_kinds(pack, i, rule)
        problems += _check_produced_by(pack, i, rule)
        problems += _check_event(pack, i, rule.event)
        problems += _check_versions(pack, i, rule)
    problems += check_cv_sources(pack.cv, pack.sources)
    ids: set[str] = set()
    for i, u in enumerate(pack.unknowns):
        if u.id in ids or u.id in seen:
            problems.append(Problem(("unknowns", i, "id"), f"duplicate id '{u.id}'"))
        ids.add(u.id)
    return problems


def _specialty_values(
    node: object, path: tuple[str | int, ...]
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every value a condition on ``specialty`` tests, wherever it sits in the pack."""
    return _condition_values(node, path, "specialty")


def _condition_values(
    node: object, path: tuple[str | int, ...], fact: str
) -> list[tuple[tuple[str | int, ...], str]]:
    """Every value a condition on ``fact`` tests, wherever it sits in the pack."""
    if isinstance(node, FactTest):
        if node.fact != fact:
            return []
        op = node.op
        return [((*path, op, k), v) for k, v in enumerate(node.operand(op) or [])]
    if isinstance(node, BaseModel):
        return [
            found
            for name, field in type(node).model_fields.items()
            for found in _condition_values(getattr(node, name), (*path, field.alias or name), fact)
        ]
    if isinstance(node, list | tuple):
        return [
            found for k, x in enumerate(node) for found in _condition_values(x, (*path, k), fact)
        ]
    return []


def _unknown_specialty(value: str) -> str:
    near = ", ".join(s.slug for s in nearest(value)) or "none close"
    return (
        f"'{value}' is not a specialty of the shared list (core/common/specialties.py): "
        f"nearest {near}"
    )


def known_posts(pack: Pack | None) -> dict[str, str]:
    """The posts a rule or a profile may name for this pack: the shared ones and its own."""
    return {**POSTS, **(pack.posts if pack else {})}


def known_document_kinds(pack: Pack | None) -> dict[str, str]:
    """The document kinds a rule or a profile may name: the shared ones and the pack's."""
    return {**DOCUMENT_KINDS, **(pack.document_kinds if pack else {})}


def _check_document_kinds(pack: Pack, i: int, rule: object) -> list[Problem]:
    known = known_document_kinds(pack)
    problems: list[Problem] = []
    for k, v in enumerate(getattr(rule, "versions", [])):
        path: tuple[str | int, ...] = ("rules", i, "versions", k)
        tagged = [((*path, "kind"), getattr(v, "kind", None))]
        tagged += [
            ((*path, "documents", d, "kind"), item.kind)
            for d, item in enumerate(getattr(v, "documents", None) or [])
        ]
        problems += [
            Problem(where, f"unknown document kind '{kind}'; kinds: {', '.join(known)}")
            for where, kind in tagged
            if kind is not None and kind not in known
        ]
    return problems


PRODUCERS: Final = ("exam", "local_training", "required_documents")


def _check_produced_by(pack: Pack, i: int, rule: object) -> list[Problem]:
    """A document's ``produced_by`` names an exam, local training or required documents
    of this pack (its own rule: the application they are for, once granted), and its
    kind is the pack's own: a shared kind would be matched by a document the physician
    holds from elsewhere (a foreign diploma taken for the one revalidated at home)."""
    problems: list[Problem] = []
    for k, v in enumerate(getattr(rule, "versions", [])):
        for d, item in enumerate(getattr(v, "documents", None) or []):
            ref = getattr(item, "produced_by", None)
            if ref is None:
                continue
            shared = getattr(item, "kind", None)
            if shared in DOCUMENT_KINDS:
                problems.append(
                    Problem(
                        ("rules", i, "versions", k, "documents", d, "kind"),
                        f"a document a later step makes needs a kind of this pack's own "
                        f"(under document_kinds): '{shared}' is shared, so a "
                        f"{DOCUMENT_KINDS[shared]} held from elsewhere would be taken for it",
                    )
                )
            producer = pack.rule(ref)
            if producer is None or producer.kind not in PRODUCERS:
                names = [r.id for r in pack.rules if r.kind in PRODUCERS]
                problems.append(
                    Problem(
                        ("rules", i, "versions", k, "documents", d, "produced_by"),
                        f"'{ref}' is not an exam, local training or required documents of "
                        f"this pack (rules: {', '.join(names) or 'none'})",
                    )
                )
    return problems


def _check_posts(pack: Pack, path: tuple[str | int, ...], posts: list[str]) -> list[Problem]:
    known = known_posts(pack)
    return [
        Problem(path, f"unknown post '{post}'; posts here: {', '.join(known)}")
        for post in posts
        if post not in known
    ]


def _check_event(pack: Pack, i: int, event: str) -> list[Problem]:
    if event in RETURN_EVENTS:
        return []
    if event.startswith(EXAM_EVENT_PREFIX):
        exam_id = event.removeprefix(EXAM_EVENT_PREFIX)
        if pack.exam(exam_id) is not None:
            return []
        exams = [r.id for r in pack.rules if isinstance(r, ExamRule)]
        return [
            Problem(
                ("rules", i, "event"),
                f"no exam '{exam_id}' in this pack (exams: {', '.join(exams) or 'none'})",
            )
        ]
    return [
        Problem(
            ("rules", i, "event"),
            f"'{event}' is not an event: use {', '.join(RETURN_EVENTS)} or exam:<id>",
        )
    ]


def _check_versions(pack: Pack, i: int, rule: object) -> list[Problem]:
    """Versions in the pack's order: a known start (a day, or a range) after the previous
    known one; only the first may leave out ``from``. An exam's versions need known
    starts and no conditions of their own: its sittings are dated from them."""
    problems: list[Problem] = []
    previous: tuple[date, date] | None = None  # the last known start (first, last day)
    exam = isinstance(rule, ExamRule)
    for j, v in enumerate(getattr(rule, "versions", [])):
        path = ("rules", i, "versions", j)
        first, last = v.start_bounds()
        if j > 0 and v.from_ is None:
            problems.append(
                Problem(
                    (*path, "from"),
                    "only the first version may leave out 'from' (write 'from: unknown' "
                    "when no source gives the date)",
                )
            )
        elif first is not None and last is not None:
            if previous is not None and not previous[0] < last:
                problems.append(
                    Problem(
                        (*path, "from"),
                        "versions must be in date order, each with a later 'from' "
                        "(only the first may omit it)",
                    )
                )
            previous = (first, last)
        if exam and not v.start_known:
            problems.append(
                Problem(
                    (*path, "from"),
                    "an exam's versions need a known 'from': its sittings are dated from it",
                )
            )
        if exam and v.applies_when is not None:
            problems.append(
                Problem(
                    (*path, "applies_when"),
                    "an exam's versions apply to everyone the exam applies to: put the "
                    "condition on the rule",
                )
            )
        for source in v.sources:
            if source not in pack.sources:
                problems.append(
                    Problem((*path, "source"), f"no source '{source}' in this pack's sources")
                )
    return problems
