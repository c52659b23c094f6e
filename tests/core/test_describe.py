"""Conditions and values in words, for `wayhome packs show`."""

from pydantic import TypeAdapter

from tests.helpers import SCREENING, xx
from wayhome.core.rules import describe
from wayhome.core.rules.conditions import Condition
from wayhome.core.rules.kinds.required_documents import DocumentItem

parse = TypeAdapter(Condition).validate_python


def test_a_nested_condition_reads_as_a_sentence():
    five = "Australia (AU), Canada (CA), New Zealand (NZ), United Kingdom (GB), United States (US)"
    assert describe.condition(parse(SCREENING)) == (
        "your medical school's country is none of India (IN) and not (your medical school's "
        f"country is one of {five} and the countries you trained in include any of {five})"
    )


def test_dates_and_exams_read_as_physicians_write_them():
    cond = parse({"fact": "exam_passed", "exam": "USMLE Step 2 CK", "before": "2020-03-13"})
    assert describe.condition(cond) == "your pass of USMLE Step 2 CK is before 13 Mar 2020"


def test_no_condition_means_everyone():
    assert describe.condition(None) == "everyone"


def test_a_document_is_a_sentence_with_its_steps_kind_and_the_step_it_comes_from():
    pack = xx()
    item = DocumentItem(
        name="Conversion examination pass certificate",
        kind="exam-result",
        steps=["apostille", "sworn translation"],
        verification="Primary-source verification by the Council",
        lead_time={"months": 2},
        valid_for={"years": 1},
        produced_by="xx-conversion-exam",
        note="Ask for it at the sitting (see xx-exam-graduation-window).",
    )
    exam = pack.rule("xx-conversion-exam").title
    window = pack.rule("xx-exam-graduation-window").title
    assert describe.document(item, pack) == (
        "Conversion examination pass certificate — first apostille, then sworn translation; "
        "verification: primary-source verification by the Council; allow 2 months; accepted "
        f"only within 1 year of issue; it comes from a later step, “{exam}”; in your profile, "
        f"under “{pack.document_kinds['exam-result'][:1].upper()}"
        f"{pack.document_kinds['exam-result'][1:]}”. Ask for it at the sitting (see “{window}”)."
    )
    # a name alone, and a name that keeps its capitals in the sentence
    assert describe.document(DocumentItem(name="Final evaluation letters")) == (
        "Final evaluation letters."
    )
    assert describe.document(
        DocumentItem(name="Passport", kind="passport", verification="DataFlow verification")
    ) == ("Passport — verification: DataFlow verification; in your profile, under “Passport”.")


def test_a_list_of_documents_is_counted_in_its_values_and_said_one_by_one():
    pack = xx()
    v = next(v for r in pack.rules for v in r.versions if getattr(v, "documents", None))
    assert describe.values(v, pack) == f"{len(v.documents)} documents"
    assert describe.items(v, pack) == [describe.document(d, pack) for d in v.documents]
