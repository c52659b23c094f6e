"""The one table of rule packs: a row per pack, as plain data.

Every place that lists the packs shows the same row: ``wayhome packs list`` (text and
``--json``), the README's table and ``docs/packs.md`` (both written by
``python3 dev.py snapshots`` and checked by ``tests/test_docs.py``), and the web app's
packs page. A row says who the regulator is, how fresh and how trustworthy the sources
are (the oldest source's date, how many of each grade), what the pack cannot answer
(each open question) and how many scenario tests guard it.

Public surface: :class:`PackRow`, :class:`OpenQuestion` and :func:`pack_row`. The
number of scenario tests comes from the pack's ``tests.yaml``, which the caller counts
(reading files is an adapter's job).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct

from wayhome.core.rules.base import Grade
from wayhome.core.rules.pack import Pack


class OpenQuestion(Struct, frozen=True):
    """A question the pack puts to the regulator: a rule's unknown value or a pack unknown."""

    id: str  # the rule version's label (xx-senior-public-post@2015-03-01) or the unknown's id
    question: str
    rule: str | None = None  # the rule it belongs to; None for a pack unknown
    since: str | None = None  # for a rule's value, from when ("from 1 Apr 2012")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "since": self.since, "question": self.question}


class PackRow(Struct, frozen=True):
    code: str
    name: str
    country: str
    kind: str
    fictional: bool
    version: str
    reviewed: date
    regulator: str
    website: str | None
    rules: int
    sources: int
    grades: tuple[tuple[str, int], ...]  # (grade, how many sources), every grade in order
    oldest_source: date | None  # the earliest as_of among the sources
    oldest_source_title: str | None
    undated_sources: int  # sources that show no date of their own
    open_questions: tuple[OpenQuestion, ...]
    scenario_tests: int | None  # cases and end-to-end cases; None without a tests.yaml

    def grade_count(self, grade: str) -> int:
        return dict(self.grades).get(grade, 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "country": self.country,
            "kind": self.kind,
            "fictional": self.fictional,
            "version": self.version,
            "reviewed": self.reviewed.isoformat(),
            "regulator": self.regulator,
            "website": self.website,
            "rules": self.rules,
            "sources": self.sources,
            "grades": dict(self.grades),
            "oldest_source": self.oldest_source.isoformat() if self.oldest_source else None,
            "oldest_source_title": self.oldest_source_title,
            "undated_sources": self.undated_sources,
            "open_questions": [q.to_json() for q in self.open_questions],
            "scenario_tests": self.scenario_tests,
        }


def pack_row(pack: Pack, scenario_tests: int | None = None) -> PackRow:
    """The table's row for one pack; ``scenario_tests`` as counted in its tests.yaml."""
    dated = sorted(
        ((s.as_of, s.title) for s in pack.sources.values() if s.as_of is not None),
        key=lambda t: t[0],
    )
    return PackRow(
        code=pack.code,
        name=pack.name,
        country=pack.country,
        kind=pack.kind.value,
        fictional=pack.fictional,
        version=pack.version,
        reviewed=pack.reviewed,
        regulator=pack.regulator.name,
        website=pack.regulator.website,
        rules=len(pack.rules),
        sources=len(pack.sources),
        grades=tuple(
            (g.value, sum(1 for s in pack.sources.values() if s.grade is g)) for g in Grade
        ),
        oldest_source=dated[0][0] if dated else None,
        oldest_source_title=dated[0][1] if dated else None,
        undated_sources=sum(1 for s in pack.sources.values() if s.as_of is None),
        open_questions=tuple(open_questions(pack)),
        scenario_tests=scenario_tests,
    )


def open_questions(pack: Pack) -> list[OpenQuestion]:
    """What the pack cannot answer today: each rule's unknown value in force on the pack's
    review date (a version for some people only keeps the one before it open too), then the
    pack's own unknowns."""
    out: list[OpenQuestion] = []
    for rule in pack.rules:
        for version in _current_versions(rule.versions, pack.reviewed):
            if version.unknown is None:
                continue
            out.append(
                OpenQuestion(
                    id=version.label(rule.id),
                    question=version.unknown.question,
                    rule=rule.id,
                    since=version.since_text(),
                )
            )
    out += [OpenQuestion(id=u.id, question=u.question) for u in pack.unknowns]
    return out


def _current_versions(versions: list[Any], on: date) -> list[Any]:
    """The versions in force on ``on``: the latest started one, and, while that one applies
    to some people only (its own applies_when), the ones before it as well."""
    started = [v for v in versions if (v.start_bounds()[0] or date.min) <= on]
    current: list[Any] = []
    for v in reversed(started):
        if v.repealed:
            break
        current.append(v)
        if v.applies_when is None:
            break
    return list(reversed(current))
