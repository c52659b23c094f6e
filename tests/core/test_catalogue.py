"""The one table of packs: a row per pack (core/rules/catalogue.py)."""

from datetime import date

from wayhome.adapters.packs import bundled_dir, load_pack, scenario_count
from wayhome.core.rules.catalogue import pack_row
from wayhome.services import packs as pack_service

XX = load_pack(bundled_dir() / "XX")


def test_it_counts_the_sources_by_grade_and_finds_the_oldest():
    row = pack_row(XX, 26)
    assert row.grades == (("regulator", 6), ("secondary", 0), ("informal", 1))
    assert row.oldest_source == date(2008, 5, 1)
    assert row.oldest_source_title.startswith("Registration guide for doctors trained abroad")
    assert row.undated_sources == 2
    assert row.scenario_tests == 26


def test_it_lists_each_open_question_of_the_rules_and_the_pack():
    row = pack_row(XX)
    ids = [q.id for q in row.open_questions]
    assert ids == ["xx-senior-public-post@2015-03-01", "xx-j1-time-counts"]
    rule_q = row.open_questions[0]
    assert rule_q.rule == "xx-senior-public-post" and rule_q.since == "from 1 Mar 2015"
    assert rule_q.question.startswith("How many years of service")


def test_a_value_no_longer_in_force_is_not_an_open_question():
    de = load_pack(bundled_dir() / "DE")
    labels = [q.id for q in pack_row(de).open_questions]
    # the Kenntnisprüfung before the Recognition Act of 1 Apr 2012: history, not a question
    assert "de-kenntnispruefung@origin" not in labels
    assert "de-kenntnispruefung@2012-04-01" in labels


def test_a_repealed_rule_leaves_no_question():
    ng = load_pack(bundled_dir() / "NG")
    assert not [q for q in pack_row(ng).open_questions if q.rule == "ng-attachment"]


def test_scenario_tests_are_counted_from_tests_yaml(tmp_path):
    assert scenario_count(tmp_path) is None
    (tmp_path / "tests.yaml").write_text(
        "base: {}\ncases: [{name: a}, {name: b}]\nend_to_end: [{name: c}]\n", encoding="utf-8"
    )
    assert scenario_count(tmp_path) == 3


def test_the_service_gives_every_bundled_pack_a_row_with_its_tests():
    rows = {r.code: r for r in pack_service.table()}
    assert {"US", "XX"} <= set(rows)
    assert all(r.scenario_tests and r.scenario_tests >= 1 for r in rows.values())
    assert rows["XX"].to_json()["grades"] == {"regulator": 6, "secondary": 0, "informal": 1}
