"""End to end in real headless Chromium: sign-in, setup, dashboard, ticking a task.

Debian's chromium, driven by Playwright for Python with the system executable
(no browser download). Screenshots go to WAYHOME_SCREENSHOTS (default
.e2e-screenshots/ in the repository) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers.browser import (
    answer_steps,
    error_beside,
    fill,
    go_on,
    needs_chromium,
    put,
    refused_then_answered,
    shot,
    shot_step,
)
from tests.helpers.setups import Answer
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile

pytestmark = needs_chromium


@pytest.fixture(autouse=True)
def _close_pages(browser):
    """Whatever a test leaves open (a failed one too) goes before the next test starts."""
    yield
    for context in browser.contexts:
        context.close()


SAM = [
    Answer("you", {"name": "Dr. Sam Browser", "born": "1993-03-15", "citizenship": "XX",
                   "home_country": "XX"}),
    Answer("return", {"return_type": "academic", "specialty": "internal-medicine",
                      "target_1": "XX"}),
    Answer("school", {"school_country": "XX", "graduated": "2017-06-30"}),
    Answer("training", rows=[{"kind": "residency", "specialty": "internal-medicine",
                              "country": "US", "start": "2024-07-01", "end": "2027-06-30"}]),
    Answer("boards", rows=[{"board": "ABIM", "specialty": "internal-medicine",
                            "status": "planned", "certified": "2027-08-20"}]),
    Answer("licences"), Answer("work"),
    Answer("visa", {"visa_type": "J-1", "visa_start": "2024-06-20"}),
    Answer("trips"), Answer("exams"), Answer("documents"),
    Answer("date", {"return_date": "2028-07-01"}),
]  # fmt: skip


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
    expect(page.get_by_text("Step 1 of 12")).to_be_visible()
    for n, answer in enumerate(SAM):
        fill(page, answer)
        if n == 1:
            shot(page, "02-setup-return-type")
        if n == 3:
            shot(page, "03-setup-training")
        go_on(page)

    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    card = page.locator('article.vcard[data-code="XX"]')
    expect(card.locator('[data-field="status"]')).to_have_text("AT RISK")
    expect(card).to_contain_text("last day 29 Jun 2027, before your plan")
    shot(page, "04-dashboard")
    page.get_by_text("What does not fit").click()  # the details, folded under the verdict
    expect(page.get_by_text("the 10-year window ends 29 Jun 2027").first).to_be_visible()

    page.get_by_text("Every task").click()
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
    misses = page.get_by_role("row", name=re.compile("^Windows this plan misses"))
    expect(misses).to_be_visible()
    expect(misses).to_contain_text("Sit the conversion exam within the window after graduation")
    # money, visa and eligibility side by side for three scenarios and the plan
    expect(page.get_by_role("rowheader", name="Money over the horizon")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Visa clocks")).to_be_visible()
    expect(page.get_by_text("net present value USD").first).to_be_visible()
    assert page.locator("table.compare thead th").count() == 1 + 4
    shot(page, "07-scenarios")

    page.goto(f"{live_server.url}/p/{row.pk}/")
    page.get_by_text("Return later?").click()  # folded under the verdict
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


def make_the_vault(page, passphrase: str = "correct horse battery staple") -> str:
    """On the Vault page: a weak passphrase refused with its reason, then a strong one
    typed twice; returns the recovery code shown."""
    from playwright.sync_api import expect

    page.get_by_label("Passphrase", exact=True).fill("password123")
    page.get_by_label("The same passphrase again").fill("password123")
    page.get_by_role("button", name="Make the vault").click()
    expect(page.get_by_text("That passphrase is too easy to guess")).to_be_visible()
    expect(page.get_by_text("your documents are lost").first).to_be_visible()
    page.get_by_label("Passphrase", exact=True).fill(passphrase)
    page.get_by_label("The same passphrase again").fill(passphrase)
    page.get_by_role("button", name="Make the vault").click()
    code = page.locator(".recovery-code")
    expect(code).to_have_text(re.compile(r"^([A-Z2-7]{4}-){5}[A-Z2-7]{4}$"))
    expect(page.get_by_role("button", name="Lock", exact=True)).to_be_visible()  # the header
    return code.inner_text()


def test_log_an_answer_attach_the_email_and_confirm_the_rule(
    live_server, transactional_db, browser, tmp_path, settings
):
    from playwright.sync_api import expect

    settings.DATA_DIR = tmp_path
    page, row = signed_in(browser, live_server)
    page.goto(f"{live_server.url}/p/{row.pk}/targets/XX/")
    window = page.locator("li.finding", has_text="Sit the conversion exam within the window").first
    expect(window.get_by_text("CONFLICT", exact=True)).to_be_visible()

    page.goto(f"{live_server.url}/p/{row.pk}/log/")
    page.get_by_role("button", name=re.compile("^Add the questions Wayhome drafted for")).click()
    page.get_by_role("link", name="Does time spent at home under the J-1 two-year rule").click()
    page.get_by_label("How you asked").select_option("email")
    page.get_by_label("What they said").fill(
        "J-1 time does not count. The exam window is 12 years from graduation."
    )
    page.get_by_label("Answered on").fill("2026-11-03")
    page.get_by_role("button", name="Save the answer").click()
    reply = tmp_path / "reply.eml"
    reply.write_bytes(REPLY)
    # No passphrase on the form: the vault is made (and unlocked) once, on its own page.
    page.get_by_role("link", name="unlock the vault").click()
    make_the_vault(page)
    page.get_by_role("link", name="I have kept the code: back to where I was").click()
    page.get_by_label("The email (.eml, .msg), PDF or screenshot").set_input_files(str(reply))
    page.get_by_role("button", name="Attach").click()
    expect(page.get_by_text("dkim=pass")).to_be_visible()
    shot(page, "09-log-answer")
    # "The regulator told me": the finding it settles, then its question in plain words.
    page.get_by_role("link", name="The regulator told me…").click()
    page.get_by_role("link", name="Sit the conversion exam within the window").click()
    question = page.get_by_label(
        "How many years after you graduated may you still sit the Specialist Conversion "
        "Examination?"
    )
    expect(question).to_have_value("10")  # what the pack says, to change
    expect(page.get_by_label("How were you told?")).to_have_value("email")  # as logged
    question.fill("12")
    page.get_by_role("button", name="Confirm this rule").click()

    expect(page.get_by_text("Confirmed: Sit the conversion exam")).to_be_visible()
    window = page.locator("li.finding", has_text="Sit the conversion exam within the window").first
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

    page.get_by_role("link", name="Make your CV (PDF or Word)").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the CV (PDF)").click()
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
        page.get_by_role("link", name="unlock the vault").click()
        make_the_vault(page)
        page.get_by_role("link", name="I have kept the code: back to where I was").click()
        diploma = page.locator("li.finding", has_text="Primary medical diploma")
        diploma.get_by_label("Add a scan or PDF").set_input_files(str(scan))
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


# --------------------------------------------------------------------------- the setup


@pytest.fixture
def new_user(live_server, transactional_db, browser, monkeypatch):
    """A page signed in as a new local account on the three users' day (tests/helpers/
    setups.py): the server runs in this process, so it sees the frozen day too."""
    from django.utils import timezone

    from tests.helpers.setups import TODAY

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    token = store.new_sign_in_token(store.local_account())
    page = browser.new_page(viewport={"width": 900, "height": 900})
    page.goto(f"{live_server.url}/signin/token/?token={token}")
    return page


def test_a_j1_cardiologist_sets_up_for_india_with_dubai_as_a_backup(new_user, live_server, browser):
    from playwright.sync_api import expect

    from tests.helpers.setups import PERSONAS, reference, stored

    page, steps = new_user, PERSONAS["j1-cardiologist-india"]
    expect(page.get_by_text("Step 1 of 12")).to_be_visible()
    # Who you are: no name, and a date read one way either side of the ocean.
    refused_then_answered(
        page, steps[0], {"name": "", "born": "12/04/1991"}, "born",
        "it could be 12 Apr 1991 or 4 Dec 1991", "setup-refused-you",
    )  # fmt: skip
    # How you plan to return: a misspelt specialty, offered the nearest; suggestions as
    # you type come from a datalist.
    expect(page.locator('#specialties option[value="Interventional cardiology"]')).to_have_count(1)
    refused_then_answered(
        page, steps[1], {"specialty": "Cardiolgy"}, "specialty",
        "'Cardiolgy' is not a specialty Wayhome knows: did you mean Cardiology?",
        "setup-refused-return",
    )  # fmt: skip
    # Medical school: a graduation in the future is questioned, with a box to confirm it.
    refused_then_answered(
        page, steps[2], {"graduated": "31 Mar 2027"}, "graduated",
        "31 Mar 2027 is in the future, but your graduation has already happened",
        "setup-questioned-school",
    )  # fmt: skip
    # US training: the second period ending before it starts.
    refused_then_answered(
        page, steps[3], {"rows-1-end": "30 Jun 2023"}, "rows-1-end",
        "The period ends before it starts",
    )  # fmt: skip
    expect(page.get_by_role("heading", name="Board certification")).to_be_visible()

    # Left halfway: another visit resumes at the step it stopped at, every answer kept.
    later = browser.new_page(viewport={"width": 900, "height": 900})
    later.context.add_cookies(page.context.cookies())
    later.goto(f"{live_server.url}/")
    expect(later.get_by_role("heading", name="Board certification")).to_be_visible()
    later.get_by_role("link", name="Your US training").click()
    expect(later.locator('[name="rows-1-specialty"]')).to_have_value("Cardiovascular Disease")
    expect(later.locator('[name="rows-0-institution"]')).to_have_value("Mount Sinai Hospital")
    later.close()

    answer_steps(page, steps[4:])
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    assert stored(store.local_account()) == reference("j1-cardiologist-india")
    page.close()


def test_an_h1b_internist_sets_up_for_germany_with_teaching_work(new_user):
    from playwright.sync_api import expect

    from tests.helpers.setups import PERSONAS, reference, stored

    page, steps = new_user, PERSONAS["h1b-internist-germany"]
    # With htmx, a date is checked as soon as it is left (the form says the same when sent).
    put(page, "born", "03/09/1988")
    page.locator('[name="born"]').press("Tab")
    hint = page.locator(".field", has=page.locator('[name="born"]')).locator(".hint")
    expect(hint).to_contain_text("it could be 3 Sep 1988 or 9 Mar 1988")
    answer_steps(page, steps[:4])
    # Boards: a planned certification dated in the past is questioned.
    refused_then_answered(
        page, steps[4], {"rows-0-status": "planned"}, "rows-0-certified",
        "20 Aug 2024 is in the past, but a planned board exam is still to come",
    )  # fmt: skip
    # Licences: a number with no place; work: a job with no role.
    refused_then_answered(
        page, steps[5], {"rows-0-jurisdiction": ""}, "rows-0-jurisdiction",
        "This field is required.",
    )  # fmt: skip
    refused_then_answered(
        page, steps[6], {"rows-1-role": ""}, "rows-1-role", "This field is required."
    )
    # US status: a status with no start.
    refused_then_answered(
        page, steps[7], {"visa_start": ""}, "visa_start", "When did this status start?"
    )
    answer_steps(page, steps[8:])
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    assert stored(store.local_account()) == reference("h1b-internist-germany")
    page.close()


def test_a_green_card_surgeon_sets_up_for_brazil_after_a_failed_attempt(new_user):
    from playwright.sync_api import expect

    from tests.helpers.setups import PERSONAS, reference, stored

    page, steps = new_user, PERSONAS["green-card-surgeon-brazil"]
    for answer in steps[:8]:
        fill(page, answer)
        go_on(page)
    # Trips: back before leaving; exams: a misspelt exam, offered the pack's name.
    refused_then_answered(
        page, steps[8], {"rows-0-end": "10 Dec 2024"}, "rows-0-end",
        "The trip ends before it starts",
    )  # fmt: skip
    refused_then_answered(
        page, steps[9], {"rows-0-name": "Revalda"}, "rows-0-name", "Did you mean Revalida?"
    )
    # Documents: issued in the future; the return: in the past, questioned and confirmable.
    refused_then_answered(
        page, steps[10], {"rows-0-issued": "1 Oct 2027"}, "rows-0-issued", "is in the future"
    )
    fill(page, steps[11])
    shot_step(page, steps[11])
    put(page, "return_date", "1 Sep 2025")
    go_on(page)
    expect(error_beside(page, "return_date")).to_contain_text(
        "1 Sep 2025 is in the past, but your planned return is still to come"
    )
    expect(page.get_by_label("Yes, 1 Sep 2025 is right")).not_to_be_checked()
    shot(page, "setup-questioned-date")
    fill(page, steps[11])
    go_on(page)
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    assert stored(store.local_account()) == reference("green-card-surgeon-brazil")

    # Editing later: the same step, as a page of the profile, from the dashboard.
    page.get_by_role("link", name="Your profile", exact=True).first.click()
    shot(page, "profile-pages")
    page.get_by_role("link", name="Exams you have taken").click()
    expect(page.locator('[name="rows-0-name"]')).to_have_value("Revalida")
    page.get_by_role("button", name="Add another attempt").click()
    put(page, "rows-1-name", "Revalida")
    put(page, "rows-1-date", "9 Nov 2025")
    put(page, "rows-1-result", "pending")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Exams you have taken: saved.")).to_be_visible()
    shot(page, "profile-exams")
    attempts = stored(store.local_account())["exam_attempts"]
    assert [a["result"] for a in attempts] == ["fail", "pending"]
    page.close()


def test_the_setup_works_without_javascript(live_server, transactional_db, browser):
    """No script at all: steps go on and back keeping what was typed, rows are added, and
    an error shows beside its field (htmx only adds to this)."""
    from playwright.sync_api import expect

    token = store.new_sign_in_token(store.local_account())
    context = browser.new_context(java_script_enabled=False, viewport={"width": 900, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/signin/token/?token={token}")
    page.get_by_label("Your name, as on your documents").fill("Dr. No Script")
    page.get_by_label("Citizenship", exact=True).select_option("IN")
    page.get_by_label("Home country (where you may return)").select_option("IN")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("The specialty you want recognised at home").fill("Cardiolgy")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("did you mean Cardiology?")).to_be_visible()
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Your name, as on your documents")).to_have_value("Dr. No Script")
    page.get_by_role("link", name="How you plan to return").click()
    expect(page.get_by_label("The specialty you want recognised at home")).to_have_value(
        "Cardiolgy"
    )
    page.get_by_role("link", name="Your US training").click()
    page.get_by_role("button", name="Add another training period").click()
    expect(page.get_by_text("Training period 2", exact=True)).to_be_visible()
    expect(page.get_by_label("Remove training period 2")).not_to_be_checked()
    context.close()
