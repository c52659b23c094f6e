"""The guided setup: from nothing to a stored profile and a dashboard."""

import logging

import yaml
from django.test import Client

from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data

ANSWERS = [
    ("return", {"return_type": "academic"}),
    (
        "home",
        {
            "name": "Dr. Priya Testwoman",
            "born": "1991-04-17",
            "home_country": "XX",
            "targets": ["XX"],
        },
    ),
    ("school", {"school_country": "XX", "school_start": "2010-09-01", "graduated": "2016-06-30"}),
    (
        "training",
        {
            "specialty": "internal-medicine",
            "kind_0": "residency",
            "specialty_0": "internal-medicine",
            "country_0": "US",
            "start_0": "2023-07-01",
            "end_0": "2026-06-30",
        },
    ),
    ("board", {"board": "ABIM", "board_specialty": "internal-medicine", "certified": "2026-08-20"}),
    ("visa", {"visa_type": "J-1", "visa_start": "2023-06-20"}),
    ("plan", {"return_date": "2027-07-01"}),
]
PERSONAL = ("Priya", "Testwoman", "1991-04-17", "2016-06-30", "2023-06-20")


def _signed_in() -> Client:
    c = Client()
    c.force_login(store.local_account())
    return c


def _walk(c: Client):
    response = None
    for step, data in ANSWERS:
        response = c.post(f"/setup/{step}/", data)
        assert response.status_code == 302, (step, response.content[:2000])
    return response


def test_a_new_user_goes_from_nothing_to_a_dashboard(db):
    c = _signed_in()
    first = c.get("/", follow=True)
    assert b"Step 1 of 7" in first.content and b"Why we ask" in first.content
    done = _walk(c)
    row = StoredProfile.objects.get(owner__username="local")
    assert done["Location"] == f"/p/{row.pk}/"
    assert row.data["person"]["name"] == "Dr. Priya Testwoman"
    assert row.data["plan"]["targets"] == ["XX"]
    page = c.get(done["Location"]).content.decode()
    assert "Your plan" in page
    assert "Sit the conversion exam within the window after graduation" in page
    assert "the 10-year window ends 29 Jun 2026" in page


def test_each_step_says_why_it_asks_and_refuses_bad_answers(db):
    c = _signed_in()
    c.post("/setup/return/", {"return_type": "academic"})
    response = c.post("/setup/home/", {"name": "", "home_country": "XX"})
    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert b"Age limits count from your date of birth" in response.content


def test_editing_keeps_what_the_setup_does_not_ask(db):
    c = _signed_in()
    profile, _ = load_profile(example_path("cardiology-in"))
    store.save_profile(store.local_account(), to_data(profile))
    c.get("/setup/return/")  # prefilled from the stored profile
    for step, _ in ANSWERS[:-1]:
        page = c.get(f"/setup/{step}/")
        assert page.status_code == 200
    row = StoredProfile.objects.get()
    before = row.data
    answers = c.get("/setup/plan/").context["form"].initial
    assert answers["name"] == "Dr. A. Example"
    c.post("/setup/return/", {"return_type": "private"})
    for step, data in ANSWERS[1:-1]:
        c.post(
            f"/setup/{step}/", {k: "" if answers.get(k) is None else answers.get(k) for k in data}
        )
    c.post("/setup/plan/", {"return_date": "2029-01-01"})
    after = StoredProfile.objects.get().data
    assert after["plan"]["return_type"] == "private"
    assert after["plan"]["return_date"] == "2029-01-01"
    assert after["confirmed_rules"] == before["confirmed_rules"]  # not asked, so kept
    assert after["work"] == before["work"]
    assert after["id"] == before["id"]


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
