"""Exam attempts typed on the web (#19 §1): the "Exams you have taken" page takes each
attempt with its result or only its score, and the target's page shows what the engine
made of it - a score below the pass mark a fail, attempts used and left, a result not
out yet planned as if failed."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests.helpers.web import as_shown, page_text
from wayhome.adapters.db.models import StoredProfile

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)


def _attempts(client, pk: int, *rows: dict[str, str]):
    url = f"/p/{pk}/profile/exams/"
    posted = {"rows-TOTAL_FORMS": str(len(rows)), "rows-INITIAL_FORMS": "0", "action": "save"}
    for i, row in enumerate(rows):
        posted |= {f"rows-{i}-{k}": v for k, v in row.items()}
    return client.post(url, {**as_shown(client.get(url)), **posted})


def test_a_score_alone_below_the_pass_mark_is_shown_as_a_fail(owner, client_for):
    user, row = owner
    c = client_for(user)
    sat = {"name": "SCE", "date": "15 Mar 2026", "result": "", "score": "58/100"}
    assert _attempts(c, row.pk, sat).status_code == 302
    stored = StoredProfile.objects.get(pk=row.pk).data["exam_attempts"]
    assert stored == [{"name": "SCE", "date": "2026-03-15", "score": "58/100"}]
    words = page_text(c.get(f"/p/{row.pk}/targets/XX/"))
    assert "Specialist Conversion Examination FAILED" in words
    assert "58/100 is below the pass mark of 60/100: a fail" in words
    assert "Attempts at most 3; 1 used, 2 left" in words
    # The page shows the attempt again as typed.
    page = c.get(f"/p/{row.pk}/profile/exams/").content.decode()
    assert 'value="58/100"' in page and 'value="15 Mar 2026"' in page


def test_a_result_not_out_yet_is_planned_as_if_failed_and_said(owner, client_for):
    user, row = owner
    c = client_for(user)
    sat = {"name": "Specialist Conversion Examination", "date": "14 Sep 2026"}
    assert _attempts(c, row.pk, {**sat, "result": "pending"}).status_code == 302
    words = page_text(c.get(f"/p/{row.pk}/targets/XX/"))
    assert "Specialist Conversion Examination RESULT PENDING" in words
    assert "until you enter it, Wayhome plans as if it were a fail" in words
    assert "Attempts at most 3; 1 used, 2 left" in words


def test_an_attempt_needs_its_result_or_its_score(owner, client_for):
    user, row = owner
    sat = {"name": "SCE", "date": "15 Mar 2026", "result": "", "score": ""}
    response = _attempts(client_for(user), row.pk, sat)
    assert response.status_code == 422
    assert "Give the result, or the score." in page_text(response)


def test_a_sitting_whose_date_is_to_confirm_says_so(owner, client_for, monkeypatch):
    # XX's December 2026 session is expected on 12 Jan 2027, a date not confirmed.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 9, 1))
    user, row = owner
    school = {**row.data["medical_school"], "country": "RU"}
    row.data = {**row.data, "medical_school": school,
                "plan": {**row.data["plan"], "return_date": "2026-12-01"}}  # fmt: skip
    row.save()
    words = page_text(client_for(user).get(f"/p/{row.pk}/targets/XX/"))
    # On the exam's card, and in its finding.
    assert (
        "Your sitting 12 Jan 2027 Date to confirm: the December session was held in "
        "January before; the Council has not announced the day" in words
    )
    assert "date to confirm: the December session was held in January before" in words
