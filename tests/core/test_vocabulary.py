"""One vocabulary of titles, degrees and roles: reading a letter and comparing names
across documents strip the same words, written the ways people write them."""

from __future__ import annotations

from datetime import date

import pytest

from wayhome.core.common.vocabulary import (
    DEGREES,
    TITLES,
    TITLES_NEED_DOT,
    Role,
    is_degree,
    is_title,
)
from wayhome.core.evidence.consistency import name_difference
from wayhome.core.evidence.suggest import suggest

NAME = "Anna Kowalska"


def _holder(text: str) -> str | None:
    found = suggest(text, today=date(2026, 1, 1)).holder
    return None if found is None else found.value


def _written(word: str) -> list[str]:
    """How a word is written on paper: as is, capitalised, upper case, with a dot."""
    return [word, word.capitalize(), word.upper(), word.capitalize() + "."]


@pytest.mark.parametrize("title", sorted(TITLES - TITLES_NEED_DOT))
def test_every_title_is_stripped_by_both_readers(title: str):
    for written in _written(title):
        assert name_difference(f"{written} {NAME}", NAME) is None, written
        letter = f"This is to certify that {written} {NAME} completed residency training."
        assert _holder(letter) == NAME, written


@pytest.mark.parametrize("degree", sorted(DEGREES))
def test_every_degree_is_stripped_by_both_readers(degree: str):
    dotted = ".".join(degree.upper()) + "."
    for written in [degree.upper(), dotted]:
        assert name_difference(f"{NAME}, {written}", NAME) is None, written
        assert name_difference(f"{NAME} {written}", NAME) is None, written
        letter = f"This is to certify that {NAME} {written} completed residency training."
        assert _holder(letter) == NAME, written


def test_do_is_a_degree_only_with_dots_or_after_a_comma():
    # Đỗ is written Do: "Minh Do" is a name, "Minh Do, DO" a name and a degree.
    assert is_degree("D.O.") and is_degree("DO", after_comma=True)
    assert not is_degree("Do")
    assert name_difference("Minh Do", "Minh") is not None
    assert name_difference("Minh Do, DO", "Minh Do") is None
    assert name_difference("Minh Do D.O.", "Minh Do") is None
    assert _holder("This is to certify that Minh Do completed residency training.") == "Minh Do"
    assert _holder("This is to certify that Minh Do D.O. completed residency.") == "Minh Do"


def test_a_title_that_is_also_a_given_name_needs_its_dot():
    # Lek is an Albanian given name; "lek." the Polish physician's title.
    assert is_title("lek.") and not is_title("Lek")
    assert name_difference("lek. Anna Nowak", "Anna Nowak") is None
    assert name_difference("Lek Hoxha", "Hoxha") is not None
    assert _holder("This is to certify that Lek Hoxha completed residency.") == "Lek Hoxha"
    assert _holder("This is to certify that lek. Anna Nowak completed residency.") == "Anna Nowak"


def test_a_titles_second_word_goes_with_it():
    assert name_difference("Dr. med. Anna Kowalska", NAME) is None
    assert name_difference("Dr.med. Anna Kowalska", NAME) is None
    assert _holder(f"This is to certify that Dr. med. {NAME} completed residency.") == NAME


def test_roles_are_one_enum_named_alike_everywhere():
    assert [r.value for r in Role] == ["performed", "assisted", "observed", "unknown"]
