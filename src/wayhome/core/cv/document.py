"""The home-country CV: the same facts, ordered for the reader the return type brings,
headed for one target and laid out as that target expects.

An academic post reads publications and teaching first; a public-service post
reads years of training and service, certificates and exams; a private
hospital reads procedure numbers and skills. The target (the plan's first unless
another is chosen) decides the rest, from its pack's ``cv:`` section
(core/cv/conventions.py): personal details, photograph, licence numbers, how dates
are written, the order of posts, gaps between posts, a line to sign; without one,
US style, and the CV says so. Nothing is invented: a section with no facts is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.specialties import name_of
from wayhome.core.cv.activities import Activity, ActivityKind
from wayhome.core.cv.cases import Totals
from wayhome.core.cv.conventions import Followed, Layout, Target, layout
from wayhome.core.cv.places import place
from wayhome.core.cv.publications import Publication, counts
from wayhome.core.profile.model import LicenceKind, Profile, ReturnType, Training
from wayhome.core.rules.cv_conventions import Order


class Entry(Struct, frozen=True):
    title: str
    detail: str = ""
    when: str = ""


class Section(Struct, frozen=True):
    id: str
    title: str
    entries: tuple[Entry, ...]
    note: str = ""


class CV(Struct, frozen=True):
    name: str
    headline: str
    return_type: ReturnType
    sections: tuple[Section, ...]
    target: str = ""  # the target code it is headed for
    photo: bool = False  # a photograph goes beside the name (the exporters are given it)
    signature: str = ""  # the line to sign on at the end, where the target wants one
    style_note: str = ""  # "Laid out in US style: ..." when the target's pack says nothing
    advice: tuple[str, ...] = ()  # for the physician, not printed: what to add or do
    followed: tuple[Followed, ...] = ()  # the conventions followed, for the CV page
    made: date | None = None  # the day it is made: what is dated after it is expected

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "headline": self.headline,
            "return_type": self.return_type.value,
            "target": self.target,
            "photo": self.photo,
            "signature": self.signature,
            "style_note": self.style_note,
            "advice": list(self.advice),
            "conventions": [
                {"key": f.key, "label": f.label, "words": f.words, "sources": list(f.sources)}
                | ({"question": f.question} if f.question else {})
                for f in self.followed
            ],
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


LICENCES: Final = {
    LicenceKind.FULL: "Medical licence",
    LicenceKind.TEMPORARY: "Temporary licence",
    LicenceKind.TRAINING: "Training licence",
}


class Dating(Struct, frozen=True):
    """Dates as a CV writes them, and the one place that decides what is still to come:
    anything dated after the day the CV is made (a board certification not yet held, the
    end of a training period or a post still running, a degree not yet given) is shown
    as expected, never as held. ``on`` None: no day is given, and nothing is expected."""

    month: Callable[[date], str]
    day: Callable[[date], str]
    on: date | None

    @classmethod
    def of(cls, shown: Layout, on: date | None) -> Dating:
        return cls(shown.month, shown.day, on)

    def to_come(self, d: date | None) -> bool:
        return d is not None and self.on is not None and d > self.on

    def span(self, start: date, end: date | None) -> str:
        """ "Jul 2021 to Jun 2024", "Jul 2024 to Jun 2027 (expected)", "Jul 2018 to now",
        "from Sep 2027 (expected)"."""
        if end is None:
            if self.to_come(start):
                return f"from {self.month(start)} (expected)"
            return f"{self.month(start)} to now"
        text = f"{self.month(start)} to {self.month(end)}"
        return f"{text} (expected)" if self.to_come(end) else text

    def done(self, verb: str, d: date, *, whole_day: bool = True) -> str:
        """ "certified 20 Aug 2024" (``verb`` and the day), or "expected Oct 2027" for a
        day still to come (a month: the day itself is not known yet)."""
        if self.to_come(d):
            return f"expected {self.month(d)}"
        shown = self.day(d) if whole_day else self.month(d)
        return f"{verb} {shown}" if verb else shown


def _ordered(shown: Layout, items: Sequence[Any]) -> list[Any]:
    """Posts in the order the target wants them (by start), else as the profile lists them."""
    if shown.order is None:
        return list(items)
    return sorted(items, key=lambda x: x.start, reverse=shown.order is Order.MOST_RECENT_FIRST)


def _personal(shown: Layout) -> Section:
    return Section(
        "personal", "Personal details", tuple(Entry(k, "", v) for k, v in shown.personal)
    )


def _training(profile: Profile, shown: Layout, dating: Dating) -> Section:
    return Section(
        "training",
        "Postgraduate training",
        tuple(
            Entry(
                f"{t.kind.value.capitalize()} in {_specialty(t.specialty)}",
                ", ".join(x for x in (_programme(t), t.institution, place(t.country)) if x),
                dating.span(t.start, t.end),
            )
            for t in _ordered(shown, profile.training)
        ),
    )


def _specialty(slug: str) -> str:
    return slug.replace("-", " ")


def _programme(t: Training) -> str:
    """The programme's name, unless it only says what the entry's title does ("General
    Surgery", "Cardiovascular Disease Fellowship")."""
    if not t.program:
        return ""
    said = {_specialty(t.specialty), name_of(t.specialty).lower()}
    said |= {f"{s} {t.kind.value}" for s in said}
    return "" if " ".join(t.program.lower().replace("-", " ").split()) in said else t.program


def _work(profile: Profile, shown: Layout, dating: Dating) -> Section:
    return Section(
        "work",
        "Posts held",
        tuple(
            Entry(
                w.role + (f" ({_specialty(w.specialty)})" if w.specialty else ""),
                ", ".join(x for x in (w.institution, place(w.country)) if x),
                dating.span(w.start, w.end),
            )
            for w in _ordered(shown, profile.work)
        ),
    )


def _gaps(shown: Layout) -> Section:
    """The gaps the target wants listed, each to be explained by the physician."""
    entries = tuple(
        Entry(
            f"No post ({(last - first).days + 1} days)",
            "",
            f"{shown.day(first)} to {shown.day(last)}",
        )
        for first, last in sorted(shown.gaps, reverse=shown.order is Order.MOST_RECENT_FIRST)
    )
    return Section("gaps", "Gaps between posts", entries)


def _certificates(profile: Profile, shown: Layout, dating: Dating) -> Section:
    entries = [
        Entry(f"{b.board}: {_specialty(b.specialty)}", "", dating.done("certified", b.certified))
        for b in profile.board_certifications
    ]
    entries += [
        Entry(
            f"{LICENCES[lic.kind]}, {place(lic.jurisdiction)}",
            f"Licence number {lic.number}" if shown.licence_numbers and lic.number else "",
            f"to {shown.day(lic.expires)}" if lic.expires else "",
        )
        for lic in profile.licences
    ]
    return Section("certificates", "Certification and licences", tuple(entries))


def _education(profile: Profile, dating: Dating) -> Section:
    school = profile.medical_school
    if school is None:
        return Section("education", "Medical degree", ())
    when = dating.done("graduated", school.graduated, whole_day=False) if school.graduated else ""
    return Section(
        "education",
        "Medical degree",
        (Entry(school.name or "Medical school", place(school.country), when),),
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
    entries = tuple(Entry(p.title, _reference(p), str(p.year or "")) for p in ordered)
    note = f"{c['total']} papers, {c['pubmed_indexed']} indexed in PubMed."
    return Section("publications", "Publications", entries, note)


def _reference(p: Publication) -> str:
    """Authors (six, then "et al."), journal, PMID and DOI, one full stop between each."""
    authors = "; ".join(p.authors[:6]) + ("; et al." if len(p.authors) > 6 else "")
    parts = [
        x for x in (authors, p.journal, p.pmid and f"PMID {p.pmid}", p.doi and f"doi:{p.doi}") if x
    ]
    out = ""
    for part in parts:
        out += (" " if out.endswith(".") else ". ") + part if out else part
    return out


def _activities(kind: ActivityKind, activities: Sequence[Activity], dating: Dating) -> Section:
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
            when = dating.span(a.start, a.end)
        else:
            when = dating.done("", a.start, whole_day=False) if a.start else ""
        entries.append(Entry(a.title, detail, when))
    return Section(sid, title, tuple(entries))


def build(
    profile: Profile,
    totals: Totals | None,
    papers: Sequence[Publication],
    country: str | None = None,
    activities: Sequence[Activity] = (),
    *,
    target: Target | None = None,
    photo: bool = False,
    on: date | None = None,
) -> CV:
    """The CV headed for ``target`` (else ``country``, else the plan's first target) and
    laid out as it expects; ``photo``: one was chosen; ``on``: the day it is made (gaps
    between posts run to it; None: no gaps are looked for)."""
    rtype = profile.plan.return_type
    if target is None:
        code = country or profile.targets[0]
        target = Target(code, country_name(code[:2]))
    shown = layout(profile, target, photo=photo, on=on)
    dating = Dating.of(shown, on)
    sections = {
        "training": _training(profile, shown, dating),
        "work": _work(profile, shown, dating),
        "certificates": _certificates(profile, shown, dating),
        "education": _education(profile, dating),
        "procedures": _procedures(totals),
        "publications": _publications(papers),
    }
    for kind, (sid, _) in ACTIVITY_SECTIONS.items():
        sections[sid] = _activities(kind, activities, dating)
    article = "an" if rtype is ReturnType.ACADEMIC else "a"
    headline = f"Curriculum vitae for {article} {rtype.value} post, {target.name}"
    ordered = [_personal(shown)] + [sections[k] for k in ORDER[rtype]]
    # Gaps follow the posts they fall between.
    ordered.insert(next(i for i, s in enumerate(ordered) if s.id == "work") + 1, _gaps(shown))
    return CV(
        profile.person.name,
        headline,
        rtype,
        tuple(s for s in ordered if s.entries),
        target=target.code,
        photo=shown.photo,
        signature=shown.signature,
        style_note=shown.style_note,
        advice=shown.advice,
        followed=shown.followed,
        made=on,
    )


def _post_to_come(dating: Dating, start: date, end: date | None) -> dict[str, str]:
    """A post's summary in JSON Resume when it starts or ends after the day the CV is made
    (its dates are given as they are planned)."""
    if dating.to_come(start):
        return {"summary": f"Expected to start {dating.month(start)}."}
    if dating.to_come(end):
        assert end is not None
        return {"summary": f"Expected to end {dating.month(end)}."}
    return {}


def json_resume(
    cv: CV, profile: Profile, papers: Sequence[Publication], activities: Sequence[Activity] = ()
) -> dict[str, Any]:
    """The JSON Resume form (jsonresume.org schema 1.0) of the same facts, for other tools:
    institutions as ``institution`` and employers as ``name``, places in words; what is
    dated after the day the CV was made (``meta.wayhome.made``) says it is expected."""
    dating = Dating(dates.fmt_month, dates.fmt, cv.made)
    return {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {"name": cv.name, "label": cv.headline},
        "work": [
            ({"name": w.institution} if w.institution else {})
            | {"position": w.role, "location": place(w.country), "startDate": w.start.isoformat()}
            | ({"endDate": w.end.isoformat()} if w.end else {})
            | _post_to_come(dating, w.start, w.end)
            for w in profile.work
        ],
        "education": [
            ({"institution": t.institution} if t.institution else {})
            | {
                "area": _specialty(t.specialty),
                "studyType": t.kind.value
                + (f" (expected to finish {dating.month(t.end)})" if dating.to_come(t.end) else ""),
                "startDate": t.start.isoformat(),
                "endDate": t.end.isoformat(),
            }
            for t in profile.training
        ],
        "certificates": [
            (
                {"name": f"{name} ({dating.done('', b.certified)})", "issuer": b.board}
                if dating.to_come(b.certified)
                else {"name": name, "issuer": b.board, "date": b.certified.isoformat()}
            )
            for b in profile.board_certifications
            for name in [f"{b.board}: {_specialty(b.specialty)}"]
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
        "meta": {
            "wayhome": {"return_type": cv.return_type.value}
            | ({"made": cv.made.isoformat()} if cv.made else {})
        },
    }
