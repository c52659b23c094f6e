"""Rules in words: conditions and version values as a physician reads them, and each
document or procedure number a rule lists in a sentence.

Used by `wayhome packs show` and the web's pack page (services/packs.page, once for
both) to say what applies, to whom, and where it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.data import a_or_an, in_a_list
from wayhome.core.common.strict import StrictModel
from wayhome.core.rules.base import Duration, Version
from wayhome.core.rules.conditions import FACTS, AllOf, AnyOf, Condition, FactTest, FactType, Not
from wayhome.core.rules.kinds.exams import Announced, ExamRule, PassMark, Sittings
from wayhome.core.rules.kinds.experience import Tiers
from wayhome.core.rules.kinds.procedures import ProcedureMinimum, ProcedureMinimumsVersion
from wayhome.core.rules.kinds.required_documents import DocumentItem, DocumentValidityVersion
from wayhome.core.rules.pack import Pack, known_document_kinds
from wayhome.core.rules.questions import MONTHS

FACT_LABELS: Final = {
    "citizenship": "your citizenships",
    "home_country": "your home country",
    "medical_school.country": "your medical school's country",
    "medical_school.start": "the start of your medical course",
    "medical_school.graduated": "your graduation",
    "training.countries": "the countries you trained in",
    "specialty": "the specialty you want recognised",
    "return_type": "your return type",
    "posts": "the posts you seek",
    "visa.type": "your current US status",
    "visa.types_held": "the US statuses you have held",
    "board_certified": "you are board certified",
    "exam_passed": "your pass of",
}

_OP_WORDS: Final = {
    "in": "is one of",
    "not_in": "is none of",
    "any_in": "include any of",
    "none_in": "include none of",
    "all_in": "are all among",
    "before": "is before",
    "after": "is after",
    "on_or_before": "is on or before",
    "on_or_after": "is on or after",
}


def condition(cond: Condition | None) -> str:
    if cond is None:
        return "everyone"
    if isinstance(cond, AllOf):
        return " and ".join(_wrap(c) for c in cond.all)
    if isinstance(cond, AnyOf):
        return " or ".join(_wrap(c) for c in cond.any)
    if isinstance(cond, Not):
        return f"not ({condition(cond.not_)})"
    return _test(cond)


def _wrap(cond: Condition) -> str:
    text = condition(cond)
    return f"({text})" if isinstance(cond, (AllOf, AnyOf)) else text


def _test(t: FactTest) -> str:
    label = FACT_LABELS[t.fact]
    value = t.operand(t.op)
    if FACTS[t.fact].type is FactType.BOOL:
        return label if value else f"not: {label}"
    if t.fact == "exam_passed":
        label = f"{label} {t.exam}"
    if isinstance(value, date):
        return f"{label} {_OP_WORDS[t.op]} {dates.fmt(value)}"
    names = ", ".join(_code(v) for v in value)
    return f"{label} {_OP_WORDS[t.op]} {names}"


def _code(value: str) -> str:
    name = country_name(value) if len(value) == 2 and value.isupper() else value
    return f"{name} ({value})" if name != value else value


def values(version: Version, pack: Pack | None = None, others: Sequence[Pack] = ()) -> str:
    """A version's own values, in a line: 'years: 10; training: residency'. With its
    ``pack`` (and the ``others`` loaded beside it), an exam's shared attempts name the
    exams that share them; a list of documents is counted here, each said by
    :func:`items`."""
    if version.repealed:
        return "repealed: the rule no longer applies"
    if version.unknown is not None:
        return f"unknown — ask: {version.unknown.question}"
    if isinstance(version, DocumentValidityVersion) and version.document and version.months:
        return "; ".join(
            [
                f"{_said(version.document, pack)}, accepted only within "
                f"{dates.Span(months=version.months).describe()} of issue",
                *([_kind(version.kind, pack)] if version.kind else []),
            ]
        )
    if isinstance(version, ProcedureMinimumsVersion) and version.minimums:
        n = len(version.minimums)  # each on a line of its own (items)
        return f"{version.logbook}: {n} procedure number{'s' if n > 1 else ''}"
    parts = []
    for k, v in version.params().items():
        if v in (None, [], {}) or (
            k == "attempts_per_year_basis" and not version.params().get("attempts_per_year")
        ):
            continue
        if k in _FLAGS:
            parts.append(_FLAGS[k][0 if v else 1])
        elif k == "by_return_type":
            parts += [
                f"for {a_or_an(t.value)} {t.value} return: {_value(o)[1:-1]}" for t, o in v.items()
            ]
        elif k == "attempt_pool":
            parts.append(_pool(v, [*([pack] if pack else []), *others]))
        elif isinstance(v, Tiers):  # "Tier 1 (...): ABIM, ABS; Tier 2: ...", no "tiers:"
            parts.append(v.words())
        elif k == "documents":  # each on a line of its own (items)
            parts.append(f"{len(v)} document{'s' if len(v) > 1 else ''}")
        else:
            parts.append(f"{_KEY_WORDS.get(k, k.replace('_', ' '))}: {_value(v)}")
    return "; ".join(parts)


def items(version: Version, pack: Pack | None = None) -> list[str]:
    """The documents a version lists, each in a sentence (:func:`document`), or its
    procedure numbers (:func:`minimum`)."""
    if isinstance(version, ProcedureMinimumsVersion):
        return [minimum(m, pack) for m in version.minimums or []]
    return [document(d, pack) for d in getattr(version, "documents", None) or []]


def minimum(m: ProcedureMinimum, pack: Pack | None = None) -> str:
    """A procedure number in a sentence: the item and how many cases (in whose hands,
    where first assistance is asked: a case you performed counts too), which rows of a
    US case log count toward it (`wayhome cases minimums` counts them), and its note."""
    text = f"{m.name}: {m.count} case{'s' if m.count > 1 else ''}{m.hands}"
    if m.role == "assisted":
        text += " (cases you performed count too)"
    rows = []
    if m.match.codes:
        rows.append(f"with CPT code {in_a_list(m.match.codes, 'or')}")
    if m.match.words:
        rows.append(f"whose category or description says {in_a_list(m.match.words, 'or')}")
    if rows:
        text += f". Counted from a US case log: a row {', or '.join(rows)}."
    elif m.note:
        text += ". Not counted from a US case log."
    else:
        text += ". Not counted from a US case log: count these from your own records."
    return f"{text} {_said(m.note, pack)}" if m.note else text


def document(item: DocumentItem, pack: Pack | None = None) -> str:
    """A document a regulator asks for, in a sentence: its name, then what it takes
    (its steps in order, its verification, the time to allow, how long it is accepted,
    the later step it comes from, by that rule's title), where it goes in your profile
    (its kind, in the words the profile's documents use), and its note. With its
    ``pack``, a rule's id in its words is that rule's title (Pack.in_words)."""
    needs = []
    if item.steps:
        steps = [_said(step, pack) for step in item.steps]
        needs.append("first " + ", then ".join(steps) if len(steps) > 1 else steps[0])
    if item.verification:
        needs.append(f"verification: {_lower_first(_said(item.verification, pack))}")
    if item.lead_time:
        needs.append(f"allow {item.lead_time.span.describe()}")
    if item.valid_for:
        needs.append(f"accepted only within {item.valid_for.span.describe()} of issue")
    if item.produced_by:
        step = pack.rule(item.produced_by) if pack else None
        needs.append(f"it comes from a later step, “{step.title if step else item.produced_by}”")
    if item.kind:
        needs.append(_kind(item.kind, pack))
    text = f"{item.name} — {'; '.join(needs)}." if needs else f"{item.name}."
    return f"{text} {_said(item.note, pack)}" if item.note else text


def _kind(kind: str, pack: Pack | None) -> str:
    """Where a document of this kind goes in your profile: under the kind's words, as
    the profile's documents list them (Documents you hold)."""
    words = known_document_kinds(pack).get(kind, kind.replace("-", " "))
    return f"in your profile, under “{words[:1].upper()}{words[1:]}”"


def _said(text: str, pack: Pack | None) -> str:
    """``text`` with its pack's rule ids said as their titles."""
    return pack.in_words(text) if pack else text


def _lower_first(text: str) -> str:
    """'Primary-source verification' as it reads inside a sentence; a name that keeps its
    capitals (DataFlow, EPIC) as it is."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[1:] == first[1:].lower() else text


# Keys said otherwise than by their name.
_KEY_WORDS: Final = {
    "age": "age limit",
    "by_post": "for a post",
    "attempts_per_year_basis": "a year counted as",
    "after": "counted from",
    "min_course_months": "course of at least (months)",
    "min_internship_months": "internship of at least (months)",
}
# Yes-or-no values as a phrase (yes, no).
_FLAGS: Final = {
    "inclusive": ("that age itself still allowed", "only under that age"),
    "while_licensed": ("counted only while licensed", "counted licensed or not"),
}
_WORDS: Final = {
    "full_specialist": "full specialist",
    "provisional": "provisional (limited) specialist",
    "conversion": "conversion (local exams or years)",
    "not_recognised": "not recognised",
    "board_certification": "board certification",
    "calendar": "a calendar year",
    "rolling": "any 12 months",
}


def _pool(pool: str, packs: Sequence[Pack]) -> str:
    """Shared attempts, with the exams that share them by name (an exam of another pack
    with its code: the UAE's three regulators count one pool)."""
    home = packs[0].code if packs else None
    shared = [
        r.name + ("" if p.code == home else f" ({p.code})")
        for p in packs
        for r in p.rules
        if isinstance(r, ExamRule) and any(v.attempt_pool == pool for v in r.versions)
    ]
    if len(shared) > 1:
        return f"attempts counted together across {in_a_list(shared)}"
    return "attempts counted together with the other exams that share them"


def version_notes(version: Version, pack: Pack | None = None) -> list[tuple[str, str]]:
    """What a version says besides its values, each with its label: why its value is
    unknown, its note, and the source's own words. With its ``pack``, a rule's id in the
    first two is its title (Pack.in_words); the source's words stay as written."""
    out: list[tuple[str, str]] = []
    if version.unknown is not None:
        out.append(("why", _said(version.unknown.why, pack)))
    if version.note:
        out.append(("note", _said(version.note, pack)))
    if version.quote:
        out.append(("quote", f"“{version.quote}”"))
    return out


def event(event: str, pack: Pack | None = None) -> str:
    """What a rule is checked against, in words (its ``event``); with its ``pack``, an
    exam by its name, not its rule's id."""
    if event.startswith("exam:"):
        exam = next((r for r in pack.rules if r.id == event[5:]), None) if pack else None
        if exam is not None and hasattr(exam, "name"):
            return f"the first sitting of {exam.name} after your return"
        return f"the first sitting of exam '{event[5:]}' after your return"
    return {
        "application": "your application (plan.applications, else your return date)",
        "return": "your return date",
        "post": "your return date (taking up a post)",
    }.get(event, event)


def _value(v: Any) -> str:
    if isinstance(v, Duration):
        return v.span.describe()
    if isinstance(v, date):
        return dates.fmt(v)
    if isinstance(v, list):
        return ", ".join(_value(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{_value(k)}: {_value(x)}" for k, x in v.items())
    if isinstance(v, PassMark):
        return f"{v.score:g} out of {v.out_of:g}" if v.out_of else f"{v.score:g}"
    if isinstance(v, Sittings):
        return _sittings(v)
    if isinstance(v, Announced):
        session = _month_words(v.session) if v.session else None
        text = dates.fmt(v.date) + (f" (the {session} session)" if session else "")
        return text + (f" (date to confirm: {v.to_confirm})" if v.to_confirm else "")
    if isinstance(v, StrictModel):
        fields = v.model_dump(exclude_none=True, exclude_defaults=True)
        return "(" + "; ".join(f"{_label(k)}: {_value(getattr(v, k))}" for k in fields) + ")"
    if isinstance(v, bool):
        return "yes" if v else "no"
    text = str(getattr(v, "value", v))
    if len(text) == 2 and text.isupper():
        return country_name(text)
    return _WORDS.get(text, text)


def _label(key: str) -> str:
    return _KEY_WORDS.get(key, key.replace("_", " "))


def _sittings(s: Sittings) -> str:
    if s.on_demand:
        return "booked on request"
    parts = []
    if s.months:
        parts.append("every year in " + ", ".join(MONTHS[m - 1] for m in s.months))
    if s.dates:
        parts.append("announced: " + ", ".join(_value(d) for d in s.dates))
    return "; ".join(parts)


def _month_words(iso_month: str) -> str:
    """A month as "Dec 2026" (from "2026-12")."""
    return dates.fmt_month(date.fromisoformat(iso_month + "-01"))
