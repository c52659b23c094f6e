"""A GET writes nothing: every page of wayhome.web.urls, requested with the owner's ids,
leaves Wayhome's own tables (and the task queue's) exactly as they were. What changed
since the last visit is compared on GET and recorded only by "Seen" (a POST)."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from tests.helpers.letters import stored_file
from wayhome.adapters.db.models import Correspondence, DocumentItem, SavedAssessment
from wayhome.web import urls

ON = date(2026, 11, 24)
APPS = ("wayhome", "django_tasks_database")  # wayhome.adapters.db and django_tasks_db
# A few pages do more with a query: the slider, a search, a packet, a home visit.
QUERIES: dict[str, dict[str, str]] = {
    "whatif": {"m": "7"},
    "search": {"q": "diploma"},
    "packets": {"country": "XX"},
    "contacts": {"visit_from": "2026-12-20", "visit_to": "2027-01-05"},
    "cases-map": {"token": "no-such-token"},
    "money": {"scenario": "attending-with-money"},
    "told": {"finding": "XX:xx-exam-graduation-window"},
}


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


def tables() -> dict[str, tuple[int, str]]:
    """Every model of the two apps: (rows, SHA-256 of every row's every value)."""
    out = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            rows = list(model._default_manager.order_by("pk").values())
            text = json.dumps(rows, default=_plain, sort_keys=True)
            out[model._meta.label] = (len(rows), hashlib.sha256(text.encode()).hexdigest())
    return out


@pytest.fixture
def world(owner, monkeypatch):
    """The owner with something on every page: a document, a stored file, a question."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)
    user, row = owner
    DocumentItem.objects.create(
        owner=user, key="xx-primary-medical-diploma", name="Primary medical diploma"
    )
    vf = stored_file(user, "diploma.pdf", "0")
    question = Correspondence.objects.create(
        owner=user, jurisdiction="XX", question="Is US residency recognised?"
    )
    return user, row, question, vf


def _kwargs(pattern, row, question, vf) -> dict[str, Any]:
    ids = {
        "pk": row.pk,
        "cid": question.pk,
        "did": DocumentItem.objects.get(owner=row.owner).pk,
        "fid": vf.pk,
        "task_id": "find-regulator",
        "step": "you",
        "code": "XX",
    }
    return {name: ids[name] for name in pattern.pattern.converters}


def _get_urls(row, question, vf) -> list[str]:
    out = []
    for pattern in urls.urlpatterns:
        url = reverse(f"wayhome:{pattern.name}", kwargs=_kwargs(pattern, row, question, vf))
        query = QUERIES.get(pattern.name)
        out.append(url)
        if query:
            out.append(url + "?" + "&".join(f"{k}={v}" for k, v in query.items()))
    return out


def test_every_get_leaves_the_tables_as_they_were(world, client_for):
    user, row, question, vf = world
    c = client_for(user)
    c.post(f"/p/{row.pk}/seen/")  # a snapshot to compare with, as after the setup
    before = tables()
    answered = {}
    for url in _get_urls(row, question, vf):
        answered[url] = c.get(url).status_code
        assert tables() == before, f"GET {url} wrote to the database"
    assert set(answered.values()) <= {200, 302, 405}, answered
    assert answered[f"/p/{row.pk}/"] == 200
    # Only these answer a GET with a redirect or "POST only"; every other page is shown.
    not_shown = {url: code for url, code in answered.items() if code != 200}
    assert not_shown == not_shown_pages(row.pk, question.pk, vf.pk), not_shown


def not_shown_pages(pk: int, cid: int, fid: int) -> dict[str, int]:
    """The URLs that answer a GET without a page: redirects (to the dashboard, to the
    upload a mapping needs, to a sign-in) and actions that take a POST only."""
    did = DocumentItem.objects.get().pk
    return {
        "/": 302,
        f"/p/{pk}/cases/map/": 302,
        f"/p/{pk}/cases/map/?token=no-such-token": 302,
        "/profile/": 302,
        "/signin/token/": 302,
        f"/p/{pk}/documents/{did}/": 405,
        f"/p/{pk}/files/{fid}/": 405,
        f"/p/{pk}/money/preview/": 405,
        f"/p/{pk}/seen/": 405,
        f"/p/{pk}/tasks/find-regulator/": 405,
        "/signout/": 405,
    }


def _leaves(patterns, namespace=""):
    """Every page the site serves, walked from the root URL configuration: (name, pattern)."""
    from django.urls import URLResolver

    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _leaves(p.url_patterns, inner)
        else:
            yield f"{namespace}{p.name}", p


def test_every_page_the_site_serves_is_requested(world):
    # The GET test walks wayhome.web.urls; a page added anywhere else (the root URL
    # configuration, another app's) would escape it: this fails then.
    from django.urls import get_resolver

    _, row, question, vf = world
    served = dict(_leaves(get_resolver().url_patterns))
    assert "wayhome:dashboard" in served and len(served) > 40
    requested = {f"wayhome:{p.name}" for p in urls.urlpatterns}
    assert set(served) == requested, set(served) ^ requested
    assert len({u.split("?")[0] for u in _get_urls(row, question, vf)}) == len(served)


def test_a_change_is_shown_on_every_visit_until_it_is_seen(world, client_for, monkeypatch):
    user, row, _, _ = world
    c = client_for(user)
    c.post(f"/p/{row.pk}/seen/")
    # Time passes: the exam window's sitting is now missed, with no pack change at all.
    saved = SavedAssessment.objects.get(owner=user)
    key = "XX:xx-exam-graduation-window"
    saved.findings = {**saved.findings, key: {**saved.findings[key], "status": "tight"}}
    saved.save()
    for _ in range(2):  # shown on each visit: a GET records nothing
        page = c.get(f"/p/{row.pk}/").content.decode()
        assert "status tight → conflict" in page
    assert SavedAssessment.objects.filter(owner=user).count() == 1
    c.post(f"/p/{row.pk}/seen/")
    assert SavedAssessment.objects.filter(owner=user).count() == 1  # replaced, not added
    assert "status tight → conflict" not in c.get(f"/p/{row.pk}/").content.decode()


def test_seen_is_a_post(world, client_for):
    user, row, _, _ = world
    assert client_for(user).get(f"/p/{row.pk}/seen/").status_code == 405
