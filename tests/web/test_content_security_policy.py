"""Every page carries a Content-Security-Policy that allows no inline script or style,
with the other security headers; no template or page needs 'unsafe-inline'."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.helpers.letters import stored_file
from wayhome.adapters.db.models import Correspondence, DocumentItem
from wayhome.web import urls
from wayhome.web.security import CONTENT_SECURITY_POLICY

TEMPLATES = Path(__file__).parents[2] / "src" / "wayhome" / "web" / "templates"
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# What would need 'unsafe-inline': a script with a body, a style block or attribute, an
# inline event handler (onclick=...), a javascript: link.
INLINE = {
    "an inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "a <style> block": re.compile(r"<style\b", re.I),
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


def test_the_policy_allows_nothing_inline_and_nothing_from_elsewhere():
    rules = dict(r.split(" ", 1) for r in CONTENT_SECURITY_POLICY.split("; "))
    assert rules["default-src"] == "'self'"
    assert rules["script-src"] == "'self'" and rules["style-src"] == "'self'"
    assert rules["object-src"] == "'none'" and rules["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def inline_parts(html: str) -> list[str]:
    return [f"{what}: {m.group(0)!r}" for what, rx in INLINE.items() for m in rx.finditer(html)]


@pytest.mark.parametrize(
    "template",
    sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")),
)
def test_no_template_needs_unsafe_inline(template):
    assert inline_parts((TEMPLATES / template).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "<style>p {}</style>",
        '<p style="color: red">',
        '<input oninput="x()">',
        '<a href="javascript:x()">',
    ],
)
def test_the_check_catches_each_kind_of_inline_part(html):
    assert inline_parts(html)


def every_get_url(user, row) -> list[str]:
    question = Correspondence.objects.create(owner=user, jurisdiction="XX", question="Q?")
    item = DocumentItem.objects.create(owner=user, key="xx-primary-medical-diploma", name="D")
    vf = stored_file(user, "diploma.pdf", "0")
    ids = {
        "pk": row.pk,
        "cid": question.pk,
        "did": item.pk,
        "fid": vf.pk,
        "task_id": "find-regulator",
        "step": "you",
        "code": "XX",
    }
    return [
        reverse(f"wayhome:{p.name}", kwargs={n: ids[n] for n in p.pattern.converters})
        for p in urls.urlpatterns
    ]


def test_every_page_has_the_policy_and_the_other_headers_and_nothing_inline(owner, client_for):
    user, row = owner
    c = client_for(user)
    seen = 0
    for url in [*every_get_url(user, row), "/no-such-page/", "/static/wayhome/app.js"]:
        response = c.get(url)
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url
        for name, value in HEADERS.items():
            if not url.startswith("/static/"):  # static files skip the later middleware
                assert response.get(name) == value, (url, name)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            seen += 1
            assert inline_parts(response.content.decode()) == [], url
    assert seen >= 15  # the pages themselves, not just redirects


def test_the_sign_in_page_and_a_refusal_carry_it_too(client):
    for response in (client.get("/signin/"), client.post("/signin/", {"password": "x"})):
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_the_templates_checked_above_are_found():
    # The parametrised check runs once per template: an empty glob would check nothing.
    assert len(list(TEMPLATES.rglob("*.html"))) > 20
