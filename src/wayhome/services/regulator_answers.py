""" "The regulator told me": an answer recorded as a confirmed rule, in plain words.

A person picks the finding the answer settles (one of the targets' findings, or something
else: a topic of :data:`wayhome.core.rules.questions.QUESTIONS`), answers that rule's
questions, says when and how they were told, and attaches the email or letter. Wayhome
makes the confirmed rule: it records the answer in the correspondence log, stores the
file in the vault beside it, and adds the rule to the profile, where the assessment uses
it. Rule kinds are never shown; a finding is named by its title, a topic by its words.

:func:`choices` lists what an answer can settle, :func:`topic` gives one's questions with
what Wayhome has now, :func:`record` does it. A finding's key is ``CODE:rule-id``; a
topic's, ``CODE:+slug``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from msgspec import Struct

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db.models import Correspondence
from wayhome.adapters.vault.sniff import RefusedError, sniff
from wayhome.core.common.countries import country_name
from wayhome.core.common.problems import FieldsError
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine, questions
from wayhome.core.rules.base import version_labelled
from wayhome.core.rules.confirmed import own_rule_id
from wayhome.core.rules.kinds.exams import ExamRule
from wayhome.core.rules.pack import EXAM_EVENT_PREFIX, Pack
from wayhome.core.rules.questions import Ask
from wayhome.core.rules.report import OPEN, Finding, Report
from wayhome.services import correspondence, profile_edits, vault_access
from wayhome.services.source import from_store

NEW: Final = "+"  # a topic's key: CODE:+slug
CHANNELS: Final = ("email", "letter", "phone", "portal", "in person")
GRADES: Final = {
    "regulator": "the regulator's own text",
    "secondary": "a secondary source",
    "informal": "an informal source (to confirm)",
}


class AnswerError(FieldsError):
    """Why the answer was not recorded: a message for each field, each naming it (the
    field "" is the whole answer)."""


class Choice(Struct, frozen=True):
    """A finding an answer can settle."""

    key: str
    title: str
    status: str
    open: bool  # the pack cannot say (unknown, indeterminate), or only an informal source
    confirmed: bool  # already confirmed by you


class Regulator(Struct, frozen=True):
    code: str
    name: str
    findings: tuple[Choice, ...]
    topics: tuple[tuple[str, str], ...]  # (key, words) for "something else"


class Topic(Struct, frozen=True):
    """One finding, or a topic for a new rule: its questions and what Wayhome has now."""

    key: str
    code: str
    regulator: str
    title: str
    kind: str  # never shown
    new: bool
    asks: tuple[tuple[Ask, str], ...]  # each question with its text for this rule
    initial: Mapping[str, Any]
    required: frozenset[str]
    says: str | None  # what the pack (or your earlier answer) says now, in words
    question: str | None  # the pack's open question, when it has one
    rule: str | None = None  # the pack rule replaced
    replaces: int | None = None  # the confirmed rule replaced (its position)


class Told(Struct, frozen=True):
    """When and how the regulator said it."""

    answered: date
    channel: str
    person: str = ""
    said: str = ""
    asked: date | None = None


# --------------------------------------------------------------------------- choices


def _report(owner: Any, on: date) -> tuple[Profile, Report, dict[str, Pack]]:
    profile = from_store(owner).profile
    packs = pack_files.load_packs()
    codes = correspondence.targets(owner)
    return profile, engine.assess(profile, packs, on, codes), {p.code: p for p in packs}


def is_open(f: Finding) -> bool:
    """Still a question for this person: unknown, indeterminate, or resting on an informal
    source no one confirmed."""
    return f.status in OPEN or (not f.confirmed_by_user and f.source.grade == "informal")


def choices(owner: Any, on: date) -> list[Regulator]:
    """Each target's findings (open ones first), and the topics for something else."""
    _, report, _ = _report(owner, on)
    topics = sorted(((q.slug, q.topic) for q in questions.QUESTIONS.values()), key=lambda t: t[1])
    out = []
    for a in report.assessments:
        found = [
            Choice(
                f"{a.jurisdiction}:{f.rule}",
                f.title,
                f.status.value,
                is_open(f),
                f.confirmed_by_user,
            )
            for f in a.findings
        ]
        found.sort(key=lambda c: not c.open)
        out.append(
            Regulator(
                a.jurisdiction,
                a.name,
                tuple(found),
                tuple((f"{a.jurisdiction}:{NEW}{slug}", words) for slug, words in topics),
            )
        )
    return out


# --------------------------------------------------------------------------- one topic


def topic(owner: Any, key: str, on: date) -> Topic:
    """The questions for ``key``; LookupError when it names nothing of this person's."""
    profile, report, packs = _report(owner, on)
    code, _, rest = key.partition(":")
    a = next((x for x in report.assessments if x.jurisdiction == code), None)
    if a is None or not rest:
        raise LookupError(key)
    pack = packs.get(code)
    regulator = pack.regulator.name if pack else f"the regulator of {country_name(code[:2])}"
    if rest.startswith(NEW):
        kind = questions.by_slug(rest.removeprefix(NEW))
        if kind is None:
            raise LookupError(key)
        return _topic(
            key,
            code,
            regulator,
            questions.QUESTIONS[kind].topic,
            kind,
            True,
            questions.event_words("application"),
            None,
            {},
            None,
        )
    f = next((x for x in a.findings if x.rule == rest), None)
    if f is None:
        raise LookupError(key)
    replaces = _confirmed_at(profile, code, rest)
    earlier = profile.confirmed_rules[replaces] if replaces is not None else None
    told = questions.answers_from(f.kind, earlier.values) if earlier else {}
    says = f"You were told: {questions.said(f.kind, earlier.values)}" if earlier else None
    rule = next((r for r in (pack.rules if pack else []) if r.id == rest), None)
    if rule is not None:
        version = version_labelled(rule, f.rule_version)
        initial = {**questions.answers_of(f.kind, version, new=False), **told}
        return _topic(
            key,
            code,
            regulator,
            f.title,
            f.kind,
            False,
            _event(rule.event, pack),
            says or _says(f, version),
            initial,
            f.question,
            rule=rest,
            replaces=replaces,
        )
    if earlier is None:  # a finding of neither the pack nor your answers
        raise LookupError(key)
    event = _event(earlier.event or "application", pack)
    return _topic(
        key, code, regulator, f.title, f.kind, True, event, says, told, None, replaces=replaces
    )


def _topic(
    key: str,
    code: str,
    regulator: str,
    title: str,
    kind: str,
    new: bool,
    event: str,
    says: str | None,
    initial: Mapping[str, Any],
    question: str | None,
    *,
    rule: str | None = None,
    replaces: int | None = None,
) -> Topic:
    asks = questions.asks(kind, new=new)
    return Topic(
        key=key,
        code=code,
        regulator=regulator,
        title=title,
        kind=kind,
        new=new,
        asks=tuple((a, a.text(event)) for a in asks),
        initial=initial,
        required=frozenset(questions.required(kind, new=new)),
        says=says,
        question=question,
        rule=rule,
        replaces=replaces,
    )


def _says(f: Finding, version: Any) -> str:
    if version.unknown is not None:
        return "Not known: no source Wayhome trusts gives it."
    grade = GRADES.get(f.source.grade, "a source")
    return f"{questions.statement(f.kind, version)} (from {grade}: {f.source.title})"


def _event(event: str, pack: Pack | None) -> str:
    if event.startswith(EXAM_EVENT_PREFIX) and pack is not None:
        exam = pack.exam(event.removeprefix(EXAM_EVENT_PREFIX))
        if isinstance(exam, ExamRule):
            return questions.event_words(event, exam.name)
    return questions.event_words(event)


def _confirmed_at(profile: Profile, code: str, rule_id: str) -> int | None:
    """Where in the profile your earlier answer on this rule is."""
    for i, c in enumerate(profile.confirmed_rules):
        if c.jurisdiction == code and (c.rule == rule_id or own_rule_id(i) == rule_id):
            return i
    return None


# --------------------------------------------------------------------------- recording


def record(
    owner: Any,
    key: str,
    typed: Mapping[str, Any],
    told: Told,
    on: date,
    *,
    applies_to: str = "",
    upload: tuple[str, bytes] | None = None,
    session: str | None = None,
    item: Correspondence | None = None,
) -> Correspondence:
    """Check the answers, then log them (on ``item``, or a new question), store the file
    beside them and add the confirmed rule. AnswerError names what does not fit, before
    anything is saved; LookupError when ``key`` names nothing of this person's."""
    t = topic(owner, key, on)
    try:
        values = questions.read(t.kind, typed, new=t.new)
    except questions.AnswersError as e:
        raise AnswerError(e.errors) from None
    rule: dict[str, Any] = {"jurisdiction": t.code, **values}
    if t.new:
        rule["kind"] = t.kind
        if applies_to.strip():
            rule["applies_to"] = " ".join(applies_to.split())
    else:
        rule["rule"] = t.rule
    rule["evidence"] = _evidence(told)
    try:
        profile_edits.check_confirmed_rule(owner, rule, on, t.replaces)
    except profile_edits.ProfileEditError as e:
        raise AnswerError({"": "; ".join(e.messages)}) from None
    if upload is not None:
        _check_file(owner, session, upload)
    item = _logged(owner, t, told, item)
    if upload is not None:
        name, data = upload
        stored = vault_access.store(
            owner, session, lambda vault: correspondence.attach(owner, item, vault, name, data)
        )
        if stored.object_id:
            rule["evidence"]["file"] = f"vault:{stored.object_id}"
    if t.replaces is None:
        profile_edits.add_confirmed_rule(owner, rule, on)
    else:
        earlier = profile_edits.current(owner).confirmed_rules[t.replaces]
        gone = {k: None for k in earlier.model_dump(exclude_none=True)}
        profile_edits.edit_confirmed_rule(owner, t.replaces, {**gone, **rule}, on)
    item.confirmed_rule = rule
    item.save(update_fields=["confirmed_rule"])
    return item


def _evidence(told: Told) -> dict[str, Any]:
    note = " · ".join(x for x in (told.channel, told.person, told.said) if x)
    return {"note": note, "date": told.answered.isoformat()}


def _check_file(owner: Any, session: str | None, upload: tuple[str, bytes]) -> None:
    """A file the vault would refuse, or no unlocked vault to put it in: said before
    anything is saved."""
    if vault_access.opened(owner, session) is None:
        raise AnswerError(
            {
                "file": "The email or letter: the vault is locked; unlock it (Vault, at the top "
                "of the page) to attach it, or leave the file out and attach it later"
            }
        )
    try:
        sniff(upload[1])
    except RefusedError as e:
        raise AnswerError({"file": f"The email or letter: {e}"}) from None


def _logged(owner: Any, t: Topic, told: Told, item: Correspondence | None) -> Correspondence:
    if item is None:
        item = Correspondence(
            owner=owner, jurisdiction=t.code, question=t.question or f"{t.title}?"
        )
    item.channel = told.channel if told.channel in CHANNELS else ""
    item.person = told.person
    item.answer = told.said
    item.answered = told.answered
    item.asked = told.asked or item.asked
    item.save()
    return item


def summary(item: Correspondence) -> str | None:
    """The confirmed rule an answer became, in words: what it settles and its values."""
    rule = item.confirmed_rule
    if not rule:
        return None
    pack = next((p for p in pack_files.load_packs() if p.code == rule.get("jurisdiction")), None)
    kind = rule.get("kind")
    title = None
    if rule.get("rule") and pack is not None:
        found = next((r for r in pack.rules if r.id == rule["rule"]), None)
        if found is not None:
            title, kind = found.title, found.kind
    if kind not in questions.QUESTIONS:
        return title
    title = title or questions.QUESTIONS[kind].topic
    return f"{title}: {questions.said(kind, rule)}"


def key_for(owner: Any, item: Correspondence, on: date) -> str | None:
    """The finding a logged question asks about (its open question, word for word), if
    any: answering it goes straight to that finding's questions."""
    _, report, _ = _report(owner, on)
    for a in report.assessments:
        if a.jurisdiction == item.jurisdiction:
            for f in a.findings:
                if f.question and f.question == item.question:
                    return f"{a.jurisdiction}:{f.rule}"
    return None
