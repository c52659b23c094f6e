"""Ownership on every object view: another account gets 404, for every URL pattern."""

import pytest
from django.urls import reverse

from wayhome.web import urls


def _object_patterns():
    for p in urls.urlpatterns:
        if "pk" in p.pattern.converters:
            yield p


PATTERNS = list(_object_patterns())
# The methods each object view takes; any other gets 405 before reaching an object.
METHODS = {
    "dashboard": {"get"},
    "task": {"post"},
    "export": {"get"},
    "calendar": {"get"},
    "pdf": {"get"},
    "whatif": {"get"},
    "scenarios": {"get", "post"},
}


def test_every_object_url_is_checked():
    assert set(METHODS) == {p.name for p in PATTERNS}


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
    assert response.status_code == (404 if method in METHODS[pattern.name] else 405), url


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
def test_the_owner_gets_through(pattern, owner, client_for):
    user, mine = owner
    kwargs = {"pk": mine.pk}
    if "task_id" in pattern.pattern.converters:
        kwargs["task_id"] = "find-regulator"
    url = reverse(f"wayhome:{pattern.name}", kwargs=kwargs)
    c = client_for(user)
    response = c.post(url, {"action": "done"}) if "get" not in METHODS[pattern.name] else c.get(url)
    assert response.status_code in (200, 302), url
