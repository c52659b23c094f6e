"""The sittings an assessment's dates and statuses hang on, each with the day its
registration closes: the last sitting a rule on a sitting allows (it sets the latest safe
return), and the sitting the plan counts on (an exam's own, or the one a rule on a
sitting is met by). Registration is done from abroad, so no return date moves these
days: the verdict weighs them against today (core/planner/register.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from wayhome.core.common.dates import ONE_DAY
from wayhome.core.rules.judge import exam_blocked, retired
from wayhome.core.rules.kinds.exams import ExamRule, Sitting, still_open
from wayhome.core.rules.prepare import Prepared
from wayhome.core.rules.report import SittingRegistration


def registrations(
    rules: Iterable[Prepared],
    on: date,
    return_date: date,
    latest_safe: date | None,
    latest_rule: str | None,
) -> tuple[SittingRegistration, ...]:
    """For the rules judged (those for the posts sought), the sittings that matter."""
    out: list[SittingRegistration] = []
    for p in rules:
        if p.exam is None or p.passed is not None or p.applied_on is not None:
            continue  # no sitting to come: none governed, passed, or checked at application
        if not p.is_exam and p.rule.id == latest_rule and latest_safe is not None:
            # The latest safe return is the last day to be back for the last sitting the
            # rule allows (judge.first_break): that sitting starts on it.
            last = p.next_sitting(latest_safe)
            if last is not None and last.start == latest_safe:
                out += _registration(p, "latest", last, on)
            elif (shut := _closed_on(p, latest_safe)) is not None:
                # The latest safe return is the day registration closed for the last
                # sitting in time (judge.first_break): say that it closed, and what is left.
                out += _registration(p, "latest", shut, on)
        planned = _planned(p, return_date)
        if planned is not None:
            out += _registration(p, "plan", planned, on)
    return tuple(out)


def _closed_on(p: Prepared, day: date) -> Sitting | None:
    """The sitting left out of ``p``'s schedule whose registration closed on ``day``."""
    assert p.exam is not None
    return next((c for c in p.closed if p.exam.registration_closes(c) == day), None)


def _planned(p: Prepared, return_date: date) -> Sitting | None:
    """The sitting the plan counts on: the exam's first after the return (and the latest
    attempt); for a rule on a sitting, only when that sitting is in time for it."""
    if p.is_exam:
        if retired(p, return_date) or exam_blocked(p):
            return None
        return p.next_sitting(return_date)
    event = p.event_at(return_date)
    if event is None or event.sitting is None:
        return None
    limit = _limit(p, event.sitting.start)
    return event.sitting if limit is not None and event.sitting.end <= limit else None


def _limit(p: Prepared, day: date) -> date | None:
    """The last day the rule allows for a sitting held from ``day``; None for an exam (its
    own sitting has no such day) or where the rule gives none."""
    if p.is_exam:
        return None
    ev = p.eval_at(day)
    if ev is None or ev.is_open or ev.versus_today:
        return None
    return ev.deadline


def _registration(
    p: Prepared, role: Literal["latest", "plan"], sitting: Sitting, on: date
) -> list[SittingRegistration]:
    exam = p.rule if p.is_exam else p.exam
    assert isinstance(exam, ExamRule)
    closes = exam.registration_closes(sitting)
    if closes is None:
        return []  # the pack does not say when registration closes: nothing to weigh
    limit = _limit(p, sitting.start)
    after = after_closes = None
    for later in p.sittings_from(sitting.start + ONE_DAY):
        c = exam.registration_closes(later)
        if c is None or still_open(c, on):  # or no deadline is known
            after, after_closes = later, c
            break
    in_time = None
    if limit is not None and after is not None:
        own = _limit(p, after.start)
        in_time = own is not None and after.end <= own
    return [
        SittingRegistration(
            rule=p.rule.id,
            role=role,
            exam=exam.name,
            exam_rule=exam.id,
            sitting=sitting,
            closes=closes,
            limit=limit,
            after=after,
            after_closes=after_closes,
            after_in_time=in_time,
            registered=sitting in p.registered,
        )
    ]
