"""A target's page (/p/<pk>/targets/<code>/): the detail behind its card on the dashboard,
for the owner only; and the packs pages."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.web.markup import html_of
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import planning, targets
from wayhome.services.source import from_store

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("wayhome.web.views.targets.today", lambda: ON)


def text(response) -> str:
    """The page's words, as a person reads them (tags out, entities decoded)."""
    body = re.sub(r"<[^>]+>", " ", html_of(response))
    return " ".join(html.unescape(body).split())


def page(client, pk: int, code: str):
    return client.get(reverse("wayhome:target", args=[pk, code]))


def test_it_shows_every_finding_with_its_arithmetic_and_source(owner, client_for):
    user, stored = owner
    c = client_for(user)
    report = planning.plan(from_store(user), ON).report
    assert len(report.assessments) == 2  # XX and the US visa rules
    for a in report.assessments:
        r = page(c, stored.pk, a.jurisdiction)
        assert r.status_code == 200
        words = text(r)
        assert f"{a.jurisdiction} · {a.name}" in words
        for f in a.findings:
            assert f.title in words
            assert " ".join(f.explanation.split()) in words
            assert f.source.title in words
        for q in a.unknowns:
            assert q.question in words


def test_the_home_target_says_what_sets_each_date(owner, client_for):
    user, stored = owner
    words = text(page(client_for(user), stored.pk, "xx"))  # any case
    assert "Latest safe return 15 Mar 2027" in words
    assert "Set by: Sit the conversion exam within the window after graduation" in words
    assert "Earliest return 20 Aug 2029" in words
    assert "Set by: Years after certification before a consultant post" in words
    assert "Posts you seek consultant, faculty" in words
    assert "Exampleland Medical Council" in words  # the email's regulator


def test_exams_show_their_sittings_and_attempts(owner, client_for):
    user, stored = owner
    words = text(page(client_for(user), stored.pk, "XX"))
    assert "Specialist Conversion Examination TO SIT" in words
    assert "Next sittings 15 Mar 2027, 13 Sep 2027, Mar 2028, Sep 2028" in words
    assert "Your sitting Sep 2028" in words
    assert "Registration closes 1 Jun 2028" in words
    assert "Attempts at most 3; 0 used, 3 left" in words


def test_documents_show_their_validity(owner, client_for):
    user, stored = owner
    words = text(page(client_for(user), stored.pk, "XX"))
    assert "MISSING Primary medical diploma" in words
    assert "Ask for a new one by 1 May 2028." in words
    assert "UNKNOWN Final evaluation letters with exact start and end dates" in words


def test_rules_for_other_posts_have_their_own_section(db, client_for):
    """A consultant only: India's age limit for teaching posts is shown apart."""
    user = User.objects.create_user("consultant", password="correct horse battery")
    prof = load_profile(example_path("cardiology-in"))[0]
    prof = prof.model_copy(update={"plan": prof.plan.model_copy(update={"posts": ["consultant"]})})
    stored = StoredProfile.objects.create(owner=user, data=to_data(prof))
    body = page(client_for(user), stored.pk, "IN").content.decode()
    other = body.split('id="other-h"', 1)[1]
    assert "Rules for posts you do not seek" in body
    assert "Maximum age for appointment as a teacher" in other
    sought = body.split('id="findings-h"', 1)[1].split('id="other-h"', 1)[0]
    assert "Maximum age for appointment as a teacher" not in sought


def test_the_visa_page_has_the_visa_tasks_and_no_email(owner, client_for):
    user, stored = owner
    r = page(client_for(user), stored.pk, "US")
    words = text(r)
    assert "J-1: the last day in the US" in words  # a visa task with no target of its own
    assert "The email to" not in words
    assert r.context["t"].visa


def test_the_service_refuses_a_target_the_plan_has_not(owner):
    user, _ = owner
    with pytest.raises(targets.UnknownTargetError):
        targets.detail(user, ON, "IN")


def test_an_unknown_target_is_404(owner, client_for):
    user, stored = owner
    assert page(client_for(user), stored.pk, "ZZ").status_code == 404


def test_another_accounts_target_is_404(owner, stranger, client_for):
    _, stored = owner
    other, _ = stranger
    assert page(client_for(other), stored.pk, "XX").status_code == 404


def test_a_post_of_no_action_it_takes_changes_nothing(owner, client_for):
    # The page takes a POST only for "I registered" and its Undo (an exam's row).
    user, stored = owner
    before = type(stored).objects.get(pk=stored.pk).data
    r = client_for(user).post(reverse("wayhome:target", args=[stored.pk, "XX"]), follow=True)
    assert "That is not something this page does." in r.content.decode()
    assert type(stored).objects.get(pk=stored.pk).data == before
