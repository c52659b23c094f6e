"""Documents with issue dates: kinds shared by packs and profiles, each required document
judged on the application date, and the planned application itself."""

from datetime import date

import pytest

from tests.helpers import assess_one, finding, mini_pack, profile
from wayhome.core.common.problems import ProblemsError
from wayhome.core.common.vocabulary import DOCUMENT_KINDS
from wayhome.core.planner import tasks
from wayhome.core.rules import engine

DOCS = """
  - id: fresh
    kind: document_validity
    title: Good standing must be recent
    versions: [{source: s1, document: certificate of good standing, kind: good-standing, months: 3}]
  - id: docs
    kind: required_documents
    title: Documents
    versions:
      - source: s1
        documents:
          - {name: Certificate of good standing, kind: good-standing, lead_time: {months: 1}}
          - {name: Police clearance, kind: police-clearance, valid_for: {months: 6}}
          - {name: Diploma, kind: primary-degree, lead_time: {months: 2}}
          - {name: Letters, lead_time: {months: 1}}
"""


def _docs(a):
    return {d.kind or d.name: d for d in a.documents}


def test_the_shared_vocabulary_has_the_kinds_regulators_ask_for():
    assert {
        "good-standing",
        "police-clearance",
        "medical-fitness",
        "primary-degree",
        "transcript",
        "internship-certificate",
        "training-certificate",
        "board-certificate",
        "licence-verification",
        "experience-letter",
        "language-certificate",
        "passport",
        "photograph",
    } <= set(DOCUMENT_KINDS)


def _assess(documents, plan=None, rules=DOCS):
    prof = profile(documents=documents, plan=plan or {})
    return assess_one(prof, "2024-06-01", [mini_pack(rules)])


def test_each_required_document_is_judged_on_the_application_date():
    # Back (and applying) on 1 Jan 2025.
    a = _assess(
        [
            {"kind": "good-standing", "issued": "2024-08-15", "issuer": "NY State"},
            {"kind": "police-clearance", "issued": "2024-10-01"},
            {"kind": "primary-degree", "issued": "2014-01-01"},
        ]
    )
    d = _docs(a)
    good = d["good-standing"]
    assert (good.status, good.valid_through, good.request_by) == (
        "expired",
        date(2024, 11, 14),  # 3 months, the issue date as day 1
        date(2024, 12, 1),  # a month's lead time before 1 Jan 2025
    )
    assert (d["police-clearance"].status, d["police-clearance"].valid_through) == (
        "valid",
        date(2025, 3, 31),
    )
    assert d["primary-degree"].status == "unknown"  # no validity known
    assert d["Letters"].status == "unknown"  # no kind to match
    assert (
        "Valid through 14 Nov 2024 (the issue date is day 1), before your application"
        in good.explanation
    )


def test_a_document_not_held_is_missing_with_the_day_to_request_it():
    d = _docs(_assess([]))
    assert (d["primary-degree"].status, d["primary-degree"].request_by) == (
        "missing",
        date(2024, 11, 1),
    )


def test_the_latest_issue_of_a_kind_counts():
    a = _assess(
        [
            {"kind": "good-standing", "issued": "2024-01-01"},
            {"kind": "good-standing", "issued": "2024-11-01"},
        ]
    )
    assert _docs(a)["good-standing"].status == "valid"


def test_the_planned_application_moves_the_documents_and_the_rules_checked_at_it():
    plan = {"applications": [{"target": "XX", "date": "2024-10-01"}]}
    a = _assess([{"kind": "good-standing", "issued": "2024-08-15"}], plan)
    assert _docs(a)["good-standing"].status == "valid"  # through 14 Nov 2024
    assert a.application_date == date(2024, 10, 1)
    assert "To apply on 1 Oct 2024" in finding(a, "fresh").explanation
    assert a.to_json()["application_date"] == "2024-10-01"


WINDOW = """
  - id: window
    kind: max_years_since_graduation
    title: Apply within 10 years
    versions: [{source: s1, years: 10}]
"""


def test_a_rule_checked_at_the_application_uses_its_date_not_the_return():
    # Graduated 1 Jan 2014: the window ends 31 Dec 2023. Back on 1 Jan 2025, but
    # applying from abroad on 1 Oct 2023.
    prof = profile(plan={"applications": [{"target": "XX", "date": "2023-10-01"}]})
    a = assess_one(prof, "2023-01-01", [mini_pack(WINDOW)])
    f = finding(a, "window")
    assert (f.status.value, f.plan) == ("tight", "2023-10-01")
    assert "You plan to apply on 1 Oct 2023 (your return: 1 Jan 2025)" in f.explanation
    # Checked at a fixed application, the rule sets no return date.
    assert a.latest_safe_return is None


@pytest.mark.parametrize(
    ("target", "used"),
    [
        pytest.param("XX", True, id="the-country"),
        pytest.param("XX-COUNCIL", True, id="the-regulator"),
        pytest.param("IN", False, id="another-country"),
    ],
)
def test_an_application_names_a_country_or_a_regulator(target, used):
    prof = profile(plan={"applications": [{"target": target, "date": "2023-10-01"}]})
    pack = mini_pack(WINDOW, code="XX-COUNCIL")
    f = finding(assess_one(prof, "2023-01-01", [pack], code="XX-COUNCIL"), "window")
    assert (f.plan == "2023-10-01") is used


def test_an_unknown_document_kind_in_the_profile_is_an_error_at_its_place():
    with pytest.raises(ProblemsError) as e:
        _assess([{"kind": "good-standing"}, {"kind": "birth-certificate"}])
    (problem,) = e.value.problems
    assert problem.path == ("documents", 1, "kind")
    assert "unknown document kind 'birth-certificate'" in problem.message


def test_a_pack_may_add_its_own_kinds_and_refuses_unknown_ones():
    rules = DOCS.replace("kind: police-clearance", "kind: birth-certificate")
    with pytest.raises(ProblemsError, match="unknown document kind 'birth-certificate'"):
        mini_pack(rules)
    pack = mini_pack(rules + "document_kinds: {birth-certificate: a birth certificate}\n")
    prof = profile(documents=[{"kind": "birth-certificate", "issued": "2024-10-01"}])
    a = assess_one(prof, "2024-06-01", [pack])
    assert _docs(a)["birth-certificate"].status == "valid"


def test_the_planner_asks_for_documents_before_the_application():
    plan = {"applications": [{"target": "XX", "date": "2024-10-01"}]}
    prof = profile(plan=plan)
    pack = mini_pack(DOCS)
    report = engine.assess(prof, [pack], date(2024, 6, 1), ["XX"])
    specs = {s.id: s for s in tasks.from_assessment(report, [pack], prof)[0]}
    assert specs["request:XX:fresh"].latest == date(2024, 9, 30)
    assert specs["doc:XX:diploma"].latest == date(2024, 9, 30)
    assert specs["doc:XX:diploma"].latest_why == "you apply then"
