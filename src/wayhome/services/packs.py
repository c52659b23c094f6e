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
from wayhome.core.rules.report import SourceRef
from wayhome.services.source import ProfileSource


def all_packs(pack_dirs: Sequence[Path] = ()) -> list[Pack]:
    return sorted(pack_files.load_packs(pack_dirs), key=lambda p: p.code)


def table(pack_dirs: Sequence[Path] = ()) -> list[PackRow]:
    """The one table of packs (core/rules/catalogue.py), bundled and the user's, by code:
    what `wayhome packs list`, the README, docs/packs.md and the web's packs page show."""
    counts = pack_files.scenario_counts(pack_dirs)
    return [pack_row(p, counts.get(p.code)) for p in all_packs(pack_dirs)]


def _find(code: str, packs: list[Pack]) -> Pack:
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
    items: tuple[str, ...] = ()  # the documents it lists, each in a sentence


class RuleText(Struct, frozen=True):
    id: str  # kept for the page's anchors and a profile file's confirmed_rules
    title: str
    applies: str
    event: str  # what it is checked against
    posts: tuple[str, ...]
    note: str | None
    versions: tuple[VersionText, ...]

    @property
    def id_line(self) -> str:
        """The rule's id, said as what it is for (a profile file's confirmed_rules names
        it): on the web page and in `packs show`, the only place either prints it."""
        return f"Rule id, for confirmed_rules: {self.id}"


class Unknown(Struct, frozen=True):
    id: str
    question: str
    why: str
    applies: str


class Question(Struct, frozen=True):
    """An open question of the pack's table, in words: the rule it is asked of by its
    title (None: a question of the pack's own)."""

    question: str
    rule: str | None
    title: str | None
    since: str | None


class SourceText(Struct, frozen=True):
    """One of the pack's sources as its page's Sources and `packs show` list it."""

    id: str  # the page's anchor; a rule's version names its sources by it
    title: str
    details: str  # its grade and dates: "regulator, dated 1 Mar 2015, checked 24 Nov 2026"
    url: str | None  # None: not published (a phone call, a letter)
    note: str | None  # in words: a rule it names by its title


class PackPage(Struct, frozen=True):
    """A pack as `wayhome packs show` and its web page say it: its row of the table, its
    notes, rules, questions and sources in words (a rule's id in a sentence is its
    title)."""

    pack: Pack
    row: PackRow
    notes: tuple[str, ...]
    regulator_note: str | None
    rules: tuple[RuleText, ...]
    questions: tuple[Question, ...]
    unknowns: tuple[Unknown, ...]
    sources: tuple[SourceText, ...]  # in the pack's order

    @property
    def every_note(self) -> tuple[str, ...]:
        """The notes the page and `packs show` print, in this order: the regulator's
        (where to apply, whom to contact), then the pack's."""
        return ((self.regulator_note,) if self.regulator_note else ()) + self.notes


def page(code: str, pack_dirs: Sequence[Path] = ()) -> PackPage | None:
    """The pack with this code (any case) in words, for its web page; None: there is
    none."""
    packs = all_packs(pack_dirs)
    p = next((p for p in packs if p.code == code.upper()), None)
    return None if p is None else _words(p, packs, pack_dirs)


def show(code: str, pack_dirs: Sequence[Path] = ()) -> PackPage:
    """The pack with this code (any case) in words, for `wayhome packs show`, as its web
    page says it; an InvalidFileError names the packs there are."""
    packs = all_packs(pack_dirs)
    return _words(_find(code, packs), packs, pack_dirs)


def _words(p: Pack, packs: list[Pack], pack_dirs: Sequence[Path]) -> PackPage:
    """The pack in words. Every pack loaded is read: an exam whose attempts count with
    another regulator's exams names them."""
    others = [o for o in packs if o is not p]
    say = p.in_words
    counts = pack_files.scenario_counts(pack_dirs, only={p.code})  # this pack's alone
    rules = tuple(
        RuleText(
            id=r.id,
            title=r.title,
            applies=describe.condition(r.applies_when),
            event=describe.event(r.event, p),
            posts=tuple(r.posts or ()),
            note=say(r.note) if r.note else None,
            versions=tuple(
                VersionText(
                    label=v.label(r.id),
                    since="in force" if v.from_ is None else v.since_text(),
                    values=describe.values(v, p, others),
                    applies=describe.condition(v.applies_when) if v.applies_when else None,
                    notes=tuple(describe.version_notes(v, p)),
                    sources=tuple((sid, p.sources[sid].title) for sid in v.sources),
                    items=tuple(describe.items(v, p)),
                )
                for v in r.versions
            ),
        )
        for r in p.rules
    )
    row = pack_row(p, counts.get(p.code))
    titles = {r.id: r.title for r in p.rules}
    questions = tuple(
        Question(say(q.question), q.rule, titles.get(q.rule or ""), q.since)
        for q in row.open_questions
    )
    unknowns = tuple(
        Unknown(u.id, say(u.question), say(u.why), describe.condition(u.applies_when))
        for u in p.unknowns
    )
    notes = tuple(say(n) for n in p.notes)
    regulator_note = say(p.regulator.note) if p.regulator.note else None
    sources = tuple(
        SourceText(
            id=sid,
            title=s.title,
            # the words a finding gives its source in (core/rules/report.py)
            details=SourceRef(s.title, s.url, s.as_of, s.reviewed, s.grade.value).details,
            url=s.url,
            note=say(s.note) if s.note else None,
        )
        for sid, s in p.sources.items()
    )
    return PackPage(p, row, notes, regulator_note, rules, questions, unknowns, sources)


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
