"""A pack's open question that names an exam only some people sit applies only to them,
so the regulator email never asks someone about an exam they are exempt from (an Indian
MBBS graduate about the FMGE)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import all_packs
from wayhome.core.rules.kinds.exams import ExamRule


def _questions(pack):
    """Every open question of the pack, with whom it is asked of: (where, text, condition)."""
    out = [(f"unknowns: {u.id}", u.question, u.applies_when) for u in pack.unknowns]
    for r in pack.rules:
        for v in r.versions:
            if getattr(v, "unknown", None) is not None:
                out.append((f"rule {r.id}", v.unknown.question, r.applies_when or v.applies_when))
    return out


@pytest.mark.parametrize("pack", all_packs(), ids=lambda p: p.code)
def test_a_question_naming_an_exam_some_need_not_sit_is_asked_only_of_those_who_do(pack):
    narrow = [r for r in pack.rules if isinstance(r, ExamRule) and r.applies_when is not None]
    wrong = []
    for where, text, condition in _questions(pack):
        for exam in narrow:
            names = [exam.name, *exam.aliases]
            if (
                condition is None
                and where != f"rule {exam.id}"
                and any(re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE) for n in names)
            ):
                wrong.append(f"{where} names {exam.id}, which applies only to some: give it "
                             "the exam's applies_when")  # fmt: skip
    assert wrong == []
