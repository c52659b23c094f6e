"""The rule engine: a profile and rule packs in, dated findings out.

Two entry points share one preparation step:

- :func:`assess` explains every rule for the planned return date;
- :func:`sweep` gives only statuses, for many return dates, fast enough to
  answer "what if I return later?" while a slider moves (bench/bench_engine.py).

The steps live in their own modules: :mod:`.prepare` evaluates each rule version
once per profile (nothing in a deadline depends on the return date), with the
physician's confirmed rules put in by :mod:`.confirmed`; :mod:`.judge` gives a
rule's status for a return date (only the governed event's date and the version in
force on it are looked up, both by bisection); :mod:`.explain` says why, in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.profile.model import Profile
from wayhome.core.rules.explain import assess_jurisdiction
from wayhome.core.rules.judge import status_at
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.prepare import prepare
from wayhome.core.rules.report import BREAKING, Report, Status


def assess(
    profile: Profile, packs: Sequence[Pack], on: date, targets: Sequence[str] | None = None
) -> Report:
    """Assess ``profile`` against the packs for its targets on the date ``on``."""
    prepared = prepare(profile, packs, on, targets)
    facts_return = profile.plan.return_date
    return Report(
        on=on,
        profile_id=str(profile.profile_id),
        return_date=facts_return,
        assessments=tuple(assess_jurisdiction(j, on, facts_return) for j in prepared),
    )


class Sweep(Struct, frozen=True):
    """Statuses of every rule for each return date, and where each first breaks."""

    return_dates: tuple[date, ...]
    rules: tuple[tuple[str, str], ...]  # (jurisdiction, rule id)
    statuses: tuple[tuple[Status, ...], ...]  # [rule][return date]
    titles: tuple[str, ...] = ()  # [rule]

    def column(self, return_date: date) -> dict[tuple[str, str], Status]:
        """Every rule's status for one return date of the sweep."""
        i = self.return_dates.index(return_date)
        return {key: row[i] for key, row in zip(self.rules, self.statuses, strict=True)}

    def first_break(self, row: int) -> date | None:
        for r, status in zip(self.return_dates, self.statuses[row], strict=True):
            if status in BREAKING:
                return r
        return None


def sweep(
    profile: Profile,
    packs: Sequence[Pack],
    on: date,
    return_dates: Sequence[date],
    targets: Sequence[str] | None = None,
) -> Sweep:
    horizon = (min(on, *return_dates), max(on, *return_dates))
    prepared = prepare(profile, packs, on, targets, horizon=horizon)
    keys, rows, titles = [], [], []
    for j in prepared:
        for p in j.rules:
            if p.applies.value is False or p.other_posts:
                continue
            keys.append((j.code, p.rule.id))
            titles.append(p.rule.title)
            rows.append(tuple(status_at(p, r, on) for r in return_dates))
    return Sweep(tuple(return_dates), tuple(keys), tuple(rows), tuple(titles))


def monthly(start: date, months: int) -> list[date]:
    """Return dates on the same day of each month, for sweeps."""
    return [dates.add_months(start, i) for i in range(months)]
