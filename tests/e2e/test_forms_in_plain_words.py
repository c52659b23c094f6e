"""In real headless Chromium (#26 item 8): the money form, updated as it is typed and
working without scripts, and "the regulator told me", each with bad input said beside its
field and good input saved; the Content-Security-Policy refuses nothing on either page.

Debian's chromium, driven by Playwright for Python with the system executable
(tests/helpers/browser.chromium).
"""

from __future__ import annotations

import re

import pytest

from tests.helpers.browser import needs_chromium, shot
from wayhome.adapters.db import store
from wayhome.adapters.db.models import Correspondence, StoredProfile

pytestmark = needs_chromium
PASS = "correct horse battery staple"
REPLY = (
    b"From: Registration Office <registration@council.example>\r\n"
    b"To: sam@example.org\r\nSubject: Re: conversion exam window\r\n"
    b"Date: Tue, 3 Nov 2026 09:12:00 +0000\r\nMessage-ID: <abc123@council.example>\r\n"
    b"\r\nThe window is 12 years from graduation.\r\n"
)


@pytest.fixture
def signed_in(live_server, transactional_db, browser):
    """(page, row, refused): a page signed in with the do-the-math example stored, and the
    policy violations the browser reports."""
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    user = store.local_account()
    row = StoredProfile.objects.create(
        owner=user, data=to_data(load_profile(example_path("do-the-math"))[0])
    )
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/signin/token/?token={store.new_sign_in_token(user)}")
    yield page, row, refused
    context.close()


def stored(row) -> dict:
    return StoredProfile.objects.get(pk=row.pk).data


def test_the_money_form_updates_as_it_is_typed_and_names_what_is_wrong(signed_in, live_server):
    from playwright.sync_api import expect

    page, row, refused = signed_in
    page.goto(f"{live_server.url}/p/{row.pk}/scenarios/")
    page.get_by_role("link", name="Money: Your plan as it stands").click()
    expect(page.get_by_role("heading", name="Money: Your plan as it stands")).to_be_visible()
    total = page.locator("#money-total")
    before_total = total.inner_text()
    before = stored(row)

    # Good input, as people type it: the result changes with no click, nothing is saved.
    page.get_by_label("Cost of moving home (once)").fill("115,000")
    expect(total).not_to_have_text(before_total)
    expect(page.get_by_text("As typed: save to keep it.")).to_be_visible()
    assert stored(row) == before

    # Bad input: said beside its field, by name, as it is typed.
    page.get_by_label("US income in 2027, before tax").fill("lots")
    beside = page.locator("#error-us_income_2027")
    expect(beside).to_have_text("US income in 2027, before tax: write it in figures, like 280000")
    expect(page.locator("#money-result")).to_contain_text("Fix this to see the result")
    page.get_by_label("US income in 2027, before tax").fill("70000")
    expect(beside).to_be_empty()
    page.get_by_label("Currency of your home income").fill("INR")
    expect(page.locator("#rate-words")).to_have_text("(How many INR one USD buys)")
    expect(page.locator("#error-rate")).to_contain_text("give how many INR one USD buys")
    shot(page, "money-typing-refused")
    page.get_by_label(re.compile("^Exchange rate")).fill("83.1")
    page.get_by_label("The exchange rate's date").fill("2026-11-01")
    page.get_by_label("Home income a year, before tax").fill("5,000,000")
    expect(page.locator("#error-rate")).to_be_empty()
    expect(page.locator("#money-result")).to_contain_text("Home income converted at 83.1 INR")
    shot(page, "money-typing")

    page.get_by_role("button", name="Save the money inputs").click()
    expect(page.get_by_text("Your plan as it stands: money inputs saved.")).to_be_visible()
    money = stored(row)["money"]
    assert money["relocation_cost"] == "115000"
    assert money["exchange_rate"] == {
        "home": "INR", "base": "USD", "rate": "83.1", "as_of": "2026-11-01"
    }  # fmt: skip
    # The same form for each scenario.
    page.get_by_role("link", name="Three years as an attending, with the money").click()
    expect(page.get_by_label("US income in 2030, before tax")).to_have_value("300000")
    assert refused == []


def test_the_money_form_saves_without_scripts(live_server, transactional_db, browser):
    from playwright.sync_api import expect

    from wayhome.adapters.profiles import example_path, load_profile, to_data

    user = store.local_account()
    row = StoredProfile.objects.create(
        owner=user, data=to_data(load_profile(example_path("do-the-math"))[0])
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/signin/token/?token={store.new_sign_in_token(user)}")
    page.goto(f"{live_server.url}/p/{row.pk}/money/?scenario=back-before-the-window-closes")
    page.get_by_label("Years to count").fill("2.5")
    page.get_by_role("button", name="Save the money inputs").click()
    expect(page.locator("#error-horizon_years")).to_have_text(
        "Years to count: give whole years, like 20"
    )
    assert "money" not in stored(row)["scenarios"][0]
    page.get_by_label("Years to count").fill("10")
    page.get_by_label("US income in 2027, before tax").fill("70000")
    page.get_by_role("button", name="Save the money inputs").click()
    expect(page.get_by_text("money inputs saved")).to_be_visible()
    expect(page.locator("#money-total")).to_be_visible()
    assert stored(row)["scenarios"][0]["money"] == {
        "us_income": {"2027": "70000"}, "horizon_years": 10
    }  # fmt: skip
    context.close()


def test_the_regulator_told_me_with_bad_then_good_answers_and_the_email(
    signed_in, live_server, settings, tmp_path
):
    from playwright.sync_api import expect

    settings.DATA_DIR = tmp_path
    page, row, refused = signed_in
    page.goto(f"{live_server.url}/vault/")
    page.get_by_label("Passphrase", exact=True).fill(PASS)
    page.get_by_label("The same passphrase again").fill(PASS)
    page.get_by_role("button", name="Make the vault").click()
    expect(page.get_by_role("button", name="Lock", exact=True)).to_be_visible()

    page.goto(f"{live_server.url}/p/{row.pk}/log/")
    page.get_by_role("link", name="The regulator told me…").click()
    expect(page.locator("body")).not_to_contain_text("max_years_since_graduation")
    page.get_by_role("link", name="Sit the conversion exam within the window").click()
    question = page.get_by_label(
        "How many years after you graduated may you still sit the Specialist Conversion "
        "Examination?"
    )
    expect(question).to_have_value("10")  # what the pack says, to start from
    # Bad: words for a number, no day, no way of being told.
    question.fill("twelve")
    page.get_by_role("button", name="Confirm this rule").click()
    expect(
        page.get_by_text("Years after graduation: give a whole number, in years")
    ).to_be_visible()
    expect(page.get_by_text("When you were told: give the day, like 3 Nov 2026")).to_be_visible()
    expect(page.get_by_text("How you were told: choose one")).to_be_visible()
    shot(page, "told-refused")
    assert "confirmed_rules" not in stored(row) and not Correspondence.objects.exists()

    # Good: the number, the day, how, their words and the email itself.
    question.fill("12")
    page.get_by_label("When were you told?").fill("2026-11-03")
    page.get_by_label("How were you told?").select_option("email")
    page.get_by_label("Who told you (name, office)").fill("Registration Office")
    page.get_by_label("What they said, in their words").fill("The window is 12 years.")
    reply = tmp_path / "reply.eml"
    reply.write_bytes(REPLY)
    page.get_by_label("The email or letter (.eml, .msg, PDF or a screenshot)").set_input_files(
        str(reply)
    )
    shot(page, "told-answered")
    page.get_by_role("button", name="Confirm this rule").click()
    expect(page.get_by_text("Confirmed: Sit the conversion exam")).to_be_visible()
    window = page.locator("li.finding", has_text="Sit the conversion exam within the window").first
    expect(window.get_by_text("CONFIRMED BY YOU", exact=True)).to_be_visible()
    (rule,) = stored(row)["confirmed_rules"]
    assert rule["years"] == 12 and rule["evidence"]["file"].startswith("vault:")

    page.goto(f"{live_server.url}/p/{row.pk}/log/")
    answered = page.locator("li.finding", has_text="Sit the conversion exam within the window")
    expect(answered.get_by_text("CONFIRMED RULE")).to_be_visible()
    expect(answered).to_contain_text("Evidence: reply.eml")
    assert refused == []


def test_something_else_the_regulator_said_is_asked_by_its_topic(signed_in, live_server):
    from playwright.sync_api import expect

    page, row, _ = signed_in
    page.goto(f"{live_server.url}/p/{row.pk}/log/told/")
    page.get_by_label("Something else they told you").select_option(label="An age limit")
    page.get_by_role("button", name="Go on").click()
    page.get_by_label("What is the age limit to apply?").fill("45")
    page.get_by_label("When were you told?").fill("2026-11-03")
    page.get_by_label("How were you told?").select_option("phone")
    page.get_by_role("button", name="Confirm this rule").click()  # one answer missing
    expect(page.get_by_text("That age itself allowed: choose what they told you")).to_be_visible()
    page.get_by_role("group", name="May someone of exactly that age still apply?").get_by_label(
        "no"
    ).check()
    page.get_by_label("Which exam or post is it for, if they said?").fill("consultant post")
    page.get_by_role("button", name="Confirm this rule").click()
    expect(page.get_by_text("Confirmed: An age limit.")).to_be_visible()
    (rule,) = stored(row)["confirmed_rules"]
    assert (rule["kind"], rule["age"], rule["inclusive"]) == ("max_age", 45, False)
    expect(page.locator("li.finding", has_text="Age limit: consultant post").first).to_be_visible()


def test_a_hint_arriving_while_save_is_pressed_does_not_lose_the_click(signed_in, live_server):
    """A date typed, then Save pressed at once: leaving the field asks how the date is
    read, and the answer (a line or two under the field) would push Save down while it is
    held; a press and a release on different elements is no click, and the save would be
    lost without a word. The answer waits for the release, and the save goes through."""
    from playwright.sync_api import expect

    page, row, _ = signed_in
    page.goto(f"{live_server.url}/p/{row.pk}/profile/you/")
    born = page.locator('[name="born"]')
    born.fill("3/9/1988")  # day-first or month-first: the hint says so over two lines
    save = page.get_by_role("button", name="Save", exact=True)
    box = save.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    with page.expect_response(re.compile(r"/setup/check/")):
        page.mouse.move(x, y)
        page.mouse.down()  # the field loses focus: its check is asked for
    page.wait_for_timeout(150)  # the answer is in; a swap would have moved Save by now
    page.mouse.up()
    # The save was sent: the page comes back with the ambiguous date refused beside it.
    expect(page.locator(".field", has=born).locator(".errorlist")).to_contain_text(
        "it could be 3 Sep 1988 or 9 Mar 1988"
    )
    # A hint held back so is shown once the pointer is up (pressed on no button here).
    hint = page.locator(".field", has=born).locator(".hint")
    born.fill("30 Jun 2024")
    with page.expect_response(re.compile(r"/setup/check/")):
        page.mouse.move(5, 5)
        page.mouse.down()
    page.wait_for_timeout(150)
    expect(hint).to_be_empty()
    page.mouse.up()
    expect(hint).to_have_text("Read as Sunday 30 Jun 2024.")
