"""One wording per concept across the pages (the cardiology-in example): what US
training counts as in the verdict's words on the card and the target's page; one count of
questions that the page's list matches; the log's empty state explains its button; the
documents and packets pages agree that India lists no documents."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.web.markup import html_of, text_of
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import planning, targets
from wayhome.services.assessment import verdict_of
from wayhome.services.source import from_store

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    for where in ("targets", "dashboard", "correspondence", "packets", "documents"):
        monkeypatch.setattr(f"wayhome.web.views.{where}.today", lambda: ON, raising=False)


@pytest.fixture
def cardio(db, client_for):
    user, row = make_account("cardio", "cardiology-in")
    return user, row, client_for(user)


def test_training_counts_as_in_the_verdicts_words_on_both_pages(cardio):
    user, row, c = cardio
    card = next(x for x in verdict_of(planning.plan(from_store(user), ON)).cards if x.code == "IN")
    target = text_of(c.get(reverse("wayhome:target", args=[row.pk, "IN"])))
    dash = text_of(c.get(reverse("wayhome:dashboard", args=[row.pk])))
    assert f"Your US training counts as {card.training}" in target
    assert card.training in dash
    assert "full specialist Latest" not in target


def test_one_count_of_questions_and_the_page_lists_them(cardio):
    user, row, c = cardio
    detail = targets.detail(user, ON, "IN")
    words = detail.questions_words
    assert re.fullmatch(r"\d+ open questions? for your posts \(\d+ in all\)", words), words
    page = html_of(c.get(reverse("wayhome:target", args=[row.pk, "IN"])))
    dash = html_of(c.get(reverse("wayhome:dashboard", args=[row.pk])))
    assert f'data-field="ask-count" title="The drafted email to the regulator">{words}</a>' in dash
    assert words in page
    listed_open = re.search(r'<ul class="ask-open">(.*?)</ul>', page, re.S).group(1)
    listed_more = re.search(r'<ul class="ask-more">(.*?)</ul>', page, re.S).group(1)
    n_open, n_all = map(int, re.findall(r"\d+", words))
    assert listed_open.count("<li>") == n_open == len(detail.card.questions)
    assert listed_open.count("<li>") + listed_more.count("<li>") == n_all


def test_questions_words():
    assert targets.questions_words(3, 9) == "3 open questions for your posts (9 in all)"
    assert targets.questions_words(1, 1) == "1 open question for your posts"
    assert targets.questions_words(0, 2) == "2 questions to ask"


def test_the_log_explains_its_button(cardio):
    _, row, c = cardio
    page = text_of(c.get(reverse("wayhome:log", args=[row.pk])))
    assert "Add the questions Wayhome drafted for India" in page
    assert "No questions logged yet. Press “Add the questions Wayhome drafted for India”" in page
    assert "Questions for IN" not in page


def test_documents_and_packets_agree_that_india_lists_none(cardio):
    _, row, c = cardio
    docs = text_of(c.get(reverse("wayhome:documents", args=[row.pk])))
    packets = text_of(c.get(reverse("wayhome:packets", args=[row.pk]) + "?country=IN"))
    assert "none listed: Its pack has no published list of documents for your case" in docs
    assert "NONE LISTED India: its pack has no published list of documents for your case" in packets
    assert "None of the documents India asks for" not in packets


def make_account(username: str, example: str):
    """An account with an example profile stored (as tests/web/conftest.py makes them)."""
    user = User.objects.create_user(username, password="correct horse battery")
    profile, _ = load_profile(example_path(example))
    return user, StoredProfile.objects.create(owner=user, data=to_data(profile))
