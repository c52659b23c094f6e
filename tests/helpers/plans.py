"""A whole plan for a profile, made with every bundled pack and the guide's template."""

from __future__ import annotations

from datetime import date

from tests.helpers import all_packs
from wayhome.adapters.plans import guide_template
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.progress import Progress
from wayhome.core.planner.results import Plan
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine

ON = date(2026, 11, 24)


def plan_for(prof: Profile, on: date = ON, progress: Progress | None = None) -> Plan:
    packs = all_packs()
    report = engine.assess(prof, packs, on)
    return make_plan(prof, report, packs, guide_template(), on, progress)
