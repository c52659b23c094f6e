"""What the browser tests share (tests/e2e/): Debian's Chromium started for a module,
screenshots, and a setup step answered as a person would, with its errors looked for
beside their fields."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.setups import Answer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# A browser test module's pytestmark: skipped, with why, where there is no Chromium.
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (python3 dev.py test installs it)"
)

# Screenshots for a person to look at (docs/img/ takes the setup's, made smaller).
SHOTS = Path(
    os.environ.get("WAYHOME_SCREENSHOTS") or Path(__file__).parents[2] / ".e2e-screenshots"
)


# Headless in a container, nothing fetched on its own (updates, sync, QUIC probes).
ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
)


@contextmanager
def chromium() -> Iterator:
    """Debian's Chromium, headless: one for a test module (the ``browser`` fixture of
    tests/e2e/conftest.py), each test opening its own pages."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread while the browser lives;
    # the ORM calls in the tests and in the database fixtures' teardown are plain,
    # sequential ones, which Django would otherwise refuse next to a loop.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as p:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(ARGS))
        yield b
        b.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def put(page, name: str, value) -> None:
    """Type, choose or tick ``value`` in the field called ``name``, as a person would."""
    field = page.locator(f'[name="{name}"]')
    if isinstance(value, list):
        for v in value:
            field.and_(page.locator(f'[value="{v}"]')).check()
        return
    kind = field.first.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
    if kind == "select":
        field.select_option(value)
    elif kind == "radio":
        field.and_(page.locator(f'[value="{value}"]')).check()
    else:
        field.fill(value)


# Fields set as typing would leave them (with an input event; no change event, which
# would have htmx check each one), all of a step's at once: one call to the page instead
# of two per field, for a suite that stays fast.
SET_FIELDS = """values => {
  for (const [name, value] of Object.entries(values)) {
    const fields = document.getElementsByName(name);
    if (!fields.length) throw new Error('no field ' + name);
    for (const f of fields) {
      if (f.type === 'checkbox' || f.type === 'radio') {
        f.checked = [].concat(value).includes(f.value);
      } else {
        f.value = value;
        if (f.value !== value) throw new Error(name + ' cannot take ' + value);
      }
      f.dispatchEvent(new Event('input', {bubbles: true}));
    }
  }
}"""


def fill(page, answer: Answer) -> None:
    """A step's answers typed in, each row added with "Add another" when not there yet."""
    values = dict(answer.fields)
    for i, row in enumerate(answer.rows):
        if page.locator(f'[name="rows-{i}-{next(iter(row))}"]').count() == 0:
            page.get_by_role("button", name=re.compile(r"^Add another")).click()
            page.wait_for_load_state()
        values |= {f"rows-{i}-{name}": value for name, value in row.items()}
    page.evaluate(SET_FIELDS, values)


def go_on(page) -> None:
    """Next, or on the last step "Save and see my plan"; back once the page sent back has
    loaded (the click waits only for it to start, and ``fill`` counts the rows there)."""
    page.get_by_role("button", name=re.compile(r"^(Next|Save and see my plan)$")).click()
    page.wait_for_load_state()


def error_beside(page, name: str):
    """The errors shown beside the field called ``name``, in its own box."""
    return page.locator(".field", has=page.locator(f'[name="{name}"]')).locator(".errorlist")


def shot_step(page, answer: Answer) -> None:
    """The step as answered, for docs/web.md (setup-NN-<step>.png)."""
    from wayhome.web.forms.setup import BY_SLUG, STEPS

    page.evaluate("document.activeElement && document.activeElement.blur()")
    shot(page, f"setup-{STEPS.index(BY_SLUG[answer.step]) + 1:02}-{answer.step}")


def answer_steps(page, steps) -> None:
    for answer in steps:
        fill(page, answer)
        go_on(page)


def refused_then_answered(page, answer: Answer, bad: dict, field: str, says: str, shot_as=""):
    """The step answered, then spoilt with ``bad`` and sent: the error ``says`` shows
    beside ``field``, with what was typed kept; then answered again and sent on."""
    from playwright.sync_api import expect

    fill(page, answer)
    shot_step(page, answer)
    for name, value in bad.items():
        put(page, name, value)
    go_on(page)
    expect(error_beside(page, field)).to_contain_text(says)
    for name, value in bad.items():
        if not isinstance(value, list) and page.locator(f'[name="{name}"]').first.evaluate(
            "e => e.type === 'text'"
        ):
            expect(page.locator(f'[name="{name}"]')).to_have_value(value)  # kept as typed
    if shot_as:
        shot(page, shot_as)
    fill(page, answer)
    go_on(page)
