"""How pages show dates, countries and links: a date never breaks across lines (the
``day``, ``isoday`` and ``keepwhole`` filters), a stay's country by its name, the
header's vault link from the vault's own page, the vault page's words on other
browsers, and the dashboard's links kept in one block."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from tests.helpers.web import data_on
from wayhome.services import unlocked
from wayhome.web.templatetags.wayhome_tags import day, isoday, keepwhole

ON = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def setting(settings, tmp_path, monkeypatch):
    yield from data_on(settings, tmp_path, monkeypatch, ON)
    unlocked._open.clear()


def test_a_day_is_one_unbreakable_time_with_its_iso_date():
    assert day(date(2024, 6, 30)) == '<time class="day" datetime="2024-06-30">30 Jun 2024</time>'
    assert isoday("2028-06-01") == '<time class="day" datetime="2028-06-01">1 Jun 2028</time>'
    assert day(None) == isoday("") == "—"


def test_dates_in_a_sentence_are_kept_together_and_the_rest_escaped():
    shown = Template("{% load wayhome_tags %}{{ s|keepwhole }}").render(
        Context({"s": "2 years overdue (due 30 Jun 2024) <b>& Jun 2025</b>, June 2024"})
    )
    assert shown == (
        '2 years overdue (due <span class="day">30 Jun 2024</span>) '
        '&lt;b&gt;&amp; <span class="day">Jun 2025</span>&lt;/b&gt;, June 2024'
    )
    # A visa's class is kept whole too: a browser breaks a line at its hyphen.
    visa = Template("{% load wayhome_tags %}{{ s|keepwhole }}").render(
        Context({"s": "H-1B: 6 years, J-1 and O-1A; not co-author or X-12"})
    )
    assert visa == (
        '<span class="day">H-1B</span>: 6 years, <span class="day">J-1</span> and '
        '<span class="day">O-1A</span>; not co-author or X-12'
    )
    # A tier and how far off a last day is, as the command line keeps them whole.
    tier = Template("{% load wayhome_tags %}{{ s|keepwhole }}").render(
        Context({"s": "Tier 1: register by 15 Dec 2026 (in 10 days); Group 2, in 3 days"})
    )
    assert tier == (
        '<span class="day">Tier 1</span>: register by <span class="day">15 Dec 2026</span> '
        '<span class="day">(in 10 days)</span>; <span class="day">Group 2</span>, '
        '<span class="day">in 3 days</span>'
    )
    # Markup already made safe is left as it is (no span inside its attributes).
    safe = mark_safe('<a title="1 Jul 2020">x</a>')
    assert keepwhole(safe) is safe
    plain = Template(
        "{% load wayhome_tags %}{% autoescape off %}{{ s|keepwhole }}{% endautoescape %}"
    )
    assert (
        plain.render(Context({"s": "a & 1 Jul 2020"})) == 'a & <span class="day">1 Jul 2020</span>'
    )


def test_the_dashboard_keeps_its_dates_together(owner, client_for):
    user, row = owner
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    # the checklist's dates, in a sentence ("— by 1 Jun 2028", "(it was due 1 Jul 2020)")
    assert re.search(r'— [^<]*<span class="day">\d+ \w{3} \d{4}</span>', page)
    assert '<span data-field="date"><time class="day"' in page  # the visa clocks
    assert re.search(r'data-clock="[^"]+"><span class="day">[A-Z]-\d[A-Z]?</span>:', page)


def test_the_dashboards_links_stay_in_one_block(owner, client_for):
    """A form inside a <p> ends the paragraph: "Printable plan (PDF) ·" was left alone."""
    user, row = owner
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    links = page[page.index('class="links"') : page.rindex(">Visa clocks</a>")]
    assert "<form" in links and "</p>" not in links and "</div>" not in links
    for p in re.finditer(r"<p[ >]", page):
        inside = page[p.start() : page.index("</p>", p.start())]
        assert "<form" not in inside and "<div" not in inside


def test_a_stay_shows_its_countrys_name(owner, client_for):
    user, row = owner
    page = client_for(user).get(f"/p/{row.pk}/visa/").content.decode()
    assert "<td>United States</td>" in page and "<td>US</td>" not in page
    assert "<td>Exampleland (fictional), planned</td>" in page


def test_the_vault_link_on_the_vault_page_does_not_nest_its_next(owner, client_for):
    user, row = owner
    c = client_for(user)
    elsewhere = c.get(f"/p/{row.pk}/documents/").content.decode()
    assert f'href="/vault/?next=/p/{row.pk}/documents/"' in elsewhere
    page = c.get(f"/vault/?next=/p/{row.pk}/documents/").content.decode()
    assert "next=/vault/" not in page and "next=%2Fvault%2F" not in page
    assert f'href="/vault/?next=/p/{row.pk}/documents/" aria-current="page"' in page


def test_the_vault_page_says_another_browser_unlocks_it_separately(owner, client_for):
    user, _ = owner
    page = " ".join(client_for(user).get("/vault/").content.decode().split())
    assert "unlocks it on its own" not in page
    assert "Unlocking here does not unlock it anywhere else" in page
    assert "asks for the passphrase again" in page
