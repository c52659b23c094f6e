"""A page of the profile is saved only over what it was shown from: its rows are matched to
the stored items by position, so a page opened before the stored profile changed (the
same page saved in another window, a profile imported from the command line) would give
a row the hidden fields of whatever item is now at its place, or undo the other change.
The page carries the fingerprint of the stored parts it shows; a save finding them
changed saves nothing, says so beside the form and shows what was typed, with the fresh
fingerprint: saved again, it goes through."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.utils import timezone

from tests.helpers.full_profile import FULL
from tests.helpers.setups import PERSONAS, TODAY
from tests.helpers.web import (
    as_shown,
    page_text,
    save_page,
    second_window,
    sent_back,
    stored_profile,
)
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile
from wayhome.services import profile_store
from wayhome.services import setup as setup_service
from wayhome.web.forms.setup import STEPS
from wayhome.web.forms.steps import FINGERPRINT, PAGE_CHANGED

CHANGED = "This page changed in another window or by an import since you opened it"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def _history(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(h["type"], h["start"], h["end"]) for h in data.get("visa_history") or []]


def test_the_page_carries_the_fingerprint_of_what_it_shows(full):
    c, pk = full
    page = c.get(f"/p/{pk}/profile/visa/")
    html = page.content.decode()
    fingerprint = sent_back(page)[FINGERPRINT][0]
    assert f'<input type="hidden" name="fingerprint" value="{fingerprint}">' in html
    paths = ("visa", "j1_waiver", "visa_history")
    assert fingerprint == setup_service.fingerprint(stored_profile(), paths)


def test_the_same_page_saved_in_another_window_since_is_not_undone(full):
    c, pk = full
    url = f"/p/{pk}/profile/visa/"
    mine = c.get(url)  # two earlier statuses: a J-1 (with its board exam) and an H-1B
    assert sent_back(mine)["rows-TOTAL_FORMS"] == ["2"]
    other = second_window()
    theirs = sent_back(other.get(url))
    theirs["rows-0-DELETE"] = ["on"]  # the other window removes the J-1
    assert save_page(other, url, theirs).status_code == 302
    after_theirs = stored_profile()
    assert _history(after_theirs) == [("H-1B", "2019-07-01", "2022-06-30")]

    typed = sent_back(mine)
    typed["rows-1-end"] = ["15 Jun 2022"]  # this window changes the H-1B's end
    response = save_page(c, url, typed)

    # Nothing saved: the J-1 is not back (without its board exam), the H-1B unchanged.
    assert response.status_code == 409
    assert stored_profile() == after_theirs
    assert CHANGED in page_text(response) and PAGE_CHANGED in response.content.decode()
    again = sent_back(response)  # what was typed is on the page again, both rows
    html = response.content.decode()
    assert 'value="15 Jun 2022"' in html and 'value="20 Jun 2016"' in html
    assert {k: v for k, v in again.items() if k != FINGERPRINT} == {
        k: v for k, v in typed.items() if k != FINGERPRINT
    }
    assert again[FINGERPRINT] != typed[FINGERPRINT]

    # Sent again, checked against what is stored now, it is saved.
    assert save_page(c, url, again).status_code == 302
    assert _history(stored_profile()) == [
        ("J-1", "2016-06-20", "2019-06-30"),
        ("H-1B", "2019-07-01", "2022-06-15"),
    ]


def test_a_profile_imported_from_the_command_line_since_is_not_overwritten(full, tmp_path):
    c, pk = full
    url = f"/p/{pk}/profile/training/"
    mine = c.get(url)
    # `wayhome profile import` of the same profile with the training in the other order:
    # each row on the open page now stands where another period is.
    data = yaml.safe_load(FULL)
    data["training"].reverse()
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    profile_store.import_file(store.local_account(), path)
    imported = stored_profile()
    assert [t["kind"] for t in imported["training"]] == ["fellowship", "residency"]

    typed = sent_back(mine)
    assert typed["rows-0-kind"] == ["residency"]
    typed["rows-0-program"] = ["Internal Medicine (categorical)"]
    response = save_page(c, url, typed)

    assert response.status_code == 409
    assert stored_profile() == imported
    assert CHANGED in page_text(response)
    assert 'value="Internal Medicine (categorical)"' in response.content.decode()

    assert save_page(c, url, sent_back(response)).status_code == 302
    training = stored_profile()["training"]
    assert [(t["kind"], t["program"]) for t in training] == [
        ("residency", "Internal Medicine (categorical)"),
        ("fellowship", "Cardiology Fellowship"),
    ]


def test_another_page_saved_since_does_not_stop_this_one(full):
    c, pk = full
    url = f"/p/{pk}/profile/training/"
    mine = sent_back(c.get(url))
    other = second_window()
    dated = {**sent_back(other.get(f"/p/{pk}/profile/date/")), "return_date": ["1 Jan 2029"]}
    assert save_page(other, f"/p/{pk}/profile/date/", dated).status_code == 302
    mine["rows-1-program"] = ["Cardiovascular Disease"]
    assert save_page(c, url, mine).status_code == 302
    after = stored_profile()
    assert after["plan"]["return_date"] == "2029-01-01"
    assert after["training"][1]["program"] == "Cardiovascular Disease"


def test_adding_a_row_or_a_refusal_keeps_the_fingerprint_the_page_was_opened_with(full):
    c, pk = full
    url = f"/p/{pk}/profile/licences/"
    typed = sent_back(c.get(url))
    added = c.post(url, {**typed, "action": ["add"]})
    assert sent_back(added)[FINGERPRINT] == typed[FINGERPRINT]
    refused = save_page(c, url, {**sent_back(added), "rows-0-issued": ["03/06/2019"]})
    assert refused.status_code == 422
    assert sent_back(refused)[FINGERPRINT] == typed[FINGERPRINT]
    # Meanwhile another window saves the page: the refused page, once fixed, is stale.
    assert (
        save_page(second_window(), url, {**typed, "rows-0-number": ["654321"]}).status_code == 302
    )
    fixed = {**sent_back(refused), "rows-0-issued": ["1 Sep 2019"]}
    assert save_page(c, url, fixed).status_code == 409
    assert stored_profile()["licences"][0]["number"] == "654321"


def test_a_page_sent_without_its_fingerprint_is_taken_as_shown_from_nothing_stored(full):
    c, pk = full
    url = f"/p/{pk}/profile/licences/"
    before = stored_profile()
    typed = {k: v for k, v in sent_back(c.get(url)).items() if k != FINGERPRINT}
    response = save_page(c, url, typed)
    assert response.status_code == 409 and stored_profile() == before
    assert save_page(c, url, sent_back(response)).status_code == 302


def test_the_setup_finished_after_an_import_saves_nothing_and_keeps_what_was_typed(db, tmp_path):
    # A setup typed with no profile yet; meanwhile `wayhome profile import` stores one.
    c = second_window()
    answers = PERSONAS["j1-cardiologist-india"]
    for answer in answers[:-1]:
        assert c.post(f"/setup/{answer.step}/", answer.post()).status_code == 302
    path = tmp_path / "profile.yaml"
    path.write_text(FULL)
    profile_store.import_file(store.local_account(), path)
    imported = stored_profile()

    last = answers[-1]
    response = c.post(f"/setup/{last.step}/", {**as_shown(c.get("/setup/date/")), **last.post()})
    assert stored_profile() == imported  # nothing of the setup saved over it
    assert response.status_code == 302 and response["Location"] == "/setup/you/"
    page = c.get("/setup/you/")
    words = page_text(page)
    assert "Your profile changed in another window or by an import during the setup" in words
    assert "Who you are" in words and "Your planned return" in words
    assert 'value="Dr. Arjun Mehta"' in page.content.decode()  # as typed, not imported

    # Finished again, from the last step as it is shown now: saved.
    last_page = c.get("/setup/date/")
    response = c.post("/setup/date/", {**sent_back(last_page), "action": ["next"]})
    row = StoredProfile.objects.get(owner=store.local_account())
    assert response.status_code == 302 and response["Location"] == f"/p/{row.pk}/"
    assert stored_profile()["person"]["name"] == "Dr. Arjun Mehta"


def test_every_part_a_page_writes_is_under_the_paths_its_fingerprint_covers(full):
    data = stored_profile()
    for step in STEPS:
        bound = step.bind(step.typed_from(data, TODAY), TODAY)
        assert bound.is_valid(), step.slug
        for path in bound.parts():
            assert any(path == p or path.startswith(f"{p}.") for p in step.paths), (
                step.slug,
                path,
            )
