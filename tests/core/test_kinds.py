"""Each rule kind's evaluator, alone; and every kind is documented."""

from datetime import date
from pathlib import Path

import pytest

from tests.helpers import assess_one, finding, mini_pack, profile
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.rules.base import Pathway
from wayhome.core.rules.kinds import KINDS
from wayhome.core.rules.kinds.recognition import best_pathway
from wayhome.core.rules.kinds.required_documents import earliest_issue
from wayhome.core.rules.report import Status

DOCS = Path(__file__).parents[2] / "docs" / "rule-packs.md"


def _one(rule_yaml: str, on: str = "2024-01-01", **over):
    a = assess_one(profile(**over), on, [mini_pack(rule_yaml)])
    assert len(a.findings) == 1, a.findings
    return a.findings[0], a


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_documented(kind):
    assert f"### `{kind}`" in DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("inclusive", "deadline"),
    [
        pytest.param("false", date(2034, 12, 31), id="under-45"),
        pytest.param("true", date(2035, 12, 31), id="45-or-younger"),
    ],
)
def test_max_age_states_whether_the_limit_is_inclusive(inclusive, deadline):
    f, _ = _one(f"""
  - id: age
    kind: max_age
    title: Age
    versions: [{{source: s1, age: 45, inclusive: {inclusive}}}]
""")
    assert f.deadline == deadline  # born 1 Jan 1990


def test_max_age_names_the_leap_day_convention():
    f, _ = _one(
        """
  - id: age
    kind: max_age
    title: Age
    versions: [{source: s1, age: 45, inclusive: false}]
""",
        person={"born": "1992-02-29"},
    )
    assert f.deadline == date(2037, 2, 27)
    assert "29 February counts as 28 February" in f.explanation


def test_training_window_counts_from_the_chosen_training():
    f, _ = _one("""
  - id: tw
    kind: max_years_since_training
    title: Apply within 2 years of residency
    versions: [{source: s1, years: 2, training: residency}]
""")
    assert f.deadline == date(2025, 12, 30)  # residency ended 31 Dec 2023


def test_recent_practice_with_ongoing_work_has_no_gap():
    f, _ = _one(
        """
  - id: rp
    kind: recent_practice
    title: Recent practice
    versions: [{source: s1, years: 2}]
""",
        work=[{"role": "attending", "country": "US", "start": "2024-01-01"}],
    )
    assert f.status is Status.INFO
    assert "no gap" in f.explanation


def test_recent_practice_counts_from_the_last_practice():
    f, _ = _one(
        """
  - id: rp
    kind: recent_practice
    title: Recent practice
    versions: [{source: s1, years: 2}]
""",
        work=[{"role": "attending", "country": "US", "start": "2024-01-01", "end": "2024-06-30"}],
        plan={"return_date": "2026-07-01"},
    )
    # The gap starts the day after the last day worked (1 Jul 2024): two years of it
    # are completed on 30 Jun 2026, the last day a return keeps the gap within them.
    assert f.deadline == date(2026, 6, 30)
    assert f.completed_on == date(2026, 6, 30)
    assert "counting from the day after your last day of practice, 1 Jul 2024" in f.explanation
    assert f.status is Status.CONFLICT


def test_visa_time_counts_earlier_periods_in_the_same_status():
    f, _ = _one(
        """
  - id: h1b
    kind: max_years_in_status
    title: H-1B
    versions: [{source: s1, status: H-1B, years: 6}]
""",
        visa={"type": "H-1B", "start": "2022-01-01"},
        visa_history=[{"type": "H-1B", "start": "2019-01-01", "end": "2019-12-31"}],
    )
    # Six years from 1 Jan 2019 (day 1) are 2,192 days: 365 in 2019, the rest from
    # 1 Jan 2022, the last on 1 Jan 2027 (the time between does not count).
    assert f.deadline == date(2027, 1, 1)
    assert "It counts each of your 2 H-1B periods" in f.explanation


def test_experience_needs_its_anchor_in_the_profile():
    f, _ = _one("""
  - id: exp
    kind: min_years_experience
    title: Consultant
    versions: [{source: s1, years: 3, after: board_certification}]
""")
    assert f.status is Status.UNKNOWN
    assert f.question is None
    assert f.to_add == "Add to your profile the date of your first board certification."


def test_an_unknown_value_carries_its_question():
    f, a = _one("""
  - id: exp
    kind: min_years_experience
    title: Consultant
    versions:
      - source: s1
        unknown: {question: "How many years?", why: "No source says."}
""")
    assert f.status is Status.UNKNOWN
    assert f.question == "How many years?"
    assert a.unknowns[0].why == "No source says."


def test_document_validity_says_when_to_request_it():
    f, _ = _one(
        """
  - id: gs
    kind: document_validity
    title: Good standing
    versions: [{source: s1, document: certificate of good standing, months: 3}]
""",
        plan={"return_date": "2025-05-31"},
    )
    assert f.status is Status.INFO
    assert "issued no earlier than 1 Mar 2025" in f.explanation


@pytest.mark.parametrize(
    ("submit", "months", "issued"),
    [
        (date(2025, 5, 31), 3, date(2025, 3, 1)),
        (date(2025, 7, 1), 6, date(2025, 1, 2)),
        (date(2024, 2, 29), 12, date(2023, 3, 1)),
    ],
)
def test_earliest_issue_is_the_first_day_still_valid_on_submission(submit, months, issued):
    assert earliest_issue(submit, months) == issued


def test_required_documents_list_their_steps_in_order():
    f, _ = _one("""
  - id: docs
    kind: required_documents
    title: Documents
    versions:
      - source: s1
        documents:
          - {name: Diploma, steps: [apostille, sworn translation]}
""")
    assert "Diploma (apostille → sworn translation)" in f.explanation


@pytest.mark.parametrize(
    ("outcomes", "best"),
    [
        ([Pathway.CONVERSION, Pathway.FULL_SPECIALIST], Pathway.FULL_SPECIALIST),
        ([Pathway.CONVERSION, Pathway.UNKNOWN], Pathway.UNKNOWN),
        ([Pathway.FULL_SPECIALIST, Pathway.UNKNOWN], Pathway.FULL_SPECIALIST),
        ([Pathway.NOT_RECOGNISED], Pathway.NOT_RECOGNISED),
        ([], Pathway.NOT_RECOGNISED),
    ],
)
def test_an_unknown_outcome_hides_a_worse_known_one(outcomes, best):
    assert best_pathway(outcomes) is best


def test_exam_outlook_lists_sittings_as_dates_or_months():
    a = assess_one(profile(plan={"return_date": "2027-04-01"}), "2026-11-24")
    exam = next(e for e in a.exams if e.rule == "xx-conversion-exam")
    assert exam.next_sittings == ("2027-03-15", "2027-09-13", "2028-03", "2028-09")
    assert exam.planned_sitting == "2027-09-13"
    assert exam.registration_deadline == date(2027, 6, 13)
    assert finding(a, "xx-conversion-exam").plan == "2027-09-13"


def test_local_training_says_when_it_would_end():
    f, _ = _one(
        """
  - id: attach
    kind: local_training
    title: Attachment
    versions:
      - {source: s1, duration: {months: 6}, what: a supervised attachment,
         before: the assessment exam}
""",
        plan={"return_date": "2025-08-31"},
    )
    assert f.status is Status.INFO
    assert "6 months of a supervised attachment before the assessment exam" in f.explanation
    # 31 Aug + 6 months lands on 28 Feb (month ends clamp), so the sixth month's
    # last day is 27 Feb.
    assert "it would be completed on 27 Feb 2026 at the earliest" in f.explanation
    assert f.completed_on == date(2026, 2, 27)


def test_a_repealed_exam_no_longer_applies():
    rules = """
  - id: nle
    kind: exam
    title: NLE
    name: National Licensing Exam
    purpose: licensing
    versions:
      - {from: 2021-08-01, source: s1, sittings: {months: [3, 9]}}
      - {from: 2023-02-08, source: s1, repealed: true}
"""
    before = assess_one(
        profile(plan={"return_date": "2022-01-01"}), "2021-09-01", [mini_pack(rules)]
    )
    after = assess_one(
        profile(plan={"return_date": "2024-01-01"}), "2021-09-01", [mini_pack(rules)]
    )
    assert finding(before, "nle").plan == "2022-03"
    assert after.findings == ()


def test_an_unknown_value_needs_no_source_and_says_so():
    f, _ = _one("""
  - id: gap
    kind: recent_practice
    title: Gap
    versions:
      - unknown: {question: "Is there a gap rule?", why: "Nothing was published."}
""")
    assert f.status is Status.UNKNOWN
    assert f.source.title == "No published source found"
    assert f.source.grade == "none"


def test_a_sitting_that_slips_into_another_month_replaces_its_session():
    rules = """
  - id: fmge
    kind: exam
    title: Screening test
    name: Screening test
    purpose: licensing
    versions:
      - source: s1
        sittings:
          months: [6, 12]
          dates: [{date: 2025-01-12, session: 2024-12}]
"""
    a = assess_one(profile(plan={"return_date": "2024-11-01"}), "2024-01-01", [mini_pack(rules)])
    exam = a.exams[0]
    assert exam.planned_sitting == "2025-01-12"
    assert exam.next_sittings[:3] == ("2024-06", "2025-01-12", "2025-06")


def test_an_exam_on_request_is_counted_from_the_first_month_after_return():
    rules = """
  - id: kp
    kind: exam
    title: Knowledge test
    name: Knowledge test
    purpose: licensing
    versions:
      - {source: s1, sittings: {on_demand: true}}
"""
    a = assess_one(profile(plan={"return_date": "2025-03-10"}), "2024-01-01", [mini_pack(rules)])
    f = finding(a, "kp")
    assert f.plan == "2025-04"
    assert f.status is Status.INFO
    assert "arranged on request" in f.explanation
    assert "registration closes" not in f.explanation


MINIMUMS = """
  - id: numbers
    kind: procedure_minimums
    title: Numbers
    versions:
      - source: s1
        logbook: Surgical logbook
        minimums:
          - {item: Appendektomie, gloss: appendectomy, count: 20, match: {words: [appendectomy]}}
          - {item: Erste Assistenz, count: 80, role: assisted, match: {words: [whipple]}}
          - {item: Sonographie, count: 400}
"""


def test_procedure_minimums_list_the_numbers_and_what_the_log_cannot_count():
    f, _ = _one(MINIMUMS)
    assert f.status is Status.INFO
    assert f.explanation.startswith(
        "Surgical logbook: Appendektomie (appendectomy): 20; Erste Assistenz: 80 as first "
        "assistant; Sonographie: 400."
    )
    assert "1 of these are not in a US case log: count them yourself" in f.explanation


def test_procedure_minimums_refuse_a_code_that_is_not_cpt():
    with pytest.raises(InvalidFileError, match="not CPT codes"):
        mini_pack(MINIMUMS.replace("match: {words: [whipple]}", 'match: {codes: ["4495"]}'))
