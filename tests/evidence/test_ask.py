"""The regulator email asks only what is still open for this person, in their own
programmes' words, and lists what to attach."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from msgspec.structs import replace

from tests.helpers import all_packs, profile
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.evidence import ask
from wayhome.core.rules import engine

ON = date(2026, 11, 24)


def email(prof, code: str) -> ask.Email:
    packs = all_packs()
    (a,) = engine.assess(prof, packs, ON, [code]).assessments
    return ask.draft(prof, a, next((p for p in packs if p.code == code), None), ON)


def example(name: str):
    return load_profile(example_path(name))[0]


def test_an_indian_mbbs_graduate_is_not_asked_about_the_screening_exam():
    e = email(example("cardiology-in"), "IN")  # MBBS from India: the FMGE is not theirs
    assert not [q for q in e.questions if "FMGE" in q or "screening" in q.lower()]
    # ...while the time limit on registering their US qualification is still asked
    assert any(q.startswith("Is there any time limit for registering a US") for q in e.questions)
    caribbean = example("cardiology-in").model_copy(
        update={"medical_school": example("cardiology-in").medical_school.model_copy(
            update={"country": "JM"})}
    )  # fmt: skip
    assert any("FMGE" in q for q in email(caribbean, "IN").questions)


def test_programmes_are_named_by_their_own_kind_specialty_institution_and_dates():
    prof = example("cardiology-in")
    training = [
        prof.training[0].model_copy(update={"institution": "Mount Sinai Hospital"}),
        prof.training[1],
    ]
    e = email(prof.model_copy(update={"training": training}), "EG")  # no pack: the guide's
    assert e.subject.startswith(
        "Recognition of my US training (residency in internal medicine, 2018–2021; "
        "fellowship in cardiology, 2021–2024)"
    )
    assert e.questions[:2] == (
        "Is my residency in internal medicine, 2018–2021, recognised as equivalent to "
        "specialist training here, and if so, with what title?",
        "Is my fellowship in cardiology, 2021–2024, recognised, and does it lead to a separate "
        "specialist or subspecialist title?",
    )
    assert "residency in cardiology" not in e.body
    assert (
        "- residency in internal medicine, Mount Sinai Hospital, United States, 1 Jul 2018 to "
        "30 Jun 2021" in e.body
    )
    assert "Is US board certification (ABIM in internal medicine) required" in e.questions[2]
    assert any("J-1 home-residence requirement" in q for q in e.questions)


def test_what_the_pack_settles_is_not_asked_and_what_it_cannot_is():
    e = email(example("do-the-math"), "XX")
    # Exampleland's pack says what US training counts as, which exams, and the windows:
    # only its open question is left (and the teaching years, which are the profile's to add).
    assert e.questions == (
        "Does time spent at home under the J-1 two-year rule count toward consultant experience?",
    )
    assert "1. Does time spent at home under the J-1 two-year rule" in e.body


def test_a_rule_known_only_from_an_informal_source_is_put_to_the_regulator_to_confirm():
    e = email(example("cardiology-in"), "IN")
    (confirm,) = [q for q in e.questions if q.startswith("Maximum age for appointment")]
    assert "an unofficial source (" in confirm
    assert "says the age limit is 70 years; someone aged exactly 70 is" in confirm
    assert confirm.endswith("Is that right, and where is it published?")
    # what you confirmed yourself (a 10-year rule, by phone) is not asked again
    assert not any("years-since-graduation limit" in q for q in e.questions)


def test_it_lists_the_attachments_to_send():
    attached = ask.attachments_for(example("do-the-math"), ON)  # in residency to Jun 2027
    assert attached == [
        "my CV",
        "my medical degree (Exampleland (fictional), 2017)",
        "a letter from my residency programme confirming its dates (residency in internal "
        "medicine, 2024–2027)",
    ]  # the board certificate is not held yet
    cardio = ask.attachments_for(example("cardiology-in"), ON)
    assert "the certificate of completion of my fellowship in cardiology, 2021–2024" in cardio
    assert "my ABIM certificate in internal medicine" in cardio
    assert "my medical licence (US-NY)" in cardio
    e = email(example("cardiology-in"), "IN")
    assert "I attach:\n- my CV\n- my medical degree (India, 2014)\n" in e.body
    assert e.to_json()["attachments"] == list(e.attachments)


def test_with_nothing_open_it_asks_for_confirmation_and_numbers_nothing():
    prof = profile(visa=None, visa_history=[])
    packs = all_packs()
    (a,) = engine.assess(prof, packs, ON, ["XX"]).assessments
    quiet = replace(a, unknowns=())
    e = ask.draft(prof, quiet, next(p for p in packs if p.code == "XX"), ON)
    assert e.questions == ()
    assert "written confirmation that the requirements you publish" in e.body
    assert "\n1. " not in e.body


SURGEON = Path(__file__).parents[1] / "helpers" / "setups" / "green-card-surgeon-brazil.yaml"


def test_pack_questions_are_in_the_physician_s_own_voice():
    e = email(load_profile(SURGEON)[0], "BR")
    assert e.questions
    for q in e.questions:
        assert not re.search(r"\b(you|your|yours)\b", q, re.IGNORECASE), q
    assert (
        "If I pass Revalida's written stage but fail the clinical stage, for how many editions "
        "does the written pass count?" in e.questions
    )
    assert any(q.startswith("Will the CNRM treat my US residency as") for q in e.questions)


def test_pack_questions_ask_only_about_what_the_physician_has():
    # A residency and no fellowship: no fellowship question; the diploma is Bolivian.
    e = email(load_profile(SURGEON)[0], "BR")
    assert not [q for q in e.questions if "fellowship" in q], e.questions
    assert any("my medical diploma from Bolivia" in q for q in e.questions), e.questions
    assert not [q for q in e.questions if "US diploma" in q]
    # A residency and a fellowship: both are asked about.
    ana = profile(
        person={"citizenship": ["BR"]},
        home_country="BR",
        medical_school={"country": "BR", "graduated": "2014-12-12"},
        training=[
            {"kind": "residency", "specialty": "internal-medicine", "country": "US",
             "start": "2018-07-01", "end": "2021-06-30"},
            {"kind": "fellowship", "specialty": "cardiology", "country": "US",
             "start": "2021-07-01", "end": "2024-06-30"},
        ],
        plan={"targets": ["BR"]},
    )  # fmt: skip
    both = email(ana, "BR").questions
    assert any("my US residency or fellowship as the Brazilian residency" in q for q in both)


@pytest.mark.parametrize(
    ("pack_text", "email_text"),
    [
        ("Must you pass the exam?", "Must I pass the exam?"),
        ("Are you exempt? Does it exempt you?", "Am I exempt? Does it exempt me?"),
        ("Whether you are licensed where you were", "Whether I am licensed where I was"),
        ("Your US residency, for yourself", "My US residency, for myself"),
        ("Is a citizen exempt?", "Is a citizen exempt?"),
    ],
)  # fmt: skip
def test_first_person(pack_text, email_text):
    assert ask.first_person(pack_text) == email_text
