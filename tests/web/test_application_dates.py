"""The planned day of applying to each regulator (profile plan.applications, #19 §2),
typed on the web beside the regulator on the "How you plan to return" page: documents
and rules checked at the application are judged on it, the target's page says so, and
the page shows it again as typed."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests.helpers.web import page_text
from tests.web.markup import text_of
from wayhome.adapters.db.models import DocumentItem, StoredProfile
from wayhome.web.forms.setup import STEPS

ON = date(2026, 11, 24)
RETURN = next(s for s in STEPS if s.slug == "return")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)


def _post(client, pk: int, **typed: str):
    shown = RETURN.typed_from(StoredProfile.objects.get(pk=pk).data, ON)
    changed = {**shown, **{k: [v] for k, v in typed.items()}, "action": ["save"]}
    return client.post(f"/p/{pk}/profile/return/", changed)


def test_the_day_you_apply_is_typed_beside_the_regulator_and_judges_the_documents(
    owner, client_for
):
    user, row = owner
    c = client_for(user)
    assert "You plan to apply to it on" in page_text(c.get(f"/p/{row.pk}/profile/return/"))
    DocumentItem.objects.create(
        owner=user, key="held-good-standing-1", name="Good standing", kind="good-standing",
        issued=date(2028, 1, 10),
    )  # fmt: skip
    before = StoredProfile.objects.get(pk=row.pk).data

    assert _post(c, row.pk, apply_1="1 Aug 2028").status_code == 302
    after = StoredProfile.objects.get(pk=row.pk).data
    assert after["plan"] == {
        **before["plan"],
        "applications": [{"target": "XX", "date": "2028-08-01"}],
    }
    assert {k: v for k, v in after.items() if k != "plan"} == {
        k: v for k, v in before.items() if k != "plan"
    }

    # Accepted for 3 months (to 9 Apr 2028) with a month's lead time: on the day you
    # apply it is too old, and a new one must be asked for by 1 Jul 2028.
    words = text_of(c.get(f"/p/{row.pk}/targets/XX/"))
    assert "Your return 1 Jul 2028; you apply on 1 Aug 2028" in words
    assert "Documents, as on 1 Aug 2028" in words
    assert "Valid through 9 Apr 2028. Ask for a new one by 1 Jul 2028." in words

    # Shown again as typed; sent back untouched, nothing changes; emptied, it is gone.
    assert 'value="1 Aug 2028"' in c.get(f"/p/{row.pk}/profile/return/").content.decode()
    assert _post(c, row.pk).status_code == 302
    assert StoredProfile.objects.get(pk=row.pk).data == after
    assert _post(c, row.pk, apply_1="").status_code == 302
    assert StoredProfile.objects.get(pk=row.pk).data["plan"] == before["plan"]


def test_a_day_of_applying_to_a_country_is_shown_for_its_regulator_and_kept(owner, client_for):
    # A profile file may name the country (every regulator in it); the page shows the day
    # the engine reads for the regulator (its own, else its country's, the earliest) and,
    # sent back, keeps that day for it: the assessment reads the same date before and after.
    user, row = owner
    row.data = {**row.data, "plan": {**row.data["plan"], "targets": ["AE-DHA"], "applications": [
        {"target": "AE", "date": "2028-09-01"}, {"target": "AE", "date": "2028-08-15"},
    ]}}  # fmt: skip
    row.save()
    c = client_for(user)
    assert 'value="15 Aug 2028"' in c.get(f"/p/{row.pk}/profile/return/").content.decode()
    assert _post(c, row.pk).status_code == 302
    assert StoredProfile.objects.get(pk=row.pk).data["plan"]["applications"] == [
        {"target": "AE-DHA", "date": "2028-08-15"}
    ]


def test_a_day_without_its_regulator_is_refused_beside_it(owner, client_for):
    user, row = owner
    response = _post(client_for(user), row.pk, apply_2="1 Aug 2028")
    assert response.status_code == 422
    assert "Choose the regulator you will apply to on this day." in page_text(response)
    assert "applications" not in StoredProfile.objects.get(pk=row.pk).data["plan"]
