"""Registration for the sitting a card hangs on, in words, the same in every shell.

Registration is done from abroad, so no return date moves its last day: when the
sitting that sets the latest safe return (or that the status comes from) closes its
registration within REGISTRATION_NEAR_DAYS of today, the card says to register, by when
and in how many days; once it has closed and the sitting is still to come, that it
closed, and what the next sitting open to you means for the rule. The sittings and
their days come from the assessment (core/rules/registration.py); the verdict's card
(:func:`weighed`) and the fix for a conflict (:func:`fix_words`) say them here, once.
The plan registers for the sitting the latest safe return hangs on when its own sitting
is too late (:func:`in_window`: a task due its closing day, core/planner/tasks.py), so
the card's Next line, the timeline, the checklist and the calendar say the same day.
A sitting you registered for (the profile's ``plan.registered``) is open to you however
long ago its registration closed: the card says you registered, and no task asks for it;
once it has been held, with no attempt at it in the profile, the card asks for its result.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.data import iso
from wayhome.core.rules.kinds.exams import REGISTRATION_CONVENTION, Sitting, still_open
from wayhome.core.rules.registered import over, result_to_enter
from wayhome.core.rules.report import Assessment, SittingRegistration

# Within this many days of its last day, registering is the thing to do now, so the card
# says it: registration is usually open for about the 3 months before it closes (the
# plan's register task starts then, tasks.REGISTRATION_WINDOW_MONTHS), and the dashboard
# alerts on deadlines 90 days ahead. Further off, the plan's tasks carry it.
REGISTRATION_NEAR_DAYS: Final = 90


class Registration(Struct, frozen=True):
    """A card's registration: the sitting, its last day to register, and the sentence."""

    rule: str  # the rule whose date or status hangs on the sitting
    exam: str
    sitting: str  # its label: an ISO date, or an ISO month when only the month is known
    closes: date  # the last day to register; registration is still open that day
    days_left: int  # from the assessment day: 0 on the last day, negative once closed
    text: str  # the sentence every shell shows
    next_sitting: str | None  # the first later sitting still open to register for
    next_in_time: bool | None  # whether that one is still in time for the rule
    registered: bool = False  # you registered for it (plan.registered)

    @property
    def closed(self) -> bool:
        return self.days_left < 0

    @property
    def convention(self) -> str:
        return REGISTRATION_CONVENTION

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "exam": self.exam,
            "sitting": self.sitting,
            "closes": iso(self.closes),
            "days_left": self.days_left,
            "closed": self.closed,
            "next_sitting": self.next_sitting,
            "next_in_time": self.next_in_time,
            "registered": self.registered,
            "text": self.text,
            "convention": self.convention,
        }


def weighed(
    a: Assessment, on: date, latest_rule: str | None, status_rule: str | None
) -> Registration | None:
    """The registration the card says: of the last sitting ``latest_rule`` allows (it sets
    the latest safe return shown), or of the sitting the status's rule counts on
    (``status_rule``, given only when the status hangs on it); near or closed, else none.
    One open to act on comes first (the soonest), else the one closed last."""
    found: dict[tuple[str, Sitting], SittingRegistration] = {}
    for r in sorted(a.registrations, key=lambda r: r.role != "latest"):  # stable
        wanted = (r.role == "latest" and r.rule == latest_rule) or (
            r.role == "plan" and r.rule == status_rule
        )
        if wanted and _weighs(r, on):
            found.setdefault((r.exam, r.sitting), r)  # the latest's words say more
    if not found:
        return None
    rs = list(found.values())
    open_ = sorted(
        (r for r in rs if still_open(r.closes, on) and not r.registered), key=lambda r: r.closes
    )
    r = open_[0] if open_ else max(rs, key=lambda r: r.closes)
    return Registration(
        rule=r.rule,
        exam=r.exam,
        sitting=r.sitting.label,
        closes=r.closes,
        days_left=(r.closes - on).days,
        text=words(r, on),
        next_sitting=r.after.label if r.after else None,
        next_in_time=r.after_in_time,
        registered=r.registered,
    )


def in_window(a: Assessment) -> SittingRegistration | None:
    """The sitting the plan must register for apart from its own: the last one the rule
    setting the latest safe return allows (the card's "latest" sitting), when the plan's
    own sitting of that exam is a later one, out of time for the rule, or there is none,
    and you have not registered for it. Open or closed: the plan weighs it against its day
    with :func:`still_open`."""
    r = next(
        (r for r in a.registrations if r.role == "latest" and r.rule == a.latest_safe_return_rule),
        None,
    )
    if r is None or r.registered:
        return None
    own = next((e.planned_sitting for e in a.exams if e.rule == r.exam_rule), None)
    if own is not None and Sitting.of_label(own).start <= r.sitting.start:
        return None  # the plan's own sitting is in time: its own task registers for it
    return r


def _weighs(r: SittingRegistration, on: date) -> bool:
    """Near (from today to REGISTRATION_NEAR_DAYS ahead), or closed before a sitting still
    to come, or before one you registered for that has passed (its result to enter)."""
    left = (r.closes - on).days
    return 0 <= left <= REGISTRATION_NEAR_DAYS or (
        left < 0 and (on <= r.sitting.start or r.registered)
    )


def fix_words(a: Assessment, on: date) -> tuple[str, bool] | None:
    """For a conflict whose fix is to return by the latest safe return: what registration
    adds to it, and whether it replaces it (closed: no return is in time for that sitting
    any more). None when the sitting's registration is not near."""
    r = next(
        (
            r
            for r in a.registrations
            if r.role == "latest" and r.rule == a.latest_safe_return_rule and _weighs(r, on)
        ),
        None,
    )
    if r is None:
        return None
    if r.registered and over(r.sitting, on):  # returning by it is no fix any more
        return words(r, on).removesuffix("."), True
    if r.registered:
        return f"you registered for the sitting {_held(r.sitting)}", False
    if not still_open(r.closes, on):
        return words(r, on).removesuffix("."), True
    return f"register for it by {dates.fmt(r.closes)} ({_in(r.closes, on)})", False


def words(r: SittingRegistration, on: date) -> str:
    """The sentence: "Register for <exam> by 15 Dec 2026 (in 10 days): ...", or once
    closed, "Registration for <exam> on 15 Mar 2027 closed on 15 Dec 2026, ..."; once you
    registered, "You registered for <exam> on 15 Mar 2027: ...", and once that sitting
    has passed, to enter its result."""
    held = _held(r.sitting)
    if r.registered and over(r.sitting, on):
        return result_to_enter(r.exam, r.sitting)
    if r.registered:
        head = f"You registered for {r.exam} {held}"
        if r.role == "latest":
            assert r.limit is not None
            return (
                f"{head}: it is the last sitting by {dates.fmt(r.limit)}, and your latest safe "
                "return hangs on it."
            )
        return f"{head}, the sitting your plan counts on."
    if still_open(r.closes, on):
        head = f"Register for {r.exam} by {dates.fmt(r.closes)} ({_in(r.closes, on)})"
        if r.role == "latest":
            assert r.limit is not None
            return (
                f"{head}: the sitting {held} is the last one by {dates.fmt(r.limit)}, and "
                "your latest safe return hangs on it."
            )
        return f"{head}, for the sitting {held} your plan counts on{_then(r, 'the next')}."
    head = f"Registration for {r.exam} {held}"
    if r.role == "plan":
        head += ", the sitting your plan counts on,"
    head += f" closed on {dates.fmt(r.closes)}"
    if r.after is None:
        return f"{head}, and no later sitting is known: ask the regulator about a late one."
    if r.after_in_time is False:
        assert r.limit is not None
        return (
            f"{head}, and the next you can still register for, {_counted(r.after)}, is after "
            f"{dates.fmt(r.limit)}: no sitting left is in time, whatever your return. Ask "
            "the regulator about a late registration."
        )
    return f"{head}{_then(r, 'the next you can still register for')}."


def _then(r: SittingRegistration, which: str) -> str:
    """What the next sitting means: in time for the rule's last day or not, and by when to
    register for it."""
    if r.after is None:
        return "; no later sitting is known"
    if r.limit is None or r.after_in_time is None:
        by = f" (register by {dates.fmt(r.after_closes)})" if r.after_closes else ""
        return f"; {which} is {r.after.words}{by}"
    if not r.after_in_time:
        return f"; {which}, {_counted(r.after)}, is after {dates.fmt(r.limit)}"
    by = f": register by {dates.fmt(r.after_closes)}" if r.after_closes else ""
    return f"; {which}, {_counted(r.after)}, is still by {dates.fmt(r.limit)}{by}"


def _counted(s: Sitting) -> str:
    """A sitting set against a last day: one known only by its month counts as held on
    the month's last day (MONTH_SITTING_CONVENTION), as assess says it."""
    return s.words if s.exact else f"{s.words} (counted as {dates.fmt(s.end)})"


def _held(s: Sitting) -> str:
    return f"{s.on_or_in} (date to confirm)" if s.to_confirm else s.on_or_in


def _in(day: date, on: date) -> str:
    """How far off a last day is: "today, the last day", "tomorrow", "in 10 days"."""
    n = (day - on).days
    if n == 0:
        return "today, the last day"
    return "tomorrow" if n == 1 else f"in {n} days"
