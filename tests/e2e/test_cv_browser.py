"""The CV page in real headless Chromium (Debian's, through Playwright): the target the
CV is for chosen from the plan's (the first unless another is chosen), a choice not in
the plan refused beside its field, and a photograph from the vault refused where the
target's CV has none, then taken where it has. Screenshots go to WAYHOME_SCREENSHOTS
(tests/helpers/browser.py)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests.helpers.browser import error_beside, needs_chromium, shot
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile

pytestmark = needs_chromium
PASS = "correct horse battery staple"
ON = date(2026, 12, 5)


@pytest.fixture
def cv_page(browser, live_server, transactional_db, settings, tmp_path, monkeypatch):
    """The CV page, signed in as the local account: the cardiology-in example going to
    India first, then Dubai, the United Kingdom and Germany. Returns (page, user, url);
    the page's console messages are kept on ``page.csp``."""
    from django.utils import timezone

    from wayhome.adapters.profiles import example_path, load_profile, to_data
    from wayhome.services import unlocked

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)
    data = to_data(load_profile(example_path("cardiology-in"))[0])
    data["plan"]["targets"] = ["IN", "AE-DHA", "GB", "DE"]
    user = store.local_account()
    row = StoredProfile.objects.create(owner=user, data=data)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.csp = []
    page.on(
        "console",
        lambda m: page.csp.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/signin/token/?token={store.new_sign_in_token(user)}")
    url = f"{live_server.url}/p/{row.pk}/cv/"
    page.goto(url)
    yield page, user, url
    page.context.close()
    unlocked._open.clear()


def test_the_target_is_the_first_unless_another_is_chosen(cv_page):
    from playwright.sync_api import expect

    page, _, url = cv_page
    made = page.get_by_role("heading", level=2).first
    expect(made).to_have_text("Curriculum vitae for an academic post, India")
    expect(page.get_by_label("The CV is for")).to_have_value("IN")
    page.get_by_label("The CV is for").select_option(label="Dubai Health Authority (DHA)")
    page.get_by_role("button", name="Use these").click()
    expect(made).to_have_text("Curriculum vitae for an academic post, Dubai Health Authority (DHA)")
    expect(page.get_by_role("row", name="Date of birth")).to_contain_text(
        "Not known: ask. Does the DHA expect your date of birth on the CV?"
    )
    shot(page, "cv-page-dubai")
    with page.expect_download() as download:
        page.get_by_role("link", name="as Word (.docx), to edit").click()
    import docx

    word = docx.Document(download.value.path())
    assert word.paragraphs[1].text == (
        "Curriculum vitae for an academic post, Dubai Health Authority (DHA)"
    )

    # The United Kingdom: the GMC's conventions, each with its source and grade.
    page.get_by_label("The CV is for").select_option(label="United Kingdom")
    page.get_by_role("button", name="Use these").click()
    expect(page.get_by_role("row", name="Dates")).to_contain_text("DD/MM/YYYY")
    expect(page.get_by_role("row", name="Dates")).to_contain_text("(regulator)")
    shot(page, "cv-page-united-kingdom")

    # A target not in the plan (typed into the address) is refused beside its field.
    page.goto(f"{url}?target=ZZ")
    expect(error_beside(page, "target")).to_contain_text(
        "The CV is for: 'ZZ' is not one of your plan's targets"
    )
    expect(page.get_by_role("link", name="Download the CV (PDF)")).to_have_count(0)
    assert page.csp == []


def test_a_photograph_is_refused_where_the_cv_has_none_and_taken_where_it_has(cv_page):
    from PIL import Image
    from playwright.sync_api import expect

    from wayhome.services import vault as vault_service
    from wayhome.services import vault_access

    page, user, url = cv_page
    # Locked: the page says how to put a photograph on the CV.
    expect(page.get_by_text("unlock the vault")).to_be_visible()
    page.goto(url.split("/p/")[0] + "/vault/")
    page.get_by_label("Passphrase", exact=True).fill(PASS)
    page.get_by_label("The same passphrase again").fill(PASS)
    page.get_by_role("button", name="Make the vault").click()
    expect(page.locator(".recovery-code")).to_be_visible()
    # A photograph stored for this browser's session, as an upload stores it.
    session = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    picture = io.BytesIO()
    Image.new("RGB", (60, 80), (90, 120, 160)).save(picture, format="PNG")
    vault_access.store(
        user, session, lambda v: vault_service.ingest(user, v, "me.png", picture.getvalue())
    )

    page.goto(url)
    page.get_by_label("The CV is for").select_option(label="United Kingdom")
    page.get_by_label("Photograph").select_option(label="me.png")
    page.get_by_role("button", name="Use these").click()
    expect(error_beside(page, "photo")).to_contain_text(
        "Photograph: leave it out: a CV for United Kingdom has no photograph"
    )
    expect(page.get_by_label("Photograph")).not_to_have_value("")  # kept as chosen
    shot(page, "cv-page-photo-refused")

    page.get_by_label("The CV is for").select_option(label="Germany")
    page.get_by_role("button", name="Use these").click()
    expect(page.get_by_text("with your photograph")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the CV (PDF)").click()
    from pypdf import PdfReader

    reader = PdfReader(download.value.path())
    assert len(reader.pages[0].images) == 1
    assert "Date of birth 15 Mar 1990" in " ".join(reader.pages[0].extract_text().split())
    assert page.csp == []
