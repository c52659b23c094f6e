"""Rules in words: conditions and version values as a physician reads them.

Used by `wayhome packs show` (and later the web app) to say what applies,
to whom, and where it comes from.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.strict import StrictModel
from wayhome.core.rules.base import Duration, Version
from wayhome.core.rules.conditions import FACTS, AllOf, AnyOf, Condition, FactTest, FactType, Not

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


def values(version: Version) -> str:
    """A version's own values, in a line: 'years: 10; training: residency'."""
    if version.repealed:
        return "repealed: the rule no longer applies"
    if version.unknown is not None:
        return f"unknown — ask: {version.unknown.question}"
    parts = [
        f"{k.replace('_', ' ')}: {_value(v)}"
        for k, v in version.params().items()
        if v not in (None, [], {})
    ]
    return "; ".join(parts)


def version_notes(version: Version) -> list[tuple[str, str]]:
    """What a version says besides its values, each with its label: why its value is
    unknown, its note, and the source's own words (``packs show`` prints them)."""
    out: list[tuple[str, str]] = []
    if version.unknown is not None:
        out.append(("why", version.unknown.why))
    if version.note:
        out.append(("note", version.note))
    if version.quote:
        out.append(("quote", f"“{version.quote}”"))
    return out


def event(event: str) -> str:
    """What a rule is checked against, in words (its ``event``)."""
    if event.startswith("exam:"):
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
        return "; ".join(f"{k}: {_value(x)}" for k, x in v.items())
    if isinstance(v, StrictModel):
        fields = v.model_dump(exclude_none=True, exclude_defaults=True)
        return "{" + ", ".join(f"{k}: {_value(getattr(v, k))}" for k in fields) + "}"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(getattr(v, "value", v))
