"""Tasks for one physician: the template's, and those the assessment adds.

Exams add a study period (as late as possible before the sitting) and a
registration (before it closes); deadlines become dates to mark and bound the
application; documents that must be fresh are requested as late as allowed;
local training and the J-1 home period start at the return.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Final

from msgspec import Struct
from msgspec.structs import replace

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.data import slug
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.planner import early, register, visa_tasks
from wayhome.core.planner.results import TaskSpec
from wayhome.core.planner.template import Category, Mode, TaskTemplate, Template
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import Profile, VisaType
from wayhome.core.rules.base import version_labelled
from wayhome.core.rules.kinds.exams import Sitting, still_open
from wayhome.core.rules.kinds.local import LocalTrainingRule
from wayhome.core.rules.kinds.required_documents import (
    DocumentValidityRule,
    RequiredDocumentsRule,
    earliest_issue,
)
from wayhome.core.rules.kinds.status_limits import HomePresenceRule, MaxYearsInStatusRule
from wayhome.core.rules.pack import Pack, PackKind
from wayhome.core.rules.report import OPEN, Assessment, Finding, Report, Status
from wayhome.core.visa.clocks import Clock

STUDY_MONTHS: Final = 6
REGISTRATION_WINDOW_MONTHS: Final = 3
REGISTER_DAYS: Final = 7  # registering for a sitting: forms, fees, documents
APPLY_TASK: Final = "apply-registration"
# Task ids carry a slug of a name cut at 60 characters; ids are kept in progress files.
TASK_ID_WORDS: Final = 60


def anchors(profile: Profile, on: date) -> dict[str, date]:
    us = [t for t in profile.training if t.country == "US"]
    out: dict[str, date] = {"today": on, "return": profile.plan.return_date}
    ends = early.training_ends(profile)  # the last day of US training, as every view says it
    if us and ends is not None:
        out["training_start"] = min(t.start for t in us)
        out["training_end"] = ends
        out["final_year_start"] = dates.add_years(ends, -1) + ONE_DAY
    if profile.board_certifications:
        out["certified"] = min(c.certified for c in profile.board_certifications)
    return out


def from_template(template: Template, profile: Profile, on: date) -> list[TaskSpec]:
    points = anchors(profile, on)
    held_j1 = ProfileFacts.of(profile).has_held(VisaType.J1)
    specs: list[TaskSpec] = []
    for t in template.tasks:
        if t.needs_j1 and not held_j1:
            continue
        if t.yearly:
            specs += _yearly(t, points, on)
            continue
        earliest = t.start.resolve(points) if t.start else None
        latest = t.finish.resolve(points) if t.finish else None
        if (t.start and earliest is None) or (t.finish and latest is None):
            continue  # the profile lacks the anchor (no US training, no certificate)
        specs.append(_spec(t, earliest, latest))
    return specs


def _spec(
    t: TaskTemplate,
    earliest: date | None,
    latest: date | None,
    task_id: str | None = None,
    title: str | None = None,
) -> TaskSpec:
    return TaskSpec(
        id=task_id or t.id,
        title=title or t.title,
        why=t.why,
        category=t.category,
        mode=t.mode,
        days=max(t.duration.days_long(), 1),
        earliest=earliest,
        latest=latest,
        earliest_why=t.start.describe() if t.start else None,
        latest_why=t.finish.describe() if t.finish else None,
        depends_on=tuple(t.depends_on),
    )


def _yearly(t: TaskTemplate, points: dict[str, date], on: date) -> list[TaskSpec]:
    first = t.start.resolve(points) if t.start else on
    last = t.finish.resolve(points) if t.finish else None
    if first is None or last is None:
        return []
    out = []
    for year in range(max(first, on).year, last.year + 1):
        lo = max(first, date(year, 1, 1), on)
        hi = min(last, date(year, 12, 31))
        if lo <= hi:
            spec = _spec(t, lo, hi, f"{t.id}-{year}", f"{t.title} ({year})")
            out.append(
                replace(
                    spec,
                    depends_on=(),
                    earliest_why=f"once in {year}",
                    latest_why=f"once in {year}",
                )
            )
    return out


def from_assessment(
    report: Report,
    packs: list[Pack],
    profile: Profile,
    clocks: Sequence[Clock] = (),
    done: Collection[str] = (),
) -> tuple[list[TaskSpec], tuple[date, str] | None]:
    """The assessment's tasks, and the earliest deadline that governs the application;
    ``clocks``: the visa clocks, whose dates the years at home take; ``done``: the tasks
    marked done (one whose day has passed is kept, as done)."""
    by_code = {p.code: p for p in packs}
    home = visa_tasks.home_clock(clocks)
    waiver = profile.j1_waiver
    back = profile.plan.return_date
    specs: list[TaskSpec] = [
        TaskSpec(
            id="return",
            title="Return home",
            why="The date everything else is planned from.",
            category=Category.RETURN,
            milestone=True,
            latest=back,
            latest_why="your plan",
        )
    ]
    apply_latest: tuple[date, str] | None = None
    for a in report.assessments:
        pack = by_code.get(a.jurisdiction)
        code = a.jurisdiction
        for e in a.exams:
            if e.passed or not e.planned_sitting:
                continue
            sitting = Sitting.of_label(e.planned_sitting)
            sit_id, study_id = f"sit:{code}:{e.rule}", f"study:{code}:{e.rule}"
            confirm = ", date to confirm" if e.to_confirm else ""
            why = {
                "failed": "The first sitting after both your last attempt and your return.",
                "pending": "Your last result is pending: planned as if it were a fail, the "
                "first sitting after both that attempt and your return.",
            }.get(e.status, "The first sitting after your return.")
            specs.append(
                TaskSpec(
                    id=sit_id,
                    title=f"Sit {e.name} ({sitting.words}{confirm})",
                    why=why + (f" Date to confirm: {e.to_confirm}." if e.to_confirm else ""),
                    category=Category.EXAMS,
                    milestone=True,
                    latest=sitting.end,
                    latest_why=f"{code} exam calendar"
                    + (
                        ""
                        if sitting.exact
                        else f": in {sitting.words}, counted as held on its last "
                        f"day, {dates.fmt(sitting.end)}"
                    ),
                    jurisdiction=code,
                    depends_on=(study_id,),
                )
            )
            specs.append(
                TaskSpec(
                    id=study_id,
                    title=f"Study for {e.name}",
                    why="Knowledge exams are easiest to prepare while you are still reading "
                    "every day; the study block ends just before the sitting.",
                    category=Category.EXAMS,
                    mode=Mode.ALAP,
                    days=STUDY_MONTHS * 30,
                    # Before the first day it may be held: a month-only sitting's 1st.
                    latest=sitting.start - ONE_DAY,
                    latest_why=f"the sitting on {dates.fmt(sitting.start)}"
                    if sitting.exact
                    else f"the sitting in {sitting.words}, which may be held from "
                    f"{dates.fmt(sitting.start)}",
                    jurisdiction=code,
                    depends_on=("get-syllabus",),
                    fix="start studying earlier, or sit a later sitting (and check its windows)",
                )
            )
            if e.registration_deadline and not e.registered:  # registered: nothing to do
                specs.append(
                    _register(
                        f"register:{code}:{e.rule}",
                        e.name,
                        sitting,
                        e.registration_deadline,
                        report.on,
                        jurisdiction=code,
                        why="Registration closes well before the sitting; missing it costs a "
                        "whole sitting.",
                        fix=f"register for a later sitting of {e.name}, and check that it is "
                        "still inside every window",
                        depends_on=("research-exams",),
                        confirm=confirm,
                    )
                )
        specs += _in_window(a, code, report.on, done)
        # The day of applying: the planned application to this regulator, else the return.
        applying = profile.plan.applying_on(code) or back
        steps = _producing_steps(a, code, pack, back, applying)
        regulator = pack is not None and pack.kind is PackKind.REGULATOR
        for f in a.findings:
            rule = pack.rule(f.rule) if pack else None
            if isinstance(rule, HomePresenceRule):
                version = version_labelled(rule, f.rule_version)
                if version.years and version.status:
                    specs.append(
                        visa_tasks.home_period(
                            f"home-presence:{code}:{rule.id}",
                            f"{version.years} years at home after {version.status.value}",
                            version.years,
                            code,
                            home,
                            back,
                            waiver.date if waiver else None,
                        )
                    )
                continue
            if isinstance(rule, MaxYearsInStatusRule):
                continue  # the visa clocks mark its dates (visa_tasks.from_clocks), once
            specs += _from_finding(f, code, pack, back, applying, steps)
            # A regulator's deadlines checked against the application govern it; a US
            # status limit bounds the leaving (the return, the visa tasks), not an
            # application made at home after it.
            governs_application = regulator and f.plan == applying.isoformat()
            if (
                f.deadline
                and governs_application
                and f.status in (Status.OK, Status.TIGHT, Status.CONFLICT)
                and (apply_latest is None or f.deadline < apply_latest[0])
            ):
                apply_latest = (f.deadline, f"{code}: {f.title}")
    return specs, apply_latest


def _from_finding(
    f: Finding,
    code: str,
    pack: Pack | None,
    back: date,
    applying: date | None = None,
    steps: dict[str, Step] | None = None,
) -> list[TaskSpec]:
    out: list[TaskSpec] = []
    applying = applying or back
    when = "you apply on your return" if applying == back else "you apply then"
    # An exam still to sit has its own registration task; other deadlines are marked.
    if f.deadline and f.status is not Status.MISSED and f.kind != "exam":
        out.append(
            TaskSpec(
                id=f"deadline:{code}:{f.rule}",
                title=f"Deadline: {f.title}",
                why=f.explanation,
                category=Category.CONFIRM,
                milestone=True,
                latest=f.deadline,
                latest_why=f"the last day the rules of {_whose(code, pack)} allow",
                jurisdiction=code,
                days=1,
            )
        )
    rule = pack.rule(f.rule) if pack else None
    if rule is None or f.status in OPEN:
        return out  # nothing to plan from a rule the pack or the profile cannot settle
    version = version_labelled(rule, f.rule_version)
    if isinstance(rule, DocumentValidityRule) and version.document and version.months:
        issued = earliest_issue(applying, version.months, rule.counting)
        out.append(
            TaskSpec(
                id=f"request:{code}:{rule.id}",
                title=f"Request a fresh {version.document}",
                why=f"It is accepted only within {version.months} months of issue, so ask as late "
                "as the office's turnaround allows.",
                category=Category.DOCUMENTS,
                mode=Mode.ALAP,
                days=28,
                earliest=issued,
                earliest_why="the oldest issue date still valid at your application",
                latest=applying - ONE_DAY,
                latest_why=when,
                jurisdiction=code,
                fix=f"apply sooner after it is issued, or ask for a new {version.document}",
            )
        )
    elif isinstance(rule, RequiredDocumentsRule) and version.documents:
        for d in version.documents:
            # A lead time in calendar months, counted back from the return it must precede
            # (three months before 1 Jul 2028 is from 1 Apr 2028: 91 days, not 90).
            days = (
                (applying - dates.subtract_span(applying, d.lead_time.span)).days
                if d.lead_time
                else 28
            )
            step = (steps or {}).get(d.produced_by) if d.produced_by else None
            how = " → ".join(d.steps) if d.steps else "as issued"
            if step is not None:
                # It only exists once a later step is done: obtained after it, not
                # collected before applying.
                out.append(
                    TaskSpec(
                        id=f"doc:{code}:{_slug(d.name)}",
                        title=f"Obtain: {d.name}",
                        why=f"It exists only once {step.what}, so it comes after that, not "
                        f"before you apply: {how}",
                        category=Category.DOCUMENTS,
                        days=max(days, 1),
                        earliest=step.after,
                        earliest_why=step.after_why,
                        jurisdiction=code,
                        depends_on=step.task,
                    )
                )
                continue
            out.append(
                TaskSpec(
                    id=f"doc:{code}:{_slug(d.name)}",
                    title=f"Obtain: {d.name}",
                    why="Documents in hand before you leave, with their steps: " + how,
                    category=Category.DOCUMENTS,
                    days=max(days, 1),
                    latest=applying - ONE_DAY,
                    latest_why=when,
                    jurisdiction=code,
                    depends_on=("collect-us-documents",),
                )
            )
    elif isinstance(rule, LocalTrainingRule) and version.duration and version.what:
        out.append(
            TaskSpec(
                id=f"local:{code}:{rule.id}",
                title=f"Local training: {version.what}",
                why="It can only start once you are back.",
                category=Category.RETURN,
                days=max(1, (dates.add_span(back, version.duration.span) - back).days),
                earliest=back,
                earliest_why="your return",
                jurisdiction=code,
            )
        )
    return out


class Step(Struct, frozen=True):
    """The step that produces a required document (its ``produced_by``): what it is in
    words, the first day the document can follow it, and the task it follows."""

    what: str
    after: date
    after_why: str
    task: tuple[str, ...] = ()


def _producing_steps(
    a: Assessment, code: str, pack: Pack | None, back: date, applying: date
) -> dict[str, Step]:
    """Each rule of the assessment a document may be produced by (its ``produced_by``),
    as a step: an exam not yet passed (after its planned sitting, else after your return),
    local training (after its completion) or an application (once it is made)."""
    if pack is None:
        return {}
    out: dict[str, Step] = {}
    for e in a.exams:
        if e.passed:
            continue  # passed: the certificate exists and is collected like any other
        if e.planned_sitting:
            sitting = Sitting.of_label(e.planned_sitting)
            out[e.rule] = Step(
                f"you pass {e.name}",
                sitting.end + ONE_DAY,
                f"after the sitting {sitting.on_or_in}",
                (f"sit:{code}:{e.rule}",),
            )
        else:
            out[e.rule] = Step(
                f"you pass {e.name}",
                back,
                f"your return: no sitting of {e.name} after it is known yet",
            )
    for f in a.findings:
        rule = pack.rule(f.rule)
        if isinstance(rule, LocalTrainingRule):
            done = f.completed_on if f.status not in OPEN else None
            out[rule.id] = Step(
                f"you have done the training it certifies ({rule.title})",
                done + ONE_DAY if done else back,
                f"the training is completed on {dates.fmt(done)}"
                if done
                else "your return: when the training is completed is not known yet",
                (f"local:{code}:{rule.id}",) if f.status not in OPEN else (),
            )
        elif isinstance(rule, RequiredDocumentsRule):
            out[rule.id] = Step(
                f"your application ({rule.title}) is granted",
                applying,
                "you apply then" if applying != back else "you apply on your return",
                (APPLY_TASK,),
            )
    return out


def _register(
    task_id: str,
    exam: str,
    sitting: Sitting,
    closes: date,
    on: date,
    *,
    jurisdiction: str,
    why: str,
    fix: str,
    depends_on: tuple[str, ...] = (),
    confirm: str = "",
) -> TaskSpec:
    """Registering for ``sitting``, by the day its registration closes (still open that
    day: still_open). It takes REGISTER_DAYS, or the days left when fewer are:
    on the last day it is a day's work to do now, not a task that cannot fit. It comes
    before overdue work when near (``closing``: verdict._todo)."""
    return TaskSpec(
        id=task_id,
        title=f"Register for {exam} (sitting {sitting.on_or_in}{confirm})",
        why=why,
        category=Category.EXAMS,
        days=min(REGISTER_DAYS, (closes - on).days + 1)
        if still_open(closes, on)
        else REGISTER_DAYS,
        earliest=dates.add_months(closes, -REGISTRATION_WINDOW_MONTHS),
        earliest_why="registration usually opens a few months before it closes",
        latest=closes,
        latest_why=f"registration for the sitting {sitting.on_or_in} closes",
        jurisdiction=jurisdiction,
        depends_on=depends_on,
        fix=fix,
        closing=True,
    )


def _in_window(a: Assessment, code: str, on: date, done: Collection[str]) -> list[TaskSpec]:
    """Registering for the sitting the latest safe return hangs on, when the plan's own
    sitting is out of time for its rule (register.in_window): the one deadline that keeps
    the rule, the card's registration line as a task. Once registration has closed it is
    left out (a task that cannot be done late is no task), unless you marked it done: the
    plan's own sitting's task is then the exam's registration to do, and the card and the
    conflict's fix say what closed and what is left."""
    r = register.in_window(a)
    if r is None:
        return []
    task_id = f"register:{code}:{r.exam_rule}:{r.sitting.label}"
    if not still_open(r.closes, on) and task_id not in done:
        return []
    rule = next((f.title for f in a.findings if f.rule == r.rule), r.rule)
    last = f" by {dates.fmt(r.limit)}" if r.limit else ""
    confirm = ", date to confirm" if r.sitting.to_confirm else ""
    return [
        _register(
            task_id,
            r.exam,
            r.sitting,
            r.closes,
            on,
            jurisdiction=code,
            why=f"Your plan's own sitting is too late for {rule}: the sitting "
            f"{r.sitting.on_or_in} is the last one{last}, and your latest safe return hangs "
            "on it. Registration cannot be made up once it closes.",
            fix=f"register by {dates.fmt(r.closes)}: after it, ask the regulator about a "
            "late registration",
            confirm=confirm,
        )
    ]


def bound_application(specs: list[TaskSpec], bound: tuple[date, str] | None) -> list[TaskSpec]:
    """Keep the application inside every deadline that governs it."""
    if bound is None:
        return specs
    out = []
    for spec in specs:
        if spec.id == APPLY_TASK and (spec.latest is None or bound[0] < spec.latest):
            spec = replace(
                spec,
                latest=bound[0],
                latest_why=bound[1],
                fix="apply before the deadline, or return earlier",
            )
        out.append(spec)
    return out


def _whose(code: str, pack: Pack | None) -> str:
    """A pack's jurisdiction in words, as the verdict's cards name it: its country
    ("India", "the United States"), or a regulator within a country by its own name
    ("Dubai Health Authority (DHA)")."""
    if pack is not None and "-" in code:
        return pack.name
    name = country_name(code[:2])
    return f"the {name}" if name.startswith("United ") else name


def _slug(text: str) -> str:
    return slug(text, TASK_ID_WORDS)


RENEWAL_LEAD_DAYS: Final = 90


def from_credentials(profile: Profile) -> list[TaskSpec]:
    """Licence renewals and board certificates that lapse: renew before they do."""
    out = []
    for i, lic in enumerate(profile.licences):
        if lic.expires is None:
            continue
        out.append(
            TaskSpec(
                id=f"renew-licence:{_slug(lic.jurisdiction)}-{i + 1}",
                title=f"Renew your {lic.jurisdiction} licence (expires {dates.fmt(lic.expires)})",
                why="A lapsed US licence is slow to restore from abroad; keeping it keeps the "
                "US door open.",
                category=Category.US_DOORS,
                days=30,
                mode=Mode.ALAP,
                earliest=lic.expires - timedelta(days=RENEWAL_LEAD_DAYS),
                earliest_why="renewals usually open a few months before expiry",
                latest=lic.expires - ONE_DAY,
                latest_why="the licence expires",
            )
        )
    for i, cert in enumerate(profile.board_certifications):
        if cert.expires is None:
            continue
        out.append(
            TaskSpec(
                id=f"renew-board:{_slug(cert.board)}-{i + 1}",
                title=f"Keep your {cert.board} certificate from lapsing "
                f"(expires {dates.fmt(cert.expires)})",
                why="Continuing certification (assessments, CME points, fees) must be complete "
                "before the certificate's end date.",
                category=Category.US_DOORS,
                days=90,
                mode=Mode.ALAP,
                latest=cert.expires - ONE_DAY,
                latest_why="the certificate expires",
            )
        )
    return out
