"""Ownership on every object view: another account gets 404, for every URL pattern."""

import pytest
from django.urls import reverse

from wayhome.web import urls


def _object_patterns():
    for p in urls.urlpatterns:
        if "pk" in p.pattern.converters:
            yield p


PATTERNS = list(_object_patterns())


def test_every_object_url_is_checked():
    assert {p.name for p in PATTERNS} == {"dashboard", "task", "export", "calendar", "pdf"}


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_account_gets_404(pattern, method, owner, stranger, client_for):
    _, mine = owner
    stranger_user, _ = stranger
    kwargs = {"pk": mine.pk}
    if "task_id" in pattern.pattern.converters:
        kwargs["task_id"] = "find-regulator"
    url = reverse(f"wayhome:{pattern.name}", kwargs=kwargs)
    response = getattr(client_for(stranger_user), method)(url, {"action": "done"})
    # A view that takes only POST answers a GET with 405: it never reached the object.
    takes = "post" if pattern.name == "task" else "get"
    assert response.status_code == (404 if method == takes else 405), url


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
def test_the_owner_gets_through(pattern, owner, client_for):
    user, mine = owner
    kwargs = {"pk": mine.pk}
    if "task_id" in pattern.pattern.converters:
        kwargs["task_id"] = "find-regulator"
    url = reverse(f"wayhome:{pattern.name}", kwargs=kwargs)
    c = client_for(user)
    response = c.post(url, {"action": "done"}) if pattern.name == "task" else c.get(url)
    assert response.status_code in (200, 302), url
