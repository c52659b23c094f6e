"""Rule packs for the `wayhome packs` commands, and the regulator email."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from wayhome.adapters import packs as pack_files
from wayhome.adapters.yamlfile import InvalidFileError, Located
from wayhome.core.common.problems import ProblemsError
from wayhome.core.evidence import ask
from wayhome.core.rules import engine
from wayhome.core.rules.catalogue import PackRow, pack_row
from wayhome.core.rules.pack import Pack
from wayhome.services.source import ProfileSource


def all_packs(pack_dirs: Sequence[Path] = ()) -> list[Pack]:
    return sorted(pack_files.load_packs(pack_dirs), key=lambda p: p.code)


def table(pack_dirs: Sequence[Path] = ()) -> list[PackRow]:
    """The one table of packs (core/rules/catalogue.py), bundled and the user's, by code:
    what `wayhome packs list`, the README, docs/packs.md and the web's packs page show."""
    counts = pack_files.scenario_counts(pack_dirs)
    return [pack_row(p, counts.get(p.code)) for p in all_packs(pack_dirs)]


def find(code: str, pack_dirs: Sequence[Path] = ()) -> Pack:
    packs = all_packs(pack_dirs)
    for p in packs:
        if p.code == code.upper():
            return p
    known = ", ".join(p.code for p in packs)
    raise InvalidFileError([Located(code, None, "", f"no pack with this code; packs: {known}")])


def by_code(code: str, pack_dirs: Sequence[Path] = ()) -> Pack | None:
    """The pack with this code (any case), or None: the web's pack page."""
    return next((p for p in all_packs(pack_dirs) if p.code == code.upper()), None)


def check(folder: Path) -> list[Pack]:
    """Validate the user's pack folder(s) alone; InvalidFileError lists every problem."""
    return pack_files.load_packs([folder], bundled=False)


def email(
    src: ProfileSource, country: str, on: date, *, pack_dirs: Sequence[Path] = ()
) -> list[ask.Email]:
    packs = pack_files.load_packs(pack_dirs)
    try:
        report = engine.assess(src.profile, packs, on, [country.upper()])
    except ProblemsError as e:
        raise src.locate(e.problems) from None
    by_code = {p.code: p for p in packs}
    return [ask.draft(src.profile, a, by_code.get(a.jurisdiction), on) for a in report.assessments]
