"""A page's rows laid over the stored list by the identities the page carries
(services/setup.py: identities, Origins, kept): each row over the stored item it was
shown from wherever that now is, the items the page stood for and no longer has gone,
every other stored item kept; identical items interchangeable."""

from __future__ import annotations

from typing import Any

from wayhome.services.setup import Origins, Rows, Shown, identities, kept, read_identities

OWNS = frozenset({"a"})


def _never(data: Any) -> Shown:
    raise AssertionError("a page that carries identities is not matched by position")


def _rows(items: list[Any], shown: list[frozenset[str]], covers: frozenset[str]) -> Rows:
    return Rows(items, [None] * len(items), OWNS, _never, Origins(shown, covers))


def _ids(items: list[Any]) -> list[str]:
    return identities({"rows": items}, "rows")


A = {"a": 1, "note": "first"}
B = {"a": 2, "note": "second"}
C = {"a": 3, "note": "added elsewhere"}


def test_an_identity_is_the_item_and_its_rank_among_identical_ones():
    ids = _ids([A, B, A])
    assert ids[0] != ids[2] and ids[0].rsplit("-", 1)[0] == ids[2].rsplit("-", 1)[0]
    assert [i.rsplit("-", 1)[1] for i in ids] == ["0", "0", "1"]
    assert _ids([B, A])[1] == ids[0]  # the same item, wherever it is
    # The path is part of it: an item of another list is not this one.
    assert identities({"other": [A]}, "other") != identities({"rows": [A]}, "rows")


def test_rows_follow_their_items_wherever_they_are_now():
    a, b = _ids([A, B])
    now = {"rows": [C, B, A]}  # reordered, and C added elsewhere
    parts = {"rows": _rows([{"a": 10}, {"a": 20}], [frozenset({a}), frozenset({b})], frozenset())}
    assert kept(now, parts)["rows"] == [
        {"a": 10, "note": "first"},
        {"a": 20, "note": "second"},
        C,
    ]


def test_a_row_whose_item_is_gone_is_new_and_takes_nothing():
    a, b = _ids([A, B])
    now = {"rows": [B]}  # A removed elsewhere
    parts = {"rows": _rows([{"a": 1}, {"a": 2}], [frozenset({a}), frozenset({b})], frozenset())}
    assert kept(now, parts)["rows"] == [{"a": 1}, {"a": 2, "note": "second"}]


def test_an_item_the_page_stood_for_without_a_row_goes_one_it_did_not_stays():
    a, b = _ids([A, B])
    now = {"rows": [A, B, C]}
    parts = {"rows": _rows([{"a": 7}], [frozenset()], frozenset({a, b}))}
    assert kept(now, parts)["rows"] == [{"a": 7}, C]


def test_identical_items_one_removed_elsewhere_the_row_left_keeps_its_keys():
    first, second = _ids([A, A])
    now = {"rows": [A]}  # one of the two removed elsewhere; the page removes the other row
    covers = frozenset({first, second})
    parts = {"rows": _rows([{"a": 1}], [frozenset({second})], covers)}
    assert kept(now, parts)["rows"] == [A]


def test_identical_items_a_copy_added_elsewhere_stays():
    first, second = _ids([A, A])
    now = {"rows": [A, A, A]}
    covers = frozenset({first, second})
    parts = {"rows": _rows([{"a": 1}], [frozenset({first})], covers)}  # one row removed
    assert kept(now, parts)["rows"] == [A, A]


def test_an_item_typed_again_that_was_not_shown_stays_once():
    stored = {"rows": ["IN", "GB", "CA", "AU"]}
    ids = identities(stored, "rows")
    parts = {
        "rows": Rows(
            ["IN", "AU"],
            [None, None],
            frozenset(),
            _never,
            Origins([frozenset()] * 2, frozenset(ids[:3])),
        )
    }
    assert kept(stored, parts)["rows"] == ["IN", "AU"]


def test_what_a_page_carries_is_read_and_anything_else_left_out():
    good = _ids([A])[0]
    text = f"{good} nonsense {good} <b>x</b> {'f' * 16}-1234567 {'F' * 16}-0"
    assert read_identities(text) == (good,)
    assert read_identities("") == ()
    assert read_identities("0" * 16 + "-0 " * 20_000)[:1] == ("0" * 16 + "-0",)
