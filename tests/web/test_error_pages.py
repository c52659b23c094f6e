"""A request that goes wrong gets a page of Wayhome's own, in plain words, saying
whether anything was saved: a form whose token expired, a request not meant for this
app, something this account may not do, and a fault of Wayhome's."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject

from wayhome.adapters.db.models import StoredProfile
from wayhome.services import dashboard
from wayhome.web.views.common import server_error


def test_a_form_sent_with_an_expired_token_says_nothing_was_saved(owner):
    user, row = owner
    before = StoredProfile.objects.get(pk=row.pk).data
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    answer = client.post(f"/p/{row.pk}/seen/")
    assert answer.status_code == 403
    text = answer.content.decode()
    assert "That form had expired, so nothing was saved" in text
    assert "reload the page" in text
    assert "CSRF verification failed" not in text  # Django's own page: not what to do
    assert StoredProfile.objects.get(pk=row.pk).data == before


def test_a_request_for_another_host_is_refused_in_words(owner, client_for):
    answer = client_for(owner[0]).get("/", HTTP_HOST="evil.example")
    assert answer.status_code == 400
    assert "Wayhome could not read that request" in answer.content.decode()


def test_something_not_allowed_says_so(owner, client_for, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionDenied

    monkeypatch.setattr(dashboard, "for_owner", refuse)
    answer = client_for(owner[0]).get(f"/p/{owner[1].pk}/")
    assert answer.status_code == 403
    assert "That is not open to you" in answer.content.decode()


@pytest.mark.django_db
def test_a_fault_of_wayhomes_own_gets_its_page_not_djangos(owner, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a defect")

    monkeypatch.setattr(dashboard, "for_owner", broken)
    client = Client(raise_request_exception=False)
    client.force_login(owner[0])
    answer = client.get(f"/p/{owner[1].pk}/")
    assert answer.status_code == 500
    text = answer.content.decode()
    assert "Something went wrong inside Wayhome" in text
    assert "a defect" not in text  # what went wrong stays in the log


def test_the_fault_page_is_drawn_when_the_database_is_what_failed():
    def database_down():
        raise OperationalError("the database is down")

    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(database_down)  # as AuthenticationMiddleware sets it
    answer = server_error(request)
    assert answer.status_code == 500
    assert "Something went wrong inside Wayhome" in answer.content.decode()
