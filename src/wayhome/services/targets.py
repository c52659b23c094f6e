"""One target's page: everything the rules say for one regulator (or the US visa rules),
the detail behind its card on the dashboard.

:func:`compose` is pure (a plan and the packs in, a :class:`TargetDetail` out);
:func:`detail` reads the owner's plan from storage. The page shows each finding with its
arithmetic and source, what sets the latest safe and the earliest return, the rules for
posts the person does not seek (apart: they set no date), the exams with their sittings
and attempts, the documents with their validity, the questions for the regulator with
the email, and the plan's tasks for this target.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Final, overload

from msgspec import Struct

from wayhome.adapters import packs as pack_files
from wayhome.adapters import profiles
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.evidence import ask
from wayhome.core.planner.results import Task
from wayhome.core.planner.template import Category
from wayhome.core.planner.verdict import Card
from wayhome.core.profile.model import Profile
from wayhome.core.rules.pack import Pack, PackKind
from wayhome.core.rules.prepare import select_codes
from wayhome.core.rules.registered import naming
from wayhome.core.rules.report import Assessment, ExamOutlook, Finding, Question
from wayhome.services import planning
from wayhome.services.assessment import verdict_of
from wayhome.services.source import from_store

EXAM_STATUS: Final = {
    "to_sit": "TO SIT",
    "pending": "RESULT PENDING",
    "failed": "FAILED, ATTEMPTS LEFT",
    "blocked": "NO ATTEMPTS LEFT",
    "passed": "PASSED",
}


class UnknownTargetError(Exception):
    """The plan has no target with this code."""


class Limit(Struct, frozen=True):
    """What sets a date (the latest safe or the earliest return): the rule, or why none."""

    when: date | None
    rule: Finding | None  # the finding of the rule that sets it
    reason: str | None  # why there is no date, or what it rests on


class Exam(Struct, frozen=True):
    """An exam's outlook, its sittings in words ("Sep 2028", "15 Mar 2027")."""

    outlook: ExamOutlook
    next_sittings: tuple[str, ...]
    planned_sitting: str | None
    # The sittings you said you registered for (plan.registered): (label, in words).
    registered: tuple[tuple[str, str], ...] = ()

    @property
    def status(self) -> str:
        return EXAM_STATUS.get(self.outlook.status, self.outlook.status)


class TargetDetail(Struct, frozen=True):
    on: date
    return_date: date
    assessment: Assessment
    latest: Limit
    earliest: Limit
    exams: tuple[Exam, ...]
    email: ask.Email | None  # None for the visa rules: there is no regulator to ask
    tasks: tuple[Task, ...]  # the plan's tasks for this target, in date order
    visa: bool  # the US rules, not a home regulator
    pack_code: str | None  # the pack behind it, for its page; None: no bundled pack
    # Its card on the dashboard (None: the US rules): the page says what training counts
    # as in the card's words, and lists the card's questions first.
    card: Card | None = None

    @property
    def code(self) -> str:
        return self.assessment.jurisdiction

    @property
    def open_questions(self) -> tuple[Question, ...]:
        """The questions of the rules still open for the posts sought: the card's."""
        return self.card.questions if self.card is not None else ()

    @property
    def other_questions(self) -> tuple[Question, ...]:
        """The rest of the pack's questions for this person (rules already judged,
        other posts, topics the pack is silent on)."""
        first = set(self.open_questions)
        return tuple(q for q in self.assessment.unknowns if q not in first)

    @property
    def questions_words(self) -> str:
        """How many questions there are to ask, as the card and this page both say it."""
        return questions_words(len(self.open_questions), len(self.assessment.unknowns))


def questions_words(open_: int, total: int) -> str:
    """The questions to ask in a few words: those for the rules still open for the posts
    sought, and all the pack's for this person when there are more ("3 open questions
    for your posts (9 in all)"). The dashboard's card and the target's page say this."""
    total = max(total, open_)
    if open_ == 0:
        return f"{total} question{'s' if total != 1 else ''} to ask" if total else ""
    words = f"{open_} open question{'s' if open_ != 1 else ''} for your posts"
    return f"{words} ({total} in all)" if total > open_ else words


def questions_by_target(cards: Sequence[Card], assessments: Sequence[Assessment]) -> dict[str, str]:
    """:func:`questions_words` for each card, by its regulator's code."""
    total = {a.jurisdiction: len(a.unknowns) for a in assessments}
    return {c.code: questions_words(len(c.questions), total.get(c.code, 0)) for c in cards}


def _registered(profile: Profile, packs: Sequence[Pack], exam: str) -> tuple[tuple[str, str], ...]:
    """The sittings of ``exam`` the profile says you registered for, each once."""
    labels = dict.fromkeys(
        e.label for e in profile.plan.registered if naming(profile, packs, exam, e.label)
    )
    return tuple((label, sitting(label)) for label in labels)


def compose(planned: planning.Planned, packs: Sequence[Pack], code: str) -> TargetDetail:
    """The target ``code`` (a jurisdiction, e.g. IN or US) in ``planned``; any case."""
    a = next((a for a in planned.report.assessments if a.jurisdiction == code.upper()), None)
    if a is None:
        raise UnknownTargetError(code)
    pack = next((p for p in packs if p.code == a.jurisdiction), None)
    visa = a.pathway is None
    by_rule = {f.rule: f for f in a.findings}
    card = (
        None
        if visa
        else next((c for c in verdict_of(planned).cards if c.code == a.jurisdiction), None)
    )
    return TargetDetail(
        on=planned.report.on,
        return_date=planned.profile.plan.return_date,
        assessment=a,
        latest=Limit(
            a.latest_safe_return,
            by_rule.get(a.latest_safe_return_rule or ""),
            a.latest_safe_return_reason,
        ),
        earliest=Limit(
            a.earliest_return, by_rule.get(a.earliest_return_rule or ""), a.earliest_return_reason
        ),
        exams=tuple(
            Exam(
                e,
                tuple(map(sitting, e.next_sittings)),
                sitting(e.planned_sitting),
                _registered(planned.profile, packs, e.rule),
            )
            for e in a.exams
        ),
        email=None if visa else ask.draft(planned.profile, a, pack, planned.report.on),
        tasks=tuple(
            sorted(
                (t for t in planned.plan.tasks if _belongs(t, a.jurisdiction, visa)),
                key=lambda t: (t.start, t.end),
            )
        ),
        visa=visa,
        pack_code=pack.code if pack else None,
        card=card,
    )


@overload
def sitting(label: str) -> str: ...
@overload
def sitting(label: None) -> None: ...
def sitting(label: str | None) -> str | None:
    """A sitting's label (2028-09 or 2027-03-15) in words."""
    if label is None:
        return None
    if len(label) == len("2028-09"):
        return dates.fmt_month(date.fromisoformat(label + "-01"))
    return dates.fmt(date.fromisoformat(label))


def _belongs(t: Task, code: str, visa: bool) -> bool:
    return t.spec.jurisdiction == code or (visa and t.spec.category is Category.VISA)


def detail(owner: Any, on: date, code: str) -> TargetDetail:
    """The owner's target ``code`` as today's plan assesses it (UnknownTargetError: the
    plan has no such target)."""
    return compose(planning.plan(from_store(owner), on), pack_files.load_packs(), code)


class MenuEntry(Struct, frozen=True):
    code: str
    name: str
    visa: bool  # the US rules: under "Money & visa", not "Targets"


class Menu(Struct, frozen=True):
    """What the header lists for the owner: their profile's id and its targets' pages."""

    pk: int
    targets: tuple[MenuEntry, ...]


def menu(owner: Any) -> Menu | None:
    """The owner's profile and the targets its plan assesses (the codes the engine picks,
    so that every page listed exists), read without assessing; None: no profile yet. A
    profile that no longer loads lists no targets (web/security.py says what to fix)."""
    row = StoredProfile.objects.filter(owner=owner).only("pk", "data").first()
    if row is None:
        return None
    try:
        profile = profiles.from_data(dict(row.data))
    except InvalidFileError:
        return Menu(row.pk, ())
    packs = {p.code: p for p in pack_files.load_packs()}
    entries = []
    for code in select_codes(profile, list(packs.values()), None):
        pack = packs.get(code)
        name = pack.name if pack else country_name(code[:2])
        entries.append(
            MenuEntry(code, name, pack is not None and pack.kind is PackKind.IMMIGRATION)
        )
    return Menu(row.pk, tuple(entries))
