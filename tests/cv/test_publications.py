"""Publications: reading every export format, merging duplicates, counting by kind."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from wayhome.adapters.importers.publications import read_publications
from wayhome.core.cv.publications import (
    PubKind,
    Publication,
    classify,
    counts,
    merge,
    normalise_title,
)

FILES = Path(__file__).parent / "files"
NBIB = FILES / "pubs-pubmed.nbib"
RIS = FILES / "pubs-zotero.ris"
BIB = FILES / "pubs-thesis.bib"
CSL = FILES / "pubs-export.json"


def by_title(pubs: list[Publication], start: str) -> Publication:
    [pub] = [p for p in pubs if p.title.casefold().startswith(start.casefold())]
    return pub


# --- core -----------------------------------------------------------------------------------


def test_normalise_title_ignores_case_accents_punctuation_and_spacing():
    assert (
        normalise_title("  Müller's  MRSA-Screening:\n a Study. ")
        == "muller s mrsa screening a study"
    )
    assert normalise_title("Café au lait") == normalise_title("CAFE AU LAIT!")


def test_ids_are_normalised_when_a_publication_is_made():
    pub = Publication("T", doi="https://doi.org/10.5555/ABC.1", pmid="PMID: 123")
    assert (pub.doi, pub.pmid) == ("10.5555/abc.1", "123")
    assert pub.pubmed_indexed
    assert not Publication("T", pmid="not a number").pubmed_indexed


@pytest.mark.parametrize(
    ("types", "title", "kind"),
    [
        (
            ["Journal Article", "Observational Study"],
            "Mobilisation after surgery",
            "original-research",
        ),
        (["Case Reports", "Journal Article"], "Splenic rupture", "case-report"),
        (["JOUR"], "Splenic rupture: a case report", "case-report"),
        (["Journal Article", "Systematic Review"], "Anticoagulation", "review"),
        (["Review"], "Anticoagulation", "review"),
        (
            ["Journal Article"],
            "Fewer falls: a quality improvement initiative",
            "quality-improvement",
        ),
        (["Journal Article", "Editorial"], "Why we round", "other"),
        (["article-journal"], "Teaching ultrasound", "original-research"),
        (["chapter"], "Falls in hospital", "other"),
        ([], "Anything", "other"),
    ],
)
def test_classify(types: list[str], title: str, kind: str):
    assert classify(types, title) == PubKind(kind)


def test_json_round_trip_keeps_every_field():
    pub = Publication(
        "Título", ("Nguyễn, Thị Lan",), 2023, "J Hosp Med Res", "10.5555/x", "38012345",
        PubKind.CASE_REPORT,
    )  # fmt: skip
    assert Publication.from_json(pub.to_json()) == pub
    assert pub.to_json()["kind"] == "case-report"


def test_merge_by_title_only_when_ids_do_not_contradict():
    a = Publication("Falls on the ward", year=2022, pmid="1")
    same_paper = Publication("FALLS ON THE WARD.", year=2022, doi="10.5555/f")
    erratum = Publication("Falls on the ward", year=2022, pmid="2")
    other_year = Publication("Falls on the ward", year=2019)
    merged, skipped = merge([a], [same_paper, erratum, other_year])
    assert skipped == 1
    assert len(merged) == 3
    assert merged[0] == Publication("Falls on the ward", year=2022, pmid="1", doi="10.5555/f")


def test_counts_include_every_kind_even_when_zero():
    pubs = [Publication("a", pmid="1", kind=PubKind.REVIEW), Publication("b")]
    assert counts(pubs) == {
        "total": 2,
        "pubmed_indexed": 1,
        "original-research": 0,
        "case-report": 0,
        "quality-improvement": 0,
        "review": 1,
        "other": 1,
    }


# --- reading each format --------------------------------------------------------------------


def test_pubmed_export_counts_by_kind_and_reports_the_record_without_title():
    result = read_publications(NBIB)
    assert result.format == "medline"
    assert counts(result.publications) == {
        "total": 4,
        "pubmed_indexed": 4,
        "original-research": 1,
        "case-report": 1,
        "quality-improvement": 1,
        "review": 1,
        "other": 0,
    }
    [problem] = result.problems
    assert problem.where == "pubs-pubmed.nbib:102"
    assert "no title" in problem.message


def test_pubmed_reads_wrapped_titles_unicode_authors_and_doi_from_lid():
    pubs = read_publications(NBIB).publications
    hip = by_title(pubs, "Early mobilisation")
    assert hip.title.endswith("aged 80 years and over: a retrospective cohort study.")
    assert hip.authors == ("Okafor, Chidinma", "Lindqvist, Åsa", "Nguyễn, Thị Lan")
    assert (hip.year, hip.pmid, hip.doi) == (2023, "38012345", "10.5555/jhmr.2023.0411")
    # This record has LID but no AID line, which nbib alone would miss.
    assert by_title(pubs, "Spontaneous splenic").doi == "10.5555/crj.2023.0055"
    assert by_title(pubs, "Reducing inpatient falls").doi is None


def test_ris_export_has_dois_but_no_pmids():
    result = read_publications(RIS)
    assert result.format == "ris"
    assert len(result.publications) == 4
    assert counts(result.publications)["pubmed_indexed"] == 0
    assert by_title(result.publications, "Early mobilisation").doi == "10.5555/jhmr.2023.0411"
    assert [(p.where, p.message) for p in result.problems] == [
        ("pubs-zotero.ris:52", "record has no title (TI or T1)")
    ]


def test_bibtex_latex_accents_become_unicode():
    result = read_publications(BIB)
    assert result.format == "bibtex"
    mrsa = by_title(result.publications, "MRSA")
    assert mrsa.title == "MRSA screening on admission to a medical ICU: a prospective cohort"
    assert mrsa.authors == (
        "Müller, Anna",
        "García-López, José",
        "Østergaard, Søren",
        "Okafor, Chidinma",
    )
    assert mrsa.pmid == "32111222"
    assert by_title(result.publications, "Early mobilisation").authors[1] == "Lindqvist, Åsa"
    assert by_title(result.publications, "Handover").kind == PubKind.OTHER
    assert [str(p) for p in result.problems] == [
        "pubs-thesis.bib: entry notitle2018: entry has no title"
    ]


def test_csl_json_reads_names_years_and_ids():
    result = read_publications(CSL)
    assert result.format == "csl-json"
    pocus = by_title(result.publications, "Point-of-care")
    assert pocus.authors == (
        "Šimůnková, Zuzana",
        "Okafor, Chidinma",
        "POCUS Teaching Collaborative",
    )
    assert (pocus.year, pocus.doi, pocus.kind) == (2024, "10.5555/mep.2024.7", "original-research")
    assert by_title(result.publications, "Spontaneous").pubmed_indexed
    assert [str(p) for p in result.problems] == ["pubs-export.json: record 4: item has no title"]


def test_content_decides_the_format_not_the_extension(tmp_path: Path):
    renamed = tmp_path / "references.txt"
    renamed.write_bytes(RIS.read_bytes())
    assert read_publications(renamed).format == "ris"


def test_a_file_in_no_known_format_is_refused_with_the_formats_named(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("My papers:\n- the hip one\n- the falls one\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"notes\.txt.*RIS.*BibTeX.*CSL-JSON"):
        read_publications(notes)


# --- the whole point: one CV list from every export ----------------------------------------


def test_dedupe_across_formats_fills_in_ids():
    pubs: list[Publication] = []
    skipped_total = 0
    for path in (RIS, NBIB, BIB, CSL):
        pubs, skipped = merge(pubs, read_publications(path).publications)
        skipped_total += skipped
    # RIS 4 + PubMed 4 (3 already in RIS) + BibTeX 3 (1 known) + CSL 3 (1 known)
    assert skipped_total == 5
    assert len(pubs) == 9
    hip = by_title(pubs, "Early mobilisation")
    assert (hip.pmid, hip.doi) == ("38012345", "10.5555/jhmr.2023.0411")
    # The QI paper had no DOI in PubMed and no PMID in the RIS: matched on its title.
    falls = by_title(pubs, "Reducing inpatient falls")
    assert (falls.pmid, falls.doi) == ("36234567", "10.5555/bmjoqc-2022-001987")
    assert falls.kind == PubKind.QUALITY_IMPROVEMENT
    assert counts(pubs) == {
        "total": 9,
        "pubmed_indexed": 5,
        "original-research": 4,
        "case-report": 1,
        "quality-improvement": 1,
        "review": 1,
        "other": 2,
    }


def test_pubmed_kind_wins_over_a_reference_managers_guess():
    guessed = Publication("Splenic rupture in mononucleosis", year=2023, doi="10.5555/s",
                          kind=PubKind.ORIGINAL_RESEARCH)  # fmt: skip
    pubmed = Publication("Splenic rupture in mononucleosis.", year=2023, pmid="37123456",
                         kind=PubKind.CASE_REPORT)  # fmt: skip
    [merged], skipped = merge([guessed], [pubmed])
    assert skipped == 1
    assert merged.kind == PubKind.CASE_REPORT and merged.pubmed_indexed


# --- broken files: report, keep the good records, never crash -------------------------------


@pytest.mark.parametrize("source", [NBIB, RIS, BIB, CSL], ids=lambda p: p.suffix)
def test_a_file_cut_short_keeps_the_records_before_the_cut(source: Path, tmp_path: Path):
    text = source.read_text(encoding="utf-8")
    cut = tmp_path / source.name
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    full = read_publications(source).publications
    result = read_publications(cut)
    assert 1 <= len(result.publications) < len(full)
    if source != NBIB:  # MEDLINE has no end marker, so a cut record cannot be told apart
        assert {p.title for p in result.publications} < {p.title for p in full}
        assert result.problems, "the cut record is reported"


def test_garbled_lines_are_located_and_other_records_kept(tmp_path: Path):
    nbib = tmp_path / "pubs.nbib"
    text = NBIB.read_text(encoding="utf-8").replace("PG  - 55-58", "<<binary junk>>")
    nbib.write_text(text, encoding="utf-8")
    result = read_publications(nbib)
    assert len(result.publications) == 3
    assert result.problems[0].where == f"pubs.nbib:{text.splitlines().index('<<binary junk>>') + 1}"

    ris = tmp_path / "pubs.ris"
    no_end = RIS.read_text(encoding="utf-8").replace("ER  - \n\nTY", "TY", 1)
    ris.write_text(no_end, encoding="utf-8")
    result = read_publications(ris)
    assert [p.where for p in result.problems] == ["pubs.ris:1", "pubs.ris:50"]
    assert "no ER line" in result.problems[0].message
    assert len(result.publications) == 3

    bib = tmp_path / "pubs.bib"
    bib.write_text(
        BIB.read_text(encoding="utf-8").replace("pages   = {101--109},", "pages   = {101--109,"),
        encoding="utf-8",
    )
    result = read_publications(bib)
    assert any(p.where.startswith("pubs.bib:") for p in result.problems)
    assert by_title(result.publications, "Handover").year == 2019

    csl = tmp_path / "pubs.json"
    csl.write_text('[{"title": "Fine", "type": "article-journal"}, {"title": oops}]')
    result = read_publications(csl)
    assert [p.title for p in result.publications] == ["Fine"]
    assert result.problems[0].where == "pubs.json:1"
    assert "record 2" in result.problems[0].message


def test_non_utf8_export_is_still_read(tmp_path: Path):
    ris = tmp_path / "endnote.ris"
    ris.write_bytes(
        "TY  - JOUR\nTI  - Café culture on call\nAU  - Lindqvist, Åsa\nPY  - 2020\nER  - \n".encode(
            "cp1252"
        )
    )
    [pub] = read_publications(ris).publications
    assert pub.title == "Café culture on call" and pub.authors == ("Lindqvist, Åsa",)


def test_string_macros_joined_with_hash_are_put_together(caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.DEBUG):
        result = read_publications(FILES / "pubs-macros.bib")
    journals = {p.title: p.journal for p in result.publications}
    assert journals == {
        "Falls after discharge in adults over 80": "Journal of Hospital Medicine",
        "Teaching handover on the night shift": (
            "Proceedings of the Society of Hospital Medicine Annual Meeting"
        ),
        "Sepsis bundles on a West African ward": "Journal of Hospital Medicine Letters",
    }
    assert by_title(result.publications, "Falls").authors[2] == "Šimeček, Jiří"
    # The entry left unclosed is named at its line, with what to do; bibtexparser's own
    # warning (its line counted from 0) is not printed beside it.
    assert [str(p) for p in result.problems] == [
        "pubs-macros.bib:20: entry okafor2020draft skipped: Unexpected block start: `@misc`. "
        'Was still looking for field-value closing `,` or `}`. Check that each { and " in '
        "its fields is closed, then import the file again"
    ]
    assert [r.getMessage() for r in caplog.records if r.name.startswith("bibtexparser")] == []
