"""The board exam a J-1 stays for (visa.board_exam_extension), asked on the US status
step: its day, or its month when that is all that is known; kept in the stored profile
through the step's save, shown again as typed, and read by `wayhome visa`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.helpers import BASE
from tests.helpers.cli import run
from tests.helpers.setups import PERSONAS, TODAY, reference, stored
from tests.helpers.web import as_shown
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile
from wayhome.core.common.data import merge

# A J-1 resident whose programme ends 30 Jun 2026 (the DS-2019's end).
J1: dict[str, Any] = merge(
    BASE,
    {
        "training": [
            {
                "kind": "residency",
                "specialty": "internal-medicine",
                "country": "US",
                "start": "2023-07-01",
                "end": "2026-06-30",
            }
        ],
        "visa": {"type": "J-1", "start": "2023-06-20", "end": "2026-06-30"},
        "plan": {"return_date": "2026-10-31"},
    },
)
# The step's answers for that visa, as the page posts them (no earlier status).
POSTED = {
    "visa_type": "J-1",
    "visa_start": "20 Jun 2023",
    "visa_end": "30 Jun 2026",
    "rows-TOTAL_FORMS": "0",
    "rows-INITIAL_FORMS": "0",
    "action": "save",
}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def page(db) -> tuple[Client, str]:
    """A signed-in physician with the J-1 profile stored, and the URL of the US status
    page of their profile."""
    owner = store.local_account()
    store.save_profile(owner, J1)
    c = Client()
    c.force_login(owner)
    return c, f"/p/{StoredProfile.objects.get(owner=owner).pk}/profile/visa/"


def _stored() -> dict[str, Any]:
    return StoredProfile.objects.get(owner=store.local_account()).data


def _save(c: Client, url: str, posted: dict[str, str]):
    """``posted`` sent from the page as it is shown now (with what it was shown from)."""
    return c.post(url, {**as_shown(c.get(url)), **posted})


def _field(html: str) -> str:
    """The board exam's input element."""
    return html.split('name="board_exam"', 1)[1].split(">", 1)[0]


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("2026-10", "2026-10", "Oct 2026"),
        ("Oct 2026", "2026-10", "Oct 2026"),
        ("2026-10-14", "2026-10-14", "14 Oct 2026"),
        ("14 Oct 2026", "2026-10-14", "14 Oct 2026"),
    ],
)
def test_the_exam_is_taken_as_a_day_or_a_month_and_shown_again(page, typed, stored, shown):
    c, url = page
    assert 'name="board_exam"' in c.get(url).content.decode()  # asked of a J-1
    assert _save(c, url, {**POSTED, "board_exam": typed}).status_code == 302
    visa = _stored()["visa"]
    assert visa == {**J1["visa"], "board_exam_extension": {"exam": stored}}
    assert f'value="{shown}"' in _field(c.get(url).content.decode())


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "10/2026",
            "'10/2026' is not a month: numbers with a slash or a dot are read differently. "
            "Write it as Jun 2024 or 2024-06.",
        ),
        (
            "03/06/2024",
            "'03/06/2024' is not a date: it could be 3 Jun 2024 or 6 Mar 2024. "
            "Write it as 3 Jun 2024 or 2024-06-03.",
        ),
    ],
    ids=["month-with-a-slash", "day-with-slashes"],
)
def test_numbers_with_slashes_are_refused_beside_the_field_and_nothing_is_saved(page, typed, said):
    c, url = page
    before = _stored()
    response = _save(c, url, {**POSTED, "board_exam": typed})
    assert response.status_code == 422
    assert response.context["bound"].form.errors["board_exam"] == [said]
    assert f'value="{typed}"' in _field(response.content.decode())  # kept as typed
    assert _stored() == before


def test_clearing_the_exam_removes_the_extension(page):
    c, url = page
    _save(c, url, {**POSTED, "board_exam": "Oct 2026"})
    assert "board_exam_extension" in _stored()["visa"]
    assert _save(c, url, {**POSTED, "board_exam": ""}).status_code == 302
    assert _stored()["visa"] == J1["visa"]
    assert 'value="' not in _field(c.get(url).content.decode())


@pytest.fixture
def data_dir(db, settings, tmp_path):
    """A data folder of the test's own, for the command line."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


def _grace() -> dict[str, Any]:
    """The J-1's last day in the US, as `wayhome visa --json` gives it for the stored
    profile."""
    result = run("visa", "--on", "2026-07-15", "--json")
    assert result.exit_code == 0, result.output
    return next(c for c in json.loads(result.output) if c["id"] == "j1-grace")


@pytest.mark.parametrize(
    ("typed", "last_day", "said"),
    [
        ("Oct 2026", "2026-10-31", "extended for the board exam to 31 Oct 2026"),
        ("14 Oct 2026", "2026-10-14", "extended for the board exam to 14 Oct 2026"),
    ],
)
def test_wayhome_visa_reads_the_extension_saved_on_the_page(page, data_dir, typed, last_day, said):
    c, url = page
    assert _grace()["last_day"] == "2026-07-30"  # 30 days, no extension
    assert _save(c, url, {**POSTED, "board_exam": typed}).status_code == 302
    grace = _grace()
    assert grace["last_day"] == grace["date"] == last_day
    assert said in grace["explanation"]
    assert "allowed to 31 Dec 2026, 6 months after the programme" in grace["explanation"]


def test_another_status_is_not_asked_and_what_it_sends_is_ignored(page):
    c, url = page
    _save(c, url, {**POSTED, "board_exam": "Oct 2026"})
    h1b = {**POSTED, "visa_type": "H-1B", "board_exam": "10/2026"}  # not even checked
    assert _save(c, url, h1b).status_code == 302
    assert _stored()["visa"] == {**J1["visa"], "type": "H-1B"}  # the J-1's extension went
    assert 'name="board_exam"' not in c.get(url).content.decode()
    assert _save(c, url, {**h1b, "board_exam": "Oct 2026"}).status_code == 302
    assert "board_exam_extension" not in _stored()["visa"]


def test_the_setup_keeps_it_in_the_profile_it_saves_at_the_end(db):
    c = Client()
    c.force_login(store.local_account())
    for answer in PERSONAS["j1-cardiologist-india"]:  # DS-2019 to 30 Jun 2027
        posted = answer.post() | ({"board_exam": "Oct 2027"} if answer.step == "visa" else {})
        assert c.post(f"/setup/{answer.step}/", posted).status_code == 302, answer.step
    expected = reference("j1-cardiologist-india")
    expected["visa"]["board_exam_extension"] = {"exam": "2027-10"}
    assert stored(store.local_account()) == expected


def test_the_setup_asks_it_before_a_status_is_chosen_and_checks_it_as_typed(db):
    c = Client()
    c.force_login(store.local_account())
    field = _field(c.get("/setup/visa/").content.decode())
    assert 'hx-get="/setup/check/"' in field and "day-or-month" in field
    said = c.get("/setup/check/?kind=day-or-month&board_exam=Oct%202026").content.decode()
    assert said == "Read as Oct 2026, the month only."
    said = c.get("/setup/check/?kind=day-or-month&board_exam=14%20Oct%202026").content.decode()
    assert said == "Read as Wednesday 14 Oct 2026."
