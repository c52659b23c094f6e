"""The home-country CV: the same facts, ordered for the reader the return type brings.

An academic post reads publications and teaching first; a public-service post
reads years of training and service, certificates and exams; a private
hospital reads procedure numbers and skills. Nothing is invented: a section
with no facts is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from wayhome.core.common import dates
from wayhome.core.cv.activities import Activity, ActivityKind
from wayhome.core.cv.cases import Totals
from wayhome.core.cv.publications import Publication, counts
from wayhome.core.profile.model import Profile, ReturnType


@dataclass(frozen=True)
class Entry:
    title: str
    detail: str = ""
    when: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    entries: tuple[Entry, ...]
    note: str = ""


@dataclass(frozen=True)
class CV:
    name: str
    headline: str
    return_type: ReturnType
    sections: tuple[Section, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "headline": self.headline,
            "return_type": self.return_type.value,
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "note": s.note,
                    "entries": [
                        {"title": e.title, "detail": e.detail, "when": e.when} for e in s.entries
                    ],
                }
                for s in self.sections
            ],
        }


ORDER: Final = {
    ReturnType.ACADEMIC: (
        "publications",
        "teaching",
        "training",
        "procedures",
        "leadership",
        "work",
        "awards",
        "certificates",
        "education",
    ),
    ReturnType.PUBLIC: (
        "training",
        "work",
        "certificates",
        "education",
        "leadership",
        "teaching",
        "procedures",
        "publications",
        "awards",
    ),
    ReturnType.PRIVATE: (
        "procedures",
        "training",
        "certificates",
        "work",
        "teaching",
        "leadership",
        "publications",
        "awards",
        "education",
    ),
}
ACTIVITY_SECTIONS: Final = {
    ActivityKind.TEACHING: ("teaching", "Teaching"),
    ActivityKind.LEADERSHIP: ("leadership", "Leadership and service"),
    ActivityKind.AWARD: ("awards", "Awards and honours"),
}
TOP_CATEGORIES: Final = 12


def _span(start: Any, end: Any) -> str:
    return f"{dates.fmt_month(start)} to {dates.fmt_month(end) if end else 'now'}"


def _training(profile: Profile) -> Section:
    return Section(
        "training",
        "Postgraduate training",
        tuple(
            Entry(
                f"{t.kind.value.capitalize()} in {t.specialty.replace('-', ' ')}",
                ", ".join(x for x in (t.program, t.country) if x),
                _span(t.start, t.end),
            )
            for t in profile.training
        ),
    )


def _work(profile: Profile) -> Section:
    return Section(
        "work",
        "Posts held",
        tuple(
            Entry(
                w.role + (f" ({w.specialty.replace('-', ' ')})" if w.specialty else ""),
                w.country,
                _span(w.start, w.end),
            )
            for w in profile.work
        ),
    )


def _certificates(profile: Profile) -> Section:
    entries = [
        Entry(
            f"{b.board}: {b.specialty.replace('-', ' ')}", "", f"certified {dates.fmt(b.certified)}"
        )
        for b in profile.board_certifications
    ]
    entries += [
        Entry(
            f"Medical licence, {lic.jurisdiction}",
            "",
            f"to {dates.fmt(lic.expires)}" if lic.expires else "",
        )
        for lic in profile.licences
    ]
    return Section("certificates", "Certification and licences", tuple(entries))


def _education(profile: Profile) -> Section:
    school = profile.medical_school
    if school is None:
        return Section("education", "Medical degree", ())
    when = f"graduated {dates.fmt_month(school.graduated)}" if school.graduated else ""
    return Section(
        "education",
        "Medical degree",
        (Entry(school.name or "Medical school", school.country, when),),
    )


def _procedures(totals: Totals | None) -> Section:
    if totals is None or not totals.procedures:
        return Section("procedures", "Procedures", ())
    ranked = sorted(
        totals.by_category.items(),
        key=lambda kv: (-(kv[1]["performed"].cases if "performed" in kv[1] else 0), kv[0]),
    )
    entries = []
    for category, by_role in ranked[:TOP_CATEGORIES]:
        parts = [f"{c.cases} {role}" for role, c in by_role.items() if c.cases]
        entries.append(Entry(category, ", ".join(parts)))
    performed = totals.by_role.get("performed")
    note = (
        f"{totals.cases} cases, {totals.procedures} procedures in the case log; "
        f"{performed.cases if performed else 0} cases performed hands-on."
    )
    return Section("procedures", "Procedures (from the case log)", tuple(entries), note)


def _publications(papers: Sequence[Publication]) -> Section:
    if not papers:
        return Section("publications", "Publications", ())
    c = counts(papers)
    ordered = sorted(papers, key=lambda p: -(p.year or 0))
    entries = tuple(
        Entry(
            p.title,
            "; ".join(p.authors[:6])
            + ("; et al." if len(p.authors) > 6 else "")
            + (f". {p.journal}" if p.journal else "")
            + (f". PMID {p.pmid}" if p.pmid else "")
            + (f". doi:{p.doi}" if p.doi else ""),
            str(p.year or ""),
        )
        for p in ordered
    )
    note = f"{c['total']} papers, {c['pubmed_indexed']} indexed in PubMed."
    return Section("publications", "Publications", entries, note)


def _activities(kind: ActivityKind, activities: Sequence[Activity]) -> Section:
    sid, title = ACTIVITY_SECTIONS[kind]
    chosen = sorted(
        (a for a in activities if a.kind is kind), key=lambda a: a.start or date.min, reverse=True
    )
    entries = []
    for a in chosen:
        detail = "; ".join(x for x in (a.organisation, a.detail) if x)
        if a.letter:
            detail += ("; " if detail else "") + "letter on file"
        if a.start and kind is not ActivityKind.AWARD:
            when = _span(a.start, a.end)
        else:
            when = dates.fmt_month(a.start) if a.start else ""
        entries.append(Entry(a.title, detail, when))
    return Section(sid, title, tuple(entries))


def build(
    profile: Profile,
    totals: Totals | None,
    papers: Sequence[Publication],
    country: str | None = None,
    activities: Sequence[Activity] = (),
) -> CV:
    rtype = profile.plan.return_type
    target = country or (profile.plan.targets[0] if profile.plan.targets else profile.home_country)
    sections = {
        "training": _training(profile),
        "work": _work(profile),
        "certificates": _certificates(profile),
        "education": _education(profile),
        "procedures": _procedures(totals),
        "publications": _publications(papers),
    }
    for kind, (sid, _) in ACTIVITY_SECTIONS.items():
        sections[sid] = _activities(kind, activities)
    article = "an" if rtype is ReturnType.ACADEMIC else "a"
    headline = f"Curriculum vitae for {article} {rtype.value} post, {target}"
    return CV(
        profile.person.name,
        headline,
        rtype,
        tuple(sections[k] for k in ORDER[rtype] if sections[k].entries),
    )


def json_resume(
    cv: CV, profile: Profile, papers: Sequence[Publication], activities: Sequence[Activity] = ()
) -> dict[str, Any]:
    """The JSON Resume form (jsonresume.org schema 1.0) of the same facts, for other tools."""
    return {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {"name": cv.name, "label": cv.headline},
        "work": [
            {"position": w.role, "location": w.country, "startDate": w.start.isoformat()}
            | ({"endDate": w.end.isoformat()} if w.end else {})
            for w in profile.work
        ],
        "education": [
            {
                "institution": t.program or t.country,
                "area": t.specialty.replace("-", " "),
                "studyType": t.kind.value,
                "startDate": t.start.isoformat(),
                "endDate": t.end.isoformat(),
            }
            for t in profile.training
        ],
        "certificates": [
            {"name": f"{b.board}: {b.specialty}", "date": b.certified.isoformat()}
            for b in profile.board_certifications
        ],
        "publications": [
            {"name": p.title}
            | ({"publisher": p.journal} if p.journal else {})
            | ({"releaseDate": str(p.year)} if p.year else {})
            | ({"url": f"https://doi.org/{p.doi}"} if p.doi else {})
            for p in papers
        ],
        "awards": [
            {"title": a.title}
            | ({"awarder": a.organisation} if a.organisation else {})
            | ({"date": a.start.isoformat()} if a.start else {})
            | ({"summary": a.detail} if a.detail else {})
            for a in activities
            if a.kind is ActivityKind.AWARD
        ],
        "projects": [
            {"name": a.title, "roles": [a.kind.value]}
            | ({"entity": a.organisation} if a.organisation else {})
            | ({"startDate": a.start.isoformat()} if a.start else {})
            | ({"endDate": a.end.isoformat()} if a.end else {})
            | ({"description": a.detail} if a.detail else {})
            for a in activities
            if a.kind is not ActivityKind.AWARD
        ],
        "meta": {"wayhome": {"return_type": cv.return_type.value}},
    }
