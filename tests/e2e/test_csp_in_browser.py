"""The Content-Security-Policy in a real browser: the pages load and work with it, and
the browser reports no violation (an inline script or style it refused).

Debian's chromium, driven by Playwright with the system executable
(tests/helpers/browser.chromium).
"""

from __future__ import annotations

from tests.helpers.browser import needs_chromium
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile

pytestmark = needs_chromium


def test_the_pages_work_under_the_policy_with_no_violation(live_server, transactional_db, browser):
    from playwright.sync_api import expect

    from wayhome.adapters.profiles import example_path, load_profile, to_data

    user = store.local_account()
    row = StoredProfile.objects.create(
        owner=user, data=to_data(load_profile(example_path("do-the-math"))[0])
    )
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/signin/token/?token={store.new_sign_in_token(user)}")
    response = page.goto(f"{live_server.url}/p/{row.pk}/")
    assert (
        response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    )
    # The slider's number moves with it (static/wayhome/app.js, not an inline handler),
    # and htmx swaps in the answer for that month.
    page.get_by_text("Return later?").click()  # folded under the verdict
    expect(page.locator("#whatif-result")).to_be_visible()
    page.get_by_label("Months from your planned return").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#later-out")).to_have_text("3")
    for path in ("scenarios/", "visa/", "documents/", "cases/", "contacts/", "files/"):
        page.goto(f"{live_server.url}/p/{row.pk}/{path}")
        expect(page.locator("h1")).to_be_visible()
    assert refused == []
    page.close()
