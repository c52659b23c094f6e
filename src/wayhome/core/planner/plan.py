"""make_plan: the profile's plan, from the template, the assessment and progress."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec.structs import replace

from wayhome.core.common import dates
from wayhome.core.planner import checklist, early, register, tasks, visa_tasks
from wayhome.core.planner.progress import Mark, Progress
from wayhome.core.planner.results import Conflict, Plan, TaskStatus
from wayhome.core.planner.schedule import schedule
from wayhome.core.planner.template import Template
from wayhome.core.profile.model import Profile
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Assessment, Report, Status
from wayhome.core.visa import clocks


def make_plan(
    profile: Profile,
    report: Report,
    packs: Sequence[Pack],
    template: Template,
    on: date,
    progress: Progress | None = None,
    evidence: checklist.Evidence | None = None,
) -> Plan:
    """The plan on ``on``; ``evidence`` (answers logged, document records, packets sent)
    judges the checklist, else the profile's own documents do."""
    specs = tasks.from_template(_with_extra_tasks(template, report, packs, profile), profile, on)
    us_clocks = tuple(clocks.clocks(profile, list(packs), on))
    done = {i for i, m in (progress.tasks if progress else {}).items() if m.status is Mark.DONE}
    extra, bound = tasks.from_assessment(report, list(packs), profile, us_clocks, done)
    extra += visa_tasks.from_clocks(us_clocks)
    extra += tasks.from_credentials(profile)
    specs = tasks.bound_application(specs + extra, bound)
    ids = {s.id for s in specs}
    # A template task may depend on one the profile left out (no US training): drop the link.
    specs = [replace(s, depends_on=tuple(d for d in s.depends_on if d in ids)) for s in specs]
    placed, conflicts = schedule(specs, on, progress)
    trained_until = early.training_ends(profile)
    broken = _window_conflicts(report, trained_until)
    conflicts += broken
    # A deadline the plan breaks is shown as a conflict, not as a plain date.
    broken_ids = {c.task for c in broken}
    placed = [replace(t, status=TaskStatus.CONFLICT) if t.id in broken_ids else t for t in placed]
    return Plan(
        on=on,
        profile_id=str(profile.profile_id),
        return_date=profile.plan.return_date,
        tasks=tuple(placed),
        conflicts=tuple(conflicts),
        checklist=tuple(
            checklist.judge(
                placed, report, on, packs, evidence or checklist.Evidence.of_profile(profile)
            )
        ),
        clocks=us_clocks,
        early=early.planned(profile),
    )


def _with_extra_tasks(
    template: Template, report: Report, packs: Sequence[Pack], profile: Profile
) -> Template:
    """The guide's tasks, then the assessed packs' own, then the user's; a later task
    with the same id replaces an earlier one."""
    assessed = {a.jurisdiction for a in report.assessments}
    merged = {t.id: t for t in template.tasks}
    for pack in packs:
        if pack.code in assessed:
            merged.update({t.id: t for t in pack.tasks})
    merged.update({t.id: t for t in profile.tasks})
    # Every task was checked where it came from (the guide, a pack, the profile): the
    # merged list needs no validator built for it (start-up, #28).
    return Template.model_construct(tasks=list(merged.values()))


def _window_conflicts(report: Report, trained_until: date | None = None) -> list[Conflict]:
    """Rules the plan breaks: the assessment's conflicts, each with what would fix it, and
    what no plan meets (blocked: no attempts left, a course outside its window). A return
    it suggests before US training ends (``trained_until``) says so: that fix costs the
    rest of the training."""
    out = []
    for a in report.assessments:
        for f in a.findings:
            if f.status is Status.BLOCKED:
                out.append(
                    Conflict(
                        task=f"blocked:{a.jurisdiction}:{f.rule}",
                        heading=f"{a.jurisdiction}: {f.title}.",
                        detail=f.explanation,
                        fix="no return date changes it: ask the regulator what remains open to you",
                    )
                )
                continue
            if f.status is not Status.CONFLICT:
                continue
            if f.deadline:
                by_exam = f.plan is not None and f.plan != report.return_date.isoformat()
                fix = _return_by(a, by_exam, report.on, trained_until)
            else:
                fix = (
                    f"return on or after {dates.fmt(a.earliest_return)}"
                    if a.earliest_return
                    else "return later"
                )
            out.append(
                Conflict(
                    task=f"deadline:{a.jurisdiction}:{f.rule}",
                    heading=f"{a.jurisdiction}: {f.title}.",
                    detail=f.explanation,
                    fix=fix,
                )
            )
    return out


def _return_by(a: Assessment, by_exam: bool, on: date, trained_until: date | None) -> str:
    """The fix for a deadline the plan breaks: return by the latest safe return (for a
    rule on a sitting, in time for an earlier one, registered for by its last day); once
    that sitting's registration has closed, that no return is in time for it; once the
    latest safe return is past, that no return meets the rule now."""
    latest = a.latest_safe_return
    reg = register.fix_words(a, on) if latest else None
    if reg is not None and reg[1]:
        return reg[0]  # closed: the sentence says what is left, and to ask the regulator
    if latest is not None and latest < on:
        # No return can meet it now: saying "return by" a day gone by would be no fix.
        return (
            f"the last safe return was {dates.fmt(latest)}, so no return meets it now: ask "
            "the regulator whether the limit can be extended or an exception made"
        )
    fix = f"return by {dates.fmt(latest)}" if latest else "return earlier"
    if by_exam:
        fix += ", in time for an earlier sitting"
    if reg is not None:
        fix += f", and {reg[0]}"
    if latest and trained_until and early.before_training_ends(latest, trained_until):
        fix += (
            f"; that is {early.leaving_early(trained_until)}: ask the regulator first "
            "whether a later sitting or an extension of the window is possible"
        )
    return fix
