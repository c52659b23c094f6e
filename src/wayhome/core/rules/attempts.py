"""Exam attempts as counted: results read from scores, attempts used and left, the next
sitting allowed, and an exam's status.

- A score is marked against the pass mark of the exam's version in force on the
  attempt's date: below it is a fail, whatever was typed as the result.
- Attempts count per exam, or per pool (``attempt_pool``: exams of several regulators
  whose attempts count together), in all and per year (calendar or rolling 12 months).
- With none left the exam is ``blocked``; after a fail (or a pending result, planned as
  if failed until it is entered) the next sitting is the first after both the attempt
  and the return that the yearly limit allows.
- An attempt at an exam no pack knows is reported with its place in the profile.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Final

from msgspec import Struct
from msgspec.structs import replace

from wayhome.core.common import dates
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.common.problems import Problem
from wayhome.core.profile.facts import Attempt, ProfileFacts, exam_key
from wayhome.core.profile.model import ExamResult
from wayhome.core.rules.kinds.exams import ExamRule, ExamVersion, PassMark, Sitting, YearBasis
from wayhome.core.rules.pack import Pack

_SCORE: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:(/)\s*(\d+(?:\.\d+)?)|(%))?\s*$")


class ExamStatus(StrEnum):
    """Where the physician stands with an exam (``exams[].status`` in the JSON)."""

    TO_SIT = "to_sit"  # no attempt recorded
    PENDING = "pending"  # the latest result is not out: planned as if failed
    FAILED = "failed"  # failed, with attempts left
    BLOCKED = "blocked"  # no attempts left
    PASSED = "passed"


def exam_keys(rule: ExamRule) -> frozenset[str]:
    return frozenset(exam_key(n) for n in (rule.id, rule.name, *rule.aliases))


def score_fraction(score: str, mark: PassMark) -> Fraction | None:
    """A typed score as a share of the maximum: "149/300", "149" (on the mark's scale),
    "62%"; None when it cannot be read."""
    m = _SCORE.match(score)
    if m is None:
        return None
    value = Fraction(m[1])
    if m[2]:
        out_of = Fraction(m[3])
    elif m[4]:
        out_of = Fraction(100)
    else:
        out_of = Fraction(mark.out_of) if mark.out_of else Fraction(1)
    return value / out_of if out_of else None


def mark_fraction(mark: PassMark) -> Fraction:
    return Fraction(mark.score) / (Fraction(mark.out_of) if mark.out_of else Fraction(1))


def exams_by_key(packs: Sequence[Pack]) -> dict[str, list[tuple[str, ExamRule]]]:
    """Every pack's exams (with the pack's code) under each of their names' keys (rule
    id, name, other names): how the profile's attempts and registrations name an exam."""
    by_key: dict[str, list[tuple[str, ExamRule]]] = {}
    for pack in packs:
        for r in pack.rules:
            if isinstance(r, ExamRule):
                for key in exam_keys(r):
                    by_key.setdefault(key, []).append((pack.code, r))
    return by_key


def resolve(facts: ProfileFacts, packs: Sequence[Pack]) -> tuple[ProfileFacts, list[Problem]]:
    """The facts with every attempt's result as counted, and an attempt at an exam no
    pack knows reported (``exam_attempts[i].name``)."""
    by_key = exams_by_key(packs)
    problems: list[Problem] = []
    counted: list[Attempt] = []
    for a in facts.attempts:
        rules = [r for _, r in by_key.get(a.key, [])]
        if not rules and a.path[:1] == ("exam_attempts",):
            problems.append(Problem((*a.path, "name"), unknown_exam(a.name, packs)))
        counted.append(_marked(a, rules))
    return facts.with_attempts(counted), problems


def unknown_exam(name: str, packs: Sequence[Pack]) -> str:
    known = sorted(
        {f"{r.name} ({pack.code})" for pack in packs for r in pack.rules if isinstance(r, ExamRule)}
    )
    return (
        f"no rule pack has an exam called '{name}'; the exams known are: "
        f"{'; '.join(known) or 'none'} (write its name or one of its other names)"
    )


def _marked(a: Attempt, rules: list[ExamRule]) -> Attempt:
    """The attempt with its result read from the score, where a pass mark is known."""
    if a.score is None:
        return a
    for rule in rules:
        v = rule.version_on(a.date)
        if v is None or v.pass_mark is None:
            continue
        mark = v.pass_mark
        got = score_fraction(a.score, mark)
        if got is None:
            return replace(a, note=f"Wayhome cannot read the score '{a.score}'.")
        passed = got >= mark_fraction(mark)
        words = f"{a.score} is {'at or above' if passed else 'below'} the pass mark of {mark.text}"
        if not passed:
            return replace(a, result=ExamResult.FAIL, note=f"{words}: a fail")
        if a.result is ExamResult.FAIL:
            # A fail with a passing score: other criteria may apply (no section at zero).
            return replace(a, note=f"{words}, but you entered a fail: counted as a fail")
        return replace(a, result=ExamResult.PASS, note=f"{words}: a pass")
    return a


def pools(packs: Sequence[Pack]) -> dict[str, list[tuple[str, ExamRule]]]:
    """Each attempt pool and the exams (pack code, rule) that share it."""
    out: dict[str, list[tuple[str, ExamRule]]] = {}
    for pack in packs:
        for r in pack.rules:
            if isinstance(r, ExamRule):
                for pool in dict.fromkeys(v.attempt_pool for v in r.versions if v.attempt_pool):
                    out.setdefault(pool, []).append((pack.code, r))
    return out


def pool_limits(packs: Sequence[Pack]) -> dict[str, dict[str, int | None]]:
    """Each pool's limit as each of its exams gives it (the latest version naming the pool):
    packs sharing a pool must agree (tests/packs checks it)."""
    out: dict[str, dict[str, int | None]] = {}
    for pool, members in pools(packs).items():
        for code, r in members:
            latest = [v for v in r.versions if v.attempt_pool == pool][-1]
            out.setdefault(pool, {})[f"{code}:{r.id}"] = latest.attempts
    return out


def pool_disagreements(packs: Sequence[Pack]) -> list[str]:
    """Pools whose exams give different limits, in words (empty when all agree)."""
    return [
        f"attempt pool '{pool}': "
        + ", ".join(f"{exam} allows {limit or 'no limit'}" for exam, limit in limits.items())
        for pool, limits in pool_limits(packs).items()
        if len(set(limits.values())) > 1
    ]


class AttemptState(Struct, frozen=True):
    """One exam's attempts, as the engine plans with them."""

    exam: ExamRule
    version: ExamVersion | None  # the version whose limits count (in force when planned)
    own: tuple[Attempt, ...]  # at this exam, in date order
    counted: tuple[Attempt, ...]  # at this exam or its pool, in date order
    pool_exams: tuple[str, ...] = ()  # the other exams of its pool, by name
    passed: date | None = None

    @property
    def limit(self) -> int | None:
        return self.version.attempts if self.version else None

    @property
    def used(self) -> int:
        return len(self.counted)

    @property
    def left(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)

    @property
    def latest(self) -> Attempt | None:
        return self.own[-1] if self.own else None

    @property
    def pending(self) -> bool:
        return any(a.result is ExamResult.PENDING for a in self.counted)

    @property
    def blocked(self) -> bool:
        """No attempts left, and none pending that might yet be a pass."""
        return self.passed is None and self.left == 0 and not self.pending

    @property
    def status(self) -> ExamStatus:
        if self.passed is not None:
            return ExamStatus.PASSED
        if self.blocked:
            return ExamStatus.BLOCKED
        latest = self.latest
        if latest is None:
            return ExamStatus.TO_SIT
        return ExamStatus.PENDING if latest.result is ExamResult.PENDING else ExamStatus.FAILED

    @property
    def after(self) -> date | None:
        """The day after the latest attempt: no sitting before it is planned."""
        return self.latest.date + ONE_DAY if self.latest else None

    def allowed(self, sitting: Sitting) -> bool:
        """The yearly limit leaves room for ``sitting``."""
        v = self.version
        if v is None or not v.attempts_per_year:
            return True
        if v.attempts_per_year_basis is YearBasis.ROLLING:
            since = dates.add_months(sitting.start, -12) + ONE_DAY
            n = sum(1 for a in self.counted if since <= a.date <= sitting.start)
        else:
            n = sum(1 for a in self.counted if a.date.year == sitting.start.year)
        return n < v.attempts_per_year

    def sittings(self, sittings: Sequence[Sitting], day: date) -> Iterator[Sitting]:
        """The sittings a return on ``day`` may reach: none when no attempt is left (or
        the last pending one would be the last), else those after the latest attempt
        that the yearly limit allows."""
        if self.passed is None and self.left == 0:
            return
        first = max(day, self.after) if self.after else day
        for s in sittings:
            if s.start >= first and self.allowed(s):
                yield s


def state(
    exam: ExamRule,
    facts: ProfileFacts,
    day: date,
    pooled: dict[str, list[tuple[str, ExamRule]]],
) -> AttemptState:
    """The exam's attempts, with the limits of its version in force on ``day``."""
    v = exam.version_on(day)
    own = facts.exam_attempts(exam.id, exam.name, *exam.aliases)
    others: list[ExamRule] = []
    if v is not None and v.attempt_pool:
        others = [r for _, r in pooled.get(v.attempt_pool, []) if r is not exam]
    keys = exam_keys(exam).union(*(exam_keys(r) for r in others))
    counted = tuple(a for a in facts.attempts if a.key in keys)
    return AttemptState(
        exam=exam,
        version=v,
        own=own,
        counted=counted,
        pool_exams=tuple(dict.fromkeys(r.name for r in others)),
        passed=exam.passed_on(facts),
    )


def describe(st: AttemptState) -> str:
    """The attempts in words, for the exam's finding."""
    parts: list[str] = []
    for a in st.counted:
        result = {
            ExamResult.PASS: "passed",
            ExamResult.FAIL: "failed",
            ExamResult.PENDING: "result pending",
        }[a.result]
        at = "" if a in st.own else f" ({a.name})"
        note = f": {a.note}" if a.note else ""
        parts.append(f"{dates.fmt(a.date)}{at}, {result}{note}")
    text = ""
    if parts:
        text = f"Your attempts: {'; '.join(parts)}. "
    v = st.version
    pool = (
        f" across the exams that count together ({', '.join((st.exam.name, *st.pool_exams))})"
        if v and v.attempt_pool
        else ""
    )
    if st.limit is not None and not st.counted:
        text += f"At most {st.limit} attempts{pool}."
    elif st.limit is not None:
        text += f"At most {st.limit} attempts{pool}: {st.used} used, {st.left} left."
    elif st.counted:
        text += f"{st.used} attempt{'s' if st.used != 1 else ''} used; no limit is published."
    if v is not None and v.attempts_per_year:
        basis = (
            "a calendar year"
            if v.attempts_per_year_basis is YearBasis.CALENDAR
            else ("any 12 months")
        )
        text += f" At most {v.attempts_per_year} attempts in {basis}."
    return text.strip()
