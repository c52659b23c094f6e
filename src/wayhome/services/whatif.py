"""What if I return later: every rule's status for a range of return dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from wayhome.adapters import packs as pack_files
from wayhome.core.common import dates
from wayhome.core.common.problems import ProblemsError
from wayhome.core.rules import engine
from wayhome.services.source import ProfileSource

DEFAULT_YEARS = 5


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
) -> engine.Sweep:
    first = start or dates.add_months(dates.month_start(on), 1)
    last = end or dates.add_years(first, DEFAULT_YEARS)
    return sweep(src, on, months_between(first, last), countries, pack_dirs)


def sweep(
    src: ProfileSource,
    on: date,
    months: Sequence[date],
    countries: Sequence[str] = (),
    pack_dirs: Sequence[Path] = (),
) -> engine.Sweep:
    """Every rule's status for each return date in ``months``; a profile the packs
    cannot judge (a confirmed rule gone stale) raises InvalidFileError, located."""
    packs = pack_files.load_packs(pack_dirs)
    try:
        return engine.sweep(src.profile, packs, on, list(months), list(countries) or None)
    except ProblemsError as e:
        raise src.locate(e.problems) from None
