"""Assess a profile against the packs, and the verdict on one screen: the use cases
behind `wayhome assess` and the dashboard's cards.

:func:`verdict_of` is the one place the verdict is made from a plan (the dashboard
calls it, and :func:`assess_with_verdict` for `wayhome assess`), so the page and the
terminal cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from wayhome.adapters import packs as pack_files
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner.verdict import Verdict, verdict
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Report
from wayhome.services import planning
from wayhome.services.source import ProfileSource


def assess(
    src: ProfileSource,
    on: date,
    *,
    pack_dirs: Sequence[Path] = (),
    countries: Sequence[str] = (),
    packs: Sequence[Pack] | None = None,
) -> Report:
    """Check and assess; every problem comes back as InvalidFileError, located. From
    ``packs`` when the caller has them, else those the assessment reads."""
    if packs is None:
        packs = pack_files.packs_for(src.profile, pack_dirs, countries)
    try:
        return engine.assess(src.profile, packs, on, list(countries) or None)
    except ProblemsError as e:
        # Problems found only once the packs are known: the confirmed rules.
        raise src.locate(e.problems) from None


def verdict_of(planned: planning.Planned) -> Verdict:
    """The verdict of a plan: its targets' cards, the next actions, the US clocks."""
    return verdict(planned.report, planned.plan, planned.profile.targets, planned.plan.clocks)


@dataclass(frozen=True)
class Assessed:
    report: Report  # for the countries asked for (all targets when none)
    verdict: Verdict  # the cards of those countries, from the whole plan


def assess_with_verdict(
    src: ProfileSource, on: date, *, pack_dirs: Sequence[Path] = (), countries: Sequence[str] = ()
) -> Assessed:
    """The assessment and its verdict. The plan behind the next actions is always the
    whole plan (as `wayhome timeline` makes it); ``countries`` narrows what is shown."""
    if not countries:
        planned = planning.plan(src, on, pack_dirs=pack_dirs)
        return Assessed(planned.report, verdict_of(planned))
    # The packs of both, loaded once: the plan's targets and the countries asked for.
    both = pack_files.packs_for(src.profile, pack_dirs, [*src.profile.targets, *countries])
    planned = planning.plan(src, on, packs=both)
    answer = verdict_of(planned)
    report = assess(src, on, countries=countries, packs=both)
    shown = {a.jurisdiction for a in report.assessments}
    return Assessed(
        report, replace(answer, cards=tuple(c for c in answer.cards if c.code in shown))
    )
