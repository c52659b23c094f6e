"""`wayhome packs show` prints what each version says besides its values: why a value is
unknown, the version's note and the source's own words, and the rule's note and posts."""

from tests.helpers.cli import flatten, run

PACK = """\
code: XX
name: Notes test (fictional)
country: XX
fictional: true
version: "1"
reviewed: 2026-11-24
regulator: {name: Test council, website: null}
sources:
  s1: {title: Test act, url: null, as_of: 2020-01-01, reviewed: 2026-11-24, grade: regulator}
rules:
  - id: consultant-years
    kind: min_years_experience
    title: Years after certification before a consultant post
    event: post
    posts: [consultant]
    note: The title is not limited to teaching hospitals.
    versions:
      - source: s1
        years: 2
        after: board_certification
        note: Counted from the first certificate.
        quote: "Two years post obtaining the certificate."
      - from: 2025-04-01
        unknown:
          question: How many years does the new text ask?
          why: The new text was not read.
"""


def _show(tmp_path):
    folder = tmp_path / "XX"
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    result = run("packs", "show", "XX", "--packs", str(tmp_path))
    assert result.exit_code == 0, result.output
    return flatten(result.output)


def test_it_prints_why_a_value_is_unknown_beside_its_question(tmp_path):
    out = _show(tmp_path)
    assert "from 1 Apr 2025: unknown — ask: How many years does the new text ask?" in out
    assert "why: The new text was not read." in out


def test_it_prints_each_versions_note_and_the_sources_words(tmp_path):
    out = _show(tmp_path)
    assert "note: Counted from the first certificate." in out
    assert "quote: “Two years post obtaining the certificate.”" in out


def test_it_prints_the_rules_own_note_and_the_posts_it_governs(tmp_path):
    out = _show(tmp_path)
    assert "Posts: consultant" in out
    assert "Note: The title is not limited to teaching hospitals." in out
