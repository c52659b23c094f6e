""" "The regulator told me" page: pick the finding, answer its questions in plain words,
say when and how; no rule-kind name anywhere, and what does not fit is said beside it."""

from datetime import date

import pytest
from django.utils import timezone

from wayhome.adapters.db.models import Correspondence, StoredProfile
from wayhome.core.rules.kinds import KINDS


@pytest.fixture
def page(owner, client_for, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 24))
    user, row = owner
    return client_for(user), row


def no_kind_names(html: str) -> None:
    for kind in KINDS:
        if "_" in kind:  # the others (exam, recognition) are plain words
            assert kind not in html, kind


def test_it_lists_the_findings_to_pick_and_something_else(page):
    c, row = page
    html = c.get(f"/p/{row.pk}/log/told/").content.decode()
    assert "Sit the conversion exam within the window after graduation" in html
    assert "?finding=XX%3Axx-exam-graduation-window" in html
    assert '<option value="XX:+age-limit">An age limit</option>' in html
    assert "OPEN" in html  # the teaching years nobody has counted yet
    no_kind_names(html)
    log = c.get(f"/p/{row.pk}/log/").content.decode()
    assert f"/p/{row.pk}/log/told/" in log


def test_each_topic_asks_in_plain_words_and_names_no_kind(page):
    c, row = page
    for key in ["XX:xx-recognition", "XX:xx-conversion-exam", "XX:xx-documents", "XX:+exam",
                "XX:+procedures", "XX:+time-in-status", "XX:+age-limit"]:  # fmt: skip
        response = c.get(f"/p/{row.pk}/log/told/?finding={key.replace('+', '%2B')}")
        assert response.status_code == 200, key
        no_kind_names(response.content.decode())
    html = c.get(f"/p/{row.pk}/log/told/?finding=XX:xx-recognition").content.decode()
    assert "What does your US residency count as?" in html
    assert '<option value="full_specialist" selected>full specialist recognition</option>' in html
    assert c.get(f"/p/{row.pk}/log/told/?finding=XX:nope").status_code == 404


def test_bad_answers_are_said_beside_their_fields_and_nothing_is_saved(page):
    c, row = page
    before = StoredProfile.objects.get(pk=row.pk).data
    response = c.post(
        f"/p/{row.pk}/log/told/?finding=XX:xx-exam-graduation-window",
        {"v_years": "twelve", "answered": "03/11/2026", "channel": "", "person": "x" * 201},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Years after graduation: give a whole number, in years" in html
    assert "How you were told: choose one" in html
    assert "When you were told: &#x27;03/11/2026&#x27; is not a date: it could be 3 Nov" in html
    assert "Who told you: keep it under 200 characters" in html
    assert "This field is required" not in html and "Input should" not in html
    assert 'value="twelve"' in html  # what was typed, kept
    new = c.post(
        f"/p/{row.pk}/log/told/?finding=XX:%2Bage-limit",
        {"v_age": "45", "answered": "2026-11-03", "channel": "phone"},
    )
    assert new.status_code == 422
    assert "That age itself allowed: choose what they told you" in new.content.decode()
    assert StoredProfile.objects.get(pk=row.pk).data == before
    assert not Correspondence.objects.exists()


def test_good_answers_become_a_confirmed_rule_and_a_logged_answer(page):
    c, row = page
    response = c.post(
        f"/p/{row.pk}/log/told/?finding=XX:%2Bexam",
        {
            "v_name": "Exampleland Language Test",
            "v_purpose": "language",
            "v_sittings": ["3", "9"],
            "v_attempts": "",
            "answered": "3 Nov 2026",
            "channel": "letter",
            "person": "Registrar",
            "said": "A language test in March and September.",
        },
    )
    assert response.status_code == 302 and response.url == f"/p/{row.pk}/targets/XX/"
    (rule,) = StoredProfile.objects.get(pk=row.pk).data["confirmed_rules"]
    assert rule["kind"] == "exam" and rule["name"] == "Exampleland Language Test"
    assert rule["sittings"] == {"months": [3, 9]}
    item = Correspondence.objects.get()
    assert item.channel == "letter" and item.answered == date(2026, 11, 3)
    shown = c.get(f"/p/{row.pk}/log/{item.pk}/").content.decode()
    assert (
        "An exam: exam&#x27;s name: Exampleland Language Test; what it is for: language;" in shown
    )
    no_kind_names(shown)
