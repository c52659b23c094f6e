"""The case-log import in real headless Chromium (Debian's, through Playwright): a
real-shaped ACGME download imported and its categories browsed, files that are no case
log refused in words, and the column step used as a person would (columns chosen, the
date order told). Screenshots go to WAYHOME_SCREENSHOTS (tests/helpers/browser.py)."""

from __future__ import annotations

import pytest

from tests.helpers import acgme
from tests.helpers.browser import needs_chromium, shot
from wayhome.adapters.db import store
from wayhome.adapters.db.models import ProcedureRecord, StoredProfile

pytestmark = needs_chromium


@pytest.fixture
def log_page(browser, live_server, transactional_db):
    """The procedure log page, signed in as the local account with a stored profile."""
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    user = store.local_account()
    row = StoredProfile.objects.create(
        owner=user, data=to_data(load_profile(example_path("do-the-math"))[0])
    )
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{live_server.url}/signin/token/?token={store.new_sign_in_token(user)}")
    page.goto(f"{live_server.url}/p/{row.pk}/cases/")
    yield page
    page.context.close()


def _choose(page, tmp_path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.get_by_label("Case-log file (.csv, .xlsx)").set_input_files(str(path))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_acgme_download_is_imported_and_its_categories_browsed(log_page, tmp_path, kind):
    from playwright.sync_api import expect

    page = log_page
    data = acgme.csv_text().encode() if kind == "csv" else acgme.xlsx_bytes()
    _choose(page, tmp_path, f"case_log.{kind}", data)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("5 rows read: 5 procedures added")).to_be_visible()
    expect(page.get_by_role("heading", name="4 cases, 5 procedures")).to_be_visible()
    expect(page.get_by_text("could identify a patient: PatientName, Comments")).to_be_visible()
    expect(page.get_by_role("row", name="Oculoplastics › Eyelid")).to_contain_text("1 (1)")
    expect(page.get_by_role("row", name="Cataract", exact=False).first).to_contain_text("1 (2)")
    for patient in acgme.PATIENT_VALUES:
        expect(page.get_by_text(patient)).to_have_count(0)
    shot(page, f"caselog-acgme-{kind}")
    page.get_by_role("link", name="(no category)").click()
    expect(page.get_by_text("(no category): 1 procedure")).to_be_visible()
    expect(page.get_by_role("cell", name="Laser trabeculoplasty")).to_be_visible()
    expect(page.get_by_role("cell", name="Cataract removal with IOL")).to_have_count(0)


def test_files_that_are_no_case_log_are_refused_in_words(log_page, tmp_path):
    from playwright.sync_api import expect

    page = log_page
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Choose your case-log file (.csv or .xlsx) first.")).to_be_visible()
    _choose(page, tmp_path, "empty.csv", b"")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("The submitted file is empty.")).to_be_visible()
    _choose(page, tmp_path, "scan.xlsx", b"%PDF-1.4 not a spreadsheet")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("scan.xlsx: this spreadsheet could not be read")).to_be_visible()
    expect(page.get_by_text("No procedures yet.")).to_be_visible()
    shot(page, "caselog-refused")
    assert not ProcedureRecord.objects.exists()


OWN = "Logbook\nWhen,What I did,My part,Patient Name\n03/06/2024,Appendectomy,Primary operator,X\n"


def test_the_column_step_takes_the_columns_and_the_date_order(log_page, tmp_path):
    from playwright.sync_api import expect

    page = log_page
    _choose(page, tmp_path, "mine.csv", OWN.encode())
    page.get_by_role("button", name="Check the columns first").click()
    expect(page.get_by_role("heading", name="Which column is which: mine.csv")).to_be_visible()
    expect(
        page.get_by_text("Never read, as they could identify a patient: Patient Name")
    ).to_be_visible()
    # Nothing says what was done yet: refused in words, and the step comes back.
    page.get_by_label("Procedure date").select_option("When")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("no column says what each procedure was")).to_be_visible()
    page.get_by_label("Procedure date").select_option("When")
    page.get_by_label("Procedure description").select_option("What I did")
    page.get_by_label("Your role").select_option("My part")
    page.get_by_label("Dates like 03/06/2024").select_option("day-first")
    shot(page, "caselog-columns")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("1 row read: 1 procedure added")).to_be_visible()
    expect(
        page.get_by_text("Dates with slashes were read day first, as you chose.")
    ).to_be_visible()
    page.get_by_text("The log, row by row: 1 procedure").click()  # folded away until asked
    expect(page.get_by_role("cell", name="3 Jun 2024")).to_be_visible()
