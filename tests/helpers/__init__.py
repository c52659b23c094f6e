"""What tests share, so that no test module imports another.

Here: builders that keep tests short (a profile from a few overrides, a pack from
YAML) and the cases several modules use (the guide's graduation window, India's
screening condition). Beside it: ``cli`` (running the command line), ``cfb`` and
``letters`` (files made in the tests), ``contacts``, ``plans``, ``web`` and ``costs``
(the test run's cheap password hasher and Argon2id cost).
tests/test_layout_of_tests.py keeps test modules from importing one another.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.adapters import yamlfile
from wayhome.adapters.packs import bundled_packs
from wayhome.core.common.data import merge
from wayhome.core.common.problems import ProblemsError
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack, check_pack
from wayhome.core.rules.report import Assessment, Finding

BASE: dict[str, Any] = {
    "person": {"name": "Dr. Test", "born": "1990-01-01", "citizenship": ["XX"]},
    "home_country": "XX",
    "medical_school": {"country": "XX", "graduated": "2014-01-01"},
    "specialty": "internal-medicine",
    "training": [
        {
            "kind": "residency",
            "specialty": "internal-medicine",
            "country": "US",
            "start": "2021-01-01",
            "end": "2023-12-31",
        },
    ],
    "plan": {"return_date": "2025-01-01", "return_type": "academic", "targets": ["XX"]},
}


# The guide: graduated at 24, finishes residency at 34, returns at 35, and the
# home exam must be taken "within 10 years of graduation" (GRADUATION_RULE).
GUIDE: dict[str, Any] = {
    "person": {"born": "1990-06-30"},
    "medical_school": {"graduated": "2014-06-30"},  # at 24
    "training": [
        {
            "kind": "residency",
            "specialty": "internal-medicine",
            "country": "US",
            "start": "2021-07-01",
            "end": "2024-06-30",
        }
    ],  # ends at 34
    "plan": {"return_date": "2025-07-01"},  # returns at 35
}


def profile(**over: Any) -> Profile:
    return Profile.model_validate(merge(BASE, over))


def pack(text: str) -> Pack:
    doc = yamlfile.parse(text, "pack.yaml")
    p = yamlfile.validate(doc, Pack)
    problems = check_pack(p)
    if problems:
        raise ProblemsError(problems)
    return p


def xx() -> Pack:
    return next(p for p in bundled_packs() if p.code == "XX")


def all_packs() -> list[Pack]:
    return list(bundled_packs())


def assess_one(
    prof: Profile, on: str | date, packs: list[Pack] | None = None, code: str = "XX"
) -> Assessment:
    day = date.fromisoformat(on) if isinstance(on, str) else on
    report = engine.assess(prof, packs if packs is not None else all_packs(), day, [code])
    return next(a for a in report.assessments if a.jurisdiction == code)


def finding(a: Assessment, rule: str) -> Finding:
    return next(f for f in a.findings if f.rule == rule)


SOURCE = """
sources:
  s1: {title: Test source, url: https://example.org, as_of: 2020-01-01,
       reviewed: 2026-11-24, grade: regulator}
"""


def mini_pack(rules: str, code: str = "XX") -> Pack:
    """A fictional pack with one source ``s1`` and the given rules (YAML)."""
    head = (
        f"code: {code}\nname: Test\ncountry: {code[:2]}\nfictional: {code == 'XX'}\n"
        "version: '1'\nreviewed: 2026-11-24\nregulator: {name: Test, website: null}\n"
    )
    return pack(head + SOURCE + "rules:\n" + rules)


def last_of_may_pack(first: int) -> Pack:
    """An exam on 31 May of ``first`` and the year after, registration closing 3 months
    before (28 or 29 Feb: the month-end and leap-year case), to be sat within 10 years of
    graduation."""
    return mini_pack(f"""
  - id: test-exam
    kind: exam
    title: Test Exam
    name: Test Exam
    purpose: specialty
    versions:
      - source: s1
        sittings: {{dates: [{first}-05-31, {first + 1}-05-31]}}
        registration_closes: {{months: 3}}
  - id: test-window
    kind: max_years_since_graduation
    title: Sit the exam within 10 years of graduation
    event: exam:test-exam
    versions:
      - {{source: s1, years: 10}}
""")


GRADUATION_RULE = """
  - id: grad-window
    kind: max_years_since_graduation
    title: Within 10 years of graduation
    versions:
      - {source: s1, years: 10}
"""

# India's screening-test shape: a foreign primary degree, unless both the primary and
# the postgraduate degree come from the named five countries.
FIVE = ["AU", "CA", "NZ", "GB", "US"]
SCREENING: dict[str, Any] = {
    "all": [
        {"fact": "medical_school.country", "not_in": ["IN"]},
        {
            "not": {
                "all": [
                    {"fact": "medical_school.country", "in": FIVE},
                    {"fact": "training.countries", "any_in": FIVE},
                ]
            }
        },
    ]
}
