"""Each pack's scenarios (tests.yaml), and the suite every pack must pass.

See docs/pack-tests.md for the format and what the suite requires.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.packs import scenarios
from wayhome.core.rules.pack import FICTIONAL_CODE

MIN_CASES = 8  # issues #21 and #22: at least eight scenarios per real pack
RESEARCH = Path(__file__).parents[2].parent / "shared" / "research"

PACKS = [scenarios.load(f) for f in scenarios.folders()]
CASES = [
    (put, case, section)
    for put in PACKS
    if put.scenarios
    for section in ("cases", "end_to_end")
    for case in getattr(put.scenarios, section)
]


@pytest.mark.parametrize(
    ("put", "case", "section"), CASES, ids=[f"{p.code}::{c.name}" for p, c, _ in CASES]
)
def test_scenario(put, case, section):
    index = getattr(put.scenarios, section).index(case)
    where = put.line_of(section, index)
    try:
        assessment = scenarios.run(put, case)
    except ValidationError as e:
        pytest.fail(f"{where} {case.name}: base + profile is not a valid profile:\n{e}")
    problems = scenarios.mismatches(put, case, assessment)
    assert not problems, f"{where} {case.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("put", PACKS, ids=[p.code for p in PACKS])
class TestEveryPack:
    def test_it_has_scenarios(self, put):
        assert put.scenarios is not None, f"{put.folder} has no {scenarios.TESTS_FILE}"
        if put.code != FICTIONAL_CODE:
            assert len(put.scenarios.cases) >= MIN_CASES
            assert len(put.scenarios.end_to_end) >= 1

    def test_case_names_are_unique(self, put):
        names = [c.name for c in put.scenarios.cases + put.scenarios.end_to_end]
        assert len(names) == len(set(names))

    def test_every_rule_is_exercised(self, put):
        named = {
            r
            for c in put.scenarios.cases + put.scenarios.end_to_end
            for r in [*c.expect.findings, *c.expect.absent, *c.expect.other_posts]
        }
        missing = [r.id for r in put.pack.rules if r.id not in named]
        assert not missing, f"no scenario names these rules: {missing}"

    def test_both_sides_of_every_dated_change_are_tested(self, put):
        versions = {
            f.rule_version
            for c in put.scenarios.cases + put.scenarios.end_to_end
            for f in c.expect.findings.values()
            if f.rule_version
        }
        missing = [
            v.label(r.id)
            for r in put.pack.rules
            if len(r.versions) > 1
            for v in r.versions
            if not v.repealed and v.label(r.id) not in versions
        ]
        assert not missing, f"no scenario checks these versions: {missing}"

    def test_end_to_end_snapshots_match(self, put):
        for case in put.scenarios.end_to_end:
            path = put.snapshot_path(case)
            assert path.is_file(), f"{path} is missing: run python3 dev.py snapshots"
            expected = path.read_text(encoding="utf-8")
            actual = scenarios.snapshot(scenarios.run(put, case), case)
            assert actual == expected, (
                f"{path} is out of date: run python3 dev.py snapshots and review the diff"
            )

    def test_every_primary_and_secondary_research_fact_is_accounted_for(self, put):
        if put.pack.fictional:
            pytest.skip("the fictional pack has no research behind it")
        if not RESEARCH.is_dir():
            pytest.skip(f"the research notes are not beside the repository ({RESEARCH})")
        facts = _research_facts(put.code.split("-")[0])
        cited = {f for s in put.pack.sources.values() for f in s.facts}
        accounted = cited | set(put.pack.facts_not_used)
        missing = sorted(
            f for f, grade in facts.items() if grade[:1] in ("P", "S") and f not in accounted
        )
        assert not missing, (
            "cite these facts in a source's `facts`, or list them in "
            f"`facts_not_used` with the reason: {missing}"
        )
        unknown = sorted(accounted - set(facts))
        assert not unknown, f"no such research facts: {unknown}"


ROW = re.compile(r"^\|\s*([A-Z]{2}-A?\d+)\s*\|(.*)$")


def _research_facts(country: str) -> dict[str, str]:
    """Fact id -> grade, for one country's prefix, from the research tables."""
    out: dict[str, str] = {}
    for path in sorted(RESEARCH.glob("regulatory_facts*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = ROW.match(line)
            if not m or not m.group(1).startswith(f"{_prefix(country)}-"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            out[m.group(1)] = cells[-2] if len(cells) >= 6 else ""
    return out


def _prefix(country: str) -> str:
    return {"GB": "UK"}.get(country, country)
