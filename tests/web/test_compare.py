"""The slider, scenarios, the guide's charts and what changed."""

from datetime import date

from django.utils import timezone

from tests.web.markup import html_of
from wayhome.adapters.db.models import SavedAssessment, StoredProfile


def _frozen(monkeypatch, day: str):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(day))


def test_the_slider_answers_from_the_sweep_with_a_fragment(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    c = client_for(user)
    # The plan (1 Jul 2028) breaks the exam window; 17 months earlier (1 Feb 2027) does not.
    response = c.get(f"/p/{row.pk}/whatif/?m=-17", HTTP_HX_REQUEST="true")
    html = html_of(response)
    assert html.lstrip().startswith('<div id="whatif-result"')
    assert "Returning on 1 Feb 2027" in html
    window = html.split('data-rule="xx-exam-graduation-window"')[1].split("</tr>")[0]
    # the plan's column says CONFLICT; returning on 1 Feb 2027 makes the 15 Mar 2027 sitting
    assert "CONFLICT" in window and "TIGHT" in window
    assert "changed" in window
    same = c.get(f"/p/{row.pk}/whatif/?m=0").content.decode()
    assert "(your plan)" in same and "<strong>changed</strong>" not in same


def test_scenarios_are_added_compared_and_deleted(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    c = client_for(user)
    page = c.get(f"/p/{row.pk}/scenarios/").content.decode()
    assert "Back before the exam window closes" in page  # from the example profile
    response = c.post(
        f"/p/{row.pk}/scenarios/", {"name": "Two years as an attending", "attending_years": "2"}
    )
    assert response.status_code == 302
    stored = StoredProfile.objects.get(pk=row.pk).data["scenarios"]
    assert stored[-1] == {
        "id": "two-years-as-an-attending",
        "name": "Two years as an attending",
        "attending_years": 2,
    }
    page = c.get(f"/p/{row.pk}/scenarios/").content.decode()
    assert "Two years as an attending" in page and "Windows this plan misses" in page
    assert "CLOSES" not in page and "Windows it closes" not in page
    # still open today, missed by the plan's return: with the day the window closes
    assert (
        "XX: Sit the conversion exam within the window after graduation (last day 29 Jun 2027)"
        in page
    )
    assert "the latest return these rules allow: 15 Mar 2027" in page
    assert "latest safe return:" not in page and "Plan runs until" not in page
    assert "Money over the horizon" in page and "net present value USD" in page
    assert "Visa clocks" in page and "J-1: 2 years at home (INA 212(e))" in page
    doors_row = page.split("Keeping US doors open", 1)[1].split("</tr>", 1)[0]
    assert "tasks" in doors_row and "Stay visible" in doors_row
    assert "Money over time" in page and "Cumulative net income by scenario" in page
    c.post(f"/p/{row.pk}/scenarios/", {"delete": "two-years-as-an-attending"})
    ids = [s["id"] for s in StoredProfile.objects.get(pk=row.pk).data["scenarios"]]
    assert "two-years-as-an-attending" not in ids


def test_a_scenario_needs_a_change(owner, client_for):
    user, row = owner
    response = client_for(user).post(f"/p/{row.pk}/scenarios/", {"name": "Nothing"})
    assert response.status_code == 422
    assert b"Change at least one thing" in response.content


def test_the_guides_charts_mark_the_user(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    assert "When physicians return after training" in page
    assert "▲ you" in page and "Illustrative shares from the guide" in page
    assert "you: 1.0 years" in page and "calls this curve illustrative" in page


def test_what_changed_since_the_last_assessment(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    c = client_for(user)
    c.post(f"/p/{row.pk}/seen/")  # what the setup's last step records
    saved = SavedAssessment.objects.get(owner=user)
    assert saved.pack_versions["XX"] == "2026.11.0"
    key = "XX:xx-exam-graduation-window"
    saved.pack_versions = {**saved.pack_versions, "XX": "2026.10.0"}
    saved.findings = {
        **saved.findings,
        key: {
            **saved.findings[key],
            "deadline": "2029-06-29",
            "status": "tight",
            "rule_version": "xx-exam-graduation-window@2015-03-01",
        },
    }
    saved.save()
    page = html_of(c.get(f"/p/{row.pk}/"))
    assert "What changed since" in page
    assert "The XX pack changed from version 2026.10.0 to 2026.11.0." in page
    assert (
        "a new version of the rule applies (in force from 1 Jan 2020); status tight → "
        "conflict; deadline 29 Jun 2029 → 29 Jun 2027"
    ) in page
    assert SavedAssessment.objects.filter(owner=user).count() == 1  # a GET records nothing


def test_a_confirmed_answer_that_differs_from_the_pack_is_shown(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    data = dict(row.data)
    data["confirmed_rules"] = [
        {
            "jurisdiction": "XX",
            "rule": "xx-exam-graduation-window",
            "years": 12,
            "evidence": "email from the council",
        }
    ]
    StoredProfile.objects.filter(pk=row.pk).update(data=data)
    page = html_of(client_for(user).get(f"/p/{row.pk}/"))
    assert "differs from the pack" in page
    assert "The pack says: You graduated from medical school on 30 Jun 2017; the 10-year" in page


def test_stays_and_a_waiver_are_edited_on_the_visa_page(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    c = client_for(user)
    page = html_of(c.get(f"/p/{row.pk}/visa/"))
    assert "J-1: 2 years at home (INA 212(e))" in page
    c.post(
        f"/p/{row.pk}/visa/",
        {"action": "add-stay", "country": "XX", "start": "2031-01-01", "end": "2031-12-31"},
    )
    stays = StoredProfile.objects.get(pk=row.pk).data["stays"]
    assert stays[-1]["start"] == "2031-01-01"
    bad = c.post(
        f"/p/{row.pk}/visa/",
        {"action": "add-stay", "country": "US", "start": "2031-06-01", "end": "2031-07-01"},
        follow=True,
    ).content.decode()
    assert "overlap" in bad  # the profile refuses overlapping stays, and says which
    c.post(f"/p/{row.pk}/visa/", {"action": "waiver", "route": "conrad-30", "status": "granted"})
    page = c.get(f"/p/{row.pk}/visa/").content.decode()
    assert "WAIVED" in page and "the home requirement does not apply" in page
    # Conrad 30 brings its own clock, which asks for the approval date...
    assert "Conrad 30: 3 years of service" in page and "within 90 days" in page
    c.post(
        f"/p/{row.pk}/visa/",
        {
            "action": "waiver",
            "route": "conrad-30",
            "status": "granted",
            "date": "1 Mar 2026",
            "employment_start": "30 May 2026",
        },
    )
    page = html_of(c.get(f"/p/{row.pk}/visa/"))
    # ...and, with the approval and the job's first day, counts the three years.
    assert "by 30 May 2026" in page and "the obligation is met on 30 May 2029" in page
