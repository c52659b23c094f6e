"""Small text helpers of core/common/data: spreadsheet column letters (the case-log reader
names a cell's column with them, the packet a translation's page) and words listed."""

import pytest

from wayhome.core.common.data import in_a_list, letters


@pytest.mark.parametrize(
    ("index", "said"),
    [
        (0, "a"),
        (5, "f"),
        (25, "z"),
        (26, "aa"),
        (27, "ab"),
        (51, "az"),
        (52, "ba"),
        (701, "zz"),
        (702, "aaa"),
        (16383, "xfd"),
    ],
)
def test_columns_are_counted_as_a_spreadsheet_counts_them(index, said):
    assert letters(index) == said


@pytest.mark.parametrize(
    ("words", "said"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_words_are_listed_as_a_sentence_lists_them(words, said):
    assert in_a_list(words) == said


def test_alternatives_are_listed_with_or():
    assert in_a_list(["44950", "44960", "44970"], "or") == "44950, 44960 or 44970"
