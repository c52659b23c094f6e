"""min_years_experience: the first day enough experience has built up.

Used for senior titles (a consultant post N years after certification) and
for anything else that opens only after a number of years. It gives an
``earliest`` date, not a deadline.

Without ``counts`` it is the anniversary of its anchor, assuming practice without a
break. With ``counts`` (the kinds of work that count; training only where listed as
``training``), experience is counted day by day over the profile's own periods, in
``country`` only and ``while_licensed`` only where the rule says
(:mod:`wayhome.core.profile.accrual`).

After ``board_certification`` the years may depend on the certificate's tier
(``tiers``: the pack's board-to-tier map and the years of each tier), and a title may
need more than years shown (``evidence``: teaching, audits, research), listed in
the finding.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from msgspec.structs import replace
from pydantic import Field, model_validator

from wayhome.core.common import dates, periods
from wayhome.core.common.data import in_a_list
from wayhome.core.common.strict import Country, Slug, StrictModel
from wayhome.core.profile import accrual
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import TrainingKind
from wayhome.core.rules.base import Evaluation, Rule, Version, in_country, missing_fact

Anchor = Literal["training", "residency", "fellowship", "board_certification"]
Counted = Literal["clinical", "teaching", "research", "other", "training"]


class Tiers(StrictModel):
    """Years by certificate tier: ``boards`` maps a board to its tier (the pack's map),
    ``years`` gives each tier's years (0: the tier is exempt, open from the certificate's
    date); ``default`` is the tier of a board not listed (without it, such a board is a
    question to ask)."""

    boards: dict[str, Slug] = Field(min_length=1)
    years: dict[Slug, int] = Field(min_length=1)
    default: Slug | None = None

    @model_validator(mode="after")
    def _tiers_have_years(self) -> Tiers:
        named = {*self.boards.values(), *([self.default] if self.default else [])}
        missing = sorted(t for t in named if t not in self.years)
        if missing:
            raise ValueError(f"no years for tier {', '.join(missing)}: add it under 'years'")
        bad = [y for y in self.years.values() if not 0 <= y <= 40]
        if bad:
            raise ValueError(f"years of a tier are 0 (exempt) to 40, got {bad}")
        return self

    def tier_of(self, board: str) -> str | None:
        by_name = {b.casefold(): t for b, t in self.boards.items()}
        return by_name.get(board.casefold(), self.default)

    @staticmethod
    def name(tier: str) -> str:
        """A tier as the regulators' texts write it: "Tier 1" (the pack's ``tier-1``),
        "Group 1" (``group-1``). Every sentence and `packs show` say a tier this way."""
        words = tier.replace("-", " ")
        return words[:1].upper() + words[1:]

    def boards_in(self, tier: str) -> list[str]:
        return [b for b, t in self.boards.items() if t == tier]

    def words(self) -> str:
        """The map in words, tier by tier: "Tier 1 (no years of experience needed): ABIM,
        ABS; Tier 2: 3 years of experience needed"."""
        parts = []
        for tier, years in self.years.items():
            needs = _years_needed(years)
            boards = self.boards_in(tier)
            name = self.name(tier)
            parts.append(f"{name} ({needs}): {', '.join(boards)}" if boards else f"{name}: {needs}")
        if self.default:
            parts.append(f"a board not listed counts as {self.name(self.default)}")
        return "; ".join(parts)


def _years_needed(years: int) -> str:
    if not years:
        return "no years of experience needed"
    return f"{dates.Span(years=years).describe()} of experience needed"


class ExperienceVersion(Version):
    years: int | None = Field(None, ge=1, le=40)
    after: Anchor | None = None
    title: str | None = None  # the post or title this opens, e.g. "consultant"
    counts: list[Counted] | None = Field(None, min_length=1)
    country: Country | None = None  # only periods in this country count
    while_licensed: bool = False  # only days a licence in `licences` covers count
    tiers: Tiers | None = None  # years by certificate tier (after board_certification)
    # What the title needs shown besides years: teaching, audits, research...
    evidence: list[str] | None = Field(None, min_length=1)

    @model_validator(mode="after")
    def _anchor_or_counts(self) -> ExperienceVersion:
        if self.repealed or self.unknown is not None:
            given = [k for k in ("years", "tiers") if getattr(self, k) is not None]
            if given:
                what = "repealed" if self.repealed else "unknown"
                raise ValueError(f"a {what} version takes no values: remove {', '.join(given)}")
            return self
        if (self.years is None) == (self.tiers is None):
            raise ValueError(
                "give 'years', or 'tiers' (years by certificate tier), not both (or mark the "
                "value 'unknown' with the question to ask)"
            )
        if self.tiers is not None and (self.after != "board_certification" or self.counts):
            raise ValueError("'tiers' go with 'after: board_certification' (and no 'counts')")
        if self.after is None and self.counts is None:
            raise ValueError("give 'after' (what experience is counted from) or 'counts'")
        if self.counts is None and (self.country or self.while_licensed):
            raise ValueError("'country' and 'while_licensed' need 'counts' (the kinds that count)")
        return self


class MinYearsExperienceRule(Rule):
    kind: Literal["min_years_experience"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[ExperienceVersion] = Field(min_length=1)

    def evaluate(self, version: ExperienceVersion, facts: ProfileFacts) -> Evaluation:
        ev = self._evaluate(version, facts)
        if version.evidence and not ev.is_open:
            shown = ", ".join(version.evidence)
            title = version.title or "the title"
            ev = replace(ev, basis=f"{ev.basis} For {title} you must also show: {shown}.")
        return ev

    def _evaluate(self, version: ExperienceVersion, facts: ProfileFacts) -> Evaluation:
        if version.tiers is not None:
            found = _tier_years(version.tiers, facts)
            if isinstance(found, Evaluation):
                return found
            years, tier_text = found
            if years == 0:
                return _exempt(version, facts, tier_text)
            version = version.model_copy(update={"years": years})
        else:
            tier_text = ""
        assert version.years is not None
        anchor: date | None = None
        what = ""
        if version.after == "board_certification":
            anchor = facts.first_certification()
            what, field = "your first board certification", "board_certifications"
        elif version.after is not None:
            kind = None if version.after == "training" else TrainingKind(version.after)
            anchor = facts.training_end(kind)
            what, field = f"the end of your {version.after}", "training"
        if version.after is not None and anchor is None:
            return missing_fact(field, f"the date of {what}")
        counting = (
            periods.counting_for(self.kind, version.after, self.counting) if version.after else None
        )
        if version.counts is not None:
            return self._counted(version, facts, anchor, what, counting)
        assert anchor is not None and counting is not None
        p = periods.period(anchor, dates.Span(years=version.years), counting)
        opens = f" for {version.title}" if version.title else ""
        return Evaluation(
            basis=f"{tier_text}{what[0].upper()}{what[1:]} is {dates.fmt(anchor)}; "
            f"{version.years} years "
            f"of experience after it{opens} are completed on {dates.fmt(p.completed_on)} "
            f"({p.counted(what)}), so they count from {dates.fmt(p.allowed_from)} "
            "(assuming you practise without a break).",
            earliest=p.allowed_from,
            completed_on=p.completed_on,
            convention=periods.PERIOD_CONVENTION,
        )

    def _counted(
        self,
        version: ExperienceVersion,
        facts: ProfileFacts,
        anchor: date | None,
        what: str,
        counting: periods.Counting | None,
    ) -> Evaluation:
        assert version.years is not None and version.counts is not None
        profile = facts.profile
        spans, assumed = accrual.stretches(profile, version.country or profile.home_country)
        from_day = None
        if anchor is not None and counting is not None:
            from_day = periods.period(anchor, dates.Span(days=1), counting).first_day
        acc = accrual.accrue(
            spans,
            dates.Span(years=version.years),
            counts=version.counts,
            country=version.country,
            licences=profile.licences if version.while_licensed else None,
            from_day=from_day,
            assumed=assumed,
        )
        kinds = _kinds_text(version.counts)
        where = f" {in_country(version.country)}" if version.country else ""
        licensed = " while licensed there" if version.while_licensed else ""
        after = (
            f" from {what} ({dates.fmt(from_day)} is the first day that may count)"
            if (from_day)
            else ""
        )
        needed = f"{version.years} year{'s' if version.years > 1 else ''}"
        opens = f" for {version.title}" if version.title else ""
        counted = f"Counting {kinds}{where}{licensed}{after}"
        assumes = (" Wayhome assumed " + "; ".join(acc.assumed) + ".") if acc.assumed else ""
        if acc.first_day is None:
            return Evaluation(
                basis=f"{counted}: nothing in your profile counts yet towards the {needed}{opens}.",
                to_add=f"Add the {kinds}{where} that will count towards {needed} of "
                "experience to your profile (training or work, with dates).",
                why="Only the periods in your profile are counted.",
            )
        if acc.completed_on is None:
            return Evaluation(
                basis=f"{counted}: your periods add up to "
                f"{accrual.describe(acc.counted_days, acc.first_day)} of the {needed} "
                f"needed{opens}, from {dates.fmt(acc.first_day)}. Nothing is assumed after "
                "your last recorded period, so Wayhome cannot date when you complete them."
                + assumes,
                to_add=f"Add the {kinds}{where} that will complete {needed} of experience to "
                "your profile (planned work too, with dates).",
                why="Only the periods in your profile are counted.",
            )
        allowed = acc.allowed_from
        assert allowed is not None
        return Evaluation(
            basis=f"{counted}: {needed} of experience{opens} from {dates.fmt(acc.first_day)} "
            f"are completed on {dates.fmt(acc.completed_on)} (days that do not count, "
            "and part-time days in part, push it later), so they count from "
            f"{dates.fmt(allowed)}." + assumes,
            earliest=allowed,
            completed_on=acc.completed_on,
            convention=periods.PERIOD_CONVENTION,
        )


def _tier_years(tiers: Tiers, facts: ProfileFacts) -> tuple[int, str] | Evaluation:
    """The years the first board certificate's tier asks, with the tier in words; or the
    question when the pack's map does not place that board."""
    certs = sorted(facts.profile.board_certifications, key=lambda c: c.certified)
    if not certs:
        return missing_fact("board_certifications", "the date of your first board certification")
    board = certs[0].board
    tier = tiers.tier_of(board)
    if tier is None:
        mapped = "; ".join(
            f"{in_a_list(tiers.boards_in(t))} in {tiers.name(t)}"
            for t in tiers.years
            if tiers.boards_in(t)
        )
        return Evaluation(
            basis=f"The years needed depend on the tier of your {board} certificate, and the "
            f"pack's map does not place {board} (it places {mapped}).",
            question=f"Which tier does the regulator give a {board} certificate?",
            why="The years of experience needed depend on the certificate's tier.",
        )
    years = tiers.years[tier]
    listed = board.casefold() in {b.casefold() for b in tiers.boards}
    how = "as the pack lists it" if listed else "the tier of boards the pack does not list"
    needs = dates.Span(years=years).describe() if years else "no years of experience after it"
    return years, f"Your {board} certificate is {tiers.name(tier)} ({how}): {needs}. "


def _exempt(version: ExperienceVersion, facts: ProfileFacts, tier_text: str) -> Evaluation:
    """A tier that needs no years after the certificate: open from the certificate's date
    (a Tier 1 certificate exempt from post-certificate experience)."""
    certified = facts.first_certification()
    assert certified is not None  # _tier_years asked for it otherwise
    opens = f"{version.title} is" if version.title else "it is"
    return Evaluation(
        basis=f"{tier_text}So {opens} open from the date of your first board "
        f"certification, {dates.fmt(certified)}.",
        earliest=certified,
    )


def _kinds_text(counts: list[Counted]) -> str:
    words = {
        "clinical": "clinical work",
        "teaching": "teaching",
        "research": "research",
        "other": "other work",
        "training": "training",
    }
    names = [words[c] for c in counts]
    return in_a_list(names)
