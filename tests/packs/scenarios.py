"""Scenario tests as data: each pack's tests.yaml, checked against the engine.

Used by tests/packs/test_scenarios.py, and run as a script to rewrite the
end-to-end snapshots, the README's table of packs and docs/packs.md
(``python3 dev.py snapshots``)::

    python -m tests.packs.scenarios --update

Packs under test: every bundled pack, plus the folders named in the
WAYHOME_TEST_PACKS environment variable (separated by os.pathsep), so that a
pack being written elsewhere can be tested before it is bundled.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import Field

from tests.packs import pack_docs
from wayhome.adapters import yamlfile
from wayhome.adapters.packs import bundled_dir, bundled_packs, load_pack, pack_folders
from wayhome.core.common.data import merge
from wayhome.core.common.strict import Slug, StrictModel
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Assessment

TESTS_FILE = "tests.yaml"
SNAPSHOTS = "snapshots"
FINDING_FIELDS = (
    "status",
    "deadline",
    "earliest",
    "plan",
    "rule_version",
    "confirmed_by_user",
    "stale",
)


class FindingExpect(StrictModel):
    status: str | None = None
    deadline: date | None = None
    earliest: date | None = None
    completed_on: date | None = None
    plan: str | None = None
    rule_version: str | None = None
    confirmed_by_user: bool | None = None
    stale: bool | None = None
    says: list[str] = Field(default_factory=list)  # words the explanation must contain


class ExamExpect(StrictModel):
    status: str | None = None  # to_sit, pending, failed, blocked, passed
    attempts_used: int | None = None
    attempts_left: int | None = None
    planned_sitting: str | None = None
    valid_until: date | None = None


class DocumentExpect(StrictModel):
    status: str | None = None  # valid, expired, missing, unknown
    issued: date | None = None
    valid_through: date | None = None
    request_by: date | None = None


class Expect(StrictModel):
    pathway: str | None = None
    latest_safe_return: date | None = None
    latest_safe_return_rule: str | None = None
    earliest_return: date | None = None
    earliest_return_rule: str | None = None
    posts: list[str] | None = None
    findings: dict[str, FindingExpect] = Field(default_factory=dict)
    absent: list[str] = Field(default_factory=list)
    unknowns: list[str] = Field(default_factory=list)  # rules with a question to ask
    to_add: list[str] = Field(default_factory=list)  # rules waiting on the profile
    other_posts: list[str] = Field(default_factory=list)  # rules shown for posts not sought
    exams: dict[str, ExamExpect] = Field(default_factory=dict)  # exam rule id -> outlook
    documents: dict[str, DocumentExpect] = Field(default_factory=dict)  # kind -> its standing


class Case(StrictModel):
    name: Slug
    why: str = Field(min_length=1)
    on: date
    profile: dict[str, Any] = Field(default_factory=dict)
    expect: Expect = Field(default_factory=Expect)


class ScenarioFile(StrictModel):
    base: dict[str, Any]
    cases: list[Case] = Field(default_factory=list)
    end_to_end: list[Case] = Field(default_factory=list)


@dataclass(frozen=True)
class PackUnderTest:
    folder: Path
    pack: Pack
    scenarios: ScenarioFile | None
    doc: yamlfile.Document | None

    @property
    def code(self) -> str:
        return self.pack.code

    def line_of(self, section: str, index: int) -> str:
        line = self.doc.lines.get((section, index)) if self.doc else None
        return f"{self.folder / TESTS_FILE}:{line}"

    def snapshot_path(self, case: Case) -> Path:
        return self.folder / SNAPSHOTS / f"{case.name}.json"


def folders() -> list[Path]:
    found = pack_folders(bundled_dir())
    extra = os.environ.get("WAYHOME_TEST_PACKS", "")
    for part in filter(None, extra.split(os.pathsep)):
        found += pack_folders(Path(part))
    return found


def load(folder: Path) -> PackUnderTest:
    pack = load_pack(folder)
    path = folder / TESTS_FILE
    if not path.is_file():
        return PackUnderTest(folder, pack, None, None)
    doc = yamlfile.read(path)
    return PackUnderTest(folder, pack, yamlfile.validate(doc, ScenarioFile), doc)


def packs_with(put: PackUnderTest) -> list[Pack]:
    """The bundled packs, with the pack under test in place of a bundled one."""
    return [p for p in bundled_packs() if p.code != put.code] + [put.pack]


def profile_for(put: PackUnderTest, case: Case) -> Profile:
    assert put.scenarios is not None
    return Profile.model_validate(merge(put.scenarios.base, case.profile))


def run(put: PackUnderTest, case: Case) -> Assessment:
    report = engine.assess(profile_for(put, case), packs_with(put), case.on, [put.code])
    return next(a for a in report.assessments if a.jurisdiction == put.code)


def mismatches(put: PackUnderTest, case: Case, a: Assessment) -> list[str]:
    """What differs from the case's expectations, one readable line each."""
    out: list[str] = []
    e = case.expect
    given = e.model_fields_set
    got = a.to_json()
    keys = (
        "pathway",
        "latest_safe_return",
        "latest_safe_return_rule",
        "earliest_return",
        "earliest_return_rule",
        "posts",
    )
    for key in keys:
        if key in given:
            want = getattr(e, key)
            want = want.isoformat() if isinstance(want, date) else want
            if got[key] != want:
                out.append(f"{key}: expected {want}, got {got[key]}")
    findings = {f["rule"]: f for f in got["findings"]}
    for rule, fe in e.findings.items():
        f = findings.get(rule)
        if f is None:
            out.append(
                f"{rule}: expected a finding, got none (applies: "
                f"{', '.join(findings) or 'nothing'})"
            )
            continue
        for words in fe.says:
            if words not in f["explanation"]:
                out.append(
                    f"{rule}: expected the explanation to say {words!r} ({f['explanation']})"
                )
        for key in fe.model_fields_set - {"says"}:
            want = getattr(fe, key)
            want = want.isoformat() if isinstance(want, date) else want
            if f.get(key) != want:
                out.append(f"{rule}.{key}: expected {want}, got {f.get(key)} ({f['explanation']})")
    exams = {x["rule"]: x for x in got["exams"]}
    for rule, xe in e.exams.items():
        x = exams.get(rule)
        if x is None:
            out.append(f"exams: expected {rule} among {sorted(exams)}")
            continue
        for key in xe.model_fields_set:
            want = getattr(xe, key)
            want = want.isoformat() if isinstance(want, date) else want
            if x.get(key) != want:
                out.append(f"exams.{rule}.{key}: expected {want}, got {x.get(key)}")
    docs: dict[str, dict[str, Any]] = {}
    for d in got["documents"]:
        docs.setdefault(d["kind"], d)
    for kind, de in e.documents.items():
        d = docs.get(kind)
        if d is None:
            out.append(f"documents: expected {kind} among {sorted(filter(None, docs))}")
            continue
        for key in de.model_fields_set:
            want = getattr(de, key)
            want = want.isoformat() if isinstance(want, date) else want
            if d.get(key) != want:
                out.append(f"documents.{kind}.{key}: expected {want}, got {d.get(key)}")
    for rule in e.absent:
        if rule in findings:
            out.append(f"{rule}: expected not to apply, got {findings[rule]['status']}")
    elsewhere = {f["rule"] for f in got["other_posts"]}
    for rule in e.other_posts:
        if rule not in elsewhere:
            out.append(f"other_posts: expected {rule} among {sorted(elsewhere)}")
    asked = {u.get("rule") for u in got["unknowns"]}
    for rule in e.unknowns:
        if rule not in asked:
            out.append(f"unknowns: expected {rule} among {sorted(filter(None, asked))}")
    wanted = {t.get("rule") for t in got["to_add"]}
    for rule in e.to_add:
        if rule not in wanted:
            out.append(f"to_add: expected {rule} among {sorted(filter(None, wanted))}")
    return out


def snapshot(a: Assessment, case: Case) -> str:
    data = {"case": case.name, "on": case.on.isoformat(), "assessment": a.to_json()}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def update_snapshots() -> int:
    written = 0
    for folder in folders():
        put = load(folder)
        if put.scenarios is None:
            continue
        for case in put.scenarios.end_to_end:
            path = put.snapshot_path(case)
            path.parent.mkdir(exist_ok=True)
            text = snapshot(run(put, case), case)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path}")
                written += 1
    print(f"{written} snapshot(s) changed")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.packs.scenarios --update")
    code = update_snapshots()
    pack_docs.update()  # the README's table of packs and docs/packs.md
    sys.exit(code)
