"""The browser tests' one Chromium per module (tests/helpers/browser.chromium)."""

from __future__ import annotations

import pytest

from tests.helpers.browser import chromium


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module; each test opens its own pages (a fresh context each)."""
    with chromium() as b:
        yield b
