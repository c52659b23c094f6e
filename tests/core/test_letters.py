"""Spreadsheet column letters (core/common/data.letters): the case-log reader names a
cell's column with them, the packet names a translation's page with them."""

import pytest

from wayhome.core.common.data import letters


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
