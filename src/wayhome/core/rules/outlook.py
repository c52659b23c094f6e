"""An exam in words and its outlook: the sitting planned after the return (and after the
latest attempt), registration, attempts used and left, and the exam's status
(``exams[]`` in ``wayhome assess --json``).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from wayhome.core.common import dates
from wayhome.core.profile.model import ExamResult
from wayhome.core.rules import attempts
from wayhome.core.rules.attempts import ExamStatus
from wayhome.core.rules.kinds.exams import MONTH_SITTING_CONVENTION, ExamRule, Sitting
from wayhome.core.rules.prepare import Prepared
from wayhome.core.rules.registered import over, result_to_enter
from wayhome.core.rules.report import ExamOutlook

NEXT_SITTINGS: Final = 4


def pending_result(p: Prepared) -> str | None:
    """When a pending result decides whether any attempt is left: what to add to the
    profile (the result, once known)."""
    st = p.attempts
    if st is None or st.passed is not None or st.left != 0 or not st.pending:
        return None
    latest = next(a for a in reversed(st.counted) if a.result is ExamResult.PENDING)
    return (
        f"Enter the result of your attempt at {latest.name} on {dates.fmt(latest.date)}: "
        f"if it is a fail, no attempt at {st.exam.name} is left."
    )


def no_sitting_text(p: Prepared, return_date: date) -> str:
    """Why no sitting of the governed exam is planned."""
    st = p.attempts
    exam = p.exam
    assert exam is not None
    if st is not None and st.blocked:
        after = f" {st.version.after_limit}" if st.version and st.version.after_limit else ""
        return (
            f"You have no attempts left at {exam.name} ({st.used} of {st.limit} used), so no "
            f"sitting is planned.{after}"
        )
    if (q := pending_result(p)) is not None:
        return (
            "Your latest result is pending: until you enter it Wayhome plans as if it were "
            f"a fail, and that was the last attempt, so no sitting is planned. {q}"
        )
    back = f"your return on {dates.fmt(return_date)}"
    if shut := p.closed_from(return_date, date.max):
        return f"{_closed_words(p, shut, back)}, and no later sitting of {exam.name} is known."
    return f"No sitting of {exam.name} is known on or after {back}."


def _closed_words(p: Prepared, shut: list[Sitting], after: str) -> str:
    """The sittings after ``after`` skipped because their registration closed before
    today (``shut``, in order), in words."""
    assert p.exam is not None
    last = shut[-1]
    closes = p.exam.registration_closes(last)
    assert closes is not None  # closed by its closing day alone (Schedule.open_on)
    if len(shut) == 1:
        return (
            f"The first sitting after {after} is {last.text}, but registration for it closed "
            f"on {dates.fmt(closes)}, before today"
        )
    return (
        f"Registration for the {len(shut)} sittings after {after} up to {last.text} closed "
        f"before today (the last on {dates.fmt(closes)})"
    )


def exam_text(
    p: Prepared,
    sitting: Sitting | None,
    deadline: date | None,
    return_date: date,
    on: date,
) -> str:
    rule: ExamRule = p.rule
    st = p.attempts
    i = p.index_at(sitting.start if sitting else return_date)
    v = rule.versions[i] if i is not None else None
    counted = attempts.describe(st) if st is not None else ""
    if v is not None and v.unknown is not None:
        if st is not None and st.blocked:
            # No attempt left says more than the unknown sittings: say it, with after_limit.
            return " ".join((no_sitting_text(p, return_date), counted, v.unknown.why))
        return v.unknown.why
    if sitting is None or v is None:
        return " ".join(t for t in (no_sitting_text(p, return_date), counted) if t)
    on_demand = v.sittings is not None and v.sittings.on_demand
    after = _after_attempt(p, return_date)
    if on_demand:
        parts = [
            f"You have not passed {rule.name}. It is arranged on request, not on fixed dates; "
            f"Wayhome counts it as available from {sitting.text}, the first whole month after "
            f"{after}. Ask for a date as soon as you are eligible."
        ]
    elif shut := p.closed_from(return_date, sitting.start):
        parts = [
            f"You have not passed {rule.name}. {_closed_words(p, shut, after)}; the first "
            f"you can still register for is {sitting.text}."
        ]
    else:
        parts = [
            f"You have not passed {rule.name}. The first sitting after {after} is {sitting.text}."
        ]
    if st is not None and st.status is ExamStatus.PENDING:
        parts.append(
            "Your latest result is pending: until you enter it, Wayhome plans as if it were a fail."
        )
    if sitting in p.registered and over(sitting, on):
        parts.append(result_to_enter(rule.name, sitting))
    elif sitting in p.registered:
        closes = rule.registration_closes(sitting)
        last = f" (its last day: {dates.fmt(closes)})" if closes else ""
        parts.append(f"You registered for it, so its registration{last} is done.")
    elif deadline is not None and not on_demand:
        when = " — before your return, so register from abroad" if deadline < return_date else ""
        parts.append(
            f"Registration closes {dates.fmt(deadline)}"
            f" ({v.registration_closes.span.describe() if v.registration_closes else ''}"
            f" before the sitting){when}."
        )
    elif not on_demand:
        parts.append("The pack does not say when registration closes: ask the regulator.")
    details = [d for d in (v.format, f"in {v.language}" if v.language else None) if d]
    if details:
        parts.append(f"Format: {', '.join(details)}.")
    if v.pass_mark:
        parts.append(f"Pass mark: {v.pass_mark.text}.")
    if counted:
        parts.append(counted)
    if v.pass_valid:
        parts.append(f"A pass stays valid for {v.pass_valid.span.describe()}.")
    else:
        parts.append("The pack does not say how long a pass stays valid.")
    if not sitting.exact:
        parts.append(f"Convention: {MONTH_SITTING_CONVENTION}.")
    return " ".join(parts)


def _after_attempt(p: Prepared, return_date: date) -> str:
    """What the planned sitting comes after: the return, and the latest attempt if later."""
    back = f"your return on {dates.fmt(return_date)}"
    st = p.attempts
    if st is None or st.latest is None or st.latest.date < return_date:
        return back
    return f"both your attempt on {dates.fmt(st.latest.date)} and {back}"


def outlook(p: Prepared, on: date, return_date: date) -> ExamOutlook:
    rule: ExamRule = p.rule
    assert p.schedule is not None
    st = p.attempts
    # The exam's calendar from today, those whose registration closed too (Prepared.closed).
    held = sorted(
        {*p.schedule.from_day(on, NEXT_SITTINGS), *(c for c in p.closed if c.start >= on)}
    )
    upcoming = held[:NEXT_SITTINGS]
    planned = None if p.passed is not None else p.next_sitting(return_date)
    i = p.index_at(planned.start) if planned else p.index_at(return_date)
    v = rule.versions[i] if i is not None else None
    deadline = v.registration_deadline(planned) if (v and planned and v.sittings) else None
    valid = p.eval_at(return_date) if p.passed is not None else None
    return ExamOutlook(
        rule=rule.id,
        name=rule.name,
        purpose=rule.purpose.value,
        next_sittings=tuple(s.label for s in upcoming),
        planned_sitting=planned.label if planned else None,
        registration_deadline=deadline,
        attempts=v.attempts if v else None,
        passed=p.passed,
        status=(st.status if st else ExamStatus.TO_SIT).value,
        attempts_used=st.used if st else 0,
        attempts_left=st.left if st else None,
        valid_until=valid.completed_on if valid else None,
        to_confirm=planned.to_confirm if planned else None,
        blocked_reason=no_sitting_text(p, return_date) if st and st.blocked else None,
        registered=planned is not None and planned in p.registered,
    )
