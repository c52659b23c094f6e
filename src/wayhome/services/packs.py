"""Rule packs for the `wayhome packs` commands and the web's packs pages, and the regulator
email."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from msgspec import Struct

from wayhome.adapters import packs as pack_files
from wayhome.adapters.yamlfile import InvalidFileError, Located
from wayhome.core.common.problems import ProblemsError
from wayhome.core.evidence import ask
from wayhome.core.rules import describe, engine
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


class VersionText(Struct, frozen=True):
    """One dated state of a rule, in words."""

    label: str  # the rule version's id: in-faculty-age-limit@2022-10-27
    since: str
    values: str
    applies: str | None  # who it is for, when narrower than the rule
    notes: tuple[tuple[str, str], ...]  # (why / note / quote, text)
    sources: tuple[tuple[str, str], ...]  # (id in the pack's sources, its title)


class RuleText(Struct, frozen=True):
    id: str
    title: str
    kind: str
    applies: str
    event: str  # what it is checked against
    posts: tuple[str, ...]
    note: str | None
    versions: tuple[VersionText, ...]


class Unknown(Struct, frozen=True):
    id: str
    question: str
    why: str
    applies: str


class PackPage(Struct, frozen=True):
    """A pack as its web page shows it: its row of the table, its rules in words, its
    sources, notes and open questions with why they matter."""

    pack: Pack
    row: PackRow
    rules: tuple[RuleText, ...]
    unknowns: tuple[Unknown, ...]


def page(code: str, pack_dirs: Sequence[Path] = ()) -> PackPage | None:
    """The pack with this code (any case) for its page, or None: there is none."""
    p = next((p for p in all_packs(pack_dirs) if p.code == code.upper()), None)
    if p is None:
        return None
    counts = pack_files.scenario_counts(pack_dirs)
    rules = tuple(
        RuleText(
            id=r.id,
            title=r.title,
            kind=r.kind,
            applies=describe.condition(r.applies_when),
            event=describe.event(r.event, p),
            posts=tuple(r.posts or ()),
            note=r.note,
            versions=tuple(
                VersionText(
                    label=v.label(r.id),
                    since="in force" if v.from_ is None else v.since_text(),
                    values=describe.values(v),
                    applies=describe.condition(v.applies_when) if v.applies_when else None,
                    notes=tuple(describe.version_notes(v)),
                    sources=tuple((sid, p.sources[sid].title) for sid in v.sources),
                )
                for v in r.versions
            ),
        )
        for r in p.rules
    )
    unknowns = tuple(
        Unknown(u.id, u.question, u.why, describe.condition(u.applies_when)) for u in p.unknowns
    )
    return PackPage(p, pack_row(p, counts.get(p.code)), rules, unknowns)


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
