"""A page of the profile saves what it asks and keeps the rest: a profile imported from a
file holds fields no page shows (an earlier J-1's board-exam extension, a document's
note, a fourth citizenship), and saving a page, as shown or with a row changed, keeps
them; a row removed goes, with them; a row added has none."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.helpers.full_profile import data_paths, model_paths
from tests.helpers.setups import TODAY
from tests.helpers.web import as_shown
from wayhome.adapters.db import store
from wayhome.core.profile.model import Profile
from wayhome.services import setup as setup_service
from wayhome.web.forms.setup import BY_SLUG, STEPS


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def _profile() -> dict[str, Any]:
    """The stored profile as the pages read it: with the documents held."""
    return setup_service.profile_data(store.local_account())


def _shown(step: str) -> dict[str, list[str]]:
    return BY_SLUG[step].typed_from(_profile(), TODAY)


def _save(c: Client, pk: int, step: str, typed: dict[str, list[str]]) -> None:
    response = c.post(f"/p/{pk}/profile/{step}/", {**typed, "action": "save"})
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_full_profile_fills_every_field_the_pages_write(full):
    # The parts the pages write, from the pages themselves; every field the model has
    # under them must be in FULL (with a value other than its default), so a field
    # added to the model is checked by every page sent back as shown once FULL fills it
    # (test_every_page_of_the_profile_sent_back_as_shown_changes_nothing, in
    # tests/web/test_setup.py).
    data = _profile()
    written = set()
    for step in STEPS:
        bound = step.bind(step.typed_from(data, TODAY), TODAY)
        assert bound.is_valid(), (step.slug, bound.form.errors, bound.rows and bound.rows.errors)
        written |= {path.split(".")[0] for path in bound.parts()}
    assert {"visa_history", "documents", "medical_school", "plan"} <= written
    wanted = {p for p in model_paths(Profile) if p.split(".")[0] in written}
    assert wanted - data_paths(data) == set()


def test_an_earlier_status_changed_keeps_its_board_exam_extension(full):
    c, pk = full
    typed = _shown("visa")
    assert typed["rows-0-type"] == ["J-1"]
    typed["rows-0-end"] = ["15 Jun 2019"]
    _save(c, pk, "visa", typed)
    assert _profile()["visa_history"] == [
        {
            "type": "J-1",
            "start": "2016-06-20",
            "end": "2019-06-15",
            "board_exam_extension": {"exam": "2019-10-15"},
        },
        {"type": "H-1B", "start": "2019-07-01", "end": "2022-06-30"},
    ]


def test_an_earlier_status_removed_goes_with_its_extension_and_the_next_keeps_its_own(full):
    c, pk = full
    typed = _shown("visa")
    typed["rows-0-DELETE"] = ["on"]
    _save(c, pk, "visa", typed)
    assert _profile()["visa_history"] == [
        {"type": "H-1B", "start": "2019-07-01", "end": "2022-06-30"}
    ]


def test_a_row_added_keeps_nothing_of_another(full):
    c, pk = full
    typed = _shown("visa")
    typed["rows-0-DELETE"] = ["on"]  # the J-1 with the extension goes, a new one comes
    typed |= {
        "rows-TOTAL_FORMS": ["3"],
        "rows-2-type": ["J-1"],
        "rows-2-start": ["1 Jan 2014"],
        "rows-2-end": ["31 Dec 2014"],
    }
    _save(c, pk, "visa", typed)
    assert _profile()["visa_history"] == [
        {"type": "H-1B", "start": "2019-07-01", "end": "2022-06-30"},
        {"type": "J-1", "start": "2014-01-01", "end": "2014-12-31"},
    ]


def test_a_document_changed_keeps_its_note_and_one_not_shown_stays(full):
    c, pk = full
    typed = _shown("documents")
    assert typed["rows-TOTAL_FORMS"] == ["1"]  # the passport has no issue date to show
    typed["rows-0-issuer"] = ["New York State"]
    _save(c, pk, "documents", typed)
    assert sorted(_profile()["documents"], key=lambda d: d["kind"]) == [
        {
            "kind": "good-standing",
            "issued": "2026-09-01",
            "issuer": "New York State",
            "note": "the original is with the notary",
        },
        {"kind": "passport", "issuer": "Government of India", "note": "being renewed"},
    ]


def test_a_document_removed_goes_with_its_note(full):
    c, pk = full
    typed = _shown("documents")
    typed["rows-0-DELETE"] = ["on"]
    _save(c, pk, "documents", typed)
    assert _profile()["documents"] == [
        {"kind": "passport", "issuer": "Government of India", "note": "being renewed"}
    ]


def test_a_job_changed_keeps_its_exact_part_time_share(full):
    c, pk = full
    typed = _shown("work")
    assert typed["rows-0-percent"] == ["33.3"]
    typed["rows-0-role"] = ["senior attending"]
    _save(c, pk, "work", typed)
    first = _profile()["work"][0]
    assert (first["role"], first["fraction"]) == ("senior attending", 0.333)


def test_citizenships_and_regulators_beyond_the_fields_stay(full):
    c, pk = full
    you = _shown("you")
    assert (you["citizenship"], you["citizenship_2"], you["citizenship_3"]) == (
        ["IN"],
        ["GB"],
        ["CA"],
    )
    del you["citizenship_2"]  # GB given up; AU, the fourth, was never shown
    _save(c, pk, "you", you)
    assert _profile()["person"]["citizenship"] == ["IN", "CA", "AU"]

    plan = _shown("return")
    assert plan["target_4"] == ["GB"] and "target_5" not in plan
    plan["apply_2"] = ["1 Feb 2028"]  # AE-DHA's day, moved
    _save(c, pk, "return", plan)
    after = _profile()["plan"]
    assert after["targets"] == ["IN", "AE-DHA", "AE-DOH", "GB", "DE"]
    assert after["applications"] == [
        {"target": "AE-DHA", "date": "2028-02-01"},
        {"target": "DE", "date": "2028-03-01"},  # the fifth regulator's, not shown
    ]


def test_a_day_cleared_on_the_page_is_gone(full):
    c, pk = full
    plan = _shown("return")
    del plan["apply_2"]
    _save(c, pk, "return", plan)
    assert _profile()["plan"]["applications"] == [{"target": "DE", "date": "2028-03-01"}]


def test_the_medical_school_changed_keeps_what_it_had_and_loses_what_was_cleared(full):
    c, pk = full
    typed = _shown("school")
    typed["school_name"] = ["Example College of Medicine"]
    del typed["internship_start"], typed["internship_end"]
    _save(c, pk, "school", typed)
    assert _profile()["medical_school"] == {
        "country": "IN",
        "name": "Example College of Medicine",
        "start": "2006-08-01",
        "graduated": "2011-06-30",
    }


def test_the_waiver_changed_keeps_its_conrad_start(full):
    c, pk = full
    typed = _shown("visa")
    typed["waiver_status"] = ["granted"]
    _save(c, pk, "visa", typed)
    assert _profile()["j1_waiver"] == {
        "route": "conrad-30",
        "status": "granted",
        "date": "2026-03-01",
        "employment_start": "2027-08-01",
    }


def test_the_setup_walked_again_keeps_the_full_profile(full):
    # The setup of someone with a profile: every step shown from it, sent on as it is,
    # and the last one saves them all, over what it does not show.
    c, _ = full
    before = _profile()
    for step in STEPS:
        page = c.get(f"/setup/{step.slug}/")
        assert page.status_code == 200
    typed = {**as_shown(page), "return_date": "1 Jan 2029", "action": "next"}
    response = c.post("/setup/date/", typed)
    assert response.status_code == 302, response.content.decode()[:3000]
    after = _profile()
    assert after["plan"].pop("return_date") == "2029-01-01"
    del before["plan"]["return_date"]
    assert after == before
