"""The readiness checklist of the stored profile, judged on what is stored: the answers
logged in the regulator log, the document records with their steps, the packets marked
sent (services/readiness.py gathers them for planning.plan)."""

from __future__ import annotations

from datetime import date

from wayhome.adapters.db.models import Correspondence, DocumentItem, SentPacket
from wayhome.services import planning
from wayhome.services.source import from_store

ON = date(2026, 11, 24)
DONE = "2026-10-01"


def checklist(user):
    return {i.id: i for i in planning.plan(from_store(user), ON).plan.checklist}


def test_a_written_answer_logged_completes_the_written_word(owner):
    user, _ = owner
    assert not checklist(user)["training-counts"].done
    Correspondence.objects.create(
        owner=user,
        jurisdiction="XX",
        question="Is US residency training in internal medicine recognised as equivalent?",
        channel="email",
        answer="Yes: a full specialist.",
        answered=date(2026, 11, 3),
    )
    Correspondence.objects.create(  # asked, not answered yet: no evidence
        owner=user, jurisdiction="XX", question="Is there an exam, and when?"
    )
    items = checklist(user)
    assert items["training-counts"].done
    assert items["training-counts"].found == ("XX: answered 3 Nov 2026 (email)",)
    assert not items["written-requirements"].done


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
