"""Findings where the pack cannot say which version is in force on the governed date.

A version whose start no source gives (``from: unknown``) or gives only as a range
(``from: {between: [...]}``) may or may not be in force on a day near its start.
Each version that may be is judged; when they agree, the finding is their shared
answer (the earlier deadline, the later earliest date, said so); when they do not, it
is ``indeterminate``: it shows each version's outcome, names the data gap and asks
the question. Wayhome never settles it one way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.rules.base import Evaluation
from wayhome.core.rules.judge import combined, judge
from wayhome.core.rules.prepare import Event, Prepared
from wayhome.core.rules.report import Status, VersionOutcome

# How a version's own evaluation is put in words (explain.py's _explain).
Explainer = Callable[[Prepared, Evaluation, Event | None, Status, date, date], str]

NOT_IN_FORCE = "The rule may not be in force yet on that date: then it asks nothing."


class Uncertain(Struct, frozen=True):
    """What the versions that may be in force say together."""

    status: Status
    index: int  # the version whose text and source the finding shows (the latest)
    deadline: date | None
    earliest: date | None
    completed_on: date | None
    text: str
    question: str | None
    outcomes: tuple[VersionOutcome, ...]


def judge_versions(
    p: Prepared,
    candidates: tuple[int | None, ...],
    event: Event | None,
    on: date,
    return_date: date,
    explain: Explainer,
) -> Uncertain | None:
    """The candidates judged one by one, and together; None when none is in force."""
    if all(k is None or p.evals[k] is None for k in candidates):
        return None
    outcomes: list[VersionOutcome] = []
    evs: list[Evaluation] = []
    for k in candidates:
        ev = p.evals[k] if k is not None else None
        status = judge(ev, event, on)
        since = p.rule.versions[k].since_text() if k is not None else "not yet in force"
        outcomes.append(
            VersionOutcome(
                rule_version=p.labels[k] if k is not None else None,
                since=since,
                status=status,
                deadline=ev.deadline if ev else None,
                earliest=ev.earliest if ev else None,
                explanation=explain(p, ev, event, status, on, return_date)
                if ev is not None
                else NOT_IN_FORCE,
            )
        )
        if ev is not None:
            evs.append(ev)
    status = combined([o.status for o in outcomes])
    index = next(k for k in candidates if k is not None and p.evals[k] is not None)
    day = event.start if event is not None else return_date
    gap = data_gap(p, candidates)
    if status is not Status.INDETERMINATE:
        deadlines = [ev.deadline for ev in evs if ev.deadline is not None]
        earliests = [ev.earliest for ev in evs if ev.earliest is not None]
        completed = {ev.completed_on for ev in evs}
        shared = (
            f" The pack cannot say which version is in force on {dates.fmt(day)} ({gap}), "
            "but every version that may be gives the same answer"
        )
        if len(set(deadlines)) > 1:
            shared += f"; the earlier deadline, {dates.fmt(min(deadlines))}, is shown"
        if len(set(earliests)) > 1:
            shared += f"; the later earliest date, {dates.fmt(max(earliests))}, is shown"
        return Uncertain(
            status=status,
            index=index,
            deadline=min(deadlines) if deadlines else None,
            earliest=max(earliests) if earliests else None,
            completed_on=completed.pop() if len(completed) == 1 else None,
            text=outcomes[candidates.index(index)].explanation + shared + ".",
            question=None,
            outcomes=tuple(outcomes),
        )
    each = " ".join(
        f"Under the version {o.since} ({o.rule_version or 'none'}): {_word(o.status)}. "
        f"{o.explanation}"
        for o in outcomes
    )
    return Uncertain(
        status=Status.INDETERMINATE,
        index=index,
        deadline=None,
        earliest=None,
        completed_on=None,
        text=f"Wayhome cannot tell which version of this rule is in force on "
        f"{dates.fmt(day)}, and they give different answers: {gap}. {each}",
        question=f"When did the change to “{p.rule.title}” take effect? It decides which "
        f"version applies on {dates.fmt(day)} ({gap}).",
        outcomes=tuple(outcomes),
    )


def data_gap(p: Prepared, candidates: tuple[int | None, ...]) -> str:
    """What the pack does not know, in words: when each unsure version took effect."""
    parts = []
    for k in candidates:
        if k is None:
            continue
        v = p.rule.versions[k]
        if v.start_known:
            continue
        lo, hi = p.starts[k], p.latest_starts[k]
        known = (
            f", somewhere between {dates.fmt(lo)} and {dates.fmt(hi)}"
            if date.min < lo and hi < date.max
            else ""
        )
        parts.append(f"the pack does not know when the version {p.labels[k]} took effect{known}")
    return "; ".join(parts) or "the pack does not know when the rule took effect"


def _word(status: Status) -> str:
    return {
        Status.MISSED: "missed",
        Status.CONFLICT: "a conflict",
        Status.BLOCKED: "blocked",
        Status.TIGHT: "tight",
        Status.OK: "ok",
        Status.UNKNOWN: "unknown",
        Status.INFO: "nothing to check",
        Status.INDETERMINATE: "cannot tell",
    }[status]
