"""Assess a profile against the packs, and the verdict on one screen: the use cases
behind `wayhome assess` and the dashboard's cards.

:func:`verdict_of` is the one place the verdict is made from a plan (the dashboard
calls it, and :func:`assess_with_verdict` for `wayhome assess`), so the page and the
terminal cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

from msgspec import Struct
from msgspec.structs import replace

from wayhome.adapters import packs as pack_files
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner.verdict import Card, Verdict, verdict
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


NOT_A_TARGET: Final = "not in your plan"  # a card's role: asked for with --country alone


class Assessed(Struct, frozen=True):
    report: Report  # for the countries asked for (all targets when none)
    verdict: Verdict  # the cards of those countries, from the whole plan
    asked: frozenset[str] = frozenset()  # the cards' codes that are no target of the plan
    warnings: tuple[str, ...] = ()  # said first: a planned return already past

    def role(self, card: Card) -> str:
        """A card's role: the plan, a backup, or asked for alone (no target)."""
        return NOT_A_TARGET if card.code in self.asked else card.role

    def to_json(self) -> dict[str, Any]:
        """The report and the verdict, each card with its role as :meth:`role` says."""
        verdict = self.verdict.to_json()
        for card, out in zip(self.verdict.cards, verdict["targets"], strict=True):
            out["role"] = self.role(card)
        return {**self.report.to_json(), "warnings": list(self.warnings), "verdict": verdict}


def assess_with_verdict(
    src: ProfileSource, on: date, *, pack_dirs: Sequence[Path] = (), countries: Sequence[str] = ()
) -> Assessed:
    """The assessment and its verdict. The plan behind the next actions is always the
    whole plan (as `wayhome timeline` makes it); ``countries`` narrows what is shown."""
    if not countries:
        planned = planning.plan(src, on, pack_dirs=pack_dirs)
        return Assessed(
            planned.report, verdict_of(planned), warnings=tuple(planning.warnings(planned))
        )
    # The packs of both, loaded once: the plan's targets and the countries asked for.
    both = pack_files.packs_for(src.profile, pack_dirs, [*src.profile.targets, *countries])
    planned = planning.plan(src, on, packs=both)
    report = assess(src, on, countries=countries, packs=both)
    # A country asked for that is no target (one with no pack too) has its card, after
    # the targets': the verdict is for what was asked, never silently less.
    targets = list(planned.profile.targets)
    asked = [c for c in countries if not any(_brings(t, c) for t in targets)]
    answer = verdict(report, planned.plan, [*targets, *asked], planned.plan.clocks)
    shown = {a.jurisdiction for a in report.assessments}
    cards = tuple(c for c in answer.cards if c.code in shown)
    return Assessed(
        report,
        replace(answer, cards=cards),
        frozenset(c.code for c in cards if c.target in asked),
        tuple(planning.warnings(planned)),
    )


def _brings(target: str, code: str) -> bool:
    """Whether the plan's ``target`` covers ``code`` asked for with --country: the
    regulator itself or its country (AE-DHA: AE-DHA and AE; AE: AE and its regulators)."""
    return target in (code, code[:2]) or ("-" not in code and target[:2] == code)
