"""What a regulator's answer says, asked in plain words: for each rule kind, the values
a person is asked ("How many years after you graduated may you still apply?"), and their
answers read into the values of a confirmed rule (:mod:`wayhome.core.rules.confirmed`).

:data:`QUESTIONS` is the one place: kind → the topic a person picks it by, and its
questions, each with the value it sets, the input it takes and its unit. A test fails when
a kind of :data:`wayhome.core.rules.kinds.KINDS` has no questions, or asks a value its
model does not have, or leaves out one its versions require.

:func:`read` takes the answers as typed (text, a list for months) and gives the values,
or raises :class:`AnswersError` with a message per question that names it;
:func:`answers_of` gives a version's values as answers (the form's starting point);
:func:`statement` says a version's values in a sentence (for the regulator email).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, Final, get_args

from msgspec import Struct

from wayhome.core.common.countries import COUNTRIES, country_name
from wayhome.core.common.problems import FieldsError
from wayhome.core.rules.base import Duration, Pathway, Version
from wayhome.core.rules.kinds import KINDS

MONTHS: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
ON_DEMAND: Final = "any"  # the months answer for an exam held at any time
EVENTS: Final = {
    "application": "apply",
    "return": "apply on your return",
    "post": "take up the post",
}
PATHWAYS: Final = (
    (Pathway.FULL_SPECIALIST.value, "full specialist recognition"),
    (Pathway.PROVISIONAL.value, "provisional or limited specialist recognition"),
    (Pathway.CONVERSION.value, "a conversion: local exams or training first"),
    (Pathway.NOT_RECOGNISED.value, "not recognised"),
    (Pathway.UNKNOWN.value, "they did not say"),
)
YES_NO: Final = (("yes", "yes"), ("no", "no"))


class Input(StrEnum):
    WHOLE = "whole"  # a whole number, in ``unit``
    YES_NO = "yes_no"
    CHOICE = "choice"
    TEXT = "text"
    LINES = "lines"  # one item a line
    COUNTS = "counts"  # one "item number" a line
    MONTHS = "months"  # months of the year, or any time
    COUNTRY = "country"  # an ISO country code


class Ask(Struct, frozen=True):
    """One question: the value ``key`` it sets, asked as ``question`` (``{event}``
    stands for what the rule governs: "apply", "sit the FMGE"), named ``name`` in
    messages and sentences."""

    key: str
    question: str
    name: str
    input: Input
    unit: str = ""
    low: int | None = None
    high: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    # How the answer is stored: "years"/"months"/"days" as a duration, "sittings",
    # "documents" or "minimums" as their lists; None as read.
    shape: str | None = None
    # A rule's own field (an exam's name): asked of a new rule only.
    new_only: bool = False
    # A new rule must have it, though the kind's versions do not require it (the pack's
    # rule that an answer replaces may give it another way).
    needed: bool = False

    def text(self, event: str) -> str:
        return self.question.replace("{event}", event)


class KindQuestions(Struct, frozen=True):
    topic: str  # what a person picks it by, when it answers no finding: "An age limit"
    slug: str  # the topic's value on a form: kind names are never shown
    asks: tuple[Ask, ...]


def _years(question: str, name: str, high: int = 60) -> Ask:
    return Ask("years", question, name, Input.WHOLE, "years", 1, high)


def _country(what: str) -> Ask:
    return Ask("country", f"Does only {what} in one country count? Which?", f"Only {what} in",
               Input.COUNTRY)  # fmt: skip


_STATUS = Ask(
    "status",
    "Which US status?",
    "US status",
    Input.CHOICE,
    choices=(("J-1", "J-1"), ("H-1B", "H-1B"), ("green-card", "green card"), ("other", "other")),
)
QUESTIONS: Final[dict[str, KindQuestions]] = {
    "max_age": KindQuestions("An age limit", "age-limit", (
        Ask("age", "What is the age limit to {event}?", "Age limit", Input.WHOLE, "years", 1, 120),
        Ask("inclusive", "May someone of exactly that age still {event}?",
            "That age itself allowed", Input.YES_NO, choices=YES_NO),
    )),
    "max_years_since_graduation": KindQuestions(
        "A limit in years since graduation", "years-since-graduation",
        (_years("How many years after you graduated may you still {event}?",
                "Years after graduation"),),
    ),
    "max_years_since_training": KindQuestions(
        "A limit in years since the end of training", "years-since-training", (
            _years("How many years after your training ends may you still {event}?",
                   "Years after training"),
            Ask("training", "Which training's end starts the count?", "Counted from the end of",
                Input.CHOICE, choices=(("any", "any training"), ("residency", "residency"),
                                       ("fellowship", "fellowship"), ("internship", "internship"),
                                       ("other", "other training"))),
            _country("training"),
        ),
    ),
    "recent_practice": KindQuestions("A limit on a gap in clinical practice", "practice-gap", (
        _years("How many years may a gap in your clinical practice last before you {event}?",
               "Longest gap in practice"),
        _country("practice"),
        Ask("consequences", "What do they ask for after a longer gap? One a line.",
            "After a longer gap", Input.LINES),
    )),
    "min_years_experience": KindQuestions("Experience needed first", "experience", (
        Ask("years", "How many years of experience do you need to {event}?",
            "Years of experience", Input.WHOLE, "years", 1, 40, needed=True),
        Ask("after", "From when is the experience counted?", "Counted from", Input.CHOICE,
            needed=True, choices=(("training", "the end of training"),
                                  ("residency", "the end of residency"),
                                  ("fellowship", "the end of fellowship"),
                                  ("board_certification", "board certification"))),
    )),
    "max_years_in_status": KindQuestions("Time allowed in a US status", "time-in-status", (
        _STATUS,
        _years("How many years may you hold it?", "Years allowed", 20),
        Ask("grace_days", "How many days are you given to leave once it ends?", "Days of grace",
            Input.WHOLE, "days", 0, 365),
    )),
    "home_presence_after_status": KindQuestions(
        "Time at home owed after a US status", "home-presence", (
            _STATUS,
            _years("How many years must you spend at home after it?", "Years at home owed", 20),
        ),
    ),
    "exam": KindQuestions("An exam", "exam", (
        Ask("name", "What is the exam called?", "Exam's name", Input.TEXT, new_only=True,
            needed=True),
        Ask("purpose", "What is it for?", "What it is for", Input.CHOICE,
            choices=(("licensing", "a licence to practise"), ("specialty", "specialist title"),
                     ("language", "language"), ("other", "something else")),
            new_only=True, needed=True),
        Ask("sittings", "In which months is it held?", "Months held", Input.MONTHS,
            shape="sittings"),
        Ask("registration_closes", "How many days before a sitting does registration close?",
            "Registration closes", Input.WHOLE, "days before", 1, 365, shape="days"),
        Ask("attempts", "How many times may you sit it in all? Empty: no limit.",
            "Attempts in all", Input.WHOLE, "attempts", 1, 50),
        Ask("attempts_per_year", "How many times a year may you sit it?", "Attempts a year",
            Input.WHOLE, "a year", 1, 12),
        Ask("pass_valid", "For how many years does a pass stay valid? Empty: no limit said.",
            "A pass valid for", Input.WHOLE, "years", 1, 50, shape="years"),
        Ask("language", "In which language is it held?", "Language", Input.TEXT),
    )),
    "document_validity": KindQuestions("How recent a document must be", "document-age", (
        Ask("document", "Which document?", "Document", Input.TEXT),
        Ask("months", "How many months old may it be, at most, when you submit it?",
            "Months old at most", Input.WHOLE, "months", 1, 120),
    )),
    "required_documents": KindQuestions("The documents they need", "documents", (
        Ask("documents", "Which documents do they need? One a line.", "Documents needed",
            Input.LINES, shape="documents"),
    )),
    "recognition": KindQuestions("What US training counts as", "recognition", (
        Ask("residency", "What does your US residency count as?", "US residency",
            Input.CHOICE, choices=PATHWAYS),
        Ask("fellowship", "What does your US fellowship count as?", "US fellowship",
            Input.CHOICE, choices=PATHWAYS),
        Ask("board_certification", "What does US board certification count as?",
            "US board certification", Input.CHOICE, choices=PATHWAYS),
    )),
    "local_training": KindQuestions("Training or supervised practice at home", "local-training", (
        Ask("duration", "How many months of it do you need?", "Months needed", Input.WHOLE,
            "months", 1, 120, shape="months"),
        Ask("what", "What is it: an attachment, a rotation, local residency years?",
            "What it is", Input.TEXT),
        Ask("before", "What must it come before, if anything?", "Before", Input.TEXT),
    )),
    "course_window": KindQuestions("Limits on the medical course", "course", (
        _years("Within how many years of joining must the medical course be completed?",
               "Years to complete the course", 30),
        Ask("min_course_months", "How many months must the course last, at least?",
            "Shortest course", Input.WHOLE, "months", 1, 240),
        Ask("min_internship_months", "How many months of internship, at least?",
            "Shortest internship", Input.WHOLE, "months", 1, 60),
    )),
    "temporary_licence": KindQuestions("A temporary licence", "temporary-licence", (
        _years("For how many years is the temporary licence valid?", "Years valid", 20),
        Ask("extendable", "Can it be extended?", "Can be extended", Input.YES_NO,
            choices=YES_NO),
    )),
    "procedure_minimums": KindQuestions("Procedure numbers", "procedures", (
        Ask("logbook", "What do they call the list or logbook?", "Logbook", Input.TEXT),
        Ask("minimums", "Which procedures, and how many of each? One a line, the number last: "
            "Coronary angiography 300.", "Procedures", Input.COUNTS, shape="minimums"),
    )),
}  # fmt: skip


class AnswersError(FieldsError):
    """Answers that cannot be read: one message a question, each naming it."""


def by_slug(slug: str) -> str | None:
    """The kind a topic's slug stands for."""
    return next((k for k, q in QUESTIONS.items() if q.slug == slug), None)


def asks(kind: str, *, new: bool) -> tuple[Ask, ...]:
    """The questions for a kind: a rule's own fields only when the rule is new."""
    return tuple(a for a in QUESTIONS[kind].asks if new or not a.new_only)


def version_model(kind: str) -> type[Version]:
    """The model of a kind's versions."""
    annotation = KINDS[kind].model_fields["versions"].annotation
    return get_args(annotation)[0]  # type: ignore[no-any-return]


def required(kind: str, *, new: bool) -> set[str]:
    """The keys that must be answered: the ones the kind's versions require, and, for a
    new rule, those it needs."""
    model = version_model(kind)
    return {a.key for a in asks(kind, new=new) if (new and a.needed) or a.key in model.REQUIRED}


def event_words(event: str, exam_name: str | None = None) -> str:
    """What a rule governs, as a verb: "apply", "sit the Foreign Medical Graduate
    Examination"."""
    if exam_name:
        return f"sit the {exam_name}"
    return EVENTS.get(event, "apply")


# --------------------------------------------------------------------------- reading


def read(kind: str, typed: Mapping[str, Any], *, new: bool) -> dict[str, Any]:
    """The answers as typed (text; a list of months) as a confirmed rule's values."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    must = required(kind, new=new)
    for a in asks(kind, new=new):
        raw = typed.get(a.key)
        empty = raw is None or raw == "" or raw == [] or (isinstance(raw, str) and not raw.strip())
        if empty:
            if a.key in must:
                errors[a.key] = f"{a.name}: {_missing(a)}"
            continue
        try:
            values[a.key] = _shaped(a, _value(a, raw))
        except ValueError as e:
            errors[a.key] = f"{a.name}: {e}"
    if errors:
        raise AnswersError(errors)
    return values


def _missing(a: Ask) -> str:
    if a.input in (Input.CHOICE, Input.YES_NO, Input.MONTHS, Input.COUNTRY):
        return "choose what they told you"
    return "give what they told you"


def _value(a: Ask, raw: Any) -> Any:
    if a.input is Input.WHOLE:
        return _whole(a, str(raw))
    if a.input in (Input.CHOICE, Input.YES_NO):
        allowed = dict(a.choices)
        if str(raw) not in allowed:
            raise ValueError(f"choose one of: {', '.join(allowed.values())}")
        return str(raw) == "yes" if a.input is Input.YES_NO else str(raw)
    if a.input is Input.COUNTRY:
        code = str(raw).strip().upper()
        if code not in COUNTRIES:
            raise ValueError("choose a country from the list")
        return code
    if a.input is Input.MONTHS:
        return _months([raw] if isinstance(raw, str) else list(raw))
    lines = [x.strip() for x in str(raw).splitlines() if x.strip()]
    if a.input is Input.LINES:
        return lines
    if a.input is Input.COUNTS:
        return [_count(n, line) for n, line in enumerate(lines, 1)]
    text = " ".join(str(raw).split())
    if len(text) > 500:
        raise ValueError("keep it under 500 characters")
    return text


def _whole(a: Ask, text: str) -> int:
    text = text.strip().replace(",", "")
    if not text.isdigit():
        raise ValueError("give a whole number" + (f", in {a.unit}" if a.unit else ""))
    n = int(text)
    if (a.low is not None and n < a.low) or (a.high is not None and n > a.high):
        raise ValueError(f"give a number from {a.low} to {a.high}")
    return n


def _months(raw: Sequence[Any]) -> dict[str, Any]:
    picked = [str(x) for x in raw]
    if ON_DEMAND in picked:
        return {"on_demand": True}
    numbers = []
    for p in picked:
        if not p.isdigit() or not 1 <= int(p) <= 12:
            raise ValueError("choose months from the list")
        numbers.append(int(p))
    return {"months": sorted(set(numbers))}


def _count(n: int, line: str) -> dict[str, Any]:
    item, _, number = line.rpartition(" ")
    number = number.replace(",", "")
    if not item.strip() or not number.isdigit() or int(number) < 1:
        raise ValueError(f"line {n} ({line}): end it with how many, like Coronary angiography 300")
    return {"item": item.strip(), "count": int(number)}


def _shaped(a: Ask, value: Any) -> Any:
    if a.shape in ("years", "months", "days"):
        return {a.shape: value}
    if a.shape == "documents":
        return [{"name": x} for x in value]
    return value  # sittings and minimums are read in their shape


# --------------------------------------------------------------------------- the other way


def answers_of(kind: str, version: Version | None, *, new: bool) -> dict[str, Any]:
    """A version's values as the answers that would give them (a form's starting point);
    nothing for a version whose values are unknown."""
    if version is None or version.unknown is not None or version.repealed:
        return {}
    out: dict[str, Any] = {}
    for a in asks(kind, new=new):
        value = getattr(version, a.key, None)
        if value is None or value == []:
            continue
        out[a.key] = _typed(a, value)
    return {k: v for k, v in out.items() if v not in (None, "", [])}


def _typed(a: Ask, value: Any) -> Any:
    if isinstance(value, Duration):
        return _in_unit(value, a.shape or "years")
    if a.input is Input.YES_NO:
        return "yes" if value else "no"
    if a.input is Input.MONTHS:
        return [ON_DEMAND] if value.on_demand else [str(m) for m in value.months]
    if a.shape == "documents":
        return "\n".join(d.name for d in value)
    if a.input is Input.COUNTS:
        return "\n".join(f"{m.item} {m.count}" for m in value)
    if a.input is Input.LINES:
        return "\n".join(value)
    return str(getattr(value, "value", value))


def _lowered(name: str) -> str:
    """A name inside a sentence: "years after graduation", but "US residency"."""
    first = name.split(" ", 1)[0]
    return name if len(first) > 1 and first.isupper() else name[:1].lower() + name[1:]


def _in_unit(d: Duration, unit: str) -> str | None:
    """A duration in the one unit a question asks it in; None when it does not divide."""
    if unit == "days":
        return None if d.years or d.months else str(d.days)
    months = d.years * 12 + d.months
    if d.days or (unit == "years" and months % 12):
        return None
    return str(months if unit == "months" else months // 12)


def statement(kind: str, version: Version) -> str:
    """The version's values in words: "years after graduation: 10 years"."""
    answers = answers_of(kind, version, new=False)
    return _joined(kind, asks(kind, new=False), answers)


def _joined(kind: str, asked: Sequence[Ask], answers: Mapping[str, Any]) -> str:
    """Each value named and in words, or a kind's own sentence ("the age limit is 70
    years; someone aged exactly 70 is no longer allowed")."""
    if kind == "max_age" and answers.get("age") and answers.get("inclusive"):
        age = answers["age"]
        allowed = "still allowed" if answers["inclusive"] == "yes" else "no longer allowed"
        return f"the age limit is {age} years; someone aged exactly {age} is {allowed}"
    return "; ".join(
        f"{_lowered(a.name)}: {_words(a, answers[a.key])}"
        for a in asked
        if answers.get(a.key) is not None
    )


def _words(a: Ask, typed: Any) -> str:
    if a.input is Input.WHOLE:
        return f"{typed} {a.unit}".strip()
    if a.input in (Input.CHOICE, Input.YES_NO):
        return dict(a.choices).get(str(typed), str(typed))
    if a.input is Input.COUNTRY:
        return country_name(typed)
    if a.input is Input.MONTHS:
        if typed == [ON_DEMAND]:
            return "any time"
        return ", ".join(MONTHS[int(m) - 1] for m in typed)
    return ", ".join(str(typed).splitlines())


def answers_from(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """A confirmed rule's values (as :func:`read` made them) as the answers that gave them."""
    return {
        a.key: _typed_raw(a, values[a.key])
        for a in QUESTIONS[kind].asks
        if values.get(a.key) not in (None, "", [], {})
    }


def said(kind: str, values: Mapping[str, Any]) -> str:
    """A confirmed rule's values in words, as :func:`statement` says a version's."""
    return _joined(kind, QUESTIONS[kind].asks, answers_from(kind, values))


def _typed_raw(a: Ask, value: Any) -> Any:
    if a.shape in ("years", "months", "days") and isinstance(value, Mapping):
        return str(value.get(a.shape, ""))
    if a.input is Input.YES_NO:
        return "yes" if value else "no"
    if a.input is Input.MONTHS and isinstance(value, Mapping):
        return [ON_DEMAND] if value.get("on_demand") else [str(m) for m in value.get("months", [])]
    if a.shape == "documents":
        return "\n".join(str(d.get("name", "")) for d in value)
    if a.input is Input.COUNTS:
        return "\n".join(f"{m.get('item')} {m.get('count')}" for m in value)
    if a.input is Input.LINES:
        return "\n".join(str(x) for x in value)
    return str(value)
