"""'Ask the regulator': a ready-to-send email with the guide's questions.

The guide's first step is to write to the home regulator early and keep the
answers. The email asks its questions in the physician's own terms, adds the
open questions of the pack that matter to this profile, and asks for a written
reply. The answers then go into the profile as ``confirmed_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.profile.model import Profile, TrainingKind, VisaType
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.report import Assessment


@dataclass(frozen=True)
class Email:
    jurisdiction: str
    regulator: str
    to: str | None  # an email address, when the pack has one
    contact: tuple[str, ...]  # other ways to reach them (web form, phone, address)
    subject: str
    body: str
    questions: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "regulator": self.regulator,
            "to": self.to,
            "contact": list(self.contact),
            "subject": self.subject,
            "body": self.body,
            "questions": list(self.questions),
        }


def guide_questions(profile: Profile) -> list[str]:
    specialty = profile.specialty.replace("-", " ")
    has = {t.kind for t in profile.training if t.country == "US"}
    questions = [
        f"Is US residency training in {specialty} recognised as equivalent to specialist "
        "training here, and if so, with what title?",
    ]
    if TrainingKind.FELLOWSHIP in has:
        questions.append(
            "Is my US fellowship recognised, and does it lead to a separate "
            "specialist or subspecialist title?"
        )
    questions += [
        "Do I need to complete any local residency years, rotations or examinations to be "
        "registered as a specialist? If so, which exams, how often are they held, in which "
        "language, and when does registration close?",
        "Is there a deadline for applying for recognition (for example, within a number of "
        "years of completing training), or an age or years-since-graduation limit for any "
        "exam or post?",
        "Is US board certification required, or is completion of an accredited training "
        "programme enough?",
    ]
    held_j1 = any(
        v.type == VisaType.J1
        for v in [*profile.visa_history, *([profile.visa] if profile.visa else [])]
    )
    if held_j1:
        questions.append(
            "I will spend two years at home under the US J-1 home-residence "
            "requirement. Does that time count toward seniority, consultant "
            "experience or public-service credit?"
        )
    return questions


def draft(profile: Profile, assessment: Assessment, pack: Pack | None, on: date) -> Email:
    """The email for one jurisdiction, from the profile and its assessment on ``on``."""
    questions = guide_questions(profile)
    for q in assessment.unknowns:
        # Questions tied to a rule or a pack entry; not "add X to your profile".
        if q.rule and not q.question.startswith("Add ") and q.question not in questions:
            questions.append(q.question)
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
    subject = (
        f"Recognition of US specialist training in {profile.specialty.replace('-', ' ')}"
        f" — request for written guidance ({profile.person.name})"
    )
    body = _body(profile, questions, on)
    return Email(
        jurisdiction=assessment.jurisdiction,
        regulator=regulator,
        to=contact.email if contact else None,
        contact=tuple(dict.fromkeys(ways)),
        subject=subject,
        body=body,
        questions=tuple(questions),
    )


def _body(profile: Profile, questions: list[str], on: date) -> str:
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
    for t in p.training:
        lines.append(
            f"- {t.kind.value} in {t.specialty.replace('-', ' ')}, "
            f"{country_name(t.country)}, {dates.fmt(t.start)} to {dates.fmt(t.end)}"
        )
    for c in p.board_certifications:
        lines.append(
            f"- board certification: {c.board}, {c.specialty.replace('-', ' ')}, "
            f"{'expected ' if c.certified > on else ''}{dates.fmt(c.certified)}"
        )
    lines += [
        "",
        f"I plan to return around {dates.fmt_month(p.plan.return_date)} to work in "
        f"{_bucket(p.plan.return_type.value)}. So that I can plan my training, exams and "
        "documents in time, I would be grateful for written answers to these questions:",
        "",
    ]
    lines += [f"{i}. {q}" for i, q in enumerate(questions, 1)]
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
