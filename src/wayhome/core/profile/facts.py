"""Facts derived from a profile, computed once and read by conditions and rules.

A fact that the profile does not hold is ``None``: rules that need it answer
``unknown`` and name the profile field to fill in, rather than guessing.
"""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct, field
from msgspec.structs import replace

from wayhome.core.common.dates import ONE_DAY
from wayhome.core.common.vocabulary import GENERAL_POST, POSTS_BY_RETURN_TYPE
from wayhome.core.profile.model import (
    Document,
    ExamResult,
    Profile,
    TrainingKind,
    Visa,
    VisaType,
    WorkKind,
)


def exam_key(name: str) -> str:
    """Exam names compared loosely: 'USMLE Step 2 CK' == 'usmle step-2 ck'."""
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


class Attempt(Struct, frozen=True):
    """One sitting of an exam as counted: its result, from the score where the pack knows
    the pass mark (wayhome.core.rules.attempts)."""

    key: str  # the name as typed, compared loosely (exam_key)
    name: str
    date: date
    result: ExamResult
    score: str | None = None
    note: str | None = None  # how the result was read: "149/300 is below the pass mark ..."
    path: tuple[str | int, ...] = ()  # where it is in the profile: ("exam_attempts", 2)


class ProfileFacts(Struct, frozen=True):
    """Facts derived from a profile once, as the rules read them."""

    profile: Profile
    exams: dict[str, date] = field(default_factory=dict)  # exam key -> the latest pass
    attempts: tuple[Attempt, ...] = ()  # every sitting, in date order
    # The planned application to the jurisdiction being assessed (plan.applications);
    # None: the return date stands for it.
    applying_on: date | None = None

    @classmethod
    def of(cls, profile: Profile) -> ProfileFacts:
        """Facts as the profile says them; an exam's results as entered (a pack's pass
        marks are put in by :meth:`with_attempts`)."""
        entered = {(exam_key(a.name), a.date) for a in profile.exam_attempts}
        # exams_passed is shorthand for attempts with result: pass (the same one entered in
        # both counts once).
        attempts = [
            Attempt(exam_key(e.name), e.name, e.date, ExamResult.PASS, e.score, None, p)
            for p, e in ((("exams_passed", i), e) for i, e in enumerate(profile.exams_passed))
            if (exam_key(e.name), e.date) not in entered
        ]
        attempts += [
            Attempt(
                exam_key(a.name),
                a.name,
                a.date,
                a.result or ExamResult.PENDING,
                a.score,
                # Until a pack's pass mark reads the score, a result left out is not known.
                None if a.result else f"no result entered, and no pass mark to read {a.score}",
                ("exam_attempts", i),
            )
            for i, a in enumerate(profile.exam_attempts)
        ]
        return cls(profile=profile).with_attempts(attempts)

    def with_attempts(self, attempts: list[Attempt]) -> ProfileFacts:
        """These facts with the attempts as counted, and the passes they give."""
        exams: dict[str, date] = {}
        for a in attempts:
            # The latest pass counts: it is the one whose validity runs longest.
            if a.result is ExamResult.PASS and (a.key not in exams or a.date > exams[a.key]):
                exams[a.key] = a.date
        ordered = tuple(sorted(attempts, key=lambda a: (a.date, a.path)))
        return replace(self, exams=exams, attempts=ordered)

    def for_jurisdiction(self, code: str) -> ProfileFacts:
        """These facts as one regulator's rules read them: with its application date."""
        return replace(self, applying_on=self.profile.plan.applying_on(code))

    @property
    def application_date(self) -> date:
        """The day of applying: the planned application, else the return."""
        return self.applying_on or self.profile.plan.return_date

    def documents_of(self, kind: str) -> list[Document]:
        """The documents of one kind held, latest issued first (undated last)."""
        held = [d for d in self.profile.documents if d.kind == kind]
        return sorted(held, key=lambda d: d.issued or date.min, reverse=True)

    def exam_attempts(self, *names: str) -> tuple[Attempt, ...]:
        """Every sitting of the exam known by any of ``names``, in date order."""
        keys = {exam_key(n) for n in names}
        return tuple(a for a in self.attempts if a.key in keys)

    @property
    def born(self) -> date | None:
        return self.profile.person.born

    @property
    def graduated(self) -> date | None:
        return self.profile.medical_school.graduated

    @property
    def citizenship(self) -> frozenset[str]:
        return frozenset(self.profile.person.citizenship)

    @property
    def training_countries(self) -> frozenset[str]:
        return frozenset(t.country for t in self.profile.training)

    def training_end(
        self, kind: TrainingKind | None = None, country: str | None = None
    ) -> date | None:
        """The last day of the latest matching training period, if any."""
        ends = [
            t.end
            for t in self.profile.training
            if (kind is None or t.kind == kind) and (country is None or t.country == country)
        ]
        return max(ends) if ends else None

    def first_certification(self) -> date | None:
        dates = [c.certified for c in self.profile.board_certifications]
        return min(dates) if dates else None

    def practice_periods(self, country: str | None = None) -> list[tuple[date, date | None]]:
        """(first day, last day or None if ongoing) of training and clinical work, in order.
        Teaching, research and other work are not clinical practice."""
        out: list[tuple[date, date | None]] = [
            (t.start, t.end)
            for t in self.profile.training
            if country is None or t.country == country
        ]
        out += [
            (w.start, w.end)
            for w in self.profile.work
            if w.kind is WorkKind.CLINICAL and (country is None or w.country == country)
        ]
        return sorted(out, key=lambda p: p[0])

    def practice_end(self, country: str | None = None) -> tuple[date | None, bool]:
        """(last day of clinical practice, still practising?) from training and clinical work.

        Work without an ``end`` is ongoing: it is taken to last until the return.
        """
        spans = self.practice_periods(country)
        if any(end is None for _, end in spans):
            return None, True
        ends = [end for _, end in spans if end is not None]
        return (max(ends) if ends else None), False

    def practice_gaps(self, country: str | None = None) -> list[tuple[date, date]]:
        """The gaps between periods of practice: (first day without, last day without)."""
        gaps: list[tuple[date, date]] = []
        covered: date | None = None
        for start, end in self.practice_periods(country):
            if covered is not None and start > covered + ONE_DAY:
                gaps.append((covered + ONE_DAY, start - ONE_DAY))
            if end is None:
                break
            covered = end if covered is None else max(covered, end)
        return gaps

    @property
    def posts(self) -> tuple[str, ...]:
        """The posts sought: the plan's, or those its return type leads to."""
        plan = self.profile.plan
        if plan.posts:
            return tuple(plan.posts)
        return POSTS_BY_RETURN_TYPE[plan.return_type.value]

    @property
    def posts_assumed(self) -> bool:
        return not self.profile.plan.posts

    def seeks(self, posts: list[str] | None) -> bool:
        """A rule for ``posts`` (None: every post) governs this physician."""
        return posts is None or GENERAL_POST in posts or bool(set(posts) & set(self.posts))

    def visas(self) -> list[Visa]:
        current = [self.profile.visa] if self.profile.visa else []
        return [*self.profile.visa_history, *current]

    @property
    def visa_types_held(self) -> frozenset[str]:
        return frozenset(v.type.value for v in self.visas())

    def visa_periods(self, visa_type: VisaType) -> list[Visa]:
        return sorted((v for v in self.visas() if v.type == visa_type), key=lambda v: v.start)

    def has_held(self, visa_type: VisaType) -> bool:
        """In ``visa_type`` now or at any time before."""
        return any(v.type == visa_type for v in self.visas())

    def status_now(self, visa_type: VisaType) -> Visa | None:
        """The current status if it is ``visa_type``; None when not in it now (a J-1 left
        for an H-1B: its limits bind no more, the rules and every clock say alike)."""
        now = self.profile.visa
        return now if now is not None and now.type == visa_type else None

    def exam_passed(self, *names: str) -> date | None:
        dates = [self.exams[k] for k in (exam_key(n) for n in names) if k in self.exams]
        return max(dates) if dates else None
