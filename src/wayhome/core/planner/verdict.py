"""The answer on one screen: for each target regulator, in the person's order of
preference, what US training counts as there, one status word with its reason, the
latest safe and the earliest return with the rule that sets each, the registration for
the sitting they hang on when it closes soon or has closed (core/planner/register.py), and
the next action; then the next dated actions across targets and the visa, and the US
clocks.

Computed once, here, from the assessment and the plan (and the visa clocks), so the
dashboard, `wayhome assess` (text, ``--brief`` and ``--json``) say the same thing.
Only the findings for the posts sought count (the assessment keeps rules for other
posts apart, in ``other_posts``): nothing on a card comes from a rule for another post.

Public surface: :func:`verdict` (a report, a plan, the targets and the clocks in, a
:class:`Verdict` out), :class:`Standing` (the five status words), :class:`Card`,
:class:`Bound`, :class:`Action`, :data:`FAR_YEARS`; :func:`bounds` (the two dates of any
assessment in those words, for the full report and the scenarios).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any, Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.data import iso
from wayhome.core.planner import register
from wayhome.core.planner.due import when_words
from wayhome.core.planner.register import Registration
from wayhome.core.planner.results import Plan, Task, TaskStatus
from wayhome.core.rules.base import Pathway
from wayhome.core.rules.report import (
    HANGS_ON_RESULT_REASON,
    INDETERMINATE_REASON,
    NO_SITTING_IN_TIME_REASON,
    OPEN,
    Assessment,
    Finding,
    Question,
    Report,
    Status,
    ToAdd,
)
from wayhome.core.visa.clocks import Clock

# A latest safe return further than this after the planned return is no headline: it is
# shown as what it is ("no limit before 11 Apr 2061: ..."), as an age limit decades away.
FAR_YEARS: Final = 10
NEXT_ACTIONS: Final = 5  # the next dated actions under the cards
CARDS_SHOWN: Final = 4  # cards that fit side by side above the fold; more in a short list


class Standing(StrEnum):
    """A target's status in one word (its value is the word shown)."""

    BLOCKED = "blocked"  # a missed deadline or a blocked exam: the plan cannot fix it
    AT_RISK = "at risk"  # the plan breaks a rule (a conflict)
    TIGHT = "tight"  # under 12 months to spare
    OPEN_QUESTION = "open question"  # an unknown that decides the route or a date
    ON_TRACK = "on track"


# Worst first: a target takes the first standing any of its findings has.
_STANDING_OF: Final = (
    (Standing.BLOCKED, frozenset({Status.MISSED, Status.BLOCKED})),
    (Standing.AT_RISK, frozenset({Status.CONFLICT})),
    (Standing.TIGHT, frozenset({Status.TIGHT})),
    (Standing.OPEN_QUESTION, OPEN),
)

TRAINING_WORDS: Final = {
    Pathway.FULL_SPECIALIST: "recognised as a specialist",
    Pathway.PROVISIONAL: "a specialist with limits at first (provisional)",
    Pathway.CONVERSION: "not directly: local exams or years first",
    Pathway.NOT_RECOGNISED: "not recognised as specialist training",
    Pathway.UNKNOWN: "not known — ask",
}


class Bound(Struct, frozen=True):
    """A date on a card (the latest safe or the earliest return) and the rule setting it."""

    day: date | None
    rule: str | None  # the rule's id
    rule_title: str | None
    text: str  # in words, as the card and the terminal show it
    far: bool = False  # more than FAR_YEARS after the planned return: not a headline
    reason: str = ""  # why this date, or why none: what sets it and what is still open

    @property
    def line(self) -> str:
        """The words with the rule that sets a date (a far limit's text names it)."""
        if self.day is not None and not self.far and self.rule_title:
            return f"{self.text} ({self.rule_title})"
        return self.text

    def to_json(self) -> dict[str, Any]:
        return {
            "date": iso(self.day),
            "rule": self.rule,
            "rule_title": self.rule_title,
            "text": self.text,
            "far": self.far,
            "reason": self.reason,
        }


class Action(Struct, frozen=True):
    """A task to do next, with its date; overdue ones say by how long."""

    task: str
    title: str
    jurisdiction: str | None
    start: date
    due: date | None  # the last day it may finish
    status: str  # the task's status: planned, late, conflict
    overdue_days: int  # 0 when not overdue

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def when(self) -> str:
        """Its date in words, as every shell says it (core/planner/due.py)."""
        return when_words(self.start, self.due, self.overdue_days)

    def to_json(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "start": self.start.isoformat(),
            "due": iso(self.due),
            "status": self.status,
            "overdue_days": self.overdue_days,
            "when": self.when,
        }


class Card(Struct, frozen=True):
    """One target regulator's verdict."""

    code: str  # the regulator (IN, AE-DHA)
    name: str
    target: str  # the entry of plan.targets that brings it (IN, AE or AE-DHA)
    rank: int  # that entry's place in plan.targets: 0 is the plan, the rest backups
    pathway: Pathway | None
    training: str  # what US training counts as, in words
    training_note: str | None  # what qualifies it (an exam first, a question open)
    status: Standing
    reason: str
    reason_rule: str | None
    latest: Bound
    earliest: Bound
    next_action: Action | None
    questions: tuple[Question, ...]  # what to ask: the open findings' questions
    fictional: bool = False
    to_add: tuple[ToAdd, ...] = ()  # what to add to the profile for open findings
    # The sitting the latest safe return or the status hangs on, when its registration
    # closes soon or has closed (core/planner/register.py).
    registration: Registration | None = None

    @property
    def country(self) -> str:
        return self.code[:2]

    @property
    def label(self) -> str:
        """In a few words: its country (India), or a regulator within a country by its
        own name (Dubai Health Authority (DHA))."""
        return self.name if "-" in self.code else country_name(self.country)

    @property
    def role(self) -> str:
        return "your plan" if self.rank == 0 else "backup"

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.code,
            "name": self.name,
            "target": self.target,
            "rank": self.rank,
            "role": self.role,
            "country": self.country,
            "country_name": country_name(self.country),
            "label": self.label,
            "pathway": self.pathway.value if self.pathway else None,
            "training_counts_as": self.training,
            "training_note": self.training_note,
            "status": self.status.value,
            "reason": self.reason,
            "reason_rule": self.reason_rule,
            "latest_safe_return": self.latest.to_json(),
            "earliest_return": self.earliest.to_json(),
            "next_action": self.next_action.to_json() if self.next_action else None,
            "questions": [q.to_json() for q in self.questions],
            "to_add": [t.to_json() for t in self.to_add],
            "registration": self.registration.to_json() if self.registration else None,
            "fictional": self.fictional,
        }


class Group(Struct, frozen=True):
    """The cards of one country (a country with several regulators has several)."""

    country: str
    name: str
    cards: tuple[Card, ...]


class Verdict(Struct, frozen=True):
    """The answer on one screen: a card per target, the next actions and the US clocks."""

    on: date
    return_date: date
    cards: tuple[Card, ...]  # in the order of plan.targets
    actions: tuple[Action, ...]  # the next dated actions across targets and the visa
    clocks: tuple[Clock, ...]  # the US visa clocks, as `wayhome visa` gives them
    # The return is before US training ends (the plan's early.warning): said once, above
    # the cards, since it is the same for every target.
    early: str | None = None

    def groups(self, cards: Sequence[Card] | None = None) -> list[Group]:
        """The cards (all, or those given) by country, in the order each country first
        comes."""
        order: dict[str, list[Card]] = {}
        for card in self.cards if cards is None else cards:
            order.setdefault(card.country, []).append(card)
        return [Group(c, country_name(c), tuple(cards)) for c, cards in order.items()]

    def shown(self, room: int = CARDS_SHOWN) -> tuple[list[Group], tuple[Card, ...]]:
        """The first ``room`` cards by country, and the rest (a compact list)."""
        return self.groups(self.cards[:room]), self.cards[room:]

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "return_date": self.return_date.isoformat(),
            "targets": [c.to_json() for c in self.cards],
            "next_actions": [a.to_json() for a in self.actions],
            "us_clocks": [c.to_json() for c in self.clocks],
            "before_training_ends": self.early,
        }


def verdict(
    report: Report,
    plan: Plan,
    targets: Sequence[str],
    clocks: Sequence[Clock] = (),
    limit: int = NEXT_ACTIONS,
) -> Verdict:
    """The verdict per target regulator (those ``targets`` bring, in their order), the
    next ``limit`` actions, and the clocks."""
    on = report.on
    todo = _todo(plan.tasks, on)
    cards = []
    for a in report.assessments:
        entry = _target_of(a.jurisdiction, targets)
        if entry is None:
            continue  # the US side: its clocks have their own line
        rank = list(targets).index(entry)
        mine = [t for t in todo if t.jurisdiction == a.jurisdiction]
        if rank == 0 or not mine:
            # The guide's own tasks are the plan's (and a backup's with none of its own).
            mine = [t for t in todo if t.jurisdiction in (a.jurisdiction, None)]
        cards.append(_card(a, entry, rank, report, mine[0] if mine else None))
    cards.sort(key=lambda c: c.rank)  # stable: a country's regulators keep their order
    return Verdict(
        on, report.return_date, tuple(cards), tuple(todo[:limit]), tuple(clocks), plan.early
    )


def _target_of(code: str, targets: Sequence[str]) -> str | None:
    """The entry of plan.targets that brings regulator ``code`` (itself or its country)."""
    return next((t for t in targets if t in (code, code[:2])), None)


def _todo(tasks: Sequence[Task], on: date) -> list[Action]:
    """Work still to do, not snoozed: first what closes within REGISTRATION_NEAR_DAYS (an
    exam's registration: it cannot be done late, so it goes before overdue work, which
    still can), the soonest first; then overdue work (the longest overdue first); then by
    start and the last day it may finish."""
    out = []
    for t in tasks:
        if t.spec.milestone or t.status in (TaskStatus.DONE, TaskStatus.SKIPPED):
            continue
        if t.snoozed_on(on):
            continue
        late = t.status is TaskStatus.LATE and t.due is not None and t.due < on
        overdue = (on - t.due).days if late and t.due is not None else 0
        closes = t.due if t.spec.closing and _near(t.due, on) else None
        out.append(
            (
                closes or date.max,
                Action(
                    t.id, t.spec.title, t.spec.jurisdiction, t.start, t.due, t.status.value, overdue
                ),
            )
        )
    out.sort(
        key=lambda c: (
            c[0],
            not c[1].overdue,
            -c[1].overdue_days,
            c[1].start,
            c[1].due or date.max,
            c[1].task,
        )
    )
    return [a for _, a in out]


def _near(due: date | None, on: date) -> bool:
    """A last day from today to REGISTRATION_NEAR_DAYS ahead: the card's registration line
    shows a sitting's from the same day (register.weighed)."""
    return due is not None and 0 <= (due - on).days <= register.REGISTRATION_NEAR_DAYS


def _card(a: Assessment, entry: str, rank: int, report: Report, action: Action | None) -> Card:
    status, reason, reason_rule = _standing(a)
    open_rules = {f.rule for f in a.findings if f.status in OPEN}
    questions = tuple(q for q in a.unknowns if q.rule in open_rules)
    if a.pack_version is None and a.unknowns:
        questions = (a.unknowns[0], *questions)  # no pack: the first question is "what rules?"
    training, note = _training(a)
    latest, earliest = bounds(a, report.return_date)
    # The status hangs on a sitting only when it is that sitting's: tight, or missed.
    hangs = status in (Standing.TIGHT, Standing.BLOCKED)
    registration = register.weighed(
        a,
        report.on,
        latest.rule if latest.day is not None and not latest.far else None,
        reason_rule if hangs else None,
    )
    return Card(
        code=a.jurisdiction,
        name=a.name,
        target=entry,
        rank=rank,
        pathway=a.pathway,
        training=training,
        training_note=note,
        status=status,
        reason=reason,
        reason_rule=reason_rule,
        latest=latest,
        earliest=earliest,
        next_action=action,
        questions=questions,
        fictional=a.fictional,
        to_add=tuple(t for t in a.to_add if t.rule in open_rules),
        registration=registration,
    )


def _standing(a: Assessment) -> tuple[Standing, str, str | None]:
    """The worst status among the findings for the posts sought, with its reason."""
    if a.pack_version is None:
        return (
            Standing.OPEN_QUESTION,
            f"Wayhome has no rule pack for {a.jurisdiction} yet: ask the regulator",
            None,
        )
    for standing, statuses in _STANDING_OF:
        hits = [f for f in a.findings if f.status in statuses]
        if standing is Standing.OPEN_QUESTION:
            # The route first: what training counts as decides everything after it.
            hits.sort(key=lambda f: f.kind != "recognition")
        if hits:
            more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
            return standing, _reason(hits[0], a) + more, hits[0].rule
    if a.pathway is Pathway.UNKNOWN:
        return Standing.OPEN_QUESTION, "What your US training counts as: not known — ask", None
    return Standing.ON_TRACK, "Every rule that applies to you fits your plan", None


def _reason(f: Finding, a: Assessment) -> str:
    match f.status:
        case Status.MISSED if (
            a.latest_safe_return_reason == NO_SITTING_IN_TIME_REASON
            and a.latest_safe_return_rule == f.rule
        ):
            return f"{f.title}: no sitting left before its last day, {_day(f.deadline)}"
        case Status.MISSED:
            return f"{f.title}: the last day was {_day(f.deadline)}"
        case Status.BLOCKED:
            exam = next((e for e in a.exams if e.rule == f.rule), None)
            why = exam.blocked_reason if exam and exam.blocked_reason else "no plan can meet it"
            return f"{f.title}: {why}"
        case Status.CONFLICT if f.deadline is not None:
            return f"{f.title}: last day {_day(f.deadline)}, before your plan"
        case Status.CONFLICT:
            return f"{f.title}: not before {_day(f.earliest)}, after your plan"
        case Status.TIGHT:
            return f"{f.title}: last day {_day(f.deadline)}, under 12 months to spare"
        case Status.INDETERMINATE:
            return f"{f.title}: the pack cannot tell which version applies — ask"
        case _:
            return f"{f.title}: not known — ask"


def _day(d: date | None) -> str:
    return dates.fmt(d) if d else "—"


def _title(a: Assessment, rule: str | None) -> str | None:
    return next((f.title for f in a.findings if f.rule == rule), rule)


def _training(a: Assessment) -> tuple[str, str | None]:
    """What US training counts as, in words, and what qualifies it. While a rule on it is
    open, it is not known (the status names that rule): what another rule says is a note."""
    if a.pathway is None:
        return "not a recognition question (immigration rules)", None
    words = TRAINING_WORDS[a.pathway]
    first = next(
        (e for e in a.exams if e.status != "passed" and e.purpose == "licensing"),
        None,
    )
    if a.pathway is Pathway.CONVERSION:
        exam = first or next((e for e in a.exams if e.status != "passed"), None)
        if exam is not None:
            return f"the {exam.name} first", None
        return words, None
    note = f"the {first.name} first, for a licence" if first is not None else None
    unsure = [f for f in a.findings if f.kind == "recognition" and f.status in OPEN]
    if a.pathway is not Pathway.UNKNOWN and unsure:
        # Another rule on what training counts as is still open (India: registration):
        # the answer is not known; what the rules already judged say is only a note.
        known = next(
            (f for f in a.findings if f.kind == "recognition" and f.status not in OPEN), None
        )
        also = f"{known.title}: {words}" if known is not None else None
        note = "; ".join(n for n in (note, also) if n) or None
        return TRAINING_WORDS[Pathway.UNKNOWN], note
    return words, note


def bounds(a: Assessment, back: date) -> tuple[Bound, Bound]:
    """The latest safe and the earliest return of an assessment, in the words every shell
    shows (the cards, `wayhome assess` in full, the scenarios), each with its reason."""
    return _latest(a, back), _earliest(a)


def _latest(a: Assessment, back: date) -> Bound:
    day, rule = a.latest_safe_return, a.latest_safe_return_rule
    title = _title(a, rule)
    if a.pack_version is None:
        return Bound(None, None, None, NO_PACK, reason=_no_pack(a, "a deadline on your return"))
    if day is not None:
        also = _unsure(a, "earlier")
        if day > dates.add_years(back, FAR_YEARS):
            text = _caveat(f"no limit before {dates.fmt(day)}: {title}", a)
            why = (
                f"Set by {title}, more than {FAR_YEARS} years after your return: "
                "no limit to plan by."
            )
            return Bound(day, rule, title, text, far=True, reason=why + also)
        return Bound(day, rule, title, dates.fmt(day), reason=f"Set by {title}." + also)
    if a.latest_safe_return_reason == INDETERMINATE_REASON:
        return _undatable(rule, title)
    if a.latest_safe_return_reason in (HANGS_ON_RESULT_REASON, NO_SITTING_IN_TIME_REASON):
        # The latest attempt at an exam decides it, whatever the return (judge.out_of_reach).
        note = a.latest_safe_return_note or ""
        words = (
            "cannot tell yet: " + note
            if a.latest_safe_return_reason == HANGS_ON_RESULT_REASON
            else note
        )
        return Bound(None, rule, title, words, reason=note[:1].upper() + note[1:] + ".")
    return Bound(None, None, None, _caveat("no limit found", a), reason=_why_none(a, "latest"))


def _undatable(rule: str | None, title: str | None) -> Bound:
    """A date the pack cannot give: a change it cannot date decides it."""
    return Bound(
        None,
        rule,
        title,
        f"cannot tell: the pack does not know when {title} changed",
        reason=f"The pack does not know when {title} changed, and that decides it.",
    )


def _earliest(a: Assessment) -> Bound:
    day, rule = a.earliest_return, a.earliest_return_rule
    title = _title(a, rule)
    if a.pack_version is None:
        return Bound(None, None, None, NO_PACK, reason=_no_pack(a, "when a return may start"))
    if day is not None:
        return Bound(
            day, rule, title, dates.fmt(day), reason=f"Set by {title}." + _unsure(a, "later")
        )
    if a.earliest_return_reason == INDETERMINATE_REASON:
        return _undatable(rule, title)
    return Bound(
        None, None, None, _caveat("now: nothing opens later", a), reason=_why_none(a, "earliest")
    )


NO_PACK: Final = "not known: no rule pack yet"


def _no_pack(a: Assessment, what: str) -> str:
    return (
        f"Wayhome has no rule pack for {a.jurisdiction} yet: nothing is known about {what} "
        "there. Ask the regulator."
    )


def _why_none(a: Assessment, which: str) -> str:
    latest = which == "latest"
    given = a.latest_safe_return_reason if latest else a.earliest_return_reason
    if given:
        return given
    return (
        "No rule that applies to you sets a deadline on your return."
        if latest
        else ("Nothing that applies to you opens later than today.")
    )


def _open(a: Assessment) -> list[str]:
    return [f.title for f in a.findings if f.status in OPEN]


def _unsure(a: Assessment, way: str) -> str:
    """The rules not judged, that may still move a date ``way`` (earlier, later)."""
    titles = _open(a)
    if not titles:
        return ""
    n = len(titles)
    return (
        f" {n} rule{'s' if n > 1 else ''} could not be judged for you ({'; '.join(titles)}): "
        f"{'their answers' if n > 1 else 'its answer'} may set an {way} one."
    )


def _caveat(words: str, a: Assessment) -> str:
    """An answer that says there is no limit to plan by (none, or one decades away), with
    the open questions that may still set one. The same for every target."""
    unknown = len(_open(a))
    if not unknown:
        return words
    # Rules, not questions: a rule may wait on something to add to the profile instead.
    few = (
        "the rule not judged yet says"
        if unknown == 1
        else f"the {unknown} rules not judged yet say"
    )
    return f"{words}, unless {few} otherwise"
