"""Honest readiness: each checklist item names the evidence that completes it and is
done only with it (a written answer logged, a document of the right kind with every step
done, a packet sent, a passed attempt); an item with nothing to evidence it is done by
its ticks, shown as "you marked this done"."""

from __future__ import annotations

from datetime import date

from tests.helpers import all_packs
from tests.helpers.plans import ON
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.common.data import merge
from wayhome.core.planner.checklist import Answer, Evidence, HeldDocument, SentPacket
from wayhome.core.planner.plan import make_plan
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine

RECOGNITION = "Is US residency training in internal medicine recognised as equivalent?"
EXAMS = "Do I need to sit any exams? Which, how often, and when does registration close?"


def items(evidence: Evidence | None = None, prof: Profile | None = None):
    if prof is None:
        prof, _ = load_profile(example_path("do-the-math"))
    packs = all_packs()
    report = engine.assess(prof, packs, ON)
    plan = make_plan(prof, report, packs, guide_template(), ON, None, evidence)
    return {i.id: i for i in plan.checklist}


def _with(prof: Profile, **changes) -> Profile:
    data = prof.model_dump(mode="json", by_alias=True, exclude_none=True)
    return Profile.model_validate(merge(data, changes))


def test_a_written_answer_recorded_against_the_rule_completes_a_written_confirmation():
    answer = Answer("XX", "Anything?", date(2026, 11, 3), channel="email", rule="xx-recognition")
    got = items(Evidence(answers=(answer,)))
    training = got["training-counts"]
    assert training.done and training.done_by == "evidence"
    assert training.found == ("XX: What US training counts as: answered 3 Nov 2026 (email)",)
    assert "in writing" in training.evidence and training.detail.startswith("done: XX")
    # an answer on another rule says nothing of the exams
    assert not got["written-requirements"].done


def test_the_words_of_the_question_are_not_read():
    # Asked in the words the guide uses for recognition, but recorded against no rule.
    words = Answer("XX", RECOGNITION, date(2026, 11, 3), channel="email")
    assert not items(Evidence(answers=(words,)))["training-counts"].done
    # Recorded against the exam, whatever the question said: it is the exam's answer.
    exam = Answer("XX", RECOGNITION, date(2026, 11, 3), channel="letter", rule="xx-conversion-exam")
    got = items(Evidence(answers=(exam,)))
    assert not got["training-counts"].done
    assert got["written-requirements"].found == (
        "XX: Specialist Conversion Examination: answered 3 Nov 2026 (letter)",
    )
    # Another target's answer on a rule of the same id is not this target's.
    other = Answer("IN", EXAMS, date(2026, 11, 3), channel="email", rule="xx-recognition")
    assert not items(Evidence(answers=(other,)))["training-counts"].done


def test_an_answer_by_phone_is_not_a_written_confirmation():
    phone = Answer("XX", RECOGNITION, date(2026, 11, 3), channel="phone", rule="xx-recognition")
    training = items(Evidence(answers=(phone,)))["training-counts"]
    assert not training.done
    assert training.missing == (
        "XX: What US training counts as: answered 3 Nov 2026 by phone; ask for it in writing",
    )
    with_file = Answer(
        "XX", RECOGNITION, date(2026, 11, 3), channel="phone", files=1, rule="xx-recognition"
    )
    assert items(Evidence(answers=(with_file,)))["training-counts"].done


WINDOWS = (
    "xx-exam-graduation-window",
    "xx-recent-practice",
    "xx-recognition-deadline",
    "xx-registration-window",
)


def test_every_deadline_and_limit_of_the_target_needs_its_written_answer():
    one = Answer("XX", "?", date(2026, 11, 3), channel="email", rule=WINDOWS[0])
    windows = items(Evidence(answers=(one,)))["written-windows"]
    assert not windows.done
    assert windows.found == (
        "XX: Sit the conversion exam within the window after graduation: "
        "answered 3 Nov 2026 (email)",
    )
    assert windows.missing == (
        "XX: No long gap in clinical practice before registration: no answer logged",
        "XX: Apply for recognition of specialist training in time: no answer logged",
        "XX: Register within the window after training abroad: no answer logged",
    )
    every = tuple(Answer("XX", "?", date(2026, 11, 3), channel="portal", rule=r) for r in WINDOWS)
    assert items(Evidence(answers=every))["written-windows"].done


def test_a_rule_the_regulator_told_of_needs_the_answer_that_made_it():
    prof, _ = load_profile(example_path("do-the-math"))
    told = _with(
        prof,
        confirmed_rules=[
            {"jurisdiction": "XX", "kind": "max_age", "age": 45, "inclusive": False,
             "applies_to": "consultant post",
             "evidence": {"note": "email", "date": "2026-11-03"}},
        ],
    )  # fmt: skip
    every = tuple(Answer("XX", "?", date(2026, 11, 3), channel="email", rule=r) for r in WINDOWS)
    windows = items(Evidence(answers=every), told)["written-windows"]
    assert windows.missing == ("XX: Age limit: consultant post: no answer logged",)
    made = Answer("XX", "An age limit?", date(2026, 11, 3), channel="email", kind="max_age")
    windows = items(Evidence(answers=(*every, made)), told)["written-windows"]
    assert windows.done
    assert "XX: Age limit: consultant post: answered 3 Nov 2026 (email)" in windows.found
    # an answer that made a rule of another kind is not this one's
    other = Answer("XX", "?", date(2026, 11, 3), channel="email", kind="min_years_experience")
    assert not items(Evidence(answers=(*every, other)), told)["written-windows"].done


def test_a_target_with_no_rule_of_the_kind_needs_an_answer_that_made_one():
    prof, _ = load_profile(example_path("do-the-math"))
    gb = _with(prof, plan={"targets": ["GB"]})  # the GB pack has no deadline or age limit
    assert items(prof=gb)["written-windows"].missing == ("GB: no answer logged",)
    made = Answer("GB", "An age limit?", date(2026, 11, 3), channel="letter", kind="max_age")
    windows = items(Evidence(answers=(made,)), gb)["written-windows"]
    assert windows.done and windows.found == ("GB: answered 3 Nov 2026 (letter)",)
    exam = Answer("GB", "?", date(2026, 11, 3), channel="letter", kind="exam")
    assert not items(Evidence(answers=(exam,)), gb)["written-windows"].done


def test_a_document_is_in_hand_only_with_its_issue_date_and_every_step():
    done = date(2026, 10, 1)
    diploma = HeldDocument(
        "xx-primary-medical-diploma",
        "primary-degree",
        date(2017, 7, 1),
        (("apostille", done), ("sworn translation", None)),
    )
    docs = items(Evidence(documents=(diploma,)))["documents"]
    assert not docs.done
    assert "Primary medical diploma: still to do: sworn translation" in docs.missing
    complete = HeldDocument(
        "held-primary-degree-1",  # another record of the right kind counts too
        "primary-degree",
        date(2017, 7, 1),
        (("Apostille", done), ("sworn  translation", done)),
    )
    got = items(Evidence(documents=(complete,)))
    assert "Primary medical diploma: issued 1 Jul 2017, every step done" in got["documents"].found
    assert "Primary medical diploma: apostille, sworn translation done" in got["translations"].found
    # a profile file has no steps recorded: its diploma is not in hand yet
    prof, _ = load_profile(example_path("do-the-math"))
    held = _with(prof, documents=[{"kind": "primary-degree", "issued": "2017-07-01"}])
    missing = items(prof=held)["documents"].missing
    assert "Primary medical diploma: step not recorded: apostille, sworn translation" in missing


def test_a_packet_sent_puts_its_documents_in_hand():
    sent = SentPacket("XX", date(2027, 1, 10), kinds=("primary-degree", "training-certificate"))
    docs = items(Evidence(packets=(sent,)))["documents"]
    assert "Primary medical diploma: sent to XX on 10 Jan 2027" in docs.found
    assert "US residency and fellowship certificates: sent to XX on 10 Jan 2027" in docs.found
    assert not docs.done  # the good-standing certificate was not in it


def test_exams_are_done_with_a_passed_attempt():
    prof, _ = load_profile(example_path("do-the-math"))
    assert items(prof=prof)["exams"].missing == (
        "Specialist Conversion Examination (XX): no pass recorded",
    )
    passed = _with(prof, exam_attempts=[{"name": "SCE", "date": "2026-10-15", "result": "pass"}])
    exams = items(prof=passed)["exams"]
    assert exams.done and exams.done_by == "evidence"
    assert exams.found == ("Specialist Conversion Examination (XX): passed 15 Oct 2026",)


def test_the_exams_item_says_what_marks_it_done():
    # Its words and its rule agree: a pass marks it done, not a registration or a plan.
    exams = items(prof=load_profile(example_path("do-the-math"))[0])["exams"]
    assert exams.text == "Home exams passed: each exam your target regulators set"
    assert "passed attempt" in exams.evidence
    assert "decision" not in exams.text and "Registered" not in exams.text


def test_the_json_names_the_evidence():
    data = items()["written-windows"].to_json()
    assert data["evidence"].startswith("an answer in writing from each target regulator")
    assert data["done_by"] is None
    assert data["missing"] == [  # each of the XX pack's deadlines and limits, by its title
        "XX: Sit the conversion exam within the window after graduation: no answer logged",
        "XX: No long gap in clinical practice before registration: no answer logged",
        "XX: Apply for recognition of specialist training in time: no answer logged",
        "XX: Register within the window after training abroad: no answer logged",
    ]
