"""The readiness checklist of the stored profile, judged on what is stored: the answers
logged in the regulator log with the rule each was told against ("the regulator told
me"), the document records with their steps, the packets marked sent
(services/readiness.py gathers them for planning.plan)."""

from __future__ import annotations

from datetime import date

from wayhome.adapters.db.models import Correspondence, DocumentItem, SentPacket
from wayhome.services import planning, regulator_answers
from wayhome.services.source import from_store

ON = date(2026, 11, 24)
DONE = "2026-10-01"


def checklist(user):
    return {i.id: i for i in planning.plan(from_store(user), ON).plan.checklist}


RECOGNITION = "XX:xx-recognition"
SPECIALIST = {
    "residency": "full_specialist",
    "fellowship": "full_specialist",
    "board_certification": "full_specialist",
}


def told(channel: str) -> regulator_answers.Told:
    return regulator_answers.Told(answered=date(2026, 11, 3), channel=channel, said="Yes.")


def test_an_answer_told_in_writing_against_the_finding_completes_the_written_word(owner):
    user, _ = owner
    assert not checklist(user)["training-counts"].done
    regulator_answers.record(user, RECOGNITION, SPECIALIST, told("email"), ON)
    Correspondence.objects.create(  # asked, not answered yet: no evidence
        owner=user, jurisdiction="XX", question="Is there an exam, and when?"
    )
    items = checklist(user)
    assert items["training-counts"].done
    assert items["training-counts"].found == (
        "XX: What US training counts as: answered 3 Nov 2026 (email)",
    )
    assert not items["written-requirements"].done


def test_an_answer_logged_in_the_right_words_but_against_no_rule_is_no_evidence(owner):
    user, _ = owner
    item = Correspondence.objects.create(
        owner=user,
        jurisdiction="XX",
        question="Is US residency training in internal medicine recognised as equivalent?",
        channel="email",
        answer="Yes: a full specialist.",
        answered=date(2026, 11, 3),
    )
    training = checklist(user)["training-counts"]
    assert not training.done
    assert training.missing == ("XX: What US training counts as: no answer logged",)
    # told against the finding, on the same logged question: now it is evidence
    regulator_answers.record(user, RECOGNITION, SPECIALIST, told("letter"), ON, item=item)
    assert checklist(user)["training-counts"].found == (
        "XX: What US training counts as: answered 3 Nov 2026 (letter)",
    )


def test_an_answer_by_phone_asks_for_it_in_writing(owner):
    user, _ = owner
    regulator_answers.record(user, RECOGNITION, SPECIALIST, told("phone"), ON)
    training = checklist(user)["training-counts"]
    assert not training.done
    assert training.missing == (
        "XX: What US training counts as: answered 3 Nov 2026 by phone; ask for it in writing",
    )


def test_a_new_rule_told_in_writing_is_evidenced_by_its_own_answer(owner):
    user, _ = owner
    regulator_answers.record(
        user, "XX:+age-limit", {"age": "45", "inclusive": "no"}, told("email"), ON,
        applies_to="consultant post",
    )  # fmt: skip
    windows = checklist(user)["written-windows"]
    assert "XX: Age limit: consultant post: answered 3 Nov 2026 (email)" in windows.found
    assert "XX: Register within the window after training abroad: no answer logged" in (
        windows.missing
    )
    # an answer told for the exam window settles that rule, and that rule only
    regulator_answers.record(
        user, "XX:xx-exam-graduation-window", {"years": "12"}, told("portal"), ON
    )
    windows = checklist(user)["written-windows"]
    assert (
        "XX: Sit the conversion exam within the window after graduation: "
        "answered 3 Nov 2026 (portal)"
    ) in windows.found
    assert len(windows.missing) == 3


def test_a_record_with_every_step_done_and_a_packet_sent_put_documents_in_hand(owner):
    user, _ = owner
    DocumentItem.objects.create(
        owner=user,
        key="xx-primary-medical-diploma",
        name="Primary medical diploma",
        jurisdiction="XX",
        kind="primary-degree",
        issued=date(2017, 7, 1),
        steps=[{"step": "apostille", "done": DONE}, {"step": "sworn translation", "done": DONE}],
    )
    SentPacket.objects.create(
        owner=user,
        code="XX",
        sent=date(2026, 11, 20),
        contents=[
            {"key": "xx-good", "name": "Good standing", "kind": "good-standing", "files": []}
        ],
    )
    docs = checklist(user)["documents"]
    assert "Primary medical diploma: issued 1 Jul 2017, every step done" in docs.found
    assert any(f.endswith("sent to XX on 20 Nov 2026") for f in docs.found)
    assert "US residency and fellowship certificates: no issue date recorded" in docs.missing
