"""Teaching, leadership and awards: in the CV where the return type puts them, each
with its letter, and from the command line and the web page."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.helpers.cli import flatten, run
from tests.helpers.letters import stored_file
from wayhome.adapters.db.models import ActivityRecord
from wayhome.adapters.profiles import example_path
from wayhome.core.cv.activities import Activity, ActivityKind, without_letter
from wayhome.core.cv.document import build, json_resume
from wayhome.core.profile.model import ReturnType

CHIEF = Activity(
    ActivityKind.LEADERSHIP,
    "Chief resident",
    "Mercy Hospital",
    date(2026, 7, 1),
    date(2027, 6, 30),
    letter="chief-letter.pdf",
)
EDUCATOR = Activity(
    ActivityKind.TEACHING, "Resident educator", "Mercy Hospital", date(2025, 7, 1), None
)
AWARD = Activity(ActivityKind.AWARD, "Teaching award", "Department of Medicine", date(2026, 5, 1))


def with_type(profile, rtype):
    return profile.model_copy(
        update={"plan": profile.plan.model_copy(update={"return_type": rtype})}
    )


@pytest.mark.parametrize(
    ("rtype", "order"),
    [
        (ReturnType.ACADEMIC, ["publications", "teaching", "training"]),
        (ReturnType.PUBLIC, ["training", "work", "certificates", "education", "leadership"]),
        (ReturnType.PRIVATE, ["procedures", "training", "certificates", "work", "teaching"]),
    ],
)
def test_academic_cvs_put_teaching_right_after_publications(facts, rtype, order):
    profile, log, papers = facts
    cv = build(with_type(profile, rtype), log, papers, activities=[CHIEF, EDUCATOR, AWARD])
    ids = [s.id for s in cv.sections]
    assert ids[: len(order)] == order
    assert {"teaching", "leadership", "awards"} <= set(ids)


def test_each_entry_says_where_when_and_whether_a_letter_is_on_file(facts):
    profile, log, papers = facts
    cv = build(profile, log, papers, activities=[CHIEF, EDUCATOR, AWARD])
    by_id = {s.id: s for s in cv.sections}
    [chief] = by_id["leadership"].entries
    assert (chief.title, chief.detail, chief.when) == (
        "Chief resident",
        "Mercy Hospital; letter on file",
        "Jul 2026 to Jun 2027",
    )
    [educator] = by_id["teaching"].entries
    assert (educator.detail, educator.when) == ("Mercy Hospital", "Jul 2025 to now")
    [award] = by_id["awards"].entries
    assert (award.detail, award.when) == ("Department of Medicine", "May 2026")
    assert without_letter([CHIEF, EDUCATOR, AWARD]) == [EDUCATOR, AWARD]
    resume = json_resume(cv, profile, papers, [CHIEF, EDUCATOR, AWARD])
    assert resume["awards"] == [
        {"title": "Teaching award", "awarder": "Department of Medicine", "date": "2026-05-01"}
    ]
    assert [p["name"] for p in resume["projects"]] == ["Chief resident", "Resident educator"]


def test_no_activities_no_sections(facts):
    profile, log, papers = facts
    ids = {s.id for s in build(profile, log, papers).sections}
    assert not ids & {"teaching", "leadership", "awards"}


@pytest.fixture
def data_dir(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    assert run("profile", "import", str(example_path("do-the-math"))).exit_code == 0
    return settings.DATA_DIR


def test_the_cli_adds_lists_and_links_a_letter(data_dir):
    from wayhome.services.source import local_owner

    added = run("activities", "add", "leadership", "Chief resident", "--start", "2026-07-01")
    assert added.exit_code == 0 and "No letter yet" in added.output
    [record] = ActivityRecord.objects.all()
    letter = stored_file(local_owner(), "chief-letter.pdf")
    assert run("activities", "link", str(record.pk), str(letter.pk)).exit_code == 0
    [listed] = json.loads(run("activities", "list", "--json").output)
    assert listed["letter"] == {"id": letter.pk, "name": "chief-letter.pdf"}
    cv = run("cv", "--json-resume", str(data_dir / "cv.json"))
    assert cv.exit_code == 0
    resume = json.loads((data_dir / "cv.json").read_text())
    assert resume["projects"][0]["name"] == "Chief resident"
    bad = run("activities", "add", "hobby", "Chess")
    assert bad.exit_code == 2 and "kind: 'hobby' is not one of teaching" in flatten(bad.output)
    wrong = run("activities", "add", "award", "X", "--start", "2026-01-02", "--end", "2025-01-01")
    assert wrong.exit_code == 2 and "end: it is before the start" in flatten(wrong.output)
    assert run("activities", "link", str(record.pk), "999").exit_code == 2
