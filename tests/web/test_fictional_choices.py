"""The fictional Exampleland (XX, the try-it-out pack's) is offered in the country and
regulator pickers only to a profile that already uses it (the do-the-math example), never
to a real one (cardiology-in)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.urls import reverse

from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import setup as setup_service
from wayhome.web.forms.base import COUNTRY_CHOICES, with_fictional
from wayhome.web.forms.setup import BY_SLUG

REGULATOR = '<option value="XX">XX: Exampleland Medical Council (fictional)</option>'
COUNTRY = '<option value="XX">Exampleland (fictional) (XX)</option>'

# Each page with a picker of countries or regulators.
PAGES = ("return", "you", "school", "licences", "work", "trips")


def _pages(client, pk):
    for step in PAGES:
        yield step, client.get(reverse("wayhome:profile-step", args=[pk, step])).content.decode()
    yield "visa", client.get(reverse("wayhome:visa", args=[pk])).content.decode()


def test_a_real_profile_is_never_offered_exampleland(db, client_for):
    user, row = make_account("real", "cardiology-in")
    c = client_for(user)
    for step, page in _pages(c, row.pk):
        assert "Exampleland" not in page, step
    assert (
        "India (IN)"
        in c.get(reverse("wayhome:profile-step", args=[row.pk, "you"])).content.decode()
    )


def test_the_try_it_out_profile_keeps_it_offered_and_saves(db, client_for):
    user, row = make_account("example", "do-the-math")
    c = client_for(user)
    pages = dict(_pages(c, row.pk))
    assert REGULATOR in pages["return"]
    for step in ("you", "licences", "visa"):  # even a picker with nothing in XX yet
        assert COUNTRY in pages[step], step
    # Saved again as shown, its XX values go through.
    step = BY_SLUG["you"]
    answers = step.typed_from(setup_service.profile_data(user), date.today())
    flat = {k: v for k, v in answers.items()}
    r = c.post(reverse("wayhome:profile-step", args=[row.pk, "you"]), flat)
    assert r.status_code == 302, r.content.decode()[:2000]


def test_choices_lists_and_the_helper():
    assert all(c != "XX" for c, _ in COUNTRY_CHOICES)
    assert ("XX", "Exampleland (fictional) (XX)") in with_fictional(COUNTRY_CHOICES)
    assert all(c != "XX" for c, _ in setup_service.choices().targets)
    assert ("XX", "XX: Exampleland Medical Council (fictional)") in setup_service.choices(
        True
    ).targets
    assert setup_service.uses_fictional({"plan": {"targets": ["XX"]}})
    assert not setup_service.uses_fictional({"plan": {"targets": ["IN"]}, "x": "XXL"})


def make_account(username: str, example: str):
    """An account with an example profile stored (as tests/web/conftest.py makes them)."""
    user = User.objects.create_user(username, password="correct horse battery")
    profile, _ = load_profile(example_path(example))
    return user, StoredProfile.objects.create(owner=user, data=to_data(profile))


def test_the_setup_offers_it_last_for_trying_wayhome_out(db, client_for):
    user = User.objects.create_user("new")
    page = client_for(user).get(reverse("wayhome:setup", args=["you"])).content.decode()
    assert COUNTRY in page and REGULATOR not in page  # the country step; no regulator here
    options = page[page.index('name="citizenship"') :]
    assert options.index("Zimbabwe (ZW)") < options.index(COUNTRY)  # after the real ones
    page = client_for(user).get(reverse("wayhome:setup", args=["return"])).content.decode()
    assert REGULATOR in page
