"""Pages as the web tests read them. Each date shown is wrapped to keep it on one line
(``<time class="day">``, ``<span class="day">``: web/templatetags/wayhome_tags.py); a
test that looks for a sentence with a date in it reads the page without the wrappers."""

from __future__ import annotations

import re

from tests.helpers.web import page_text

_WRAPPED = re.compile(
    r'<time class="day" datetime="[\d-]+">([^<]*)</time>|<span class="day">([^<]*)</span>'
)


def undated(html: str) -> str:
    """The HTML with the date wrappers taken out, their dates left in place."""
    return _WRAPPED.sub(lambda m: m.group(1) or m.group(2), html)


def html_of(response) -> str:
    """A response's HTML, without the date wrappers."""
    return undated(response.content.decode())


class _Unwrapped:
    def __init__(self, response) -> None:
        self.content = html_of(response).encode()


def text_of(response) -> str:
    """A page's text as a person reads it (tests.helpers.web.page_text), with each
    date's wrapper taken out first, so that "1 Jul 2028; you" reads without a space."""
    return page_text(_Unwrapped(response))
