"""The checklist shows what the plan needs before anything is recorded (a GET writes
nothing); acting on a need records it then."""

from datetime import date

import pytest
from django.utils import timezone

from wayhome.adapters.db.models import DocumentItem

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)


def test_a_need_is_shown_before_it_is_recorded_and_recorded_when_acted_on(owner, client_for):
    user, row = owner
    c = client_for(user)
    page = c.get(f"/p/{row.pk}/documents/").content.decode()
    assert "Primary medical diploma" in page
    assert 'name="key" value="xx-primary-medical-diploma"' in page
    assert not DocumentItem.objects.filter(owner=user).exists()
    c.post(
        f"/p/{row.pk}/documents/",
        {"key": "xx-primary-medical-diploma", "issued": "10 Jul 2017", "step_0": "2026-10-01"},
    )
    item = DocumentItem.objects.get(owner=user, key="xx-primary-medical-diploma")
    assert item.issued == date(2017, 7, 10) and item.steps[0]["done"] == "2026-10-01"
    page = c.get(f"/p/{row.pk}/documents/").content.decode()
    assert f'action="/p/{row.pk}/documents/{item.pk}/"' in page


def test_a_date_with_slashes_is_refused_and_nothing_is_saved(owner, client_for):
    user, row = owner
    c = client_for(user)
    c.post(f"/p/{row.pk}/documents/", {"key": "xx-primary-medical-diploma"})
    item = DocumentItem.objects.get(owner=user, key="xx-primary-medical-diploma")
    page = c.post(
        f"/p/{row.pk}/documents/{item.pk}/", {"issued": "03/06/2024"}, follow=True
    ).content.decode()
    assert "it could be 3 Jun 2024 or 6 Mar 2024" in page
    item.refresh_from_db()
    assert item.issued is None


def test_a_key_the_plan_does_not_need_is_404(owner, client_for):
    user, row = owner
    response = client_for(user).post(f"/p/{row.pk}/documents/", {"key": "no-such-document"})
    assert response.status_code == 404
