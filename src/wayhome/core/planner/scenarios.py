"""Scenarios: named variants of the plan, compared side by side.

A scenario changes the return date, adds training (a fellowship), adds years
as a US attending, or points at other regulators; everything else is the
profile's. Later features (money, visas) hang their numbers on the same
``scenarios:`` entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from wayhome.core.common import dates
from wayhome.core.common.data import iso
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.money.forecast import Forecast, forecast
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.progress import Progress
from wayhome.core.planner.results import TaskStatus
from wayhome.core.planner.template import Category, Template
from wayhome.core.planner.verdict import bounds
from wayhome.core.profile.model import Profile, Scenario, Stay, Work
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import OPEN, Status
from wayhome.core.visa import clocks


def apply(profile: Profile, s: Scenario, on: date | None = None) -> Profile:
    """The profile as it would be under the scenario, looked at on ``on``; a scenario that
    moves the return keeps the stays log up to ``on`` only (:func:`stays_for`)."""
    training = sorted([*profile.training, *s.extra_training], key=lambda t: t.start)
    work = list(profile.work)
    back = profile.plan.return_date
    trained_until = max((t.end for t in training), default=None)
    if s.attending_years and trained_until is not None:
        start = trained_until + ONE_DAY
        end = dates.add_years(start, s.attending_years) - ONE_DAY
        work.append(
            Work(role="attending", specialty=profile.specialty, country="US", start=start, end=end)
        )
        back = end + ONE_DAY
    elif s.extra_training and trained_until is not None and trained_until >= back:
        back = trained_until + ONE_DAY
    plan = profile.plan.model_copy(
        update={
            "return_date": s.return_date or back,
            "return_type": s.return_type or profile.plan.return_type,
            "targets": s.targets if s.targets is not None else profile.plan.targets,
            "posts": s.posts if s.posts is not None else profile.plan.posts,
        }
    )
    stays = stays_for(profile, plan.return_date, on)
    return profile.model_copy(
        update={"training": training, "work": work, "plan": plan, "stays": stays}
    )


def stays_for(profile: Profile, back: date, on: date | None) -> list[Stay]:
    """The stays log the visa clocks count for a return on ``back``, looked at on ``on``:
    as recorded for the planned return; for another, up to ``on`` only. The stays planned
    after ``on`` were planned around the planned return (a move home on its day, trips
    before and after it), so they are left out, not moved: from ``on`` the clocks take
    the physician to be in the US until the return and at home from it, as they read a
    log that ends before the return (wayhome.core.visa.stays). :func:`stays_note` says
    so wherever a view counts it; `wayhome scenarios` and `wayhome whatif` both count
    another return's clocks with this log."""
    if on is None or back == profile.plan.return_date:
        return profile.stays
    return stays_until(profile, on)


def stays_until(profile: Profile, on: date) -> list[Stay]:
    """The stays log up to ``on``: what a return other than the planned one counts."""
    return [x.model_copy(update={"end": min(x.end, on)}) for x in profile.stays if x.start <= on]


def stays_note(profile: Profile, on: date, back: date | None = None) -> str | None:
    """What :func:`stays_for` leaves out for a return on ``back`` (None: any return but
    the planned one), in words; None when it leaves nothing out."""
    planned = profile.plan.return_date
    if back == planned or not any(x.end > on for x in profile.stays):
        return None
    other = "any other day" if back is None else dates.fmt(back)
    return (
        f"Wayhome takes your stays after {dates.fmt(on)} as planned around your return on "
        f"{dates.fmt(planned)}, so for a return on {other} it leaves them out: the visa "
        "clocks count you in the US until that return and at home from it."
    )


class Outcome(Struct, frozen=True):
    """One scenario's results, for the comparison table."""

    id: str
    name: str
    return_date: date
    regulators: tuple[dict[str, Any], ...]
    # The windows still open today that this scenario's return misses, each with its
    # last day (one closed before today is not this plan's doing).
    closes: tuple[str, ...]
    months_to_return: int
    plan_ends: date
    readiness: tuple[int, int]
    conflicts: int = 0
    money: Forecast | None = None
    clocks: tuple[clocks.Clock, ...] = field(default_factory=tuple)
    doors: tuple[str, ...] = field(default_factory=tuple)  # keeping US doors open: the tasks
    # A return before US training ends: what it costs and what to ask (the plan's early).
    early: str | None = None
    # The stays planned around the planned return, left out for this one (stays_note).
    stays_note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "return_date": self.return_date.isoformat(),
            "regulators": list(self.regulators),
            "closes": list(self.closes),
            "months_to_return": self.months_to_return,
            "plan_ends": self.plan_ends.isoformat(),
            "readiness": {"done": self.readiness[0], "total": self.readiness[1]},
            "conflicts": self.conflicts,
            "money": self.money.to_json() if self.money else None,
            "clocks": [c.to_json() for c in self.clocks],
            "doors": list(self.doors),
            "before_training_ends": self.early,
            "stays_note": self.stays_note,
        }


BASELINE = Scenario(id="your-plan", name="Your plan as it stands")


def compare(
    profile: Profile,
    scenarios: Sequence[Scenario],
    packs: Sequence[Pack],
    template: Template,
    on: date,
    progress: Progress | None = None,
) -> list[Outcome]:
    """The plan as it stands, then each scenario."""
    baseline = BASELINE.model_copy(update={"money": profile.money})
    out = []
    for s in [baseline, *scenarios]:
        o = outcome(apply(profile, s, on), s, packs, template, on, progress)
        out.append(replace(o, stays_note=stays_note(profile, on, o.return_date)))
    return out


def outcome(
    profile: Profile,
    s: Scenario,
    packs: Sequence[Pack],
    template: Template,
    on: date,
    progress: Progress | None,
) -> Outcome:
    report = engine.assess(profile, packs, on)
    plan = make_plan(profile, report, packs, template, on, progress)
    regulators = []
    closes = []
    back = profile.plan.return_date
    for a in report.assessments:
        counts: dict[str, int] = {}
        for f in a.findings:
            counts[f.status.value] = counts.get(f.status.value, 0) + 1
            if f.status is Status.CONFLICT and f.deadline is not None and f.deadline >= on:
                closes.append(f"{a.jurisdiction}: {f.title} (last day {dates.fmt(f.deadline)})")
        latest, _ = bounds(a, back)  # the card's words, for every regulator
        regulators.append(
            {
                "jurisdiction": a.jurisdiction,
                "pathway": a.pathway.value if a.pathway else None,
                "latest_safe_return": iso(a.latest_safe_return),
                "latest_return": latest.line,
                "latest_return_reason": latest.reason,
                "earliest_return": iso(a.earliest_return),
                "counts": counts,
                # Not judged: unknown, or indeterminate (the pack cannot date a change).
                "unknown": sum(counts.get(st.value, 0) for st in OPEN),
            }
        )
    span = dates.between(on, back) if back >= on else dates.Span()
    return Outcome(
        id=s.id,
        name=s.name,
        return_date=back,
        regulators=tuple(regulators),
        closes=tuple(closes),
        months_to_return=span.years * 12 + span.months,
        plan_ends=max((t.end for t in plan.tasks), default=back),
        readiness=plan.readiness,
        conflicts=len(plan.conflicts),
        money=forecast(s.money, on, back, profile.home_country, profile.plan.return_type.value)
        if s.money
        else None,
        clocks=plan.clocks,  # make_plan counted them for its visa tasks
        doors=tuple(
            t.spec.title
            for t in plan.tasks
            if t.spec.category is Category.US_DOORS and t.status is not TaskStatus.SKIPPED
        ),
        early=plan.early,  # make_plan said it for this return
    )
