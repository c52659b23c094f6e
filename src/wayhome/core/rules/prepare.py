"""Preparing a pack for a profile: each rule's versions evaluated once, with its
sources, its governed event (the return, or an exam's sitting) and whether it applies.

Nothing in a deadline depends on the return date, so this is done once per profile;
judging a return date afterwards is a lookup (:mod:`wayhome.core.rules.judge`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.data import a_or_an
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.common.problems import Problem, ProblemsError
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import ConfirmedRule, Profile
from wayhome.core.rules import attempts, conditions
from wayhome.core.rules.attempts import AttemptState
from wayhome.core.rules.base import CONFIRMED_SOURCE, Evaluation, Source
from wayhome.core.rules.confirmed import told_on, with_confirmed
from wayhome.core.rules.kinds.exams import ExamRule, Schedule, Sitting
from wayhome.core.rules.pack import EXAM_EVENT_PREFIX, Pack, known_document_kinds, known_posts
from wayhome.core.rules.registered import Booked, registered
from wayhome.core.rules.report import Question, SourceRef

# Exam sittings are generated this far around the dates that matter.
PAST_YEARS: Final = 25
FUTURE_YEARS: Final = 30


class Event(Struct, frozen=True):
    """When the governed event happens: a day, or a month's first..last day."""

    start: date
    end: date
    sitting: Sitting | None = None


class Prepared(Struct, frozen=True):
    """One rule, ready to be judged for any return date.

    Each version k may have started on any day of ``starts[k]`` … ``latest_starts[k]``
    (the same day when its start is known), and applies to this physician when
    ``uses[k]``. On a given day the version in force is the latest started one that
    applies; when a start is not known, several may be (:meth:`candidates`).
    """

    rule: Any  # a KindRule
    applies: conditions.Outcome
    starts: tuple[date, ...]  # the first day each version may have started on
    evals: tuple[Evaluation | None, ...]  # None: repealed from that date
    labels: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    exam: ExamRule | None  # the exam whose sitting is the governed event
    schedule: Schedule | None  # that exam's sittings (or the rule's own, for an exam)
    passed: date | None  # when that exam (or this one) was passed
    confirmed: bool = False
    pack_says: str | None = None
    other_posts: bool = False  # it governs only posts the physician does not seek
    latest_starts: tuple[date, ...] = ()  # the last day each version may have started on
    uses: tuple[bool, ...] = ()  # the version's own applies_when holds (or is not given)
    simple: bool = True  # every start known and every version applies: bisect
    attempts: AttemptState | None = None  # the governed exam's attempts, used and left
    # The sittings left out of ``schedule`` because their registration closed before the
    # assessment day, in order (registration.py and the exam's finding say them): for a
    # rule on an exam's sitting those still to come, for the exam itself past ones too.
    closed: tuple[Sitting, ...] = ()
    # The governed exam's sittings you registered for (plan.registered): open to you
    # whenever their registration closed, so kept in ``schedule``.
    registered: frozenset[Sitting] = frozenset()
    # A rule checked at the application, with its planned day (plan.applications): the
    # event no longer moves with the return.
    applied_on: date | None = None

    @property
    def is_exam(self) -> bool:
        return isinstance(self.rule, ExamRule)

    def candidates(self, day: date) -> tuple[int | None, ...]:
        """The versions that may be in force on ``day``, latest first; None: the rule may
        not be in force yet. One entry when the pack can say which."""
        if self.simple:
            i = bisect_right(self.starts, day) - 1
            return (i if i >= 0 else None,)
        out: list[int | None] = []
        for k in range(len(self.starts) - 1, -1, -1):
            if self.starts[k] > day or not self.uses[k]:
                continue  # not started yet, or not for this physician
            out.append(k)
            if self.latest_starts[k] <= day:
                return tuple(out)  # certainly started: earlier versions are over
        out.append(None)
        return tuple(out)

    def index_at(self, day: date) -> int | None:
        """The version in force on ``day`` (the latest that may be, when unsure)."""
        return self.candidates(day)[0]

    def eval_at(self, day: date) -> Evaluation | None:
        i = self.index_at(day)
        return None if i is None else self.evals[i]

    def sittings_from(self, day: date) -> Iterator[Sitting]:
        """The sittings of the governed exam a return on ``day`` may reach: on or after it,
        after the latest attempt, as the attempt limits allow."""
        assert self.schedule is not None
        i = bisect_left(self.schedule.starts, day)
        if self.attempts is None:
            yield from self.schedule.sittings[i:]
        else:
            yield from self.attempts.sittings(self.schedule.sittings[i:], day)

    def closed_from(self, day: date, until: date) -> list[Sitting]:
        """The sittings a return on ``day`` would have reached before ``until`` but for
        their registration having closed (:attr:`closed`), as the attempts allow."""
        found = (
            self.attempts.sittings(self.closed, day)
            if self.attempts is not None
            else (c for c in self.closed if c.start >= day)
        )
        return [c for c in found if c.start < until]

    def next_sitting(self, day: date) -> Sitting | None:
        """The sitting planned for a return on ``day``."""
        return next(self.sittings_from(day), None)

    def change_days(self) -> tuple[date, ...]:
        """The days on which the versions that may be in force can change, in order."""
        return tuple(sorted({*self.starts, *self.latest_starts}))

    def event_at(self, return_date: date) -> Event | None:
        if self.applied_on is not None:
            return Event(self.applied_on, self.applied_on)
        if self.exam is None or (self.is_exam and self.passed is not None):
            return Event(return_date, return_date)
        if self.passed is not None:
            return Event(self.passed, self.passed)
        s = self.next_sitting(return_date)
        return None if s is None else Event(s.start, s.end, s)


class JurisdictionRules(Struct, frozen=True):
    """One jurisdiction's rules prepared for a profile, with the open questions that apply."""

    code: str
    pack: Pack | None
    rules: tuple[Prepared, ...]
    skipped: tuple[Question, ...]  # pack unknowns that apply to this profile
    posts: tuple[str, ...] = ()  # the posts sought
    posts_note: str | None = None  # how they were chosen, when the profile does not say
    facts: ProfileFacts | None = None  # as this jurisdiction's rules read them


def select_codes(
    profile: Profile, packs: Sequence[Pack], targets: Sequence[str] | None
) -> list[str]:
    """The jurisdictions to assess: targets expanded to their packs, plus the US side."""
    wanted = list(targets) if targets else profile.targets
    codes: list[str] = []
    for target in wanted:
        matching = [p.code for p in packs if p.covers(target)]
        for code in matching or [target]:
            if code not in codes:
                codes.append(code)
    # The US rules (visa clocks) concern everyone leaving US training, unless the
    # user asked for particular jurisdictions.
    if (
        not targets
        and "US" in {p.code for p in packs}
        and "US" not in codes
        and (profile.visa is not None or profile.visa_history)
    ):
        codes.append("US")
    return codes


def prepare(
    profile: Profile,
    packs: Sequence[Pack],
    on: date,
    targets: Sequence[str] | None = None,
    horizon: tuple[date, date] | None = None,
) -> list[JurisdictionRules]:
    facts, problems = attempts.resolve(ProfileFacts.of(profile), packs)
    pooled = attempts.pools(packs)
    # An exam's limits are those of its version in force when the next sitting is planned.
    limits_day = max(on, profile.plan.return_date)
    lo, hi = horizon or (min(on, profile.plan.return_date), max(on, profile.plan.return_date))
    window = (dates.add_years(lo, -PAST_YEARS), dates.add_years(hi, FUTURE_YEARS))
    by_code = {p.code: p for p in packs}
    codes = select_codes(profile, packs, targets)
    problems += _unknown_posts(profile, [by_code[c] for c in codes if c in by_code])
    out = []
    posts_note = _posts_note(facts)
    problems += _unknown_document_kinds(profile, [by_code[c] for c in codes if c in by_code])
    booked, errs = registered(profile, packs)
    problems += errs
    for code in codes:
        pack = by_code.get(code)
        rules, errs = with_confirmed(profile, pack, code)
        problems += errs
        schedules: dict[str, Schedule] = {}
        here = facts.for_jurisdiction(code)
        prepared = tuple(
            _prepare_rule(
                rule, pack, here, window, schedules, confirmed, (pooled, limits_day), on, booked
            )
            for rule, confirmed in rules
        )
        skipped = tuple(
            Question(u.question, u.why, u.id)
            for u in (pack.unknowns if pack else [])
            if conditions.evaluate(u.applies_when, facts).value is not False
        )
        out.append(JurisdictionRules(code, pack, prepared, skipped, facts.posts, posts_note, here))
    if problems:
        raise ProblemsError(problems)
    return out


def _unknown_document_kinds(profile: Profile, packs: Sequence[Pack]) -> list[Problem]:
    """A document's kind must be a shared one or a target pack's own."""
    known: dict[str, str] = dict(known_document_kinds(None))
    for pack in packs:
        known |= known_document_kinds(pack)
    return [
        Problem(
            ("documents", i, "kind"),
            f"unknown document kind '{d.kind}': the kinds here are {', '.join(known)}",
        )
        for i, d in enumerate(profile.documents)
        if d.kind not in known
    ]


def _unknown_posts(profile: Profile, packs: Sequence[Pack]) -> list[Problem]:
    """A post sought must be a shared one or a target pack's own."""
    known: dict[str, str] = {}
    for pack in packs:
        known |= known_posts(pack)
    known |= known_posts(None)
    return [
        Problem(
            ("plan", "posts", i),
            f"unknown post '{post}': the posts here are {', '.join(known)}",
        )
        for i, post in enumerate(profile.plan.posts or [])
        if post not in known
    ]


def _posts_note(facts: ProfileFacts) -> str | None:
    if not facts.posts_assumed:
        return None
    return_type = facts.profile.plan.return_type.value
    return (
        f"Your profile does not say which posts you seek, so for {a_or_an(return_type)} "
        f"{return_type} return Wayhome takes {' and '.join(facts.posts)} "
        "(to change it, choose the posts you seek on your profile's return page, or set "
        "plan.posts in a profile file)."
    )


def _prepare_rule(
    rule: Any,
    pack: Pack | None,
    facts: ProfileFacts,
    window: tuple[date, date],
    schedules: dict[str, Schedule],
    confirmed: ConfirmedRule | None,
    limits: tuple[dict[str, list[tuple[str, ExamRule]]], date],
    on: date,
    booked: Booked,
) -> Prepared:
    exam: ExamRule | None = None
    if isinstance(rule, ExamRule):
        exam = rule
    elif rule.event.startswith(EXAM_EVENT_PREFIX) and pack is not None:
        exam = pack.exam(rule.event.removeprefix(EXAM_EVENT_PREFIX))
    schedule = None
    closed: tuple[Sitting, ...] = ()
    mine: frozenset[Sitting] = frozenset()
    if exam is not None:
        if exam.id not in schedules:
            schedules[exam.id] = Schedule.of(exam, *window)
        mine = booked.get((pack.code, exam.id), frozenset()) if pack else frozenset()
        # Without the sittings whose registration closed before today, unless you
        # registered for them: a rule on one cannot be met by it, and the exam itself is
        # planned for the first still open to you.
        schedule, closed = schedules[exam.id].open_on(
            exam, on, history=exam is not rule, registered=mine
        )
    evals: list[Evaluation | None] = []
    labels: list[str] = []
    sources: list[SourceRef] = []
    uses: list[bool] = []
    for v in rule.versions:
        applies = conditions.evaluate(v.applies_when, facts)
        uses.append(applies.value is not False)
        if applies.value is None:
            evals.append(_version_unknown(v, applies))
        elif v.repealed:
            evals.append(None)
        elif v.unknown is not None:
            evals.append(rule.unknown_evaluation(v))
        else:
            evals.append(rule.evaluate(v, facts))
        labels.append(v.label(rule.id))
        sources.append(_source_ref(pack, v.sources[0] if v.sources else None, confirmed))
    pack_rule = pack.rule(rule.id) if (pack and confirmed) else None
    lo, hi = start_bounds(rule.versions, pack.reviewed if pack else None)
    return Prepared(
        rule=rule,
        applies=conditions.evaluate(rule.applies_when, facts),
        starts=lo,
        latest_starts=hi,
        uses=tuple(uses),
        simple=lo == hi and all(uses),
        evals=tuple(evals),
        labels=tuple(labels),
        sources=tuple(sources),
        exam=exam,
        schedule=schedule,
        closed=closed,
        registered=mine,
        passed=exam.passed_on(facts) if exam else None,
        attempts=attempts.state(exam, facts, limits[1], limits[0]) if exam else None,
        applied_on=facts.applying_on if rule.event == "application" and exam is None else None,
        confirmed=confirmed is not None,
        pack_says=_pack_says(pack_rule, facts) if pack_rule else None,
        other_posts=not facts.seeks(rule.posts),
    )


def start_bounds(
    versions: Sequence[Any], reviewed: date | None
) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """The first and the last day each version may have started on.

    Versions keep the pack's order, so an unknown start lies after the previous
    version's earliest start and before the next one's latest; a last version whose
    start is unknown had started by the day the pack was reviewed (it is in the pack).
    """
    own = [v.start_bounds() for v in versions]
    lo: list[date] = []
    for k, (first, _) in enumerate(own):
        floor = lo[k - 1] + ONE_DAY if k and lo[k - 1] < date.max else None
        if first is None:
            first = floor if floor is not None else date.min
        elif floor is not None and first < floor:
            first = floor
        lo.append(first)
    hi: list[date] = [date.max] * len(own)
    ceiling: date | None = None  # the day before the next version's latest start
    for k in range(len(own) - 1, -1, -1):
        first, last = own[k]
        if last is None:
            last = ceiling or reviewed or date.max
        elif first != last and ceiling is not None:
            last = min(last, ceiling)
        hi[k] = max(last, lo[k])
        ceiling = hi[k] - ONE_DAY if hi[k] > date.min else hi[k]
    return tuple(lo), tuple(hi)


def _version_unknown(v: Any, applies: conditions.Outcome) -> Evaluation:
    fields = conditions.missing_words(applies.missing)
    return Evaluation(
        basis=f"Whether the version {v.since_text()} applies to you depends on {fields}, "
        "which your profile lacks.",
        to_add=f"Add to your profile {fields}.",
        why="Which version of this rule applies to you depends on it.",
    )


def _pack_says(rule: Any, facts: ProfileFacts) -> str:
    v = rule.versions[-1]
    if v.unknown is not None:
        return f"The pack has no reliable value: {v.unknown.question}"
    basis: str = rule.evaluate(v, facts).basis
    return "The pack says: " + basis


NO_SOURCE: Final = SourceRef(
    title="No published source found", url=None, as_of=None, reviewed=None, grade="none"
)


def _source_ref(
    pack: Pack | None, source_id: str | None, confirmed: ConfirmedRule | None
) -> SourceRef:
    if source_id is None:
        return NO_SOURCE
    if source_id == CONFIRMED_SOURCE and confirmed is not None:
        # Its date is the day the regulator told you (none: an undated confirmation).
        told = told_on(confirmed)
        return SourceRef(
            title=f"Confirmed by you: {confirmed.evidence_note}",
            url=confirmed.evidence_file,
            as_of=told,
            reviewed=told,
            grade="regulator",
            confirmed=True,
        )
    assert pack is not None
    s: Source = pack.sources[source_id]
    return SourceRef(
        title=s.title, url=s.url, as_of=s.as_of, reviewed=s.reviewed, grade=s.grade.value
    )
