"""Judging a prepared rule for a return date: its status (ok, tight, conflict, missed,
blocked, unknown, indeterminate), and the first return date on which it breaks or is met.

Both :func:`wayhome.core.rules.engine.assess` and :func:`~wayhome.core.rules.engine.sweep`
go through :func:`status_at`, so the explanation and the slider cannot disagree.

Where the pack cannot say which version is in force on the governed date, each version
that may be is judged: when they agree, that is the status; when they do not, it is
``indeterminate``. A bound (the first return that breaks or meets a rule) is
:class:`Bound`, ``certain`` only when every such version agrees on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.rules.base import Evaluation
from wayhome.core.rules.kinds.exams import Sitting
from wayhome.core.rules.prepare import Event, Prepared
from wayhome.core.rules.report import Status

TIGHT_MONTHS: Final = 12


class OutOfReach(Struct, frozen=True):
    """A window rule no return date can meet or break: no sitting after the latest attempt
    at its exam is in time. ``pending``: that attempt's result decides it (a pass meets it)."""

    pending: bool
    exam: str
    attempt: date
    deadline: date


class Bound(Struct, frozen=True):
    """The first return date on which a rule breaks (or is met); ``certain`` when every
    version that may be in force agrees, else the day some version first does."""

    day: date
    certain: bool = True
    # Set when no return date decides it: the latest attempt at the governed exam did.
    out_of_reach: OutOfReach | None = None


def out_of_reach(p: Prepared) -> OutOfReach | None:
    """Whether the first sitting any return may reach after the latest attempt at the
    governed exam already breaks ``p`` (every version that may be in force agrees)."""
    a = p.attempts
    if p.is_exam or p.exam is None or p.passed is not None or a is None or a.latest is None:
        return None
    assert a.after is not None
    s = next(p.sittings_from(a.after), None)
    if s is None:
        return None
    evs = [p.evals[k] if k is not None else None for k in p.candidates(s.start)]
    if not all(_broken(p, k, s.end, s.start) for k in p.candidates(s.start)):
        return None
    deadline = min(ev.deadline for ev in evs if ev is not None and ev.deadline is not None)
    if a.latest.date > deadline:
        return None  # attempted after the window: the deadline decides it, as for anyone
    return OutOfReach(a.pending, p.exam.name, a.latest.date, deadline)


def judge(ev: Evaluation | None, event: Event | None, on: date) -> Status:
    if ev is None:
        return Status.INFO
    if ev.is_open:
        return Status.UNKNOWN
    if ev.blocked:
        return Status.BLOCKED
    if ev.met:
        return Status.OK
    if ev.versus_today and ev.deadline is not None:
        event = Event(on, on)
    if ev.deadline is not None:
        if ev.deadline < on:
            # A deadline gone by is missed, unless what it governs already happened in time
            # (a return before the last day of a J-1's grace, assessed after it).
            in_time = event is not None and event.end <= ev.deadline and not ev.versus_today
            return Status.OK if in_time else Status.MISSED
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
        return Status.BLOCKED if exam_blocked(p) else Status.UNKNOWN
    status = combined(
        [judge(p.evals[k] if k is not None else None, event, on) for k in p.candidates(event.start)]
    )
    return missed_for_good(p, status)


def missed_for_good(p: Prepared, status: Status) -> Status:
    """A conflict no return can mend (a failed attempt, no sitting after it in time) is
    missed, as a deadline gone by is; a pending result may still meet it."""
    if status is not Status.CONFLICT:
        return status
    u = out_of_reach(p)
    return Status.MISSED if u is not None and not u.pending else status


def combined(statuses: Sequence[Status]) -> Status:
    """One status for the versions that may be in force: theirs when they agree (a rule
    not yet in force is ``info``), else ``indeterminate``."""
    found = set(statuses)
    return found.pop() if len(found) == 1 else Status.INDETERMINATE


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


def exam_blocked(p: Prepared) -> bool:
    """The governed exam has no attempts left: no sitting can be planned."""
    return p.attempts is not None and p.attempts.blocked


def sitting_status(
    p: Prepared, return_date: date, on: date
) -> tuple[Status, Sitting | None, date | None]:
    """An exam still to sit: how near is the last day to register for the first sitting
    after the return (and the latest attempt) still open today (Schedule.open_on)? None
    left: blocked. One you registered for has no registration left to miss: ok."""
    assert p.schedule is not None
    if exam_blocked(p):
        return Status.BLOCKED, None, None
    sitting = p.next_sitting(return_date)
    i = p.index_at(sitting.start) if sitting else p.index_at(return_date)
    version = p.rule.versions[i] if i is not None else None
    if version is None or version.unknown is not None or sitting is None:
        return Status.UNKNOWN, sitting, None
    if sitting in p.registered:
        return Status.OK, sitting, None
    deadline = version.registration_deadline(sitting)
    if deadline is None:
        return Status.INFO, sitting, None
    if deadline < dates.add_months(on, TIGHT_MONTHS):
        return Status.TIGHT, sitting, deadline
    return Status.OK, sitting, deadline


# --- bounds: the return dates where a rule starts or stops holding ---------------


def first_break(p: Prepared, floor: date) -> Bound | None:
    """The first return date on which ``p`` is broken (event after its deadline)."""
    if p.applied_on is not None:
        return None  # checked at a planned application: the return does not move it
    if p.exam is None or (p.is_exam and p.passed is not None):
        days = [floor, *(d for d in p.change_days() if d > floor)]
        for i, a in enumerate(days):
            b = days[i + 1] if i + 1 < len(days) else None
            xs = [_breaks_from(p, k, a) for k in p.candidates(a)]
            found = [x for x in xs if x is not None and (b is None or x < b)]
            if found:
                x = min(found)
                return Bound(x, all(y is not None and y <= x for y in xs))
        return None
    if p.is_exam:
        return None  # a sitting still to register for limits nothing about the return
    if p.passed is not None:
        broken = [_broken(p, k, p.passed) for k in p.candidates(p.passed)]
        return Bound(floor, all(broken)) if any(broken) else None
    previous: date | None = None
    for s in p.sittings_from(floor):
        broken = [_broken(p, k, s.end, s.start) for k in p.candidates(s.start)]
        if any(broken):
            if previous is None and (u := out_of_reach(p)) is not None:
                return Bound(floor, all(broken), u)
            # No sitting a return could reach was in time (an attempt after the window):
            # the rule stopped holding the day after its deadline, never at the floor.
            day = previous + ONE_DAY if previous else _after_deadline(p, s, floor)
            shut = _last_closed_in_time(p, previous, s)
            return Bound(max(day, shut + ONE_DAY) if shut else day, all(broken))
        previous = s.start
    return None


def _after_deadline(p: Prepared, s: Sitting, floor: date) -> date:
    """The day after the earliest deadline that ``s`` breaks (not before ``floor``)."""
    ends = [
        ev.deadline
        for k in p.candidates(s.start)
        if k is not None
        and _broken(p, k, s.end, s.start)
        and (ev := p.evals[k]) is not None
        and ev.deadline
    ]
    return max(floor, min(ends) + ONE_DAY) if ends else floor


def _last_closed_in_time(p: Prepared, previous: date | None, s: Sitting) -> date | None:
    """The last day to register for the last sitting before ``s`` (after ``previous``)
    that was in time for ``p`` but closed its registration before the assessment day
    (Prepared.closed): the return stopped being safe once it closed, whatever the day."""
    assert p.exam is not None
    last: date | None = None
    for c in p.closed:
        if (previous is not None and c.start <= previous) or c.start >= s.start:
            continue
        if any(_broken(p, k, c.end, c.start) for k in p.candidates(c.start)):
            continue
        closes = p.exam.registration_closes(c)
        if closes is not None and (last is None or closes > last):
            last = closes
    return last


def _breaks_from(p: Prepared, k: int | None, a: date) -> date | None:
    ev = p.evals[k] if k is not None else None
    if ev is None or ev.deadline is None or ev.is_open or ev.versus_today:
        return None
    return max(a, ev.deadline + ONE_DAY)


def _broken(p: Prepared, k: int | None, end: date, start: date | None = None) -> bool:
    ev = p.evals[k] if k is not None else None
    return (
        ev is not None
        and ev.deadline is not None
        and not ev.is_open
        and not ev.versus_today
        and end > ev.deadline
    )


def first_ok(p: Prepared, on: date) -> Bound | None:
    """The first return date from ``on`` meeting ``p``'s earliest date, if it is later;
    not ``certain`` when some version that may be in force is met sooner."""
    if p.is_exam or p.applied_on is not None:
        return None
    if p.exam is None:
        days = [on, *(d for d in p.change_days() if d > on)]
        sooner: date | None = None
        for i, a in enumerate(days):
            b = days[i + 1] if i + 1 < len(days) else None
            xs = [_met_from(p, k, a) for k in p.candidates(a)]
            if b is None or max(xs) < b:
                all_met, any_met = max(xs), min(xs)
                sooner = any_met if sooner is None else sooner
                if all_met <= on:
                    return None
                return Bound(all_met, sooner >= all_met)
            if min(xs) < b and sooner is None:
                sooner = min(xs)
        return None
    if p.passed is not None:
        return None
    previous = on - ONE_DAY
    some: bool = False
    for s in p.sittings_from(on):
        met = [_met(p, k, s.start) for k in p.candidates(s.start)]
        if all(met):
            if previous < on:
                return None
            return Bound(previous + ONE_DAY, not some)
        some = some or any(met)
        previous = s.start
    return None


def _met_from(p: Prepared, k: int | None, a: date) -> date:
    ev = p.evals[k] if k is not None else None
    earliest = ev.earliest if ev is not None and not ev.is_open else None
    return max(a, earliest) if earliest else a


def _met(p: Prepared, k: int | None, day: date) -> bool:
    ev = p.evals[k] if k is not None else None
    return ev is None or ev.earliest is None or day >= ev.earliest
