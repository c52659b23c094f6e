"""End to end in real headless Chromium: sign-in, setup, dashboard, ticking a task.

Debian's chromium, driven by Playwright for Python with the system executable
(no browser download). Screenshots go to WAYHOME_SCREENSHOTS (default
.e2e-screenshots/ in the repository) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (python3 dev.py test installs it)"
)
SHOTS = Path(
    os.environ.get("WAYHOME_SCREENSHOTS") or Path(__file__).parents[2] / ".e2e-screenshots"
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module; each test opens its own pages (a fresh context each)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread while the browser lives;
    # the ORM calls in the tests and in the database fixtures' teardown are plain,
    # sequential ones, which Django would otherwise refuse next to a loop.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as p:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(autouse=True)
def _close_pages(browser):
    """Whatever a test leaves open (a failed one too) goes before the next test starts."""
    yield
    for context in browser.contexts:
        context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def signed_in(browser, live_server, data=None):
    """A page signed in as the local account, with the do-the-math example (or data) stored."""
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    user = store.local_account()
    if data is None:
        data = to_data(load_profile(example_path("do-the-math"))[0])
    row = StoredProfile.objects.create(owner=user, data=data)
    token = store.new_sign_in_token(user)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{live_server.url}/signin/token/?token={token}")
    return page, row


def test_sign_in_setup_dashboard_and_tick_a_task(live_server, transactional_db, browser):
    from playwright.sync_api import expect

    token = store.new_sign_in_token(store.local_account())
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    shot(page, "01-sign-in")

    page.goto(f"{live_server.url}/signin/token/?token={token}")
    expect(page.get_by_text("Step 1 of 7")).to_be_visible()
    page.get_by_label("an academic or tertiary hospital post").check()
    shot(page, "02-setup-return-type")
    page.get_by_role("button", name="Next").click()

    page.get_by_label("Your name, as on your documents").fill("Dr. Sam Browser")
    page.get_by_label("Date of birth").fill("1993-03-15")
    page.get_by_label("Home country").select_option("XX")
    page.get_by_label("XX: Exampleland Medical Council (fictional)").check()
    page.get_by_role("button", name="Next").click()

    page.get_by_label("Country of your medical school").select_option("XX")
    page.get_by_label("Degree awarded").fill("2017-06-30")
    page.get_by_role("button", name="Next").click()

    page.get_by_label("The specialty you want recognised at home").fill("internal-medicine")
    page.locator("#id_kind_0").select_option("residency")
    page.locator("#id_specialty_0").fill("internal-medicine")
    page.locator("#id_country_0").select_option("US")
    page.locator("#id_start_0").fill("2024-07-01")
    page.locator("#id_end_0").fill("2027-06-30")
    shot(page, "03-setup-training")
    page.get_by_role("button", name="Next").click()

    page.get_by_label("Board (e.g. ABIM)").fill("ABIM")
    page.get_by_label("Certified specialty").fill("internal-medicine")
    page.get_by_label("Certified on").fill("2027-08-20")
    page.get_by_role("button", name="Next").click()

    page.get_by_label("Current status", exact=True).select_option("J-1")
    page.get_by_label("In this status since").fill("2024-06-20")
    page.get_by_role("button", name="Next").click()

    page.get_by_label("I plan to be back home on").fill("2028-07-01")
    page.get_by_role("button", name="Save and see my plan").click()

    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    expect(page.get_by_text("What does not fit")).to_be_visible()
    expect(page.get_by_text("the 10-year window ends 29 Jun 2027").first).to_be_visible()
    shot(page, "04-dashboard")

    row = page.locator("li.task", has_text="Find your home regulator")
    row.get_by_role("button", name="Done").click()
    # htmx swaps just this row: no page load
    done_row = page.locator("li.task", has_text="Find your home regulator")
    expect(done_row.get_by_text("DONE", exact=True)).to_be_visible()
    expect(done_row.get_by_role("button", name="Undo")).to_be_visible()
    done_row.scroll_into_view_if_needed()
    shot(page, "05-task-ticked")

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    expect(phone.get_by_role("heading", name="Your plan")).to_be_visible()
    shot(phone, "06-dashboard-phone")
    page.close()
    phone.close()

    progress = StoredProfile.objects.get().progress
    assert progress["tasks"]["find-regulator"]["status"] == "done"


def test_scenarios_and_the_slider(live_server, transactional_db, browser):
    """Create two scenarios, compare them, and drag the slider across a deadline."""
    from playwright.sync_api import expect

    from wayhome.adapters.profiles import example_path, load_profile, to_data

    profile, _ = load_profile(example_path("do-the-math"))
    data = to_data(profile)
    # keep the example's scenario with money; the test adds two more
    data["scenarios"] = [x for x in data["scenarios"] if x["id"] == "attending-with-money"]
    # A return just before the window closes: the first sitting after it is in the window.
    data["plan"]["return_date"] = "2027-03-01"
    page, row = signed_in(browser, live_server, data)
    page.goto(f"{live_server.url}/p/{row.pk}/scenarios/")
    for name, field, value in (
        ("A year later", "Return on", "2028-03-01"),
        ("Two years as an attending", "Years as a US attending first", "2"),
    ):
        page.get_by_label("Name").fill(name)
        page.get_by_label(field).fill(value)
        page.get_by_role("button", name="Add and compare").click()
        expect(page.get_by_role("columnheader", name=name)).to_be_visible()
    expect(page.get_by_role("rowheader", name="Windows it closes")).to_be_visible()
    expect(page.get_by_text("CLOSES").first).to_be_visible()
    # money, visa and eligibility side by side for three scenarios and the plan
    expect(page.get_by_role("rowheader", name="Money over the horizon")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Visa clocks")).to_be_visible()
    expect(page.get_by_text("net present value USD").first).to_be_visible()
    assert page.locator("table.compare thead th").count() == 1 + 4
    shot(page, "07-scenarios")

    page.goto(f"{live_server.url}/p/{row.pk}/")
    window = page.locator('tr[data-rule="xx-exam-graduation-window"]')
    expect(window.locator("td").nth(2)).not_to_contain_text("CONFLICT")
    url_before = page.url
    slider = page.get_by_label("Months from your planned return")
    slider.focus()
    for _ in range(6):  # six months later: past the window
        page.keyboard.press("ArrowRight")
    expect(window.locator("td").nth(2)).to_contain_text("CONFLICT")
    expect(window).to_contain_text("changed")
    assert page.url == url_before  # a partial update, not a new page
    window.scroll_into_view_if_needed()
    shot(page, "08-slider")
    page.close()


REPLY = (
    b"From: Registration Office <registration@council.example>\r\n"
    b"To: sam@example.org\r\nSubject: Re: conversion exam window\r\n"
    b"Date: Tue, 3 Nov 2026 09:12:00 +0000\r\nMessage-ID: <abc123@council.example>\r\n"
    b"Authentication-Results: mx.example.org; dkim=pass header.d=council.example\r\n"
    b"\r\nThe window is 12 years from graduation.\r\n"
)


def test_log_an_answer_attach_the_email_and_confirm_the_rule(
    live_server, transactional_db, browser, tmp_path, settings
):
    from playwright.sync_api import expect

    settings.DATA_DIR = tmp_path
    page, row = signed_in(browser, live_server)
    window = page.locator("li.finding", has_text="Sit the conversion exam within the window")
    expect(window.get_by_text("CONFLICT", exact=True)).to_be_visible()

    page.goto(f"{live_server.url}/p/{row.pk}/log/")
    page.get_by_role("button", name="Questions for XX").click()
    page.get_by_role("link", name="Is there a deadline for applying for recognition").click()
    page.get_by_label("How you asked").select_option("email")
    page.get_by_label("What they said").fill("The window is 12 years from graduation.")
    page.get_by_label("Answered on").fill("2026-11-03")
    page.get_by_role("button", name="Save the answer").click()
    reply = tmp_path / "reply.eml"
    reply.write_bytes(REPLY)
    page.get_by_label("The email (.eml, .msg), PDF or screenshot").set_input_files(str(reply))
    page.get_by_label("Your vault passphrase").fill("correct horse battery staple")
    page.get_by_role("button", name="Attach").click()
    expect(page.get_by_text("dkim=pass")).to_be_visible()
    page.get_by_label("The pack's rule this answer replaces").select_option(
        "xx-exam-graduation-window"
    )
    page.get_by_label("The values you were told, one per line").fill("years: 12")
    shot(page, "09-log-answer")
    page.get_by_role("button", name="Confirm this rule").click()

    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    window = page.locator("li.finding", has_text="Sit the conversion exam within the window")
    expect(window.get_by_text("CONFIRMED BY YOU", exact=True)).to_be_visible()
    expect(window.get_by_text("TIGHT", exact=True)).to_be_visible()
    expect(window).to_contain_text("The pack says")
    window.scroll_into_view_if_needed()
    shot(page, "10-confirmed-rule")
    page.close()


def test_from_a_case_log_and_a_pubmed_export_to_a_cv_pdf(
    live_server, transactional_db, browser, tmp_path, settings
):
    from playwright.sync_api import expect

    settings.DATA_DIR = tmp_path
    page, _ = signed_in(browser, live_server)
    page.get_by_role("link", name="Procedure log").click()
    expect(page.get_by_text("No procedures yet.")).to_be_visible()
    log = Path(__file__).parents[1] / "cv" / "files" / "acgme-surgery.csv"
    page.get_by_label("Case-log file (.csv, .xlsx)").set_input_files(str(log))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("7 procedures added")).to_be_visible()
    expect(page.get_by_role("heading", name="6 cases, 7 procedures")).to_be_visible()
    hernia = page.get_by_role("row", name="Hernia - inguinal")
    expect(hernia).to_contain_text("1 (2)")
    shot(page, "11-procedure-log")

    page.get_by_role("link", name="← Your plan").click()
    page.get_by_role("link", name="Publications").click()
    files = Path(__file__).parents[1] / "cv" / "files"
    for name in ("pubs-pubmed.nbib", "pubs-zotero.ris"):
        page.get_by_label("Export file (.nbib, .ris, .bib, .json)").set_input_files(
            str(files / name)
        )
        page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("1 added, 3 already there")).to_be_visible()
    expect(page.get_by_role("heading", name="5 papers, 4 indexed in PubMed")).to_be_visible()
    shot(page, "12-publications")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your CV (PDF)").click()
    from pypdf import PdfReader

    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages).split()
    )
    assert "6 cases, 7 procedures in the case log; 4 cases performed hands-on." in text
    assert "5 papers, 4 indexed in PubMed." in text
    page.close()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_a_scan_is_read_in_the_background_then_found_checked_and_packed(
    live_server, transactional_db, browser, tmp_path, settings
):
    from playwright.sync_api import expect

    from tests.helpers.letters import scan_png
    from tests.helpers.web import run_queue
    from wayhome.services import unlocked

    settings.DATA_DIR = tmp_path
    try:
        page, row = signed_in(browser, live_server)
        page.get_by_role("link", name="Your documents").click()
        scan = tmp_path / "diploma-scan.png"
        scan.write_bytes(
            scan_png(
                [
                    "Medical University of Exampleland",
                    "Date: June 30, 2017",
                    "This is to certify that Dr. Sam Exampel",
                    "graduated on June 30, 2017.",
                ]
            )
        )
        diploma = page.locator("li.finding", has_text="Primary medical diploma")
        diploma.get_by_label("Add a scan or PDF").set_input_files(str(scan))
        diploma.get_by_label("Vault passphrase").fill("correct horse battery staple")
        diploma.get_by_role("button", name="Store it").click()
        expect(page.get_by_text("diploma-scan.png stored")).to_be_visible()
        page.goto(f"{live_server.url}/p/{row.pk}/files/")
        item = page.locator("li.finding", has_text="diploma-scan.png")
        expect(item.get_by_text("QUEUED")).to_be_visible()
        # The worker `wayhome serve` runs (tests/web test it in its thread); here in
        # between page loads, since the tests' in-memory SQLite cannot wait for locks.
        run_queue()
        expect(item.get_by_text("READ BY OCR")).to_be_visible(timeout=10_000)  # htmx polls
        expect(item.get_by_label("Graduated (suggested)")).to_have_value("2017-06-30")
        expect(item.get_by_label("Name as printed (suggested)")).to_have_value("Sam Exampel")
        shot(page, "13-stored-files")

        page.goto(f"{live_server.url}/p/{row.pk}/search/?q=exampel")
        expect(page.locator("mark", has_text="Exampel")).to_be_visible()
        shot(page, "14-search")

        page.goto(f"{live_server.url}/p/{row.pk}/consistency/")
        expect(page.get_by_text("SPELLING")).to_be_visible()
        shot(page, "15-names-and-dates")

        page.goto(f"{live_server.url}/p/{row.pk}/packets/?country=XX")
        expect(page.get_by_role("checkbox", name="Primary medical diploma")).to_be_checked()
        shot(page, "16-packets")
        with page.expect_download() as download:
            page.get_by_role("button", name="Build the packet despite the differences").click()
        import zipfile

        with zipfile.ZipFile(download.value.path()) as z:
            assert "files/01-diploma-scan.png" in z.namelist()
        page.close()
    finally:
        unlocked._open.clear()
