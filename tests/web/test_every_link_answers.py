"""Every page linked anywhere answers its GET (#27 item 6): starting from the plan, every
link on every page reachable for a seeded profile (with a question asked, a document on
the checklist and a stored file, so that their own pages are linked too) is followed,
with the vault locked and then unlocked; none answers 404 or 405. And the header has at
most seven groups."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest

from tests.helpers.letters import stored_file
from tests.helpers.web import open_vault
from wayhome.adapters.db.models import Correspondence

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
DOWNLOAD = re.compile(r"\.(pdf|docx|ics|yaml|vcf)$")
GROUPS = re.compile(r'<li class="group[^"]*">')


def links(html: str) -> list[str]:
    """The page's same-site links; a ``next`` (where to come back to) is dropped, or each
    page would link to a vault page of its own."""
    out = []
    for href in HREF.findall(html):
        url, _ = urldefrag(unescape(href))
        parts = urlsplit(url)
        if url and not parts.scheme and not parts.netloc and url.startswith("/"):
            query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "next"])
            out.append(parts.path + ("?" + query if query else ""))
    return out


def crawl(client, start: str, known: dict[str, int] | None = None) -> dict[str, int]:
    """Each same-site URL linked from the pages reachable from ``start``, with its status
    (a redirect's target is followed too); ``known``: answers not asked again."""
    answered: dict[str, int] = dict(known or {})
    todo = deque([start])
    while todo:
        url = todo.popleft()
        if url in answered:
            continue
        try:
            r = client.get(url)
        except Exception:
            print("FAILED AT", url)
            raise
        answered[url] = r.status_code
        if r.status_code in (301, 302):
            todo.append(r["Location"])
        elif r.status_code == 200 and r["Content-Type"].startswith("text/html"):
            todo.extend(u for u in links(r.content.decode()) if u not in answered)
        assert len(answered) < 400, "the crawl does not end"
    return answered


@pytest.fixture
def seeded(owner, client_for, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    user, row = owner
    Correspondence.objects.create(owner=user, jurisdiction="XX", question="Is it recognised?")
    stored_file(user, "diploma.pdf")
    return client_for(user), row


def test_every_linked_page_answers_its_get(seeded):
    client, row = seeded
    locked = crawl(client, f"/p/{row.pk}/")
    open_vault(client)
    # The files (a PDF, a CV, a calendar) do not change with the vault: not fetched again.
    files = {u: s for u, s in locked.items() if DOWNLOAD.search(u)}
    unlocked = crawl(client, f"/p/{row.pk}/", files)
    for answered in (locked, unlocked):
        broken = {u: s for u, s in answered.items() if s not in (200, 302)}
        assert broken == {}
    seen = set(locked) | set(unlocked)
    # The crawl reached the new pages through the header alone.
    assert f"/p/{row.pk}/targets/XX/" in seen and f"/p/{row.pk}/targets/US/" in seen
    assert "/packs/" in seen and "/packs/XX/" in seen and "/packs/IN/" in seen
    assert len(seen) > 40


def test_the_header_has_at_most_seven_groups(seeded):
    client, row = seeded
    for url in (f"/p/{row.pk}/", f"/p/{row.pk}/targets/XX/", "/packs/", "/account/"):
        html = client.get(url).content.decode()
        header = html.split('<nav class="main"', 1)[1].split("</nav>", 1)[0]
        groups = GROUPS.findall(header)
        assert 1 <= len(groups) <= 7, url
    header = client.get(f"/p/{row.pk}/").content.decode().split("</nav>", 1)[0]
    for name in ("Plan", "Targets", "Documents", "CV", "Money &amp; visa", "Scenarios", "Account"):
        assert f">{name}" in header, name


def test_the_header_marks_where_you_are(seeded):
    client, row = seeded
    html = client.get(f"/p/{row.pk}/targets/XX/").content.decode()
    assert '<summary class="here">Targets' in html
    assert f'href="/p/{row.pk}/targets/XX/" aria-current="page"' in html
    html = client.get(f"/p/{row.pk}/targets/US/").content.decode()
    assert '<summary class="here">Money &amp; visa' in html
