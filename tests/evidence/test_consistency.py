"""The consistency check: names and dates that differ from one document to the next."""

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wayhome.core.evidence.consistency import (
    DATE_FIELDS,
    FIELDS,
    TRAINING,
    Mismatch,
    Reading,
    TrainingPeriod,
    check,
    date_difference,
    name_difference,
    profile_values,
)
from wayhome.core.profile.model import Profile

RESIDENCY = TrainingPeriod("residency, internal medicine", date(2021, 7, 1), date(2024, 6, 30))
FELLOWSHIP = TrainingPeriod("fellowship, cardiology", date(2024, 7, 1), date(2027, 6, 30))
PROFILE: dict[str, Any] = {
    "name": "Anna Kowalska",
    "born": date(1990, 3, 4),
    "graduated": date(2015, 6, 30),
    TRAINING: (RESIDENCY, FELLOWSHIP),
}
RES_SOURCE = "Residency certificate (residency.pdf)"
FEL_SOURCE = "Fellowship certificate (fellowship.pdf)"
DIPLOMA = "Diploma (diploma.pdf)"


def a_profile(**over: Any) -> Profile:
    data: dict[str, Any] = {
        "person": {"name": "Anna Kowalska", "born": "1990-03-04"},
        "home_country": "PL",
        "medical_school": {"country": "PL", "graduated": "2015-06-30"},
        "specialty": "cardiology",
        "training": [
            {
                "kind": "residency",
                "specialty": "internal-medicine",
                "country": "US",
                "start": "2021-07-01",
                "end": "2024-06-30",
            },
            {
                "kind": "fellowship",
                "specialty": "cardiology",
                "country": "US",
                "start": "2024-07-01",
                "end": "2027-06-30",
            },
        ],
        "plan": {"return_date": "2027-09-01", "return_type": "academic"},
    }
    data.update(over)
    return Profile.model_validate(data)


def residency(**dates: date) -> Reading:
    return Reading(RES_SOURCE, "Anna Kowalska", {"training_start": date(2021, 7, 1), **dates})


# --- names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        pytest.param("Anna Kowalska", "Anna Kowalski", "spelling", id="one-letter"),
        pytest.param("Anna Kowalska", "Anna Kowalsky", "spelling", id="one-letter-end"),
        pytest.param("Anna Kowalska", "Kowalska Anna", "order", id="swapped"),
        pytest.param("Anna Kowalska", "Kowalska, Anna", "order", id="family-comma-given"),
        pytest.param("José Pérez", "Jose Perez", "transliteration", id="accents"),
        pytest.param("Hans Müller", "Hans Muller", "transliteration", id="umlaut-dropped"),
        pytest.param("Hans Müller", "Hans Mueller", "transliteration", id="umlaut-as-ue"),
        pytest.param("Nguyễn Thị Lan", "Nguyen Thi Lan", "transliteration", id="vietnamese"),
        pytest.param("Anna Kovalska", "Анна Ковальска", "transliteration", id="cyrillic"),
        pytest.param("Sokratis Papadopoulos", "Σωκράτης Παπαδόπουλος", "transliteration", id="el"),
        pytest.param("Rahul Sharma", "राहुल शर्मा", "transliteration", id="devanagari"),
        pytest.param("Mohammed Ali", "محمد علي", "transliteration", id="arabic"),
        pytest.param("Anna Kowalska", "Ковальска Анна Ивановна", "transliteration", id="patronym"),
        pytest.param("Anna Maria Kowalska", "Anna Kowalska", "middle name", id="middle-missing"),
        pytest.param("Anna Kowalska-Nowak", "Anna Kowalska", "middle name", id="second-family"),
        pytest.param("Anna Kowalska", "Maria Nowak", "different", id="another-person"),
        pytest.param("Ivan Petrov", "Анна Смирнова", "different", id="another-person-cyrillic"),
        pytest.param("Jo Li", "Bo Li", "different", id="short-names-are-not-typos"),
        pytest.param("Anna Kowalska", "Dr. Anna Kowalska, MD", None, id="titles"),
        pytest.param("Anna Kowalska", "Prof. Dr. med. Anna Kowalska M.D., PhD", None, id="all"),
        pytest.param("Anna Kowalska", "  ANNA   kowalska. ", None, id="case-and-spaces"),
        pytest.param("Minh Do", "Dr. Minh Do, D.O.", None, id="do-degree"),
        pytest.param("Minh Do", "Minh", "middle name", id="do-surname-kept"),
    ],
)
def test_it_tells_how_two_names_differ(a, b, kind):
    assert name_difference(a, b) == kind
    assert name_difference(b, a) == kind


def test_it_reports_a_one_letter_difference_side_by_side():
    found = check(PROFILE, [Reading(DIPLOMA, "Anna Kowalski")])

    assert found == [
        Mismatch(
            field="name",
            kind="spelling",
            expected="Anna Kowalska",
            expected_source="your profile",
            found="Anna Kowalski",
            found_source=DIPLOMA,
            why=(
                "One letter differs: ask the issuer to correct it, "
                "or have a 'one and the same person' declaration ready."
            ),
            confirmed=True,
        )
    ]


def test_it_names_each_kind_of_name_difference():
    readings = [
        Reading("1 Swapped", "Kowalska Anna"),
        Reading("2 Cyrillic", "Ковальска Анна"),
        Reading("3 Middle", "Anna Maria Kowalska"),
        Reading("4 Other", "Maria Nowak"),
        Reading("5 Titles", "Dr. Anna Kowalska, MD"),
    ]

    found = check({"name": "Anna Kowalska"}, readings)

    assert [(m.found_source, m.kind, m.found) for m in found] == [
        ("1 Swapped", "order", "Kowalska Anna"),
        ("2 Cyrillic", "transliteration", "Ковальска Анна"),
        ("3 Middle", "middle name", "Anna Maria Kowalska"),
        ("4 Other", "different", "Maria Nowak"),
    ]
    assert {m.expected for m in found} == {"Anna Kowalska"}
    assert found[1].why == (
        "The name is written in another script, with the names in another order and "
        "transliterated differently: have a certified translation that shows both forms, "
        "and a 'one and the same person' declaration ready."
    )


def test_a_document_without_a_holder_is_not_compared_by_name():
    assert check(PROFILE, [Reading(DIPLOMA), Reading("Letter", "   ")]) == []


# --- dates -------------------------------------------------------------------------


def test_it_reports_a_training_end_one_month_off():
    found = check(PROFILE, [residency(training_end=date(2024, 7, 31))])

    assert found == [
        Mismatch(
            field="training_end",
            kind="month",
            expected="30 Jun 2024",
            expected_source="your profile: residency, internal medicine",
            found="31 Jul 2024",
            found_source=RES_SOURCE,
            why=(
                "The month differs (1 month later than your profile): if your training "
                "was extended, ask the programme for a letter giving the dates and the "
                "reason; if not, ask the issuer to correct the document, or correct your "
                "profile if the document is right."
            ),
            confirmed=True,
        )
    ]


def test_it_reports_a_day_off():
    (m,) = check(PROFILE, [residency(training_end=date(2024, 6, 27))])

    assert (m.field, m.kind, m.expected, m.found) == (
        "training_end",
        "day",
        "30 Jun 2024",
        "27 Jun 2024",
    )
    assert m.why == (
        "The day differs (3 days earlier than your profile): ask the issuer to correct "
        "the document, or correct your profile if the document is right."
    )


def test_it_reports_a_year_off_and_how_far():
    (later,) = check(PROFILE, [Reading(DIPLOMA, dates={"graduated": date(2016, 6, 30)})])
    (earlier,) = check(PROFILE, [Reading(DIPLOMA, dates={"graduated": date(2013, 6, 30)})])

    assert (later.field, later.kind, later.expected, later.found) == (
        "graduated",
        "year",
        "30 Jun 2015",
        "30 Jun 2016",
    )
    assert (later.expected_source, later.found_source) == ("your profile", DIPLOMA)
    assert later.why.startswith("The year differs (1 year later than your profile): ")
    assert earlier.why.startswith("The year differs (2 years earlier than your profile): ")


def test_it_points_at_day_and_month_swapped():
    (m,) = check(PROFILE, [Reading("Passport", dates={"born": date(1990, 4, 3)})])

    assert (m.field, m.kind, m.expected, m.found) == ("born", "month", "4 Mar 1990", "3 Apr 1990")
    assert m.why == (
        "The month differs (30 days later than your profile), as if day and month were "
        "swapped (the US writes the month first): ask the issuer to correct the "
        "document, or correct your profile if the document is right."
    )


@pytest.mark.parametrize(
    ("expected", "found", "kind"),
    [
        pytest.param(date(2024, 6, 30), date(2024, 6, 30), None, id="same"),
        pytest.param(date(2024, 6, 30), date(2024, 6, 1), "day", id="day"),
        pytest.param(date(2024, 6, 30), date(2024, 7, 31), "month", id="month"),
        pytest.param(date(2024, 6, 30), date(2024, 1, 30), "month", id="months"),
        pytest.param(date(2023, 12, 31), date(2024, 1, 1), "year", id="new-year"),
        pytest.param(date(2024, 6, 30), date(2025, 6, 30), "year", id="year"),
    ],
)
def test_it_tells_how_two_dates_differ(expected, found, kind):
    assert date_difference(expected, found) == kind


def test_a_fellowship_certificate_is_compared_with_the_fellowship():
    fellowship = Reading(
        FEL_SOURCE,
        "Anna Kowalska",
        {"training_start": date(2024, 7, 1), "training_end": date(2027, 6, 15)},
    )
    on_time = residency(training_end=date(2024, 6, 30))

    found = check(PROFILE, [fellowship, on_time])

    assert [(m.field, m.kind, m.expected, m.expected_source, m.found_source) for m in found] == [
        ("training_end", "day", "30 Jun 2027", "your profile: fellowship, cardiology", FEL_SOURCE)
    ]


def test_a_document_with_both_dates_stays_with_its_period_when_one_is_wrong():
    # The end is nearest the residency's, but the start and end together fit the fellowship.
    fellowship = Reading(
        FEL_SOURCE, dates={"training_start": date(2024, 7, 1), "training_end": date(2024, 6, 30)}
    )

    (m,) = check(PROFILE, [fellowship])

    assert (m.field, m.kind, m.expected, m.expected_source, m.found) == (
        "training_end",
        "year",
        "30 Jun 2027",
        "your profile: fellowship, cardiology",
        "30 Jun 2024",
    )


def test_an_earlier_training_end_asks_whether_training_ended_early():
    (m,) = check(PROFILE, [residency(training_end=date(2024, 5, 15))])

    assert (m.kind, m.expected, m.found) == ("month", "30 Jun 2024", "15 May 2024")
    assert m.why.startswith(
        "The month differs (1 month and 15 days earlier than your profile): "
        "if your training ended early, ask the programme for a letter"
    )


def test_a_single_training_date_is_compared_with_the_nearest_period():
    (m,) = check(PROFILE, [Reading("Letter", dates={"training_start": date(2024, 8, 1)})])

    assert (m.kind, m.expected, m.expected_source) == (
        "month",
        "1 Jul 2024",
        "your profile: fellowship, cardiology",
    )
    assert m.why.startswith(
        "The month differs (1 month later than your profile): if your training started late, "
    )


def test_a_field_only_in_documents_is_compared_with_the_first_document():
    readings = [
        Reading("A Birth certificate", dates={"born": date(1990, 3, 4)}),
        Reading("B Diploma", dates={"born": date(1990, 3, 4)}),
        Reading("C Residency certificate", dates={"born": date(1990, 3, 5)}),
    ]

    (m,) = check({"name": "Anna Kowalska"}, readings)

    assert (m.field, m.kind, m.expected, m.expected_source, m.found, m.found_source) == (
        "born",
        "day",
        "4 Mar 1990",
        "A Birth certificate",
        "5 Mar 1990",
        "C Residency certificate",
    )
    assert m.why == (
        "The day differs (1 day later than A Birth certificate): find out which date is "
        "right and ask the issuer of the other document to correct it."
    )


def test_a_name_only_in_documents_is_compared_with_the_first_document():
    readings = [Reading("Diploma", "Anna Kowalska"), Reading("Letter", "Anna Kowalski")]

    (m,) = check({}, readings)

    assert (m.kind, m.expected, m.expected_source, m.found, m.found_source) == (
        "spelling",
        "Anna Kowalska",
        "Diploma",
        "Anna Kowalski",
        "Letter",
    )


def test_a_checked_document_is_the_reference_before_an_unchecked_one():
    readings = [
        Reading("A Scan", dates={"graduated": date(2015, 8, 30)}, confirmed=False),
        Reading("B Diploma", dates={"graduated": date(2015, 6, 30)}),
    ]

    (m,) = check({}, readings)

    assert (m.expected, m.expected_source, m.found, m.found_source, m.confirmed) == (
        "30 Jun 2015",
        "B Diploma",
        "30 Aug 2015",
        "A Scan",
        False,
    )


def test_training_dates_without_profile_periods_follow_the_first_document():
    readings = [
        Reading("A", dates={"training_end": date(2024, 6, 30)}),
        Reading("B", dates={"training_end": date(2024, 6, 30)}),
        Reading("C", dates={"training_end": date(2024, 7, 31)}),
    ]

    (m,) = check({"name": "Anna Kowalska"}, readings)

    assert (m.field, m.kind, m.expected_source, m.found_source) == (
        "training_end",
        "month",
        "A",
        "C",
    )


def test_a_single_training_date_in_the_profile_values_wins_over_the_periods():
    values = {**PROFILE, "training_end": date(2024, 6, 30)}

    (m,) = check(values, [Reading(FEL_SOURCE, dates={"training_end": date(2027, 6, 30)})])

    assert (m.kind, m.expected, m.expected_source) == ("year", "30 Jun 2024", "your profile")


# --- confirmation, agreement and order ---------------------------------------------


def test_it_flags_values_read_by_ocr_and_not_checked():
    ocr = Reading(
        "Scan (scan.jpg)",
        "Anna Kowalski",
        {"graduated": date(2015, 7, 30)},
        confirmed=False,
    )

    found = check(PROFILE, [ocr])

    assert [(m.field, m.confirmed) for m in found] == [("name", False), ("graduated", False)]


def test_a_mismatch_against_an_unchecked_reference_is_unconfirmed():
    readings = [
        Reading("A Scan", "Anna Kowalska", confirmed=False),
        Reading("B Scan", "Anna Kowalski", confirmed=False),
    ]

    (m,) = check({}, readings)

    assert (m.expected_source, m.found_source, m.confirmed) == ("A Scan", "B Scan", False)


def test_it_finds_nothing_when_everything_agrees():
    readings = [
        Reading(DIPLOMA, "Dr. Anna Kowalska", {"graduated": date(2015, 6, 30)}),
        residency(training_end=date(2024, 6, 30)),
        Reading(
            FEL_SOURCE,
            "ANNA KOWALSKA, MD",
            {"training_start": date(2024, 7, 1), "training_end": date(2027, 6, 30)},
        ),
        Reading("Passport", "Anna Kowalska", {"born": date(1990, 3, 4)}, confirmed=False),
    ]

    assert check(PROFILE, readings) == []
    assert check(profile_values(a_profile()), readings) == []


def test_it_sorts_by_field_then_source():
    readings = [
        Reading("B", "Anna Kowalski", {"training_end": date(2024, 7, 31)}),
        Reading("A", "Kowalska Anna", {"born": date(1991, 3, 4), "training_end": date(2024, 6, 1)}),
        Reading("C", dates={"graduated": date(2015, 6, 1)}),
    ]

    found = check(PROFILE, readings)

    assert [(m.field, m.found_source) for m in found] == [
        ("name", "A"),
        ("name", "B"),
        ("born", "A"),
        ("graduated", "C"),
        ("training_end", "A"),
        ("training_end", "B"),
    ]


# --- the profile and the readings --------------------------------------------------


def test_it_reads_the_profile_values_with_one_period_per_training():
    assert profile_values(a_profile()) == PROFILE


def test_it_leaves_out_what_the_profile_does_not_hold_and_adds_the_internship():
    prof = a_profile(
        person={"name": "Anna Kowalska"},
        medical_school={
            "country": "PL",
            "internship": {"start": "2015-10-01", "end": "2016-09-30"},
        },
        training=[],
    )

    assert profile_values(prof) == {
        "name": "Anna Kowalska",
        TRAINING: (
            TrainingPeriod("internship, medical school", date(2015, 10, 1), date(2016, 9, 30)),
        ),
    }


def test_two_periods_with_the_same_label_are_told_apart_by_their_years():
    period = {"kind": "residency", "specialty": "surgery", "country": "US"}
    prof = a_profile(
        training=[
            {**period, "start": "2019-07-01", "end": "2020-06-30"},
            {**period, "start": "2020-07-01", "end": "2024-06-30"},
        ]
    )

    labels = [p.label for p in profile_values(prof)[TRAINING]]

    # "surgery" is the ABS certificate's name for general surgery (the shared list's slug)
    assert labels == [
        "residency, general surgery (2019–2020)",
        "residency, general surgery (2020–2024)",
    ]


def test_a_reading_rejects_an_unknown_date_field():
    with pytest.raises(ValueError, match="unknown date field"):
        Reading(DIPLOMA, dates={"graduation": date(2015, 6, 30)})


def test_a_reading_takes_a_datetime_as_its_date():
    reading = Reading(DIPLOMA, dates={"graduated": datetime(2015, 6, 30, 12, 0)})

    assert reading.dates == {"graduated": date(2015, 6, 30)}
    assert check(PROFILE, [reading]) == []


# --- properties --------------------------------------------------------------------

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))
names = st.text(max_size=40) | st.sampled_from(
    ["Anna Kowalska", "Kowalska Anna", "Ковальска Анна", "Dr. José Pérez, MD", "محمد علي"]
)


@st.composite
def periods(draw: st.DrawFn) -> TrainingPeriod:
    start, end = sorted((draw(days), draw(days)))
    return TrainingPeriod(draw(st.text(max_size=20)), start, end)


readings = st.builds(
    Reading,
    source=st.text(max_size=20),
    holder=st.none() | names,
    dates=st.dictionaries(st.sampled_from(DATE_FIELDS), days),
    confirmed=st.booleans(),
)
values = st.fixed_dictionaries(
    {},
    optional={
        "name": names,
        "born": days,
        "graduated": days,
        TRAINING: st.lists(periods(), max_size=3).map(tuple),
    },
)


@given(names)
def test_a_name_is_always_the_same_as_itself(name):
    assert name_difference(name, name) is None


@given(names, names)
def test_name_difference_does_not_depend_on_the_order_of_the_two(a, b):
    assert name_difference(a, b) == name_difference(b, a)


@settings(max_examples=200)
@given(values, st.lists(readings, max_size=5))
def test_check_never_raises_and_sorts_its_answer(profile_vals, docs):
    found = check(profile_vals, docs)

    keys = [(FIELDS.index(m.field), m.found_source) for m in found]
    assert keys == sorted(keys)
    assert all(m.expected != m.found or m.field == "name" for m in found)


@given(values)
def test_documents_that_copy_the_profile_give_nothing(profile_vals):
    copy: dict[str, date] = {f: profile_vals[f] for f in ("born", "graduated") if f in profile_vals}
    docs = [Reading("Copy", profile_vals.get("name"), copy)]
    docs += [
        Reading(p.label, dates={"training_start": p.start, "training_end": p.end})
        for p in profile_vals.get(TRAINING, ())
    ]

    assert check(profile_vals, docs) == []
