"""A page's parts laid over the stored profile keep what the page does not own
(services/setup.py: Owned, Rows, kept): a kept row keeps its other keys, matched by its
position on the page as shown; a row removed goes; a new row keeps nothing; what the
page did not show stays."""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.adapters.db import store
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import setup
from wayhome.services.setup import Owned, Rows, Shown, kept

ON = date(2026, 11, 24)
STORED: dict[str, Any] = {
    "school": {"country": "IN", "name": "Old name", "motto": "kept"},
    "rows": [
        {"a": 1, "extra": "first"},
        {"a": 2, "extra": "second"},
        {"a": 3, "extra": "third"},
        {"a": 4, "extra": "not shown"},
    ],
}


def _shown_first_three(data: Any) -> Shown:
    return Shown([0, 1, 2], frozenset({0, 1, 2}))


def _rows(items: list[Any], rows: list[int | None]) -> Rows:
    return Rows(items, rows, frozenset({"a"}), _shown_first_three)


def test_a_mapping_keeps_the_keys_the_page_does_not_own():
    school = Owned({"country": "IN", "name": "New name"}, frozenset({"country", "name", "city"}))
    assert kept(STORED, {"school": school}) == {
        "school": {"country": "IN", "name": "New name", "motto": "kept"}
    }
    cleared = Owned({"country": "IN"}, frozenset({"country", "name"}))
    assert kept(STORED, {"school": cleared})["school"] == {"country": "IN", "motto": "kept"}


def test_rows_kept_changed_removed_and_added():
    # Row 0 changed, row 1 removed, row 2 kept, a new row 3: by position as shown.
    parts = {"rows": _rows([{"a": 10}, {"a": 3}, {"a": 5}], [0, 2, 3])}
    assert kept(STORED, parts)["rows"] == [
        {"a": 10, "extra": "first"},
        {"a": 3, "extra": "third"},
        {"a": 5},
        {"a": 4, "extra": "not shown"},  # never on the page: it stays
    ]


def test_a_key_the_page_owns_and_no_longer_gives_is_gone():
    rows = Rows([{}], [0], frozenset({"a", "extra"}), _shown_first_three)
    assert kept(STORED, {"rows": rows})["rows"] == [{}, {"a": 4, "extra": "not shown"}]


def test_an_item_the_page_makes_itself_keeps_nothing():
    assert kept(STORED, {"rows": _rows([{"a": 7}], [None])})["rows"] == [
        {"a": 7},
        {"a": 4, "extra": "not shown"},
    ]


def test_plain_values_not_shown_stay_once():
    stored = {"person": {"citizenship": ["IN", "GB", "CA", "AU"]}}
    shown = Rows(
        ["IN", "AU"], [None, None], frozenset(), lambda d: Shown(range(3), frozenset({0, 1, 2}))
    )
    assert kept(stored, {"person.citizenship": shown}) == {"person.citizenship": ["IN", "AU"]}


def test_other_parts_pass_as_they_are():
    assert kept(STORED, {"plan.return_date": "2028-07-01", "visa": None}) == {
        "plan.return_date": "2028-07-01",
        "visa": None,
    }


def test_a_section_saved_keeps_an_earlier_statuss_extension(db):
    owner = store.local_account()
    profile, _ = load_profile(example_path("cardiology-in"))
    data = to_data(profile)
    data["visa_history"][0]["board_exam_extension"] = {"exam": "2024-10"}
    store.save_profile(owner, data)
    row = {"type": "J-1", "start": "2018-06-20", "end": "2024-06-15"}
    history = Rows(
        [row], [0], frozenset({"type", "start", "end"}), lambda d: Shown([0], frozenset({0}))
    )
    setup.save_section(owner, {"visa_history": history}, ON)
    assert store.profile_data(owner)["visa_history"] == [
        {**row, "board_exam_extension": {"exam": "2024-10"}}
    ]
