"""The correspondence log: ask, attach the reply, confirm the rule, see the plan change."""

from datetime import date

import pytest
from django.utils import timezone

from tests.helpers.cfb import outlook_message
from tests.helpers.web import open_vault
from wayhome.adapters.db.models import Correspondence, Evidence
from wayhome.adapters.packs import bundled_packs
from wayhome.core.evidence import ask
from wayhome.core.rules import engine
from wayhome.services import correspondence
from wayhome.services import vault as vault_service
from wayhome.services.source import from_store

PASS = "correct horse battery staple"
REPLY = (
    b"From: Registration Office <registration@council.example>\r\n"
    b"To: sam@example.org\r\nSubject: Re: conversion exam window\r\n"
    b"Date: Tue, 3 Nov 2026 09:12:00 +0000\r\nMessage-ID: <abc123@council.example>\r\n"
    b"Authentication-Results: mx.example.org; dkim=pass header.d=council.example\r\n"
    b"\r\nDear Dr Example, the window is 12 years from graduation.\r\n"
)
ON = date(2026, 11, 24)


@pytest.fixture
def on(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)
    return ON


@pytest.fixture
def vault(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return vault_service.open_vault(PASS, create=True)


def _window(user):
    report = engine.assess(from_store(user).profile, list(bundled_packs()), ON, ["XX"])
    return next(f for f in report.assessments[0].findings if f.rule == "xx-exam-graduation-window")


def test_the_guides_questions_are_seeded_once(owner):
    user, _ = owner
    added = correspondence.seed(user, "XX", ON)
    profile = from_store(user).profile
    report = engine.assess(profile, list(bundled_packs()), ON, ["XX"])
    xx = next(p for p in bundled_packs() if p.code == "XX")
    expected = list(dict.fromkeys(ask.draft(profile, report.assessments[0], xx, ON).questions))
    assert added == len(expected)
    assert correspondence.seed(user, "XX", ON) == 0
    questions = list(Correspondence.objects.filter(owner=user).values_list("question", flat=True))
    assert questions == expected
    assert any("J-1 two-year rule" in q for q in questions)  # the pack's open question


def test_an_answer_with_its_email_becomes_a_confirmed_rule(owner, vault):
    user, _ = owner
    item = Correspondence.objects.create(
        owner=user,
        jurisdiction="XX",
        question="How long is the exam window?",
        channel="email",
        person="Registration Office",
        answer="12 years from graduation",
        answered=date(2026, 11, 3),
    )
    result = correspondence.attach(user, item, vault, "reply.eml", REPLY)
    assert result.status == "stored"
    evidence = Evidence.objects.get(correspondence=item)
    assert evidence.headers["subject"] == "Re: conversion exam window"
    assert evidence.headers["message-id"] == "<abc123@council.example>"
    assert evidence.headers["authentication_results"] == [
        "mx.example.org; dkim=pass header.d=council.example"
    ]


def test_an_unanswered_question_is_a_reminder_after_21_days(owner, client_for, on):
    user, row = owner
    Correspondence.objects.create(
        owner=user, jurisdiction="XX", question="Any deadline?", asked=date(2026, 10, 1)
    )
    Correspondence.objects.create(
        owner=user, jurisdiction="XX", question="Fresh one", asked=date(2026, 11, 20)
    )
    assert [c.question for c in correspondence.overdue(user, ON)] == ["Any deadline?"]
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    assert "no answer for over 21 days to \u201cAny deadline?\u201d" in page


def test_the_log_pages_walk_through_the_flow(owner, client_for, vault, on):
    user, row = owner
    c = client_for(user)
    assert c.post(f"/p/{row.pk}/log/", {"seed": "XX"}).status_code == 302
    item = Correspondence.objects.filter(owner=user).first()
    url = f"/p/{row.pk}/log/{item.pk}/"
    c.post(
        url,
        {"action": "answer", "channel": "email", "answer": "12 years", "answered": "2026-11-03"},
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("reply.eml", REPLY, content_type="message/rfc822")
    locked = c.post(url, {"action": "evidence", "file": upload})
    assert locked.status_code == 422 and "the vault is locked: unlock it" in locked.content.decode()
    page = c.get(url).content.decode()
    assert 'name="passphrase"' not in page and "unlock the vault</a>" in page
    open_vault(c)
    upload.seek(0)
    assert c.post(url, {"action": "evidence", "file": upload}).status_code == 302
    page = c.get(url).content.decode()
    assert "reply.eml" in page and "dkim=pass" in page
    told = f"/p/{row.pk}/log/told/?question={item.pk}&finding=XX:xx-exam-graduation-window"
    assert f"/p/{row.pk}/log/told/?question={item.pk}" in page  # the way there
    form = c.get(told).content.decode()
    assert "How many years after you graduated may you still sit the" in form
    assert "12 years</textarea>" in form  # what was logged, ready to confirm
    response = c.post(told, {"v_years": "12", "answered": "2026-11-03", "channel": "email"})
    assert response.status_code == 302 and response.url == f"/p/{row.pk}/targets/XX/"
    target = c.get(response.url).content.decode()
    assert "CONFIRMED BY YOU" in target
    page = c.get(url).content.decode()
    assert "This answer is a confirmed rule in your profile: Sit the conversion exam" in page
    assert "years after graduation: 12 years." in page
    bad = c.post(
        url,
        {
            "action": "evidence",
            "file": SimpleUploadedFile("x.zip", b"PK\x03\x04junk"),
        },
    )
    assert bad.status_code == 422 and b"zip archive" in bad.content


def test_an_outlook_reply_keeps_its_internet_headers(owner, client_for, vault):
    user, row = owner
    item = Correspondence.objects.create(
        owner=user, jurisdiction="XX", question="How long is the exam window?", channel="email"
    )
    reply = outlook_message({0x0037: "Re: conversion exam window", 0x007D: REPLY.decode()})
    result = correspondence.attach(user, item, vault, "reply.msg", reply)
    assert result.status == "stored"
    evidence = Evidence.objects.get(correspondence=item)
    assert evidence.vault_file.media_type == "application/vnd.ms-outlook"
    assert evidence.headers["from"] == "Registration Office <registration@council.example>"
    assert evidence.headers["authentication_results"] == [
        "mx.example.org; dkim=pass header.d=council.example"
    ]
    page = client_for(user).get(f"/p/{row.pk}/log/{item.pk}/").content.decode()
    assert "reply.msg" in page and "dkim=pass" in page


def test_a_post_with_no_action_is_refused_in_words_on_the_question_page(owner, client_for):
    user, row = owner
    c = client_for(user)
    assert c.post(f"/p/{row.pk}/log/", {"seed": "XX"}).status_code == 302
    item = Correspondence.objects.filter(owner=user).first()
    for data in ({}, {"action": "nonsense"}):
        answer = c.post(f"/p/{row.pk}/log/{item.pk}/", data)
        assert answer.status_code == 422
        assert "That is not something this page does." in answer.content.decode()
