"""A page of the profile lays each row over the stored item it was shown from, found by
the identity the row carries (a hidden field), not by where the item is now: a page
refused because the list changed since (another window, an import; test_stale_page.py)
and saved again keeps each row's own unasked keys (a document's note, an earlier J-1's
board-exam extension), keeps an item added elsewhere, and removes exactly what the person
removed. Identical items are interchangeable: one removed elsewhere takes nobody's keys."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from django.test import Client
from django.utils import timezone

from tests.helpers.full_profile import FULL
from tests.helpers.setups import TODAY
from tests.helpers.web import as_shown, save_page, second_window, sent_back, stored_profile
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile
from wayhome.services import profile_store
from wayhome.services import setup as setup_service
from wayhome.web.forms.setup import BY_SLUG
from wayhome.web.forms.steps import FINGERPRINT, SHOWN

N1 = "the original is with the notary"
N2 = "apostilled in Delhi"
NYSED = "New York State Education Department"
POLICE = {"kind": "police-clearance", "issued": "2026-08-01", "issuer": "Delhi Police"}
EXTENSION = {"exam": "2019-10-15"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def _full(**changes: Any) -> dict[str, Any]:
    data = yaml.safe_load(FULL)
    data.update(changes)
    return data


def _import(data: dict[str, Any], tmp_path) -> None:
    """`wayhome profile import` of ``data``, as from the command line."""
    path = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    profile_store.import_file(store.local_account(), path)


@pytest.fixture
def imported(db, tmp_path):
    """Imports a profile (FULL with ``changes``) and gives a signed-in client and its pk."""

    def make(**changes: Any) -> tuple[Client, int]:
        _import(_full(**changes), tmp_path)
        return second_window(), StoredProfile.objects.get(owner=store.local_account()).pk

    return make


def _stale_then_saved(c: Client, url: str, typed: dict[str, list[str]]) -> None:
    """Saved once, refused (the list changed since the page was shown), saved again from
    the page shown then."""
    refused = save_page(c, url, typed)
    assert refused.status_code == 409, refused.content.decode()[:2000]
    again = save_page(c, url, sent_back(refused))
    assert again.status_code == 302, again.content.decode()[:3000]


def _documents() -> list[dict[str, Any]]:
    return sorted(
        stored_profile().get("documents") or [], key=lambda d: (d["kind"], len(d), str(d))
    )


def _two_documents(imported) -> tuple[Client, str]:
    police = {**POLICE, "note": N2}
    c, pk = imported(documents=[*_full()["documents"], police])
    return c, f"/p/{pk}/profile/documents/"


def test_a_document_removed_elsewhere_gives_its_note_to_no_other(imported):
    c, url = _two_documents(imported)
    mine = sent_back(c.get(url))
    assert [mine["rows-0-kind"], mine["rows-1-kind"]] == [["good-standing"], ["police-clearance"]]
    other = second_window()
    theirs = {**sent_back(other.get(url)), "rows-0-DELETE": ["on"]}
    assert save_page(other, url, theirs).status_code == 302  # good standing removed there

    mine["rows-1-issuer"] = ["Delhi Police HQ"]  # this window changes the police clearance
    _stale_then_saved(c, url, mine)

    # The police clearance keeps its own note; the good standing, still on this page, is
    # back as typed, with no note (its note went with it in the other window).
    assert _documents() == [
        {
            "kind": "good-standing",
            "issued": "2026-09-01",
            "issuer": NYSED,
        },
        {"kind": "passport", "issuer": "Government of India", "note": "being renewed"},
        {**POLICE, "issuer": "Delhi Police HQ", "note": N2},
    ]


def test_a_document_added_elsewhere_stays_and_only_the_one_removed_goes(imported):
    c, url = _two_documents(imported)
    mine = sent_back(c.get(url))
    other = second_window()
    theirs = sent_back(other.get(url))
    theirs |= {
        "rows-TOTAL_FORMS": ["3"],
        "rows-2-kind": ["medical-fitness"],
        "rows-2-issued": ["1 Oct 2026"],
    }
    assert save_page(other, url, theirs).status_code == 302

    mine["rows-0-DELETE"] = ["on"]  # this window removes the good standing
    _stale_then_saved(c, url, mine)

    assert _documents() == [
        {"kind": "medical-fitness", "issued": "2026-10-01"},
        {"kind": "passport", "issuer": "Government of India", "note": "being renewed"},
        {**POLICE, "note": N2},
    ]


# The full profile's earlier J-1, with the board-exam extension no page shows.
EARLIER_J1 = {
    "type": "J-1",
    "start": "2016-06-20",
    "end": "2019-06-30",
    "board_exam_extension": EXTENSION,
}


def test_earlier_statuses_reordered_by_an_import_keep_their_own_extension(imported, tmp_path):
    c, pk = imported()
    url = f"/p/{pk}/profile/visa/"
    mine = sent_back(c.get(url))
    assert mine["rows-0-type"] == ["J-1"]
    data = _full()
    data["visa_history"].reverse()  # the same statuses, the H-1B first
    _import(data, tmp_path)

    mine["rows-1-end"] = ["15 Jun 2022"]  # the H-1B's last day
    _stale_then_saved(c, url, mine)

    assert stored_profile()["visa_history"] == [
        EARLIER_J1,
        {"type": "H-1B", "start": "2019-07-01", "end": "2022-06-15"},
    ]


def test_an_earlier_status_added_elsewhere_is_not_taken_as_removed(imported):
    c, pk = imported()
    url = f"/p/{pk}/profile/visa/"
    mine = sent_back(c.get(url))
    other = second_window()
    theirs = sent_back(other.get(url))
    theirs |= {
        "rows-TOTAL_FORMS": ["3"],
        "rows-2-type": ["other"],
        "rows-2-start": ["1 Jan 2015"],
        "rows-2-end": ["31 Dec 2015"],
    }
    assert save_page(other, url, theirs).status_code == 302

    mine["rows-1-DELETE"] = ["on"]  # this window removes the H-1B
    _stale_then_saved(c, url, mine)

    assert stored_profile()["visa_history"] == [
        EARLIER_J1,
        {"type": "other", "start": "2015-01-01", "end": "2015-12-31"},
    ]


def test_a_status_removed_elsewhere_is_back_as_typed_without_anothers_keys(imported):
    c, pk = imported()
    url = f"/p/{pk}/profile/visa/"
    mine = sent_back(c.get(url))
    other = second_window()
    assert (
        save_page(other, url, {**sent_back(other.get(url)), "rows-0-DELETE": ["on"]}).status_code
        == 302
    )

    mine["rows-1-end"] = ["15 Jun 2022"]
    _stale_then_saved(c, url, mine)

    # This window never removed the J-1: it is back as typed (its extension went with it
    # in the other window); the H-1B, now first in the stored list, does not get it.
    assert stored_profile()["visa_history"] == [
        {"type": "J-1", "start": "2016-06-20", "end": "2019-06-30"},
        {"type": "H-1B", "start": "2019-07-01", "end": "2022-06-15"},
    ]


def test_two_identical_documents_one_removed_here_and_one_elsewhere(imported):
    twin = {**POLICE, "note": N2}
    c, pk = imported(documents=[twin, twin])
    url = f"/p/{pk}/profile/documents/"
    mine = sent_back(c.get(url))
    assert mine["rows-TOTAL_FORMS"] == ["2"]
    assert mine["rows-0-from"] != mine["rows-1-from"]  # each its own identity
    other = second_window()
    assert (
        save_page(other, url, {**sent_back(other.get(url)), "rows-1-DELETE": ["on"]}).status_code
        == 302
    )

    mine["rows-0-DELETE"] = ["on"]  # here too one of the two goes: one stays, with its note
    _stale_then_saved(c, url, mine)

    assert _documents() == [twin]


def test_two_identical_documents_and_a_third_imported_since(imported, tmp_path):
    twin = {**POLICE, "note": N2}
    c, pk = imported(documents=[twin, twin])
    url = f"/p/{pk}/profile/documents/"
    mine = sent_back(c.get(url))
    _import(_full(documents=[twin, twin, twin]), tmp_path)

    mine["rows-1-DELETE"] = ["on"]  # one of the two shown goes; the third was never shown
    _stale_then_saved(c, url, mine)

    assert _documents() == [twin, twin]


def test_identical_items_removed_on_the_page_itself(imported):
    twin = {**POLICE, "note": N2}
    c, pk = imported(documents=[twin, twin])
    url = f"/p/{pk}/profile/documents/"
    mine = sent_back(c.get(url))
    mine["rows-1-DELETE"] = ["on"]
    assert save_page(c, url, mine).status_code == 302
    assert _documents() == [twin]


def test_trips_saved_again_keep_a_trip_added_elsewhere(imported, tmp_path):
    # The trips page shows the trips and makes the stays in the US between them itself:
    # those it stands for it makes again, a trip imported since stays.
    c, pk = imported()
    url = f"/p/{pk}/profile/trips/"
    mine = sent_back(c.get(url))
    assert mine["us_since"] == ["1 Jul 2022"] and mine["rows-TOTAL_FORMS"] == ["2"]
    data = _full()
    data["stays"].append(
        {"country": "FR", "start": "2027-05-01", "end": "2027-05-08", "planned": True}
    )
    _import(data, tmp_path)

    mine["rows-0-end"] = ["6 Jan 2026"]  # back a day later from India
    _stale_then_saved(c, url, mine)

    assert stored_profile()["stays"] == [
        {"country": "US", "start": "2022-07-01", "end": "2025-12-20"},
        {"country": "IN", "start": "2025-12-20", "end": "2026-01-06"},
        {"country": "US", "start": "2026-01-06", "end": "2026-11-24"},
        {"country": "GB", "start": "2027-03-01", "end": "2027-03-10", "planned": True},
        {"country": "FR", "start": "2027-05-01", "end": "2027-05-08", "planned": True},
    ]


def test_a_regulator_and_its_day_added_elsewhere_stay(imported, tmp_path):
    c, pk = imported()
    url = f"/p/{pk}/profile/return/"
    mine = sent_back(c.get(url))
    data = _full()
    data["plan"]["targets"].append("AE-MOH")
    data["plan"]["applications"].append({"target": "AE-MOH", "date": "2028-04-01"})
    _import(data, tmp_path)

    mine["apply_2"] = ["1 Feb 2028"]  # AE-DHA's day, moved
    _stale_then_saved(c, url, mine)

    plan = stored_profile()["plan"]
    assert plan["targets"] == ["IN", "AE-DHA", "AE-DOH", "GB", "DE", "AE-MOH"]
    assert plan["applications"] == [
        {"target": "AE-DHA", "date": "2028-02-01"},
        {"target": "DE", "date": "2028-03-01"},
        {"target": "AE-MOH", "date": "2028-04-01"},
    ]


def test_the_identities_are_hidden_and_a_changed_one_matches_nothing(imported):
    c, url = _two_documents(imported)
    page = c.get(url)
    html = page.content.decode()
    mine = sent_back(page)
    for name in ("rows-0-from", "rows-1-from", SHOWN):
        assert re.search(rf'<input type="hidden" name="{name}" value="[^"]*">', html), name
        assert f'id="id_{name}"' not in html and f'for="id_{name}"' not in html
    # Tampered: another row's identity, nonsense, a huge value. No error page: the row
    # shown from the good standing now matches nothing (a new item, no note).
    mine["rows-0-from"] = ["<script>x</script> " + "f" * 5000]
    mine[SHOWN] = ["not-an-identity"]
    response = save_page(c, url, mine)
    assert response.status_code == 302
    # Nothing lost either: the good standing stored is no longer one the page stands
    # for, so it stays, beside the row as typed.
    assert [d for d in _documents() if d["kind"] == "good-standing"] == [
        {"kind": "good-standing", "issued": "2026-09-01", "issuer": NYSED},
        {"kind": "good-standing", "issued": "2026-09-01", "issuer": NYSED, "note": N1},
    ]
    assert {**POLICE, "note": N2} in _documents()
    # Nor does an identity of the right form that names no stored item.
    again = sent_back(c.get(url))
    again["rows-1-from"] = ["0123456789abcdef-0"]
    assert save_page(c, url, again).status_code == 302
    assert [d for d in _documents() if d["kind"] == "police-clearance"] == [
        POLICE,  # the row, a new item
        {**POLICE, "note": N2},  # the stored one, not stood for: it stays
    ]


def test_the_identities_are_kept_through_add_another_and_a_refusal(imported):
    c, url = _two_documents(imported)
    mine = sent_back(c.get(url))
    added = c.post(url, {**mine, "action": ["add"]})
    kept = sent_back(added)
    for name in ("rows-0-from", "rows-1-from", SHOWN, FINGERPRINT):
        assert kept[name] == mine[name], name
    refused = save_page(c, url, {**kept, "rows-2-kind": ["photograph"], "rows-2-issued": ["junk"]})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert f'name="rows-1-from" value="{mine["rows-1-from"][0]}"' in html


def test_a_page_without_identities_is_matched_by_position(imported):
    # A setup's draft typed before pages carried identities: matched as it was shown.
    c, url = _two_documents(imported)
    mine = {
        k: v for k, v in sent_back(c.get(url)).items() if not k.endswith("-from") and k != SHOWN
    }
    mine["rows-1-issuer"] = ["Delhi Police HQ"]
    assert save_page(c, url, {**mine, **as_shown(c.get(url))}).status_code == 302
    assert {**POLICE, "issuer": "Delhi Police HQ", "note": N2} in _documents()


def test_every_step_with_lists_carries_what_it_shows(imported):
    c, pk = imported()
    data = setup_service.profile_data(store.local_account())
    for slug in ("you", "return", "training", "boards", "licences", "work", "visa", "trips"):
        typed = BY_SLUG[slug].typed_from(data, TODAY)
        assert SHOWN in typed, slug
        html = c.get(f"/p/{pk}/profile/{slug}/").content.decode()
        assert f'name="{SHOWN}"' in html, slug
