"""Documents per target, a packet built and marked sent, and contacts by hand, in real
headless Chromium (Debian's, driven by Playwright with the system executable), each form
tried with bad input first: it is refused in words beside its field, then the good
input is taken.

Dr. Mehta of tests/helpers/setups (India, with Dubai as a backup) here holds a Caribbean
degree, so India's FMGE list applies: the degree both ask for is listed once, with both.
Screenshots go to WAYHOME_SCREENSHOTS (docs/img/ takes them, made smaller).
"""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.helpers.browser import needs_chromium, shot
from tests.helpers.setups import REFERENCES, TODAY
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile

pytestmark = needs_chromium
DEGREE = "Primary medical qualification (degree) certificate"
PASS = "correct horse battery staple"


@pytest.fixture
def mehta(live_server, transactional_db, browser, monkeypatch, settings, tmp_path):
    """A page signed in as Dr. Mehta (Caribbean degree; India, then Dubai), on the
    three users' day; returns (page, base URL of the profile's pages)."""
    from django.utils import timezone

    from wayhome.adapters.profiles import load_profile, to_data
    from wayhome.services import unlocked

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    profile, _ = load_profile(REFERENCES / "j1-cardiologist-india.yaml")
    school = profile.medical_school.model_copy(update={"country": "DM", "name": "Ross University"})
    profile = profile.model_copy(update={"medical_school": school, "documents": []})
    user = store.local_account()
    row = StoredProfile.objects.create(owner=user, data=to_data(profile))
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{live_server.url}/signin/token/?token={store.new_sign_in_token(user)}")
    yield page, f"{live_server.url}/p/{row.pk}"
    page.context.close()
    unlocked._open.clear()


def message(page, text: str):
    return page.locator(".message", has_text=text)


def test_each_targets_documents_with_the_shared_degree_once(mehta):
    from playwright.sync_api import expect

    page, base = mehta
    page.goto(f"{base}/documents/")
    expect(page.get_by_role("heading", name="For India")).to_be_visible()
    expect(page.get_by_role("heading", name="For Dubai Health Authority (DHA)")).to_be_visible()
    shared = page.locator("li.document", has_text=DEGREE)
    expect(shared).to_have_count(1)  # once on the whole page
    expect(page.get_by_text(DEGREE, exact=True)).to_have_count(1)
    expect(shared.locator(".serves")).to_have_text(
        "For India, Dubai Health Authority (DHA); also on the guide's list"
    )
    expect(shared).to_contain_text("Also called: Primary medical degree and transcript")
    expect(shared).to_contain_text("Step 1, for India: apostille")
    expect(shared).to_contain_text(
        "Dubai Health Authority (DHA): allow 3 months to get it or have it verified"
    )
    # Both targets' sections name it among their shared documents.
    expect(page.locator("section[aria-labelledby=by-target]")).to_contain_text(
        "India: 4 documents, 2 shared with another target"
    )
    shot(page, "documents-per-target")

    # A day with slashes is refused in words, naming the field; nothing is saved.
    issued = shared.get_by_label("Issued on")
    issued.fill("15/04/2015")
    shared.get_by_role("button", name="Save").click()
    expect(message(page, "Issued on: '15/04/2015' is not a date")).to_be_visible()
    shared = page.locator("li.document", has_text=DEGREE)
    expect(shared.get_by_label("Issued on")).to_have_value("")
    shared.get_by_label("Issued on").fill("15 Apr 2015")
    shared.get_by_label(re.compile(r"^Step 1, for India: apostille")).fill("2 May 2026")
    shared.get_by_role("button", name="Save").click()
    expect(message(page, f"{DEGREE}: saved.")).to_be_visible()
    shared = page.locator("li.document", has_text=DEGREE)
    expect(shared.get_by_label("Issued on")).to_have_value("15 Apr 2015")
    expect(shared.get_by_label(re.compile(r"^Step 1, for India: apostille"))).to_have_value(
        "2 May 2026"
    )


def _make_the_vault(page, base: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base.rsplit('/p/', 1)[0]}/vault/")
    page.get_by_label("Passphrase", exact=True).fill(PASS)
    page.get_by_label("The same passphrase again").fill(PASS)
    page.get_by_role("button", name="Make the vault").click()
    expect(page.locator(".recovery-code")).to_be_visible()


def test_a_packet_for_india_is_built_then_marked_sent(mehta, tmp_path):
    from playwright.sync_api import expect

    from tests.helpers.letters import text_pdf

    page, base = mehta
    _make_the_vault(page, base)
    scan = tmp_path / "degree.pdf"
    scan.write_bytes(text_pdf(["Ross University School of Medicine", "Doctor of Medicine"]))
    page.goto(f"{base}/documents/")
    shared = page.locator("li.document", has_text=DEGREE)
    shared.get_by_label("Add a scan or PDF").set_input_files(str(scan))
    shared.get_by_role("button", name="Store it").click()
    expect(message(page, "degree.pdf stored")).to_be_visible()

    # Dubai's packet has the degree too: one document, one file, two targets.
    page.goto(f"{base}/packets/?country=AE-DHA")
    expect(page.get_by_role("checkbox", name=DEGREE)).to_be_checked()
    page.goto(f"{base}/packets/?country=IN")
    expect(page.get_by_role("checkbox", name=DEGREE)).to_be_checked()
    expect(page.get_by_text("No file yet, so not in the packet:")).to_contain_text(
        "Internship completion certificate"
    )
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"^Build the packet")).click()
    assert download.value.suggested_filename == "wayhome-packet-IN.zip"
    with zipfile.ZipFile(download.value.path()) as z:
        names = z.namelist()
    assert {"index.pdf", "SHA256SUMS", "files/01-degree.pdf"} <= set(names)

    # Sent: a day typed with slashes, then one still to come, are refused in words.
    page.get_by_label("Sent on").fill("20/11/2026")
    page.get_by_role("button", name="Mark this packet sent").click()
    expect(message(page, "Sent on: '20/11/2026' is not a date")).to_be_visible()
    page.get_by_label("Sent on").fill("1 Dec 2026")
    page.get_by_role("button", name="Mark this packet sent").click()
    expect(message(page, "1 Dec 2026 is still to come")).to_be_visible()
    expect(page.get_by_text("None marked sent yet.")).to_be_visible()
    page.get_by_label("Sent on").fill("20 Nov 2026")
    page.get_by_label("How and to whom").fill("NBEMS portal upload")
    page.get_by_role("button", name="Mark this packet sent").click()
    expect(
        message(page, "Packet for India marked sent on 20 Nov 2026, with 1 document.")
    ).to_be_visible()
    sent = page.locator("#sent-packets li.finding")
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text("India sent 20 Nov 2026 — NBEMS portal upload")
    expect(sent).to_contain_text(f"{DEGREE}: degree.pdf")
    shot(page, "packets-sent")


def test_contacts_are_added_corrected_and_deleted_by_hand(mehta):
    from playwright.sync_api import expect

    page, base = mehta
    page.goto(f"{base}/contacts/")
    page.get_by_text("Add a contact by hand").click()
    add = page.locator("#add-contact")
    add.get_by_label("Name").fill("Dr. Tom Hale")
    add.get_by_label("Job title").fill("Program Director")
    add.get_by_label("Email").fill("tom.hale at mercy")
    add.get_by_label("Last in touch").fill("31/10/2026")
    add.get_by_role("button", name="Add the contact").click()

    add = page.locator("#add-contact")
    expect(add.locator(".field", has=page.locator('[name="email"]'))).to_contain_text(
        "Not an email address: write it like name@hospital.org"
    )
    expect(add.locator(".field", has=page.locator('[name="last_contact"]'))).to_contain_text(
        "'31/10/2026' is not a date"
    )
    expect(add.get_by_label("Email")).to_have_value("tom.hale at mercy")  # kept as typed
    expect(page.get_by_text("No contacts yet")).to_be_visible()
    shot(page, "contacts-refused")
    add.get_by_label("Email").fill("tom.hale@mercy.example")
    add.get_by_label("Last in touch").fill("31 Oct 2026")
    add.get_by_role("button", name="Add the contact").click()
    expect(message(page, "Dr. Tom Hale added, as programme director.")).to_be_visible()
    tom = page.locator("li.contact", has_text="Dr. Tom Hale")
    expect(tom).to_contain_text("Role: programme director (from the job title")
    expect(tom).to_contain_text("last in touch 31 Oct 2026")

    # The role corrected: he is the physician's mentor.
    tom.get_by_text("Edit Dr. Tom Hale").click()
    tom.get_by_label("programme director").uncheck()
    tom.get_by_label("US mentor").check()
    tom.get_by_label("Last in touch").fill("1 Dec 2026")  # still to come: refused
    tom.get_by_role("button", name="Save Dr. Tom Hale").click()
    tom = page.locator("li.contact", has_text="Dr. Tom Hale")
    expect(tom.locator(".field", has=page.locator('[name="last_contact"]'))).to_contain_text(
        "1 Dec 2026 is still to come"
    )
    expect(tom.get_by_label("US mentor")).to_be_checked()  # what was ticked, kept
    tom.get_by_label("Last in touch").fill("20 Nov 2026")
    tom.get_by_role("button", name="Save Dr. Tom Hale").click()
    expect(message(page, "Dr. Tom Hale saved, as US mentor.")).to_be_visible()
    tom = page.locator("li.contact", has_text="Dr. Tom Hale")
    expect(tom).to_contain_text("Role: US mentor")
    expect(tom).not_to_contain_text("from the job title")
    shot(page, "contacts-by-hand")

    tom.get_by_text("Edit Dr. Tom Hale").click()
    tom.get_by_role("button", name="Delete Dr. Tom Hale").click()
    expect(message(page, "Dr. Tom Hale deleted.")).to_be_visible()
    expect(page.locator("li.contact")).to_have_count(0)
