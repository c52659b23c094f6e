"""The CV page: headed for the plan's first target unless another is chosen, what a CV
for it shows with its sources, a photograph from the vault where the target allows, and
the downloads; a bad choice is refused beside its field."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from tests.helpers.web import data_on, open_vault
from wayhome.services import vault as vault_service
from wayhome.services import vault_access

ON = date(2026, 12, 5)


def make_account(username: str, targets: list[str] | None = None):
    """An account whose stored profile is the Indian cardiologist's example, its plan's
    targets ``targets`` where given."""
    from django.contrib.auth.models import User

    from wayhome.adapters.db.models import StoredProfile
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    user = User.objects.create_user(username, password="correct horse battery")
    data = to_data(load_profile(example_path("cardiology-in"))[0])
    if targets is not None:
        data["plan"]["targets"] = targets
    return user, StoredProfile.objects.create(owner=user, data=data)


@pytest.fixture(autouse=True)
def setting(settings, tmp_path, monkeypatch):
    yield from data_on(settings, tmp_path, monkeypatch, ON)


@pytest.fixture
def physician(db):
    """An Indian cardiologist going home, with Dubai as the second choice."""
    return make_account("physician", ["IN", "AE-DHA"])


def photo_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), (90, 120, 160)).save(out, format="PNG")
    return out.getvalue()


def stored_photo(client, user):
    """A photograph stored in the vault, as an upload stores it, for this session."""
    open_vault(client)
    vault_access.store(
        user,
        client.session.session_key,
        lambda v: vault_service.ingest(user, v, "me.png", photo_png()),
    )
    from wayhome.adapters.db.models import VaultFile

    return VaultFile.objects.get(owner=user, name="me.png")


@pytest.fixture
def photographed(transactional_db, client_for):
    """A physician going to Germany (a CV with a photograph) or the UK (one without),
    signed in, with a photograph stored in the vault: (client, profile row, file)."""
    user, row = make_account("photo", ["DE", "GB"])
    c = client_for(user)
    return c, row, stored_photo(c, user)


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split()
    )


def test_it_is_headed_for_the_first_target(physician, client_for):
    user, row = physician
    response = client_for(user).get(f"/p/{row.pk}/cv/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Curriculum vitae for an academic post, India" in html
    assert 'value="IN" selected' in html
    # What a CV for India shows, with the question where nobody reliable says.
    assert "Registration and licence numbers" in html and "(secondary)" in html
    assert "Does the hospital or medical college you apply to expect a photograph" in html
    pdf = client_for(user).get(f"/p/{row.pk}/cv.pdf")
    assert "Curriculum vitae for an academic post, India" in pdf_text(pdf.content)


def test_another_target_is_chosen_and_the_downloads_follow_it(physician, client_for):
    user, row = physician
    c = client_for(user)
    html = c.get(f"/p/{row.pk}/cv/?target=AE-DHA").content.decode()
    assert "Curriculum vitae for an academic post, Dubai Health Authority (DHA)" in html
    assert f'href="/p/{row.pk}/cv.pdf?target=AE-DHA"' in html
    word = c.get(f"/p/{row.pk}/cv.docx?target=AE-DHA")
    subtitle = docx.Document(io.BytesIO(word.content)).paragraphs[1].text
    assert subtitle == "Curriculum vitae for an academic post, Dubai Health Authority (DHA)"


@pytest.mark.parametrize("path", ["cv/", "cv.pdf", "cv.docx"], ids=["page", "pdf", "word"])
def test_it_reads_the_stored_profile_once(physician, client_for, monkeypatch, path):
    """The form's targets and the CV come from one read (services/cv.stored)."""
    from wayhome.services import cv as cv_service

    reads = []
    real = cv_service.from_store
    monkeypatch.setattr(cv_service, "from_store", lambda owner: reads.append(1) or real(owner))
    user, row = physician
    assert client_for(user).get(f"/p/{row.pk}/{path}?target=AE-DHA").status_code == 200
    assert len(reads) == 1


def test_a_target_not_in_the_plan_is_refused_beside_its_field(physician, client_for):
    user, row = physician
    c = client_for(user)
    response = c.get(f"/p/{row.pk}/cv/?target=ZZ")
    html = response.content.decode()
    assert response.status_code == 400
    assert "The CV is for: &#x27;ZZ&#x27; is not one of your plan&#x27;s targets" in html
    assert "Download the CV" not in html
    # A download asked for with it goes back to the page that says why.
    back = c.get(f"/p/{row.pk}/cv.pdf?target=ZZ")
    assert back.status_code == 302 and back["Location"].endswith("/cv/?target=ZZ")


def test_without_a_cv_section_it_is_us_style_and_says_so(physician, client_for):
    user, row = physician
    row.data["plan"]["targets"] = ["JP"]
    row.save()
    c = client_for(user)
    html = c.get(f"/p/{row.pk}/cv/").content.decode()
    assert "Laid out in US style: no CV conventions are recorded for Japan." in html
    text = pdf_text(c.get(f"/p/{row.pk}/cv.pdf").content)
    assert "Laid out in US style: no CV conventions are recorded for Japan." in text


@pytest.mark.django_db(transaction=True)
def test_a_photograph_from_the_vault_goes_on_a_cv_for_germany(photographed):
    c, row, photo = photographed
    html = c.get(f"/p/{row.pk}/cv/").content.decode()
    assert f'<option value="{photo.pk}">me.png</option>' in html
    html = c.get(f"/p/{row.pk}/cv/?target=DE&photo={photo.pk}").content.decode()
    assert "with your photograph" in html
    pdf = c.get(f"/p/{row.pk}/cv.pdf?target=DE&photo={photo.pk}")
    page = PdfReader(io.BytesIO(pdf.content)).pages[0]
    assert len(page.images) == 1
    assert "Date of birth 15 Mar 1990" in pdf_text(pdf.content)
    word = docx.Document(
        io.BytesIO(c.get(f"/p/{row.pk}/cv.docx?target=DE&photo={photo.pk}").content)
    )
    assert word.paragraphs[0].style.name == "CV Photo" and len(word.inline_shapes) == 1


@pytest.mark.django_db(transaction=True)
def test_a_photograph_is_refused_where_the_target_has_none(photographed):
    c, row, photo = photographed
    response = c.get(f"/p/{row.pk}/cv/?target=GB&photo={photo.pk}")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Photograph: leave it out: a CV for United Kingdom has no photograph" in html
    back = c.get(f"/p/{row.pk}/cv.docx?target=GB&photo={photo.pk}")
    assert back.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_photograph_needs_the_vault_unlocked(photographed):
    c, row, photo = photographed
    vault_access.lock(c.session.session_key)
    html = c.get(f"/p/{row.pk}/cv/?target=DE&photo={photo.pk}").content.decode()
    assert "Photograph: your vault is locked: unlock it to use a photograph" in html
    assert "unlock the vault" in html


def test_another_accounts_file_is_no_choice(physician, client_for):
    user, row = physician
    other, _ = make_account("other")
    from tests.helpers.letters import stored_file

    theirs = stored_file(other, "their.png")
    html = client_for(user).get(f"/p/{row.pk}/cv/?target=IN&photo={theirs.pk}").content.decode()
    assert "is not one of your stored images" in html


@pytest.mark.parametrize(
    "query",
    [
        "target=",
        "target=IN&photo=not-a-number",
        "target=IN&photo=99999999999999999999999",
        "target=%00",
        "target=" + "A" * 5000,
        "target=IN&target=GB&photo=1&photo=2",
    ],
)
def test_a_hostile_query_is_refused_in_words_never_a_crash(physician, client_for, query):
    user, row = physician
    c = client_for(user)
    page = c.get(f"/p/{row.pk}/cv/?{query}")
    # Refused beside a field, in words: no CV is offered for it.
    assert page.status_code == 400
    assert 'class="errorlist' in page.content.decode()
    assert 'class="errorlist' not in c.get(f"/p/{row.pk}/cv/").content.decode()
    for path in ("cv.pdf", "cv.docx"):
        # A download asked for with it goes back to the page that says why.
        response = c.get(f"/p/{row.pk}/{path}?{query}")
        assert response.status_code == 302, (path, response.status_code)
        assert response["Location"].startswith(f"/p/{row.pk}/cv/?"), path


def test_the_page_shows_what_the_cv_says_with_what_is_expected(physician, client_for):
    """The audited cardiologist, stored as the setup stores him, on 5 Dec 2026: the page
    shows the CV's lines as the files have them, a certification to come as expected."""
    from tests.helpers.setups import reference

    user, row = physician
    row.data = reference("j1-cardiologist-india")
    row.save()
    c = client_for(user)
    html = " ".join(c.get(f"/p/{row.pk}/cv/").content.decode().split())
    assert "What it says" in html
    assert "ABIM: cardiovascular disease" in html and "expected Oct 2027" in html
    assert "Jul 2024 to Jun 2027 (expected)" in html
    assert "Mount Sinai Hospital, United States" in html
    assert "certified 15 Oct 2027" not in html
    text = pdf_text(c.get(f"/p/{row.pk}/cv.pdf").content)
    assert "ABIM: cardiovascular disease expected Oct 2027" in text
