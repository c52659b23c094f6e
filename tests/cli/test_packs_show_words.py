"""`wayhome packs show` in a physician's words, for every bundled pack: each rule by its
title (no "[rule-id, kind]" after it; its id only on a labelled line of its own), a
certificate's tier as "Tier 1" (never the pack's ``tier-1``), each document in a sentence
(never "(name: ...; kind: ...)"), exams sharing attempts by name, and the regulator's and
the sources' web addresses whole on a line at 80 columns, to copy or click."""

from __future__ import annotations

import re

import pytest

from tests.helpers.cli import flatten, run
from wayhome.adapters.packs import bundled_packs
from wayhome.core.rules import describe
from wayhome.core.rules.pack import known_document_kinds

PACKS = bundled_packs()
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
ID_LINE = "Rule id, for confirmed_rules: "


def _show(code: str) -> str:
    result = run("packs", "show", code, columns=80)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_rules_go_by_their_titles_and_tiers_by_their_words(pack):
    out = _show(pack.code)
    said = flatten(out)
    assert not re.search(r"\[[a-z0-9-]+,\s*[a-z_]+\]", said)
    for rule in pack.rules:
        assert f"{' '.join(rule.title.split())} {ID_LINE}{rule.id} Applies to:" in said
        if "_" in rule.kind:  # min_years_experience, not "exam" (a word of the titles)
            assert rule.kind not in said, rule.kind
    tiers = {
        t
        for r in pack.rules
        for v in r.versions
        if getattr(v, "tiers", None)
        for t in (*v.tiers.years, *v.tiers.boards.values())
    }
    assert not tiers & set(SLUG.findall(said)), tiers & set(SLUG.findall(said))
    assert "tier-1" not in said and "tiers:" not in said


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_web_addresses_are_printed_whole_at_80_columns(pack):
    lines = _show(pack.code).splitlines()
    reg = pack.regulator
    for label, url in (("Website", reg.website), ("Foreign training", reg.foreign_training_page)):
        if not url:
            continue
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{label}:"))
        if len(f"{label}: {url}") <= 80:
            assert lines[at] == f"{label}: {url}"
        else:  # the label alone (no space after it), the address whole on the next line
            assert lines[at] == f"{label}:"
            assert lines[at + 1] == url
    # and each source's, under its title (the sources listed last, as on the pack's page)
    start = lines.index(f"Sources ({len(pack.sources)}):")
    shown = [i for i, line in enumerate(lines) if line.startswith("  Address:")]
    assert all(i > start for i in shown)
    listed = [lines[i][len("  Address: ") :] or lines[i + 1] for i in shown]
    assert listed == [s.url for s in pack.sources.values() if s.url]
    # every other line keeps to the 80 columns
    urls = {reg.website, reg.foreign_training_page, *listed}
    assert all(len(line) <= 80 for line in lines if line not in urls)


def test_a_long_address_is_whole_where_it_used_to_break():
    gb = next(p for p in PACKS if p.code == "GB")
    url = gb.regulator.foreign_training_page
    assert url and len(url) > 80
    out = _show("GB")
    assert f"\nForeign training:\n{url}\n" in out


def test_dhas_tiers_are_said_tier_by_tier_with_their_years():
    said = flatten(_show("AE-DHA"))
    # the Specialist title: Tier 2 asked 3 years in the older text, 2 in the 2015 one
    assert (
        "counted licensed or not; Tier 1 (no years of experience needed): ABAI, ABA, ABCRS," in said
    )
    assert "ABTS, ABU; Tier 2: 3 years of experience needed; Tier 3: 3 years of experience" in said
    assert "ABTS, ABU; Tier 2: 2 years of experience needed; Tier 3: 3 years of experience" in said
    # the Consultant title
    assert "Tier 1 (2 years of experience needed): ABAI, ABA," in said
    assert "Tier 2: 8 years of experience needed; evidence:" in said
    assert "boards:" not in said and "ABIM: tier-1" not in said


def test_a_rule_named_in_a_note_is_named_by_its_title():
    said = flatten(_show("AE-DHA"))
    assert "see “The eligibility letter lasts 1 year”" in said
    assert "see ae-dha-eligibility-letter" not in said
    # the source's own words are never rewritten
    assert "quote: “Tier 2 certificates: Applicants must have three (3) years experience" in said


def _documents(pack):
    return [
        (rule, item)
        for rule in pack.rules
        for v in rule.versions
        for item in getattr(v, "documents", None) or []
    ]


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_documents_are_said_in_sentences_not_dumped(pack):
    said = flatten(_show(pack.code))
    assert not re.search(r"\((name|kind|steps|verification): ", said)
    assert not re.search(r"(?<![\w-])(name|kind|produced by|lead time|valid for): ", said)
    kinds = known_document_kinds(pack)
    for rule, item in _documents(pack):
        sentence = " ".join(describe.document(item, pack).split())
        assert f"• {sentence}" in said, (rule.id, item.name)
        if item.kind:
            words = kinds[item.kind]
            assert f"in your profile, under “{words[0].upper()}{words[1:]}”" in sentence
        if item.produced_by:
            assert f"it comes from a later step, “{pack.rule(item.produced_by).title}”" in sentence


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_no_rule_id_of_the_pack_is_printed_but_on_its_own_labelled_line(pack):
    """A rule is named by its title wherever the pack's own text names it by id (a
    document's note, a later step), and an open question's id is left out; each rule's
    id is said once, under its title, as what a profile file's confirmed_rules names."""
    lines = _show(pack.code).splitlines()
    labelled = [line.removeprefix(ID_LINE) for line in lines if line.startswith(ID_LINE)]
    assert labelled == [r.id for r in pack.rules]
    rest = "\n".join(line for line in lines if not line.startswith(ID_LINE))
    ids = {r.id for r in pack.rules} | {u.id for u in pack.unknowns}
    found = ids & set(SLUG.findall(flatten(rest)))
    assert not found, found


def test_a_document_reads_as_a_sentence():
    said = flatten(_show("AE-DHA"))
    assert (
        "in force: 12 documents • Passport — verification: DataFlow primary-source "
        "verification; in your profile, under “Passport”. • Primary medical degree" in said
    )
    assert (
        "• Good-standing certificate from the licensing authority of the last country you "
        "worked in — verification: DataFlow primary-source verification; allow 3 months; in "
        "your profile, under “Certificate of good standing”. Valid 6 months from issue "
        "(“Good-standing certificate no older than 6 months”); order it within 90 days" in said
    )
    # how fresh a document must be: its name, its months, its kind in words
    assert (
        "in force: good-standing certificate from the licensing authority of the last country "
        "you worked in, accepted only within 6 months of issue; in your profile, under "
        "“Certificate of good standing”" in said
    )
    br = flatten(_show("BR"))
    assert (
        "• CELPE-Bras certificate — it comes from a later step, “CELPE-Bras Portuguese "
        "certificate for a foreign national registering with a CRM”; in your profile, under "
        "“A CELPE-Bras certificate (Brazil's exam of Portuguese for foreigners)”." in br
    )


def test_shared_attempts_name_the_exams_that_share_them():
    # the UAE's three regulators count one pool: the others' exams with their codes
    assert (
        "attempts counted together across DHA licensing assessment, DOH licensing assessment "
        "(AE-DOH) and MOHAP evaluation test (AE-MOHAP)" in flatten(_show("AE-DHA"))
    )
    assert (
        "attempts counted together across Licensing Examination and Licensing Examination "
        "(computer-based)" in flatten(_show("XX"))
    )
    assert "with the other exams that share them" not in flatten(_show("AE-MOHAP"))


def _minimums(pack):
    return [m for r in pack.rules for v in r.versions for m in getattr(v, "minimums", None) or []]


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.code)
def test_procedure_numbers_are_said_in_sentences_not_dumped(pack):
    said = flatten(_show(pack.code))
    assert not re.search(r"\((item|gloss|count|match|codes|words|role): ", said)
    assert "minimums:" not in said and "logbook:" not in said
    for m in _minimums(pack):
        assert f"• {' '.join(describe.minimum(m, pack).split())}" in said, m.item


def test_germanys_procedure_numbers_read_as_a_physician_reads_them():
    said = flatten(_show("DE"))
    assert (
        "in force: Facharzt Viszeralchirurgie, MWBO 2018 guide numbers (Richtzahlen): "
        "10 procedure numbers • Appendektomie (appendectomy): 20 cases. Counted from a US "
        "case log: a row with CPT code 44950, 44960 or 44970, or whose category or "
        "description says appendectomy or appendix. •"
    ) in said
    assert (
        "(first assistant in complex operations): 80 cases as first assistant (cases you "
        "performed count too). Counted from a US case log: a row whose category or "
        "description says pancreatectomy,"
    ) in said
    assert (
        "(abdominal ultrasound): 400 cases. Not counted from a US case log. A US surgical "
        "case log does not record ultrasound; count yours from your own records."
    ) in said
