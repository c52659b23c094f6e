"""The per-target page and the packs pages answer, for the owner only."""

from __future__ import annotations

import pytest
from django.urls import reverse


def test_target_page_shows_the_target(owner, client_for):
    user, stored = owner
    c = client_for(user)
    r = c.get(reverse("wayhome:dashboard", args=[stored.pk]))
    assert r.status_code == 200
    codes = [a.jurisdiction for a in r.context["d"].report.assessments]
    assert codes
    for code in codes:
        page = c.get(reverse("wayhome:target", args=[stored.pk, code]))
        assert page.status_code == 200
        assert page.context["a"].jurisdiction == code


def test_unknown_target_is_404(owner, client_for):
    user, stored = owner
    r = client_for(user).get(reverse("wayhome:target", args=[stored.pk, "ZZ"]))
    assert r.status_code == 404


def test_another_accounts_target_is_404(owner, stranger, client_for):
    _, stored = owner
    other, _ = stranger
    r = client_for(other).get(reverse("wayhome:target", args=[stored.pk, "IN"]))
    assert r.status_code == 404


@pytest.mark.django_db
def test_packs_pages_answer(owner, client_for):
    user, _ = owner
    c = client_for(user)
    r = c.get(reverse("wayhome:packs"))
    assert r.status_code == 200
    rows = r.context["rows"]
    assert rows
    for row in rows:
        assert c.get(reverse("wayhome:pack", args=[row.code])).status_code == 200
    assert c.get(reverse("wayhome:pack", args=["NOPE"])).status_code == 404
