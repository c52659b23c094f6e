"""Phone, keyboard and axe, in real headless Chromium (#27 item 7).

- At 390 px wide nothing scrolls sideways: the dashboard, a target's page, the setup,
  the documents and the packs pages, with each header menu open too; the visa clocks
  with their stays, "the regulator told me" with its country picker, and the dashboard
  with every section open ("Return later?" and its table).
- A date shown ("30 Jun 2024") is never broken across two lines, at 390 px or 1100 px.
- Keyboard only: Tab reaches the skip link, the header's menus and a page's main
  action, each with a focus ring one can see; Enter opens a menu and follows a link.
- axe-core (vendored in tests/e2e/vendor/axe-core, injected from the file: no CDN)
  finds no serious or critical violation on the dashboard, a target's page, the setup
  and the documents.
- The timeline's labels, as the browser lays them out (getBBox), never meet.

Debian's chromium, driven by Playwright with the system executable
(tests/helpers/browser.chromium). Screenshots go to WAYHOME_SCREENSHOTS (tests/helpers/browser.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.browser import needs_chromium, shot
from wayhome.adapters.db import store
from wayhome.adapters.db.models import StoredProfile

pytestmark = needs_chromium
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
SERIOUS = ("serious", "critical")


@pytest.fixture
def site(live_server, transactional_db, browser):
    """A signed-in browser context (CSP bypassed so that axe's file can be injected; the
    CSP itself is tested in test_csp_in_browser.py) and the do-the-math profile's id."""
    from wayhome.adapters.profiles import example_path, load_profile, to_data

    user = store.local_account()
    row = StoredProfile.objects.create(
        owner=user, data=to_data(load_profile(example_path("do-the-math"))[0])
    )
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/signin/token/?token={store.new_sign_in_token(user)}")
    yield context, live_server.url, row.pk
    context.close()


def pages(base: str, pk: int) -> dict[str, str]:
    return {
        "dashboard": f"{base}/p/{pk}/",
        "target": f"{base}/p/{pk}/targets/XX/",
        "setup": f"{base}/setup/you/",
        "documents": f"{base}/p/{pk}/documents/",
        "packs": f"{base}/packs/",
        "pack": f"{base}/packs/XX/",
    }


def sideways(page) -> int:
    """How many px the page scrolls sideways (0: none)."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def test_nothing_scrolls_sideways_at_390_px(site):
    context, base, pk = site
    page = context.new_page()
    page.set_viewport_size(PHONE)
    for name, url in pages(base, pk).items():
        page.goto(url)
        assert sideways(page) <= 0, name
        if name in ("dashboard", "target"):
            shot(page, f"phone-{name}")
        menus = page.locator("nav.main details")
        for i in range(menus.count()):
            menus.nth(i).locator("summary").click()
            assert sideways(page) <= 0, (name, i)
            if name == "dashboard" and i == 0:
                shot(page, "phone-menu-open")
            menus.nth(i).locator("summary").click()


def test_forms_and_tables_fit_390_px(site):
    """A select as wide as its longest option (a country's), or a wide table, stays
    within the page: the table scrolls in its own box."""
    context, base, pk = site
    page = context.new_page()
    page.set_viewport_size(PHONE)
    for url in (
        f"{base}/p/{pk}/visa/",
        f"{base}/p/{pk}/log/told/?finding=XX%3Axx-recognition",
        f"{base}/p/{pk}/",
    ):
        page.goto(url)
        page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
        page.wait_for_load_state("networkidle")  # the slider's answer, swapped in by htmx
        assert page.locator("select, table.whatif").count() > 0, url
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        shot(page, "phone-" + url.split(f"/p/{pk}/")[1].split("/")[0] or "dashboard-open")


@pytest.mark.parametrize("width", [390, 1100])
def test_a_date_is_never_broken_across_lines(site, width):
    context, base, pk = site
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    for url in (f"{base}/p/{pk}/", f"{base}/p/{pk}/visa/", f"{base}/p/{pk}/targets/XX/"):
        page.goto(url)
        page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
        page.wait_for_load_state("networkidle")
        days = page.evaluate(
            """() => [...document.querySelectorAll('.day')].map(e => [e.textContent,
                 new Set([...e.getClientRects()].map(r => Math.round(r.top))).size])"""
        )
        assert len(days) > 3, url
        assert [d for d, lines in days if lines > 1] == [], url


def test_one_menu_is_open_at_a_time(site):
    context, base, pk = site
    page = context.new_page()
    page.goto(pages(base, pk)["dashboard"])
    page.locator("nav.main summary", has_text="Plan").click()
    page.locator("nav.main summary", has_text="Documents").click()
    assert page.locator("details.menu[open] summary").all_inner_texts() == ["Documents"]
    page.locator("h1").click()  # a click elsewhere closes it
    assert page.locator("details.menu[open]").count() == 0


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )


@pytest.mark.parametrize("width", [1100, 390])
def test_axe_finds_no_serious_violation(site, width):
    context, base, pk = site
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    names = ["dashboard", "target", "setup", "documents"]
    for name in names + (["packs", "pack"] if width > 390 else []):
        page.goto(pages(base, pk)[name])
        page.wait_for_load_state("networkidle")  # the slider's answer, swapped in by htmx
        if width > 390 and name in ("target", "packs", "pack"):
            shot(page, f"wide-{name}")
        bad = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
        if bad:
            found[name] = bad
    assert found == {}
    # The check itself: an image with no text, and a field with no label, are caught.
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<img src="/static/wayhome/none.png"><input type="text">\')'
    )
    caught = {v["id"] for v in axe_violations(page) if v["impact"] in SERIOUS}
    assert {"image-alt", "label"} <= caught


def focus_ring(page) -> dict:
    """The focused element and how its focus shows (an outline or a box shadow)."""
    return page.evaluate(
        """() => {
          const e = document.activeElement, s = getComputedStyle(e);
          return {tag: e.tagName, text: (e.innerText || e.value || '').trim().slice(0, 40),
                  ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                        || s.boxShadow !== 'none',
                  visible: e.getBoundingClientRect().width > 0};
        }"""
    )


def test_keyboard_only_reaches_the_menus_and_a_main_action(site):
    context, base, pk = site
    page = context.new_page()
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(pages(base, pk)["target"])
    page.keyboard.press("Tab")
    first = focus_ring(page)
    assert first["text"] == "Skip to the content" and first["ring"] and first["visible"]
    reached = []
    for _ in range(12):  # the brand, then the seven groups
        page.keyboard.press("Tab")
        f = focus_ring(page)
        assert f["ring"] and f["visible"], f
        reached.append(f["text"])
        if f["text"].startswith("Plan"):
            break
    assert reached[-1].startswith("Plan"), reached
    page.keyboard.press("Enter")  # opens the menu
    assert page.locator("details.menu[open]").count() == 1
    page.keyboard.press("Escape")  # closes it, the focus back on its name
    assert page.locator("details.menu[open]").count() == 0
    assert focus_ring(page)["text"].startswith("Plan")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    f = focus_ring(page)
    assert f["text"] == "Your plan" and f["ring"], f
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/p/{pk}/")
    # Tab on to a main action of the page: a task marked done, with its focus ring.
    for _ in range(80):
        page.keyboard.press("Tab")
        f = focus_ring(page)
        assert f["ring"], f
        if f["tag"] == "BUTTON" and f["text"] == "Done":
            break
    else:
        pytest.fail("Tab never reached a task's Done button")
    shot(page, "keyboard-focus-done")


def test_the_timeline_labels_never_meet_as_the_browser_draws_them(site):
    context, base, pk = site
    page = context.new_page()
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(pages(base, pk)["dashboard"])
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('svg[aria-labelledby="chart-title"] text')]
             .map(t => { const b = t.getBBox();
                         return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height]; })"""
    )
    assert len(boxes) > 20
    width = page.evaluate(
        """() => document.querySelector('svg[aria-labelledby="chart-title"]')
                 .viewBox.baseVal.width"""
    )
    meets = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]
    assert meets == []
    assert all(b[1] >= 0 and b[3] <= width for b in boxes)
