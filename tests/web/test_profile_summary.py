"""*Your profile* shows, under each step's title, what that part of the profile holds, in
plain words (names, not codes; dates as "15 Mar 1990"), "not given yet" where empty: one
function (services/profile_summary.py) makes the lines."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.urls import reverse

from tests.web.markup import text_of
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.core.profile.model import VisaType, WaiverRoute
from wayhome.services import profile_summary
from wayhome.web.forms.setup import STEPS

ON = date(2026, 11, 24)

CARDIOLOGY_IN = {
    "you": "Dr. A. Example, born 15 Mar 1990, citizen of India, home country India",
    "return": (
        "An academic or tertiary hospital post; Internal medicine recognised; checked for India"
    ),
    "school": "India, degree 30 Jun 2014, internship 1 Jun 2013 to 31 May 2014",
    "training": (
        "Residency in Internal medicine, 1 Jul 2018 to 30 Jun 2021; "
        "Fellowship in Cardiology, 1 Jul 2021 to 30 Jun 2024"
    ),
    "boards": "ABIM in Internal medicine, certified 20 Aug 2021, expires 31 Dec 2031",
    "licences": "New York, United States, full licence, issued 1 Sep 2021, expires 31 Aug 2027",
    "work": "Attending in Cardiology, United States, since 1 Jul 2024",
    "visa": (
        "H-1B since 1 Jul 2024; J-1 20 Jun 2018 to 30 Jun 2024; "
        "Conrad 30 waiver granted 15 Apr 2024"
    ),
    "trips": "not given yet",
    "exams": "USMLE Step 2 CK passed 12 Apr 2017",
    "documents": "not given yet",
    "date": "Back home on 1 Jul 2028",
}


def test_the_lines_of_the_cardiology_example():
    profile, _ = load_profile(example_path("cardiology-in"))
    assert profile_summary.summaries(profile, ON) == CARDIOLOGY_IN


def test_a_line_for_every_step_in_order():
    assert tuple(profile_summary.STEPS) == tuple(s.slug for s in STEPS)


def test_a_board_after_today_is_planned_and_trips_are_counted():
    profile, _ = load_profile(example_path("do-the-math"))
    lines = profile_summary.summaries(profile, ON)
    assert lines["boards"] == "ABIM in Internal medicine, planned for 20 Aug 2027"
    assert lines["trips"] == "In the US since 20 Jun 2024; no trips abroad"
    assert lines["licences"] == "not given yet"


def test_the_profile_page_shows_them_under_each_title(db, client_for, monkeypatch):
    monkeypatch.setattr("wayhome.web.views.steps.today", lambda: ON)
    user, row = make_account("cardio", "cardiology-in")
    r = client_for(user).get(reverse("wayhome:profile", args=[row.pk]))
    page = text_of(r)
    for step in STEPS:
        assert f"{step.title} {CARDIOLOGY_IN[step.slug]}" in page, step.slug
    assert "internal-medicine" not in page


def make_account(username: str, example: str):
    """An account with an example profile stored (as tests/web/conftest.py makes them)."""
    user = User.objects.create_user(username, password="correct horse battery")
    profile, _ = load_profile(example_path(example))
    return user, StoredProfile.objects.create(owner=user, data=to_data(profile))


def test_a_status_is_said_in_words():
    # The surgeon's green card and earlier H-1B; a hardship waiver by its name.
    profile, _ = load_profile(example_path("cardiology-in"))
    changed = profile.model_copy(
        update={
            "visa": profile.visa.model_copy(update={"type": VisaType.GREEN_CARD}),
            "j1_waiver": profile.j1_waiver.model_copy(update={"route": WaiverRoute.HARDSHIP}),
        }
    )
    line = profile_summary._visa(changed)
    assert line.startswith("Green card since 1 Jul 2024")
    assert "green-card" not in line and "exceptional hardship waiver granted" in line
