"""Explaining a jurisdiction's rules for the planned return: each finding in words with
its arithmetic and convention, the exams' outlook, the route, the latest safe and the
earliest return, the questions to put to the regulator and what to add to the profile.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from msgspec.structs import replace

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.rules import paperwork
from wayhome.core.rules.base import Evaluation, Pathway
from wayhome.core.rules.conditions import missing_words
from wayhome.core.rules.judge import (
    TIGHT_MONTHS,
    OutOfReach,
    exam_blocked,
    first_break,
    first_ok,
    judge,
    missed_for_good,
    retired,
    sitting_status,
)
from wayhome.core.rules.kinds.exams import MONTH_SITTING_CONVENTION
from wayhome.core.rules.kinds.recognition import best_pathway
from wayhome.core.rules.outlook import exam_text, no_sitting_text, outlook, pending_result
from wayhome.core.rules.pack import PackKind
from wayhome.core.rules.prepare import PAST_YEARS, Event, JurisdictionRules, Prepared
from wayhome.core.rules.registration import registrations
from wayhome.core.rules.report import (
    BREAKING,
    HANGS_ON_RESULT_REASON,
    INDETERMINATE_REASON,
    NO_SITTING_IN_TIME_REASON,
    OPEN,
    Assessment,
    ExamOutlook,
    Finding,
    Question,
    Status,
    ToAdd,
    VersionOutcome,
)
from wayhome.core.rules.uncertain import judge_versions

INDETERMINATE_WHY: Final = (
    "The pack does not know when this rule changed, and the versions give different "
    "answers on your date."
)


def assess_jurisdiction(j: JurisdictionRules, on: date, return_date: date) -> Assessment:
    findings: list[Finding] = []
    other_posts: list[Finding] = []
    exams: list[ExamOutlook] = []
    questions: list[Question] = list(j.skipped)
    to_add: list[ToAdd] = []
    pathways: list[Pathway] = []
    breaks: list[tuple[date, str]] = []  # (first breaking return, rule id)
    opens: list[tuple[date, str]] = []
    unsure_breaks: list[tuple[date, str]] = []  # where the pack cannot date a change
    unsure_opens: list[tuple[date, str]] = []
    judged: list[Prepared] = []  # the rules behind the findings for the posts sought
    out_of_reach: list[tuple[OutOfReach, str, str]] = []  # decided by an attempt, not the return
    floor = dates.add_years(min(on, return_date), -PAST_YEARS)
    for p in j.rules:
        if p.applies.value is False:
            continue
        finding = _finding(p, on, return_date)
        if finding is None:
            continue
        if j.pack is not None:
            finding = replace(finding, explanation=j.pack.in_words(finding.explanation))
        if p.other_posts:
            # Shown, but never a date, a conflict, a question or the route.
            other_posts.append(finding)
            continue
        findings.append(finding)
        judged.append(p)
        if finding.question or finding.to_add:
            why = (
                INDETERMINATE_WHY
                if finding.status is Status.INDETERMINATE
                else _why(p, on, return_date)
            )
            if finding.question:
                questions.append(Question(finding.question, why, p.rule.id))
            if finding.to_add:
                to_add.append(ToAdd(finding.to_add, why, p.rule.id))
        ev = p.eval_at(return_date)
        if ev is not None and ev.pathway is not None and p.applies.value:
            pathways.append(ev.pathway)
        if p.is_exam:
            exams.append(outlook(p, on, return_date))
        if p.applies.value:
            if (b := first_break(p, floor)) is not None and b.out_of_reach is not None:
                out_of_reach.append((b.out_of_reach, p.rule.id, p.rule.title))
            elif b is not None:
                (breaks if b.certain else unsure_breaks).append((b.day, p.rule.id))
            if (o := first_ok(p, on)) is not None:
                (opens if o.certain else unsure_opens).append((o.day, p.rule.id))
    pathway: Pathway | None
    if j.pack is not None and j.pack.kind is PackKind.IMMIGRATION:
        pathway = None
    elif not pathways:
        pathway = Pathway.UNKNOWN
    else:
        pathway = pathways[0] if len(pathways) == 1 else best_pathway(pathways)
    if j.pack is None:
        questions.insert(
            0,
            Question(
                f"What are the rules for a US-trained physician in {country_name(j.code[:2])}?",
                f"Wayhome has no rule pack for {j.code} yet: nothing here is checked except what "
                "you confirmed yourself.",
            ),
        )
    pack = j.pack
    latest = min(breaks) if breaks else None
    earliest = max(opens) if opens else None
    unknown = [f.title for f in findings if f.status in OPEN]
    # A date the pack's unknown boundary decides is not given (never guessed).
    latest_reason = None if latest else _no_date("deadline", unknown, j)
    if unsure_breaks and (latest is None or min(unsure_breaks)[0] < latest[0]):
        latest = (date.max, min(unsure_breaks)[1])
        latest_reason = INDETERMINATE_REASON
    earliest_reason = None if earliest else _no_date("earliest", unknown, j)
    if unsure_opens and (earliest is None or max(unsure_opens)[0] > earliest[0]):
        earliest = (date.max, max(unsure_opens)[1])
        earliest_reason = INDETERMINATE_REASON
    latest_note = None
    if out_of_reach:
        # No return date can be safe for it: said in words, never a date 25 years back.
        u, rule_id, title = min(out_of_reach, key=lambda x: (x[0].pending, x[0].deadline))
        latest, latest_note = (date.min, rule_id), _out_of_reach_words(u, title)
        latest_reason = HANGS_ON_RESULT_REASON if u.pending else NO_SITTING_IN_TIME_REASON
    latest_safe = latest[0] - ONE_DAY if latest and not latest_reason else None
    return Assessment(
        jurisdiction=j.code,
        name=pack.name if pack else country_name(j.code[:2]),
        pack_version=pack.version if pack else None,
        pack_reviewed=pack.reviewed if pack else None,
        fictional=pack.fictional if pack else False,
        pathway=pathway,
        latest_safe_return=latest_safe,
        earliest_return=earliest[0] if earliest and not earliest_reason else None,
        findings=tuple(findings),
        exams=tuple(exams),
        unknowns=tuple(questions),
        to_add=tuple(to_add),
        latest_safe_return_rule=latest[1] if latest else None,
        latest_safe_return_reason=latest_reason,
        latest_safe_return_note=latest_note,
        earliest_return_rule=earliest[1] if earliest else None,
        earliest_return_reason=earliest_reason,
        posts=j.posts,
        posts_note=j.posts_note,
        other_posts=tuple(other_posts),
        documents=paperwork.statuses(pack, findings, j.facts) if j.facts else (),
        application_date=j.facts.applying_on if j.facts else None,
        registrations=registrations(
            judged, on, return_date, latest_safe, latest[1] if latest else None
        ),
    )


def _out_of_reach_words(u: OutOfReach, title: str) -> str:
    attempt, deadline = dates.fmt(u.attempt), dates.fmt(u.deadline)
    if u.pending:
        return (
            f"hangs on your result at {u.exam} on {attempt}: a pass meets {title}; "
            f"else no later sitting is before its last day, {deadline}"
        )
    return (
        f"none: no sitting of {u.exam} after your attempt on {attempt} is before "
        f"{title}'s last day, {deadline}"
    )


def _no_date(which: str, unknown: list[str], j: JurisdictionRules) -> str:
    """Why an assessment gives no latest safe or earliest return."""
    if j.pack is None:  # not known, never "no limit": the verdict's words too
        what = "a deadline on your return" if which == "deadline" else "when a return may start"
        return (
            f"Wayhome has no rule pack for {j.code} yet: nothing is known about {what} there. "
            "Ask the regulator."
        )
    nothing = (
        "No rule that applies to you sets a deadline on your return"
        if which == "deadline"
        else "Nothing that applies to you opens later than today"
    )
    if not unknown:
        return nothing + "."
    return (
        f"{nothing} as far as Wayhome can tell, but it cannot say for sure: "
        f"{len(unknown)} rule{'s' if len(unknown) > 1 else ''} could not be judged for you "
        f"({'; '.join(unknown)}). Answer the questions first."
    )


def _why(p: Prepared, on: date, return_date: date) -> str:
    if p.applies.value is None:
        return "Whether this rule applies depends on it."
    ev = p.eval_at(return_date)
    return (ev.why if ev and ev.why else None) or "Wayhome cannot date this rule without it."


def _finding(p: Prepared, on: date, return_date: date) -> Finding | None:
    rule = p.rule
    outcomes: tuple[VersionOutcome, ...] = ()
    unsure_question: str | None = None
    unsure_to_add: str | None = None
    completed_on: date | None = None
    if p.is_exam and p.passed is None:
        if retired(p, return_date):
            return None
        status, sitting, deadline = sitting_status(p, return_date, on)
        i = p.index_at(sitting.start if sitting else return_date)
        ev: Evaluation | None = None
        text = exam_text(p, sitting, deadline, return_date, on)
        unsure_to_add = pending_result(p)
        plan = sitting.label if sitting else None
        earliest = None
    else:
        event = p.event_at(return_date)
        candidates = p.candidates(event.start if event else return_date)
        plan = (
            event.sitting.label
            if event and event.sitting
            else (event.start.isoformat() if event else None)
        )
        if len(candidates) > 1:
            both = judge_versions(p, candidates, event, on, return_date, _explain)
            if both is None:
                return None  # in force under none of the versions that may be
            i, ev = both.index, p.evals[both.index]
            status, deadline, earliest = both.status, both.deadline, both.earliest
            text, outcomes, completed_on = both.text, both.outcomes, both.completed_on
            unsure_question = both.question
        else:
            i = candidates[0]
            if i is None:
                return None  # not in force on the date that matters
            ev = p.evals[i]
            if ev is None:
                return None  # repealed by then
            if ev.versus_today:
                # Checked against today, whatever the plan (a temporary licence runs out).
                event, plan = Event(on, on), on.isoformat()
            status = judge(ev, event, on)
            deadline, earliest = ev.deadline, ev.earliest
            text = _explain(p, ev, event, status, on, return_date)
            # Said as the conflict it is; missed when no sitting after a fail is in time.
            status = missed_for_good(p, status)
            if event is None and p.exam is not None and status is not Status.MISSED:
                # No sitting can be planned (no attempts left, or a pending last one).
                status = Status.BLOCKED if exam_blocked(p) else Status.UNKNOWN
                unsure_to_add = pending_result(p)
    if p.applies.value is None:
        status = Status.UNKNOWN
        fields = missing_words(p.applies.missing)
        text = f"Whether this applies to you depends on {fields}, which your profile lacks. {text}"
    # What to ask the regulator, and what to add to the profile: never one for the other.
    question, to_add = unsure_question, unsure_to_add
    if ev is not None and not outcomes:
        completed_on = ev.completed_on
    if status is Status.UNKNOWN:
        if p.applies.value is None:
            to_add = f"Add to your profile {missing_words(p.applies.missing)}."
        elif ev is not None and ev.is_open:
            question, to_add = ev.question, ev.to_add
        elif i is not None and rule.versions[i].unknown is not None:
            question = rule.versions[i].unknown.question
        elif question is None and to_add is None:
            question = f"When is {rule.name if p.is_exam else rule.title} held?"
    k = 0 if i is None else i
    note = rule.versions[k].note
    if note:
        text += f" Note: {note}"
    if p.pack_says:
        text += " You confirmed this with the regulator; it replaces the pack's rule."
    elif p.confirmed:
        text += " You confirmed this with the regulator."
    return Finding(
        rule=rule.id,
        title=rule.title,
        kind=rule.kind,
        status=status,
        deadline=deadline,
        earliest=earliest,
        plan=plan,
        explanation=text,
        rule_version=p.labels[k],
        source=p.sources[k],
        confirmed_by_user=p.confirmed,
        stale=p.sources[k].stale_on(on),
        question=question,
        to_add=to_add,
        pack_says=p.pack_says,
        completed_on=completed_on,
        outcomes=outcomes,
    )


def _explain(
    p: Prepared, ev: Evaluation, event: Event | None, status: Status, on: date, return_date: date
) -> str:
    parts = [ev.basis]
    limit = ev.deadline or ev.earliest
    if limit is not None and event is not None:
        parts.append(
            f"Today is {dates.fmt(on)}."
            if ev.versus_today
            else _plan_sentence(p, event, return_date)
        )
        parts.append(_verdict(ev, event, status, on))
        if status in BREAKING and ev.if_broken:
            parts.append(ev.if_broken)
        if event.sitting is not None and not event.sitting.exact:
            parts.append(f"Convention: {MONTH_SITTING_CONVENTION}.")
    elif limit is not None and p.exam is not None:
        parts.append(no_sitting_text(p, return_date) + " Wayhome cannot check the date.")
    if ev.convention:
        parts.append(f"Convention: {ev.convention}.")
    return " ".join(parts)


def _plan_sentence(p: Prepared, event: Event, return_date: date) -> str:
    back = dates.fmt(return_date)
    if event.sitting is not None and p.exam is not None:
        held = (
            f"held {dates.fmt(event.sitting.start)}"
            if event.sitting.exact
            else f"in {dates.fmt_month(event.sitting.start)} (counted as "
            f"{dates.fmt(event.sitting.end)})"
        )
        return f"The first sitting of {p.exam.name} after your return on {back} is {held}."
    if p.passed is not None and p.exam is not None and not p.is_exam:
        return f"You sat {p.exam.name} on {dates.fmt(p.passed)}."
    if p.applied_on is not None:
        return f"You plan to apply on {dates.fmt(p.applied_on)} (your return: {back})."
    return f"You plan to return on {back}."


def _verdict(ev: Evaluation, event: Event, status: Status, on: date) -> str:
    if ev.deadline is not None:
        gap = (
            dates.between(ev.deadline, event.end)
            if event.end > ev.deadline
            else dates.between(event.end, ev.deadline)
        )
        if ev.versus_today:
            if status is Status.MISSED:
                return f"It ran out on {dates.fmt(ev.deadline)}."
            warn = f": under {TIGHT_MONTHS} months, act now" if status is Status.TIGHT else ""
            return f"{gap.describe()[0].upper()}{gap.describe()[1:]} left{warn}."
        match status:
            case Status.MISSED:
                return f"The last day was {dates.fmt(ev.deadline)}, before today ({dates.fmt(on)})."
            case Status.CONFLICT:
                return f"That is {gap.describe()} too late."
            case Status.TIGHT:
                return f"Only {gap.describe()} to spare: under {TIGHT_MONTHS} months."
            case _:
                return f"{gap.describe()[0].upper()}{gap.describe()[1:]} to spare."
    assert ev.earliest is not None
    if status is Status.CONFLICT:
        return f"That is {dates.between(event.start, ev.earliest).describe()} too early."
    return "That is on or after the earliest date."
