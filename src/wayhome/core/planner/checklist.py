"""The guide's 12-24-month checklist (Step 9), judged from the plan, the assessment and
the evidence.

Readiness is the list of items still open, with their dates: a percentage alone hides
which item will sink the plan. Each item names the evidence that completes it, and is
done only with it:

- a written confirmation: for each target regulator, an answer in writing (by email,
  letter or portal, or with its file attached) recorded against each of its rules the
  item is about (what training counts as, its exams, its deadlines and limits), as "the
  regulator told me" records it: the target and the pack's rule, or the kind of the new
  rule it made. The question's words are never read: an answer not recorded against a
  rule evidences nothing. A target whose pack has no rule of the kind needs one answer
  that made a rule of it. By phone or in person, without a file: ask for it in writing;
- documents in hand: each document the target regulators ask for, as a record of the
  right kind (or the same need) with its issue date and every step its packs list done
  (original, apostille, translation, verification), or in a packet marked sent there;
- translations: every translation, apostille or legalisation step of those documents;
- exams: a passed attempt at each exam the targets set.

An item with nothing to evidence it (collaborations, mentors, US doors) is done when its
tasks are ticked: it shows as "you marked this done". Ticking the tasks of an evidenced
item does not make it done.

Public surface: :func:`judge`, :class:`Evidence` (what the service gathers: answers,
document records, packets sent), :class:`Answer`, :class:`HeldDocument`,
:class:`SentPacket`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.evidence.per_target import Requirement, checklist
from wayhome.core.planner.due import overdue_by, when_words
from wayhome.core.planner.results import ChecklistItem, Task, TaskStatus
from wayhome.core.profile.model import Profile
from wayhome.core.rules.confirmed import OWN_RULE_PREFIX
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Finding, Report

WRITTEN_CHANNELS: Final = frozenset({"email", "letter", "portal"})
# The rules a written confirmation of the eligibility windows is about.
WINDOW_KINDS: Final = (
    "max_age",
    "max_years_since_graduation",
    "max_years_since_training",
    "recent_practice",
    "course_window",
)
SHOWN: Final = 3  # evidence found or missing named in the detail; the rest counted
# Steps that put a document into the home language or make it valid there.
TRANSLATION_WORDS: Final = ("translat", "apostille", "legalis", "legaliz", "attest")


class Answer(Struct, frozen=True):
    """An answer logged from a regulator (the correspondence log), and what it answers:
    ``rule``, the pack rule it was recorded against, or ``kind``, the kind of the new
    rule it made (both None: recorded against nothing, so it evidences nothing here)."""

    jurisdiction: str  # the target it answers for
    question: str
    answered: date
    channel: str = ""  # email, letter, portal, phone, in person; "" when not said
    files: int = 0  # files attached as its evidence
    rule: str | None = None
    kind: str | None = None

    @property
    def written(self) -> bool:
        return self.channel in WRITTEN_CHANNELS or self.files > 0


class HeldDocument(Struct, frozen=True):
    """A document record: its need's key, kind, issue date, and its steps with the day
    each was done (None: not yet)."""

    key: str
    kind: str | None
    issued: date | None
    steps: tuple[tuple[str, date | None], ...] = ()

    def done(self, step: str) -> bool:
        want = _norm(step)
        return any(_norm(s) == want and day is not None for s, day in self.steps)


class SentPacket(Struct, frozen=True):
    """A packet marked sent to a regulator, with the document kinds and keys it held."""

    jurisdiction: str
    sent: date
    kinds: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()


class Evidence(Struct, frozen=True):
    """What shows a checklist item done: answers, documents held and packets sent."""

    answers: tuple[Answer, ...] = ()
    documents: tuple[HeldDocument, ...] = ()
    packets: tuple[SentPacket, ...] = ()
    # False: the documents are only the profile's (no steps recorded): a profile file
    records: bool = True

    @classmethod
    def of_profile(cls, profile: Profile) -> Evidence:
        """What a profile file shows by itself: its documents, with no step recorded."""
        held = tuple(HeldDocument(f"held-{d.kind}", d.kind, d.issued) for d in profile.documents)
        return cls(documents=held, records=False)


class Item(Struct, frozen=True):
    """An item of the guide's checklist, its tasks and the evidence that completes it."""

    id: str
    text: str
    tasks: tuple[str, ...]  # its tasks (prefix match on a trailing colon)
    evidence: str = ""  # what completes it; "" when only ticking its tasks can
    kinds: tuple[str, ...] = ()  # for a written confirmation: the rule kinds it is about


ITEMS: Final = (
    Item(
        "written-requirements",
        "Written confirmation of the home exam requirements and dates",
        ("confirm-requirements", "confirm-timelines"),
        "an answer in writing from each target regulator on each of its exams, recorded "
        "against the exam with \u201cThe regulator told me\u201d",
        ("exam",),
    ),
    Item(
        "written-windows",
        "Written confirmation of the eligibility windows (age, years since graduation)",
        ("confirm-timelines",),
        "an answer in writing from each target regulator on each of its deadlines and "
        "limits (age, years since graduation), recorded against the rule with "
        "\u201cThe regulator told me\u201d",
        WINDOW_KINDS,
    ),
    Item(
        "documents",
        "Documents in hand: diplomas, board certificates, training records, "
        "letters of good standing",
        ("collect-us-documents", "doc:", "request:"),
        "each document your target regulators ask for, with its issue date and every "
        "step done, or sent in a packet",
    ),
    Item(
        "translations",
        "Translations and legalisation where needed",
        ("translations",),
        "every translation, apostille or legalisation step of those documents done",
    ),
    Item(
        "collaborations",
        "One or two collaborations that continue after the return",
        ("collaborations",),
    ),
    Item(
        "mentors",
        "Home mentors who know your timeline, and a short list of hospitals",
        ("mentors-and-hospitals",),
    ),
    Item(
        "exams",
        "Home exams passed: each exam your target regulators set",
        ("register:",),
        "a passed attempt at each exam your targets set",
    ),
    Item(
        "us-doors",
        "US doors kept open: work papers saved, a US address and a bank account",
        ("us-paper-trail", "us-bank-and-address"),
    ),
)
TRAINING: Final = Item(
    "training-counts",
    "Written word on what your US training counts as (specialist, partial, generalist)",
    ("confirm-requirements",),
    "an answer in writing from each target regulator on what your training counts as, "
    "recorded against that finding with \u201cThe regulator told me\u201d",
    ("recognition",),
)


class _Judged(Struct, frozen=True):
    """An item's evidence: what was found, what is missing; ``applies`` False when there
    is nothing of the kind to evidence (no exams set, no step to translate)."""

    found: tuple[str, ...]
    missing: tuple[str, ...]
    applies: bool = True


def judge(
    tasks: Sequence[Task],
    report: Report,
    on: date,
    packs: Sequence[Pack] = (),
    evidence: Evidence | None = None,
) -> list[ChecklistItem]:
    proof = evidence or Evidence()
    targets = [a.jurisdiction for a in report.assessments if a.pathway is not None]
    needs = _needs(report, packs, targets)
    out = []
    for item in (TRAINING, *ITEMS):
        mine = [
            t
            for t in tasks
            if any(t.id == p or (p.endswith(":") and t.id.startswith(p)) for p in item.tasks)
        ]
        judged = _evidence(item, targets, needs, report, proof)
        if not mine and (judged is None or not judged.applies):
            continue
        out.append(_item(item, mine, judged, on))
    return out


def _item(item: Item, mine: list[Task], judged: _Judged | None, on: date) -> ChecklistItem:
    open_ = [t for t in mine if t.status not in (TaskStatus.DONE, TaskStatus.SKIPPED)]
    marked = bool(mine) and not open_
    due = min((t.spec.latest for t in open_ if t.spec.latest), default=None)
    evidenced = judged is not None and judged.applies
    if evidenced:
        assert judged is not None
        done = not judged.missing
        done_by = "evidence" if done else None
        if done:
            detail = "done: " + _some(judged.found)
        else:
            detail = f"done only with {item.evidence}. Missing: {_some(judged.missing)}"
            if marked:
                detail = f"You marked its tasks done, but it is {detail}"
    else:
        done, done_by = marked, ("you" if marked else None)
        detail = (
            "you marked this done"
            if marked
            else "open: "
            + "; ".join(
                f"{t.spec.title} (by {dates.fmt(t.spec.latest)})" if t.spec.latest else t.spec.title
                for t in open_
            )
        )
    return ChecklistItem(
        item.id,
        item.text,
        done=done,
        due=None if done else due,
        when="" if done or due is None else when_words(None, due, overdue_by(due, on), "due"),
        blocking=not done,
        detail=detail,
        evidence=item.evidence if evidenced else "",
        done_by=done_by,
        found=judged.found if evidenced and judged else (),
        missing=judged.missing if evidenced and judged else (),
        marked=marked,
    )


def _some(words: Sequence[str]) -> str:
    more = len(words) - SHOWN
    return "; ".join(words[:SHOWN]) + (f"; and {more} more" if more > 0 else "")


def _evidence(
    item: Item,
    targets: list[str],
    needs: tuple[Requirement, ...],
    report: Report,
    proof: Evidence,
) -> _Judged | None:
    if item.kinds:
        return _written(item.kinds, targets, report, proof)
    if item.id == "documents":
        return _documents(needs, proof)
    if item.id == "translations":
        return _translations(needs, proof)
    if item.id == "exams":
        return _exams(report, targets)
    return None


def _written(
    kinds: tuple[str, ...], targets: list[str], report: Report, proof: Evidence
) -> _Judged:
    """Each target's rules of ``kinds``, each with a written answer recorded against it;
    a target with none of them, one answer that made a rule of such a kind."""
    found: list[str] = []
    missing: list[str] = []
    by_code = {a.jurisdiction: a for a in report.assessments}
    for code in targets:
        answers = [a for a in proof.answers if a.jurisdiction == code]
        rules = [f for f in by_code[code].findings if f.kind in kinds]
        for f in rules:
            _judge_answers(
                f"{code}: {f.title}", [a for a in answers if _answers(a, f)], found, missing
            )
        if not rules:
            _judge_answers(code, [a for a in answers if a.kind in kinds], found, missing)
    return _Judged(tuple(found), tuple(missing), applies=bool(targets))


def _answers(a: Answer, f: Finding) -> bool:
    """Whether ``a`` was recorded against the rule of finding ``f``: the pack's rule by
    its id, or a rule of the person's own by the kind the answer made."""
    if a.rule is not None:
        return a.rule == f.rule
    return a.kind == f.kind and f.rule.startswith(OWN_RULE_PREFIX)


def _judge_answers(what: str, answers: list[Answer], found: list[str], missing: list[str]) -> None:
    written = [a for a in answers if a.written]
    if written:
        a = max(written, key=lambda x: x.answered)
        how = a.channel or "with its file"
        found.append(f"{what}: answered {dates.fmt(a.answered)} ({how})")
    elif answers:
        a = max(answers, key=lambda x: x.answered)
        how = f"by {a.channel}" if a.channel else "with no file"
        missing.append(f"{what}: answered {dates.fmt(a.answered)} {how}; ask for it in writing")
    else:
        missing.append(f"{what}: no answer logged")


def _needs(report: Report, packs: Sequence[Pack], targets: list[str]) -> tuple[Requirement, ...]:
    """The documents the targets ask for; the guide's own (of a known kind) when none do."""
    if not packs:
        return ()
    listing = checklist(report, packs, targets)
    mine = tuple(r for r in listing.requirements if r.targets)
    return mine or tuple(r for r in listing.guide_only if r.kind)


def _record(req: Requirement, proof: Evidence) -> HeldDocument | None:
    """The record of this document: the one stored for its need, else one of its kind
    (the most complete first)."""
    same = [d for d in proof.documents if d.key in req.keys]
    same += [d for d in proof.documents if req.kind and d.kind == req.kind and d not in same]
    return max(same, key=lambda d: _steps_done(d, req), default=None)


def _steps_done(d: HeldDocument, req: Requirement) -> tuple[bool, int]:
    return d.issued is not None, sum(d.done(s.text) for s in req.steps)


def _sent(req: Requirement, proof: Evidence) -> SentPacket | None:
    return next(
        (
            p
            for p in proof.packets
            if p.jurisdiction in req.targets
            and (set(req.keys) & set(p.keys) or (req.kind and req.kind in p.kinds))
        ),
        None,
    )


def _documents(needs: tuple[Requirement, ...], proof: Evidence) -> _Judged:
    found: list[str] = []
    missing: list[str] = []
    for req in needs:
        packet = _sent(req, proof)
        if packet is not None:
            found.append(f"{req.name}: sent to {packet.jurisdiction} on {dates.fmt(packet.sent)}")
            continue
        d = _record(req, proof)
        todo = [s.text for s in req.steps if d is None or not d.done(s.text)]
        if d is None or d.issued is None:
            missing.append(f"{req.name}: no issue date recorded")
        elif todo:
            still = "step not recorded" if not proof.records else "still to do"
            missing.append(f"{req.name}: {still}: {', '.join(_short(t) for t in todo)}")
        else:
            steps = ", every step done" if req.steps else ""
            found.append(f"{req.name}: issued {dates.fmt(d.issued)}{steps}")
    return _Judged(tuple(found), tuple(missing), applies=bool(needs))


def _translations(needs: tuple[Requirement, ...], proof: Evidence) -> _Judged:
    found: list[str] = []
    missing: list[str] = []
    for req in needs:
        steps = [
            s.text for s in req.steps if any(w in s.text.casefold() for w in TRANSLATION_WORDS)
        ]
        if not steps:
            continue
        if (packet := _sent(req, proof)) is not None:
            found.append(f"{req.name}: sent to {packet.jurisdiction} on {dates.fmt(packet.sent)}")
            continue
        d = _record(req, proof)
        todo = [s for s in steps if d is None or not d.done(s)]
        (missing if todo else found).append(
            f"{req.name}: {', '.join(_short(t) for t in todo)}"
            if todo
            else f"{req.name}: {', '.join(_short(t) for t in steps)} done"
        )
    return _Judged(tuple(found), tuple(missing), applies=bool(found or missing))


def _exams(report: Report, targets: list[str]) -> _Judged:
    found: list[str] = []
    missing: list[str] = []
    for a in report.assessments:
        if a.jurisdiction not in targets:
            continue
        for e in a.exams:
            if e.status == "passed" and e.passed:
                found.append(f"{e.name} ({a.jurisdiction}): passed {dates.fmt(e.passed)}")
            else:
                missing.append(f"{e.name} ({a.jurisdiction}): no pass recorded")
    return _Judged(tuple(found), tuple(missing), applies=bool(found or missing))


def _short(step: str) -> str:
    """A step in its first words: what it is, without the pack's qualifications
    ("legalisation where asked (apostille in ...)" is "legalisation where asked")."""
    return step.split(" (")[0].split(", only")[0].strip()


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())
