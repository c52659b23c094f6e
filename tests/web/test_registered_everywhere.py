"""One answer everywhere: a physician records "I registered" for the sitting on
15 Mar 2027 in the web app (the register task's button on the dashboard, or the exam's
row of the target's page) or with `wayhome task registered`; the day after its
registration closed, the dashboard's card and `wayhome assess` on the stored profile say
the same "You registered for ...", and Undo (or --undo) takes it out again."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone
from django.utils.html import escape

from tests.helpers.accounts import with_profile as make_account
from tests.helpers.cli import flatten, run
from tests.web.markup import html_of
from wayhome.adapters.db import store
from wayhome.adapters.profiles import example_path
from wayhome.services import profile_store

TASK = "register:XX:xx-conversion-exam:2027-03-15"
ON, AFTER = "2026-12-05", "2026-12-16"  # registration closes on 15 Dec 2026
SAID = (
    "You registered for Specialist Conversion Examination on 15 Mar 2027: it is the last "
    "sitting by 29 Jun 2027, and your latest safe return hangs on it."
)


def _today(monkeypatch, day: str) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(day))


def _card_registration(client, pk: int) -> str:
    page = html_of(client.get(f"/p/{pk}/"))
    found = re.search(r'<dd data-field="registration"[^>]*>([^<]*)</dd>', page)
    assert found is not None
    return " ".join(found.group(1).split())


def test_the_web_and_the_cli_record_it_and_say_the_same(client_for, monkeypatch, db):
    # The web: "I registered" on the register task, then the card the day after it closed.
    user, row = make_account("web")
    client = client_for(user)
    _today(monkeypatch, ON)
    page = html_of(client.get(f"/p/{row.pk}/"))
    assert "I registered: Register for Specialist Conversion Examination" in page
    client.post(f"/p/{row.pk}/tasks/{TASK}/", {"action": "done"})
    _today(monkeypatch, AFTER)
    web = _card_registration(client, row.pk)
    assert web == SAID

    # The CLI on the stored profile: the same words from `wayhome assess`.
    profile_store.import_file(store.local_account(), example_path("do-the-math"))
    done = run("task", "registered", "xx-conversion-exam", "15 Mar 2027", "--on", ON)
    assert done.exit_code == 0, done.output
    assert "Recorded: you registered for Specialist Conversion Examination on 15 Mar 2027" in (
        done.output
    )
    assessed = flatten(run("assess", "--on", AFTER, columns=200).output)
    assert web in assessed

    # Undo in both: the card and assess say registration closed again.
    target = html_of(client.get(f"/p/{row.pk}/targets/XX/"))
    assert 'value="unregistered"' in target
    client.post(
        f"/p/{row.pk}/targets/XX/",
        {"action": "unregistered", "exam": "xx-conversion-exam", "sitting": "2027-03-15"},
    )
    assert "closed on 15 Dec 2026" in _card_registration(client, row.pk)
    assert run("task", "registered", "xx-conversion-exam", "2027-03-15", "--undo").exit_code == 0
    assert "closed on 15 Dec 2026" in flatten(run("assess", "--on", AFTER, columns=200).output)


@pytest.mark.parametrize("action", ["registered", "unregistered"])
def test_a_stranger_cannot_record_it_on_another_profile(client_for, db, action):
    _, row = make_account("owner")
    stranger, _ = make_account("stranger")
    before = store.profile_data(row.owner)
    posted = {"action": action, "exam": "xx-conversion-exam", "sitting": "2027-03-15"}
    response = client_for(stranger).post(f"/p/{row.pk}/targets/XX/", posted)
    assert response.status_code == 404
    assert store.profile_data(row.owner) == before


@pytest.mark.parametrize(
    ("exam", "sitting", "said"),
    [
        (
            "xx-conversion-exam",
            "2027-03-16",
            "Specialist Conversion Examination (XX) has no sitting on 16 Mar 2027: the "
            "sittings it knows within a year of it are Sep 2026, 15 Mar 2027, 13 Sep 2027 "
            "and Mar 2028 (write a date as its pack does, `2027-03-15`, or a month for a "
            "sitting known by month, `2028-09`; `wayhome packs show XX` lists them)",
        ),
        ("Nope", "2027-03-15", "No rule pack has an exam called 'Nope'; the exams known are:"),
        (
            "xx-conversion-exam",
            "2027-13",
            "'2027-13' is neither a date nor a month: write a date as `2027-03-15`",
        ),
    ],
    ids=["no-such-sitting", "unknown-exam", "not-a-month"],
)
def test_a_refusal_is_said_without_a_profile_entry_nobody_wrote(
    client_for, db, exam, sitting, said
):
    """The CLI and the target page refuse in the same words, without the label of the
    profile entry it would have become ("Your plan, registered 1, sitting: ...")."""
    profile_store.import_file(store.local_account(), example_path("do-the-math"))
    result = run("task", "registered", exam, sitting)
    assert result.exit_code == 2
    cli = flatten(result.output)
    assert cli.startswith(said) and "registered 1" not in cli, cli

    user, row = make_account("web")
    posted = {"action": "registered", "exam": exam, "sitting": sitting}
    page = html_of(client_for(user).post(f"/p/{row.pk}/targets/XX/", posted, follow=True))
    assert escape(cli) in " ".join(page.split())
    assert "registered 1" not in page


def test_once_the_sitting_has_passed_both_ask_for_its_result(client_for, monkeypatch, db):
    """The day after the sitting, with no attempt at it entered, the card and `wayhome
    assess` say it has passed and to enter its result; on its day, that you registered."""
    user, row = make_account("web")
    client = client_for(user)
    posted = {"action": "registered", "exam": "xx-conversion-exam", "sitting": "2027-03-15"}
    client.post(f"/p/{row.pk}/targets/XX/", posted)
    profile_store.import_file(store.local_account(), example_path("do-the-math"))
    assert run("task", "registered", "xx-conversion-exam", "2027-03-15").exit_code == 0

    passed = (
        "You registered for Specialist Conversion Examination on 15 Mar 2027, and that "
        "sitting has passed: enter its result (pass, fail, or pending until it is out) under "
        "&quot;Exams you have taken&quot; on your profile, or in exam_attempts in a profile "
        "file, so the plan counts it."
    )
    for day, said in (
        ("2027-03-15", "it is the last sitting by 29 Jun 2027"),
        ("2027-03-16", passed),
    ):
        _today(monkeypatch, day)
        web = _card_registration(client, row.pk)
        assert said in web, web
        assessed = flatten(run("assess", "--on", day, columns=200).output)
        assert web.replace("&quot;", '"') in assessed
