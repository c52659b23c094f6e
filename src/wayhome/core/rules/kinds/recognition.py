"""recognition: what US residency, fellowship and board certification count as.

The pathway is the best outcome among the credentials the physician holds by
the return date. An ``unknown`` outcome for a credential they hold keeps the
pathway ``unknown`` unless something they hold already gives full specialist
status: a better answer might be hiding behind the unknown, so Wayhome does
not claim the worse one as fact.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates
from wayhome.core.common.specialties import name_of
from wayhome.core.common.strict import Slug, StrictModel
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import ReturnType, TrainingKind
from wayhome.core.rules.base import PATHWAY_RANK, Evaluation, Pathway, Rule, Version

CREDENTIALS: tuple[str, ...] = ("residency", "fellowship", "board_certification")


class Outcomes(StrictModel):
    residency: Pathway | None = None
    fellowship: Pathway | None = None
    board_certification: Pathway | None = None


class RecognitionVersion(Version):
    REQUIRED: ClassVar = ("residency", "fellowship", "board_certification")

    residency: Pathway | None = None
    fellowship: Pathway | None = None
    board_certification: Pathway | None = None
    by_return_type: dict[ReturnType, Outcomes] = Field(default_factory=dict)
    # Outcomes for a post sought (a consultant post may ask more than a specialist one);
    # they come before by_return_type, and among several posts sought the best counts.
    by_post: dict[Slug, Outcomes] = Field(default_factory=dict)

    def outcome(
        self, credential: str, return_type: ReturnType, posts: tuple[str, ...] = ()
    ) -> Pathway:
        for_posts: list[Pathway] = [
            value
            for post in posts
            if post in self.by_post and (value := getattr(self.by_post[post], credential))
        ]
        if for_posts:
            return min(for_posts, key=PATHWAY_RANK.__getitem__)
        special = self.by_return_type.get(return_type)
        value = getattr(special, credential) if special else None
        result = value or getattr(self, credential)
        assert isinstance(result, Pathway)
        return result


def _held(facts: ProfileFacts, by: date) -> dict[str, tuple[str, date]]:
    """The US credentials completed by ``by``: name -> (what, date)."""
    held: dict[str, tuple[str, date]] = {}
    for kind in (TrainingKind.RESIDENCY, TrainingKind.FELLOWSHIP):
        done = [
            t
            for t in facts.profile.training
            if t.kind == kind and t.country == "US" and t.end <= by
        ]
        if done:
            last = max(done, key=lambda t: t.end)
            held[kind.value] = (f"US {kind.value} in {name_of(last.specialty)}", last.end)
    certs = [c for c in facts.profile.board_certifications if c.certified <= by]
    if certs:
        first = min(certs, key=lambda c: c.certified)
        held["board_certification"] = (
            f"{first.board} certification in {name_of(first.specialty)}",
            first.certified,
        )
    return held


def best_pathway(outcomes: list[Pathway]) -> Pathway:
    if not outcomes:
        return Pathway.NOT_RECOGNISED
    known = [o for o in outcomes if o is not Pathway.UNKNOWN]
    best = min(known, key=PATHWAY_RANK.__getitem__) if known else Pathway.UNKNOWN
    if Pathway.UNKNOWN in outcomes and best is not Pathway.FULL_SPECIALIST:
        return Pathway.UNKNOWN
    return best


class RecognitionRule(Rule):
    kind: Literal["recognition"]
    versions: list[RecognitionVersion] = Field(min_length=1)

    def evaluate(self, version: RecognitionVersion, facts: ProfileFacts) -> Evaluation:
        plan = facts.profile.plan
        held = _held(facts, plan.return_date)
        parts, outcomes = [], []
        for credential in CREDENTIALS:
            if credential not in held:
                continue
            what, when = held[credential]
            outcome = version.outcome(credential, plan.return_type, facts.posts)
            outcomes.append(outcome)
            parts.append(
                f"what your {what} ({dates.fmt(when)}) counts as is not known"
                if outcome is Pathway.UNKNOWN
                else f"your {what} ({dates.fmt(when)}) counts as {_words(outcome)}"
            )
        pathway = best_pathway(outcomes)
        if not parts:
            basis = (
                "Your profile shows no US residency, fellowship or board certification "
                f"completed by your return on {dates.fmt(plan.return_date)}."
            )
        else:
            article = "an" if plan.return_type.value[0] in "aeiou" else "a"
            basis = (
                f"For {article} {plan.return_type.value} return, "
                + "; ".join(parts)
                + f". Your route: {_words(pathway)}."
            )
        if pathway is Pathway.UNKNOWN:
            return Evaluation(
                basis=basis,
                pathway=pathway,
                question="Is US training in your specialty recognised as "
                "equivalent to local specialist training, and is board "
                "certification required or only completion?",
                why="The pack has no reliable answer for a credential you hold.",
            )
        return Evaluation(basis=basis, pathway=pathway)


def _words(p: Pathway) -> str:
    return {
        Pathway.FULL_SPECIALIST: "full specialist",
        Pathway.PROVISIONAL: "provisional (limited) specialist",
        Pathway.CONVERSION: "training to convert (local exams or years needed)",
        Pathway.NOT_RECOGNISED: "not recognised",
        Pathway.UNKNOWN: "unknown",
    }[p]
