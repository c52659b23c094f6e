"""Publications for the CV: one list from every export, counted the way a committee asks.

Users export the same papers from PubMed, a reference manager and a preprint list, so the
same paper arrives more than once with different ids. Merging keeps one copy and lends it
the ids the others carry; a paper with a PMID counts as PubMed-indexed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, Final

from msgspec import Struct
from msgspec.structs import force_setattr, replace

from wayhome.core.common.bidi import neutral, neutral_or_none


class PubKind(StrEnum):
    ORIGINAL_RESEARCH = "original-research"
    CASE_REPORT = "case-report"
    QUALITY_IMPROVEMENT = "quality-improvement"
    REVIEW = "review"
    OTHER = "other"


DOI_PREFIX: Final = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
PMID_PREFIX: Final = re.compile(r"^\s*(?:pmid\s*:?\s*)", re.I)


def normalise_doi(doi: str | None) -> str | None:
    """DOIs are case-insensitive and often pasted as links; compare them bare and lowercase."""
    if doi is None:
        return None
    bare = DOI_PREFIX.sub("", doi).strip().lower()
    return bare or None


def normalise_pmid(pmid: str | int | None) -> str | None:
    """A PMID is digits only; anything else (a label, a blank) is not an id to match on."""
    if pmid is None:
        return None
    bare = PMID_PREFIX.sub("", str(pmid)).strip()
    return bare if bare.isdigit() and int(bare) > 0 else None


def normalise_title(title: str) -> str:
    """Title as a comparison key: exports differ in case, accents, punctuation and spacing."""
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", plain))


class Publication(Struct, frozen=True):
    title: str
    authors: tuple[str, ...] = ()  # "Family, Given" as the sources give them
    year: int | None = None
    journal: str | None = None
    doi: str | None = None
    pmid: str | None = None
    kind: PubKind = PubKind.OTHER

    def __post_init__(self) -> None:
        # Normalised here so that every source, and every stored copy, matches on the same key.
        force_setattr(self, "doi", normalise_doi(self.doi))
        force_setattr(self, "pmid", normalise_pmid(self.pmid))
        # Names from other people's files: nothing that reorders what is shown (bidi).
        force_setattr(self, "title", neutral(self.title))
        force_setattr(self, "journal", neutral_or_none(self.journal))
        force_setattr(self, "authors", tuple(neutral(a) for a in self.authors))

    @property
    def pubmed_indexed(self) -> bool:
        return self.pmid is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "year": self.year,
            "journal": self.journal,
            "doi": self.doi,
            "pmid": self.pmid,
            "kind": self.kind.value,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Publication:
        return cls(
            title=str(data["title"]),
            authors=tuple(str(a) for a in data.get("authors") or ()),
            year=int(data["year"]) if data.get("year") is not None else None,
            journal=data.get("journal"),
            doi=data.get("doi"),
            pmid=data.get("pmid"),
            kind=PubKind(data.get("kind") or PubKind.OTHER),
        )


# Publication-type words from PubMed (PT), RIS (TY, M3), BibTeX entry types and CSL types,
# compared casefolded.
CASE_REPORT_TYPES: Final = frozenset({"case reports", "case report"})
REVIEW_TYPES: Final = frozenset(
    {
        "review",
        "systematic review",
        "meta-analysis",
        "scoping review",
        "narrative review",
    }
)
NOT_RESEARCH_TYPES: Final = frozenset(
    {
        "editorial",
        "letter",
        "comment",
        "news",
        "published erratum",
        "erratum",
        "retraction of publication",
        "retraction notice",
        "congress",
        "interview",
        "biography",
        "portrait",
        "lecture",
        "practice guideline",
        "guideline",
        "consensus development conference",
        "preprint",
        "book",
        "book chapter",
    }
)
ARTICLE_TYPES: Final = frozenset(
    {
        "journal article",
        "jour",  # RIS
        "ejour",
        "article",  # BibTeX
        "article-journal",  # CSL
        "clinical trial",
        "randomized controlled trial",
        "controlled clinical trial",
        "observational study",
        "comparative study",
        "multicenter study",
        "evaluation study",
        "validation study",
        "clinical study",
    }
)
QI_TITLE: Final = re.compile(r"\bquality[\s-]+improvement\b", re.I)
CASE_REPORT_TITLE: Final = re.compile(r"\bcase reports?\b", re.I)
REVIEW_TITLE: Final = re.compile(r"\b(?:systematic|scoping|narrative) review\b|\bmeta-analys", re.I)


def classify(types: Iterable[str], title: str | None = None) -> PubKind:
    """Sort a paper into the kinds CV forms count; the first rule that applies wins.

    1. Quality improvement: the title says "quality improvement" (PubMed has no QI type).
    2. Case report: type "Case Reports", or the title says "case report" (RIS and BibTeX
       carry no such type, and authors name case reports in the title).
    3. Review: a review type (Review, Systematic Review, Meta-Analysis) or such a title.
    4. Other: an editorial, letter, comment, erratum, guideline, book or preprint type.
    5. Original research: any other journal article (Journal Article, JOUR, article, trials).
    6. Other: everything else (conference abstracts, theses, unknown types).
    """
    said = {t.strip().casefold() for t in types if t and t.strip()}
    text = title or ""
    if QI_TITLE.search(text) or "quality improvement" in said:
        return PubKind.QUALITY_IMPROVEMENT
    if said & CASE_REPORT_TYPES or CASE_REPORT_TITLE.search(text):
        return PubKind.CASE_REPORT
    if said & REVIEW_TYPES or REVIEW_TITLE.search(text):
        return PubKind.REVIEW
    if said & NOT_RESEARCH_TYPES:
        return PubKind.OTHER
    if said & ARTICLE_TYPES:
        return PubKind.ORIGINAL_RESEARCH
    return PubKind.OTHER


def _conflict(a: Publication, b: Publication) -> bool:
    """Same title but different ids (or years) means two papers, e.g. a paper and its erratum."""
    return (
        _pmids_differ(a, b)
        or (a.doi is not None and b.doi is not None and a.doi != b.doi)
        or (a.year is not None and b.year is not None and a.year != b.year)
    )


def _pmids_differ(a: Publication, b: Publication) -> bool:
    return a.pmid is not None and b.pmid is not None and a.pmid != b.pmid


def _combine(kept: Publication, dup: Publication) -> Publication:
    """Fill the kept copy's gaps from the duplicate; PubMed's types win over a reference manager's.

    The NLM assigns PubMed publication types by hand, so when only the duplicate has a PMID its
    kind replaces a kind guessed from a bare "journal article".
    """
    kind = dup.kind if kept.pmid is None and dup.pmid is not None else kept.kind
    return replace(
        kept,
        authors=kept.authors or dup.authors,
        year=kept.year if kept.year is not None else dup.year,
        journal=kept.journal or dup.journal,
        doi=kept.doi or dup.doi,
        pmid=kept.pmid or dup.pmid,
        kind=kind,
    )


def merge(existing: list[Publication], new: list[Publication]) -> tuple[list[Publication], int]:
    """Add new papers to a list, skipping duplicates; returns the list and how many were skipped.

    A paper is a duplicate when it shares a PMID, else a DOI, else (sharing neither) its
    normalised title with a paper whose ids and year do not contradict it. The kept copy gains
    the ids it lacked, so a PubMed copy with a PMID and a reference-manager copy with a DOI end
    up as one paper with both.
    """
    out = list(existing)
    by_pmid: dict[str, int] = {}
    by_doi: dict[str, int] = {}
    by_title: dict[str, list[int]] = {}

    def index(i: int) -> None:
        pub = out[i]
        if pub.pmid:
            by_pmid.setdefault(pub.pmid, i)
        if pub.doi:
            by_doi.setdefault(pub.doi, i)
        key = normalise_title(pub.title)
        if key and i not in by_title.setdefault(key, []):
            by_title[key].append(i)

    for i in range(len(out)):
        index(i)

    skipped = 0
    for pub in new:
        match: int | None = None
        if pub.pmid and pub.pmid in by_pmid:
            match = by_pmid[pub.pmid]
        elif pub.doi and pub.doi in by_doi and not _pmids_differ(out[by_doi[pub.doi]], pub):
            match = by_doi[pub.doi]
        else:
            key = normalise_title(pub.title)
            for i in by_title.get(key, []) if key else []:
                if not _conflict(out[i], pub):
                    match = i
                    break
        if match is None:
            out.append(pub)
            index(len(out) - 1)
        else:
            out[match] = _combine(out[match], pub)
            index(match)
            skipped += 1
    return out, skipped


def counts(pubs: Iterable[Publication]) -> dict[str, int]:
    """Totals a CV form asks for: all papers, PubMed-indexed ones, and one count per kind."""
    out = {"total": 0, "pubmed_indexed": 0} | {kind.value: 0 for kind in PubKind}
    for pub in pubs:
        out["total"] += 1
        out["pubmed_indexed"] += pub.pubmed_indexed
        out[pub.kind.value] += 1
    return out
