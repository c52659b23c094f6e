"""'Ask the regulator': a ready-to-send email asking only what is still open for you.

The guide's first step is to write to the home regulator early and keep the answers. The
email describes the physician's own programmes (kind, specialty, institution and dates)
and asks:

- what the pack cannot answer for this person's posts: its open findings (unknown, or
  can't tell which version is in force) and its open questions that apply to them;
- to confirm what rests only on an informal source (an agent, a blog);
- the guide's questions on a topic only when the pack says nothing on it for them
  (recognition of their own programmes, local steps, time limits, the J-1 years).

A pack's questions are written to the physician ("Must you pass ..."); the email puts
them in the physician's own voice ("Must I pass ..."), names only the kinds of programme
they hold abroad (no fellowship asked of someone without one) and their diploma's country.
It never asks about what does not apply: a pack question naming an exam only some
people sit applies only to them (tests/packs/test_bundled_packs.py checks every pack).
It lists the attachments to send. The answers then go into the profile as confirmed
rules ("The regulator told me" in the web app).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import Profile, Training, TrainingKind, VisaType
from wayhome.core.rules import questions as rule_questions
from wayhome.core.rules.base import version_labelled
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import OPEN, Assessment, Finding

# The guide's topics, by the kinds of rule that answer them: a question is asked only when
# the pack has no finding of those kinds for this person.
RECOGNITION: Final = frozenset({"recognition"})
LOCAL_STEPS: Final = frozenset({"local_training", "exam"})
TIME_LIMITS: Final = frozenset(
    {"max_age", "max_years_since_graduation", "max_years_since_training"}
)


class Email(Struct, frozen=True):
    jurisdiction: str
    regulator: str
    to: str | None  # an email address, when the pack has one
    contact: tuple[str, ...]  # other ways to reach them (web form, phone, address)
    subject: str
    body: str
    questions: tuple[str, ...]
    attachments: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "regulator": self.regulator,
            "to": self.to,
            "contact": list(self.contact),
            "subject": self.subject,
            "body": self.body,
            "questions": list(self.questions),
            "attachments": list(self.attachments),
        }


# --------------------------------------------------------------------------- the programmes


def _words(slug: str) -> str:
    return slug.replace("-", " ")


def programme(t: Training) -> str:
    """A programme as the physician would name it: "fellowship in cardiology, 2021–2024"."""
    return f"{t.kind.value} in {_words(t.specialty)}, {t.start.year}–{t.end.year}"


def programme_line(t: Training) -> str:
    """A programme with its institution and days, for the email's list."""
    where = ", ".join(x for x in (t.program, t.institution) if x)
    at = f", {where}" if where else ""
    return (
        f"{t.kind.value} in {_words(t.specialty)}{at}, {country_name(t.country)}, "
        f"{dates.fmt(t.start)} to {dates.fmt(t.end)}"
    )


def _abroad(profile: Profile) -> list[Training]:
    """The training to be recognised: residency and fellowship outside the home country."""
    return [
        t
        for t in profile.training
        if t.country != profile.home_country
        and t.kind in (TrainingKind.RESIDENCY, TrainingKind.FELLOWSHIP)
    ]


# --------------------------------------------------------------------------- the questions


def guide_questions(profile: Profile, covered: frozenset[str] = frozenset()) -> list[str]:
    """The guide's questions on the topics the pack says nothing about (``covered``: the
    kinds of rule it has findings of), in the physician's own programmes."""
    out: list[str] = []
    if not covered & RECOGNITION:
        trained = _abroad(profile)
        for t in trained:
            if t.kind is TrainingKind.RESIDENCY:
                out.append(
                    f"Is my {programme(t)}, recognised as equivalent to specialist training "
                    "here, and if so, with what title?"
                )
            else:
                out.append(
                    f"Is my {programme(t)}, recognised, and does it lead to a separate "
                    "specialist or subspecialist title?"
                )
        if not trained:
            out.append(
                f"Is US residency training in {_words(profile.specialty)} recognised as "
                "equivalent to specialist training here, and if so, with what title?"
            )
        boards = ", ".join(
            f"{c.board} in {_words(c.specialty)}" for c in profile.board_certifications
        )
        out.append(
            f"Is US board certification ({boards}) required, or is completion of an accredited "
            "training programme enough?"
            if boards
            else "Is US board certification required, or is completion of an accredited "
            "training programme enough?"
        )
    if not covered & LOCAL_STEPS:
        out.append(
            "Do I need to complete any local residency years, rotations or examinations to be "
            "registered as a specialist? If so, which exams, how often are they held, in which "
            "language, and when does registration close?"
        )
    if not covered & TIME_LIMITS:
        out.append(
            "Is there a deadline for applying for recognition (for example, within a number of "
            "years of completing training), or an age or years-since-graduation limit for any "
            "exam or post?"
        )
    return out


J1_QUESTION: Final = (
    "I will spend two years at home under the US J-1 home-residence requirement. Does that "
    "time count toward seniority, consultant experience or public-service credit?"
)


# Words after which "you" is an object ("exempt you from", "for you"): it becomes "me";
# elsewhere it is the subject and becomes "I" ("are you" / "you are": "am I" / "I am").
_OBJECT_AFTER: Final = frozenset(
    {
        *("about", "at", "by", "for", "from", "of", "on", "to", "with"),
        *("accept", "admit", "allow", "ask", "consider", "evaluate", "exempt", "give"),
        *("help", "let", "list", "offer", "place", "register", "require", "send", "tell"),
        "treat",
    }
)
_POSSESSIVE: Final = {"your": "my", "yours": "mine", "yourself": "myself"}
_TOKEN: Final = re.compile(r"\w+|\W+")


def first_person(text: str) -> str:
    """A pack's question, written to the physician ("Must you pass ... your US ..."), in
    the physician's own voice for their email ("Must I pass ... my US ...")."""
    tokens = _TOKEN.findall(text)
    words = [i for i, t in enumerate(tokens) if t[0].isalnum() or t[0] == "_"]
    for n, i in enumerate(words):
        word = tokens[i]
        low = word.lower()
        before = tokens[words[n - 1]].lower() if n else ""
        after = tokens[words[n + 1]].lower() if n + 1 < len(words) else ""
        if low in _POSSESSIVE:
            said = _POSSESSIVE[low]
        elif low != "you":
            continue
        elif before.rstrip("s") in _OBJECT_AFTER or before in _OBJECT_AFTER:
            said = "me"
        else:
            said = "I"
            if after in ("are", "were"):
                tokens[words[n + 1]] = "am" if after == "are" else "was"
            if before in ("are", "were"):
                verb = "am" if before == "are" else "was"
                prev = tokens[words[n - 1]]
                tokens[words[n - 1]] = verb.capitalize() if prev[0].isupper() else verb
        tokens[i] = said.capitalize() if word[0].isupper() and said != "I" else said
    return "".join(tokens)


_BOTH: Final = re.compile(r"\bresidency(?: or| and|,) fellowship\b")


def fitted(text: str, profile: Profile) -> str:
    """A pack's question fitted to the physician: only the kinds of programme they hold
    abroad (no fellowship asked of someone without one), and their diploma's country."""
    kinds = {t.kind for t in _abroad(profile)}
    residency, fellowship = TrainingKind.RESIDENCY in kinds, TrainingKind.FELLOWSHIP in kinds
    if residency != fellowship:
        held = "residency" if residency else "fellowship"
        text = re.sub(r"\bresidency and fellowship certificates\b", f"{held} certificate", text)
        text = re.sub(r", residency (or|and) fellowship\b", rf" \1 {held}", text)
        text = _BOTH.sub(held, text)
    school = profile.medical_school.country
    if school and school != profile.home_country:
        text = text.replace("diploma from abroad", f"diploma from {country_name(school)}")
    return text


def open_questions(profile: Profile, assessment: Assessment, pack: Pack | None) -> list[str]:
    """Only what is still open for this person, each once: the guide's on topics the pack
    is silent on, the pack's open questions for their posts, and what to confirm."""
    covered = frozenset(f.kind for f in assessment.findings)
    asked = guide_questions(profile, covered)
    for q in assessment.unknowns:
        # Questions tied to a rule or a pack entry (what to add to the profile is no
        # question: the assessment keeps it apart, in to_add).
        if q.rule:
            asked.append(first_person(fitted(q.question, profile)))
    for f in assessment.findings:
        if _unconfirmed(f):
            asked.append(_confirm(f, pack))
    if ProfileFacts.of(profile).has_held(VisaType.J1) and not any("J-1" in q for q in asked):
        asked.append(J1_QUESTION)
    return list(dict.fromkeys(asked))


def _unconfirmed(f: Finding) -> bool:
    """A settled finding that rests only on an informal source no one confirmed."""
    return f.status not in OPEN and not f.confirmed_by_user and f.source.grade == "informal"


def _confirm(f: Finding, pack: Pack | None) -> str:
    rule = next((r for r in (pack.rules if pack else []) if r.id == f.rule), None)
    said = ""
    if rule is not None and f.kind in rule_questions.QUESTIONS:
        said = rule_questions.statement(f.kind, version_labelled(rule, f.rule_version))
    when = f" of {dates.fmt(f.source.as_of)}" if f.source.as_of else ""
    what = f" says {said}" if said else " is all I have"
    return (
        f"{f.title}: an unofficial source ({f.source.title}{when}){what}. Is that right, and "
        "where is it published?"
    )


# --------------------------------------------------------------------------- the email


def draft(profile: Profile, assessment: Assessment, pack: Pack | None, on: date) -> Email:
    """The email for one jurisdiction, from the profile and its assessment on ``on``."""
    asked = open_questions(profile, assessment, pack)
    regulator = (
        pack.regulator.name
        if pack
        else f"the medical regulator of {country_name(assessment.jurisdiction[:2])}"
    )
    contact = pack.regulator.contact if pack else None
    ways = []
    if pack:
        ways += [
            w
            for w in (
                contact.url if contact else None,
                pack.regulator.foreign_training_page,
                pack.regulator.website,
            )
            if w
        ]
        if contact and contact.phone:
            ways.append(f"phone {contact.phone}")
        if contact and contact.address:
            ways.append(contact.address)
    trained = _abroad(profile)
    what = (
        "my US training (" + "; ".join(programme(t) for t in trained) + ")"
        if trained
        else f"US specialist training in {_words(profile.specialty)}"
    )
    subject = f"Recognition of {what} — request for written guidance ({profile.person.name})"
    attachments = attachments_for(profile, on)
    return Email(
        jurisdiction=assessment.jurisdiction,
        regulator=regulator,
        to=contact.email if contact else None,
        contact=tuple(dict.fromkeys(ways)),
        subject=subject,
        body=_body(profile, asked, attachments, on),
        questions=tuple(asked),
        attachments=tuple(attachments),
    )


def attachments_for(profile: Profile, on: date) -> list[str]:
    """What to attach: the CV, the degree, each programme's certificate (or, before it
    ends, a letter with its dates), the board certificates and licences held."""
    school = profile.medical_school
    degree = f"my medical degree ({country_name(school.country)}"
    degree += f", {school.graduated.year})" if school.graduated else ")"
    out = ["my CV", degree]
    for t in profile.training:
        if t.end <= on:
            out.append(f"the certificate of completion of my {programme(t)}")
        else:
            out.append(
                f"a letter from my {t.kind.value} programme confirming its dates ({programme(t)})"
            )
    for c in profile.board_certifications:
        if c.certified <= on:
            out.append(f"my {c.board} certificate in {_words(c.specialty)}")
    for lic in profile.licences:
        if lic.issued is None or lic.issued <= on:
            out.append(f"my medical licence ({lic.jurisdiction})")
    return out


def _body(profile: Profile, asked: Sequence[str], attachments: Sequence[str], on: date) -> str:
    p = profile
    school = country_name(p.medical_school.country)
    grad = (
        f", graduating on {dates.fmt(p.medical_school.graduated)}"
        if p.medical_school.graduated
        else ""
    )
    done = all(t.end < on for t in p.training)
    training = (
        "I completed postgraduate training abroad:"
        if done
        else "I am in postgraduate training abroad:"
    )
    lines = [
        "Dear Sir or Madam,",
        "",
        f"I am a physician who studied medicine in {school}{grad}. {training}",
    ]
    lines += [f"- {programme_line(t)}" for t in p.training]
    for c in p.board_certifications:
        lines.append(
            f"- board certification: {c.board}, {_words(c.specialty)}, "
            f"{'expected ' if c.certified > on else ''}{dates.fmt(c.certified)}"
        )
    lines += [
        "",
        f"I plan to return around {dates.fmt_month(p.plan.return_date)} to work in "
        f"{_bucket(p.plan.return_type.value)}.",
    ]
    if asked:
        lines[-1] += (
            " So that I can plan my training, exams and documents in time, I would be "
            "grateful for written answers to these questions:"
        )
        lines += ["", *(f"{i}. {q}" for i, q in enumerate(asked, 1))]
    else:
        lines[-1] += (
            " I would be grateful for written confirmation that the requirements you publish "
            "for a physician with my training still apply."
        )
    lines += ["", "I attach:", *(f"- {a}" for a in attachments)]
    lines += [
        "",
        "If another office handles any of these questions, I would be grateful if you "
        "could tell me which. I will keep your reply with my application papers.",
        "",
        "Thank you for your help.",
        "",
        "Yours sincerely,",
        p.person.name,
    ]
    return "\n".join(lines) + "\n"


def _bucket(return_type: str) -> str:
    return {
        "academic": "an academic or tertiary hospital post",
        "private": "private or group practice",
        "public": "the public health service",
    }[return_type]
