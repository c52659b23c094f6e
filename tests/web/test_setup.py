"""The guided setup: from nothing to a stored profile and a dashboard, a step at a time,
kept as a draft as it goes; each step also a page of the profile afterwards."""

import logging
import re

import pytest
import yaml
from django.test import Client
from django.utils import timezone

from tests.helpers.full_profile import FULL
from tests.helpers.setups import PERSONAS, TODAY, reference, stored
from tests.helpers.web import as_shown
from wayhome.adapters.db import store
from wayhome.adapters.db.models import SetupDraft, StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import account
from wayhome.services import setup as setup_service
from wayhome.web.forms.setup import STEPS

PERSONAL = ("Arjun", "Mehta", "1991-04-12", "2015-03-31", "DMC-48213")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def _signed_in() -> Client:
    c = Client()
    c.force_login(store.local_account())
    return c


def _walk(c: Client, name: str = "j1-cardiologist-india", upto: int | None = None):
    response = None
    for answer in PERSONAS[name][:upto]:
        response = c.post(f"/setup/{answer.step}/", answer.post())
        assert response.status_code == 302, (answer.step, _errors(response))
    return response


def _errors(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    found += re.findall(r'class="message error"[^>]*>(.*?)</p>', html, re.S)
    return [re.sub(r"<[^>]+>", " ", f).strip() for f in found]


@pytest.mark.parametrize("name", list(PERSONAS))
def test_a_new_user_goes_from_nothing_to_a_dashboard_with_the_profile_they_typed(db, name):
    c = _signed_in()
    first = c.get("/", follow=True)
    assert first.redirect_chain[-1][0] == "/setup/you/"
    assert b"Step 1 of 12" in first.content and b"Why we ask" in first.content
    done = _walk(c, name)
    row = StoredProfile.objects.get(owner__username="local")
    assert done["Location"] == f"/p/{row.pk}/"
    assert stored(row.owner) == reference(name), yaml.safe_dump(stored(row.owner))
    assert not SetupDraft.objects.exists()  # the draft goes with the last step
    page = c.get(done["Location"]).content.decode()
    assert "Your plan" in page


def test_every_step_says_in_one_line_why_it_asks(db):
    c = _signed_in()
    for n, step in enumerate(STEPS, 1):
        page = c.get(f"/setup/{step.slug}/").content.decode()
        assert f"Step {n} of {len(STEPS)}" in page
        assert f"<h1>{step.title}</h1>" in page
        assert step.why in page.replace("&#x27;", "'") and "\n" not in step.why


def test_dubais_consultant_title_is_why_boards_are_asked(db):
    page = _signed_in().get("/setup/boards/").content.decode()
    assert "Dubai&#x27;s consultant title counts years after it" in page


def test_a_refused_step_keeps_what_was_typed_and_says_why_beside_the_field(db):
    c = _signed_in()
    response = c.post(
        "/setup/return/",
        {"return_type": "academic", "specialty": "Cardiolgy", "target_1": "IN", "action": "next"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    field = html.split('id="id_specialty"', 1)[0].rsplit("<div", 1)[1]
    assert 'value="Cardiolgy"' in field and 'aria-invalid="true"' in field
    after = html.split('id="id_specialty"', 1)[1].split("</div>", 1)[0]
    assert "is not a specialty Wayhome knows: did you mean Cardiology?" in after
    assert 'value="IN" selected' in html and "slug" not in html.lower()
    assert SetupDraft.objects.get().answers["return"]["specialty"] == ["Cardiolgy"]


@pytest.mark.parametrize("typed", ["Internal Medicine", "internal medicine", "INTERNAL-MEDICINE"])
def test_a_specialty_is_taken_in_any_case_and_spacing(db, typed):
    c = _signed_in()
    posted = {"return_type": "public", "specialty": typed, "action": "next"}
    assert c.post("/setup/return/", posted).status_code == 302


def test_half_a_setup_is_kept_as_a_draft_and_resumes_where_it_stopped(db):
    _walk(_signed_in(), upto=4)
    assert not StoredProfile.objects.exists()
    later = _signed_in()  # another visit
    resumed = later.get("/", follow=True)
    assert resumed.redirect_chain[-1][0] == "/setup/boards/"
    back = later.get("/setup/training/").content.decode()
    assert 'value="Mount Sinai Hospital"' in back and 'value="1 Jul 2024"' in back
    assert "Cardiovascular disease" in back  # as typed
    assert "errorlist" not in back  # a step visited again is not checked


def test_back_keeps_what_was_typed_even_before_it_is_checked(db):
    c = _signed_in()
    _walk(c, upto=2)
    half = {"school_name": "Maulana Azad", "graduated": "31/03/2015", "action": "back"}
    assert c.post("/setup/school/", half)["Location"] == "/setup/return/"
    again = c.get("/setup/school/").content.decode()
    assert 'value="Maulana Azad"' in again and 'value="31/03/2015"' in again
    forward = c.post("/setup/school/", {**half, "action": "next"})
    assert "it could be 31 Mar 2015 or" not in forward.content.decode()  # no such month 31
    assert "is not a date" in " ".join(_errors(forward))


def test_add_another_keeps_the_rows_and_adds_one(db):
    c = _signed_in()
    row = {"rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0", "rows-0-kind": "residency"}
    added = c.post("/setup/training/", {**row, "rows-0-specialty": "IM", "action": "add"})
    assert added["Location"] == "/setup/training/#row-2"
    page = c.get("/setup/training/").content.decode()
    assert "Training period 2" in page and 'name="rows-1-country"' in page
    assert 'value="IM"' in page


def test_a_row_can_be_removed_without_javascript(db):
    c = _signed_in()
    _walk(c, upto=3)
    answer = PERSONAS["j1-cardiologist-india"][3].post()
    c.post("/setup/training/", {**answer, "rows-1-DELETE": "on"})
    _walk_rest = [a for a in PERSONAS["j1-cardiologist-india"][4:]]
    for a in _walk_rest:
        c.post(f"/setup/{a.step}/", a.post())
    assert [t["kind"] for t in StoredProfile.objects.get().data["training"]] == ["residency"]


def test_a_past_return_is_questioned_and_can_be_confirmed(db):
    c = _signed_in()
    _walk(c, upto=11)
    refused = c.post("/setup/date/", {"return_date": "1 Jul 2025", "action": "next"})
    assert refused.status_code == 422
    text = " ".join(_errors(refused))
    assert "1 Jul 2025 is in the past, but your planned return is still to come" in text
    assert 'name="return_date-confirmed"' in refused.content.decode()
    confirmed = {"return_date": "1 Jul 2025", "return_date-confirmed": "on", "action": "next"}
    assert c.post("/setup/date/", confirmed).status_code == 302
    assert StoredProfile.objects.get().data["plan"]["return_date"] == "2025-07-01"


def test_a_graduation_in_the_future_is_questioned_saying_which_and_why(db):
    c = _signed_in()
    answer = {"school_country": "IN", "graduated": "30 Jun 2027", "action": "next"}
    text = " ".join(_errors(c.post("/setup/school/", answer)))
    assert "30 Jun 2027 is in the future, but your graduation has already happened" in text


def test_a_school_out_of_order_is_said_beside_its_fields(db):
    c = _signed_in()
    answer = {
        "school_country": "IN",
        "start": "1 Aug 2015",
        "graduated": "30 Jun 2014",
        "internship_start": "1 Jul 2015",
        "internship_end": "30 Jun 2015",
        "action": "next",
    }
    response = c.post("/setup/school/", answer)
    text = " ".join(_errors(response))
    assert "The course ends before it starts" in text
    assert "The internship ends before it starts" in text


def test_a_planned_board_is_expected_ahead_and_a_held_one_behind(db):
    c = _signed_in()
    rows = {"rows-TOTAL_FORMS": "2", "rows-INITIAL_FORMS": "0", "action": "next"}
    for i, (status, day) in enumerate((("planned", "1 Jan 2026"), ("certified", "1 Jan 2027"))):
        rows |= {
            f"rows-{i}-board": "ABIM",
            f"rows-{i}-specialty": "Cardiology",
            f"rows-{i}-status": status,
            f"rows-{i}-certified": day,
        }
    text = " ".join(_errors(c.post("/setup/boards/", rows)))
    assert "1 Jan 2026 is in the past, but a planned board exam is still to come" in text
    assert "1 Jan 2027 is in the future, but a certification you hold has already happened" in text


def test_the_last_step_sends_you_to_a_step_still_unanswered(db):
    c = _signed_in()
    done = c.post("/setup/date/", {"return_date": "1 Jul 2028", "action": "next"})
    assert done["Location"] == "/setup/you/?check"
    page = c.get(done["Location"]).content.decode()
    assert "This step still needs an answer: Who you are." in page
    assert "This field is required." in page
    assert not StoredProfile.objects.exists()


def test_an_exam_no_regulator_sets_is_refused_unless_passed(db):
    c = _signed_in()
    rows = {"rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0", "action": "next"}
    rows |= {"rows-0-name": "Revalda", "rows-0-date": "14 Jun 2025", "rows-0-result": "fail"}
    text = " ".join(_errors(c.post("/setup/exams/", rows)))
    assert "No home regulator&#x27;s exam is called &#x27;Revalda&#x27;" in text
    assert "Did you mean Revalida?" in text


def test_delete_everything_removes_the_draft(db):
    _walk(_signed_in(), upto=2)
    account.delete_everything(store.local_account())
    assert not SetupDraft.objects.exists()


# --------------------------------------------------------------------------- editing later


def test_every_step_is_a_page_of_the_profile_reached_from_the_dashboard(owner, client_for):
    user, row = owner
    c = client_for(user)
    assert f'href="/p/{row.pk}/profile/"' in c.get(f"/p/{row.pk}/").content.decode()
    index = c.get(f"/p/{row.pk}/profile/").content.decode()
    for step in STEPS:
        assert f'href="/p/{row.pk}/profile/{step.slug}/"' in index
        assert c.get(f"/p/{row.pk}/profile/{step.slug}/").status_code == 200


def test_a_page_of_the_profile_changes_its_part_and_keeps_the_rest(owner, client_for):
    user, row = owner
    c = client_for(user)
    before = StoredProfile.objects.get(pk=row.pk).data
    shown = c.get(f"/p/{row.pk}/profile/boards/")
    assert 'value="ABIM"' in shown.content.decode()  # the same form, filled from the profile
    posted = {
        **as_shown(shown),
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-0-board": "ABIM",
        "rows-0-specialty": "Internal Medicine",
        "rows-0-status": "certified",
        "rows-0-certified": "20 Aug 2021",
        "action": "save",
    }
    assert c.post(f"/p/{row.pk}/profile/boards/", posted).status_code == 302
    after = StoredProfile.objects.get(pk=row.pk).data
    assert after["board_certifications"] == [
        {"board": "ABIM", "specialty": "internal-medicine", "certified": "2021-08-20"}
    ]
    assert {k: v for k, v in after.items() if k != "board_certifications"} == {
        k: v for k, v in before.items() if k != "board_certifications"
    }


@pytest.mark.parametrize("full", [False, True], ids=["example", "full"])
@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.slug)
def test_every_page_of_the_profile_sent_back_as_shown_changes_nothing(
    owner, client_for, step, full
):
    # What each page shows, sent back untouched, must not lose or alter a thing (the
    # regulators to check were once dropped by a field the page could not fill). The
    # example fills only what the pages ask; the full profile (a file imported) also
    # what they do not show, which they once dropped (an earlier J-1's board-exam
    # extension, a document's note): tests/web/test_pages_keep_unasked.py.
    user, row = owner
    if full:
        setup_service.import_upload(user, FULL.encode(), "full.yaml", TODAY)
    c = client_for(user)
    before = setup_service.profile_data(user)  # with the documents held
    assert c.get(f"/p/{row.pk}/profile/{step.slug}/").status_code == 200
    shown = step.typed_from(before, TODAY)
    response = c.post(f"/p/{row.pk}/profile/{step.slug}/", {**shown, "action": "save"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert setup_service.profile_data(user) == before


def test_a_page_of_the_profile_refuses_in_place(owner, client_for):
    user, row = owner
    c = client_for(user)
    response = c.post(f"/p/{row.pk}/profile/date/", {"return_date": "03/06/2029", "action": "save"})
    assert response.status_code == 422
    assert "it could be 3 Jun 2029 or 6 Mar 2029" in " ".join(_errors(response))
    assert 'value="03/06/2029"' in response.content.decode()


def test_the_setup_of_someone_with_a_profile_keeps_what_it_does_not_ask(db):
    profile, _ = load_profile(example_path("cardiology-in"))
    store.save_profile(store.local_account(), to_data(profile))
    before = StoredProfile.objects.get().data
    c = _signed_in()
    for step in STEPS:  # every step shown filled from the profile, then sent on as it is
        page = c.get(f"/setup/{step.slug}/")
        assert page.status_code == 200
    c.post("/setup/date/", {**as_shown(page), "return_date": "1 Jan 2029", "action": "next"})
    after = StoredProfile.objects.get().data
    assert after["plan"]["return_date"] == "2029-01-01"
    assert after["confirmed_rules"] == before["confirmed_rules"]  # not asked, so kept
    assert after["id"] == before["id"]
    # Nothing else changed: every answer shown was sent back as it was.
    assert after["plan"] == {**before["plan"], "return_date": "2029-01-01"}
    assert {k: v for k, v in after.items() if k != "plan"} == {
        k: v for k, v in before.items() if k != "plan"
    }


# --------------------------------------------------------------------------- import


def test_import_and_export_round_trip(owner, client_for):
    user, row = owner
    c = client_for(user)
    text = example_path("cardiology-in").read_text()
    from io import BytesIO

    upload = BytesIO(text.encode())
    upload.name = "mine.yaml"
    assert c.post("/import/", {"file": upload}).status_code == 302
    exported = c.get(f"/p/{row.pk}/profile.yaml").content.decode()
    original, _ = load_profile(example_path("cardiology-in"))
    again = yaml.safe_load(exported)
    assert again == to_data(original)


def test_a_broken_import_says_where_and_keeps_the_old_profile(owner, client_for):
    user, row = owner
    c = client_for(user)
    from io import BytesIO

    upload = BytesIO(b"person: {name: x}\nhome_country: ZZ\n")
    upload.name = "bad.yaml"
    page = c.post("/import/", {"file": upload}).content.decode()
    assert "bad.yaml:2 home_country: &#x27;ZZ&#x27; is not an ISO 3166-1" in page
    assert StoredProfile.objects.get(pk=row.pk).data == row.data


def test_no_personal_value_reaches_the_logs(db, caplog, settings):
    settings.DEBUG = True  # Django would log every query, with its values, at DEBUG
    caplog.set_level(logging.DEBUG)
    for name in ("django", "django.request", "django.server", "django.template", "wayhome"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    c = _signed_in()
    done = _walk(c)
    assert c.get(done["Location"]).status_code == 200
    assert caplog.records, "debug logging was not captured at all"
    text = caplog.text
    leaked = [v for v in PERSONAL if v in text]
    assert not leaked, f"personal values in the logs: {leaked}"


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("kind=specialty&specialty=interventional%20cardiology",
         "Interventional cardiology: a subspecialty of Internal medicine, certified by ABIM."),
        ("kind=specialty&rows-0-specialty=Cardiolgy",
         "&#x27;Cardiolgy&#x27; is not a specialty Wayhome knows: did you mean Cardiology?"),
        ("kind=date&born=12%20Apr%201991", "Read as Friday 12 Apr 1991."),
        ("kind=date&born=12/04/1991", "it could be 12 Apr 1991 or 4 Dec 1991"),
        ("kind=date&born=", ""),
    ],
    ids=["specialty", "misspelt", "date", "ambiguous", "empty"],
)  # fmt: skip
def test_htmx_checks_a_field_as_soon_as_it_is_left(db, query, said):
    page = _signed_in().get(f"/setup/check/?{query}")
    assert page.status_code == 200 and said in page.content.decode()


def test_a_step_asks_htmx_to_check_its_dates_and_specialties_in_place(db):
    page = _signed_in().get("/setup/return/").content.decode()
    field = page.split('name="specialty"', 1)[1].split(">", 1)[0]
    assert 'hx-get="/setup/check/"' in field and 'list="specialties"' in field
    assert '<span class="hint" aria-live="polite"></span>' in page


def test_docs_show_each_step_with_its_screenshot():
    from pathlib import Path

    docs = Path(__file__).parents[2] / "docs"
    text = (docs / "web.md").read_text(encoding="utf-8")
    for n, step in enumerate(STEPS, 1):
        image = f"img/setup-{n:02}-{step.slug}.png"
        assert f"### {n}. {step.title}\n" in text and f"]({image})" in text, step.slug
        assert (docs / image).is_file(), image


def test_the_trips_page_keeps_stays_it_did_not_write(owner, client_for):
    """Stays with a gap (days nobody recorded) are shown each as a row, so that saving
    the page changes nothing it was not told."""
    user, row = owner
    data = StoredProfile.objects.get(pk=row.pk).data
    data["stays"] = [
        {"country": "US", "start": "2019-07-01", "end": "2021-01-01"},
        {"country": "XX", "start": "2021-01-01", "end": "2021-01-20"},
        {"country": "US", "start": "2022-01-01", "end": "2022-06-01"},
    ]
    StoredProfile.objects.filter(pk=row.pk).update(data=data)
    c = client_for(user)
    shown = c.get(f"/p/{row.pk}/profile/trips/").context["bound"]
    answers = dict(shown.form.data.items())  # what the page shows, sent back as it is
    assert answers["rows-TOTAL_FORMS"] == "3" and answers.get("us_since", "") == ""
    assert c.post(f"/p/{row.pk}/profile/trips/", {**answers, "action": "save"}).status_code == 302
    assert StoredProfile.objects.get(pk=row.pk).data["stays"] == data["stays"]


def test_the_trips_page_reads_back_what_it_wrote(owner, client_for):
    user, row = owner
    c = client_for(user)
    posted = {
        **as_shown(c.get(f"/p/{row.pk}/profile/trips/")),
        "us_since": "1 Jul 2019",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-0-country": "XX",
        "rows-0-start": "1 Jan 2021",
        "rows-0-end": "20 Jan 2021",
        "action": "save",
    }
    assert c.post(f"/p/{row.pk}/profile/trips/", posted).status_code == 302
    stays = StoredProfile.objects.get(pk=row.pk).data["stays"]
    assert [s["country"] for s in stays] == ["US", "XX", "US"] and stays[-1]["end"] == "2026-11-24"
    page = c.get(f"/p/{row.pk}/profile/trips/").content.decode()
    assert 'value="1 Jul 2019"' in page and 'name="rows-1-country"' not in page
