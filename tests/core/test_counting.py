"""The period convention through the rule kinds: experience from the day after training,
a certificate's anniversary, local training's last day, a pack's `counting` override,
and `completed_on` in the JSON."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import assess_one, mini_pack, profile
from wayhome.adapters.yamlfile import InvalidFileError


def _finding(rule_yaml: str, **over):
    a = assess_one(profile(**over), "2024-01-01", [mini_pack(rule_yaml)])
    assert len(a.findings) == 1, a.findings
    return a.findings[0]


TRAINING = [
    {
        "kind": "residency",
        "specialty": "internal-medicine",
        "country": "US",
        "start": "2018-07-01",
        "end": "2021-06-30",
    }
]


def test_experience_after_training_starts_the_day_after_its_last_day():
    f = _finding(
        """
  - id: exp
    kind: min_years_experience
    title: Experience
    versions: [{source: s1, years: 1, after: training}]
""",
        training=TRAINING,
    )
    assert f.completed_on == date(2022, 6, 30)
    assert f.earliest == date(2022, 7, 1)
    assert "counting from the day after the end of your training, 1 Jul 2021" in f.explanation
    assert f.to_json()["completed_on"] == "2022-06-30"


def test_two_years_after_a_board_certificate_are_allowed_from_its_anniversary():
    f = _finding(
        """
  - id: exp
    kind: min_years_experience
    title: Experience
    versions: [{source: s1, years: 2, after: board_certification}]
""",
        board_certifications=[
            {"board": "ABIM", "specialty": "internal-medicine", "certified": "2023-08-15"}
        ],
    )
    assert f.earliest == date(2025, 8, 15)
    assert f.completed_on == date(2025, 8, 14)


def test_12_months_of_local_training_from_1_may_2028_are_completed_on_30_april_2029():
    f = _finding(
        """
  - id: attach
    kind: local_training
    title: Attachment
    versions: [{source: s1, duration: {months: 12}, what: supervised practice}]
""",
        plan={"return_date": "2028-05-01"},
    )
    assert f.completed_on == date(2029, 4, 30)
    assert "completed on 30 Apr 2029" in f.explanation


def test_a_pack_may_count_a_window_from_the_day_after_its_anchor():
    f = _finding(
        """
  - id: grad
    kind: max_years_since_graduation
    title: Within 10 years of graduation
    counting: after
    versions: [{source: s1, years: 10}]
""",
        medical_school={"name": "X", "country": "XX", "graduated": "2014-06-30"},
    )
    assert f.deadline == date(2024, 6, 30)  # 1 Jul 2014 is day 1
    assert "counting from the day after graduation, 1 Jul 2014" in f.explanation


def test_counting_is_refused_on_a_rule_that_counts_no_period():
    with pytest.raises(InvalidFileError) as e:
        mini_pack(
            """
  - id: age
    kind: max_age
    title: Age limit
    counting: after
    versions: [{source: s1, age: 40, inclusive: false}]
"""
        )
    assert "pack.yaml:" in str(e.value)
    assert "'counting' is for rules that count a period" in str(e.value)


def test_a_documents_lead_time_is_counted_in_calendar_months_back_from_the_return():
    from wayhome.adapters.plans import guide_template
    from wayhome.core.planner.plan import make_plan
    from wayhome.core.rules import engine

    packs = [
        mini_pack(
            """
  - id: docs
    kind: required_documents
    title: Documents
    versions:
      - source: s1
        documents: [{name: Good standing letter, lead_time: {months: 3}}]
"""
        )
    ]
    prof = profile(plan={"return_date": "2028-07-01"})
    on = date(2026, 1, 1)
    plan = make_plan(prof, engine.assess(prof, packs, on, ["XX"]), packs, guide_template(), on)
    task = next(t for t in plan.tasks if t.id.startswith("doc:XX:good-standing"))
    # 1 Apr .. 30 Jun 2028 is three calendar months: 91 days, not 3 x 30.
    assert task.spec.days == 91


FRESH = """
  - id: fresh
    kind: document_validity
    title: Good standing must be recent
    {counting}
    versions: [{{source: s1, document: certificate of good standing, kind: good-standing,
                months: 3}}]
  - id: docs
    kind: required_documents
    title: Documents
    versions:
      - source: s1
        documents: [{{name: Certificate of good standing, kind: good-standing}}]
"""


@pytest.mark.parametrize(
    ("counting", "words", "earliest_issue", "through"),
    [
        # Applying on 1 Jan 2025: issued 2 Oct 2024 covers 2 Oct .. 1 Jan (day 1 the issue).
        ("", "the issue date is day 1", date(2024, 10, 2), date(2024, 12, 31)),
        ("counting: after", "the day after the issue date is day 1", date(2024, 10, 1), None),
    ],
    ids=["on", "after"],
)
def test_a_documents_validity_says_how_it_counts_and_the_plan_counts_alike(
    counting, words, earliest_issue, through
):
    from wayhome.adapters.plans import guide_template
    from wayhome.core.planner.plan import make_plan
    from wayhome.core.rules import engine

    packs = [mini_pack(FRESH.format(counting=counting))]
    prof = profile(documents=[{"kind": "good-standing", "issued": "2024-10-01"}])
    on = date(2024, 6, 1)
    a = assess_one(prof, on, packs)
    f = next(f for f in a.findings if f.rule == "fresh")
    assert f"accepted only within 3 months of issue ({words})" in f.explanation
    assert f"have it issued no earlier than {earliest_issue.day} Oct 2024" in f.explanation
    (doc,) = a.documents
    assert f"({words})" in doc.explanation
    # Issued 1 Oct 2024: through 31 Dec 2024 counted on the issue date, a day later after it.
    assert doc.valid_through == (through or date(2025, 1, 1))
    assert doc.status == ("expired" if through else "valid")
    # The plan's request for a fresh certificate counts as the rule does.
    plan = make_plan(prof, engine.assess(prof, packs, on, ["XX"]), packs, guide_template(), on)
    task = next(t for t in plan.tasks if t.id == "request:XX:fresh")
    assert task.spec.earliest == earliest_issue
