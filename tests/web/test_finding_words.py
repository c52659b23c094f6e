"""A finding and a verdict card in words: what to ask the regulator apart from what to add
to the profile, no rule ids, sources said plainly."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.template.loader import render_to_string

from wayhome.core.rules.prepare import NO_SOURCE
from wayhome.core.rules.report import Finding, SourceRef, Status

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("wayhome.web.views.targets.today", lambda: ON)
    monkeypatch.setattr("wayhome.web.views.dashboard.today", lambda: ON)


def words(content: bytes | str) -> str:
    body = content.decode() if isinstance(content, bytes) else content
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


TEACHING = "Add the teaching that will count towards 2 years of experience to your profile"


def test_the_target_page_asks_the_regulator_only_questions(owner, client_for):
    user, stored = owner
    content = client_for(user).get(f"/p/{stored.pk}/targets/XX/").content.decode()
    page = words(content)
    assert f"To do: {TEACHING}" in page
    assert "Ask: Add" not in page and "Ask the regulator: Add" not in page
    section = content[content.index('<section aria-labelledby="ask-h">') :]
    ask = words(section[: section.index("</ul>")])
    assert "Does time spent at home under the J-1 two-year rule" in ask
    assert TEACHING not in ask


def test_a_finding_shows_no_rule_id(owner, client_for):
    user, stored = owner
    page = words(client_for(user).get(f"/p/{stored.pk}/targets/XX/").content)
    assert "Rule xx-" not in page and "@2020-01-01" not in page


def test_the_verdict_card_asks_the_regulator_a_real_question(owner, client_for):
    user, stored = owner
    page = words(client_for(user).get(f"/p/{stored.pk}/").content)
    assert "Ask: " not in page
    assert "Ask the regulator: Add" not in page


def _finding(source: SourceRef, **kw) -> Finding:
    return Finding(
        rule="r",
        title="A rule",
        kind="max_age",
        status=Status.UNKNOWN,
        deadline=None,
        earliest=None,
        plan=None,
        explanation="Why.",
        rule_version="r@2024-01-01",
        source=source,
        **kw,
    )


def test_a_finding_without_a_published_source_says_so(db):
    f = _finding(NO_SOURCE, stale=True, question="How old may you be?")
    out = words(render_to_string("wayhome/partials/finding.html", {"f": f}))
    assert "Source: no published source was found." in out
    assert "none, undated" not in out and "STALE" not in out
    assert "Ask the regulator: How old may you be?" in out
    assert "r@2024-01-01" not in out


def test_a_finding_to_add_has_its_own_heading(db):
    f = _finding(NO_SOURCE, to_add="Add to your profile your date of birth.")
    out = words(render_to_string("wayhome/partials/finding.html", {"f": f}))
    assert "To do: Add to your profile your date of birth." in out
    assert "Ask" not in out


def test_an_undated_confirmation_is_said_to_have_no_date(db):
    told = SourceRef("Confirmed by you: a call", None, None, None, "regulator", confirmed=True)
    f = _finding(told, confirmed_by_user=True, stale=True)
    out = words(render_to_string("wayhome/partials/finding.html", {"f": f}))
    assert "Confirmed by you: a call — no date given." in out
    assert "your confirmation has no date" in out
    dated = SourceRef(
        "Confirmed by you: a call",
        None,
        date(2026, 10, 2),
        date(2026, 10, 2),
        "regulator",
        confirmed=True,
    )
    out = words(render_to_string("wayhome/partials/finding.html", {"f": _finding(dated)}))
    assert "Confirmed by you: a call — told 2 Oct 2026." in out and "STALE" not in out
