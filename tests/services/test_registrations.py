""" "I registered for this sitting": one service adds it to the stored profile's
plan.registered (checked by the core's check, in its words), again changes nothing,
undo takes it out, and another account's profile is never touched. A register task
marked done records it too, and undoing the task takes it out."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.accounts import with_profile as make_account
from wayhome.adapters.db import store
from wayhome.core.planner.progress import Mark
from wayhome.core.planner.verdict import verdict
from wayhome.services import planning, registrations
from wayhome.services.profile_edits import ProfileEditError
from wayhome.services.source import from_store

EXAM = "xx-conversion-exam"
ON = date(2026, 12, 5)  # registration for the sitting on 15 Mar 2027 closes on 15 Dec 2026
AFTER = date(2026, 12, 16)
TASK = f"register:XX:{EXAM}:2027-03-15"
SAID = "You registered for Specialist Conversion Examination on 15 Mar 2027"


@pytest.fixture
def me(db):
    return make_account("me")[0]


@pytest.fixture
def other(db):
    return make_account("other")[0]


def entries(user) -> list[dict[str, str]]:
    return store.profile_data(user)["plan"].get("registered", [])


def card_text(user, on: date) -> str:
    planned = planning.plan(from_store(user), on)
    card = verdict(planned.report, planned.plan, planned.profile.targets).cards[0]
    assert card.registration is not None
    return card.registration.text


def test_it_records_once_and_undoes(me, other):
    before_other = store.profile_data(other)
    done = registrations.record(me, EXAM, "2027-03-15", ON)
    assert done.changed and done.text == (
        "Recorded: you registered for Specialist Conversion Examination on 15 Mar 2027; "
        "it stays open to you."
    )
    assert entries(me) == [{"exam": EXAM, "sitting": "2027-03-15"}]
    assert card_text(me, AFTER).startswith(SAID)

    # Again, or by the exam's name: already recorded, nothing added.
    again = registrations.record(me, "Specialist Conversion Examination", "2027-03-15", ON)
    assert not again.changed and again.text.startswith("Already recorded")
    assert entries(me) == [{"exam": EXAM, "sitting": "2027-03-15"}]

    undone = registrations.withdraw(me, "Specialist Conversion Examination", "2027-03-15", ON)
    assert undone.changed and entries(me) == []
    assert "closed on 15 Dec 2026" in card_text(me, AFTER)
    assert not registrations.withdraw(me, EXAM, "2027-03-15", ON).changed
    assert store.profile_data(other) == before_other  # the other account: untouched


@pytest.mark.parametrize(
    ("exam", "sitting", "said"),
    [
        pytest.param(
            EXAM,
            "2027-03-16",
            "Specialist Conversion Examination (XX) has no sitting on 16 Mar 2027",
            id="no-such-sitting",
        ),
        pytest.param(
            "no-such-exam",
            "2027-03-15",
            "No rule pack has an exam called 'no-such-exam'",
            id="exam",
        ),
        pytest.param(
            EXAM,
            "15/03/2027",
            "'15/03/2027' is neither a date nor a month: write a date as `2027-03-15`",
            id="not-a-date",
        ),
    ],
)
def test_it_refuses_what_the_packs_do_not_hold_and_saves_nothing(me, exam, sitting, said):
    before = store.profile_data(me)
    with pytest.raises(ProfileEditError) as e:
        registrations.record(me, exam, sitting, ON)
    # Said as what was typed is refused: no "Your plan, registered 1" nobody wrote.
    assert e.value.messages[0].startswith(said), e.value.messages
    assert store.profile_data(me) == before


def test_a_register_task_done_records_it_and_undo_takes_it_out(me):
    task = planning.mark_task(from_store(me), TASK, Mark.DONE, ON)
    assert task.status.value == "done"
    assert entries(me) == [{"exam": EXAM, "sitting": "2027-03-15"}]
    assert TASK not in {t.id for t in planning.plan(from_store(me), ON).plan.tasks}

    task = planning.mark_task(from_store(me), TASK, None, ON)
    assert task.status.value != "done"
    assert entries(me) == []
    assert TASK not in store.progress_data(me).get("tasks", {})
