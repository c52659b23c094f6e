"""Judging a prepared rule for a return date: its status (ok, tight, conflict, missed,
unknown), and the first return date on which it breaks or is met.

Both :func:`wayhome.core.rules.engine.assess` and :func:`~wayhome.core.rules.engine.sweep`
go through :func:`status_at`, so the explanation and the slider cannot disagree.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from wayhome.core.common import dates
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.rules.base import Evaluation
from wayhome.core.rules.kinds.exams import Sitting
from wayhome.core.rules.prepare import Event, Prepared
from wayhome.core.rules.report import Status

TIGHT_MONTHS: Final = 12


def judge(ev: Evaluation | None, event: Event | None, on: date) -> Status:
    if ev is None:
        return Status.INFO
    if ev.question:
        return Status.UNKNOWN
    if ev.deadline is not None:
        if ev.deadline < on:
            return Status.MISSED
        if event is None:
            return Status.UNKNOWN
        if event.end > ev.deadline:
            return Status.CONFLICT
        if dates.add_months(event.end, TIGHT_MONTHS) > ev.deadline:
            return Status.TIGHT
        return Status.OK
    if ev.earliest is not None:
        if event is None:
            return Status.UNKNOWN
        return Status.CONFLICT if event.start < ev.earliest else Status.OK
    return Status.INFO


def status_at(p: Prepared, return_date: date, on: date) -> Status:
    if p.applies.value is None:
        return Status.UNKNOWN
    if p.is_exam and p.passed is None:
        if retired(p, return_date):
            return Status.INFO
        return sitting_status(p, return_date, on)[0]
    event = p.event_at(return_date)
    if event is None:
        return Status.UNKNOWN
    if p.index_at(event.start) is None:
        return Status.INFO  # not yet in force on that date
    return judge(p.eval_at(event.start), event, on)


def retired(p: Prepared, return_date: date) -> bool:
    """An exam not in force for this return: repealed by then with no sitting after, or not
    yet introduced when its first sitting after the return would be held."""
    assert p.schedule is not None
    sitting = p.schedule.first_on_or_after(return_date)
    if p.index_at(sitting.start if sitting else return_date) is None:
        return True
    i = p.index_at(return_date)
    repealed = i is not None and p.rule.versions[i].repealed
    return repealed and sitting is None


def sitting_status(
    p: Prepared, return_date: date, on: date
) -> tuple[Status, Sitting | None, date | None]:
    """An exam still to sit: can the user register for the first sitting after return?"""
    assert p.schedule is not None
    sitting = p.schedule.first_on_or_after(return_date)
    i = p.index_at(sitting.start) if sitting else p.index_at(return_date)
    version = p.rule.versions[i] if i is not None else None
    if version is None or version.unknown is not None or sitting is None:
        return Status.UNKNOWN, sitting, None
    deadline = version.registration_deadline(sitting)
    if deadline is None:
        return Status.INFO, sitting, None
    if deadline < on:
        return Status.MISSED, sitting, deadline
    if deadline < dates.add_months(on, TIGHT_MONTHS):
        return Status.TIGHT, sitting, deadline
    return Status.OK, sitting, deadline


# --- bounds: the return dates where a rule starts or stops holding ---------------


def first_break(p: Prepared, floor: date) -> date | None:
    """The first return date on which ``p`` is broken (event after its deadline)."""
    if p.exam is None or (p.is_exam and p.passed is not None):
        best: date | None = None
        for k, ev in enumerate(p.evals):
            if ev is None or ev.deadline is None or ev.question:
                continue
            cand = max(p.starts[k], ev.deadline + ONE_DAY, floor)
            if (k + 1 == len(p.starts) or cand < p.starts[k + 1]) and (best is None or cand < best):
                best = cand
        return best
    if p.is_exam:
        return None  # a sitting still to register for limits nothing about the return
    if p.passed is not None:
        ev = p.eval_at(p.passed)
        broken = ev is not None and ev.deadline is not None and p.passed > ev.deadline
        return floor if broken else None
    assert p.schedule is not None
    previous: date | None = None
    for s in p.schedule.sittings:
        ev = p.eval_at(s.start)
        if ev is not None and ev.deadline is not None and not ev.question and s.end > ev.deadline:
            return previous + ONE_DAY if previous else floor
        previous = s.start
    return None


def first_ok(p: Prepared, on: date) -> date | None:
    """The first return date from ``on`` meeting ``p``'s earliest date, if it is later."""
    if p.is_exam:
        return None
    if p.exam is None:
        for k, ev in enumerate(p.evals):
            nxt = p.starts[k + 1] if k + 1 < len(p.starts) else None
            if nxt is not None and nxt <= on:
                continue
            earliest = ev.earliest if ev is not None and not ev.question else None
            cand = max(p.starts[k], on, earliest or on)
            if nxt is None or cand < nxt:
                return cand if cand > on else None
        return None
    if p.passed is not None:
        return None
    assert p.schedule is not None
    previous = on - ONE_DAY
    for s in p.schedule.from_day(on, len(p.schedule.sittings)):
        ev = p.eval_at(s.start)
        if ev is None or ev.earliest is None or s.start >= ev.earliest:
            return previous + ONE_DAY if previous >= on else None
        previous = s.start
    return None
