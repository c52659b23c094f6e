"""The dashboard: findings with arithmetic and sources, alerts, the plan, progress."""

from datetime import date

from django.utils import timezone

from wayhome.adapters.db.models import StoredProfile


def _frozen(monkeypatch, day: str):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(day))


def test_it_shows_each_regulator_with_the_arithmetic_and_sources(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    assert "XX · Exampleland Medical Council (fictional)" in page
    assert "Your US training counts as: <strong>full specialist</strong>" in page
    assert "Latest safe return: <strong>15 Mar 2027</strong>" in page
    assert "CONFLICT" in page and "1 year, 3 months and 1 day too late" in page
    assert 'Source: <a href="https://council.example/exam-regulations-2020"' in page
    assert "What does not fit" in page and "return by 15 Mar 2027" in page
    assert "The email to" in page and "Dear Sir or Madam" in page
    assert "<svg" in page  # the timeline chart, drawn on the server
    assert "Readiness: the 12–24-month checklist" in page


def test_alerts_list_deadlines_in_the_next_90_days_and_stale_sources(
    owner, client_for, monkeypatch
):
    _frozen(monkeypatch, "2027-04-15")  # the exam window closes 29 Jun 2027
    user, row = owner
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    assert "Next 90 days" in page
    assert "last day 29 Jun 2027" in page
    assert "are undated or over 18 months old" in page


def test_ticking_a_task_updates_just_its_row(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    c = client_for(user)
    response = c.post(
        f"/p/{row.pk}/tasks/find-regulator/", {"action": "done"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<li") and "DONE" in html and "Undo" in html
    progress = StoredProfile.objects.get(pk=row.pk).progress
    assert progress["tasks"]["find-regulator"]["status"] == "done"
    c.post(f"/p/{row.pk}/tasks/find-regulator/", {"action": "undo"})
    assert "find-regulator" not in StoredProfile.objects.get(pk=row.pk).progress["tasks"]


def test_moving_a_task_reflows_what_depends_on_it(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    c = client_for(user)
    response = c.post(
        f"/p/{row.pk}/tasks/collect-us-documents/", {"action": "move", "to": "2027-02-01"}
    )
    assert response.status_code == 302
    page = c.get(f"/p/{row.pk}/").content.decode()
    # (A later move no longer fits: the J-1's last day in the US, 30 Jul 2027, bounds the
    # tasks before the return, and the page shows that conflict instead.)
    assert "moved by you to 1 Feb 2027" in page


def test_an_unknown_task_is_404(owner, client_for):
    user, row = owner
    response = client_for(user).post(f"/p/{row.pk}/tasks/no-such-task/", {"action": "done"})
    assert response.status_code == 404


def test_downloads_calendar_pdf_and_profile(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    c = client_for(user)
    ics = c.post(f"/p/{row.pk}/calendar.ics")  # a download remembers what it said
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics.content.startswith(b"BEGIN:VCALENDAR")
    assert StoredProfile.objects.get(pk=row.pk).progress["calendar"]  # SEQUENCE memory
    pdf = c.get(f"/p/{row.pk}/plan.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    yaml_text = c.get(f"/p/{row.pk}/profile.yaml").content.decode()
    assert "Dr. Sam Example" in yaml_text
