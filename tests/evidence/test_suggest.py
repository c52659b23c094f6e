"""Suggestions from a document's text: each keyword family, US dates, and honest silence."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wayhome.core.evidence.suggest import Found, Suggestions, suggest

TODAY = date(2026, 1, 1)
NOTHING = Suggestions(None, None, None, None, None, None, ())


def _value(found: Found | None) -> date | str | None:
    return None if found is None else found.value


def _facts(text: str) -> dict[str, date | str | None]:
    s = suggest(text, today=TODAY)
    return {
        "issued": _value(s.issued),
        "expires": _value(s.expires),
        "holder": _value(s.holder),
        "graduated": _value(s.graduated),
        "training_start": _value(s.training_start),
        "training_end": _value(s.training_end),
    }


def _only(**facts: date | str) -> dict[str, date | str | None]:
    empty: dict[str, date | str | None] = dict.fromkeys(
        ("issued", "expires", "holder", "graduated", "training_start", "training_end")
    )
    return empty | facts


LETTER = """Memorial Hospital
Department of Medicine

Date: March 3, 2025

To whom it may concern,

This is to certify that Dr. Anna Kowalska completed residency in Internal Medicine
from July 1, 2021 to June 30, 2024. She graduated from the Medical University of
Warsaw on June 30, 2014.
"""


def test_a_completion_letter_gives_its_date_holder_and_training():
    s = suggest(LETTER, today=TODAY)
    assert s.issued == Found(date(2025, 3, 3), "Date: March 3, 2025")
    assert s.holder == Found(
        "Anna Kowalska",
        "This is to certify that Dr. Anna Kowalska completed residency in Internal Medicine",
    )
    assert s.training_start == Found(
        date(2021, 7, 1),
        "from July 1, 2021 to June 30, 2024. She graduated from the Medical University of",
    )
    assert s.training_end is not None and s.training_end.value == date(2024, 6, 30)
    # the keyword is on the line above, so the evidence shows both lines
    assert s.graduated == Found(
        date(2014, 6, 30),
        "from July 1, 2021 to June 30, 2024. She graduated from the Medical University of "
        "Warsaw on June 30, 2014.",
    )
    assert s.expires is None
    assert [d.value for d in s.dates] == [
        date(2025, 3, 3),
        date(2021, 7, 1),
        date(2024, 6, 30),
        date(2014, 6, 30),
    ]


def test_nothing_found_is_all_none():
    assert suggest("", today=TODAY) == NOTHING
    assert suggest("Dear colleague, thank you for your letter.", today=TODAY) == NOTHING


# --- The letter's date --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Date: March 3, 2025",
        "Issued on 3 March 2025",
        "This letter, dated March 3, 2025, confirms the above.",
        "Date of issue: 03/03/2025",
        "Issue date: 2025-03-03",
        "Boston, MA\nMarch 3, 2025\n\nDear Colleague,",
    ],
)
def test_the_letters_own_date(text: str):
    assert _facts(text) == _only(issued=date(2025, 3, 3))


def test_a_date_alone_in_the_letterhead_shows_the_line_above_as_evidence():
    s = suggest("Boston, MA\nMarch 3, 2025\n\nDear Colleague,", today=TODAY)
    assert s.issued == Found(date(2025, 3, 3), "Boston, MA March 3, 2025")


def test_a_birth_date_at_the_top_is_not_taken_for_the_letters_date():
    text = "Re: Dr. Anna Kowalska, born May 12, 1988\nDear Colleague,"
    assert _facts(text) == _only()
    assert _facts("Date of birth: 05/12/1988") == _only()


def test_a_date_deep_in_the_letter_is_not_its_date_without_a_keyword():
    text = "\n".join(f"Line {i} of the letter." for i in range(12)) + "\nMarch 3, 2025"
    assert _facts(text) == _only()


# --- Expiry -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "This certificate is valid until June 30, 2026.",
        "This certificate expires on June 30, 2026.",
        "Expiry date: 30 June 2026",
        "Expiration Date: 06/30/2026",
        "Licence valid through Jun. 30, 2026",
    ],
)
def test_expiry(text: str):
    assert _facts(text) == _only(expires=date(2026, 6, 30))


def test_expiry_date_is_not_read_as_the_letters_date():
    text = "Date: March 3, 2025\nExpiry date: March 2, 2027"
    assert _facts(text) == _only(issued=date(2025, 3, 3), expires=date(2027, 3, 2))


def test_a_validity_range_gives_its_end_as_expiry_and_no_training():
    text = "This licence is valid from March 3, 2025 to March 2, 2027."
    assert _facts(text) == _only(expires=date(2027, 3, 2))


def test_issued_and_expiry_on_one_line():
    text = "Issued on 03/04/2025 and valid until Dec. 12, 2030"
    s = suggest(text, today=TODAY)
    assert s.issued == Found(date(2025, 3, 4), text, ambiguous=True)
    assert s.expires == Found(date(2030, 12, 12), text)


# --- The holder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("This is to certify that Dr. Anna Kowalska completed residency", "Anna Kowalska"),
        ("We hereby certify that Anna Kowalska, M.D., has completed", "Anna Kowalska"),
        ("This letter confirms that Dr. Anna M. Kowalska was a resident", "Anna M. Kowalska"),
        ("Name: Anna Kowalska MD", "Anna Kowalska"),
        ("Resident name: Anna Kowalska-Nowak", "Anna Kowalska-Nowak"),
        ("Name of physician: Jan van der Berg\nDate of birth: 05/12/1988", "Jan van der Berg"),
        ("This award is presented to Dr. Seán O'Brien.", "Seán O'Brien"),
        ("The certificate is awarded to Anna Kowalska for", "Anna Kowalska"),
        ("The University confers upon ANNA MARIA KOWALSKA the degree", "Anna Maria Kowalska"),
        ("This is to certify that\nANNA KOWALSKA\nhas satisfactorily completed", "Anna Kowalska"),
        ("This is to certify that Dr. Anna\nKowalska has completed", "Anna Kowalska"),
    ],
)
def test_the_holder_without_titles_or_degrees(text: str, name: str):
    assert _facts(text) == _only(holder=name)


def test_the_holder_line_is_the_evidence():
    found = suggest("Ref. 12\nName: Anna Kowalska MD\nProgramme: Surgery", today=TODAY).holder
    assert found == Found("Anna Kowalska", "Name: Anna Kowalska MD")


@pytest.mark.parametrize(
    "text",
    [
        "This is to certify that the above-named physician completed",
        "Name: Kowalska",
        "Program Name: Internal Medicine Residency",
        "We confirm that all documents were received.",
        "The degree was conferred upon June 30, 2014.",
    ],
)
def test_no_holder_when_no_name_follows(text: str):
    assert suggest(text, today=TODAY).holder is None


# --- Graduation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "She graduated on June 30, 2014 with honours.",
        "Dr. Kowalska graduated in medicine on 30 June 2014.",
        "The degree of Doctor of Medicine was conferred on June 30, 2014.",
        "Date of graduation: 30.06.2014",
        "Date of graduation:\n30.06.2014",
        "Graduation date: 2014-06-30",
    ],
)
def test_graduation(text: str):
    assert _facts(text) == _only(graduated=date(2014, 6, 30))


def test_a_label_on_the_line_above_is_part_of_the_evidence():
    found = suggest("Date of graduation:\n30.06.2014", today=TODAY).graduated
    assert found == Found(date(2014, 6, 30), "Date of graduation: 30.06.2014")


# --- Training -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Kowalska trained here from July 1, 2021 to June 30, 2024.",
        "She completed the programme between July 1, 2021 and June 30, 2024.",
        "completed residency in Internal Medicine from July 1, 2021 to\nJune 30, 2024.",
        "Dates of training: 07/01/2021 – 06/30/2024",
        "Residency: July 1, 2021 through June 30, 2024",
        "Start date: 07/01/2021\nEnd date: 06/30/2024",
        "Date of commencement: 1 July 2021\nCompletion date: 30 June 2024",
        "She started on July 1, 2021 and completed the programme on June 30, 2024.",
    ],
)
def test_training_period(text: str):
    assert _facts(text) == _only(training_start=date(2021, 7, 1), training_end=date(2024, 6, 30))


def test_consecutive_training_years_read_as_one_period():
    text = (
        "PGY-1: July 1, 2021 - June 30, 2022\n"
        "PGY-2: July 1, 2022 - June 30, 2023\n"
        "PGY-3: July 1, 2023 - June 30, 2024"
    )
    s = suggest(text, today=TODAY)
    assert s.training_start == Found(date(2021, 7, 1), "PGY-1: July 1, 2021 - June 30, 2022")
    assert s.training_end == Found(date(2024, 6, 30), "PGY-3: July 1, 2023 - June 30, 2024")


def test_separate_training_periods_are_left_to_the_physician():
    text = (
        "Internship from July 1, 2015 to June 30, 2016.\n"
        "Residency from July 1, 2021 to June 30, 2024."
    )
    assert _facts(text) == _only()
    assert len(suggest(text, today=TODAY).dates) == 4


def test_a_backwards_range_is_not_a_period():
    assert _facts("from June 30, 2024 to July 1, 2021") == _only()


# --- Reading dates ------------------------------------------------------------------------


def test_numeric_dates_are_month_first_and_marked_ambiguous_when_they_could_be_either():
    s = suggest("Date: 03/04/2025", today=TODAY)
    assert s.issued == Found(date(2025, 3, 4), "Date: 03/04/2025", ambiguous=True)
    assert suggest("Date: 04.03.2025", today=TODAY).dates == (
        Found(date(2025, 4, 3), "Date: 04.03.2025", ambiguous=True),
    )


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("06/30/2024", date(2024, 6, 30)),  # US month first: only one reading
        ("30.06.2014", date(2014, 6, 30)),  # day first, as it must be
        ("30/06/2014", date(2014, 6, 30)),
        ("12/12/2024", date(2024, 12, 12)),  # both readings are the same day
        ("2021-07-01", date(2021, 7, 1)),  # ISO is never ambiguous
        ("01-Jul-2021", date(2021, 7, 1)),
        ("the 1st day of July, 2021", date(2021, 7, 1)),
        ("Sept. 1, 2021", date(2021, 9, 1)),
        ("JUNE 30TH, 2024", date(2024, 6, 30)),
    ],
)
def test_unambiguous_dates(text: str, when: date):
    assert suggest(f"Seen on {text}.", today=TODAY).dates == (Found(when, f"Seen on {text}."),)


@pytest.mark.parametrize(
    "text",
    [
        "March 3, 1899",  # before 1940
        "March 3, 2099",  # more than 30 years ahead
        "13/13/2024",  # no such month
        "February 30, 2024",
        "in 2014",  # no day
        "June 2014",
        "the 3 of the 4 2025",
        "Invoice 2024-0630-17",
        "version 1.2.3",
        "tomorrow",
    ],
)
def test_not_full_dates_or_absurd_years_are_ignored(text: str):
    assert suggest(f"Expires: {text}", today=TODAY) == NOTHING


def test_dates_are_in_text_order_and_long_lines_are_trimmed_around_them():
    line = "x" * 200 + " valid until June 30, 2026 " + "y" * 200
    s = suggest("Date: March 3, 2025\n" + line, today=TODAY)
    assert [d.value for d in s.dates] == [date(2025, 3, 3), date(2026, 6, 30)]
    assert s.expires is not None
    assert "June 30, 2026" in s.expires.line
    assert s.expires.line.startswith("…") and s.expires.line.endswith("…")
    assert len(s.expires.line) == 122


def test_every_date_of_a_five_page_letter_is_found():
    paragraph = (
        "During the rotation on {m} {d}, 20{y} the resident saw 14 patients in clinic 3,\n"
        "presented at grand rounds and covered 2 nights of call with the senior fellow.\n"
    )
    pages = "".join(
        paragraph.format(m=month, d=day, y=year)
        for year in range(10, 15)
        for month in ("January", "March", "May", "July", "September", "November")
        for day in (2, 11, 19, 27)
    )
    assert len(pages) > 15_000  # five pages of text
    s = suggest(LETTER + pages, today=TODAY)  # its speed: bench/bench_evidence.py
    assert len(s.dates) == 4 + 120
    assert s.issued is not None and s.issued.value == date(2025, 3, 3)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_suggest_never_raises_on_any_text(text: str):
    s = suggest(text)
    assert all(len(f.line) <= 122 for f in s.dates)


WORDS = st.sampled_from(
    [
        "Date:", "valid", "until", "from", "to", "and", "between", "graduated", "on", "Name:",
        "certify", "that", "Dr.", "Anna", "KOWALSKA", "M.D.", ",", "\n", "\n\n", "March",
        "Sept.", "3,", "2025", "12/31/2024", "03/04/25", "30.06.2014", "2021-07-01", "1st",
        "of", "July", "expires", "-", "–", "born", "conferred", "upon", "van", "the",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_suggest_never_raises_on_date_like_word_salad(text: str):
    s = suggest(text, today=TODAY)
    for found in (s.issued, s.expires, s.graduated, s.training_start, s.training_end):
        assert found is None or found in s.dates
    if s.training_start and s.training_end:
        assert isinstance(s.training_start.value, date)
        assert isinstance(s.training_end.value, date)
        assert s.training_start.value < s.training_end.value
    assert s.holder is None or len(str(s.holder.value).split()) >= 2
