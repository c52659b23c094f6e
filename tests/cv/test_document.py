"""The CV: the same facts, ordered for the return type; nothing invented."""

from pathlib import Path

import pytest

from wayhome.core.cv.document import build, json_resume
from wayhome.core.profile.model import ReturnType

FILES = Path(__file__).parent / "files"


@pytest.mark.parametrize(
    ("rtype", "first"),
    [
        (ReturnType.ACADEMIC, "publications"),
        (ReturnType.PUBLIC, "training"),
        (ReturnType.PRIVATE, "procedures"),
    ],
)
def test_the_return_type_decides_what_comes_first(facts, rtype, first):
    profile, log, papers = facts
    profile = profile.model_copy(
        update={"plan": profile.plan.model_copy(update={"return_type": rtype})}
    )
    cv = build(profile, log, papers)
    assert cv.sections[0].id == first
    assert {s.id for s in cv.sections} == {
        "publications",
        "training",
        "procedures",
        "work",
        "certificates",
        "education",
    }


def test_counts_and_notes_are_the_logs_and_the_papers(facts):
    profile, log, papers = facts
    cv = build(profile, log, papers, country="GB")
    assert cv.headline.endswith(", United Kingdom")
    by_id = {s.id: s for s in cv.sections}
    assert by_id["procedures"].note == (
        "6 cases, 7 procedures in the case log; 4 cases performed hands-on."
    )
    assert by_id["procedures"].entries[0].title == "Cholecystectomy"  # most performed first
    assert by_id["publications"].note == "4 papers, 4 indexed in PubMed."


def test_sections_without_facts_are_left_out(facts):
    profile, _, _ = facts
    cv = build(profile, None, [])
    assert "procedures" not in {s.id for s in cv.sections}
    assert "publications" not in {s.id for s in cv.sections}


def test_json_resume_carries_the_same_facts(facts):
    profile, log, papers = facts
    cv = build(profile, log, papers)
    resume = json_resume(cv, profile, papers)
    assert resume["basics"]["name"] == profile.person.name
    assert len(resume["publications"]) == 4
    assert {e["studyType"] for e in resume["education"]} == {"residency", "fellowship"}
