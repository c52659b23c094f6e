"""The dashboard: findings with arithmetic and sources, alerts, the plan, progress."""

from datetime import date

from django.utils import timezone

from tests.web.markup import html_of
from wayhome.adapters.db.models import StoredProfile


def _frozen(monkeypatch, day: str):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(day))


def test_it_opens_with_a_card_per_target_and_links_the_details(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    page = html_of(client_for(user).get(f"/p/{row.pk}/"))
    assert '<article class="vcard at-risk"' in page and 'data-code="XX"' in page
    assert '<span class="badge at-risk" data-field="status">AT RISK</span>' in page
    assert (
        "Sit the conversion exam within the window after graduation: last day 29 Jun 2027" in page
    )
    assert '<dd data-field="training">recognised as a specialist' in page
    assert "<strong>15 Mar 2027</strong>" in page  # the latest safe return, with its rule
    assert "Your plan" in page and f'href="/p/{row.pk}/targets/XX/"' in page
    # XX's open rule wants the teaching added to the profile: not a question to ask.
    assert "question to ask: the drafted email" not in page and "Ask: Add" not in page
    # the details live on the target's page: no finding's source here
    assert "Source: " not in page
    assert "What does not fit" in page and "return by 15 Mar 2027" in page
    assert "<svg" in page  # the timeline chart, drawn on the server
    assert "Readiness: the 12–24-month checklist" in page
    assert "Done only with an answer in writing from each target regulator" in page


def test_next_actions_come_overdue_first_with_done_snooze_and_not_for_me(
    owner, client_for, monkeypatch
):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    c = client_for(user)
    page = html_of(c.get(f"/p/{row.pk}/"))
    first = page.index('<li class="action overdue" id="action-find-regulator"')
    assert "do it now (it was due 1 Jul 2025)" in page[first:]
    for value in ("done", "snooze", "skip"):
        assert f'name="action" value="{value}"' in page[first:]
    assert 'name="until" value="2026-12-01"' in page  # a week from today, to change
    response = c.post(
        f"/p/{row.pk}/tasks/find-regulator/", {"action": "snooze", "until": "2027-01-15"}
    )
    assert response.status_code == 302
    saved = StoredProfile.objects.get(pk=row.pk).progress["tasks"]["find-regulator"]
    assert (saved["status"], saved["snoozed_until"]) == ("snoozed", "2027-01-15")
    page = c.get(f"/p/{row.pk}/").content.decode()
    assert 'id="action-find-regulator"' not in page
    # a snooze to today or before is refused, in words
    c.post(f"/p/{row.pk}/tasks/get-syllabus/", {"action": "snooze", "until": "2026-11-24"})
    page = c.get(f"/p/{row.pk}/").content.decode()
    assert "snooze to a day after today" in page
    c.post(f"/p/{row.pk}/tasks/get-syllabus/", {"action": "skip"})  # "Not for me"
    assert StoredProfile.objects.get(pk=row.pk).progress["tasks"]["get-syllabus"]["status"] == (
        "skipped"
    )


def test_the_us_clocks_show_the_visa_pages_dates(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    visa = client_for(user).get(f"/p/{row.pk}/visa/").content.decode()
    clocks = page[page.index('<p class="clocks">') :]
    for day in ("30 Jun 2031", "30 Jul 2027"):
        assert day in clocks and day in visa


def test_a_target_moves_in_the_order_of_preference(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    row.data = {**row.data, "plan": {**row.data["plan"], "targets": ["XX", "IN", "AE"]}}
    row.save()
    c = client_for(user)
    page = c.get(f"/p/{row.pk}/").content.decode()
    assert page.index('data-code="XX"') < page.index('data-code="IN"')
    assert '<h3 class="vgroup-name">United Arab Emirates</h3>' in page  # its 3 regulators
    assert "Make India your plan" in page
    response = c.post(f"/p/{row.pk}/", {"target": "IN", "move": "first"}, follow=True)
    assert "Your plan: IN; backups: XX, AE." in response.content.decode()
    assert StoredProfile.objects.get(pk=row.pk).data["plan"]["targets"] == ["IN", "XX", "AE"]
    c.post(f"/p/{row.pk}/", {"target": "AE-DOH", "move": "up"})  # a regulator moves its country
    assert StoredProfile.objects.get(pk=row.pk).data["plan"]["targets"] == ["IN", "AE", "XX"]
    assert c.post(f"/p/{row.pk}/", {"target": "GB", "move": "up"}).status_code == 404


def test_alerts_list_deadlines_in_the_next_90_days_and_stale_sources(
    owner, client_for, monkeypatch
):
    _frozen(monkeypatch, "2027-04-15")  # the exam window closes 29 Jun 2027
    user, row = owner
    page = html_of(client_for(user).get(f"/p/{row.pk}/"))
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
    page = html_of(c.get(f"/p/{row.pk}/"))
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


def test_a_planned_return_already_past_is_said_above_the_cards(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2028-08-01")  # do-the-math plans to return on 1 Jul 2028
    user, row = owner
    page = html_of(client_for(user).get(f"/p/{row.pk}/"))
    said = page.index('data-field="plan-warning"')
    assert said < page.index('class="verdict')
    assert "Your planned return, 1 Jul 2028, is before today (1 Aug 2028)" in page[said:]
    assert page.index("Next 90 days") > said
