"""The dashboard's content as one plain object, and the "what changed" snapshot.

The page opens with the verdict (:mod:`wayhome.core.planner.verdict`, made by
:func:`wayhome.services.assessment.verdict_of` as for `wayhome assess`): a card per
target in the order of preference (:func:`reorder` changes it), the next actions
(done, snoozed with :func:`snooze_task`, or "not for me": skipped) and the US clocks.

:func:`compose` is pure: a plan, the packs, the stored snapshot and what the
correspondence log and the document checklist flag in, a frozen :class:`Dashboard` out
(tested without a database); :func:`for_owner` gathers those from storage. Reading
writes nothing: what changed is the current assessment compared with the snapshot
(pack versions, statuses that time moved, dates), shown on every visit until the
person says they have seen it (:func:`seen`, a POST), which replaces the snapshot.
The setup's last step takes the first one (:func:`remember_first`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Final

from django.db import transaction
from msgspec import Struct

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db import store
from wayhome.adapters.db.models import SavedAssessment
from wayhome.adapters.exporters import chart, guide_charts, ics
from wayhome.core.common import dates
from wayhome.core.evidence import ask
from wayhome.core.planner import early, scenarios
from wayhome.core.planner.progress import Mark
from wayhome.core.planner.results import Plan, Task
from wayhome.core.planner.verdict import Verdict
from wayhome.core.profile.model import Profile
from wayhome.core.rules import changes
from wayhome.core.rules.changes import Change
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Report
from wayhome.services import assessment, correspondence, planning, profile_edits, whatif
from wayhome.services import documents as document_service
from wayhome.services.source import from_store

ALERT_DAYS: Final = 90
SNOOZE_DAYS: Final = 7  # the day a snooze offers first: a week from today
SLIDER: Final = {"min": -24, "max": 60}  # months around the planned return


class Overdue(Struct, frozen=True):
    """A question asked long ago with no answer yet."""

    jurisdiction: str
    question: str
    asked: date | None


class Snapshot(Struct, frozen=True):
    """What the assessment said when the person last marked the changes seen."""

    created: datetime
    pack_versions: Mapping[str, str]
    findings: Mapping[str, Any]


class Dashboard(Struct, frozen=True):
    """Everything the dashboard shows; the template only lays it out."""

    on: date
    profile: Profile
    report: Report
    plan: Plan
    verdict: Verdict  # the cards, the next actions and the US clocks
    alerts: tuple[str, ...]
    warnings: tuple[str, ...]  # about the plan itself (a planned return already past)
    stale: int  # findings whose sources are undated or old
    emails: Mapping[str, ask.Email]  # by jurisdiction
    chart: str  # the timeline, SVG
    changes: tuple[Change, ...]
    changed_since: datetime | None  # the snapshot compared with; None: there is none
    disagreements: tuple[Change, ...]
    years_away: float | None  # from the end of US training to the return
    timing_chart: str
    leverage_chart: str

    @property
    def first_visit(self) -> bool:
        """No snapshot yet: nothing to compare with until the person marks one."""
        return self.changed_since is None


def compose(
    planned: planning.Planned,
    packs: Sequence[Pack],
    on: date,
    *,
    snapshot: Snapshot | None = None,
    overdue: Sequence[Overdue] = (),
    document_alerts: Sequence[str] = (),
) -> Dashboard:
    """The dashboard of a plan on ``on``; pure, so tested without storage."""
    report, plan, profile = planned.report, planned.plan, planned.profile
    years_away = years_after_training(profile)
    by_code = {p.code: p for p in packs}
    before = _plain(snapshot)
    return Dashboard(
        on=on,
        profile=profile,
        report=report,
        plan=plan,
        verdict=assessment.verdict_of(planned),
        warnings=tuple(planning.warnings(planned)),
        alerts=(
            *alerts(report, plan, on),
            *document_alerts,
            *(_overdue_alert(o) for o in overdue),
        ),
        stale=sum(f.stale for a in report.assessments for f in a.findings),
        emails={
            a.jurisdiction: ask.draft(profile, a, by_code.get(a.jurisdiction), on)
            for a in report.assessments
            if a.pathway is not None
        },
        chart=chart.svg(plan, report),
        changes=tuple(changes.diff(before, report)),
        changed_since=snapshot.created if snapshot else None,
        disagreements=tuple(changes.disagreements(report)),
        years_away=years_away,
        timing_chart=guide_charts.return_timing(years_away),
        leverage_chart=guide_charts.leverage(years_away),
    )


def alerts(report: Report, plan: Plan, on: date, days: int = ALERT_DAYS) -> list[str]:
    """Deadlines of findings and tasks in the next ``days`` days."""
    soon = on + timedelta(days=days)
    out = [
        f"{a.jurisdiction}: {f.title} — last day {dates.fmt(f.deadline)}."
        for a in report.assessments
        for f in a.findings
        if f.deadline and on <= f.deadline <= soon
    ]
    out += [
        f"Task: {t.spec.title} — finish by {dates.fmt(t.spec.latest)}."
        for t in plan.tasks
        if t.spec.latest
        and on <= t.spec.latest <= soon
        and not t.spec.milestone
        and t.status.value not in ("done", "skipped")
    ]
    return out


def _overdue_alert(o: Overdue) -> str:
    asked = dates.fmt(o.asked) if o.asked else "—"
    return (
        f"{o.jurisdiction}: no answer for over {correspondence.REMIND_AFTER_DAYS} "
        f"days to \u201c{o.question[:80]}\u201d (asked {asked}): follow up."
    )


def years_after_training(profile: Profile) -> float | None:
    """Years from the last day of US training (the core's, early.py) to the planned
    return: 0 for a return on or before it; None with no US training recorded."""
    ends = early.training_ends(profile)
    if ends is None:
        return None
    return max(0.0, (profile.plan.return_date - ends).days / 365.25)


def _plain(snapshot: Snapshot | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    return {"pack_versions": dict(snapshot.pack_versions), "findings": dict(snapshot.findings)}


# --------------------------------------------------------------------------- storage


def snapshot(owner: Any) -> Snapshot | None:
    saved = store.last_assessment(owner)
    if saved is None:
        return None
    return Snapshot(saved["created"], saved["pack_versions"], saved["findings"])


def for_owner(owner: Any, on: date) -> Dashboard:
    """The owner's dashboard, read from storage; writes nothing."""
    planned = planning.plan(from_store(owner), on)  # a broken profile: web/security.py
    overdue = [
        Overdue(c.jurisdiction, c.question, c.asked) for c in correspondence.overdue(owner, on)
    ]
    return compose(
        planned,
        pack_files.load_packs(),
        on,
        snapshot=snapshot(owner),
        overdue=overdue,
        document_alerts=document_service.alerts(owner, on, planned.profile.plan.return_date),
    )


def seen(owner: Any, on: date) -> None:
    """The person has seen what changed: today's assessment replaces the snapshot."""
    report = planning.plan(from_store(owner), on).report
    versions, findings = changes.summary(report)
    with transaction.atomic():
        SavedAssessment.objects.filter(owner=owner).delete()
        store.save_assessment(owner, on, versions, findings)


def remember_first(owner: Any, on: date) -> None:
    """The first snapshot (the setup's last step, an import): kept if there is one."""
    if store.last_assessment(owner) is None:
        seen(owner, on)


def calendar_preview(owner: Any, on: date, stamp: datetime) -> bytes:
    """The calendar file as the next download would be, without remembering it
    (planning.calendar remembers it, for a download the person asked for)."""
    planned = planning.plan(from_store(owner), on)
    data, _ = ics.export(planned.plan, planned.progress.calendar, stamp)
    return data


class WhatIf(Struct, frozen=True):
    """The slider's answer: every rule's status for the return it points at."""

    back: date  # the planned return
    shift: int  # months from it, within SLIDER
    chosen: date
    rows: tuple[Mapping[str, Any], ...]  # key, title, now, then, change (when, in words)
    early: str | None = None  # the chosen return is before US training ends: its cost
    stays_note: str | None = None  # the stays planned around the plan, left out for it


def what_if(owner: Any, on: date, shift: int) -> WhatIf:
    src = from_store(owner)
    shift = max(SLIDER["min"], min(SLIDER["max"], shift))
    back = src.profile.plan.return_date
    months = [dates.add_months(back, m) for m in range(SLIDER["min"], SLIDER["max"] + 1)]
    sw = whatif.sweep(src, on, months)
    chosen = dates.add_months(back, shift)
    now, then = sw.column(back), sw.column(chosen)
    rows = tuple(
        {"key": key, "title": title, "now": now[key], "then": then[key], "change": sw.change(i)}
        for i, (key, title) in enumerate(zip(sw.rules, sw.titles, strict=True))
    )
    stays = scenarios.stays_note(src.profile, on, chosen)  # as the sweep counted it
    return WhatIf(back, shift, chosen, rows, sw.early_warning(chosen), stays)


def mark_task(
    owner: Any, task_id: str, mark: Mark | None, on: date, to: date | None = None
) -> Task:
    """Record progress on a task (``mark`` None: undo); the task as the plan now has it.
    The use case is planning.mark_task, which `wayhome task` calls too."""
    return planning.mark_task(from_store(owner), task_id, mark, on, to)


def snooze_task(owner: Any, task_id: str, until: date, on: date) -> Task:
    """Out of the next actions until ``until`` (after today); the plan keeps its place.
    planning.snooze_task, as `wayhome task snooze`; its refusal as a profile edit's."""
    try:
        return planning.snooze_task(from_store(owner), task_id, until, on)
    except planning.TaskDateError as e:
        raise profile_edits.ProfileEditError(e.errors) from None


class UnknownTargetError(Exception):
    """The plan has no target with this code."""


MOVES: Final = ("first", "up", "down")


def reorder(owner: Any, code: str, move: str) -> list[str]:
    """Move the target that brings regulator ``code`` (or the target ``code`` itself) in
    plan.targets: ``first`` makes it the plan, ``up``/``down`` swap it with a neighbour.
    Returns the new order, as saved."""
    profile = from_store(owner).profile
    targets = list(profile.targets)
    entry = next((t for t in targets if t in (code, code[:2])), None)
    if entry is None or move not in MOVES:
        raise UnknownTargetError(code)
    i = targets.index(entry)
    j = {"first": 0, "up": max(i - 1, 0), "down": min(i + 1, len(targets) - 1)}[move]
    targets.insert(j, targets.pop(i))
    profile_edits.set_plan(owner, targets=targets)
    return targets
