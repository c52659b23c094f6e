"""What the user's regulator told them takes precedence over the pack, and says so."""

from datetime import date

import pytest

from tests.helpers import all_packs, assess_one, finding, profile
from wayhome.core.common.problems import ProblemsError
from wayhome.core.rules import engine
from wayhome.core.rules.report import Status


def test_an_override_replaces_the_packs_value_and_keeps_the_pack_in_view():
    prof = profile(
        confirmed_rules=[
            {
                "jurisdiction": "XX",
                "rule": "xx-exam-graduation-window",
                "years": 12,
                "evidence": {
                    "note": "Email from the council",
                    "date": "2026-11-03",
                    "file": "council-email.eml",
                },
            }
        ]
    )
    f = finding(assess_one(prof, "2024-01-01"), "xx-exam-graduation-window")
    assert f.confirmed_by_user
    assert f.deadline == date(2025, 12, 31)  # 12 years from 1 Jan 2014, not 10
    assert f.source.title == "Confirmed by you: Email from the council"
    assert f.source.url == "council-email.eml"
    assert f.source.as_of == date(2026, 11, 3)
    assert f.pack_says is not None and "10-year window ends 31 Dec 2023" in f.pack_says
    assert "replaces the pack's rule" in f.explanation


def test_a_new_rule_applies_where_there_is_no_pack_yet():
    prof = profile(
        plan={"targets": ["EG"], "return_date": "2025-07-01"},
        medical_school={"graduated": "2014-06-30"},
        confirmed_rules=[
            {
                "jurisdiction": "EG",
                "kind": "max_years_since_graduation",
                "years": 10,
                "applies_to": "national licensing exam",
                "evidence": "phone call with the council, 2026-10-02",
            }
        ],
    )
    a = assess_one(prof, "2023-01-01", code="EG")
    [f] = a.findings
    assert f.status is Status.CONFLICT
    assert f.deadline == date(2024, 6, 29)
    assert f.title == "Years since graduation: national licensing exam"
    assert f.confirmed_by_user and f.source.grade == "regulator"
    assert a.latest_safe_return == date(2024, 6, 29)


def test_a_new_rule_naming_a_pack_exam_is_checked_against_its_sitting():
    prof = profile(
        confirmed_rules=[
            {
                "jurisdiction": "XX",
                "kind": "max_age",
                "age": 40,
                "inclusive": True,
                "applies_to": "SCE",
                "evidence": "letter",
            }
        ]
    )
    f = finding(assess_one(prof, "2024-01-01"), "confirmed-1")
    assert f.plan == "2025-03"  # the first sitting after a 1 Jan 2025 return


@pytest.mark.parametrize(
    ("rule", "path", "message"),
    [
        pytest.param(
            {"jurisdiction": "XX", "rule": "no-such-rule", "years": 3},
            ("confirmed_rules", 0, "rule"),
            "no rule 'no-such-rule'",
            id="no-rule",
        ),
        pytest.param(
            {"jurisdiction": "XX", "kind": "max_years_since_graduation", "yeras": 10},
            ("confirmed_rules", 0, "yeras"),
            "Extra inputs",
            id="misspelt-value",
        ),
        pytest.param(
            {"jurisdiction": "XX", "kind": "max_age", "age": "forty", "inclusive": True},
            ("confirmed_rules", 0, "age"),
            "valid integer",
            id="bad-value",
        ),
        pytest.param(
            {"jurisdiction": "XX", "kind": "shoe_size", "size": 9},
            ("confirmed_rules", 0, "kind"),
            "unknown kind 'shoe_size'",
            id="unknown-kind",
        ),
    ],
)
def test_a_confirmed_rule_that_does_not_fit_is_located(rule, path, message):
    prof = profile(confirmed_rules=[{**rule, "evidence": "call"}])
    with pytest.raises(ProblemsError) as caught:
        engine.assess(prof, all_packs(), date(2024, 1, 1))
    assert any(p.path == path and message in p.message for p in caught.value.problems), (
        caught.value.problems
    )
