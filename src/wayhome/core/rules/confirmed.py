"""Rules the physician confirmed with their regulator, put in place of the pack's
(an override of a pack rule's values) or beside them (a new rule of a known kind).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Any, Final

from pydantic import ValidationError

from wayhome.core.common.problems import Problem, ProblemsError
from wayhome.core.common.typed_dates import parse_date
from wayhome.core.profile.facts import exam_key
from wayhome.core.profile.model import ConfirmedRule, Profile
from wayhome.core.rules.base import CONFIRMED_SOURCE, Rule
from wayhome.core.rules.kinds import KINDS
from wayhome.core.rules.kinds.exams import ExamRule
from wayhome.core.rules.pack import EXAM_EVENT_PREFIX, Pack

KIND_TITLES: Final = {
    "max_age": "Age limit",
    "max_years_since_graduation": "Years since graduation",
    "max_years_since_training": "Years since the end of training",
    "min_years_experience": "Experience needed",
    "recent_practice": "Recent practice",
    "max_years_in_status": "Time allowed in a visa status",
    "home_presence_after_status": "Home presence after a visa",
    "exam": "Exam",
    "document_validity": "How fresh a document must be",
    "required_documents": "Documents needed",
    "recognition": "Recognition of US training",
    "local_training": "Local training required",
    "course_window": "Medical course within its window",
    "temporary_licence": "Temporary licence",
}


# A rule a person's answer made (not the pack's) is named so: "confirmed-1" for the
# first confirmed rule of the profile.
OWN_RULE_PREFIX: Final = "confirmed-"


def own_rule_id(i: int) -> str:
    """The id of the rule the profile's ``i``th confirmed rule (from 0) makes."""
    return f"{OWN_RULE_PREFIX}{i + 1}"


# A day written in a confirmation's free text: "2026-10-02", "3 Nov 2026", "Nov 3, 2026".
_DAY_IN_TEXT: Final = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b"
    r"|\b\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\b"
    r"|\b[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}\b"
)


def told_on(c: ConfirmedRule) -> date | None:
    """When the regulator told the physician: the evidence's ``date``, else the last day
    its words give ("phone call with the council, 2026-10-02"); None when neither does
    (an undated confirmation, said so)."""
    if c.evidence_date is not None:
        return c.evidence_date
    found = None
    for m in _DAY_IN_TEXT.finditer(c.evidence_note):
        try:
            found = parse_date(m.group(0))
        except ValueError:
            continue
    return found


def with_confirmed(
    profile: Profile, pack: Pack | None, code: str
) -> tuple[list[tuple[Any, ConfirmedRule | None]], list[Problem]]:
    """The pack's rules with the user's confirmed rules put in (they take precedence)."""
    rules: list[tuple[Any, ConfirmedRule | None]] = [
        (r, None) for r in (pack.rules if pack else [])
    ]
    problems: list[Problem] = []
    for i, c in enumerate(profile.confirmed_rules):
        if c.jurisdiction not in (code, code[:2]):
            continue
        path = ("confirmed_rules", i)
        try:
            if c.rule is not None:
                at = next((k for k, (r, _) in enumerate(rules) if r.id == c.rule), None)
                if at is None:
                    if c.jurisdiction == code or pack is None:
                        ids = ", ".join(r.id for r, _ in rules) or "none"
                        problems.append(
                            Problem(
                                (*path, "rule"),
                                f"no rule '{c.rule}' in the {code} pack (its rules: {ids})",
                            )
                        )
                    continue
                rules[at] = (_override(rules[at][0], c, profile.plan.return_date), c)
            else:
                rules.append((_new_rule(c, i, pack), c))
        except ProblemsError as e:
            problems += e.problems
        except ValidationError as e:
            for err in e.errors():
                loc = [p for p in err["loc"] if p not in ("versions", 0)]
                problems.append(Problem((*path, *loc), err["msg"]))
    return rules, problems


def _override(rule: Any, c: ConfirmedRule, on: date) -> Any:
    i = max(0, bisect_right([v.start_bounds()[0] or date.min for v in rule.versions], on) - 1)
    base = rule.versions[i].params()
    data = {
        **{k: v for k, v in base.items() if v is not None},
        **c.values,
        "source": CONFIRMED_SOURCE,
    }
    version = type(rule.versions[i]).model_validate(data)
    return rule.model_copy(update={"versions": [version]})


def _new_rule(c: ConfirmedRule, i: int, pack: Pack | None) -> Any:
    assert c.kind is not None
    model = KINDS.get(c.kind)
    if model is None:
        raise ProblemsError(
            [
                Problem(
                    ("confirmed_rules", i, "kind"),
                    f"unknown kind '{c.kind}'; kinds: {', '.join(KINDS)}",
                )
            ]
        )
    rule_fields = set(model.model_fields) - set(Rule.model_fields) - {"kind"}
    values = c.values
    rule_values = {k: v for k, v in values.items() if k in rule_fields}
    version_values = {k: v for k, v in values.items() if k not in rule_fields}
    event = c.event or _event_for(c.applies_to, pack)
    title = c.title or KIND_TITLES.get(c.kind, c.kind) + (
        f": {c.applies_to}" if c.applies_to else ""
    )
    return model.model_validate(
        {
            "id": own_rule_id(i),
            "kind": c.kind,
            "title": title,
            "event": event,
            "versions": [{**version_values, "source": CONFIRMED_SOURCE}],
            **rule_values,
        }
    )


def _event_for(applies_to: str | None, pack: Pack | None) -> str:
    """An exam the free text names, or the application (the return date)."""
    if applies_to and pack is not None:
        want = exam_key(applies_to)
        for r in pack.rules:
            if isinstance(r, ExamRule) and want in {
                exam_key(n) for n in (r.id, r.name, *r.aliases)
            }:
                return EXAM_EVENT_PREFIX + r.id
    return "application"
