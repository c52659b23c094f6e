"""What the CV claims: nothing dated after the day it is made is shown as held (a board
certification not yet sat, the end of a training period still running), institutions are
named where the profile has them, and places are names in words, never codes. The three
setup personas (tests/helpers/setups.py) as stored, made on 5 Dec 2026."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.setups import REFERENCES
from wayhome.adapters.packs import bundled_packs
from wayhome.adapters.profiles import load_profile
from wayhome.core.cv.document import CV, Entry, build, json_resume

ON = date(2026, 12, 5)


def persona(name: str):
    return load_profile(REFERENCES / f"{name}.yaml")[0]


def made(name: str, code: str, on: date | None = ON) -> CV:
    from wayhome.core.cv.conventions import target_of

    return build(persona(name), None, [], target=target_of(code, bundled_packs()), on=on)


def entries(cv: CV, section: str) -> list[Entry]:
    return [e for s in cv.sections if s.id == section for e in s.entries]


def every_line(cv: CV) -> str:
    return "\n".join(f"{e.title} | {e.detail} | {e.when}" for s in cv.sections for e in s.entries)


def test_a_certification_not_yet_held_is_expected_not_certified():
    cv = made("j1-cardiologist-india", "IN")
    boards = {e.title: e.when for e in entries(cv, "certificates") if e.title.startswith("ABIM")}
    assert boards == {
        "ABIM: internal medicine": "certified 20 Aug 2024",
        "ABIM: cardiovascular disease": "expected Oct 2027",
    }
    assert "15 Oct 2027" not in every_line(cv)


def test_training_still_running_ends_as_expected():
    cv = made("j1-cardiologist-india", "IN")
    spans = [e.when for e in entries(cv, "training")]
    assert spans == ["Jul 2021 to Jun 2024", "Jul 2024 to Jun 2027 (expected)"]


def test_on_the_day_itself_it_is_held():
    cv = made("j1-cardiologist-india", "IN", on=date(2027, 10, 15))
    boards = [e.when for e in entries(cv, "certificates") if "cardiovascular" in e.title]
    assert boards == ["certified 15 Oct 2027"]
    assert entries(cv, "training")[1].when == "Jul 2024 to Jun 2027"


def test_expected_follows_the_targets_date_format():
    cv = made("j1-cardiologist-india", "GB")  # the GMC: DD/MM/YYYY
    assert entries(cv, "training")[0].when == "01/07/2024 to 30/06/2027 (expected)"  # newest first
    assert "expected 15/10/2027" in every_line(cv)


def test_a_post_after_the_day_is_expected():
    profile = persona("green-card-surgeon-brazil")
    later = profile.model_copy(
        update={
            "work": [
                profile.work[0].model_copy(update={"end": date(2027, 8, 31)}),
                profile.work[0].model_copy(
                    update={"role": "consultant", "start": date(2027, 9, 1), "end": None}
                ),
            ]
        }
    )
    cv = build(later, None, [], country="BR", on=ON)
    assert [e.when for e in entries(cv, "work")] == [
        "Jul 2018 to Aug 2027 (expected)",
        "from Sep 2027 (expected)",
    ]


def test_institutions_are_named_beside_the_programme():
    surgeon = made("green-card-surgeon-brazil", "BR")
    assert entries(surgeon, "training") == [
        Entry(
            "Residency in general surgery",
            "Cleveland Clinic, United States",
            "Jul 2013 to Jun 2018",
        )
    ]
    assert entries(surgeon, "work") == [
        Entry(
            "attending surgeon (general surgery)",
            "Cleveland Clinic, United States",
            "Jul 2018 to now",
        )
    ]
    cardiologist = made("j1-cardiologist-india", "IN")
    # A programme named only by its specialty says nothing the title does not.
    assert [e.detail for e in entries(cardiologist, "training")] == [
        "Mount Sinai Hospital, United States",
        "Mount Sinai Hospital, United States",
    ]


def test_a_programme_with_its_own_name_is_kept():
    profile = persona("green-card-surgeon-brazil")
    named = profile.model_copy(
        update={"training": [profile.training[0].model_copy(update={"program": "Halsted Track"})]}
    )
    cv = build(named, None, [], country="BR", on=ON)
    assert entries(cv, "training")[0].detail == "Halsted Track, Cleveland Clinic, United States"


def test_places_are_names_not_codes():
    surgeon = made("green-card-surgeon-brazil", "BR")
    assert [e.title for e in entries(surgeon, "certificates")][-1] == (
        "Medical licence, Ohio, United States"
    )
    assert entries(surgeon, "education")[0].detail == "Bolivia"
    cardiologist = made("j1-cardiologist-india", "IN")
    licences = [e for e in entries(cardiologist, "certificates") if "licence" in e.title]
    assert [(e.title, e.detail) for e in licences] == [
        ("Training licence, New York, United States", ""),
        ("Medical licence, India", "Licence number DMC-48213"),
    ]
    for cv in (surgeon, cardiologist, made("h1b-internist-germany", "DE")):
        lines = every_line(cv)
        for code in (" US ", "| US", ", US", "US-", "| BO", "| IN", "| DE"):
            assert code not in lines + " ", (code, lines)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("US-OH", "Ohio, United States"),
        ("US-DC", "District of Columbia, United States"),
        ("IN", "India"),
        ("AE-DHA", "DHA, United Arab Emirates"),
        ("ZZ-QQ", "ZZ-QQ"),
    ],
)
def test_a_licence_jurisdiction_in_words(code, words):
    from wayhome.core.cv.places import place

    assert place(code) == words


def test_json_resume_names_the_institution_the_specialty_and_the_employer():
    profile = persona("green-card-surgeon-brazil")
    cv = build(profile, None, [], country="BR", on=ON)
    resume = json_resume(cv, profile, [])
    assert resume["education"] == [
        {
            "institution": "Cleveland Clinic",
            "area": "general surgery",
            "studyType": "residency",
            "startDate": "2013-07-01",
            "endDate": "2018-06-30",
        }
    ]
    assert resume["work"] == [
        {
            "name": "Cleveland Clinic",
            "position": "attending surgeon",
            "location": "United States",
            "startDate": "2018-07-01",
        }
    ]


def test_json_resume_says_what_is_expected():
    profile = persona("j1-cardiologist-india")
    cv = build(profile, None, [], country="IN", on=ON)
    resume = json_resume(cv, profile, [])
    assert resume["certificates"] == [
        {"name": "ABIM: internal medicine", "issuer": "ABIM", "date": "2024-08-20"},
        {"name": "ABIM: cardiovascular disease (expected Oct 2027)", "issuer": "ABIM"},
    ]
    fellowship = resume["education"][1]
    assert fellowship["studyType"] == "fellowship (expected to finish Jun 2027)"
    assert fellowship["endDate"] == "2027-06-30"
    assert resume["meta"]["wayhome"]["made"] == "2026-12-05"
