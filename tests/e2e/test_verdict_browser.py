"""The answer on one screen, in real Chromium, for three new users seeded by importing
their profile on the Import page: a J-1 cardiologist going to India with Dubai as a
backup, an H-1B internist going to Germany, a green-card surgeon going to Brazil.

Each card's status, dates and next action match `wayhome assess --json` and `--brief`,
and the US clocks `wayhome visa --json`, for the same profile on the same day; the cards
are read at 1366×768 without scrolling, and the page is at most three screens tall.
Screenshots at desktop and phone width go to WAYHOME_SCREENSHOTS (`python -m
tests.e2e.screenshots` writes them into docs/screenshots/ for the README).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.browser import SHOTS, needs_chromium
from tests.helpers.cli import flatten, run
from tests.helpers.setups import REFERENCES, TODAY
from wayhome.adapters.db import store
from wayhome.core.common import dates

pytestmark = needs_chromium
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
PROFILES = ["j1-cardiologist-india", "h1b-internist-germany", "green-card-surgeon-brazil"]


@pytest.fixture
def imported(live_server, transactional_db, browser, monkeypatch):
    """A signed-in page on the three users' day, with ``name``'s profile imported on the
    Import page, as a person does; returns (page, the profile file)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)

    def _import(name: str, path: Path | None = None):
        from playwright.sync_api import expect

        path = path or REFERENCES / f"{name}.yaml"
        page = browser.new_page(viewport=DESKTOP)
        page.goto(
            f"{live_server.url}/signin/token/?token={store.new_sign_in_token(store.local_account())}"
        )
        page.goto(f"{live_server.url}/import/")
        page.locator('input[type="file"]').set_input_files(str(path))
        page.get_by_role("button", name="Import").click()
        expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
        return page, path

    yield _import
    for context in browser.contexts:
        context.close()


def cli_json(*args: str):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def card_text(card, field: str) -> str:
    return " ".join(card.locator(f'[data-field="{field}"]').first.inner_text().split())


@pytest.mark.parametrize("name", PROFILES)
def test_the_cards_say_what_the_command_line_says(imported, browser, name):
    page, path = imported(name)
    on = TODAY.isoformat()
    verdict = cli_json("assess", str(path), "--on", on, "--json")["verdict"]
    brief = flatten(run("assess", str(path), "--on", on, "--brief").output)
    visa = cli_json("visa", str(path), "--on", on, "--json")

    cards = page.locator("article.vcard")
    assert cards.count() == len(verdict["targets"]) > 0
    for i, want in enumerate(verdict["targets"]):
        card = page.locator(f'article.vcard[data-code="{want["jurisdiction"]}"]')
        assert card_text(card, "status") == want["status"].upper()
        assert card_text(card, "reason") == want["reason"]
        assert card_text(card, "training").startswith(want["training_counts_as"])
        for which, field in (("latest_safe_return", "latest"), ("earliest_return", "earliest")):
            bound = want[which]
            shown = card_text(card, field)
            assert shown.startswith(bound["text"]), (which, shown)
            if bound["date"] and not bound["far"]:
                assert bound["rule_title"] in shown  # the rule that sets it
                assert dates.fmt(dates.date.fromisoformat(bound["date"])) in brief
            assert bound["text"] in brief
        action = want["next_action"]
        assert card_text(card, "next") == f"{action['title']} {action['when']}"
        assert f"{action['title']} — {action['when']}" in brief
        assert f"{want['status'].upper()}: {want['reason']}" in brief
        # in the order of preference: the first is the plan
        assert card.locator(".role").text_content().strip() == ("Your plan" if i == 0 else "Backup")

    # the next actions across targets and the visa, overdue first, with Done, Snooze and
    # Not for me
    rows = page.locator("li.action")
    assert [rows.nth(i).get_attribute("data-task") for i in range(rows.count())] == [
        a["task"] for a in verdict["next_actions"]
    ]
    for i, a in enumerate(verdict["next_actions"]):
        row = rows.nth(i)
        assert a["when"] in " ".join(row.inner_text().split())
        assert ("overdue" in (row.get_attribute("class") or "")) is (a["overdue_days"] > 0)
        for button in ("Done", "Snooze", "Not for me"):
            assert row.get_by_role("button", name=button).count() == 1

    # the US clocks in one line, with the visa page's dates
    for clock in visa:
        shown = page.locator(f'[data-clock="{clock["id"]}"]')
        if clock["date"]:
            want_day = dates.fmt(dates.date.fromisoformat(clock["date"]))
            assert shown.locator('[data-field="date"]').inner_text() == want_day

    # above the fold at 1366×768: every card read without scrolling
    for i in range(cards.count()):
        box = cards.nth(i).bounding_box()
        assert box is not None and box["y"] + box["height"] <= DESKTOP["height"], (i, box)
    page.goto(page.url)  # a visit of its own, without the import's message
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"dashboard-{name}-desktop.png"))
    page.screenshot(path=str(SHOTS / f"dashboard-{name}-whole.png"), full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 3 * DESKTOP["height"], f"the dashboard is {height}px tall"

    phone = browser.new_page(viewport=PHONE)
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=str(SHOTS / f"dashboard-{name}-phone.png"))


def test_done_snooze_and_not_for_me_work_without_script(imported):
    from playwright.sync_api import expect

    page, _ = imported("j1-cardiologist-india")

    def shown() -> list[str]:
        rows = page.locator("li.action")
        return [rows.nth(i).get_attribute("data-task") or "" for i in range(rows.count())]

    acted = []
    for button, says in (
        ("Snooze", "Snoozed until 1 Dec 2026"),  # a week from today, as offered
        ("Not for me", None),
        ("Done", None),
    ):
        task = shown()[0]
        page.locator(f'li.action[data-task="{task}"]').get_by_role("button", name=button).click()
        if says:
            expect(page.get_by_text(says)).to_be_visible()
        expect(page.locator(f'li.action[data-task="{task}"]')).to_have_count(0)
        acted.append(task)
    assert len(set(acted)) == 3 and not set(acted) & set(shown())
    from wayhome.adapters.db.models import StoredProfile

    tasks = StoredProfile.objects.get().progress["tasks"]
    assert tasks[acted[0]]["snoozed_until"] == "2026-12-01"
    assert [tasks[t]["status"] for t in acted] == ["snoozed", "skipped", "done"]


def test_a_backup_becomes_the_plan_on_the_page(imported):
    from playwright.sync_api import expect

    page, _ = imported("j1-cardiologist-india")
    dubai = page.locator('article.vcard[data-code="AE-DHA"]')
    expect(dubai.locator(".role")).to_have_text("Backup")
    dubai.get_by_role("button", name="Make Dubai Health Authority (DHA) your plan").click()
    expect(page.get_by_text("Your plan: AE-DHA; backups: IN.")).to_be_visible()
    assert page.locator("article.vcard").first.get_attribute("data-code") == "AE-DHA"
    expect(page.locator('article.vcard[data-code="AE-DHA"] .role')).to_have_text("Your plan")


def test_four_cards_fit_above_the_fold_a_country_grouped(imported, tmp_path):
    """India, then the United Arab Emirates (three regulators under the country)."""
    text = (REFERENCES / "j1-cardiologist-india.yaml").read_text("utf-8")
    path = tmp_path / "four.yaml"
    path.write_text(text.replace("targets: [IN, AE-DHA]", "targets: [IN, AE]"), "utf-8")
    page, _ = imported("four", path)
    cards = page.locator("article.vcard")
    assert [cards.nth(i).get_attribute("data-code") for i in range(4)] == [
        "IN",
        "AE-DHA",
        "AE-DOH",
        "AE-MOHAP",
    ]
    group = page.locator("section.vgroup", has=page.locator('[data-code="AE-DOH"]'))
    assert group.locator(".vgroup-name").inner_text().lower() == "united arab emirates"
    page.goto(page.url)  # without the import's message
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "dashboard-four-cards-desktop.png"))
    for i in range(4):
        box = cards.nth(i).bounding_box()
        assert box is not None and box["y"] + box["height"] <= DESKTOP["height"], (i, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
