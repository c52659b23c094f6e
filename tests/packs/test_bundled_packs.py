"""The common suite over every bundled pack."""

import re
from pathlib import Path

import pytest

from wayhome.adapters.packs import bundled_dir, bundled_packs, load_pack
from wayhome.core.rules.attempts import pool_disagreements
from wayhome.core.rules.pack import FICTIONAL_CODE

FOLDERS = sorted(p for p in bundled_dir().iterdir() if (p / "pack.yaml").is_file())


# Loaded once per pack for the module: the tests below only read it.
@pytest.fixture(scope="module", params=FOLDERS, ids=[f.name for f in FOLDERS])
def pack(request):
    return load_pack(request.param)


def test_there_are_bundled_packs():
    assert {f.name for f in FOLDERS} >= {"US", "XX"}


def test_it_validates_and_is_named_after_its_code(pack):
    assert pack.code in [f.name for f in FOLDERS]


def test_only_the_sample_pack_is_fictional(pack):
    assert pack.fictional is (pack.code == FICTIONAL_CODE)


def test_every_version_cites_a_source_with_a_review_date_and_grade(pack):
    for rule in pack.rules:
        for v in rule.versions:
            for source_id in v.sources:
                source = pack.sources[source_id]
                assert source.reviewed is not None and source.grade is not None


def test_every_source_is_used(pack):
    """By a rule, by the specialty list, by the CV's conventions, or as the record of a
    research fact it holds."""
    used = {s for rule in pack.rules for v in rule.versions for s in v.sources}
    if pack.specialties:
        used.add(pack.specialties.source)
    if pack.cv:
        used |= pack.cv.sources()
    unused = [sid for sid, s in pack.sources.items() if sid not in used and not s.facts]
    assert not unused, f"sources nothing cites: {unused}"


def test_every_rule_has_a_title_and_an_id_unique_in_the_pack(pack):
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(set(ids))
    assert all(r.title for r in pack.rules)


def test_real_packs_cite_the_research_facts_they_use(pack):
    if pack.fictional:
        pytest.skip("the fictional pack has no research behind it")
    assert any(source.facts for source in pack.sources.values())


def test_pack_files_are_utf8_and_end_with_a_newline():
    for folder in FOLDERS:
        text = Path(folder / "pack.yaml").read_bytes().decode("utf-8")
        assert text.endswith("\n")


def test_packs_sharing_an_attempt_pool_agree_on_its_limit():
    assert pool_disagreements(list(bundled_packs())) == []


def test_a_note_pointing_at_a_rule_or_question_reads_as_a_sentence(pack):
    """Shown to a physician, a note's rule ids become the rules' titles and an open
    question's id "the open question for the regulator" (Pack.in_words): a note that named
    the id as "the pack unknown <id>" read "see the pack unknown the open question for the
    regulator"."""
    notes = [s.note for s in pack.sources.values()]
    notes += [r.note for r in pack.rules]
    notes += [u.why for u in pack.unknowns]
    for note in filter(None, notes):
        said = pack.in_words(note)
        assert not re.search(r"\bunknown (the open question|“)", said), said
