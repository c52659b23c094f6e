"""What if I return later: every rule's status for a range of return dates.

Each month is judged as `wayhome assess` judges a return on that day, with the stays log
`wayhome scenarios` counts for it (:func:`scenarios.stays_for`: the stays planned around
the planned return are left out for any other, and :func:`scenarios.stays_note` says
so): the profile is prepared once for the planned return and once with that log (as
:func:`engine.assess` and :func:`engine.sweep` prepare), then each return date gets the
assessment's own findings (``explain.assess_jurisdiction``). Like the engine's sweep,
each preparation evaluates its rules once, for the planned return: where a rule's own
arithmetic reads the return date (the J-1's years at home count from it), its status for
another month is judged against that (tests/services/test_whatif.py compares each month
with the scenario's assessment). A return before US training ends is said
(:mod:`wayhome.core.planner.early`).
A rule the assessment does not list for a return (a route closed before it, an exam not
held by then) has no status that month (None), never "fine"; a rule listed in no month
has no row. A rule that breaks at first and is fine later is a wait ("fine from Sep
2029"); one that is fine and then breaks, a deadline ("breaks from Apr 2027").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct

from wayhome.adapters import packs as pack_files
from wayhome.core.common import dates
from wayhome.core.common.data import iso
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner import early, scenarios
from wayhome.core.rules import engine
from wayhome.core.rules.explain import assess_jurisdiction
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.prepare import prepare
from wayhome.core.rules.report import BREAKING, OPEN, Status
from wayhome.services.source import ProfileSource

DEFAULT_YEARS = 5

Key = tuple[str, str]  # (jurisdiction, rule id)


class Months(Struct, frozen=True):
    """Every rule's status for each return date (None: not in force for that return, so
    `wayhome assess` does not list it), and when each changes."""

    return_dates: tuple[date, ...]
    rules: tuple[Key, ...]
    statuses: tuple[tuple[Status | None, ...], ...]  # [rule][return date]
    titles: tuple[str, ...]  # [rule]
    planned: date | None = None  # the plan's return: the one counted with the stays as planned
    trained_until: date | None = None  # the last day of US training (early.py)
    stays_note: str | None = None  # for every return but the planned one (scenarios.py)

    def early_warning(self, back: date | None = None) -> str | None:
        """A return before US training ends, in words: for ``back``, or (None) for the
        return dates of the sweep that are."""
        if back is not None:
            return early.warning(back, self.trained_until)
        return early.warning_between(list(self.return_dates), self.trained_until)

    def said(self) -> dict[str, Any]:
        """What the sweep says beside the statuses, as `wayhome whatif --json` gives it."""
        return {
            "planned_return": iso(self.planned),
            "training_ends": iso(self.trained_until),
            "before_training_ends": self.early_warning(),
            "stays_note": self.stays_note,
        }

    def column(self, return_date: date) -> dict[Key, Status | None]:
        """Every rule's status for one return date."""
        i = self.return_dates.index(return_date)
        return {key: row[i] for key, row in zip(self.rules, self.statuses, strict=True)}

    def changes(self, row: int) -> list[tuple[date, bool]]:
        """Each month the rule turns fine (True) or breaking (False) for a return then;
        months not judged (unknown, not in force) change nothing. A rule that breaks in
        every month judged breaks from the first."""
        out: list[tuple[date, bool]] = []
        state: bool | None = None
        first_break: date | None = None
        for d, s in zip(self.return_dates, self.statuses[row], strict=True):
            if s is None or s in OPEN:
                continue
            fine = s not in BREAKING
            if not fine and first_break is None:
                first_break = d
            if state is not None and fine != state:
                out.append((d, fine))
            state = fine
        if not out and state is False and first_break is not None:
            out.append((first_break, False))
        return out

    def first_break(self, row: int) -> date | None:
        """The first month a return breaks a rule it did not break before (a deadline);
        None for a wait, which only turns fine."""
        return next((d for d, fine in self.changes(row) if not fine), None)

    def fine_from(self, row: int) -> date | None:
        """The first month a wait is over: a return then meets what it did not before."""
        return next((d for d, fine in self.changes(row) if fine), None)

    def change(self, row: int) -> str | None:
        """When it changes, in words: "fine from Sep 2029", "breaks from Apr 2027"."""
        words = [
            f"{'fine' if fine else 'breaks'} from {dates.fmt_month(d)}"
            for d, fine in self.changes(row)
        ]
        return ", ".join(words) or None


def months_between(start: date, end: date) -> list[date]:
    """Return dates on the 1st of each month from ``start``'s month to ``end``'s."""
    first = dates.month_start(start)
    count = (end.year - first.year) * 12 + end.month - first.month + 1
    return engine.monthly(first, max(count, 1))


def whatif(
    src: ProfileSource,
    on: date,
    *,
    start: date | None = None,
    end: date | None = None,
    countries: Sequence[str] = (),
    pack_dirs: Sequence[Path] = (),
) -> Months:
    first = start or dates.add_months(dates.month_start(on), 1)
    last = end or dates.add_years(first, DEFAULT_YEARS)
    return sweep(src, on, months_between(first, last), countries, pack_dirs)


def sweep(
    src: ProfileSource,
    on: date,
    months: Sequence[date],
    countries: Sequence[str] = (),
    pack_dirs: Sequence[Path] = (),
) -> Months:
    """Every rule's status for each return date in ``months``, as `wayhome assess` says
    it for that return; a profile the packs cannot judge (a confirmed rule gone stale)
    raises InvalidFileError, located."""
    packs = pack_files.load_packs(pack_dirs)
    try:
        return judged(src, packs, on, list(months), list(countries) or None)
    except ProblemsError as e:
        raise src.locate(e.problems) from None


def judged(
    src: ProfileSource,
    packs: Sequence[Pack],
    on: date,
    months: list[date],
    targets: list[str] | None,
) -> Months:
    profile = src.profile
    horizon = (min(on, *months), max(on, *months))
    planned = prepare(profile, packs, on, targets, horizon=horizon)
    # Another return counts the stays as scenarios.stays_for gives them for it: one log
    # for every return but the planned one, so one more preparation at most.
    other = scenarios.stays_until(profile, on)
    moved = planned
    if other != profile.stays and any(m != profile.plan.return_date for m in months):
        moved = prepare(
            profile.model_copy(update={"stays": other}), packs, on, targets, horizon=horizon
        )
    titles: dict[Key, str] = {}
    found: list[dict[Key, Status]] = []
    for back in months:
        column: dict[Key, Status] = {}
        for j in planned if back == profile.plan.return_date else moved:
            for f in assess_jurisdiction(j, on, back).findings:
                column[(j.code, f.rule)] = f.status
                titles.setdefault((j.code, f.rule), f.title)
        found.append(column)
    # In the packs' order: the order of the rules prepared.
    order = [(j.code, p.rule.id) for j in planned for p in j.rules]
    keys = tuple(dict.fromkeys([*(k for k in order if k in titles), *titles]))
    return Months(
        tuple(months),
        keys,
        tuple(tuple(column.get(k) for column in found) for k in keys),
        tuple(titles[k] for k in keys),
        planned=profile.plan.return_date,
        trained_until=early.training_ends(profile),
        stays_note=scenarios.stays_note(profile, on) if moved is not planned else None,
    )
