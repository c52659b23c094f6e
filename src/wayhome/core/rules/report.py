"""What an assessment says: frozen results, and their JSON form.

The JSON shape is a contract (docs/assess-json.md; the web app and scripts
read it): add fields freely, never rename or remove one.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Final, Literal

from msgspec import Struct, field

from wayhome.core.common.data import iso
from wayhome.core.common.dates import add_months, fmt
from wayhome.core.rules.base import Pathway
from wayhome.core.rules.kinds.exams import Sitting


class Status(StrEnum):
    MISSED = "missed"  # the deadline is before the assessment date
    CONFLICT = "conflict"  # the plan falls after the deadline, or before an earliest date
    # No plan can meet it: no attempts left at an exam, a course outside its window.
    BLOCKED = "blocked"
    TIGHT = "tight"  # less than 12 months between the plan and the deadline
    OK = "ok"
    UNKNOWN = "unknown"  # the pack or the profile lacks what the rule needs
    # The pack cannot say which version is in force on the date, and they disagree.
    INDETERMINATE = "indeterminate"
    INFO = "info"  # no dates to compare


# The statuses that break a plan: a what-if marks where they start.
BREAKING = frozenset({Status.MISSED, Status.CONFLICT, Status.BLOCKED})
# The statuses that are not an answer but a question to put to someone.
OPEN = frozenset({Status.UNKNOWN, Status.INDETERMINATE})
# The reason given for a date the pack's unknown boundary decides (with the rule named).
INDETERMINATE_REASON: Final = "indeterminate"
# The reasons given when the latest attempt at an exam, not the return, decides a window
# rule (no sitting after it is in time): its result is not out yet, or it was a fail.
HANGS_ON_RESULT_REASON: Final = "hangs_on_result"
NO_SITTING_IN_TIME_REASON: Final = "no_sitting_in_time"
STALE_MONTHS: Final = 18


class SourceRef(Struct, frozen=True):
    """A source a finding rests on: its title, address, dates and grade."""

    title: str
    url: str | None
    as_of: date | None
    reviewed: date | None
    grade: str  # regulator, secondary, informal; "none" when nothing was published
    confirmed: bool = False  # what the regulator told the physician (as_of: that day)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "as_of": iso(self.as_of),
            "reviewed": iso(self.reviewed),
            "grade": self.grade,
        }

    @property
    def published(self) -> bool:
        """A source was found (not the pack's "no published source")."""
        return self.grade != "none"

    @property
    def details(self) -> str:
        """Its grade and dates in words, after its title: "regulator, dated 1 Mar 2015,
        checked 24 Nov 2026"; for a confirmation, the day you were told."""
        if self.confirmed:
            return f"told {fmt(self.as_of)}" if self.as_of else "no date given"
        dated = f"dated {fmt(self.as_of)}" if self.as_of else "undated"
        checked = f", checked {fmt(self.reviewed)}" if self.reviewed else ""
        return f"{self.grade}, {dated}{checked}"

    def stale_on(self, on: date) -> bool:
        """Undated, or dated more than 18 months before ``on``: confirm it first."""
        return self.as_of is None or add_months(self.as_of, STALE_MONTHS) < on

    def stale_text(self) -> str:
        """Why a stale source needs confirming, in words."""
        if self.confirmed:
            if self.as_of is None:
                return (
                    "STALE: your confirmation has no date. Add the day the regulator told "
                    "you to its evidence, or ask again."
                )
            return (
                f"STALE: the regulator told you on {fmt(self.as_of)}, over {STALE_MONTHS} "
                "months ago: ask again."
            )
        if not self.published:
            return "No published source was found: confirm it with the regulator."
        age = f"dated {fmt(self.as_of)}" if self.as_of else "undated"
        old = f"over {STALE_MONTHS} months old" if self.as_of else "it shows no date"
        return f"STALE: the source is {age} ({old}): confirm it with the regulator."


class VersionOutcome(Struct, frozen=True):
    """What one version that may be in force says, when the pack cannot say which is."""

    rule_version: str | None  # None: the rule may not be in force yet on that date
    since: str  # when it took effect, in words
    status: Status
    deadline: date | None
    earliest: date | None
    explanation: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_version": self.rule_version,
            "since": self.since,
            "status": self.status.value,
            "deadline": iso(self.deadline),
            "earliest": iso(self.earliest),
            "explanation": self.explanation,
        }


class Finding(Struct, frozen=True):
    """One rule's finding: its status, dates and the arithmetic in words."""

    rule: str
    title: str
    kind: str
    status: Status
    deadline: date | None
    earliest: date | None
    plan: str | None  # the planned date of the governed event (ISO date or month)
    explanation: str
    rule_version: str
    source: SourceRef
    confirmed_by_user: bool = False
    stale: bool = False  # the source is undated or over 18 months old on the assessment date
    question: str | None = None  # what to ask the regulator
    to_add: str | None = None  # what to add to the profile (a to-do for the physician)
    pack_says: str | None = None  # when confirmed_by_user overrides a pack rule
    completed_on: date | None = None  # the last day of the period the rule counts
    # When the pack cannot say which version is in force: what each says.
    outcomes: tuple[VersionOutcome, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "title": self.title,
            "kind": self.kind,
            "status": self.status.value,
            "deadline": iso(self.deadline),
            "earliest": iso(self.earliest),
            "completed_on": iso(self.completed_on),
            "plan": self.plan,
            "explanation": self.explanation,
            "rule_version": self.rule_version,
            "source": self.source.to_json(),
            "confirmed_by_user": self.confirmed_by_user,
            "stale": self.stale,
        }
        if self.question:
            out["question"] = self.question
        if self.to_add:
            out["to_add"] = self.to_add
        if self.pack_says:
            out["pack_says"] = self.pack_says
        if self.outcomes:
            out["outcomes"] = [o.to_json() for o in self.outcomes]
        return out


def sitting_words(label: str) -> str:
    """A sitting's label in words: "15 Mar 2027" (2027-03-15), "Mar 2028" (2028-03)."""
    return Sitting.of_label(label).words


class ExamOutlook(Struct, frozen=True):
    """An exam's outlook: the next sittings, the one planned, attempts and the pass."""

    rule: str
    name: str
    purpose: str
    next_sittings: tuple[str, ...]
    planned_sitting: str | None
    registration_deadline: date | None
    attempts: int | None
    passed: date | None
    # to_sit, pending, failed (attempts left), blocked (none left) or passed
    status: str = "to_sit"
    attempts_used: int = 0  # at this exam, or its pool
    attempts_left: int | None = None  # None: no limit published, or not known
    valid_until: date | None = None  # the last day a pass is valid
    to_confirm: str | None = None  # why the planned sitting's date is not firm
    blocked_reason: str | None = None
    registered: bool = False  # you registered for the planned sitting (plan.registered)

    @property
    def next_sittings_text(self) -> str:
        """The next sittings in words ("15 Mar 2027, Mar 2028"); empty when none known."""
        return ", ".join(sitting_words(s) for s in self.next_sittings)

    @property
    def planned_sitting_text(self) -> str | None:
        return sitting_words(self.planned_sitting) if self.planned_sitting else None

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "purpose": self.purpose,
            "status": self.status,
            "next_sittings": list(self.next_sittings),
            "planned_sitting": self.planned_sitting,
            "planned_sitting_to_confirm": self.to_confirm,
            "planned_sitting_registered": self.registered,
            "registration_deadline": iso(self.registration_deadline),
            "attempts": self.attempts,
            "attempts_used": self.attempts_used,
            "attempts_left": self.attempts_left,
            "passed": iso(self.passed),
            "valid_until": iso(self.valid_until),
            "blocked_reason": self.blocked_reason,
        }


class DocumentStatus(Struct, frozen=True):
    """A required document against the one held, on the day of applying."""

    kind: str | None
    name: str
    issued: date | None
    valid_through: date | None
    status: str  # valid, expired, missing, later, unknown
    request_by: date | None  # expired or missing: the last day to ask for a new one
    explanation: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "issued": iso(self.issued),
            "valid_through": iso(self.valid_through),
            "status": self.status,
            "request_by": iso(self.request_by),
            "explanation": self.explanation,
        }


class Question(Struct, frozen=True):
    """A question the pack leaves open for the regulator, and why it matters."""

    question: str
    why: str
    rule: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"question": self.question, "why": self.why}
        if self.rule:
            out["rule"] = self.rule
        return out


class ToAdd(Struct, frozen=True):
    """What the physician should add to the profile for a rule to be judged."""

    what: str
    why: str
    rule: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"what": self.what, "why": self.why}
        if self.rule:
            out["rule"] = self.rule
        return out


class SittingRegistration(Struct, frozen=True):
    """A sitting a date or a status of the assessment hangs on, and when registration for
    it closes (the verdict weighs it: core/planner/register.py)."""

    rule: str  # the rule that hangs on it: the exam itself, or a rule on its sitting
    # "latest": the last sitting the rule allows, which sets the latest safe return;
    # "plan": the sitting the plan counts on (the first after the return it allows)
    role: Literal["latest", "plan"]
    exam: str  # the exam's name
    exam_rule: str  # the exam's rule id (the plan's tasks for it are keyed by it)
    sitting: Sitting
    closes: date  # the last day to register (still open that day)
    limit: date | None  # the rule's last day for the sitting; None for the exam itself
    # The first later sitting whose registration is still open on the assessment day
    # (or says no deadline), and whether it is still in time for the rule (None: no limit).
    after: Sitting | None = None
    after_closes: date | None = None
    after_in_time: bool | None = None
    registered: bool = False  # you registered for it (plan.registered): open to you


class Assessment(Struct, frozen=True):
    """One jurisdiction's assessment: its pathway, safe dates, findings and questions."""

    jurisdiction: str
    name: str
    pack_version: str | None
    pack_reviewed: date | None
    fictional: bool
    pathway: Pathway | None  # None for a pack that recognises nothing (the US visa rules)
    latest_safe_return: date | None
    earliest_return: date | None
    findings: tuple[Finding, ...]
    exams: tuple[ExamOutlook, ...]
    unknowns: tuple[Question, ...]  # questions for the regulator
    # The rule that sets each date, or why there is none (nothing limits it, or some
    # rules could not be judged).
    latest_safe_return_rule: str | None = None
    latest_safe_return_reason: str | None = None
    # With those two reasons, the words saying so (shown on the card, not in the JSON).
    latest_safe_return_note: str | None = None
    earliest_return_rule: str | None = None
    earliest_return_reason: str | None = None
    posts: tuple[str, ...] = ()  # the posts sought
    posts_note: str | None = None  # how they were chosen when the profile does not say
    # Rules only for posts not sought: shown, never setting a date or the route.
    other_posts: tuple[Finding, ...] = ()
    # Each required document against the one held, on the application date.
    documents: tuple[DocumentStatus, ...] = ()
    application_date: date | None = None  # the planned application, when not the return
    # What to add to the profile so the rules it lacks can be judged (never a question).
    to_add: tuple[ToAdd, ...] = ()
    # The sittings its dates and statuses hang on, with their registration: said in the
    # verdict's words (its card's `registration`), not in the assessment's JSON.
    registrations: tuple[SittingRegistration, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "name": self.name,
            "pack_version": self.pack_version,
            "pack_reviewed": iso(self.pack_reviewed),
            "fictional": self.fictional,
            "pathway": self.pathway.value if self.pathway else None,
            "latest_safe_return": iso(self.latest_safe_return),
            "latest_safe_return_rule": self.latest_safe_return_rule,
            "latest_safe_return_reason": self.latest_safe_return_reason,
            "earliest_return": iso(self.earliest_return),
            "earliest_return_rule": self.earliest_return_rule,
            "earliest_return_reason": self.earliest_return_reason,
            "posts": list(self.posts),
            "posts_note": self.posts_note,
            "findings": [f.to_json() for f in self.findings],
            "other_posts": [f.to_json() for f in self.other_posts],
            "exams": [e.to_json() for e in self.exams],
            "application_date": iso(self.application_date),
            "documents": [d.to_json() for d in self.documents],
            "unknowns": [u.to_json() for u in self.unknowns],
            "to_add": [t.to_json() for t in self.to_add],
        }


class Report(Struct, frozen=True):
    """The results of an assessment on a day, one assessment per jurisdiction."""

    on: date
    profile_id: str
    return_date: date
    assessments: tuple[Assessment, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "profile_id": self.profile_id,
            "return_date": self.return_date.isoformat(),
            "assessments": [a.to_json() for a in self.assessments],
        }
