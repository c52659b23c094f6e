"""/packs/ (the one table of packs) and /packs/<code>/ (a pack's rules, sources, notes
and open questions, each with why it matters)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers.cli import run
from tests.web.markup import html_of
from wayhome.services import packs as pack_service

ID_LINE = "Rule id, for confirmed_rules: "


def text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


@pytest.fixture
def c(owner, client_for):
    return client_for(owner[0])


def test_the_table_has_every_pack_with_its_freshness_grades_and_unknowns(c):
    r = c.get(reverse("wayhome:packs"))
    assert r.status_code == 200
    words = text(r)
    rows = pack_service.table()
    assert len(rows) > 10
    for row in rows:
        grades = " / ".join(str(n) for _, n in row.grades)
        assert f"{row.code} · {row.name}" in words
        assert reverse("wayhome:pack", args=[row.code]) in r.content.decode()
        assert grades in words
    xx = next(row for row in rows if row.code == "XX")
    assert "XX · Exampleland Medical Council (fictional) fictional 2026.11.0, 24 Nov 2026" in words
    # freshness (and the undated), grades, open questions, scenario tests
    assert f"1 May 2008 {xx.undated_sources} undated 6 / 0 / 1 2 26" in words
    assert xx.grades == (("regulator", 6), ("secondary", 0), ("informal", 1))


@pytest.mark.parametrize("code", [row.code for row in pack_service.table()])
def test_each_pack_shows_its_rules_sources_and_questions(c, code):
    r = c.get(reverse("wayhome:pack", args=[code]))
    assert r.status_code == 200
    words = text(r)
    p = pack_service.page(code)
    assert p is not None
    for rule in p.pack.rules:
        assert rule.title in words
    for s in p.pack.sources.values():
        assert " ".join(s.title.split()) in words
    for q in p.row.open_questions:
        assert " ".join(q.question.split()) in words
    for u in p.pack.unknowns:
        assert " ".join(u.why.split()) in words
    for note in p.notes:
        assert " ".join(note.split()) in words


def test_a_rule_says_to_whom_against_what_and_each_version_with_its_source(c):
    words = text(c.get(reverse("wayhome:pack", args=["xx"])))  # any case
    assert "Sit the conversion exam within the window after graduation" in words
    assert "Checked against the first sitting of Specialist Conversion Examination" in words
    body = c.get(reverse("wayhome:pack", args=["XX"])).content.decode()
    link = re.search(r'href="#source-([a-z0-9-]+)"', body)
    assert link and f'id="source-{link.group(1)}"' in body  # each source cited is listed


def test_an_unknown_pack_is_404(c):
    assert c.get(reverse("wayhome:pack", args=["ZZ"])).status_code == 404


def test_the_pages_ask_for_a_sign_in(db):
    r = Client().get(reverse("wayhome:packs"))
    assert r.status_code == 302 and "signin" in r["Location"]


def test_the_page_says_documents_in_the_words_of_packs_show(c):
    """The words come from the core once: each document's sentence on the page is the one
    `wayhome packs show` prints, and no rule is named by its id or kind but where the id
    is labelled as Wayhome's."""
    cli = run("packs", "show", "AE-DHA", columns=1000)
    assert cli.exit_code == 0, cli.output
    bullets = [line.strip()[2:] for line in cli.output.splitlines() if line.startswith("    • ")]
    assert len(bullets) == 12
    r = c.get(reverse("wayhome:pack", args=["AE-DHA"]))
    words = text(r)
    for sentence in bullets:
        assert " ".join(sentence.split()) in words
    assert "Passport — verification: DataFlow primary-source verification" in words
    assert "(ae-dha-good-standing)" not in words
    assert "Valid 6 months from issue (“Good-standing certificate no older than 6 months”)" in words
    p = pack_service.page("AE-DHA")
    assert p is not None
    for rule in p.pack.rules:
        label = f"Rule id, for confirmed_rules: {rule.id}"
        assert words.count(rule.id) == words.count(label) == 1, rule.id
        assert f"{rule.id} · {rule.kind}" not in words
    # an open question's link names its rule by title
    asked = next(q for q in p.row.open_questions if q.rule)
    title = p.pack.rule(asked.rule).title
    assert f"{' '.join(asked.question.split())} ({title}" in words


@pytest.mark.parametrize("code", [row.code for row in pack_service.table()])
def test_the_page_and_packs_show_give_the_same_notes_the_regulators_first(c, code):
    """The regulator's own note (where to apply, whom to contact) was on the page alone:
    `packs show` printed the pack's notes without it."""
    cli = run("packs", "show", code, columns=1000)
    assert cli.exit_code == 0, cli.output
    head = cli.output.split(ID_LINE, 1)[0]  # before the first rule's id
    printed = [x.removeprefix("Note: ") for x in head.splitlines() if x.startswith("Note: ")]
    body = c.get(reverse("wayhome:pack", args=[code])).content.decode()
    notes = re.search(r"<h2>Notes</h2>\s*<ul>(.*?)</ul>", body, re.S)
    items = re.findall(r"<li>(.*?)</li>", notes.group(1), re.S) if notes else []
    shown = [" ".join(html.unescape(n).split()) for n in items]
    assert [" ".join(n.split()) for n in printed] == shown
    p = pack_service.page(code)
    assert p is not None
    if p.pack.regulator.note:
        assert shown[0] == " ".join(p.pack.regulator.note.split())


def test_the_page_says_procedure_numbers_in_the_words_of_packs_show(c):
    """A procedure number reads the same on Germany's page as in `packs show`: one
    sentence from the core (describe.minimum), not the pack's keys and bare numbers."""
    cli = run("packs", "show", "DE", columns=1000)
    assert cli.exit_code == 0, cli.output
    bullets = [line.strip()[2:] for line in cli.output.splitlines() if line.startswith("    • ")]
    numbers = [b for b in bullets if "from a US case log" in b]
    assert len(numbers) == 10
    words = text(c.get(reverse("wayhome:pack", args=["DE"])))
    for sentence in numbers:
        assert " ".join(sentence.split()) in words
    assert "10 procedure numbers" in words
    assert "count: 20" not in words and "(item: " not in words


SOURCE_ITEM = re.compile(
    r'<li id="source-[^"]+">(?:<a href="([^"]+)" rel="noreferrer">(.*?)</a>|(.*?))\s*'
    r'<span class="muted">— (.*?)</span>\s*(?:<br><span class="muted">(.*?)</span>)?</li>',
    re.S,
)


def _words(text: str | None) -> str | None:
    return " ".join(html.unescape(text).split()) if text else None


@pytest.mark.parametrize("code", [row.code for row in pack_service.table()])
def test_the_page_and_packs_show_list_the_same_sources_with_addresses_and_notes(c, code):
    """The page lists each source under Sources with its grade, dates, address and note;
    `packs show` printed none of them (a source's title alone, under a rule's value)."""
    cli = run("packs", "show", code, columns=4000)  # each note on a line of its own
    assert cli.exit_code == 0, cli.output
    _, heading, listed = cli.output.partition("\nSources (")
    assert heading, cli.output
    printed: list[list[str | None]] = []
    for line in listed.splitlines()[1:]:
        if line.startswith("• "):
            title, details = line[2:].rsplit(" — ", 1)
            printed.append([_words(title), _words(details), None, None])
        elif line.startswith("  Address: "):
            printed[-1][2] = line.removeprefix("  Address: ")
        else:
            assert line.startswith("  Note: "), line
            printed[-1][3] = _words(line.removeprefix("  Note: "))
    body = html_of(c.get(reverse("wayhome:pack", args=[code])))
    section = body.split('<h2 id="sources-h">Sources</h2>', 1)[1].split("</section>", 1)[0]
    shown = [
        [
            _words(linked or plain),
            _words(details),
            html.unescape(url) if url else None,
            _words(note),
        ]
        for url, linked, plain, details, note in SOURCE_ITEM.findall(section)
    ]
    assert printed == shown
    p = pack_service.page(code)
    assert p is not None and len(shown) == len(p.pack.sources)
    assert [s[2] for s in shown] == [s.url for s in p.pack.sources.values()]
