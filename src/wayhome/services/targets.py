"""One target's page: what the rules say for one regulator (or the US visa rules).

:func:`detail` finds the target's assessment in today's plan; the web's target page
lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from wayhome.core.rules.report import Assessment
from wayhome.services import planning
from wayhome.services.source import from_store


class UnknownTargetError(Exception):
    """The plan has no target with this code."""


@dataclass(frozen=True)
class TargetDetail:
    on: date
    return_date: date
    assessment: Assessment


def detail(owner: Any, on: date, code: str) -> TargetDetail:
    """The target ``code`` (a jurisdiction, e.g. IN or US) as today's plan assesses it."""
    planned = planning.plan(from_store(owner), on)
    for a in planned.report.assessments:
        if a.jurisdiction == code.upper():
            return TargetDetail(on, planned.profile.plan.return_date, a)
    raise UnknownTargetError(code)
